import { evaluateMap, type Label } from '../../model/evaluate';
import type { ClashMap } from '../../model/map';
import { plural } from './shared';

/*
 * Whether a loss changes which claims stand: importers and exporters compare the evaluation of
 * the map as converted with the map as its author meant it (or as it was before export), and say
 * so in the loss report (issue 16). Kept apart from shared.ts so that each format can use it.
 */

/** A loss that plays no part in evaluation ends with these words. */
export const STANDING_UNCHANGED = 'which claims stand does not change';
/** A loss whose meaning Clashmap cannot evaluate ends with these words. */
export const STANDING_UNKNOWN = 'Clashmap cannot tell whether this changes which claims stand';

/**
 * How the labels of the claims and positions in `after` differ from those in `before` (nodes
 * matched by id; arguments are left out, their conclusions show their effect), in words such as
 * `“Strikes work” stands (not falls)`; empty when no claim's label changed.
 */
export function standingChanges(
  before: Pick<ClashMap, 'nodes' | 'edges'>,
  after: Pick<ClashMap, 'nodes' | 'edges'>,
): string[] {
  const was = evaluateMap(before).nodes;
  const now = evaluateMap(after).nodes;
  const words: Record<Label, string> = {
    stands: 'stands',
    falls: 'falls',
    undecided: 'is undecided',
  };
  const changes: string[] = [];
  for (const node of after.nodes) {
    if (node.kind === 'argument') continue;
    const from = was.get(node.id)?.label;
    const to = now.get(node.id)?.label;
    if (from === undefined || to === undefined || from === to) continue;
    const text = node.text.length > 60 ? `${node.text.slice(0, 59)}…` : node.text;
    changes.push(`“${text}” ${words[to]} (not ${words[from].replace(/^is /, '')})`);
  }
  return changes;
}

/**
 * `changes` (from standingChanges) as the end of a loss message: `subject` does not change, or
 * changes, which claims stand, naming the first few.
 */
export function standingClause(changes: string[], subject: string): string {
  if (changes.length === 0) return `${subject} does not change which claims stand`;
  const shown = changes.slice(0, 3).join('; ');
  const more = changes.length > 3 ? ` and ${plural(changes.length - 3, 'more')}` : '';
  return `${subject} changes which claims stand: ${shown}${more}`;
}
