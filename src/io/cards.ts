import { leadingPositions } from '../model/graph';
import type { Evidence } from '../model/evidence';
import type { ClashMap } from '../model/map';
import type { MapNode } from '../model/node';
import type { Source } from '../model/source';

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A debate card's citation: who says it, where it was published, and when. */
export function citation(evidence: Evidence, source: Source | undefined): string {
  const parts = [oneLine(evidence.speaker)];
  if (source) {
    const where = [
      source.author && source.author !== evidence.speaker ? source.author : undefined,
      `“${oneLine(source.title)}”`,
      source.publisher,
      source.published,
    ].filter(Boolean);
    parts.push(where.join(', '));
    if (source.url) parts.push(source.url);
  }
  return parts.join(' — ');
}

function card(node: MapNode, sources: ReadonlyMap<string, Source>): string[] {
  const lines = [`TAG: ${oneLine(node.text)}`];
  for (const evidence of node.evidence) {
    lines.push(`CITE: ${citation(evidence, sources.get(evidence.sourceId))}`);
    lines.push(`“${oneLine(evidence.quote)}”`);
  }
  return [...lines, ''];
}

/**
 * Every quoted claim as a debate card (tag line, citation, quoted text), grouped under the
 * position each claim leads to; claims that lead to none come last.
 */
export function mapToCards(map: ClashMap): string {
  const sources = new Map(map.sources.map((s) => [s.id, s]));
  const leads = leadingPositions(map);
  const lines: string[] = [oneLine(map.title).toUpperCase(), ''];
  const quoted = map.nodes.filter((n) => n.evidence.length > 0);
  const positions = map.nodes.filter((n) => n.kind === 'position');
  positions.forEach((position, i) => {
    const cards = quoted.filter((n) => leads.get(n.id) === position.id);
    if (cards.length === 0) return;
    lines.push(`== Position ${i + 1}: ${oneLine(position.text)} ==`, '');
    for (const node of cards) lines.push(...card(node, sources));
  });
  const rest = quoted.filter((n) => !leads.get(n.id));
  if (rest.length > 0) {
    lines.push('== Not linked to a position ==', '');
    for (const node of rest) lines.push(...card(node, sources));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
