// The model's operations return changes; most tests read more easily as maps. These wrappers
// apply each operation's change to the map it was made on, so a test asserts the map the change
// makes (an empty change gives back the very same map object).
import { applyChange } from '../../src/model/change';
import type { EdgeKind } from '../../src/model/edge';
import type { EvidenceDraft } from '../../src/model/evidence';
import type { ClashMap } from '../../src/model/map';
import type { MapNode, Point } from '../../src/model/node';
import * as ops from '../../src/model/operations';
import * as sourceOps from '../../src/model/sourceOps';
import type { Source } from '../../src/model/source';

export {
  connectionProblem,
  copyFragment,
  newNode,
  quoteIds,
  takenIds,
  withQuoteId,
  type Fragment,
} from '../../src/model/operations';

export type MapResult = { ok: true; map: ClashMap } | { ok: false; reason: string };

const onMap = (map: ClashMap, result: ops.EditResult): MapResult =>
  result.ok ? { ok: true, map: applyChange(map, result.change) } : result;

export const addNode = (map: ClashMap, node: MapNode) => applyChange(map, ops.addNode(map, node));
export const updateNode = (map: ClashMap, id: string, patch: Partial<Omit<MapNode, 'id'>>) =>
  applyChange(map, ops.updateNode(map, id, patch));
export const connect = (map: ClashMap, from: string, to: string, kind: EdgeKind, id?: string) =>
  onMap(map, ops.connect(map, from, to, kind, id));
export const updateEdge = (
  map: ClashMap,
  id: string,
  patch: { kind?: EdgeKind; note?: string | undefined },
) => onMap(map, ops.updateEdge(map, id, patch));
export const removeElements = (
  map: ClashMap,
  nodeIds: Iterable<string>,
  edgeIds: Iterable<string> = [],
) => applyChange(map, ops.removeElements(map, nodeIds, edgeIds));
export const moveNodes = (map: ClashMap, positions: ReadonlyMap<string, Point>) =>
  applyChange(map, ops.moveNodes(map, positions));
export const pasteFragment = (
  map: ClashMap,
  fragment: ops.Fragment,
  offset: Point,
  fallbackPosition?: (node: MapNode) => Point | undefined,
) => {
  const { change, nodeIds } = ops.pasteFragment(map, fragment, offset, fallbackPosition);
  return { map: applyChange(map, change), nodeIds };
};
export const addSource = (map: ClashMap, source: Omit<Source, 'id'>) => {
  const { change, id } = sourceOps.addSource(map, source);
  return { map: applyChange(map, change), id };
};
export const updateSource = (map: ClashMap, id: string, patch: Partial<Omit<Source, 'id'>>) =>
  applyChange(map, sourceOps.updateSource(map, id, patch));
export const removeSource = (map: ClashMap, id: string) =>
  onMap(map, sourceOps.removeSource(map, id));
export const addEvidence = (map: ClashMap, nodeId: string, draft: EvidenceDraft) =>
  onMap(map, sourceOps.addEvidence(map, nodeId, draft));
export const reanchorEvidence = (map: ClashMap, nodeId: string, index: number) =>
  onMap(map, sourceOps.reanchorEvidence(map, nodeId, index));
