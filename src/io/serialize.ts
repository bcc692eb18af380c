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

/** The map as file text: fixed key order, 2-space indent, trailing newline. */
export function serializeMap(map: ClashMap): string {
  const document = compact({
    format: map.format,
    version: map.version,
    title: map.title,
    description: map.description,
    sources: map.sources.map(sourceOut),
    nodes: map.nodes.map(nodeOut),
    edges: map.edges.map(edgeOut),
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
  return `${JSON.stringify(document, null, 2)}\n`;
}
