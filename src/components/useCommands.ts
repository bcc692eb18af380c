import { useReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import { autoLayout } from '../app/autoLayout';
import {
  openFailureLines,
  readImportFile,
  readMapFile,
  type ReadMapResult,
  showMap,
  startNewMap,
} from '../app/openFile';
import { presenceStore } from '../app/presence';
import { saveMap } from '../app/saveFile';
import { serializeMap } from '../io/serialize';
import { makeShareLink } from '../app/share';
import {
  forgetFileHandle,
  pickFile,
  pickMapFile,
  saveMapText,
  suggestFileName,
} from '../io/fileAccess';
import type { Loss } from '../io/formats/types';
import type { OpenResult } from '../io/openBytes';
import { layoutInWorker } from '../layout/layoutInWorker';
import { MAP_FILE_EXTENSION, type ClashMap } from '../model/map';
import type { EdgeKind } from '../model/edge';
import type { NodeKind, Point } from '../model/node';
import { isDirty } from '../store/store';
import { LARGE_MAP_NODES } from './MapCanvas';
import { steerTo } from './KeepSelectionInView';
import { useClashmapStore } from '../store/StoreContext';

/** Width of the inspector panel that overlays the canvas's right side (see styles.css). */
const INSPECTOR_WIDTH = 340;

/** A dialog the app is showing; at most one at a time. */
export type DialogState =
  | { type: 'confirmDiscard'; action: string; proceed: () => void }
  | { type: 'openError'; fileName: string; lines: string[] }
  | { type: 'search' }
  | { type: 'share'; url: string }
  | { type: 'shareTooBig'; message: string }
  | { type: 'export' }
  | { type: 'imported'; fileName: string; label: string; losses: Loss[]; open: () => void }
  | { type: 'shortcuts' }
  | {
      type: 'conclusion';
      premises: string[];
      candidates: { id: string; text: string; kind: string }[];
    }
  | null;

/** Every user command, shared by the toolbar, the keyboard and the canvas. */
export function useCommands(
  setDialog: (dialog: DialogState) => void,
  setPresentFrom: (step: number | null) => void,
  printHandout: () => Promise<void>,
) {
  const store = useClashmapStore();
  const flow = useReactFlow();

  return useMemo(() => {
    const state = () => store.getState();
    const dirty = () => isDirty(state());

    /** Runs `proceed` now, or after the user agrees to drop unsaved changes. */
    const guardUnsaved = (action: string, proceed: () => void) => {
      // In a class session the open map is the room's: replacing it would replace it for
      // everyone, with nothing to undo.
      if (presenceStore.getState().self !== null) {
        state().notify(
          'error',
          `You cannot ${action} during a class session: it would replace the room’s map for everyone. Save keeps a copy of the room’s map; leave the session to open another.`,
        );
        return;
      }
      if (dirty()) setDialog({ type: 'confirmDiscard', action, proceed });
      else proceed();
    };

    const showError = async (fileName: string, result: OpenResult & { ok: false }) =>
      setDialog({ type: 'openError', fileName, lines: await openFailureLines(result) });

    /** Opens a map read from a file; refused, nothing changes (map, history, autosave). */
    const acceptOpened = (fileName: string, result: ReadMapResult, adopt?: () => void): boolean => {
      if (!result.ok) {
        void showError(fileName, result);
        return false;
      }
      adopt?.();
      openRead(fileName, result.map, result.layout);
      return true;
    };

    const openRead = (fileName: string, map: ClashMap, layout?: ReadonlyMap<string, Point>) => {
      const open = () => showMap(store, map, fileName, { savedToFile: true, layout });
      const count = map.nodes.length;
      if (count <= LARGE_MAP_NODES) return open();
      // Drawing a large map takes a moment: say so first, and let that message paint.
      state().notify('info', `Opening ${fileName}: ${count.toLocaleString('en-US')} nodes…`);
      requestAnimationFrame(() => setTimeout(open, 0));
    };

    const viewCenter = () => {
      const pane = document.querySelector('.react-flow');
      const rect = pane?.getBoundingClientRect();
      if (!rect) return { x: 0, y: 0 };
      return flow.screenToFlowPosition({
        x: rect.left + rect.width / 2 - 150,
        y: rect.top + rect.height / 3,
      });
    };

    const save = (saveAs: boolean) =>
      saveMap(store, (text, name) => saveMapText(text, name, { saveAs }), suggestFileName);

    return {
      newMap: () =>
        guardUnsaved('start a new map', () => {
          forgetFileHandle();
          startNewMap(store);
        }),
      /** Opens a new round's map (made from a format's template), then runs `after`. */
      newRound: (map: ClashMap, after?: () => void) =>
        guardUnsaved('start a new round', () => {
          forgetFileHandle();
          showMap(store, map, null, { savedToFile: false });
          after?.();
        }),
      openFile: () =>
        guardUnsaved('open another map', () => {
          void pickMapFile().then(async (opened) => {
            if (!opened) return;
            acceptOpened(opened.name, await readMapFile(opened.bytes), () => opened.adopt());
          });
        }),
      openDroppedFile: (file: File) =>
        guardUnsaved('open the dropped map', () => {
          void file
            .arrayBuffer()
            .then((buffer) => readMapFile(new Uint8Array(buffer)))
            .then((result) => {
              if (acceptOpened(file.name, result)) forgetFileHandle();
            });
        }),
      save: () => void save(false),
      saveAs: () => void save(true),
      undo: () => state().undo(),
      redo: () => state().redo(),
      addNode: (kind: NodeKind, at?: { x: number; y: number }) =>
        state().addNode(kind, at ?? viewCenter()),
      reply: (kind: EdgeKind) => state().reply(kind),
      supportTogether: async () => {
        const { commonConclusion } = await import('../model/argumentOps');
        const { map, selectedNodeIds } = state();
        const byId = new Map(map.nodes.map((node) => [node.id, node]));
        const premises = selectedNodeIds.filter((id) => byId.get(id)?.kind !== 'argument');
        if (premises.length < 2) {
          state().notify(
            'error',
            'Select two or more claims (Shift+click), then Support together links them into one argument.',
          );
          return;
        }
        // The claim they all support already is the conclusion; else the user chooses one.
        const common = commonConclusion(map, premises);
        if (common.length === 1) return void (await state().supportTogether(premises, common[0]!));
        const candidates = (common.length > 1 ? common : map.nodes.map((node) => node.id))
          .map((id) => byId.get(id)!)
          .filter((node) => node.kind !== 'argument' && !premises.includes(node.id))
          .map((node) => ({ id: node.id, text: node.text, kind: node.kind }));
        if (candidates.length === 0) {
          state().notify('error', 'There is no other claim for these to support together.');
          return;
        }
        setDialog({ type: 'conclusion', premises, candidates });
      },
      linkPremises: (premises: string[], conclusion: string) =>
        void state().supportTogether(premises, conclusion),
      undercut: () => void state().undercutSelection(),
      markContraries: () => void state().markContraries(),
      editSelected: () => {
        const id = state().selectedNodeIds[0];
        if (id) state().startEditing(id);
      },
      deleteSelection: () => state().deleteSelection(),
      clearSelection: () => state().select([], []),
      copy: () => {
        const count = state().copySelection();
        if (count) state().notify('info', `Copied ${count} node${count === 1 ? '' : 's'}.`);
      },
      paste: () => state().paste(),
      fitView: () => void flow.fitView({ padding: 0.1, duration: 300 }),
      autoLayout: async () => {
        const outcome = await autoLayout(store, layoutInWorker);
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
            void flow.setViewport(
              { x: 32 - left * zoom, y: 32 - top * zoom, zoom },
              { duration: 300 },
            ),
        );
      },
      search: () => setDialog({ type: 'search' }),
      exportMap: () => setDialog({ type: 'export' }),
      startClassSession: async () => {
        const NO_SERVER =
          'A class session needs the class server: run "npm run serve" on the teacher’s computer, open the address it prints, and start the session there.';
        let links: { teacher?: unknown } | undefined;
        try {
          const response = await fetch('/api/rooms', {
            method: 'POST',
            body: serializeMap(state().map),
          });
          const json = response.headers.get('Content-Type')?.includes('json')
            ? ((await response.json()) as { links?: { teacher?: unknown }; error?: unknown })
            : null;
          if (!json) return state().notify('error', NO_SERVER);
          if (!response.ok)
            return state().notify(
              'error',
              `The class server did not start the session: ${String(json.error ?? response.statusText)}.`,
            );
          links = json.links;
        } catch {
          return state().notify('error', NO_SERVER);
        }
        if (typeof links?.teacher !== 'string') return state().notify('error', NO_SERVER);
        // The map is now the room's; this browser's own copy stays saved here, as it was.
        window.location.assign(links.teacher);
        window.location.reload();
      },
      shareLink: async () => {
        const link = await makeShareLink(
          store,
          `${window.location.origin}${window.location.pathname}`,
        );
        if (!link.ok) {
          if (link.error.kind === 'tooBigForLink') {
            setDialog({ type: 'shareTooBig', message: link.error.message });
          } else state().notify('error', link.error.message);
          return;
        }
        setDialog({ type: 'share', url: link.url });
        try {
          await navigator.clipboard.writeText(link.url);
          state().notify('info', 'Share link copied to the clipboard.');
        } catch {
          // Clipboard refused (permissions): the dialog shows the link to copy by hand.
        }
      },
      importFile: () => {
        void (async () => {
          let file: File;
          try {
            file = await pickFile({
              description: 'Maps from other tools',
              extensions: ['.argdown', '.ad', '.json', '.txt', '.svg', MAP_FILE_EXTENSION],
            });
          } catch (error) {
            if (error instanceof DOMException && error.name === 'AbortError') return;
            throw error;
          }
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
        })();
      },
      toggleLabels: () => state().toggleLabels(),
      present: () => {
        state().stopEditing();
        setPresentFrom(0);
      },
      printHandout: () => void printHandout(),
      viewCenter,
      showShortcuts: () => setDialog({ type: 'shortcuts' }),
      focusNode: (id: string) => {
        steerTo(id);
        state().select([id]);
        const node = flow.getNode(id);
        if (!node) return;
        const width = node.measured?.width ?? 280;
        const height = node.measured?.height ?? 100;
        const zoom = Math.max(flow.getZoom(), 0.9);
        // Centre the node in the part of the canvas the inspector (now open) leaves visible.
        void flow.setCenter(
          node.position.x + width / 2 + INSPECTOR_WIDTH / 2 / zoom,
          node.position.y + height / 2,
          {
            zoom,
            duration: 300,
          },
        );
      },
    };
  }, [store, flow, setDialog, setPresentFrom, printHandout]);
}

export type Commands = ReturnType<typeof useCommands>;
