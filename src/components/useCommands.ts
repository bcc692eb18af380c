import { useReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import {
  openFailureLines,
  readMapFile,
  warmReader,
  type ReadMapResult,
  showMap,
  startNewMap,
} from '../app/openFile';
import { presenceStore } from '../app/presence';
import { saveMap } from '../app/saveFile';
import {
  forgetFileHandle,
  pickFile,
  pickMapFile,
  saveMapText,
  suggestFileName,
} from '../io/fileAccess';
import type { Loss } from '../io/formats/types';
import type { OpenResult } from '../io/openBytes';
import { MAP_FILE_EXTENSION, type ClashMap } from '../model/map';
import type { EdgeKind } from '../model/edge';
import type { NodeKind, Point } from '../model/node';
import { isDirty } from '../store/store';
import { LARGE_MAP_NODES } from './MapCanvas';
import { steerTo } from './steering';
import { useClashmapStore } from '../store/StoreContext';

// What Share, Class, Import, Auto-layout and Support together do loads when one is first used.
const later = () => import('./laterCommands');

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
      const options = { savedToFile: true, layout };
      const count = map.nodes.length;
      if (count <= LARGE_MAP_NODES) return showMap(store, map, fileName, options);
      // Drawing a large map takes a moment: say so first, and let that message paint.
      state().notify('info', `Opening ${fileName}: ${count.toLocaleString('en-US')} nodes…`);
      requestAnimationFrame(() =>
        setTimeout(() => {
          void import('./largeMaps')
            .then((m) => m.showMapInSteps(store, map, fileName, options))
            .catch(() => showMap(store, map, fileName, options));
        }),
      );
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
          warmReader();
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
      supportTogether: async () => (await later()).supportTogether(store, setDialog),
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
      autoLayout: async () => (await later()).autoLayout(store, flow),
      search: () => setDialog({ type: 'search' }),
      exportMap: () => setDialog({ type: 'export' }),
      startClassSession: async () => (await later()).startClassSession(store),
      shareLink: async () => (await later()).shareLink(store, setDialog),
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
          const { importPicked } = await later();
          await importPicked(file, {
            store,
            setDialog,
            guardUnsaved,
            acceptOpened,
            showError,
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
