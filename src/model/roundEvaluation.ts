import {
  evaluateMap,
  type Assumption,
  type Assumptions,
  type Evaluation,
  type RoundNotes,
} from './evaluate';
import { mapAsOf, roundFlags, type RoundFlags } from './flow';
import type { ClashMap } from './map';
import { relationKind } from './relations/registry';

/**
 * Which positions stand after a debate round, by the rules a judge uses on a flow:
 * - an argument the other side dropped stays unanswered: answers to it made after the speech
 *   in which the answer was due do not count;
 * - an argument crossed out by its own side is given up (it falls), and one crossed out by the
 *   other side is granted (it stands), unless the user's own what-if says otherwise.
 * The reasons say so ("the negative block (2NC and 1NR) dropped “Permutation: do both”"). A map
 * with no arguments in speeches is evaluated exactly as evaluateMap does.
 */
export interface RoundEvaluation {
  readonly evaluation: Evaluation;
  readonly flags: RoundFlags;
}

function assumptionEntries(assumptions: Assumptions | undefined): [string, Assumption][] {
  if (assumptions === undefined) return [];
  if (typeof assumptions.get === 'function' && typeof assumptions.entries === 'function')
    return [...(assumptions as ReadonlyMap<string, Assumption>).entries()];
  return Object.entries(assumptions).filter((entry): entry is [string, Assumption] => {
    return entry[1] !== undefined;
  });
}

/**
 * Evaluates the map as a round, as it stood after speech `asOf` (after the last speech when
 * left out): drops and crossings-out applied, `assumptions` (the user's what-ifs) on top.
 */
export function evaluateRound(
  map: ClashMap,
  assumptions?: Assumptions,
  asOf?: string,
): RoundEvaluation {
  const flags = roundFlags(map, asOf);
  const seen = flags.asOf === null ? map : mapAsOf(map, flags.asOf.id);
  if (flags.arguments.size === 0 && flags.conceded.size === 0) {
    return { evaluation: evaluateMap(seen, assumptions), flags };
  }
  // Late answers to a dropped argument are left out of the map that is evaluated.
  const ignored = new Set<string>();
  for (const [id, drop] of flags.dropped)
    for (const answer of drop.lateAnswers) ignored.add(`${answer}\u0000${id}`);
  const edges =
    ignored.size === 0
      ? seen.edges
      : seen.edges.filter((edge) => {
          const role = relationKind(edge.kind).flow;
          const answers = role === 'answer' || role === 'turn';
          return !(answers && ignored.has(`${edge.from}\u0000${edge.to}`));
        });

  const userAssumed = new Map(assumptionEntries(assumptions));
  const fixed = new Map<string, Assumption>();
  const conceded = new Map<string, { speech: string; side: string; granted: boolean }>();
  for (const [id, flag] of flags.conceded) {
    if (userAssumed.has(id)) continue;
    const granted = flag.meaning === 'granted';
    fixed.set(id, granted ? 'stands' : 'falls');
    conceded.set(id, { speech: flag.speech.id, side: flag.by, granted });
  }
  for (const [id, value] of userAssumed) fixed.set(id, value);

  const dropped = new Map<string, { by: string; lateAnswers: readonly string[] }>();
  for (const [id, drop] of flags.dropped)
    dropped.set(id, { by: drop.due.name, lateAnswers: drop.lateAnswers });
  const round: RoundNotes = { dropped, conceded };
  const evaluation = evaluateMap({ nodes: seen.nodes, edges }, fixed);
  return { evaluation: { nodes: evaluation.nodes, round }, flags };
}
