import type { ReactFlowInstance } from '@xyflow/react';
import { autoLayout as layOut } from '../app/autoLayout';
import { readImportFile, showMap } from '../app/openFile';
import { makeShareLink } from '../app/share';
import { forgetFileHandle } from '../io/fileAccess';
import type { OpenResult } from '../io/openBytes';
import { serializeMap } from '../io/serialize';
import { layoutInWorker } from '../layout/layoutInWorker';
import { commonConclusion } from '../model/argumentOps';
import type { ClashmapStore } from '../store/store';
import { LARGE_MAP_NODES } from './MapCanvas';
import type { DialogState } from './useCommands';

// The work behind commands that are not needed to draw a map or edit it (the toolbar's Share,
// Class, Import and Auto-layout, and Support together): it loads when one is first used, not
// with the app (useCommands.ts). Each command's first step that needs the user's click (a file
// picker) is taken there, before this loads.

const state = (store: ClashmapStore) => store.getState();

/** Links the selected claims into one argument, or asks which claim they support. */
export async function supportTogether(
  store: ClashmapStore,
  setDialog: (dialog: DialogState) => void,
): Promise<void> {
  const { map, selectedNodeIds } = state(store);
  const byId = new Map(map.nodes.map((node) => [node.id, node]));
  const premises = selectedNodeIds.filter((id) => byId.get(id)?.kind !== 'argument');
  if (premises.length < 2) {
    state(store).notify(
      'error',
      'Select two or more claims (Shift+click), then Support together links them into one argument.',
    );
    return;
  }
  // The claim they all support already is the conclusion; else the user chooses one.
  const common = commonConclusion(map, premises);
  if (common.length === 1) return void (await state(store).supportTogether(premises, common[0]!));
  const candidates = (common.length > 1 ? common : map.nodes.map((node) => node.id))
    .map((id) => byId.get(id)!)
    .filter((node) => node.kind !== 'argument' && !premises.includes(node.id))
    .map((node) => ({ id: node.id, text: node.text, kind: node.kind }));
  if (candidates.length === 0) {
    state(store).notify('error', 'There is no other claim for these to support together.');
    return;
  }
  setDialog({ type: 'conclusion', premises, candidates });
}

/** Lays the map out in the worker, then frames it (the top of it, for a large map). */
export async function autoLayout(store: ClashmapStore, flow: ReactFlowInstance): Promise<void> {
  const outcome = await layOut(store, layoutInWorker);
  if (outcome.status !== 'applied') return;
  if (outcome.nodeCount <= LARGE_MAP_NODES) {
    requestAnimationFrame(() => void flow.fitView({ padding: 0.1, duration: 300 }));
    return;
  }
  // Fitting a large map would zoom out until every node is drawn at once, too small to
  // read; show the top of the new layout at a readable zoom instead.
  const xs = [...outcome.positions.values()];
  const left = Math.min(...xs.map((p) => p.x));
  const top = Math.min(...xs.map((p) => p.y));
  const zoom = Math.max(flow.getZoom(), 0.7);
  requestAnimationFrame(
    () =>
      void flow.setViewport({ x: 32 - left * zoom, y: 32 - top * zoom, zoom }, { duration: 300 }),
  );
}

/** Makes the open map a room on the class server and goes there as its teacher. */
export async function startClassSession(store: ClashmapStore): Promise<void> {
  const NO_SERVER =
    'A class session needs the class server: run "npm run serve" on the teacher’s computer, open the address it prints, and start the session there.';
  let links: { teacher?: unknown } | undefined;
  try {
    const response = await fetch('/api/rooms', {
      method: 'POST',
      body: serializeMap(state(store).map),
    });
    const json = response.headers.get('Content-Type')?.includes('json')
      ? ((await response.json()) as { links?: { teacher?: unknown }; error?: unknown })
      : null;
    if (!json) return state(store).notify('error', NO_SERVER);
    if (!response.ok)
      return state(store).notify(
        'error',
        `The class server did not start the session: ${String(json.error ?? response.statusText)}.`,
      );
    links = json.links;
  } catch {
    return state(store).notify('error', NO_SERVER);
  }
  if (typeof links?.teacher !== 'string') return state(store).notify('error', NO_SERVER);
  // The map is now the room's; this browser's own copy stays saved here, as it was.
  window.location.assign(links.teacher);
  window.location.reload();
}

/** Shows a link that carries the open map, and copies it to the clipboard. */
export async function shareLink(
  store: ClashmapStore,
  setDialog: (dialog: DialogState) => void,
): Promise<void> {
  const link = await makeShareLink(store, `${window.location.origin}${window.location.pathname}`);
  if (!link.ok) {
    if (link.error.kind === 'tooBigForLink') {
      setDialog({ type: 'shareTooBig', message: link.error.message });
    } else state(store).notify('error', link.error.message);
    return;
  }
  setDialog({ type: 'share', url: link.url });
  try {
    await navigator.clipboard.writeText(link.url);
    state(store).notify('info', 'Share link copied to the clipboard.');
  } catch {
    // Clipboard refused (permissions): the dialog shows the link to copy by hand.
  }
}

/** What an import needs from the commands that started it. */
export interface ImportContext {
  store: ClashmapStore;
  setDialog: (dialog: DialogState) => void;
  guardUnsaved: (action: string, proceed: () => void) => void;
  /** Opens a Clashmap map read from a file, or shows why it cannot; true when opened. */
  acceptOpened: (fileName: string, result: OpenResult) => boolean;
  showError: (fileName: string, result: OpenResult & { ok: false }) => Promise<void>;
}

/** Reads a file the user picked to import, and opens it (another tool's, after what it lost). */
export async function importPicked(file: File, context: ImportContext): Promise<void> {
  const { store, setDialog, guardUnsaved, acceptOpened, showError } = context;
  const result = await readImportFile(file.name, new Uint8Array(await file.arrayBuffer()));
  // A Clashmap map (or its SVG) opens as Open would, its problems shown after the
  // unsaved-changes question; another tool's file first shows what it lost.
  if (result.format === 'clashmap' || result.format === 'svg') {
    guardUnsaved('open the imported map', () => {
      if (acceptOpened(file.name, result)) forgetFileHandle();
    });
    return;
  }
  if (!result.ok) {
    await showError(file.name, result);
    return;
  }
  setDialog({
    type: 'imported',
    fileName: file.name,
    label: result.label,
    losses: result.losses,
    open: () =>
      guardUnsaved('open the imported map', () => {
        forgetFileHandle();
        showMap(store, result.map, null, { savedToFile: false });
      }),
  });
}
