import type { EdgeChange, NodeChange } from '@xyflow/react';
import { create } from 'zustand';
import type { EdgeKind } from '../model/edge';
import { relationKind } from '../model/relations/registry';
import { emptyMap, type ClashMap } from '../model/map';
import type { EvidenceDraft } from '../model/evidence';
import type { Assumption, Evaluation } from '../model/evaluate';
import type { MapNode, NodeKind, Point } from '../model/node';
import type { PresentationStep } from '../model/presentation';
import { LIMITS } from '../model/limits';
import { cleanProse, cleanProseDeep } from '../model/text';
import {
  applyChange,
  diffMaps,
  fieldsChange,
  invertChange,
  rebaseChange,
  isEmptyChange,
  type MapChange,
  NO_CHANGE,
  type Origin,
} from '../model/change';
import { changeProblem } from '../model/checkChange';
import * as ops from '../model/operations';
import { createHistory, type HistoryEntry } from '../doc/history';
import { layoutMap, relayoutResized, type Resize } from '../layout/layoutMap';
import { nodeOf } from '../model/arguments';
import { estimateNodeSize, lookOf, type Size } from '../layout/nodeSize';
import { LARGE_MAP_NODES } from '../components/canvasScale';
import type { ArgumentFlowEdge, ArgumentFlowNode } from './flowAdapter';
import {
  drawnPosition,
  newProjectionMemo,
  selectFlowEdges,
  selectFlowNodes,
  type ProjectionMemo,
} from './canvasProjection';

/**
 * An auto-layout's places made into the change they make and checked, ahead of applying it:
 * on a large map making it, drawing it and committing it are each a task of its own.
 */
export interface PreparedLayout {
  readonly positions: ReadonlyMap<string, Point>;
  /** The map the change was made against: it is committed as made only to that map. */
  readonly from: ClashMap;
  readonly change: MapChange;
  readonly next: ClashMap;
  /** Why the change may not be made, or null. */
  readonly problem: string | null;
  /**
   * Computes ahead what the canvas will draw once the change is applied (a third of the work
   * on a large map), so that the commit only commits: call it in a task between the two.
   */
  readonly project: () => void;
}

/** How a map is opened (`openMap`). */
export interface OpenOptions {
  /** The map is the file's as saved (else it is marked as having changes to save). */
  savedToFile?: boolean;
  /** Where the automatic layout puts the nodes the file leaves unplaced, made elsewhere (the reader's worker). */
  layout?: ReadonlyMap<string, Point>;
}

/**
 * What opening a map sets, made ahead of `openMap` with the canvas's drawing of it: a large map
 * is opened in steps (components/largeMaps.ts, showMapInSteps), each a task of its own.
 */
export interface PreparedOpen {
  readonly opened: ClashMap;
  readonly opening: Partial<ClashmapState>;
  /** Computes ahead what the canvas will draw once the map is open. */
  readonly project: () => void;
}

/** The layout once the canvas measured a large map's first cards, made ahead of applying it. */
export interface PreparedRelayout {
  readonly map: ClashMap;
  /** The layout it was made from: it is applied as made only while that is still the layout. */
  readonly before: ReadonlyMap<string, Point>;
  readonly positions: ReadonlyMap<string, Point>;
  readonly project: () => void;
}

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
  /** The sizes the canvas measured, by node id; never saved. */
  measured: ReadonlyMap<string, Size>;
  /** Where the nodes being dragged are drawn until the drop commits their place. */
  dragging: ReadonlyMap<string, Point>;
  /** The cards dropped last: they keep their places, and the cards they cover make room. */
  pinned: ReadonlySet<string>;
  /** The memo of the canvas projection (`selectFlowNodes`, `selectFlowEdges`). */
  projection: ProjectionMemo;
  selectedNodeIds: string[];
  selectedEdgeIds: string[];
  editingNodeId: string | null;
  notice: Notice | null;
  /** Bumped to ask the canvas to frame these nodes (all of them when empty). */
  viewRequest: { nodeIds: string[]; serial: number };
  /** A node pointed at from elsewhere (a highlighted quote), shown with a ring; never saved. */
  hoveredNodeId: string | null;
  /**
   * Why this person's edits are refused (a class room's view link), or null when they may
   * edit. Changes from elsewhere (the room) still come in.
   */
  readOnly: string | null;
  /** Quotes drawn as debate cards (tag, full citation, quote) instead of quote and speaker. */
  cardView: boolean;
  /** Whether the canvas shows which nodes stand, fall or are undecided. */
  labelsOn: boolean;
  /** A round shown as it stood after this speech (the flow's "As of"): labels are as of then. */
  roundAsOf: string | null;
  /** What-if assumptions by node id; a view of the map, never part of its undo history. */
  /** By node id (a Map: a node may be called `constructor`). */
  assumptions: ReadonlyMap<string, Assumption>;
  /** True when the assumptions are to be written into the map file on save. */
  keepAssumptions: boolean;
  /** The labelling of the current map under the assumptions (null while labels are off). */
  evaluation: Evaluation | null;
}

export interface Actions {
  /**
   * Opens `map` with a fresh history. `layout`: where its unplaced nodes go, when that was
   * already worked out with estimated sizes (a large file is laid out in the worker that read it).
   */
  openMap: (
    map: ClashMap,
    fileName: string | null,
    options?: OpenOptions & { prepared?: PreparedOpen },
  ) => void;
  prepareOpen: (map: ClashMap, options?: OpenOptions) => PreparedOpen;
  markSaved: (fileName: string) => void;
  applyNodeChanges: (changes: NodeChange<ArgumentFlowNode>[]) => void;
  applyEdgeChanges: (changes: EdgeChange<ArgumentFlowEdge>[]) => void;
  /** Lays the map out again with the sizes measured, or applies a `prepareRelayout` of it. */
  relayoutWithSizes: (sizes: ReadonlyMap<string, Size> | PreparedRelayout) => void;
  prepareRelayout: (sizes: ReadonlyMap<string, Size>) => PreparedRelayout;
  select: (nodeIds: string[], edgeIds?: string[]) => void;
  /** Adds a node at (or below, if taken) `position` and opens it for typing. */
  addNode: (kind: NodeKind, position?: Point) => string;
  reply: (kind: EdgeKind) => string | null;
  /** Links the premises into one argument for the conclusion (they support it only together). */
  supportTogether: (premiseIds: string[], conclusionId: string) => Promise<boolean>;
  /**
   * Adds a claim undercutting the selected argument junction, or the argument of the selected
   * support, premise or conclusion line, and opens it for typing; its id, or null.
   */
  undercutSelection: () => Promise<string | null>;
  /** Turns a linked argument back into separate supports. */
  separatePremises: (argumentId: string) => Promise<boolean>;
  /** Marks the two selected claims as contraries. */
  markContraries: () => Promise<boolean>;
  /**
   * Applies an edit worked out outside the store (the flow view's and the source panel's:
   * store/flowEdits.ts, store/sourceEdits.ts), with the view state that goes with it: its change,
   * or the reason it was refused (shown). False when refused.
   */
  applyEdit: (result: ops.EditResult, session?: Partial<SessionSlice>) => boolean;
  startEditing: (id: string) => void;
  stopEditing: () => void;
  updateNode: (id: string, patch: Partial<Omit<MapNode, 'id'>>) => void;
  connect: (from: string, to: string, kind: EdgeKind) => boolean;
  updateEdge: (id: string, patch: { kind?: EdgeKind; note?: string | undefined }) => boolean;
  deleteElements: (nodeIds: string[], edgeIds: string[]) => void;
  deleteSelection: () => void;
  copySelection: () => number;
  paste: () => number;
  /**
   * Moves nodes to the given places as one undoable step. Given a `prepareLayout` of the map as
   * it still is, only commits it.
   */
  applyLayout: (layout: ReadonlyMap<string, Point> | PreparedLayout) => void;
  /** The change an auto-layout's places make to the map as it is, checked, to apply later. */
  prepareLayout: (positions: ReadonlyMap<string, Point>) => PreparedLayout;
  setTitle: (title: string) => void;
  /** A new claim whose text and first quote are the given quote; opens it for typing. */
  claimFromQuote: (evidence: EvidenceDraft, position: Point) => string;
  setHoveredNode: (id: string | null) => void;
  toggleCardView: () => void;
  /** Replaces the presentation's steps (null: go back to the steps derived from the map). */
  setSteps: (steps: PresentationStep[] | null) => void;
  toggleLabels: () => void;
  setRoundAsOf: (speech: string | null) => void;
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
   * Takes in another tab's or a peer's version, already merged with this one: committed with
   * origin 'remote', or 'repair' when the repair pass had to fix the merge (`repairs` says what,
   * and the user is told), so it never enters this person's undo history. `from` names where
   * the changes came from in that message ("another tab", a classmate's name). False if even
   * the merged map is refused.
   */
  applyRemote: (map: ClashMap, repairs: readonly string[], from?: string) => boolean;
  /** Refuses this person's edits from now on, saying `reason`; null allows them again. */
  setReadOnly: (reason: string | null) => void;
  /** Undoes this person's newest edit (never a file load, a peer's or a repair). */
  undo: () => void;
  redo: () => void;
}

export type ClashmapState = DocumentSlice & SessionSlice & Actions;

const NO_POSITIONS: ReadonlyMap<string, Point> = new Map();
const NO_SIZES: ReadonlyMap<string, Size> = new Map();
const NO_IDS: ReadonlySet<string> = new Set();

/** Automatic layouts made with every card's estimated size (none measured yet). */
const fromEstimates = new WeakSet<ReadonlyMap<string, Point>>();

function unplacedLayout(
  map: ClashMap,
  sizes?: ReadonlyMap<string, Size>,
): ReadonlyMap<string, Point> {
  if (map.nodes.every((n) => n.position)) return NO_POSITIONS;
  const positions = layoutMap(map, sizes ? { sizeOf: (id) => sizes.get(id) } : {});
  if (!sizes || sizes.size === 0) fromEstimates.add(positions);
  return positions;
}

/** A layout of every unplaced node made with estimated sizes elsewhere (`unplacedLayout`'s twin). */
function laidOutElsewhere(positions: ReadonlyMap<string, Point>): ReadonlyMap<string, Point> {
  if (positions.size === 0) return NO_POSITIONS;
  fromEstimates.add(positions);
  return positions;
}

/**
 * The layout after the canvas measured new `sizes`, from `before`, the layout made with the sizes
 * `sizeBefore` gives (estimates where it gives none): only the columns of the cards whose size
 * changed are redone, or the whole map where that would not give the same answer.
 */
function relayoutMeasured(
  map: ClashMap,
  before: ReadonlyMap<string, Point>,
  sizes: ReadonlyMap<string, Size>,
  sizeBefore: (id: string) => Size | undefined,
): ReadonlyMap<string, Point> {
  const resized = new Map<string, Resize>();
  for (const [id, to] of sizes) {
    const node = nodeOf(map, id);
    if (!node) continue;
    const from = sizeBefore(id) ?? estimateNodeSize(node);
    if (from.width !== to.width || from.height !== to.height) resized.set(id, { from, to });
  }
  const sizeOf = (node: MapNode) => sizes.get(node.id) ?? estimateNodeSize(node);
  return relayoutResized(map, before, resized, sizeOf) ?? unplacedLayout(map, sizes);
}

/**
 * The layout once a map's first cards are measured: from the layout on screen when it was made
 * with estimates alone (on a large map, only the few cards drawn so far differ), else whole.
 */
const measuredLayout = (
  map: ClashMap,
  before: ReadonlyMap<string, Point>,
  sizes: ReadonlyMap<string, Size>,
) =>
  fromEstimates.has(before)
    ? relayoutMeasured(map, before, sizes, () => undefined)
    : unplacedLayout(map, sizes);

/** The layout after a card's measured size changed (its text was edited). */
const resizedLayout = (state: ClashmapState, sizes: ReadonlyMap<string, Size>) =>
  relayoutMeasured(state.map, state.autoPositions, sizes, (id) => state.measured.get(id));

/** Keeps the entries of `values` whose node is still on the map (the same object if all are). */
function onlyNodes<T>(values: ReadonlyMap<string, T>, ids: ReadonlySet<string>) {
  let all = true;
  for (const id of values.keys()) if (!ids.has(id)) all = false;
  return all ? values : new Map([...values].filter(([id]) => ids.has(id)));
}

/**
 * What the canvas view must change when the map changes: nodes without a place get one from
 * the layout, and the selection, the editor, measured sizes and drags let go of removed nodes
 * and edges. `session` is the view state the edit itself sets, if any.
 */
function followMap(
  state: ClashmapState,
  map: ClashMap,
  session: Partial<SessionSlice>,
): Partial<SessionSlice> {
  const view = { ...state, ...session };
  const patch: Partial<SessionSlice> = {};
  if (map.nodes.some((n) => !n.position && !view.autoPositions.has(n.id)))
    patch.autoPositions = unplacedLayout(map, view.measured);
  if (map.nodes === state.map.nodes && map.edges === state.map.edges) return patch;
  // Nothing was removed (the common case: an edit, a new card): nothing to let go of.
  if (keepsEvery(state.map.nodes, map.nodes) && keepsEvery(state.map.edges, map.edges))
    return patch;
  const nodeIds = new Set(map.nodes.map((n) => n.id));
  const edgeIds = new Set(map.edges.map((e) => e.id));
  if (view.selectedNodeIds.some((id) => !nodeIds.has(id)))
    patch.selectedNodeIds = view.selectedNodeIds.filter((id) => nodeIds.has(id));
  if (view.selectedEdgeIds.some((id) => !edgeIds.has(id)))
    patch.selectedEdgeIds = view.selectedEdgeIds.filter((id) => edgeIds.has(id));
  if (view.editingNodeId !== null && !nodeIds.has(view.editingNodeId)) patch.editingNodeId = null;
  const measured = onlyNodes(view.measured, nodeIds);
  if (measured !== view.measured) patch.measured = measured;
  const dragging = onlyNodes(view.dragging, nodeIds);
  if (dragging !== view.dragging) patch.dragging = dragging;
  return patch;
}

/**
 * True when `after` still holds every id of `before`, in the same order, with records added
 * anywhere: what every edit that removes nothing leaves. Linear, and no set is built.
 */
function keepsEvery(before: readonly { id: string }[], after: readonly { id: string }[]) {
  if (before === after) return true;
  if (after.length < before.length) return false;
  let j = 0;
  for (let i = 0; i < before.length; i++) {
    const id = before[i]!.id;
    while (j < after.length && after[j]!.id !== id) j++;
    if (j === after.length) return false;
    j++;
  }
  return true;
}

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, i) => id === b[i]);

const NO_ASSUMPTIONS: ReadonlyMap<string, Assumption> = new Map();

/** The assumptions that would be written to the file, as a comparable string ('' for none). */
export function assumptionsKey(
  state: Pick<SessionSlice, 'keepAssumptions' | 'assumptions'>,
): string {
  if (!state.keepAssumptions) return '';
  const entries = [...state.assumptions].sort(([a], [b]) => (a < b ? -1 : 1));
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
    const sizeOfNode = (node: MapNode): Size =>
      get().measured.get(node.id) ?? estimateNodeSize(node);
    const sizeOf = (id: string): Size => {
      const node = get().map.nodes.find((n) => n.id === id);
      return node ? sizeOfNode(node) : { width: 280, height: 100 };
    };
    const positionOf = (id: string): Point | undefined => drawnPosition(get(), id);

    /** A free spot for a new node, starting at `from` and moving down past anything in the way. */
    const freeSpot = (from: Point, size: Size): Point => {
      const state = get();
      const rects = state.map.nodes.map((n) => ({
        ...(drawnPosition(state, n.id) ?? { x: 0, y: 0 }),
        ...sizeOfNode(n),
      }));
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
     * Computes what the canvas will draw once `patch` is set (the projection is memoised on its
     * inputs, and the commit finds it made): a large map's step ahead of a commit.
     */
    const projectAhead = (patch: Partial<ClashmapState>) => {
      const after = { ...get(), ...patch };
      selectFlowNodes(after);
      selectFlowEdges(after);
    };
    /**
     * The one path every edit takes into the document: a change (records added, updated and
     * removed, by id) is checked against the schemas and invariants, then committed with its
     * origin; the user's own changes become one undo step each. `session` is state that goes
     * with the edit (the selection, the editor). `next` is the map the change makes, when the
     * caller has it already (a merged map is adopted as it is). Returns false (and says why)
     * when refused.
     */
    // Another tab's or a peer's changes came in since the history began: an undo step may now
    // meet a map it was not made on, so it is checked like any edit, and revisions are no longer
    // reused.
    let remoteSinceHistory = false;
    /**
     * What a commit of each origin does to this person's history, decided here and nowhere else:
     * their own edit is an undo step; a load starts a new history; another's change and a repair
     * never enter it, and from then on an undo step is rebased on the map as it is.
     */
    const remember = (origin: Origin, entry: HistoryEntry) => {
      switch (origin) {
        case 'user':
          history.record(entry);
          return;
        case 'load':
          history.clear();
          remoteSinceHistory = false;
          return;
        case 'remote':
        case 'repair':
          remoteSinceHistory = true;
          return;
        default: {
          const unknown: never = origin;
          throw new Error(`unknown origin ${String(unknown)}`);
        }
      }
    };
    const commitChange = (
      change: MapChange,
      session: Partial<SessionSlice> = {},
      origin: Origin = 'user',
      next: ClashMap = applyChange(get().map, change),
      /** `changeProblem(next, change)` when the caller has it already. */
      knownProblem?: string | null,
    ): boolean => {
      const state = get();
      if (isEmptyChange(change)) {
        if (Object.keys(session).length) set(session);
        return true;
      }
      if (state.readOnly !== null && origin === 'user') {
        refuse(state.readOnly);
        return false;
      }
      const problem = knownProblem !== undefined ? knownProblem : changeProblem(next, change);
      if (problem) {
        refuse(problem);
        return false;
      }
      const revision = ++revisionSerial;
      remember(origin, { change, before: state.revision, after: revision });
      set({ ...session, ...followMap(state, next, session), map: next, revision });
      return true;
    };
    /** A whole map that comes in from elsewhere (a merge): committed as the change it makes. */
    const commitMap = (next: ClashMap, session: Partial<SessionSlice>, origin: Origin): boolean => {
      return commitChange(diffMaps(get().map, next), session, origin, next);
    };
    /** Applies an edit the model may refuse: its change, or the reason shown to the user. */
    const commit = (result: ops.EditResult, session: Partial<SessionSlice> = {}): boolean => {
      if (!result.ok) {
        refuse(result.reason);
        return false;
      }
      return commitChange(result.change, session);
    };
    const initialRevision = ++revisionSerial;
    const step = (entry: HistoryEntry | undefined, direction: 'undo' | 'redo') => {
      if (!entry) return;
      const state = get();
      if (state.readOnly !== null) return refuse(state.readOnly);
      const change = direction === 'undo' ? invertChange(entry.change) : entry.change;
      if (remoteSinceHistory) {
        // Others have edited since: the step takes back (or redoes) only what is still as this
        // person left it, so it never undoes someone else's edit.
        const rebased = rebaseChange(state.map, change);
        if (isEmptyChange(rebased)) {
          get().notify(
            'info',
            `Nothing to ${direction}: others have changed that part of the map since.`,
          );
          return;
        }
        const next = applyChange(state.map, rebased);
        const problem = next === state.map ? null : changeProblem(next, diffMaps(state.map, next));
        if (problem) {
          refuse(
            `This step cannot be ${direction === 'undo' ? 'undone' : 'redone'}: another tab changed the same part of the map (${problem})`,
          );
          return;
        }
        set({ ...followMap(state, next, {}), map: next, revision: ++revisionSerial });
        return;
      }
      const next = applyChange(state.map, change);
      set({
        ...followMap(state, next, {}),
        map: next,
        revision: direction === 'undo' ? entry.before : entry.after,
      });
    };

    return {
      map: initial,
      revision: initialRevision,
      fileName: null,
      savedRevision: null,
      savedAssumptions: '',
      autoPositions: initialPositions,
      layoutPending: initial.nodes.length > 0,
      measured: NO_SIZES,
      dragging: NO_POSITIONS,
      pinned: NO_IDS,
      projection: newProjectionMemo(),
      selectedNodeIds: [],
      selectedEdgeIds: [],
      editingNodeId: null,
      notice: null,
      viewRequest: { nodeIds: [], serial: 0 },
      hoveredNodeId: null,
      readOnly: null,
      cardView: false,
      labelsOn: false,
      roundAsOf: null,
      assumptions: NO_ASSUMPTIONS,
      keepAssumptions: false,
      evaluation: null,

      openMap: (opened, fileName, options = {}) => {
        const { opening } =
          options.prepared?.opened === opened
            ? options.prepared
            : get().prepareOpen(opened, options);
        // A load is not an edit: its origin starts a new history (see remember). The map was
        // checked as a whole when it was read, so no change of it is computed.
        const revision = ++revisionSerial;
        remember('load', { change: NO_CHANGE, before: get().revision, after: revision });
        set({
          ...opening,
          revision,
          fileName,
          savedRevision: options.savedToFile ? revision : null,
        });
      },

      prepareOpen: (opened, options = {}) => {
        // Assumptions kept in a file become this session's what-ifs; the document itself
        // never carries them, so toggling one is not an edit.
        const { assumptions: kept = [], ...map } = opened;
        const assumptions = new Map(kept.map((a) => [a.node, a.value]));
        const keepAssumptions = kept.length > 0;
        const opening = {
          assumptions,
          keepAssumptions,
          savedAssumptions: options.savedToFile
            ? assumptionsKey({ keepAssumptions, assumptions })
            : '',
          map,
          autoPositions: options.layout ? laidOutElsewhere(options.layout) : unplacedLayout(map),
          layoutPending: map.nodes.length > 0,
          measured: NO_SIZES,
          dragging: NO_POSITIONS,
          pinned: NO_IDS,
          selectedNodeIds: [],
          selectedEdgeIds: [],
          editingNodeId: null,
        };
        return { opened, opening, project: () => projectAhead(opening) };
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
        let measured: Map<string, Size> | null = null;
        let dragging: Map<string, Point> | null = null;
        let autoNodeResized = false;
        for (const change of changes) {
          // Deletions arrive through deleteElements; React Flow adds and replaces no nodes here.
          if (change.type === 'dimensions' && change.dimensions) {
            const { width, height } = change.dimensions;
            const old = (measured ?? state.measured).get(change.id);
            if (old?.width === width && old.height === height) continue;
            const node = nodeOf(state.map, change.id);
            const guess = node && estimateNodeSize(node);
            // On a large map, once it is laid out, a card measured as it first comes into view
            // that fits in the room its estimate left it (estimates err large) is drawn where it
            // is, and nothing is recorded: React Flow keeps its size for the canvas. Recording it
            // made room and re-laid out the map for each card a pan brought into view (a frame
            // or more per step, or a 200 ms stall once the pan stopped).
            if (
              !old &&
              guess &&
              !state.layoutPending &&
              state.map.nodes.length > LARGE_MAP_NODES &&
              width <= guess.width &&
              height <= guess.height
            ) {
              state.projection.drawnSizes.set(change.id, { width, height, ...lookOf(node) });
              continue;
            }
            measured ??= new Map(state.measured);
            measured.set(change.id, { width, height });
            // Only a card drawn where the layout put it reflows the layout (a card the user or
            // an applied layout placed is drawn at its own place whatever the layout says).
            if (state.autoPositions.has(change.id) && node && !node.position)
              autoNodeResized = true;
          } else if (change.type === 'select') {
            selection ??= new Set(state.selectedNodeIds);
            if (change.selected) selection.add(change.id);
            else selection.delete(change.id);
          } else if (change.type === 'position') {
            // A drag is committed once, when it ends; its ticks only move the drawing.
            dragging ??= new Map(state.dragging);
            if (change.dragging && change.position) dragging.set(change.id, change.position);
            else {
              dragging.delete(change.id);
              if (change.position) moved.set(change.id, change.position);
            }
          }
        }
        const session: Partial<SessionSlice> = {};
        if (measured) session.measured = measured;
        if (dragging) session.dragging = dragging.size ? dragging : NO_POSITIONS;
        // Dropped cards keep the places they were dropped at; the cards under them move down.
        if (moved.size) session.pinned = new Set(moved.keys());
        // Nodes placed by the layout reflow, like an outline, when one of them changes size
        // (its text was edited); nodes the user placed stay where they are.
        if (autoNodeResized && !state.layoutPending && measured)
          session.autoPositions = resizedLayout(state, measured);
        if (selection) {
          const selectedNodeIds = state.map.nodes
            .filter((n) => selection!.has(n.id))
            .map((n) => n.id);
          if (!sameIds(selectedNodeIds, state.selectedNodeIds))
            session.selectedNodeIds = selectedNodeIds;
        }
        // A refused drop says why, and the node goes back where the map has it; the rest of
        // the batch (measured sizes, the selection) still holds.
        if (!moved.size || !commitChange(ops.moveNodes(state.map, moved), session)) set(session);
      },

      applyEdgeChanges: (changes) => {
        const state = get();
        const selection = new Set(state.selectedEdgeIds);
        for (const change of changes) {
          if (change.type !== 'select') continue; // deletions arrive through deleteElements
          if (change.selected) selection.add(change.id);
          else selection.delete(change.id);
        }
        const selectedEdgeIds = state.map.edges.filter((e) => selection.has(e.id)).map((e) => e.id);
        if (!sameIds(selectedEdgeIds, state.selectedEdgeIds)) set({ selectedEdgeIds });
      },

      relayoutWithSizes: (sizes) => {
        const { map, autoPositions, measured } = get();
        if (!('positions' in sizes))
          return set({
            autoPositions: measuredLayout(map, autoPositions, sizes),
            layoutPending: false,
          });
        // Made from the map and layout still open: applied as made (sizes measured since then
        // make room where they are taken in). Else made again, now.
        if (sizes.map === map && sizes.before === autoPositions)
          set({ autoPositions: sizes.positions, layoutPending: false });
        else get().relayoutWithSizes(measured);
      },

      prepareRelayout: (sizes) => {
        const { map, autoPositions: before } = get();
        const positions = measuredLayout(map, before, sizes);
        const project = () => projectAhead({ autoPositions: positions, layoutPending: false });
        return { map, before, positions, project };
      },

      select: (nodeIds, edgeIds = []) => {
        // An unchanged half of the selection keeps its array, so what draws it does not redraw.
        const state = get();
        set({
          selectedNodeIds: sameIds(nodeIds, state.selectedNodeIds)
            ? state.selectedNodeIds
            : nodeIds,
          selectedEdgeIds: sameIds(edgeIds, state.selectedEdgeIds)
            ? state.selectedEdgeIds
            : edgeIds,
        });
      },

      addNode: (kind, position) => {
        const state = get();
        const at = freeSpot(position ?? { x: 0, y: 0 }, { width: 300, height: 90 });
        const node = ops.newNode(
          state.map,
          kind,
          kind === 'position' ? 'New position' : 'New claim',
          at,
        );
        const added = commitChange(ops.addNode(state.map, node), {
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
        const result = ops.addReply(state.map, node, parentId, kind);
        const added = commit(result, {
          selectedNodeIds: [node.id],
          selectedEdgeIds: [],
          editingNodeId: node.id,
        });
        return added ? node.id : null;
      },

      // The argument edits load with their first use: none is needed to open a map.
      supportTogether: async (premiseIds, conclusionId) => {
        const argumentOps = await import('../model/argumentOps');
        const state = get();
        // The junction sits between the premises and the conclusion.
        const ends = [...premiseIds, conclusionId].map((id) => {
          const at = positionOf(id) ?? { x: 0, y: 0 };
          const size = sizeOf(id);
          return { x: at.x + size.width / 2, y: at.y + size.height / 2 };
        });
        const premisesAt = ends.slice(0, -1);
        const mid = (pick: (p: Point) => number) =>
          (premisesAt.reduce((sum, p) => sum + pick(p), 0) / premisesAt.length +
            pick(ends[ends.length - 1]!)) /
          2;
        const at = { x: Math.round(mid((p) => p.x) - 14), y: Math.round(mid((p) => p.y) - 14) };
        const result = argumentOps.supportTogether(state.map, premiseIds, conclusionId, at);
        return commit(result, {
          selectedNodeIds: result.argumentId ? [result.argumentId] : [],
          selectedEdgeIds: [],
        });
      },

      undercutSelection: async () => {
        const argumentOps = await import('../model/argumentOps');
        const state = get();
        const [nodeId] = state.selectedNodeIds;
        const [edgeId] = state.selectedEdgeIds;
        const junction =
          state.selectedNodeIds.length === 1 &&
          state.map.nodes.find((node) => node.id === nodeId)?.kind === 'argument';
        if (
          !junction &&
          !(state.selectedNodeIds.length === 0 && state.selectedEdgeIds.length === 1)
        ) {
          refuse('Select one support line or one argument’s junction, then undercut it.');
          return null;
        }
        const edge = state.map.edges.find((e) => e.id === edgeId);
        const anchor = junction ? nodeId! : (edge?.to ?? '');
        const anchorAt = positionOf(anchor) ?? { x: 0, y: 0 };
        const at = freeSpot(
          { x: anchorAt.x + sizeOf(anchor).width + 90, y: anchorAt.y + 60 },
          { width: 280, height: 90 },
        );
        const claim = ops.newNode(state.map, 'claim', relationKind('undercut').names.newReply, at);
        let junctionAt: Point | undefined;
        if (edge) {
          const from = positionOf(edge.from) ?? anchorAt;
          junctionAt = {
            x: Math.round((from.x + sizeOf(edge.from).width + anchorAt.x) / 2),
            y: Math.round((from.y + anchorAt.y) / 2),
          };
        }
        const result = argumentOps.undercut(
          state.map,
          junction ? { argument: nodeId! } : { edge: edgeId! },
          claim,
          junctionAt,
        );
        return commit(result, {
          selectedNodeIds: [claim.id],
          selectedEdgeIds: [],
          editingNodeId: claim.id,
        })
          ? claim.id
          : null;
      },

      separatePremises: async (argumentId) => {
        const argumentOps = await import('../model/argumentOps');
        return commit(argumentOps.separatePremises(get().map, argumentId), {
          selectedNodeIds: [],
          selectedEdgeIds: [],
        });
      },

      markContraries: async () => {
        const argumentOps = await import('../model/argumentOps');
        const state = get();
        if (state.selectedNodeIds.length !== 2) {
          refuse('Select two claims that cannot both be true, then mark them as contraries.');
          return false;
        }
        const [a, b] = state.selectedNodeIds as [string, string];
        const result = argumentOps.markContraries(state.map, a, b);
        if (!result.ok) return commit(result);
        const [edgeId] = result.change.edges.added.keys();
        return commit(result, { selectedNodeIds: [], selectedEdgeIds: edgeId ? [edgeId] : [] });
      },

      applyEdit: commit,

      startEditing: (id) => set({ editingNodeId: id, selectedNodeIds: [id], selectedEdgeIds: [] }),
      stopEditing: () => set({ editingNodeId: null }),

      updateNode: (id, patch) => {
        commitChange(ops.updateNode(get().map, id, cleanProseDeep(patch)));
      },

      connect: (from, to, kind) => {
        const result = ops.connect(get().map, from, to, kind);
        if (!result.ok) return commit(result);
        const [edgeId] = result.change.edges.added.keys();
        return commit(result, { selectedNodeIds: [], selectedEdgeIds: edgeId ? [edgeId] : [] });
      },

      updateEdge: (id, patch) => commit(ops.updateEdge(get().map, id, cleanProseDeep(patch))),

      deleteElements: (nodeIds, edgeIds) => {
        const state = get();
        const change = ops.removeElements(state.map, nodeIds, edgeIds);
        if (isEmptyChange(change)) return;
        // The selection and the editor let go of what went (followMap does it for any change).
        commitChange(change);
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
        const { change, nodeIds } = ops.pasteFragment(get().map, clipboard, {
          x: 40 * pasteCount,
          y: 40 * pasteCount,
        });
        return commitChange(change, { selectedNodeIds: nodeIds, selectedEdgeIds: [] })
          ? nodeIds.length
          : 0;
      },

      applyLayout: (layout) => {
        if (!('change' in layout)) return void commitChange(ops.moveNodes(get().map, layout));
        if (layout.from === get().map)
          commitChange(layout.change, {}, 'user', layout.next, layout.problem);
        else commitChange(ops.moveNodes(get().map, layout.positions));
      },

      prepareLayout: (positions) => {
        const state = get();
        const from = state.map;
        const change = ops.moveNodes(from, positions);
        const next = applyChange(from, change);
        const problem = isEmptyChange(change) ? null : changeProblem(next, change);
        const project = () => {
          const now = get();
          if (!problem && next !== from && now.map === from)
            projectAhead({ ...followMap(now, next, {}), map: next });
        };
        return { positions, from, change, next, problem, project };
      },

      setTitle: (title) => {
        const trimmed = cleanProse(title).trim();
        if (trimmed.length > LIMITS.titleLength) {
          return refuse(`A title can be at most ${LIMITS.titleLength} characters.`);
        }
        if (trimmed && trimmed !== get().map.title)
          commitChange(fieldsChange(get().map, { title: trimmed }));
      },

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
        const added = commitChange(ops.addNode(state.map, node), {
          selectedNodeIds: [node.id],
          selectedEdgeIds: [],
          editingNodeId: node.id,
        });
        return added ? node.id : '';
      },

      toggleCardView: () => set({ cardView: !get().cardView }),
      setSteps: (steps) => {
        commitChange(
          fieldsChange(get().map, {
            presentation: steps ? { steps: cleanProseDeep(steps) } : undefined,
          }),
        );
      },
      toggleLabels: () => set({ labelsOn: !get().labelsOn }),
      setRoundAsOf: (speech) => {
        if (get().roundAsOf !== speech) set({ roundAsOf: speech });
      },
      setAssumption: (id, value) => {
        const next = new Map(get().assumptions);
        if (value) next.set(id, value);
        else next.delete(id);
        set({ assumptions: next });
      },
      clearAssumptions: () => set({ assumptions: NO_ASSUMPTIONS }),
      setKeepAssumptions: (keep) => set({ keepAssumptions: keep }),
      mapToSave: () => {
        const { map, assumptions, keepAssumptions } = get();
        if (!keepAssumptions || assumptions.size === 0) return map;
        const ids = new Set(map.nodes.map((n) => n.id));
        const list = [...assumptions]
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

      setReadOnly: (reason) => set({ readOnly: reason }),

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
        // A merged map's repair is committed with the changes it repairs, as one change: the
        // merged map before its repair can break a rule that every commit is checked against.
        if (!commitMap(map, session, repairs.length ? 'repair' : 'remote')) return false;
        if (repairs.length)
          get().notify('info', `Changes from ${from} were merged. ${repairs.join(' ')}`);
        return true;
      },

      undo: () => step(history.popUndo(), 'undo'),
      redo: () => step(history.popRedo(), 'redo'),
    };
  });

  // Labels follow every edit and every what-if while they are shown (linear in the map). The
  // evaluation's code loads when labels are first turned on: a map opens without it. A round's
  // drops and crossings-out count (src/model/roundEvaluation.ts); other maps are evaluated by
  // the plain rule.
  let evaluateMap:
    | ((
        map: ClashMap,
        assumptions: ClashmapState['assumptions'],
        asOf: string | null,
      ) => Evaluation)
    | null = null;
  let loadingEvaluator = false;
  const evaluateNow = (state: ClashmapState) => {
    if (evaluateMap)
      return store.setState({
        evaluation: evaluateMap(state.map, state.assumptions, state.roundAsOf),
      });
    if (loadingEvaluator) return;
    loadingEvaluator = true;
    import('../model/roundEvaluation').then(
      (module) => {
        evaluateMap = (map, assumptions, asOf) =>
          module.evaluateRound(map, assumptions, asOf ?? undefined).evaluation;
        const now = store.getState();
        if (now.labelsOn) evaluateNow(now);
      },
      () => {
        // Offline before the app was ever cached whole: say so, and try again next time.
        loadingEvaluator = false;
        store.setState({ labelsOn: false });
        store
          .getState()
          .notify(
            'error',
            'The labels could not be loaded: the connection is down. Try again once you are back online.',
          );
      },
    );
  };
  store.subscribe((state, previous) => {
    const stale =
      state.labelsOn &&
      (state.evaluation === null ||
        state.map !== previous.map ||
        state.assumptions !== previous.assumptions ||
        state.roundAsOf !== previous.roundAsOf ||
        !previous.labelsOn);
    if (stale) evaluateNow(state);
    else if (!state.labelsOn && state.evaluation !== null) store.setState({ evaluation: null });
  });

  return Object.assign(store, {
    history,
    /** The canvas's React Flow nodes now (the memoised `selectFlowNodes`). */
    flowNodes: () => selectFlowNodes(store.getState()),
  });
}

export type ClashmapStore = ReturnType<typeof createClashmapStore>;
