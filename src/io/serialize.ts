import type { Evidence } from '../model/evidence';
import type { Edge } from '../model/edge';
import type { ClashMap } from '../model/map';
import type { MapNode } from '../model/node';
import type { Source } from '../model/source';

// Builds each object with its keys in one fixed order, dropping absent optional fields, so that
// the same map always serializes to the same bytes and files diff well.
function compact<T extends Record<string, unknown>>(entries: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) out[key] = value;
  return out as T;
}

const sourceOut = (s: Source) =>
  compact({
    id: s.id,
    title: s.title,
    author: s.author,
    publisher: s.publisher,
    published: s.published,
    url: s.url,
    text: s.text,
  });

const evidenceOut = (e: Evidence) =>
  compact({
    id: e.id,
    sourceId: e.sourceId,
    quote: e.quote,
    start: e.start,
    end: e.end,
    speaker: e.speaker,
  });

const nodeOut = (n: MapNode) =>
  compact({
    id: n.id,
    kind: n.kind,
    text: n.text,
    scheme: n.kind === 'argument' ? n.scheme : undefined,
    evidence: n.evidence.map(evidenceOut),
    position: n.position ? { x: n.position.x, y: n.position.y } : undefined,
    tags: n.tags,
    notes: n.notes,
    side: n.side,
    speech: n.speech,
    sheet: n.kind === 'claim' ? n.sheet : undefined,
    conceded: n.conceded,
  });

const edgeOut = (e: Edge) =>
  compact({ id: e.id, from: e.from, to: e.to, kind: e.kind, note: e.note });

/**
 * Each record's JSON, indented for its place in the file (an item of a top-level array), cached
 * by the record: records are immutable, so after an edit only the records it made are written
 * afresh, and autosaving a 5,000-node map costs what the edit touched plus joining the text.
 */
const recordText = new WeakMap<object, string>();
const ITEM_INDENT = '    ';

function itemText<T extends object>(record: T, out: (record: T) => unknown): string {
  let text = recordText.get(record);
  if (text === undefined) {
    // Indented by split and join, which leave one flat string: replaceAll and + leave a rope
    // of pieces, which every join below would walk again (most of the time this saves).
    text = (ITEM_INDENT + JSON.stringify(out(record), null, 2))
      .split('\n')
      .join(`\n${ITEM_INDENT}`);
    recordText.set(record, text);
  }
  return text;
}

/** A top-level array as JSON.stringify(…, null, 2) writes it inside the document object. */
function arrayText<T extends object>(records: readonly T[], out: (record: T) => unknown): string {
  if (records.length === 0) return '[]';
  return `[\n${records.map((r) => itemText(r, out)).join(',\n')}\n  ]`;
}

/** An object's members as JSON.stringify(…, null, 2) writes them inside the document: one per line. */
function membersText(object: Record<string, unknown>): string[] {
  const text = JSON.stringify(object, null, 2);
  return text === '{}' ? [] : [text.slice(2, -2)];
}

/** The map as file text: fixed key order, 2-space indent, trailing newline. */
export function serializeMap(map: ClashMap): string {
  const head = compact({
    format: map.format,
    version: map.version,
    title: map.title,
    description: map.description,
  });
  const tail = compact({
    presentation: map.presentation
      ? {
          steps: map.presentation.steps.map((step) =>
            compact({ id: step.id, title: step.title, nodes: [...step.nodes], note: step.note }),
          ),
        }
      : undefined,
    round: map.round
      ? compact({ format: map.round.format, aff: map.round.aff, neg: map.round.neg })
      : undefined,
    assumptions: map.assumptions?.map((a) => ({ node: a.node, value: a.value })),
  });
  // The same text as one JSON.stringify of the whole document, with the three record arrays
  // written from each record's cached text.
  const members = [
    ...membersText(head),
    `  "sources": ${arrayText(map.sources, sourceOut)}`,
    `  "nodes": ${arrayText(map.nodes, nodeOut)}`,
    `  "edges": ${arrayText(map.edges, edgeOut)}`,
    ...membersText(tail),
  ];
  return `{\n${members.join(',\n')}\n}\n`;
}
