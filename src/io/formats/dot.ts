import type { ClashMap } from '../../model/map';
import type { MapNode } from '../../model/node';
import { relationKind } from '../../model/relations/registry';
import { LossLog, reportExportEvaluation, reportRoundLosses } from './shared';
import type { ExportResult } from './types';

/*
 * Graphviz DOT: `dot -Tsvg map.dot > map.svg` draws the map. Positions are boxes, claims are
 * notes; a support edge is solid with a normal arrow and the label "+", a rebuttal is dashed
 * with a tee arrow and the label "−". Edges point from the supporting or rebutting node to the
 * node it answers, and rankdir=BT puts positions at the top. Quotes go into each node's tooltip
 * (shown when the SVG is hovered).
 */

/** Longest label line before it wraps at a space, in characters. */
const WRAP_AT = 36;

/**
 * A DOT quoted string. Inside quotes only `"` and `\` are special; a backslash starts an escape
 * (\n, \l, \N…), so a literal one is doubled. Line breaks become \n (a centred line), carriage
 * returns are dropped, and tabs become spaces. Graphviz's scanner reads `\"` as an escaped quote
 * even after another backslash, so a string that would end in a backslash gets a trailing space.
 */
export function dotString(text: string): string {
  const body = text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/\n/g, '\\n');
  return `"${body}${body.endsWith('\\') ? ' ' : ''}"`;
}

/** Breaks text into lines of about WRAP_AT characters at spaces; existing line breaks stay. */
export function wrapLabel(text: string, width = WRAP_AT): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((paragraph) => {
      const lines: string[] = [];
      let line = '';
      for (const word of paragraph.split(/[ \t]+/).filter((w) => w !== '')) {
        if (line !== '' && line.length + 1 + word.length > width) {
          lines.push(line);
          line = word;
        } else line = line === '' ? word : `${line} ${word}`;
      }
      lines.push(line);
      return lines.join('\n');
    })
    .join('\n');
}

const tooltip = (node: MapNode) =>
  [node.text, ...node.evidence.map((e) => `“${e.quote}” — ${e.speaker}`)].join('\n');

/** The map as a Graphviz digraph; the same map always gives the same text. */
export function exportDot(map: ClashMap): ExportResult {
  const losses = new LossLog();
  reportRoundLosses(map, losses, 'Graphviz DOT');
  const lines = [
    'digraph clashmap {',
    `  graph [label=${dotString(map.title)}, labelloc=t, rankdir=BT, fontname="Helvetica"];`,
    '  node [fontname="Helvetica", fontsize=11, style=filled, fillcolor=white];',
    '  edge [fontname="Helvetica", fontsize=12];',
    '',
  ];
  map.nodes.forEach((node, i) => {
    const shape =
      node.kind === 'position'
        ? 'shape=box, style="filled,bold", fillcolor="#eef3ff"'
        : 'shape=note';
    lines.push(
      `  ${dotString(node.id)} [${shape}, label=${dotString(wrapLabel(node.text))}, tooltip=${dotString(tooltip(node))}];`,
    );
    if (node.notes !== undefined) losses.add(`nodes[${i}].notes`, 'Node notes are not drawn');
    if (node.tags !== undefined && node.tags.length > 0)
      losses.add(`nodes[${i}].tags`, 'Node tags are not drawn');
    if (node.position)
      losses.add(
        `nodes[${i}].position`,
        'Canvas positions are not kept: Graphviz lays the graph out itself',
      );
  });
  if (map.edges.length > 0) lines.push('');
  map.edges.forEach((edge, i) => {
    const { look, formats } = relationKind(edge.kind);
    const { color, arrowhead } = formats.dot;
    const style = `label="${look.glyph}", style=${look.dash === null ? 'solid' : 'dashed'}, arrowhead=${arrowhead}, color="${color}", fontcolor="${color}"`;
    const note = edge.note !== undefined ? `, tooltip=${dotString(edge.note)}` : '';
    lines.push(
      `  ${dotString(edge.from)} -> ${dotString(edge.to)} [id=${dotString(edge.id)}, ${style}${note}];`,
    );
    if (edge.note !== undefined)
      losses.add(`edges[${i}].note`, 'Edge notes are only shown as tooltips');
  });
  lines.push('}');
  if (map.description !== undefined) losses.add('description', 'The map description is not drawn');
  if (map.sources.length > 0) {
    losses.add(
      'sources',
      'Sources and quote offsets are not kept; quotes and speakers appear in node tooltips',
    );
  }
  reportExportEvaluation(losses, map);
  return { ok: true, value: `${lines.join('\n')}\n`, losses: losses.list() };
}
