import {
  groupOfSpeech,
  lastRebuttals,
  nextGroupOf,
  opponentOf,
  speechIndex,
  speechOf,
  type DebateFormat,
  type Period,
  type Side,
  type SpeechGroup,
} from './debateFormats';
import type { Edge } from './edge';
import type { ClashMap } from './map';
import type { MapNode } from './node';
import { relationKind, type FlowRole } from './relations/registry';
import { formatOfMap, sheetOfNode, sideOfNode } from './round';

/**
 * The flags a debater looks for on a flow, computed from the map: which arguments were dropped,
 * extended, conceded, or are new in a last rebuttal. Pure functions of the map (and of the speech
 * the round has reached), so every view and the command line agree.
 */

/** A node that was made in a speech of the round: an argument on the flow. */
export interface FlowArgument {
  readonly node: MapNode;
  readonly side: Side;
  readonly speech: Period;
  readonly group: SpeechGroup;
  /** Its sheet (a position's id), if it has one. */
  readonly sheet: string | undefined;
}

/** An argument the other side did not answer when it should have. */
export interface DroppedFlag {
  readonly argument: FlowArgument;
  /** The speech (or the negative block) in which the answer was due. */
  readonly due: SpeechGroup;
  /** Answers made later than that, which do not count (ids, in map order). */
  readonly lateAnswers: readonly string[];
}

/** An argument its side carried into its next speech. */
export interface ExtendedFlag {
  readonly argument: FlowArgument;
  /** The speech (or block) it was carried into. */
  readonly into: SpeechGroup;
  /** The extensions (ids, in map order). */
  readonly by: readonly string[];
}

/** An argument crossed out in a speech. */
export interface ConcededFlag {
  readonly argument: FlowArgument | undefined;
  readonly node: MapNode;
  /** The speech it was crossed out in. */
  readonly speech: Period;
  /** Who crossed it out: its own side gives it up; the other side grants it. */
  readonly by: Side;
  readonly meaning: 'givenUp' | 'granted';
}

/** An argument made in a last rebuttal (2NR, 2AR) that answers nothing earlier. */
export interface NewFlag {
  readonly argument: FlowArgument;
}

/** Every flag of a round, each map keyed by node id, in map order. */
export interface RoundFlags {
  readonly format: DebateFormat;
  /** The speech the round has reached (flags are as they stood after it), or null for all. */
  readonly asOf: Period | null;
  readonly arguments: ReadonlyMap<string, FlowArgument>;
  readonly dropped: ReadonlyMap<string, DroppedFlag>;
  readonly extended: ReadonlyMap<string, ExtendedFlag>;
  readonly conceded: ReadonlyMap<string, ConcededFlag>;
  readonly newInLastRebuttal: ReadonlyMap<string, NewFlag>;
}

const flowRole = (edge: Edge): FlowRole => relationKind(edge.kind).flow;

/** Whether an edge of this role answers its target (an answer or a turn). */
function answers(role: FlowRole): boolean {
  switch (role) {
    case 'answer':
    case 'turn':
      return true;
    case 'extension':
    case 'crossApplication':
    case 'backing':
      return false;
    default: {
      const unknown: never = role;
      throw new TypeError(`unknown flow role ${String(unknown)}`);
    }
  }
}

/** The speech with this id, or a readable error naming the speeches the format has. */
export function speechNamed(format: DebateFormat, id: string): Period {
  const speech = speechOf(format, id);
  if (!speech) {
    const names = format.periods.filter((p) => p.kind === 'speech').map((p) => p.id);
    throw new RangeError(`"${id}" is not a speech of ${format.name} debate (${names.join(', ')})`);
  }
  return speech;
}

/** The arguments of the map: nodes with a speech of the round's format and a side. */
export function flowArguments(map: Pick<ClashMap, 'nodes' | 'round'>): Map<string, FlowArgument> {
  const format = formatOfMap(map);
  const found = new Map<string, FlowArgument>();
  for (const node of map.nodes) {
    if (node.speech === undefined || found.has(node.id)) continue;
    const speech = speechOf(format, node.speech);
    const group = speech && groupOfSpeech(format, speech.id);
    const side = sideOfNode(node, format);
    if (!speech || !group || !side) continue;
    found.set(node.id, { node, side, speech, group, sheet: sheetOfNode(node) });
  }
  return found;
}

/**
 * The map as it stood after speech `speechId`: arguments made in later speeches, and the edges
 * that touch them, are left out, and so are crossings-out made later. Nodes outside the round
 * stay. Throws a RangeError naming the format's speeches when it has no such speech.
 */
export function mapAsOf(map: ClashMap, speechId: string): ClashMap {
  const format = formatOfMap(map);
  const reached = speechIndex(format, speechNamed(format, speechId).id);
  const later = (id: string | undefined) =>
    id !== undefined && speechIndex(format, id) > reached && speechIndex(format, id) >= 0;
  const gone = new Set(map.nodes.filter((n) => later(n.speech)).map((n) => n.id));
  const nodes = map.nodes.flatMap((node) => {
    if (gone.has(node.id)) return [];
    if (!later(node.conceded)) return [node];
    const { conceded: _later, ...kept } = node;
    return [kept as MapNode];
  });
  return {
    ...map,
    nodes,
    edges: map.edges.filter((e) => !gone.has(e.from) && !gone.has(e.to)),
  };
}

/** The last speech of a group: the one after which the group is over. */
const endOf = (group: SpeechGroup): Period => group.speeches[group.speeches.length - 1]!;

/**
 * The flags of the map's round as it stood after speech `asOf` (every speech when left out).
 * An argument is dropped when the other side's next speech (the 2NC and 1NR together, for the
 * negative block) does not answer it, directly or, for a sheet, by answering anything on it;
 * extended when its side's next speech has an extension of it; conceded when crossed out; new in
 * a last rebuttal when made in the 2NR or 2AR without bearing on anything said before.
 */
export function roundFlags(map: ClashMap, asOf?: string): RoundFlags {
  const format = formatOfMap(map);
  const reached = asOf === undefined ? null : speechNamed(format, asOf);
  const seen = reached === null ? map : mapAsOf(map, reached.id);
  const reachedIndex = reached === null ? Infinity : speechIndex(format, reached.id);
  const args = flowArguments(seen);
  const indexOf = (speech: Period) => speechIndex(format, speech.id);

  // Answers and extensions by target, and what each node bears on, in map order.
  const answersTo = new Map<string, string[]>();
  const extensionsOf = new Map<string, string[]>();
  const bearsOn = new Map<string, { to: string; role: FlowRole }[]>();
  const crossAppliedFrom = new Map<string, string[]>();
  const push = <T>(table: Map<string, T[]>, key: string, value: T) => {
    const list = table.get(key);
    if (list) list.push(value);
    else table.set(key, [value]);
  };
  for (const edge of seen.edges) {
    const role = flowRole(edge);
    if (answers(role)) push(answersTo, edge.to, edge.from);
    if (role === 'extension') push(extensionsOf, edge.to, edge.from);
    if (role === 'crossApplication') push(crossAppliedFrom, edge.to, edge.from);
    else push(bearsOn, edge.from, { to: edge.to, role });
  }
  // What is on each sheet, so that answering anything on a sheet answers the sheet itself.
  const onSheet = new Map<string, string[]>();
  for (const arg of args.values())
    if (arg.sheet !== undefined && arg.sheet !== arg.node.id) push(onSheet, arg.sheet, arg.node.id);

  const concededIn = (node: MapNode) =>
    node.conceded === undefined ? undefined : speechOf(format, node.conceded);

  const dropped = new Map<string, DroppedFlag>();
  const extended = new Map<string, ExtendedFlag>();
  for (const [id, arg] of args) {
    const due = nextGroupOf(format, arg.group, opponentOf(arg.side));
    if (due && indexOf(endOf(due)) <= reachedIndex) {
      const concession = concededIn(arg.node);
      const crossedOutInTime = concession && indexOf(concession) <= indexOf(endOf(due));
      const targets = arg.node.kind === 'position' ? [id, ...(onSheet.get(id) ?? [])] : [id];
      const answeredBy = targets.flatMap((target) => answersTo.get(target) ?? []);
      const inDue = (answer: string) => args.get(answer)?.group === due;
      if (!crossedOutInTime && !answeredBy.some(inDue)) {
        const lateAnswers = (answersTo.get(id) ?? []).filter((answer) => {
          const by = args.get(answer);
          return by !== undefined && by.group.index > due.index;
        });
        dropped.set(id, { argument: arg, due, lateAnswers });
      }
    }
    const into = nextGroupOf(format, arg.group, arg.side);
    if (into) {
      const by = (extensionsOf.get(id) ?? []).filter((e) => args.get(e)?.group === into);
      if (by.length > 0) extended.set(id, { argument: arg, into, by });
    }
  }

  const conceded = new Map<string, ConcededFlag>();
  for (const node of seen.nodes) {
    const speech = concededIn(node);
    if (!speech || conceded.has(node.id)) continue;
    const arg = args.get(node.id);
    const side = arg?.side ?? sideOfNode(node, format);
    conceded.set(node.id, {
      argument: arg,
      node,
      speech,
      by: speech.side,
      meaning: side === undefined || side === speech.side ? 'givenUp' : 'granted',
    });
  }

  // New in a last rebuttal: it answers, turns or extends nothing older, and is no
  // cross-application of anything older, by itself or through the cards of its own speech that
  // it backs (evidence for an answer is part of the answer). New backing for an old argument
  // is new.
  const last = new Set(lastRebuttals(format).map((s) => s.id));
  const newInLastRebuttal = new Map<string, NewFlag>();
  for (const [id, arg] of args) {
    if (!last.has(arg.speech.id)) continue;
    const visited = new Set<string>([id]);
    const queue = [id];
    let tied = false;
    while (queue.length > 0 && !tied) {
      const at = queue.shift()!;
      if ((crossAppliedFrom.get(at) ?? []).some((from) => isEarlier(from, arg))) tied = true;
      for (const { to: next, role } of bearsOn.get(at) ?? []) {
        if (isEarlier(next, arg)) {
          if (role !== 'backing') tied = true;
        } else if (!visited.has(next) && args.get(next)?.speech === arg.speech) {
          visited.add(next);
          queue.push(next);
        }
      }
    }
    if (!tied) newInLastRebuttal.set(id, { argument: arg });
  }

  function isEarlier(id: string, than: FlowArgument): boolean {
    const other = args.get(id);
    // A node outside the round (a sheet without a speech, say) was there before it.
    if (!other) return true;
    return indexOf(other.speech) < indexOf(than.speech);
  }

  return {
    format,
    asOf: reached,
    arguments: args,
    dropped,
    extended,
    conceded,
    newInLastRebuttal,
  };
}
