import type { Edge, EdgeKind } from '../../../src/model/edge';
import type { Evidence } from '../../../src/model/evidence';
import { CURRENT_VERSION, MAP_FORMAT, type ClashMap } from '../../../src/model/map';
import type { MapNode, NodeKind } from '../../../src/model/node';

/** A node for a test map: [id, kind, text] or with quotes. */
export type NodeSpec = [string, NodeKind, string, Evidence[]?];
/** A relation for a test map: [from, to, kind]; its id is "from>to". */
export type EdgeSpec = [string, string, EdgeKind];

/** A small valid map from node and relation specs (for comparisons). */
export function makeMap(nodes: NodeSpec[], edges: EdgeSpec[] = [], title = 'Map'): ClashMap {
  return {
    format: MAP_FORMAT,
    version: CURRENT_VERSION,
    title,
    sources: [{ id: 'article', title: 'The article' }],
    nodes: nodes.map(([id, kind, text, evidence = []]): MapNode => ({ id, kind, text, evidence })),
    edges: edges.map(([from, to, kind]): Edge => ({ id: `${from}>${to}`, from, to, kind })),
  };
}

/** An unchecked quote from the map's one source. */
export const quote = (id: string, text: string): Evidence => ({
  id,
  sourceId: 'article',
  quote: text,
  speaker: 'A reporter',
});
