import { ReactFlowProvider } from '@xyflow/react';
import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ARTICLE_MAP_FILE, loadBundledMap } from './io/bundledMaps';
import { downloadMapText, suggestFileName } from './io/fileAccess';
import { parseMap } from './io/parse';
import { parseErrorLines } from './io/parseError';
import { serializeMap } from './io/serialize';
import { edgeKindForShortcut } from './model/relations/registry';
import { ConfirmDialog, Dialog } from './components/Dialog';
const ExportDialog = lazy(() => import('./components/ExportDialog'));
import { makeImageExporter } from './components/imageExport';
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
import { typeAhead } from './components/nodes/typeAhead';
import { useCommands, type Commands, type DialogState } from './components/useCommands';
import {
  restoreAutosave,
  startAutosave,
  type Autosave,
  type AutosaveRecord,
  type RestoreResult,
} from './store/autosave';
// Kept here (not imported from the share-link codec) so the codec loads only for a link.
const SHARE_FRAGMENT_PREFIX = '#map=';
import { useClashmap, useClashmapStore } from './store/StoreContext';

type LoadState =
  { status: 'loading' } | { status: 'ready' } | { status: 'failed'; lines: string[] };

const isTextField = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

// Buttons, links and other controls keep Enter (and Space) for themselves.
const isControl = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  target.closest(
    'button, a[href], summary, [role="button"], [role="link"], [role="menuitem"], [role="tab"]',
  ) !== null;

/** Keyboard shortcuts for the whole app; plain keys are ignored while typing in a field. */
function useShortcuts(commands: Commands, enabled: boolean) {
  const store = useClashmapStore();
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const inField = isTextField(event.target);
      if (document.querySelector('dialog[open]')) return;
      // A node has just opened for typing but its field is not focused yet: what is typed
      // belongs to it, not to the shortcuts.
      if (
        store.getState().editingNodeId !== null &&
        document.querySelector('.cm-node__editor') !== null &&
        !inField &&
        !mod &&
        !event.altKey
      ) {
        if (event.key.length === 1 || event.key === 'Enter') {
          event.preventDefault();
          // Enter commits the text (as it does in the field); Shift+Enter is a new line.
          typeAhead.push(event.key === 'Enter' ? (event.shiftKey ? '\n' : '\r') : event.key);
          return;
        }
      }
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
      const replyKind = edgeKindForShortcut(event.key);
      if (replyKind !== undefined) return run(() => commands.reply(replyKind));
      switch (event.key) {
        case 'p':
        case 'P':
          return run(() => commands.addNode('position'));
        case 'c':
        case 'C':
          return run(() => commands.addNode('claim'));
        case 'Enter':
        case 'F2':
          if (isControl(event.target)) return;
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
  }, [commands, enabled, store]);
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
  const store = useClashmapStore();
  const exportImage = useMemo(() => makeImageExporter(store), [store]);
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
        <ConfirmDialog
          title="Discard unsaved changes?"
          confirmLabel="Discard changes"
          danger
          onCancel={closeDialog}
          onConfirm={() => {
            setDialog(null);
            dialog.proceed();
          }}
        >
          <p>
            The open map has changes that are not saved to a file. To {dialog.action}, they will be
            discarded.
          </p>
        </ConfirmDialog>
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
      {dialog?.type === 'export' && (
        <Suspense fallback={null}>
          <ExportDialog onClose={closeDialog} exportImage={exportImage} />
        </Suspense>
      )}
      {dialog?.type === 'share' && (
        <Dialog
          title="Share link"
          onClose={closeDialog}
          actions={
            <button type="button" onClick={closeDialog}>
              Done
            </button>
          }
        >
          <p>
            Anyone who opens this link sees a copy of the map; nothing is uploaded anywhere. The
            whole map is in the link ({Math.ceil(dialog.url.length / 1024)} KB).
          </p>
          <label htmlFor="cm-share-url">Link</label>
          <input
            id="cm-share-url"
            className="cm-share-url"
            readOnly
            value={dialog.url}
            onFocus={(e) => e.currentTarget.select()}
          />
        </Dialog>
      )}
      {dialog?.type === 'shareTooBig' && (
        <ConfirmDialog
          title="Too big for a link"
          confirmLabel="Save the map file"
          onCancel={closeDialog}
          onConfirm={() => {
            setDialog(null);
            commands.save();
          }}
        >
          <p>{dialog.message}</p>
          <p>Share the map file instead: save it, then send the file.</p>
        </ConfirmDialog>
      )}
      {dialog?.type === 'imported' && (
        <ConfirmDialog
          title={`Import ${dialog.fileName}`}
          confirmLabel="Open the imported map"
          onCancel={closeDialog}
          onConfirm={() => {
            setDialog(null);
            dialog.open();
          }}
        >
          <p>
            Read as {dialog.label}.
            {dialog.losses.length === 0 ? ' Everything was carried over.' : ' Not carried over:'}
          </p>
          {dialog.losses.length > 0 && (
            <ul aria-label="Not carried over">
              {dialog.losses.map((loss, i) => (
                <li key={i}>
                  {loss.message}
                  {loss.count > 1 ? ` (${loss.count} places)` : ''}
                </li>
              ))}
            </ul>
          )}
        </ConfirmDialog>
      )}
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
  const [shared, setShared] = useState<{ own: RestoreResult } | null>(null);
  const [confirmKeep, setConfirmKeep] = useState(false);
  const [linkProblem, setLinkProblem] = useState<string | null>(null);

  // Opens the user's own map: the one saved in this browser, or the article map on first launch.
  const openOwnMap = useCallback(
    async (restored: RestoreResult): Promise<boolean> => {
      if (restored.status === 'restored') {
        store
          .getState()
          .openMap(restored.map, restored.record.fileName, { savedToFile: !restored.record.dirty });
      } else {
        const article = await loadBundledMap(ARTICLE_MAP_FILE);
        if (!article.ok) {
          setLoad({ status: 'failed', lines: parseErrorLines(article.error) });
          return false;
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
      return true;
    },
    [store],
  );

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const restored = await restoreAutosave();
      if (cancelled) return;
      const known = restored.status === 'restored' ? restored.record : null;
      const events = {
        onFailure: setStorageProblem,
        onSuccess: () => setStorageProblem(null),
        onConflict: setConflict,
      };
      // A share link opens its map as a copy; the user's own map stays saved and untouched.
      const hash = window.location.hash;
      if (hash.startsWith(SHARE_FRAGMENT_PREFIX)) {
        window.history.replaceState(null, '', window.location.pathname + window.location.search);
        const { decodeShareFragment } = await import('./io/formats/shareLink');
        const decoded = await decodeShareFragment(hash);
        if (cancelled) return;
        if (decoded.ok) {
          store.getState().openMap(decoded.map, null, { savedToFile: false });
          autosave.current = startAutosave(store, events, known, { paused: true });
          setShared({ own: restored });
          setLoad({ status: 'ready' });
          return;
        }
        setLinkProblem(decoded.error.message);
      }
      if (!(await openOwnMap(restored)) || cancelled) return;
      autosave.current = startAutosave(store, events, known);
      setLoad({ status: 'ready' });
    })();
    return () => {
      cancelled = true;
      autosave.current?.stop();
    };
  }, [store, openOwnMap]);

  // A share link pasted into this tab's address bar changes only the hash: start afresh so that
  // the link opens the way it does in a new tab.
  useEffect(() => {
    const onHashChange = () => {
      if (window.location.hash.startsWith(SHARE_FRAGMENT_PREFIX)) window.location.reload();
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  const keepSharedCopy = useCallback(() => {
    setShared(null);
    setConfirmKeep(false);
    void autosave.current?.resume({ replace: true });
  }, []);

  const backToOwnMap = useCallback(async () => {
    if (!shared) return;
    setShared(null);
    await openOwnMap(shared.own);
    await autosave.current?.resume({ replace: false });
  }, [shared, openOwnMap]);

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
          {load.status === 'ready' && shared && (
            <div className="cm-banner cm-banner--shared" role="region" aria-label="Shared copy">
              <span>
                You are looking at a shared copy of this map. Your own map is saved in this browser
                and has not been changed.
              </span>
              <button
                type="button"
                onClick={() => {
                  const own = shared.own;
                  if (own.status === 'restored' && own.record.dirty) setConfirmKeep(true);
                  else keepSharedCopy();
                }}
              >
                Keep this copy
              </button>
              <button type="button" onClick={() => void backToOwnMap()}>
                Back to my map
              </button>
            </div>
          )}
          {load.status === 'ready' && (
            <Editor storageProblem={storageProblem} onDownload={download} />
          )}
        </main>
        {confirmKeep && shared?.own.status === 'restored' && (
          <Dialog
            title="Replace your own map?"
            role="alertdialog"
            onClose={() => setConfirmKeep(false)}
            actions={
              <>
                <button type="button" onClick={() => setConfirmKeep(false)}>
                  Cancel
                </button>
                <button
                  type="button"
                  onClick={() => {
                    const own = shared.own;
                    if (own.status === 'restored') {
                      downloadMapText(
                        own.record.text,
                        own.record.fileName ?? suggestFileName(own.map.title),
                      );
                    }
                  }}
                >
                  Download my map first
                </button>
                <button type="button" className="cm-danger" onClick={keepSharedCopy}>
                  Replace it
                </button>
              </>
            }
          >
            <p>
              Your own map “{shared.own.map.title}” has changes that are not saved to a file.
              Keeping the shared copy replaces it in this browser.
            </p>
          </Dialog>
        )}
        {linkProblem && (
          <Dialog
            title="This link could not be opened"
            role="alertdialog"
            onClose={() => setLinkProblem(null)}
            actions={
              <button type="button" onClick={() => setLinkProblem(null)}>
                OK
              </button>
            }
          >
            {linkProblem.split('\n').map((line, i) => (
              <p key={i}>{line}</p>
            ))}
            <p className="cm-muted">Your own map is open, unchanged.</p>
          </Dialog>
        )}
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
