import { outlineLine, outlineOf, type OutlineItem } from '../model/outline';
import type { ClashMap } from '../model/map';
import type { MapNode } from '../model/node';

// User text goes into Markdown as text: characters Markdown would read as syntax (or HTML) are escaped.
const oneLine = (text: string) =>
  text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>#|]/g, (ch) => `\\${ch}`);

function quoteLines(node: MapNode, indent: string): string[] {
  return node.evidence.map((e) => `${indent}> “${oneLine(e.quote)}” — ${oneLine(e.speaker)}`);
}

function itemLines(item: OutlineItem, depth: number, lines: string[]): void {
  const indent = '  '.repeat(depth);
  // Every item here hangs from its parent by an edge (roots are written by mapToMarkdown).
  const { label, text } = outlineLine(item);
  const line = `${indent}- **${label}:**${text ? ` ${oneLine(text)}` : ''}`;
  if (item.repeat) {
    lines.push(`${line} _(see above)_`);
    return;
  }
  lines.push(line);
  if (item.via?.note) lines.push(`${indent}  _${oneLine(item.via.note)}_`);
  lines.push(...quoteLines(item.node, `${indent}  `));
  for (const child of item.children) itemLines(child, depth + 1, lines);
}

/**
 * A Markdown outline: each position, then the claims that support and rebut it (and what answers
 * those, nested), with their quotes and speakers. Claims that reach no position come last.
 */
export function mapToMarkdown(map: ClashMap): string {
  const outline = outlineOf(map);
  const lines: string[] = [`# ${oneLine(map.title)}`, ''];
  if (map.description) lines.push(oneLine(map.description), '');
  for (const position of outline.positions) {
    lines.push(`## Position: ${oneLine(position.node.text)}`, '');
    const quotes = quoteLines(position.node, '');
    if (quotes.length) lines.push(...quotes, '');
    for (const child of position.children) itemLines(child, 0, lines);
    lines.push('');
  }
  if (outline.unlinked.length > 0) {
    lines.push('## Claims not linked to a position', '');
    for (const root of outline.unlinked) {
      lines.push(`- ${oneLine(root.node.text)}`, ...quoteLines(root.node, '  '));
      for (const child of root.children) itemLines(child, 1, lines);
    }
    lines.push('');
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
