import { indexMap } from '../model/graph';
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

/**
 * A Markdown outline: each position, then the claims that support and rebut it (and what answers
 * those, nested), with their quotes and speakers. Claims that reach no position come last.
 */
export function mapToMarkdown(map: ClashMap): string {
  const index = indexMap(map);
  const lines: string[] = [`# ${oneLine(map.title)}`, ''];
  if (map.description) lines.push(oneLine(map.description), '');
  const shown = new Set<string>();

  const replies = (node: MapNode, depth: number, path: Set<string>) => {
    const indent = '  '.repeat(depth);
    for (const edge of index.incoming.get(node.id) ?? []) {
      const child = index.nodeById.get(edge.from);
      if (!child) continue;
      const label = edge.kind === 'support' ? 'Supports' : 'Rebuts';
      if (path.has(child.id)) {
        lines.push(`${indent}- **${label}:** ${oneLine(child.text)} _(see above)_`);
        continue;
      }
      shown.add(child.id);
      lines.push(`${indent}- **${label}:** ${oneLine(child.text)}`);
      if (edge.note) lines.push(`${indent}  _${oneLine(edge.note)}_`);
      lines.push(...quoteLines(child, `${indent}  `));
      replies(child, depth + 1, new Set(path).add(child.id));
    }
  };

  for (const node of map.nodes) {
    if (node.kind !== 'position') continue;
    shown.add(node.id);
    lines.push(`## Position: ${oneLine(node.text)}`, '');
    const quotes = quoteLines(node, '');
    if (quotes.length) lines.push(...quotes, '');
    replies(node, 0, new Set([node.id]));
    lines.push('');
  }
  const rest = map.nodes.filter((n) => !shown.has(n.id));
  if (rest.length > 0) {
    lines.push('## Claims not linked to a position', '');
    for (const node of rest) {
      lines.push(`- ${oneLine(node.text)}`, ...quoteLines(node, '  '));
      for (const edge of index.outgoing.get(node.id) ?? []) {
        const target = index.nodeById.get(edge.to);
        if (target)
          lines.push(
            `  - ${edge.kind === 'support' ? 'supports' : 'rebuts'}: ${oneLine(target.text)}`,
          );
      }
    }
    lines.push('');
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
