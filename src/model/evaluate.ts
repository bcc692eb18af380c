import type { ClashMap } from './map';
import { argumentParts, nodeOf } from './arguments';
import { EDGE_KINDS, relationKind, type EdgeKind, type EvaluationRole } from './relations/registry';

/**
 * Which nodes of a map stand, under one plain rule: a claim stands when none of its rebutters
 * stands and, if it has supporting arguments, at least one of them stands. An argument (a node
 * of kind `argument`, with premises) stands when all of its premises stand and none of its
 * undercutters stands. A plain support edge is a one-premise argument, so a map without argument
 * nodes gets the rule it always had. Contraries attack each other. This is the grounded
 * (sceptical) semantics of an abstract dialectical framework; docs/evaluation.md gives the rule
 * for a teacher and the precise definition.
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
  | { kind: 'supported'; by: string[]; rebuttersFall: string[] }
  /** An argument: all its `premises` stand and every undercutter (`undercuttersFall`) falls. */
  | { kind: 'inference'; premises: string[]; undercuttersFall: string[] };

/** Why a node falls. */
export type FallsReason =
  | { kind: 'assumed'; value: 'falls' }
  /** `by`: every rebutter that stands. */
  | { kind: 'rebutted'; by: string[] }
  /**
   * No rebutter stands, but no supporter can hold it up: `supporters` all fall, and `alsoRebut`
   * both support and rebut it (so they could only help by standing, which would defeat it).
   */
  | { kind: 'supportersFall'; supporters: string[]; alsoRebut: string[] }
  /** An argument none of whose undercutters stands, but with `premises` that fall. */
  | { kind: 'premiseFalls'; premises: string[] };

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
      /** For an argument: its undecided premises (it needs them all). */
      premises: string[];
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
// How an undecided node's blocker holds it up (see explainUndecided).
const BLOCKS_AS_SUPPORTER = 0;
const BLOCKS_AS_REBUTTER = 1;
const BLOCKS_AS_PREMISE = 2;

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
  /** An argument's premises, each once. */
  premises: Lists;
  /** The arguments a node is a premise of. */
  premiseOf: Lists;
}

const DROPPED = 0;
const REBUTS = 1;
const HELPS = 2;
const TWO_FACED = 3;

// Each relation kind's evaluation role (from the registry) as the code the solver works with.
// A turn is an attack on its target plus an attack on everything its target supports.
const TURNS = 4;
// A premise is needed together with its argument's other premises; a conflict is an attack each
// way (written into the graph as two).
const PREMISE = 5;
const CONFLICTS = 6;
const ROLE_CODE: Record<EvaluationRole, number> = {
  supports: HELPS,
  attacks: REBUTS,
  turns: TURNS,
  premise: PREMISE,
  conflicts: CONFLICTS,
};
const EDGE_ROLE: ReadonlyMap<EdgeKind, number> = new Map(
  EDGE_KINDS.map((kind) => [kind, ROLE_CODE[relationKind(kind).evaluation]]),
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
  let conflicts = 0;
  for (const edge of map.edges) {
    const r = EDGE_ROLE.get(edge.kind);
    if (r === TURNS) turns++;
    else if (r === CONFLICTS) conflicts++;
  }
  // A turn adds one attack per node its target supports, so the arrays grow when turns need it.
  const capacity = map.edges.length + conflicts;
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
    if (r === CONFLICTS) {
      push(f, t, REBUTS);
      push(t, f, REBUTS);
      continue;
    }
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
  const seenPremise = new Int32Array(n);
  // An argument's premises, for the rule below: an argument with a premise that rebuts the
  // argument's own conclusion is two-faced, as that premise would be as a plain supporter.
  const premisesOfArgument = group(
    n,
    size,
    (i) => (role[i] === PREMISE ? to[i]! : -1),
    (i) => from[i]!,
  );
  const rebutsTarget = (supporter: number, stamp: number) => {
    if (seenRebutter[supporter] === stamp) return true;
    for (
      let at = premisesOfArgument.start[supporter]!;
      at < premisesOfArgument.start[supporter + 1]!;
      at++
    )
      if (seenRebutter[premisesOfArgument.items[at]!] === stamp) return true;
    return false;
  };
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
      if (role[e] !== PREMISE) continue;
      if (seenPremise[from[e]!] === stamp) role[e] = DROPPED;
      else seenPremise[from[e]!] = stamp;
    }
    for (let at = first; at < last; at++) {
      const e = byTarget.items[at]!;
      if (role[e] !== HELPS) continue;
      if (seenSupporter[from[e]!] === stamp) role[e] = DROPPED;
      else {
        seenSupporter[from[e]!] = stamp;
        if (rebutsTarget(from[e]!, stamp)) role[e] = TWO_FACED;
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
    premises: incoming(PREMISE),
    premiseOf: outgoing(PREMISE),
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
  const { ids, rebutters, helpers, twoFaced, rebuts, helps, premises, premiseOf } = graph;
  const n = ids.length;
  // A supporter that also rebuts its target can never hold it up: to help it must stand, and
  // then its rebuttal defeats the target. So only the other supporters ("helpers") are counted.
  const rebuttersLeft = new Int32Array(n);
  const helpersLeft = new Int32Array(n);
  const hasSupporters = new Uint8Array(n);
  const supportStands = new Uint8Array(n);
  // An argument waits for every premise: this counts those that have not yet stood.
  const premisesLeft = new Int32Array(n);
  for (let node = 0; node < n; node++) {
    premisesLeft[node] = count(premises, node);
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
    if (rebuttersLeft[node] === 0 && hasSupporters[node] === 0 && premisesLeft[node] === 0)
      settle(node, STANDS);
    else if (hasSupporters[node] === 1 && helpersLeft[node] === 0) settle(node, FALLS);
  }
  // Whether nothing but its rebutters could still stop a node standing.
  const heldUp = (node: number) =>
    premisesLeft[node] === 0 && (hasSupporters[node] === 0 || supportStands[node] === 1);

  // Each node is settled once and each of its out-edges looked at once: O(nodes + edges).
  // Labels only ever go from unlabelled to final, which is why this reaches the least fixpoint.
  for (let head = 0; head < tail; head++) {
    const node = queue[head]!;
    const stands = label[node] === STANDS;
    for (let at = rebuts.start[node]!; at < rebuts.start[node + 1]!; at++) {
      const target = rebuts.items[at]!;
      if (label[target] !== UNLABELLED) continue;
      if (stands) settle(target, FALLS);
      else if (--rebuttersLeft[target]! === 0 && heldUp(target)) settle(target, STANDS);
    }
    for (let at = premiseOf.start[node]!; at < premiseOf.start[node + 1]!; at++) {
      const target = premiseOf.items[at]!;
      if (label[target] !== UNLABELLED) continue;
      if (!stands) settle(target, FALLS);
      else if (--premisesLeft[target]! === 0 && rebuttersLeft[target] === 0 && heldUp(target))
        settle(target, STANDS);
    }
    for (let at = helps.start[node]!; at < helps.start[node + 1]!; at++) {
      const target = helps.items[at]!;
      if (label[target] !== UNLABELLED) continue;
      if (stands) {
        supportStands[target] = 1;
        if (rebuttersLeft[target] === 0 && premisesLeft[target] === 0) settle(target, STANDS);
      } else if (--helpersLeft[target]! === 0) settle(target, FALLS);
    }
  }

  const cycles = explainUndecided(graph, label, supportStands);
  const isArgument = (node: number) => count(premises, node) > 0;
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
      if (isArgument(node))
        reason = {
          kind: 'inference',
          premises: select(premises, node, all),
          undercuttersFall: rebuttersFall,
        };
      else if (hasSupporters[node] === 1)
        reason = { kind: 'supported', by: select(helpers, node, standing), rebuttersFall };
      else if (rebuttersFall.length > 0) reason = { kind: 'unrebutted', rebuttersFall };
      else reason = { kind: 'given' };
      result.set(id, { label: 'stands', reason });
    } else if (state === FALLS) {
      const by = select(rebutters, node, standing);
      const fallen = (other: number) => label[other] === FALLS;
      const reason: FallsReason =
        by.length > 0
          ? { kind: 'rebutted', by }
          : isArgument(node) && select(premises, node, fallen).length > 0
            ? { kind: 'premiseFalls', premises: select(premises, node, fallen) }
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
  const { ids, rebutters, helpers, premises } = graph;
  const n = ids.length;
  const undecided = (node: number) => label[node] === UNLABELLED;

  // Blockers of an undecided node: its undecided rebutters, its undecided premises (an argument
  // needs them all), then (if no supporter stands) its undecided helpers; packed like the other
  // lists, with a code saying which kind each is.
  const start = new Int32Array(n + 1);
  const gather = (visit: (node: number, other: number, how: number) => void) => {
    for (let node = 0; node < n; node++) {
      if (!undecided(node)) continue;
      for (let at = rebutters.start[node]!; at < rebutters.start[node + 1]!; at++)
        if (undecided(rebutters.items[at]!)) visit(node, rebutters.items[at]!, BLOCKS_AS_REBUTTER);
      for (let at = premises.start[node]!; at < premises.start[node + 1]!; at++)
        if (undecided(premises.items[at]!)) visit(node, premises.items[at]!, BLOCKS_AS_PREMISE);
      if (supportStands[node] === 1) continue;
      for (let at = helpers.start[node]!; at < helpers.start[node + 1]!; at++)
        if (undecided(helpers.items[at]!)) visit(node, helpers.items[at]!, BLOCKS_AS_SUPPORTER);
    }
  };
  gather((node) => start[node + 1]!++);
  for (let node = 0; node < n; node++) start[node + 1]! += start[node]!;
  const items = new Int32Array(start[n]!);
  const blocksAs = new Uint8Array(start[n]!);
  const fill = start.slice(0, n);
  gather((node, other, how) => {
    blocksAs[fill[node]!] = how;
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
      if (blocksAs[at] === BLOCKS_AS_REBUTTER) hasRebuttal[component] = 1;
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
      const blocking = (how: number) => {
        const chosen: string[] = [];
        for (let at = start[node]!; at < start[node + 1]!; at++)
          if (blocksAs[at] === how) chosen.push(ids[items[at]!]!);
        return chosen;
      };
      return {
        kind: 'dependsOnUndecided',
        rebutters: blocking(BLOCKS_AS_REBUTTER),
        supporters: blocking(BLOCKS_AS_SUPPORTER),
        premises: blocking(BLOCKS_AS_PREMISE),
        cycle: cycleIds,
        cycleSize: componentSize[cycle]!,
        through: through(cycle),
      };
    },
  };
}

const QUOTED_LENGTH = 80;
/** What the words need of a map: its nodes' texts, and its edges for what an argument rests on. */
type Words = Pick<ClashMap, 'nodes' | 'edges'>;

// explain is called once per node: nodes and an argument's premises are looked up through
// caches keyed by the map's arrays (src/model/arguments.ts), which edits replace, never mutate.
const premisesOf = (map: Words, id: string): readonly string[] =>
  argumentParts(map).get(id)?.premises ?? [];

const isArgumentId = (map: Words, id: string) => nodeOf(map, id)?.kind === 'argument';

// An argument is named by what it rests on: `the argument from “A” and “B” (expert opinion)`.
function quoted(map: Words, id: string): string {
  const node = nodeOf(map, id);
  if (node?.kind !== 'argument') return quotedText(node?.text ?? id);
  const premises = premisesOf(map, id).filter((premise) => !isArgumentId(map, premise));
  const scheme = node.scheme === undefined ? '' : ` (${node.scheme})`;
  if (premises.length === 0) return `the argument ${quotedText(node.text)}${scheme}`;
  return `the argument from ${names(map, premises, premises.length, 2)}${scheme}`;
}

// Long node texts are cut at a word so that a sentence naming three of them stays readable.
function quotedText(raw: string): string {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text.length <= QUOTED_LENGTH) return `“${text}”`;
  const cut = text.slice(0, QUOTED_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `“${(space > QUOTED_LENGTH / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…”`;
}

// Past `max` names a list gives the first few and a count, so a sentence stays one breath long.
function names(map: Words, list: readonly string[], total: number, max: number): string {
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
export function reasonInWords(evaluation: Evaluation, id: string, map: Words): string {
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
    case 'inference':
      return [...reason.premises, ...reason.undercuttersFall];
    case 'premiseFalls':
      return reason.premises;
    case 'rebutted':
      return reason.by;
    case 'supportersFall':
      return [...reason.supporters, ...reason.alsoRebut];
    case 'cycle':
      return reason.with;
    case 'dependsOnUndecided':
      return [...reason.rebutters, ...reason.premises, ...reason.supporters];
  }
}

function plainReasonInWords(evaluation: Evaluation, id: string, map: Words): string {
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
      const undercut =
        fallen === 1 ? undercutInWords(evaluation, reason.rebuttersFall[0]!, map) : '';
      if (undercut !== '')
        return `its only rebutter, ${list(reason.rebuttersFall)}, falls: ${undercut}`;
      return `taken as given, and ${list(reason.rebuttersFall)}, which ${verb(fallen, 'rebuts', 'rebut')} it, ${verb(fallen, 'falls', fallen === 2 ? 'both fall' : 'all fall')}`;
    }
    case 'inference': {
      const { premises, undercuttersFall } = reason;
      const held =
        premises.length === 1
          ? `its premise ${list(premises)} stands`
          : `its premises ${list(premises)} ${premises.length === 2 ? 'both stand' : 'all stand'}`;
      if (undercuttersFall.length === 0) return `${held}, and nothing undercuts it`;
      const fallen = undercuttersFall.length;
      return `${held}, and ${list(undercuttersFall)}, which ${verb(fallen, 'undercuts', 'undercut')} it, ${verb(fallen, 'falls', fallen === 2 ? 'both fall' : 'all fall')}`;
    }
    case 'premiseFalls':
      return `its ${verb(reason.premises.length, 'premise', 'premises')} ${list(reason.premises)} ${verb(reason.premises.length, 'falls', 'fall')}, and it needs all of its premises`;
    case 'supported': {
      const fallen = reason.rebuttersFall.length;
      const support = `supported by ${list(reason.by)}, which ${verb(reason.by.length, 'stands', 'stand')}`;
      if (fallen === 0) return `${support}, and nothing rebuts it`;
      return `${support}, and ${list(reason.rebuttersFall)}, which ${verb(fallen, 'rebuts', 'rebut')} it, ${verb(fallen, 'falls', fallen === 2 ? 'both fall' : 'all fall')}`;
    }
    case 'rebutted':
      if (isArgumentId(map, id))
        return `undercut by ${list(reason.by)}, which ${verb(reason.by.length, 'stands', reason.by.length === 2 ? 'both stand' : 'all stand')}`;
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
      // (a supporter here is a claim, or an argument whose premises and undercuts are its own)
      return `${twoFaced}, and its other ${verb(supporters.length, 'supporter falls', 'supporters fall')}`;
    }
    case 'cycle':
      if (reason.size === 1) {
        return selfCycleWords('it', reason.through);
      }
      if (reason.size === 2 && contraries(map, id, reason.with[0]!))
        return `it and ${list(reason.with)} are contraries, and nothing settles which of them stands`;
      return `part of ${cycleWords(reason.through)} with ${members(reason.with, reason.size - 1)}`;
    case 'dependsOnUndecided': {
      const because =
        reason.cycleSize === 1
          ? `because ${selfCycleWords(list(reason.cycle), reason.through)}`
          : reason.cycleSize === 2 && contraries(map, reason.cycle[0]!, reason.cycle[1]!)
            ? `because ${list(reason.cycle)} are contraries, and nothing settles which of them stands`
            : `because of ${cycleWords(reason.through)} between ${members(reason.cycle, reason.cycleSize)}`;
      const { rebutters, supporters, premises } = reason;
      if (rebutters.length > 0) {
        const how = isArgumentId(map, id) ? 'undercut' : 'rebutted';
        return `${how} by ${list(rebutters)}, which ${verb(rebutters.length, 'is', 'are')} undecided ${because}`;
      }
      if (premises.length > 0) {
        return `its ${verb(premises.length, 'premise', 'premises')} ${list(premises)} ${verb(premises.length, 'is', 'are')} undecided ${because}`;
      }
      return `its ${verb(supporters.length, 'supporter', 'supporters')} ${list(supporters)} ${verb(supporters.length, 'is', 'are')} undecided ${because}`;
    }
  }
}

/**
 * When `id` falls only because every argument for it is undercut: `its inference is undercut by
 * “U”`; otherwise ''.
 */
function undercutInWords(evaluation: Evaluation, id: string, map: Words): string {
  const entry = evaluation.nodes.get(id);
  if (entry?.label !== 'falls' || entry.reason.kind !== 'supportersFall') return '';
  const { supporters, alsoRebut } = entry.reason;
  if (alsoRebut.length > 0 || supporters.length === 0) return '';
  const undercutters: string[] = [];
  for (const supporter of supporters) {
    const support = evaluation.nodes.get(supporter);
    if (!isArgumentId(map, supporter) || support?.reason.kind !== 'rebutted') return '';
    for (const by of support.reason.by) if (!undercutters.includes(by)) undercutters.push(by);
  }
  const subject = supporters.length === 1 ? 'its inference is' : 'each of its inferences is';
  return `${subject} undercut by ${names(map, undercutters, undercutters.length, 2)}`;
}

/** Whether a contrary edge joins two nodes, either way. */
function contraries(map: Words, a: string, b: string): boolean {
  return map.edges.some(
    (edge) =>
      relationKind(edge.kind).evaluation === 'conflicts' &&
      ((edge.from === a && edge.to === b) || (edge.from === b && edge.to === a)),
  );
}

/** One plain sentence for a node's label and why: `falls: rebutted by “…”, which stands`. */
export function explain(evaluation: Evaluation, id: string, map: Words): string {
  const entry = evaluation.nodes.get(id);
  if (entry === undefined) throw new RangeError(`no node has the id "${id}"`);
  return `${entry.label}: ${reasonInWords(evaluation, id, map)}`;
}
