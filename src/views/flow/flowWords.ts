import { speechesOf, type DebateFormat } from '../../model/debateFormats';
import type { RoundFlags } from '../../model/flow';
import type { ClashMap } from '../../model/map';
import type { MapNode } from '../../model/node';
import { relationKind, type EdgeKind } from '../../model/relations/registry';

/**
 * The flags of one argument in words, as its card shows them and a screen reader reads them:
 * "dropped by the 2AC", "extended in the 1AR", "turned by the 2AC", "crossed out in the 2NR
 * (given up)", "new in the 2AR".
 */
export function flagWords(id: string, flags: RoundFlags, map: Pick<ClashMap, 'edges'>): string[] {
  const words: string[] = [];
  const dropped = flags.dropped.get(id);
  if (dropped) words.push(`dropped by ${dropped.due.name}`);
  const extended = flags.extended.get(id);
  if (extended) words.push(`extended in ${extended.into.name}`);
  const turnedIn = new Set<string>();
  for (const edge of map.edges) {
    if (edge.to !== id || relationKind(edge.kind).flow !== 'turn') continue;
    const by = flags.arguments.get(edge.from);
    if (by) turnedIn.add(by.speech.id);
  }
  if (turnedIn.size > 0) words.push(`turned by the ${[...turnedIn].join(' and the ')}`);
  const conceded = flags.conceded.get(id);
  if (conceded)
    words.push(
      `crossed out in the ${conceded.speech.id} (${conceded.meaning === 'granted' ? 'granted' : 'given up'})`,
    );
  if (flags.newInLastRebuttal.has(id))
    words.push(`new in the ${flags.arguments.get(id)?.speech.id}`);
  return words;
}

/**
 * How an argument on a sheet bears on the sheet itself when it answers no card: it backs the
 * sheet when the sheet's side makes it, and answers the sheet when the other side does.
 */
export function sheetDefaultKind(
  position: MapNode,
  speech: string,
  format: DebateFormat,
): EdgeKind {
  const speeches = speechesOf(format);
  const side = position.side ?? speeches.find((s) => s.id === position.speech)?.side;
  const by = speeches.find((s) => s.id === speech)?.side;
  return side === undefined || by === undefined || side === by ? 'support' : 'rebuttal';
}
