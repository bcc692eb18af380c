// The evaluation as it was before arguments (format version 4, commit 8d9b014), frozen: the
// generalised rule must label every map without arguments exactly as this did. Never edit.
import type { ClashMap } from '../../../src/model/map';
import {
  EDGE_KINDS,
  relationKind,
  type EdgeKind,
  type EvaluationRole,
} from '../../../src/model/relations/registry';

/**
 * Which nodes of a map stand, under one plain rule: a node stands when none of its rebutters
 * stands and, if it has supporters, at least one of them stands. This is the grounded (sceptical)
 * semantics of an abstract dialectical framework; docs/evaluation.md gives the rule for a
 * teacher and the precise definition.
 */

/** A node's verdict: the rule accepts it, rejects it, or cannot settle it (an unresolved cycle). */
export type Label = 'stands' | 'falls' | 'undecided';

/** What a what-if fixes a node to, whatever the rule says: a concession or a strike. */
export type Assumption = 'stands' | 'falls';

/** What-ifs by node id; ids that are not nodes of the map are ignored. */
export type Assumptions =
  ReadonlyMap<string, Assumption> | Readonly<Record<string, Assumption | undefined>>;

/** Which edges hold an unresolved cycle together. */
export type CycleKind = 'rebuttal' | 'support' | 'mixed';

/** Why a node stands. Ids are node ids, in the order the map lists the edges. */
export type StandsReason =
  /** No supporters and no rebutters: taken as given. */
  | { kind: 'given' }
  | { kind: 'assumed'; value: 'stands' }
  /** No supporters, and every rebutter falls. */
  | { kind: 'unrebutted'; rebuttersFall: string[] }
  /** `by`: the supporters that stand; `rebuttersFall`: every rebutter (all fall), maybe none. */
  | { kind: 'supported'; by: string[]; rebuttersFall: string[] };

/** Why a node falls. */
export type FallsReason =
  | { kind: 'assumed'; value: 'falls' }
  /** `by`: every rebutter that stands. */
  | { kind: 'rebutted'; by: string[] }
  /**
   * No rebutter stands, but no supporter can hold it up: `supporters` all fall, and `alsoRebut`
   * both support and rebut it (so they could only help by standing, which would defeat it).
   */
  | { kind: 'supportersFall'; supporters: string[]; alsoRebut: string[] };

/** Why a node is undecided. `cycle` names at most three nodes; `size` counts them all. */
export type UndecidedReason =
  /** It sits in an unresolved cycle; `with` names other members, its direct neighbours first. */
  | { kind: 'cycle'; with: string[]; size: number; through: CycleKind }
  /**
   * It is not in a cycle but hangs on undecided nodes: `rebutters` (undecided rebutters) and
   * `supporters` (undecided supporters, listed only when none of its supporters stands); the
   * chain leads back to the cycle `cycle` (at most three members, `cycleSize` in all).
   */
  | {
      kind: 'dependsOnUndecided';
      rebutters: string[];
      supporters: string[];
      cycle: readonly string[];
      cycleSize: number;
      through: CycleKind;
    };

/** Every reason, for renderers that switch on `kind`. */
export type Reason = StandsReason | FallsReason | UndecidedReason;

/** One node's label with the reason for it; the label narrows the reason. */
export type NodeEvaluation =
  | { label: 'stands'; reason: StandsReason }
  | { label: 'falls'; reason: FallsReason }
  | { label: 'undecided'; reason: UndecidedReason };

/**
 * What a debate round adds to the reasons (src/model/roundEvaluation.ts): which arguments the
 * other side dropped (their later answers were not counted) and which were crossed out.
 */
export interface RoundNotes {
  /** By node id: who dropped it ("the 2NR", "the negative block (2NC and 1NR)") and the answers that came too late. */
  readonly dropped: ReadonlyMap<
    string,
    { readonly by: string; readonly lateAnswers: readonly string[] }
  >;
  /** By node id: crossed out in `speech` by `side`, giving it up (its own side) or granting it. */
  readonly conceded: ReadonlyMap<
    string,
    { readonly speech: string; readonly side: string; readonly granted: boolean }
  >;
}

/** The labelling of a whole map. */
export interface Evaluation {
  /** Every node of the map, in map order. */
  readonly nodes: ReadonlyMap<string, NodeEvaluation>;
  /** For a debate round: drops and crossings-out behind the labels. */
  readonly round?: RoundNotes | undefined;
}

const UNLABELLED = 0;
const STANDS = 1;
const FALLS = 2;
const NAMED_CYCLE_MEMBERS = 3;

/** Lists per node packed into one array: node i's items are items[start[i]] to items[start[i + 1]]. */
interface Lists {
  start: Int32Array;
  items: Int32Array;
}

// Two passes (count, then fill) keep a 20,000-edge map to a handful of typed arrays instead of
// thousands of small JS arrays, which is what keeps evaluation well inside a frame.
function group(
  n: number,
  size: number,
  keyAt: (i: number) => number,
  valueAt: (i: number) => number,
): Lists {
  const start = new Int32Array(n + 1);
  for (let i = 0; i < size; i++) {
    const key = keyAt(i);
    if (key >= 0) start[key + 1]!++;
  }
  for (let key = 0; key < n; key++) start[key + 1]! += start[key]!;
  const items = new Int32Array(start[n]!);
  const next = start.slice(0, n);
  for (let i = 0; i < size; i++) {
    const key = keyAt(i);
    if (key >= 0) items[next[key]!++] = valueAt(i);
  }
  return { start, items };
}

const count = (lists: Lists, node: number) => lists.start[node + 1]! - lists.start[node]!;

/** The map as numbers: who rebuts and who supports whom, each pair once, in file order. */
interface Graph {
  ids: string[];
  indexOf: Map<string, number>;
  rebutters: Lists;
  /** Supporters that do not also rebut the node. */
  helpers: Lists;
  /** Supporters that also rebut the node: they can never hold it up (see evaluateMap). */
  twoFaced: Lists;
  rebuts: Lists;
  helps: Lists;
}

const DROPPED = 0;
const REBUTS = 1;
const HELPS = 2;
const TWO_FACED = 3;

// Each relation kind's evaluation role (from the registry) as the code the solver works with.
// A turn is an attack on its target plus an attack on everything its target supports.
const TURNS = 4;
// (Frozen: the roles of version 4 only. Kinds added later are not in maps this is run on.)
const ROLE_CODE: Partial<Record<EvaluationRole, number>> = {
  supports: HELPS,
  attacks: REBUTS,
  turns: TURNS,
};
const EDGE_ROLE: ReadonlyMap<EdgeKind, number> = new Map(
  EDGE_KINDS.map((kind) => [kind, ROLE_CODE[relationKind(kind).evaluation] ?? HELPS]),
);

function graphOf(map: Pick<ClashMap, 'nodes' | 'edges'>): Graph {
  const ids: string[] = [];
  const indexOf = new Map<string, number>();
  for (const node of map.nodes) {
    if (indexOf.has(node.id)) continue;
    indexOf.set(node.id, ids.length);
    ids.push(node.id);
  }
  const n = ids.length;
  let turns = 0;
  for (const edge of map.edges) if (EDGE_ROLE.get(edge.kind) === TURNS) turns++;
  // A turn adds one attack per node its target supports, so the arrays grow when turns need it.
  const capacity = map.edges.length;
  let from = new Int32Array(capacity);
  let to = new Int32Array(capacity);
  let role = new Uint8Array(capacity);
  let size = 0;
  const push = (f: number, t: number, r: number) => {
    if (size === from.length) {
      const grow = <A extends Int32Array | Uint8Array>(old: A, make: (n: number) => A) => {
        const next = make(old.length * 2 + 16);
        next.set(old);
        return next;
      };
      from = grow(from, (k) => new Int32Array(k));
      to = grow(to, (k) => new Int32Array(k));
      role = grow(role, (k) => new Uint8Array(k));
    }
    from[size] = f;
    to[size] = t;
    role[size++] = r;
  };
  const supportsOf = new Map<number, number[]>();
  for (const edge of map.edges) {
    const f = indexOf.get(edge.from);
    const t = indexOf.get(edge.to);
    if (f === undefined || t === undefined) continue;
    const r = EDGE_ROLE.get(edge.kind) ?? HELPS;
    if (turns > 0 && r === HELPS) {
      const list = supportsOf.get(f);
      if (list) list.push(t);
      else supportsOf.set(f, [t]);
    }
  }
  for (const edge of map.edges) {
    const f = indexOf.get(edge.from);
    const t = indexOf.get(edge.to);
    if (f === undefined || t === undefined) continue;
    const r = EDGE_ROLE.get(edge.kind) ?? HELPS;
    if (r !== TURNS) {
      push(f, t, r);
      continue;
    }
    push(f, t, REBUTS);
    for (const supported of supportsOf.get(t) ?? [])
      if (supported !== f) push(f, supported, REBUTS);
  }
  // Per target, drop repeated edges and find supporters that also rebut, with stamps rather
  // than sets: seen[node] === target + 1 means "already met while looking at target".
  const byTarget = group(
    n,
    size,
    (i) => to[i]!,
    (i) => i,
  );
  const seenRebutter = new Int32Array(n);
  const seenSupporter = new Int32Array(n);
  for (let target = 0; target < n; target++) {
    const stamp = target + 1;
    const first = byTarget.start[target]!;
    const last = byTarget.start[target + 1]!;
    for (let at = first; at < last; at++) {
      const e = byTarget.items[at]!;
      if (role[e] !== REBUTS) continue;
      if (seenRebutter[from[e]!] === stamp) role[e] = DROPPED;
      else seenRebutter[from[e]!] = stamp;
    }
    for (let at = first; at < last; at++) {
      const e = byTarget.items[at]!;
      if (role[e] !== HELPS) continue;
      if (seenSupporter[from[e]!] === stamp) role[e] = DROPPED;
      else {
        seenSupporter[from[e]!] = stamp;
        if (seenRebutter[from[e]!] === stamp) role[e] = TWO_FACED;
      }
    }
  }
  const incoming = (kind: number) =>
    group(
      n,
      size,
      (i) => (role[i] === kind ? to[i]! : -1),
      (i) => from[i]!,
    );
  const outgoing = (kind: number) =>
    group(
      n,
      size,
      (i) => (role[i] === kind ? from[i]! : -1),
      (i) => to[i]!,
    );
  return {
    ids,
    indexOf,
    rebutters: incoming(REBUTS),
    helpers: incoming(HELPS),
    twoFaced: incoming(TWO_FACED),
    rebuts: outgoing(REBUTS),
    helps: outgoing(HELPS),
  };
}

/**
 * Labels every node stands, falls or undecided (the grounded labelling), honouring `assumptions`,
 * in time linear in nodes plus edges. Edges with a missing end and repeated edges are ignored.
 */
export function evaluateMap(
  map: Pick<ClashMap, 'nodes' | 'edges'>,
  assumptions?: Assumptions,
): Evaluation {
  const graph = graphOf(map);
  const { ids, rebutters, helpers, twoFaced, rebuts, helps } = graph;
  const n = ids.length;
  // A supporter that also rebuts its target can never hold it up: to help it must stand, and
  // then its rebuttal defeats the target. So only the other supporters ("helpers") are counted.
  const rebuttersLeft = new Int32Array(n);
  const helpersLeft = new Int32Array(n);
  const hasSupporters = new Uint8Array(n);
  const supportStands = new Uint8Array(n);
  for (let node = 0; node < n; node++) {
    rebuttersLeft[node] = count(rebutters, node);
    helpersLeft[node] = count(helpers, node);
    hasSupporters[node] = helpersLeft[node]! + count(twoFaced, node) > 0 ? 1 : 0;
  }

  const label = new Uint8Array(n);
  const assumed = new Uint8Array(n);
  const queue = new Int32Array(n);
  let tail = 0;
  const settle = (node: number, value: number) => {
    label[node] = value;
    queue[tail++] = node;
  };
  for (const [id, value] of assumptionEntries(assumptions)) {
    const node = graph.indexOf.get(id);
    if (node === undefined || label[node] !== UNLABELLED) continue;
    if (value !== 'stands' && value !== 'falls') {
      throw new TypeError(`an assumption must be "stands" or "falls", not ${String(value)}`);
    }
    assumed[node] = 1;
    settle(node, value === 'stands' ? STANDS : FALLS);
  }
  for (let node = 0; node < n; node++) {
    if (label[node] !== UNLABELLED) continue;
    if (rebuttersLeft[node] === 0 && hasSupporters[node] === 0) settle(node, STANDS);
    else if (hasSupporters[node] === 1 && helpersLeft[node] === 0) settle(node, FALLS);
  }

  // Each node is settled once and each of its out-edges looked at once: O(nodes + edges).
  // Labels only ever go from unlabelled to final, which is why this reaches the least fixpoint.
  for (let head = 0; head < tail; head++) {
    const node = queue[head]!;
    const stands = label[node] === STANDS;
    for (let at = rebuts.start[node]!; at < rebuts.start[node + 1]!; at++) {
      const target = rebuts.items[at]!;
      if (label[target] !== UNLABELLED) continue;
      if (stands) settle(target, FALLS);
      else if (
        --rebuttersLeft[target]! === 0 &&
        (hasSupporters[target] === 0 || supportStands[target] === 1)
      )
        settle(target, STANDS);
    }
    for (let at = helps.start[node]!; at < helps.start[node + 1]!; at++) {
      const target = helps.items[at]!;
      if (label[target] !== UNLABELLED) continue;
      if (stands) {
        supportStands[target] = 1;
        if (rebuttersLeft[target] === 0) settle(target, STANDS);
      } else if (--helpersLeft[target]! === 0) settle(target, FALLS);
    }
  }

  const cycles = explainUndecided(graph, label, supportStands);
  const select = (lists: Lists, node: number, keep: (other: number) => boolean) => {
    const chosen: string[] = [];
    for (let at = lists.start[node]!; at < lists.start[node + 1]!; at++) {
      const other = lists.items[at]!;
      if (keep(other)) chosen.push(ids[other]!);
    }
    return chosen;
  };
  const all = () => true;
  const standing = (other: number) => label[other] === STANDS;
  const result = new Map<string, NodeEvaluation>();
  for (let node = 0; node < n; node++) {
    const id = ids[node]!;
    const state = label[node];
    if (assumed[node] === 1) {
      result.set(
        id,
        state === STANDS
          ? { label: 'stands', reason: { kind: 'assumed', value: 'stands' } }
          : { label: 'falls', reason: { kind: 'assumed', value: 'falls' } },
      );
    } else if (state === STANDS) {
      const rebuttersFall = select(rebutters, node, all);
      let reason: StandsReason;
      if (hasSupporters[node] === 1)
        reason = { kind: 'supported', by: select(helpers, node, standing), rebuttersFall };
      else if (rebuttersFall.length > 0) reason = { kind: 'unrebutted', rebuttersFall };
      else reason = { kind: 'given' };
      result.set(id, { label: 'stands', reason });
    } else if (state === FALLS) {
      const by = select(rebutters, node, standing);
      const reason: FallsReason =
        by.length > 0
          ? { kind: 'rebutted', by }
          : {
              kind: 'supportersFall',
              supporters: select(helpers, node, all),
              alsoRebut: select(twoFaced, node, all),
            };
      result.set(id, { label: 'falls', reason });
    } else {
      result.set(id, { label: 'undecided', reason: cycles.reasonFor(node) });
    }
  }
  return { nodes: result };
}

function assumptionEntries(assumptions: Assumptions | undefined): Iterable<[string, unknown]> {
  if (assumptions === undefined) return [];
  // Any ReadonlyMap will do, not only a Map: a record's values are strings, never functions.
  if (typeof assumptions.entries === 'function' && typeof assumptions.get === 'function')
    return (assumptions as ReadonlyMap<string, Assumption>).entries();
  return Object.entries(assumptions).filter(([, value]) => value !== undefined);
}

/**
 * Finds, for every undecided node, the cycle that keeps it undecided. An undecided node always
 * has an undecided neighbour the rule is waiting on (its blocker): an undecided rebutter, or an
 * undecided helper when no supporter stands. Following blockers must end in a cycle, so a
 * strongly-connected-components pass over the blocker graph names it.
 */
function explainUndecided(graph: Graph, label: Uint8Array, supportStands: Uint8Array) {
  const { ids, rebutters, helpers } = graph;
  const n = ids.length;
  const undecided = (node: number) => label[node] === UNLABELLED;

  // Blockers of an undecided node: its undecided rebutters, then (if no supporter stands) its
  // undecided helpers; packed like the other lists, with a flag saying which kind each is.
  const start = new Int32Array(n + 1);
  const gather = (visit: (node: number, other: number, rebuts: boolean) => void) => {
    for (let node = 0; node < n; node++) {
      if (!undecided(node)) continue;
      for (let at = rebutters.start[node]!; at < rebutters.start[node + 1]!; at++)
        if (undecided(rebutters.items[at]!)) visit(node, rebutters.items[at]!, true);
      if (supportStands[node] === 1) continue;
      for (let at = helpers.start[node]!; at < helpers.start[node + 1]!; at++)
        if (undecided(helpers.items[at]!)) visit(node, helpers.items[at]!, false);
    }
  };
  gather((node) => start[node + 1]!++);
  for (let node = 0; node < n; node++) start[node + 1]! += start[node]!;
  const items = new Int32Array(start[n]!);
  const isRebuttal = new Uint8Array(start[n]!);
  const fill = start.slice(0, n);
  gather((node, other, rebuts) => {
    isRebuttal[fill[node]!] = rebuts ? 1 : 0;
    items[fill[node]!++] = other;
  });

  // Tarjan's algorithm, iterative so that a long chain cannot overflow the call stack. It
  // finishes a component only after everything it depends on, so a component that is not a
  // cycle can inherit its cycle from its first blocker, which is already finished.
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const next = start.slice(0, n);
  const componentOf = new Int32Array(n).fill(-1);
  const componentSize: number[] = [];
  const cycleOf: number[] = [];
  const stack: number[] = [];
  const calls: number[] = [];
  let counter = 0;
  const enter = (node: number) => {
    order[node] = low[node] = counter++;
    onStack[node] = 1;
    stack.push(node);
    calls.push(node);
  };
  for (let root = 0; root < n; root++) {
    if (!undecided(root) || order[root] !== -1) continue;
    enter(root);
    while (calls.length > 0) {
      const node = calls[calls.length - 1]!;
      if (next[node]! < start[node + 1]!) {
        const blocker = items[next[node]!++]!;
        if (order[blocker] === -1) enter(blocker);
        else if (onStack[blocker] === 1) low[node] = Math.min(low[node]!, order[blocker]!);
        continue;
      }
      calls.pop();
      const caller = calls[calls.length - 1];
      if (caller !== undefined) low[caller] = Math.min(low[caller]!, low[node]!);
      if (low[node] !== order[node]) continue;
      const component = componentSize.length;
      let size = 0;
      let member: number;
      do {
        member = stack.pop()!;
        onStack[member] = 0;
        componentOf[member] = component;
        size++;
      } while (member !== node);
      componentSize.push(size);
      // The model refuses self-loops, so a one-node cycle only turns up in hand-made maps.
      const blockers = items.subarray(start[node]!, start[node + 1]!);
      const cyclic = size > 1 || blockers.includes(node);
      cycleOf.push(cyclic ? component : cycleOf[componentOf[blockers[0]!]!]!);
    }
  }

  // Name cycle members in map order, and note which kinds of edge hold each cycle together.
  const named: number[][] = componentSize.map(() => []);
  const hasRebuttal = new Uint8Array(componentSize.length);
  const hasSupport = new Uint8Array(componentSize.length);
  for (let node = 0; node < n; node++) {
    const component = componentOf[node]!;
    if (component === -1 || cycleOf[component] !== component) continue;
    if (named[component]!.length < NAMED_CYCLE_MEMBERS + 1) named[component]!.push(node);
    for (let at = start[node]!; at < start[node + 1]!; at++) {
      if (componentOf[items[at]!] !== component) continue;
      if (isRebuttal[at] === 1) hasRebuttal[component] = 1;
      else hasSupport[component] = 1;
    }
  }
  const through = (component: number): CycleKind =>
    hasRebuttal[component] === 1 ? (hasSupport[component] === 1 ? 'mixed' : 'rebuttal') : 'support';
  const namedIds = new Map<number, readonly string[]>();

  return {
    reasonFor(node: number): UndecidedReason {
      const component = componentOf[node]!;
      const cycle = cycleOf[component]!;
      if (cycle === component) {
        // Its own blockers inside the cycle come first: they are the ones it visibly answers to.
        const others: number[] = [];
        const add = (other: number) => {
          if (others.length < NAMED_CYCLE_MEMBERS && other !== node && !others.includes(other))
            others.push(other);
        };
        for (let at = start[node]!; at < start[node + 1]!; at++)
          if (componentOf[items[at]!] === component) add(items[at]!);
        for (const member of named[component]!) add(member);
        return {
          kind: 'cycle',
          with: others.map((i) => ids[i]!),
          size: componentSize[component]!,
          through: through(component),
        };
      }
      let cycleIds = namedIds.get(cycle);
      if (cycleIds === undefined) {
        cycleIds = named[cycle]!.slice(0, NAMED_CYCLE_MEMBERS).map((i) => ids[i]!);
        namedIds.set(cycle, cycleIds);
      }
      const blocking = (rebuts: boolean) => {
        const chosen: string[] = [];
        for (let at = start[node]!; at < start[node + 1]!; at++)
          if ((isRebuttal[at] === 1) === rebuts) chosen.push(ids[items[at]!]!);
        return chosen;
      };
      return {
        kind: 'dependsOnUndecided',
        rebutters: blocking(true),
        supporters: blocking(false),
        cycle: cycleIds,
        cycleSize: componentSize[cycle]!,
        through: through(cycle),
      };
    },
  };
}

const QUOTED_LENGTH = 80;
// explain is called once per node, so texts are looked up through a cache keyed by the nodes
// array; edits replace that array (operations never mutate it), so a cached text is never stale.
const textCache = new WeakMap<readonly unknown[], Map<string, string>>();

function textOf(map: Pick<ClashMap, 'nodes'>, id: string): string {
  let texts = textCache.get(map.nodes);
  if (texts === undefined) {
    texts = new Map();
    for (const node of map.nodes) if (!texts.has(node.id)) texts.set(node.id, node.text);
    textCache.set(map.nodes, texts);
  }
  return texts.get(id) ?? map.nodes.find((node) => node.id === id)?.text ?? id;
}

// Long node texts are cut at a word so that a sentence naming three of them stays readable.
function quoted(map: Pick<ClashMap, 'nodes'>, id: string): string {
  const text = textOf(map, id).replace(/\s+/g, ' ').trim();
  if (text.length <= QUOTED_LENGTH) return `“${text}”`;
  const cut = text.slice(0, QUOTED_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `“${(space > QUOTED_LENGTH / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…”`;
}

// Past `max` names a list gives the first few and a count, so a sentence stays one breath long.
function names(
  map: Pick<ClashMap, 'nodes'>,
  list: readonly string[],
  total: number,
  max: number,
): string {
  const shown = (total <= max ? list : list.slice(0, max - 1)).map((id) => quoted(map, id));
  const rest = total - shown.length;
  if (rest > 0) shown.push(`${rest} other${rest === 1 ? '' : 's'}`);
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

const verb = (how: number, one: string, many: string) => (how === 1 ? one : many);

// A node in a cycle of its own: an edge from itself to itself.
function selfCycleWords(subject: string, through: CycleKind): string {
  switch (through) {
    case 'support':
      return `${subject} is its own only support`;
    case 'rebuttal':
    case 'mixed':
      return `${subject} rebuts itself`;
    default: {
      const unknown: never = through;
      throw new TypeError(`unknown cycle kind ${String(unknown)}`);
    }
  }
}

function cycleWords(kind: CycleKind): string {
  if (kind === 'rebuttal') return 'a rebuttal cycle';
  if (kind === 'support') return 'a support cycle';
  return 'a cycle of rebuttals and supports';
}

/**
 * Why a node has its label, in plain words and without the label: `rebutted by “…”, which
 * stands`. Throws if the evaluation has no node with that id.
 */
export function reasonInWords(
  evaluation: Evaluation,
  id: string,
  map: Pick<ClashMap, 'nodes'>,
): string {
  const base = plainReasonInWords(evaluation, id, map);
  const round = evaluation.round;
  if (round === undefined) return base;
  const entry = evaluation.nodes.get(id)!;
  const parts: string[] = [];
  const concession = round.conceded.get(id);
  if (concession && entry.reason.kind === 'assumed') {
    parts.push(
      concession.granted
        ? `the ${concession.side} granted it (crossed out in the ${concession.speech})`
        : `the ${concession.side} gave it up (crossed out in the ${concession.speech})`,
    );
  } else parts.push(base);
  const own = round.dropped.get(id);
  if (own) {
    const late = own.lateAnswers;
    parts.push(
      late.length === 0
        ? `${own.by} dropped it`
        : `${own.by} dropped it, so the later ${verb(late.length, 'answer', 'answers')} ${names(map, late, late.length, 2)} ${verb(late.length, 'does', 'do')} not count`,
    );
  }
  for (const other of citedBy(entry.reason)) {
    const drop = round.dropped.get(other);
    if (drop && other !== id) parts.push(`${drop.by} dropped ${quoted(map, other)}`);
  }
  return parts.join('; ');
}

// The nodes a reason names, in the order it names them.
function citedBy(reason: Reason): string[] {
  switch (reason.kind) {
    case 'given':
    case 'assumed':
      return [];
    case 'unrebutted':
      return reason.rebuttersFall;
    case 'supported':
      return [...reason.by, ...reason.rebuttersFall];
    case 'rebutted':
      return reason.by;
    case 'supportersFall':
      return [...reason.supporters, ...reason.alsoRebut];
    case 'cycle':
      return reason.with;
    case 'dependsOnUndecided':
      return [...reason.rebutters, ...reason.supporters];
  }
}

function plainReasonInWords(
  evaluation: Evaluation,
  id: string,
  map: Pick<ClashMap, 'nodes'>,
): string {
  const entry = evaluation.nodes.get(id);
  if (entry === undefined) throw new RangeError(`no node has the id "${id}"`);
  const reason = entry.reason;
  const list = (ids: readonly string[]) => names(map, ids, ids.length, 2);
  const members = (ids: readonly string[], total: number) => names(map, ids, total, 3);
  switch (reason.kind) {
    case 'given':
      return 'nothing rebuts it, so it is taken as given';
    case 'assumed':
      return `you assumed it ${reason.value === 'stands' ? 'stands' : 'falls'}`;
    case 'unrebutted': {
      const fallen = reason.rebuttersFall.length;
      return `taken as given, and ${list(reason.rebuttersFall)}, which ${verb(fallen, 'rebuts', 'rebut')} it, ${verb(fallen, 'falls', fallen === 2 ? 'both fall' : 'all fall')}`;
    }
    case 'supported': {
      const fallen = reason.rebuttersFall.length;
      const support = `supported by ${list(reason.by)}, which ${verb(reason.by.length, 'stands', 'stand')}`;
      if (fallen === 0) return `${support}, and nothing rebuts it`;
      return `${support}, and ${list(reason.rebuttersFall)}, which ${verb(fallen, 'rebuts', 'rebut')} it, ${verb(fallen, 'falls', fallen === 2 ? 'both fall' : 'all fall')}`;
    }
    case 'rebutted':
      return `rebutted by ${list(reason.by)}, which ${verb(reason.by.length, 'stands', reason.by.length === 2 ? 'both stand' : 'all stand')}`;
    case 'supportersFall': {
      const { supporters, alsoRebut } = reason;
      if (alsoRebut.length === 0) {
        return supporters.length === 1
          ? `its only supporter, ${list(supporters)}, falls`
          : 'all of its supporters fall';
      }
      const twoFaced = `${list(alsoRebut)} ${verb(alsoRebut.length, 'both supports and rebuts', 'both support and rebut')} it, so cannot hold it up`;
      if (supporters.length === 0) return twoFaced;
      return `${twoFaced}, and its other ${verb(supporters.length, 'supporter falls', 'supporters fall')}`;
    }
    case 'cycle':
      if (reason.size === 1) {
        return selfCycleWords('it', reason.through);
      }
      return `part of ${cycleWords(reason.through)} with ${members(reason.with, reason.size - 1)}`;
    case 'dependsOnUndecided': {
      const because =
        reason.cycleSize === 1
          ? `because ${selfCycleWords(list(reason.cycle), reason.through)}`
          : `because of ${cycleWords(reason.through)} between ${members(reason.cycle, reason.cycleSize)}`;
      const { rebutters, supporters } = reason;
      if (rebutters.length > 0) {
        return `rebutted by ${list(rebutters)}, which ${verb(rebutters.length, 'is', 'are')} undecided ${because}`;
      }
      return `its ${verb(supporters.length, 'supporter', 'supporters')} ${list(supporters)} ${verb(supporters.length, 'is', 'are')} undecided ${because}`;
    }
  }
}

/** One plain sentence for a node's label and why: `falls: rebutted by “…”, which stands`. */
export function explain(evaluation: Evaluation, id: string, map: Pick<ClashMap, 'nodes'>): string {
  const entry = evaluation.nodes.get(id);
  if (entry === undefined) throw new RangeError(`no node has the id "${id}"`);
  return `${entry.label}: ${reasonInWords(evaluation, id, map)}`;
}
