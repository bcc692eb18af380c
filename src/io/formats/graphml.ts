import type { ClashMap } from '../../model/map';
import { relationKind } from '../../model/relations/registry';
import { LossLog, reportExportEvaluation, reportRoundLosses } from './shared';
import type { ExportResult } from './types';

/*
 * GraphML (http://graphml.graphdrawing.org), for yEd, Gephi, Cytoscape and NetworkX. Each node
 * has `kind` (position or claim), `text`, and, when it has them, `quote` and `speaker` (one line
 * per quote, in the same order), `tags` (comma-separated), `note` and canvas `x`/`y`. Each edge
 * has `kind` (support or rebuttal) and `note`; it points from the supporting or rebutting node
 * to the node it answers.
 */

const KEYS = [
  { id: 'title', for: 'graph', name: 'title', type: 'string' },
  { id: 'description', for: 'graph', name: 'description', type: 'string' },
  { id: 'kind', for: 'node', name: 'kind', type: 'string' },
  { id: 'text', for: 'node', name: 'text', type: 'string' },
  { id: 'speaker', for: 'node', name: 'speaker', type: 'string' },
  { id: 'quote', for: 'node', name: 'quote', type: 'string' },
  { id: 'tags', for: 'node', name: 'tags', type: 'string' },
  { id: 'note', for: 'node', name: 'note', type: 'string' },
  { id: 'x', for: 'node', name: 'x', type: 'double' },
  { id: 'y', for: 'node', name: 'y', type: 'double' },
  { id: 'edgeKind', for: 'edge', name: 'kind', type: 'string' },
  { id: 'edgeNote', for: 'edge', name: 'note', type: 'string' },
] as const;

// XML 1.0 allows tab, line feed, carriage return, and U+0020 upwards except surrogates (which a
// valid map only has in pairs) and U+FFFE/U+FFFF. The map refuses the C0 controls already;
// U+FFFE and U+FFFF it allows, so they are replaced here.
const NOT_XML_CHAR = /[\uFFFE\uFFFF]/g;
const HAS_NOT_XML_CHAR = /[\uFFFE\uFFFF]/;
// eslint-disable-next-line no-control-regex -- the C0 controls are exactly what must not pass
const C0_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

/**
 * Text escaped for XML content and attribute values alike. Tab, line feed and carriage return
 * are written as character references, because an XML parser would turn raw ones in attributes
 * into spaces and raw carriage returns anywhere into line feeds.
 */
export function xmlEscape(text: string): string {
  return text
    .replace(C0_CONTROL, '\uFFFD')
    .replace(NOT_XML_CHAR, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

const data = (key: string, value: string) => `<data key="${key}">${xmlEscape(value)}</data>`;

/** The map as a GraphML document; the same map always gives the same text. */
export function exportGraphml(map: ClashMap): ExportResult {
  const losses = new LossLog();
  reportRoundLosses(map, losses, 'GraphML');
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"',
    '    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '    xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...KEYS.map(
      (k) => `  <key id="${k.id}" for="${k.for}" attr.name="${k.name}" attr.type="${k.type}"/>`,
    ),
    '  <graph id="clashmap" edgedefault="directed">',
    `    ${data('title', map.title)}`,
  ];
  if (map.description !== undefined) lines.push(`    ${data('description', map.description)}`);
  const replaced = (value: string) => HAS_NOT_XML_CHAR.test(value);
  const notXml = 'The characters U+FFFE and U+FFFF are not allowed in XML; they became �';
  if (replaced(map.title) || replaced(map.description ?? '')) losses.add('title', notXml);
  map.nodes.forEach((node, i) => {
    const fields = [data('kind', node.kind), data('text', node.text)];
    if (node.evidence.length > 0) {
      fields.push(data('speaker', node.evidence.map((e) => e.speaker).join('\n')));
      fields.push(data('quote', node.evidence.map((e) => e.quote).join('\n')));
      losses.add(
        `nodes[${i}].evidence`,
        'Quote sources and offsets are not kept; quotes and speakers are listed one per line',
      );
    }
    if (node.tags !== undefined && node.tags.length > 0)
      fields.push(data('tags', node.tags.join(', ')));
    if (node.notes !== undefined) fields.push(data('note', node.notes));
    if (node.position) {
      fields.push(data('x', String(node.position.x)), data('y', String(node.position.y)));
    }
    const texts = [
      node.text,
      node.notes ?? '',
      ...(node.tags ?? []),
      ...node.evidence.flatMap((e) => [e.quote, e.speaker]),
    ];
    if (texts.some(replaced)) {
      losses.add(`nodes[${i}]`, notXml);
    }
    lines.push(
      `    <node id="${xmlEscape(node.id)}">`,
      ...fields.map((f) => `      ${f}`),
      '    </node>',
    );
  });
  map.edges.forEach((edge, i) => {
    const fields = [data('edgeKind', relationKind(edge.kind).formats.graphml.kind)];
    if (replaced(edge.note ?? '')) losses.add(`edges[${i}].note`, notXml);
    if (edge.note !== undefined) fields.push(data('edgeNote', edge.note));
    lines.push(
      `    <edge id="${xmlEscape(edge.id)}" source="${xmlEscape(edge.from)}" target="${xmlEscape(edge.to)}">`,
      ...fields.map((f) => `      ${f}`),
      '    </edge>',
    );
  });
  lines.push('  </graph>', '</graphml>');
  if (map.sources.length > 0) {
    losses.add(
      'sources',
      'Sources (title, author, publisher, date, address and text) are not exported',
    );
  }
  reportExportEvaluation(losses, map);
  return { ok: true, value: `${lines.join('\n')}\n`, losses: losses.list() };
}
