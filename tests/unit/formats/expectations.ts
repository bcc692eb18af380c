import type { ExportResult, ImportResult, Loss } from '../../../src/io/formats/types';
import type { ClashMap } from '../../../src/model/map';

/** The map of a successful import; fails the test, with the reasons, if the import failed. */
export function imported(result: ImportResult): { map: ClashMap; losses: Loss[] } {
  if (!result.ok)
    throw new Error(`expected the import to succeed: ${JSON.stringify(result.errors)}`);
  return { map: result.value, losses: result.losses };
}

/** The text of a successful export; fails the test if the export failed. */
export function exported(result: ExportResult): { text: string; losses: Loss[] } {
  if (!result.ok)
    throw new Error(`expected the export to succeed: ${JSON.stringify(result.errors)}`);
  return { text: result.value, losses: result.losses };
}

/** The issues of a failed import; fails the test if the import succeeded. */
export function refused(result: ImportResult) {
  if (result.ok) throw new Error('expected the import to be refused, but it succeeded');
  return result.errors;
}

/**
 * What a round trip must keep: which nodes are positions and which claims (id and text), the
 * edges as "from -> to (kind)", and each node's quotes with their speakers.
 */
export function argumentOf(map: ClashMap) {
  return {
    positions: map.nodes.filter((n) => n.kind === 'position').map((n) => [n.id, n.text]),
    claims: map.nodes.filter((n) => n.kind === 'claim').map((n) => [n.id, n.text]),
    edges: map.edges.map((e) => `${e.from} -> ${e.to} (${e.kind})`).sort(),
    quotes: map.nodes.map((n) => [n.id, n.evidence.map((e) => [e.quote, e.speaker])]),
  };
}

/** The loss messages, in order. */
export const messages = (losses: Loss[]) => losses.map((l) => l.message);

/** The loss whose message contains `words`; fails the test if there is none. */
export function lossAbout(losses: Loss[], words: string): Loss {
  const loss = losses.find((l) => l.message.includes(words));
  if (!loss) throw new Error(`no loss mentions "${words}": ${JSON.stringify(messages(losses))}`);
  return loss;
}
