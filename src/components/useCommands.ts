import { useReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import {
  parseMapText,
  forgetFileHandle,
  pickMapFile,
  readMapFile,
  saveMapText,
  suggestFileName,
} from '../io/fileAccess';
import type { ParseResult } from '../io/parse';
import { fileOpen } from 'browser-fs-access';
import { decodeMapBytes } from '../io/decode';
import type { Loss } from '../io/formats/types';
import { formatIssue } from '../model/issue';
import { parseErrorLines } from '../io/parseError';
import { serializeMap } from '../io/serialize';
import { layoutInWorker } from '../layout/layoutInWorker';
import { emptyMap, MAP_FILE_EXTENSION } from '../model/map';
import type { NodeKind } from '../model/node';
import type { EdgeKind } from '../model/edge';
import { isDirty, measuredSizes } from '../store/store';
import { LARGE_MAP_NODES } from './MapCanvas';
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
  | null;

/** Every user command, shared by the toolbar, the keyboard and the canvas. */
export function useCommands(
  setDialog: (dialog: DialogState) => void,
  setPresentFrom: (step: number | null) => void,
) {
  const store = useClashmapStore();
  const flow = useReactFlow();

  return useMemo(() => {
    const state = () => store.getState();
    const dirty = () => isDirty(state());

    /** Runs `proceed` now, or after the user agrees to drop unsaved changes. */
    const guardUnsaved = (action: string, proceed: () => void) => {
      if (dirty()) setDialog({ type: 'confirmDiscard', action, proceed });
      else proceed();
    };

    const acceptOpened = (fileName: string, result: ParseResult, adopt?: () => void): boolean => {
      if (!result.ok) {
        // Nothing changes: the open map, its history and its autosave stay as they were.
        setDialog({ type: 'openError', fileName, lines: parseErrorLines(result.error) });
        return false;
      }
      adopt?.();
      const open = () => {
        state().openMap(result.map, fileName, { savedToFile: true });
      };
      const count = result.map.nodes.length;
      if (count <= LARGE_MAP_NODES) {
        open();
        return true;
      }
      // Drawing a large map takes a moment: say so first, and let that message paint.
      state().notify('info', `Opening ${fileName}: ${count.toLocaleString('en-US')} nodes…`);
      requestAnimationFrame(() => setTimeout(open, 0));
      return true;
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

    const save = async (saveAs: boolean) => {
      const { map, fileName } = state();
      try {
        const name = await saveMapText(
          serializeMap(state().mapToSave()),
          fileName ?? suggestFileName(map.title),
          {
            saveAs,
          },
        );
        if (name) {
          store.getState().markSaved(name);
          state().notify('info', `Saved ${name}.`);
        }
      } catch (error) {
        state().notify(
          'error',
          `Could not save: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    };

    return {
      newMap: () =>
        guardUnsaved('start a new map', () => {
          forgetFileHandle();
          state().openMap(emptyMap(), null, { savedToFile: true });
        }),
      openFile: () =>
        guardUnsaved('open another map', () => {
          void pickMapFile().then((opened) => {
            if (opened) acceptOpened(opened.name, opened.result, () => opened.adopt());
          });
        }),
      openDroppedFile: (file: File) =>
        guardUnsaved('open the dropped map', () => {
          void readMapFile(file).then((result) => {
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
        const { map, flowNodes } = state();
        const sizes = measuredSizes(flowNodes);
        try {
          const positions = await layoutInWorker(map, sizes);
          if (state().map !== map) return; // the map changed meanwhile; a stale layout would undo edits
          state().applyLayout(positions);
          if (map.nodes.length <= LARGE_MAP_NODES) {
            requestAnimationFrame(() => void flow.fitView({ padding: 0.1, duration: 300 }));
            return;
          }
          // Fitting a large map would zoom out until every node is drawn at once, too small to
          // read; show the top of the new layout at a readable zoom instead.
          const xs = [...positions.values()];
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
        } catch (error) {
          state().notify(
            'error',
            `Layout failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      },
      search: () => setDialog({ type: 'search' }),
      exportMap: () => setDialog({ type: 'export' }),
      shareLink: async () => {
        // Converters load only when used, to keep them out of the first page load.
        const { encodeShareFragment } = await import('../io/formats/shareLink');
        const encoded = await encodeShareFragment(state().mapToSave());
        if (!encoded.ok) {
          if (encoded.error.kind === 'tooBigForLink') {
            setDialog({ type: 'shareTooBig', message: encoded.error.message });
          } else state().notify('error', encoded.error.message);
          return;
        }
        const url = `${window.location.origin}${window.location.pathname}${encoded.fragment}`;
        setDialog({ type: 'share', url });
        try {
          await navigator.clipboard.writeText(url);
          state().notify('info', 'Share link copied to the clipboard.');
        } catch {
          // Clipboard refused (permissions): the dialog shows the link to copy by hand.
        }
      },
      importFile: () => {
        void (async () => {
          let file: File;
          try {
            file = await fileOpen({
              description: 'Maps from other tools',
              extensions: ['.argdown', '.ad', '.json', '.txt', '.svg', MAP_FILE_EXTENSION],
            });
          } catch (error) {
            if (error instanceof DOMException && error.name === 'AbortError') return;
            throw error;
          }
          const decoded = decodeMapBytes(new Uint8Array(await file.arrayBuffer()));
          if (!decoded.ok) {
            setDialog({
              type: 'openError',
              fileName: file.name,
              lines: parseErrorLines(decoded.error),
            });
            return;
          }
          const { getFormat, guessImportFormat } = await import('../io/formats/registry');
          const id = guessImportFormat(file.name, decoded.text);
          if (!id || id === 'clashmap') {
            const parsed = await parseMapText(decoded.text);
            guardUnsaved('open the imported map', () => {
              if (acceptOpened(file.name, parsed)) forgetFileHandle();
            });
            return;
          }
          const format = getFormat(id);
          const result = await format.import!(decoded.text);
          if (!result.ok) {
            setDialog({
              type: 'openError',
              fileName: file.name,
              lines: [
                `This ${format.label} file could not be imported.`,
                ...result.errors.map(formatIssue),
              ],
            });
            return;
          }
          setDialog({
            type: 'imported',
            fileName: file.name,
            label: format.label,
            losses: result.losses,
            open: () =>
              guardUnsaved('open the imported map', () => {
                forgetFileHandle();
                state().openMap(result.value, null, { savedToFile: false });
              }),
          });
        })();
      },
      toggleLabels: () => state().toggleLabels(),
      present: () => {
        state().stopEditing();
        setPresentFrom(0);
      },
      printHandout: () => window.print(),
      viewCenter,
      showShortcuts: () => setDialog({ type: 'shortcuts' }),
      focusNode: (id: string) => {
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
  }, [store, flow, setDialog, setPresentFrom]);
}

export type Commands = ReturnType<typeof useCommands>;
