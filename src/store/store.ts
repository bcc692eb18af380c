import {
  applyEdgeChanges,
  applyNodeChanges,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import { create } from 'zustand';
import type { EdgeKind } from '../model/edge';
import { relationKind } from '../model/relations/registry';
import { emptyMap, type ClashMap } from '../model/map';
import type { EvidenceDraft } from '../model/evidence';
import { evaluateMap, type Assumption, type Evaluation } from '../model/evaluate';
import type { MapNode, NodeKind, Point } from '../model/node';
import type { PresentationStep } from '../model/presentation';
import type { Source } from '../model/source';
import { LIMITS } from '../model/limits';
import { cleanProse, cleanProseDeep } from '../model/text';
import { applyChange, diffMaps, invertChange, isEmptyChange, type Origin } from '../model/change';
import { changeProblem } from '../model/checkChange';
import * as ops from '../model/operations';
import { createHistory, type HistoryEntry } from '../doc/history';
import { layoutMap } from '../layout/layoutMap';
import { estimateNodeSize, type Size } from '../layout/nodeSize';
import {
  toFlowEdges,
  toFlowNodes,
  type ArgumentFlowEdge,
  type ArgumentFlowNode,
} from './flowAdapter';

/** A message shown to the user for a moment: why an edit was refused, what just happened. */
export interface Notice {
  tone: 'info' | 'error';
  text: string;
  id: number;
}

export interface DocumentSlice {
  /** The map as it would be saved; the only part of the state that undo tracks. */
  map: ClashMap;
  /**
   * The document's revision: a new number for every committed change, and the number it had
   * before for an undo (so undoing back to the saved map makes it clean again).
   */
  revision: number;
}

export interface SessionSlice {
  fileName: string | null;
  /** The revision last opened from or saved to a file (null: never saved to one). */
  savedRevision: number | null;
  /** The kept assumptions as last opened or saved (see assumptionsKey). */
  savedAssumptions: string;
  /** Where nodes without a saved position are drawn, by node id; never saved. */
  autoPositions: ReadonlyMap<string, Point>;
  /** True until the canvas has measured the nodes and the layout has been redone with real sizes. */
  layoutPending: boolean;
  flowNodes: ArgumentFlowNode[];
  flowEdges: ArgumentFlowEdge[];
  /** The map the flow nodes were built from; when `map` differs they are rebuilt. */
  flowSource: ClashMap;
  selectedNodeIds: string[];
  selectedEdgeIds: string[];
  editingNodeId: string | null;
  notice: Notice | null;
  /** Bumped to ask the canvas to frame these nodes (all of them when empty). */
  viewRequest: { nodeIds: string[]; serial: number };
  /** A node pointed at from elsewhere (a highlighted quote), shown with a ring; never saved. */
  hoveredNodeId: string | null;
  /** Quotes drawn as debate cards (tag, full citation, quote) instead of quote and speaker. */
  cardView: boolean;
  /** Whether the canvas shows which nodes stand, fall or are undecided. */
  labelsOn: boolean;
  /** What-if assumptions by node id; a view of the map, never part of its undo history. */
  assumptions: Readonly<Record<string, Assumption>>;
  /** True when the assumptions are to be written into the map file on save. */
  keepAssumptions: boolean;
  /** The labelling of the current map under the assumptions (null while labels are off). */
  evaluation: Evaluation | null;
}

export interface Actions {
  openMap: (map: ClashMap, fileName: string | null, options?: { savedToFile?: boolean }) => void;
  markSaved: (fileName: string) => void;
  applyNodeChanges: (changes: NodeChange<ArgumentFlowNode>[]) => void;
  applyEdgeChanges: (changes: EdgeChange<ArgumentFlowEdge>[]) => void;
  relayoutWithSizes: (sizes: ReadonlyMap<string, Size>) => void;
  select: (nodeIds: string[], edgeIds?: string[]) => void;
  /** Adds a node at (or below, if taken) `position` and opens it for typing. */
  addNode: (kind: NodeKind, position?: Point) => string;
  reply: (kind: EdgeKind) => string | null;
  startEditing: (id: string) => void;
  stopEditing: () => void;
  updateNode: (id: string, patch: Partial<Omit<MapNode, 'id'>>) => void;
  connect: (from: string, to: string, kind: EdgeKind) => boolean;
  updateEdge: (id: string, patch: { kind?: EdgeKind; note?: string | undefined }) => boolean;
  deleteElements: (nodeIds: string[], edgeIds: string[]) => void;
  deleteSelection: () => void;
  copySelection: () => number;
  paste: () => number;
  applyLayout: (positions: ReadonlyMap<string, Point>) => void;
  setTitle: (title: string) => void;
  addSource: (fields: Omit<Source, 'id'>) => string;
  updateSource: (id: string, patch: Partial<Omit<Source, 'id'>>) => void;
  removeSource: (id: string) => boolean;
  addQuote: (nodeId: string, evidence: EvidenceDraft) => boolean;
  reanchorQuote: (nodeId: string, index: number) => boolean;
  /** A new claim whose text and first quote are the given quote; opens it for typing. */
  claimFromQuote: (evidence: EvidenceDraft, position: Point) => string;
  setHoveredNode: (id: string | null) => void;
  toggleCardView: () => void;
  /** Replaces the presentation's steps (null: go back to the steps derived from the map). */
  setSteps: (steps: PresentationStep[] | null) => void;
  toggleLabels: () => void;
  /** Assume a node stands or falls, or (null) let the rule decide again. */
  setAssumption: (id: string, value: Assumption | null) => void;
  clearAssumptions: () => void;
  setKeepAssumptions: (keep: boolean) => void;
  /** The map as it should be saved: with the assumptions when the user keeps them. */
  mapToSave: () => ClashMap;
  notify: (tone: Notice['tone'], text: string) => void;
  dismissNotice: () => void;
  requestView: (nodeIds: string[]) => void;
  /**
   * Takes in another tab's (later a peer's) version, already merged with this one: committed
   * with origin 'remote', so it never enters this person's undo history. `repairs` says what the
   * merge had to fix; `from` names where the changes came from in that message ("another tab",
   * a classmate's name). False if even the merged map is refused.
   */
  applyRemote: (map: ClashMap, repairs: readonly string[], from?: string) => boolean;
  /** Undoes this person's newest edit (never a file load, a peer's or a repair). */
  undo: () => void;
  redo: () => void;
}

export type ClashmapState = DocumentSlice & SessionSlice & Actions;

const NO_POSITIONS: ReadonlyMap<string, Point> = new Map();

function unplacedLayout(
  map: ClashMap,
  sizes?: ReadonlyMap<string, Size>,
): ReadonlyMap<string, Point> {
  if (map.nodes.every((n) => n.position)) return NO_POSITIONS;
  return layoutMap(map, sizes ? { sizeOf: (id) => sizes.get(id) } : {});
}

/** The sizes the canvas has measured, by node id. */
export function measuredSizes(nodes: readonly ArgumentFlowNode[]): Map<string, Size> {
  const sizes = new Map<string, Size>();
  for (const node of nodes) {
    if (node.measured?.width && node.measured.height) {
      sizes.set(node.id, { width: node.measured.width, height: node.measured.height });
    }
  }
  return sizes;
}

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, i) => id === b[i]);

/** The assumptions that would be written to the file, as a comparable string ('' for none). */
export function assumptionsKey(
  state: Pick<SessionSlice, 'keepAssumptions' | 'assumptions'>,
): string {
  if (!state.keepAssumptions) return '';
  const entries = Object.entries(state.assumptions).sort(([a], [b]) => (a < b ? -1 : 1));
  return entries.length ? JSON.stringify(entries) : '';
}

/** True when the open map (or the assumptions kept with it) differs from its file. */
export function isDirty(
  state: Pick<ClashmapState, 'revision' | 'savedRevision' | 'keepAssumptions' | 'assumptions'> &
    Pick<SessionSlice, 'savedAssumptions'>,
): boolean {
  return state.savedRevision !== state.revision || assumptionsKey(state) !== state.savedAssumptions;
}

/** In-app clipboard: a copied fragment survives between copy and paste within this page. */
let clipboard: ops.Fragment | null = null;
let pasteCount = 0;
let noticeSerial = 0;
/** Revisions are unique within the page, across stores, so no two documents share one. */
let revisionSerial = 0;

/** Builds a store; the app uses one, tests make their own. */
export function createClashmapStore(initial: ClashMap = emptyMap()) {
  const history = createHistory();
  const store = create<ClashmapState>()((set, get) => {
    const initialPositions = unplacedLayout(initial);
    /** A node's drawn size: measured by the canvas, or estimated from its text. */
    const sizeOfFlow = (flow: ArgumentFlowNode): Size =>
      flow.measured?.width && flow.measured.height
        ? { width: flow.measured.width, height: flow.measured.height }
        : estimateNodeSize(flow.data.node);
    const sizeOf = (id: string): Size => {
      const flow = get().flowNodes.find((n) => n.id === id);
      return flow ? sizeOfFlow(flow) : { width: 280, height: 100 };
    };
    const positionOf = (id: string): Point | undefined =>
      get().flowNodes.find((n) => n.id === id)?.position;

    /** A free spot for a new node, starting at `from` and moving down past anything in the way. */
    const freeSpot = (from: Point, size: Size): Point => {
      const rects = get().flowNodes.map((n) => ({ ...n.position, ...sizeOfFlow(n) }));
      const spot = { ...from };
      for (let tries = 0; tries < 200; tries++) {
        const hit = rects.find(
          (r) =>
            spot.x < r.x + r.width &&
            r.x < spot.x + size.width &&
            spot.y < r.y + r.height &&
            r.y < spot.y + size.height,
        );
        if (!hit) break;
        spot.y = hit.y + hit.height + 16;
      }
      return spot;
    };

    const refuse = (text: string) => get().notify('error', text);
    /**
     * The one path every edit takes into the document: the change from the open map to
     * `next` is checked against the schemas and invariants, then committed with its origin;
     * the user's own changes become one undo step each. `session` is state that goes with
     * the edit (the selection, the editor). Returns false (and says why) when refused.
     */
    const commitMap = (
      next: ClashMap,
      session: Partial<SessionSlice> = {},
      origin: Origin = 'user',
    ): boolean => {
      const state = get();
      const change = next === state.map ? null : diffMaps(state.map, next);
      if (!change || isEmptyChange(change)) {
        if (Object.keys(session).length) set(session);
        return true;
      }
      const problem = changeProblem(next, change);
      if (problem) {
        refuse(problem);
        return false;
      }
      const revision = ++revisionSerial;
      if (origin === 'user') history.record({ change, before: state.revision, after: revision });
      set({ ...session, map: next, revision });
      return true;
    };
    /** Applies an edit the model may refuse: the new map, or the reason shown to the user. */
    const commit = (result: ops.EditResult, session: Partial<SessionSlice> = {}): boolean => {
      if (!result.ok) {
        refuse(result.reason);
        return false;
      }
      return commitMap(result.map, session);
    };
    const initialRevision = ++revisionSerial;
    // Another tab's changes came in since the history began: an undo step may now meet a map it
    // was not made on, so it is checked like any edit, and revisions are no longer reused.
    let remoteSinceHistory = false;
    const step = (entry: HistoryEntry | undefined, direction: 'undo' | 'redo') => {
      if (!entry) return;
      const state = get();
      const change = direction === 'undo' ? invertChange(entry.change) : entry.change;
      const next = applyChange(state.map, change);
      if (remoteSinceHistory) {
        const problem = next === state.map ? null : changeProblem(next, diffMaps(state.map, next));
        if (problem) {
          refuse(
            `This step cannot be ${direction === 'undo' ? 'undone' : 'redone'}: another tab changed the same part of the map (${problem})`,
          );
          return;
        }
        set({ map: next, revision: ++revisionSerial });
        return;
      }
      set({ map: next, revision: direction === 'undo' ? entry.before : entry.after });
    };

    return {
      map: initial,
      revision: initialRevision,
      fileName: null,
      savedRevision: null,
      savedAssumptions: '',
      autoPositions: initialPositions,
      layoutPending: initial.nodes.length > 0,
      flowNodes: toFlowNodes(initial, initialPositions, [], new Set(), null),
      flowEdges: toFlowEdges(initial, [], new Set()),
      flowSource: initial,
      selectedNodeIds: [],
      selectedEdgeIds: [],
      editingNodeId: null,
      notice: null,
      viewRequest: { nodeIds: [], serial: 0 },
      hoveredNodeId: null,
      cardView: false,
      labelsOn: false,
      assumptions: {},
      keepAssumptions: false,
      evaluation: null,

      openMap: (opened, fileName, options = {}) => {
        // Assumptions kept in a file become this session's what-ifs; the document itself
        // never carries them, so toggling one is not an edit.
        const { assumptions: kept, ...map } = opened;
        const positions = unplacedLayout(map);
        // A load is not an edit: it starts a new history, here and only here.
        history.clear();
        remoteSinceHistory = false;
        const revision = ++revisionSerial;
        set({
          assumptions: Object.fromEntries((kept ?? []).map((a) => [a.node, a.value])),
          keepAssumptions: (kept ?? []).length > 0,
          savedAssumptions: options.savedToFile
            ? assumptionsKey({
                keepAssumptions: (kept ?? []).length > 0,
                assumptions: Object.fromEntries((kept ?? []).map((a) => [a.node, a.value])),
              })
            : '',
          map,
          revision,
          fileName,
          savedRevision: options.savedToFile ? revision : null,
          autoPositions: positions,
          layoutPending: map.nodes.length > 0,
          flowNodes: toFlowNodes(map, positions, [], new Set(), null),
          flowEdges: toFlowEdges(map, [], new Set()),
          flowSource: map,
          selectedNodeIds: [],
          selectedEdgeIds: [],
          editingNodeId: null,
        });
      },

      markSaved: (fileName) =>
        set({
          fileName,
          savedRevision: get().revision,
          savedAssumptions: assumptionsKey(get()),
        }),

      applyNodeChanges: (changes) => {
        const state = get();
        const moved = new Map<string, Point>();
        let selection: Set<string> | null = null;
        let autoNodeResized = false;
        const flowChanges: NodeChange<ArgumentFlowNode>[] = [];
        for (const change of changes) {
          if (change.type === 'remove') continue; // deletions arrive through deleteElements
          if (
            change.type === 'dimensions' &&
            change.dimensions &&
            state.autoPositions.has(change.id)
          ) {
            autoNodeResized = true;
          }
          if (change.type === 'select') {
            selection ??= new Set(state.selectedNodeIds);
            if (change.selected) selection.add(change.id);
            else selection.delete(change.id);
          }
          // A drag is committed once, when it ends; its ticks only move the drawing.
          if (change.type === 'position' && change.position && !change.dragging)
            moved.set(change.id, change.position);
          flowChanges.push(change);
        }
        let flowNodes = flowChanges.length
          ? applyNodeChanges(flowChanges, state.flowNodes)
          : state.flowNodes;
        let autoPositions = state.autoPositions;
        // Nodes placed by the layout reflow, like an outline, when one of them changes size
        // (its text was edited); nodes the user placed stay where they are.
        if (autoNodeResized && !state.layoutPending) {
          autoPositions = unplacedLayout(state.map, measuredSizes(flowNodes));
          flowNodes = toFlowNodes(
            state.map,
            autoPositions,
            flowNodes,
            new Set(state.selectedNodeIds),
            state.editingNodeId,
          );
        }
        const selectedNodeIds = selection
          ? state.map.nodes.filter((n) => selection!.has(n.id)).map((n) => n.id)
          : state.selectedNodeIds;
        const session = {
          flowNodes,
          autoPositions,
          ...(sameIds(selectedNodeIds, state.selectedNodeIds) ? {} : { selectedNodeIds }),
        };
        if (!moved.size) set(session);
        else if (!commitMap(ops.moveNodes(state.map, moved), session)) {
          // The drop was refused (and the user told why): the rest of the batch (measured
          // sizes, the selection) still holds, and the moved nodes go back where the map has them.
          set({
            ...session,
            flowNodes: toFlowNodes(
              state.map,
              autoPositions,
              flowNodes,
              new Set(selectedNodeIds),
              state.editingNodeId,
            ),
          });
        }
      },

      applyEdgeChanges: (changes) => {
        const state = get();
        const selection = new Set(state.selectedEdgeIds);
        const kept = changes.filter((c) => c.type !== 'remove');
        for (const change of kept) {
          if (change.type === 'select') {
            if (change.selected) selection.add(change.id);
            else selection.delete(change.id);
          }
        }
        const selectedEdgeIds = state.map.edges.filter((e) => selection.has(e.id)).map((e) => e.id);
        set({
          flowEdges: kept.length ? applyEdgeChanges(kept, state.flowEdges) : state.flowEdges,
          ...(sameIds(selectedEdgeIds, state.selectedEdgeIds) ? {} : { selectedEdgeIds }),
        });
      },

      relayoutWithSizes: (sizes) => {
        const positions = unplacedLayout(get().map, sizes);
        const state = get();
        set({
          autoPositions: positions,
          layoutPending: false,
          flowNodes: toFlowNodes(
            state.map,
            positions,
            state.flowNodes,
            new Set(state.selectedNodeIds),
            state.editingNodeId,
          ),
        });
      },

      select: (nodeIds, edgeIds = []) =>
        set({ selectedNodeIds: nodeIds, selectedEdgeIds: edgeIds }),

      addNode: (kind, position) => {
        const state = get();
        const at = freeSpot(position ?? { x: 0, y: 0 }, { width: 300, height: 90 });
        const node = ops.newNode(
          state.map,
          kind,
          kind === 'position' ? 'New position' : 'New claim',
          at,
        );
        const added = commitMap(ops.addNode(state.map, node), {
          selectedNodeIds: [node.id],
          selectedEdgeIds: [],
          editingNodeId: node.id,
        });
        return added ? node.id : '';
      },

      reply: (kind) => {
        const state = get();
        const parentId = state.selectedNodeIds.length === 1 ? state.selectedNodeIds[0] : undefined;
        if (!parentId) {
          refuse(
            state.selectedNodeIds.length === 0
              ? 'Select a node first, then add a reply to it.'
              : 'Select just one node to reply to.',
          );
          return null;
        }
        const parentAt = positionOf(parentId) ?? { x: 0, y: 0 };
        const parentSize = sizeOf(parentId);
        const at = freeSpot(
          { x: parentAt.x + parentSize.width + 90, y: parentAt.y },
          { width: 280, height: 90 },
        );
        const node = ops.newNode(state.map, 'claim', relationKind(kind).names.newReply, at);
        const result = ops.connect(ops.addNode(state.map, node), node.id, parentId, kind);
        const added = commit(result, {
          selectedNodeIds: [node.id],
          selectedEdgeIds: [],
          editingNodeId: node.id,
        });
        return added ? node.id : null;
      },

      startEditing: (id) => set({ editingNodeId: id, selectedNodeIds: [id], selectedEdgeIds: [] }),
      stopEditing: () => set({ editingNodeId: null }),

      updateNode: (id, patch) => {
        commitMap(ops.updateNode(get().map, id, cleanProseDeep(patch)));
      },

      connect: (from, to, kind) => {
        const result = ops.connect(get().map, from, to, kind);
        if (!result.ok) return commit(result);
        const edge = result.map.edges[result.map.edges.length - 1]!;
        return commit(result, { selectedNodeIds: [], selectedEdgeIds: [edge.id] });
      },

      updateEdge: (id, patch) => commit(ops.updateEdge(get().map, id, cleanProseDeep(patch))),

      deleteElements: (nodeIds, edgeIds) => {
        const state = get();
        const map = ops.removeElements(state.map, nodeIds, edgeIds);
        if (map === state.map) return;
        const nodes = new Set(map.nodes.map((n) => n.id));
        const edges = new Set(map.edges.map((e) => e.id));
        commitMap(map, {
          selectedNodeIds: state.selectedNodeIds.filter((id) => nodes.has(id)),
          selectedEdgeIds: state.selectedEdgeIds.filter((id) => edges.has(id)),
          editingNodeId:
            state.editingNodeId && nodes.has(state.editingNodeId) ? state.editingNodeId : null,
        });
      },

      deleteSelection: () => get().deleteElements(get().selectedNodeIds, get().selectedEdgeIds),

      copySelection: () => {
        const state = get();
        if (state.selectedNodeIds.length === 0) return 0;
        const fragment = ops.copyFragment(state.map, state.selectedNodeIds);
        // Nodes drawn at an automatic position are copied with it, so the paste lands nearby.
        clipboard = {
          ...fragment,
          nodes: fragment.nodes.map((n) =>
            n.position ? n : { ...n, position: positionOf(n.id) ?? { x: 0, y: 0 } },
          ),
        };
        pasteCount = 0;
        return fragment.nodes.length;
      },

      paste: () => {
        if (!clipboard || clipboard.nodes.length === 0) return 0;
        pasteCount++;
        const { map, nodeIds } = ops.pasteFragment(get().map, clipboard, {
          x: 40 * pasteCount,
          y: 40 * pasteCount,
        });
        return commitMap(map, { selectedNodeIds: nodeIds, selectedEdgeIds: [] })
          ? nodeIds.length
          : 0;
      },

      applyLayout: (positions) => {
        commitMap(ops.moveNodes(get().map, positions));
      },

      setTitle: (title) => {
        const trimmed = cleanProse(title).trim();
        if (trimmed.length > LIMITS.titleLength) {
          return refuse(`A title can be at most ${LIMITS.titleLength} characters.`);
        }
        if (trimmed && trimmed !== get().map.title) commitMap({ ...get().map, title: trimmed });
      },

      addSource: (fields) => {
        const { map, id } = ops.addSource(get().map, cleanProseDeep(fields));
        return commitMap(map) ? id : '';
      },

      updateSource: (id, patch) => {
        commitMap(ops.updateSource(get().map, id, cleanProseDeep(patch)));
      },

      removeSource: (id) => commit(ops.removeSource(get().map, id)),

      addQuote: (nodeId, evidence) => commit(ops.addEvidence(get().map, nodeId, evidence)),

      reanchorQuote: (nodeId, index) => commit(ops.reanchorEvidence(get().map, nodeId, index)),

      claimFromQuote: (evidence, position) => {
        const state = get();
        const at = freeSpot(position, { width: 280, height: 120 });
        const text = evidence.quote.replace(/\s+/g, ' ').trim();
        const node: MapNode = {
          ...ops.newNode(
            state.map,
            'claim',
            text.length > 300 ? `${text.slice(0, 297)}…` : text,
            at,
          ),
          evidence: [ops.withQuoteId(evidence, ops.quoteIds(state.map))],
        };
        const added = commitMap(ops.addNode(state.map, node), {
          selectedNodeIds: [node.id],
          selectedEdgeIds: [],
          editingNodeId: node.id,
        });
        return added ? node.id : '';
      },

      toggleCardView: () => set({ cardView: !get().cardView }),
      setSteps: (steps) => {
        const { presentation: _old, ...rest } = get().map;
        commitMap(steps ? { ...rest, presentation: { steps: cleanProseDeep(steps) } } : rest);
      },
      toggleLabels: () => set({ labelsOn: !get().labelsOn }),
      setAssumption: (id, value) => {
        const next = { ...get().assumptions };
        if (value) next[id] = value;
        else delete next[id];
        set({ assumptions: next });
      },
      clearAssumptions: () => set({ assumptions: {} }),
      setKeepAssumptions: (keep) => set({ keepAssumptions: keep }),
      mapToSave: () => {
        const { map, assumptions, keepAssumptions } = get();
        const ids = new Set(map.nodes.map((n) => n.id));
        const list = Object.entries(assumptions)
          .filter(([node]) => ids.has(node))
          .map(([node, value]) => ({ node, value }));
        return keepAssumptions && list.length > 0 ? { ...map, assumptions: list } : map;
      },

      setHoveredNode: (id) => {
        if (get().hoveredNodeId !== id) set({ hoveredNodeId: id });
      },

      notify: (tone, text) => set({ notice: { tone, text, id: ++noticeSerial } }),
      dismissNotice: () => set({ notice: null }),
      requestView: (nodeIds) =>
        set({ viewRequest: { nodeIds, serial: get().viewRequest.serial + 1 } }),

      applyRemote: (map, repairs, from = 'another tab') => {
        const state = get();
        const ids = new Set(map.nodes.map((n) => n.id));
        const edgeIds = new Set(map.edges.map((e) => e.id));
        const selectedNodeIds = state.selectedNodeIds.filter((id) => ids.has(id));
        const selectedEdgeIds = state.selectedEdgeIds.filter((id) => edgeIds.has(id));
        const session: Partial<SessionSlice> = {
          ...(selectedNodeIds.length === state.selectedNodeIds.length ? {} : { selectedNodeIds }),
          ...(selectedEdgeIds.length === state.selectedEdgeIds.length ? {} : { selectedEdgeIds }),
          ...(state.editingNodeId && !ids.has(state.editingNodeId) ? { editingNodeId: null } : {}),
        };
        if (!commitMap(map, session, 'remote')) return false;
        if (map !== state.map) remoteSinceHistory = true;
        if (repairs.length)
          get().notify('info', `Changes from ${from} were merged. ${repairs.join(' ')}`);
        return true;
      },

      undo: () => step(history.popUndo(), 'undo'),
      redo: () => step(history.popRedo(), 'redo'),
    };
  });

  // Keep what the canvas draws in step with the document, the selection and the editor,
  // whichever path changed them (an action, undo or redo).
  // Labels follow every edit and every what-if while they are shown (linear in the map).
  store.subscribe((state, previous) => {
    const stale =
      state.labelsOn &&
      (state.evaluation === null ||
        state.map !== previous.map ||
        state.assumptions !== previous.assumptions ||
        !previous.labelsOn);
    if (stale) store.setState({ evaluation: evaluateMap(state.map, state.assumptions) });
    else if (!state.labelsOn && state.evaluation !== null) store.setState({ evaluation: null });
  });

  store.subscribe((state, previous) => {
    const mapChanged = state.map !== state.flowSource;
    const selectionChanged =
      state.selectedNodeIds !== previous.selectedNodeIds ||
      state.selectedEdgeIds !== previous.selectedEdgeIds ||
      state.editingNodeId !== previous.editingNodeId;
    if (!mapChanged && !selectionChanged) return;
    let autoPositions = state.autoPositions;
    if (mapChanged && state.map.nodes.some((n) => !n.position && !autoPositions.has(n.id))) {
      autoPositions = unplacedLayout(state.map);
    }
    const nodeIds = new Set(state.map.nodes.map((n) => n.id));
    const edgeIds = new Set(state.map.edges.map((e) => e.id));
    store.setState({
      autoPositions,
      flowSource: state.map,
      flowNodes: toFlowNodes(
        state.map,
        autoPositions,
        state.flowNodes,
        new Set(state.selectedNodeIds),
        state.editingNodeId,
      ),
      flowEdges: toFlowEdges(state.map, state.flowEdges, new Set(state.selectedEdgeIds)),
      // Undo can take away a selected element.
      ...(mapChanged && state.selectedNodeIds.some((id) => !nodeIds.has(id))
        ? { selectedNodeIds: state.selectedNodeIds.filter((id) => nodeIds.has(id)) }
        : {}),
      ...(mapChanged && state.selectedEdgeIds.some((id) => !edgeIds.has(id))
        ? { selectedEdgeIds: state.selectedEdgeIds.filter((id) => edgeIds.has(id)) }
        : {}),
      ...(mapChanged && state.editingNodeId !== null && !nodeIds.has(state.editingNodeId)
        ? { editingNodeId: null }
        : {}),
    });
  });
  return Object.assign(store, { history });
}

export type ClashmapStore = ReturnType<typeof createClashmapStore>;
