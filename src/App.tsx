import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ARTICLE_MAP_FILE, loadBundledMap } from './io/bundledMaps';
import { downloadMapText, suggestFileName } from './io/fileAccess';
import { parseMap } from './io/parse';
import { parseErrorLines } from './io/parseError';
import { serializeMap } from './io/serialize';
import { Dialog } from './components/Dialog';
import { Inspector } from './components/Inspector';
import { MapCanvas } from './components/MapCanvas';
import { MapTitle } from './components/MapTitle';
import { Notices } from './components/Notices';
import { SearchDialog } from './components/SearchDialog';
import { SourcePanel } from './components/sources/SourcePanel';
import { Scoreboard } from './components/evaluation/Scoreboard';
import { OutlineView } from './components/OutlineView';
import { Presenter } from './components/present/Presenter';
import { usePrintHandout } from './components/usePrintHandout';
import { StepsPanel } from './components/present/StepsPanel';
import { ShortcutsDialog } from './components/ShortcutsDialog';
import { SaveStatus, Toolbar } from './components/Toolbar';
import { useCommands, type Commands, type DialogState } from './components/useCommands';
import {
  restoreAutosave,
  startAutosave,
  type Autosave,
  type AutosaveRecord,
} from './store/autosave';
import { useClashmap, useClashmapStore } from './store/StoreContext';

type LoadState =
  { status: 'loading' } | { status: 'ready' } | { status: 'failed'; lines: string[] };

const isTextField = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Keyboard shortcuts for the whole app; plain keys are ignored while typing in a field. */
function useShortcuts(commands: Commands, enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const inField = isTextField(event.target);
      if (document.querySelector('dialog[open]')) return;
      const run = (action: () => void) => {
        event.preventDefault();
        action();
      };
      if (mod && !event.altKey) {
        if (key === 's') return run(event.shiftKey ? commands.saveAs : commands.save);
        if (key === 'o') return run(commands.openFile);
        if (key === 'f') return run(commands.search);
        if (inField) return; // the field's own undo, copy and paste
        if (key === 'z') return run(event.shiftKey ? commands.redo : commands.undo);
        if (key === 'y') return run(commands.redo);
        if (key === 'c') return run(commands.copy);
        if (key === 'v') return run(commands.paste);
        return;
      }
      if (inField || event.altKey || mod) return;
      switch (event.key) {
        case 'p':
        case 'P':
          return run(() => commands.addNode('position'));
        case 'c':
        case 'C':
          return run(() => commands.addNode('claim'));
        case 's':
        case 'S':
          return run(() => commands.reply('support'));
        case 'r':
        case 'R':
          return run(() => commands.reply('rebuttal'));
        case 'Enter':
        case 'F2':
          return run(commands.editSelected);
        case 'Delete':
        case 'Backspace':
          return run(commands.deleteSelection);
        case '?':
          return run(commands.showShortcuts);
        case 'l':
        case 'L':
          return run(commands.toggleLabels);
        case 'F5':
          return run(commands.present);
        case 'Escape':
          return run(commands.clearSelection);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [commands, enabled]);
}

/** Opening a map file by dropping it anywhere on the window. */
function useFileDrop(commands: Commands, enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const onDragOver = (event: DragEvent) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    };
    const onDrop = (event: DragEvent) => {
      const file = event.dataTransfer?.files[0];
      if (!file) return;
      event.preventDefault();
      commands.openDroppedFile(file);
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [commands, enabled]);
}

function Editor({
  storageProblem,
  onDownload,
}: {
  storageProblem: string | null;
  onDownload: () => void;
}) {
  const [dialog, setDialog] = useState<DialogState>(null);
  const [presentFrom, setPresentFrom] = useState<number | null>(null);
  const [stepsOpen, setStepsOpen] = useState(false);
  const commands = useCommands(setDialog, setPresentFrom);
  const closeDialog = useCallback(() => setDialog(null), []);
  const exitPresentation = useCallback(() => setPresentFrom(null), []);
  const [sourceOpen, setSourceOpen] = useState(false);
  const [outlineOpen, setOutlineOpen] = useState(false);
  const printing = usePrintHandout();
  useShortcuts(commands, presentFrom === null);
  useFileDrop(commands, presentFrom === null);

  return (
    <>
      <Toolbar
        commands={commands}
        sourceOpen={sourceOpen}
        onToggleSource={() => setSourceOpen((open) => !open)}
        stepsOpen={stepsOpen}
        onToggleSteps={() => setStepsOpen((open) => !open)}
        outlineOpen={outlineOpen}
        onToggleOutline={() => setOutlineOpen((open) => !open)}
      />
      {storageProblem && (
        <div className="cm-banner" role="alert">
          Your changes cannot be saved in this browser: {storageProblem}. Download the map to keep
          them.
          <button type="button" onClick={onDownload}>
            Download map
          </button>
        </div>
      )}
      <div className="cm-workspace">
        {sourceOpen && (
          <SourcePanel
            onChooseNode={commands.focusNode}
            newClaimPosition={commands.viewCenter}
            onClose={() => setSourceOpen(false)}
          />
        )}
        <MapCanvas onAddAt={(at) => commands.addNode('claim', at)} />
        <Scoreboard onChooseNode={commands.focusNode} />
        {stepsOpen && (
          <StepsPanel onPresentFrom={setPresentFrom} onClose={() => setStepsOpen(false)} />
        )}
        <Inspector />
      </div>
      <Notices />
      {dialog?.type === 'confirmDiscard' && (
        <Dialog
          title="Discard unsaved changes?"
          role="alertdialog"
          onClose={closeDialog}
          actions={
            <>
              <button type="button" onClick={closeDialog}>
                Cancel
              </button>
              <button
                type="button"
                className="cm-danger"
                onClick={() => {
                  setDialog(null);
                  dialog.proceed();
                }}
              >
                Discard changes
              </button>
            </>
          }
        >
          <p>
            The open map has changes that are not saved to a file. To {dialog.action}, they will be
            discarded.
          </p>
        </Dialog>
      )}
      {dialog?.type === 'openError' && (
        <Dialog
          title={`Could not open ${dialog.fileName}`}
          role="alertdialog"
          onClose={closeDialog}
          actions={
            <button type="button" onClick={closeDialog}>
              OK
            </button>
          }
        >
          <p>{dialog.lines[0]}</p>
          {dialog.lines.length > 1 && (
            <ul className="cm-error-list" aria-label="Problems">
              {dialog.lines.slice(1).map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          )}
          <p className="cm-muted">The map you had open is unchanged.</p>
        </Dialog>
      )}
      {dialog?.type === 'search' && (
        <SearchDialog
          onClose={closeDialog}
          onChoose={(id) => {
            setDialog(null);
            commands.focusNode(id);
          }}
        />
      )}
      {dialog?.type === 'shortcuts' && <ShortcutsDialog onClose={closeDialog} />}
      {printing && (
        <div className="cm-print-outline">
          <OutlineView />
        </div>
      )}
      {presentFrom !== null && <Presenter startAt={presentFrom} onExit={exitPresentation} />}
    </>
  );
}

export function App() {
  const store = useClashmapStore();
  const title = useClashmap((s) => s.map.title);
  const fileName = useClashmap((s) => s.fileName);
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });
  const [storageProblem, setStorageProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState<AutosaveRecord | null>(null);
  const autosave = useRef<Autosave | null>(null);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const restored = await restoreAutosave();
      if (cancelled) return;
      let known: AutosaveRecord | null = null;
      if (restored.status === 'restored') {
        store
          .getState()
          .openMap(restored.map, restored.record.fileName, { savedToFile: !restored.record.dirty });
        known = restored.record;
      } else {
        const article = await loadBundledMap(ARTICLE_MAP_FILE);
        if (cancelled) return;
        if (!article.ok) {
          setLoad({ status: 'failed', lines: parseErrorLines(article.error) });
          return;
        }
        store.getState().openMap(article.map, ARTICLE_MAP_FILE, { savedToFile: true });
        if (restored.status === 'unreadable') {
          store
            .getState()
            .notify(
              'error',
              `The map saved in this browser could not be restored (${restored.reason}); it was set aside.`,
            );
        } else if (restored.status === 'unavailable') {
          setStorageProblem(restored.reason);
        }
      }
      store.temporal.getState().clear();
      autosave.current = startAutosave(
        store,
        {
          onFailure: setStorageProblem,
          onSuccess: () => setStorageProblem(null),
          onConflict: setConflict,
        },
        known,
      );
      setLoad({ status: 'ready' });
    })();
    return () => {
      cancelled = true;
      autosave.current?.stop();
    };
  }, [store]);

  useEffect(() => {
    document.title = fileName ? `${fileName} · Clashmap` : `${title} · Clashmap`;
  }, [title, fileName]);

  const download = useCallback(() => {
    const { map, fileName: name } = store.getState();
    downloadMapText(serializeMap(map), name ?? suggestFileName(map.title));
  }, [store]);

  return (
    <ReactFlowProvider>
      <div className="cm-app">
        <header className="cm-header">
          <span className="cm-brand">Clashmap</span>
          {load.status === 'ready' ? <MapTitle /> : <h1 className="cm-title">Clashmap</h1>}
          {fileName && <span className="cm-filename">{fileName}</span>}
          {load.status === 'ready' && <SaveStatus />}
        </header>
        <main className="cm-main">
          {load.status === 'loading' && (
            <p className="cm-status" role="status">
              Opening the map…
            </p>
          )}
          {load.status === 'failed' && (
            <div className="cm-status" role="alert">
              {load.lines.map((line, i) => (
                <p key={i}>{line}</p>
              ))}
            </div>
          )}
          {load.status === 'ready' && (
            <Editor storageProblem={storageProblem} onDownload={download} />
          )}
        </main>
        {conflict && (
          <Dialog
            title="This map was changed in another tab"
            role="alertdialog"
            onClose={() => undefined}
            actions={
              <>
                <button
                  type="button"
                  onClick={() => {
                    const result = parseMap(conflict.text, { brokenQuotes: 'warn' });
                    if (result.ok) {
                      autosave.current?.adopt(conflict);
                      store
                        .getState()
                        .openMap(result.map, conflict.fileName, { savedToFile: !conflict.dirty });
                      store.temporal.getState().clear();
                    }
                    setConflict(null);
                  }}
                >
                  Load the other tab’s version
                </button>
                <button
                  type="button"
                  onClick={() => {
                    void autosave.current?.keepMine();
                    setConflict(null);
                  }}
                >
                  Keep this tab’s version
                </button>
              </>
            }
          >
            <p>
              Clashmap is open in more than one tab, and another tab saved changes to this map.
              Choose which version to keep; the other is replaced. (Tip: download a copy first if
              you are unsure.)
            </p>
            <button type="button" className="cm-link-button" onClick={download}>
              Download this tab’s version
            </button>
          </Dialog>
        )}
      </div>
    </ReactFlowProvider>
  );
}
