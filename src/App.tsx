import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { askBeforeLeaving, commitFieldBeingEdited } from './app/leave';
import { openOwnMap as openOwnMapService, showMap } from './app/openFile';
import { mapFileText } from './app/saveFile';
import { isShareFragment, readShareFragment } from './app/share';
import { ARTICLE_MAP_FILE, loadBundledMap } from './io/bundledMaps';
import { downloadMapText, suggestFileName } from './io/fileAccess';
import { parseMap } from './io/parse';
import type { ImageExporter } from './components/ExportDialog';
import { Lazy, lazyPart } from './components/Lazy';
import { MapCanvas } from './components/MapCanvas';
import { MapTitle } from './components/MapTitle';
import { SkipToMap } from './components/SkipToMap';
import { useOverlayOpen } from './components/overlayPrefs';
import { presenceStore, usePresence } from './app/presence';
import { rememberName, roomOfFragment, storedName } from './app/roomLink';
import type { TeacherControls } from './app/room';
import { Notices } from './components/Notices';
import { RoundAsOf } from './components/nodes/RoundAsOf';
import { OutlinePanel, OutlineView } from './components/OutlineView';
import { usePrintHandout } from './components/usePrintHandout';
import { HandoutPages } from './components/HandoutPages';
import { SaveStatus, Toolbar } from './components/Toolbar';
import { useCommands, type DialogState } from './components/useCommands';
import { useFileDrop } from './components/useFileDrop';
import { useShortcuts } from './components/useShortcuts';
import {
  restoreAutosave,
  startAutosave,
  type Autosave,
  type AutosaveEvents,
  type AutosaveRecord,
  type RestoreResult,
} from './store/autosave';
import { useClashmap, useClashmapStore } from './store/StoreContext';

// The steps editor is opened on demand: it loads then, not with the app.
// Presenting and the source panel load when first opened: neither is needed to open or edit a
// map, and the initial JavaScript has a budget (npm run bench -- --size-only).
const SourcePanel = lazyPart(() =>
  import('./components/sources/SourcePanel').then((m) => ({ default: m.SourcePanel })),
);
const ClassBanner = lazyPart(() =>
  import('./components/class/ClassSession').then((m) => ({ default: m.ClassBanner })),
);
const NameDialog = lazyPart(() =>
  import('./components/class/ClassSession').then((m) => ({ default: m.NameDialog })),
);
// Dialogs load when one is first shown (each dialog in its own part, too).
const DialogHost = lazyPart(() =>
  import('./components/dialogs/DialogHost').then((m) => ({ default: m.DialogHost })),
);
// What a share link, a class link or another tab may ask at start, but seldom does.
const startupDialogs = () => import('./components/dialogs/StartupDialogs');
const LinkProblemDialog = lazyPart(() =>
  startupDialogs().then((m) => ({ default: m.LinkProblemDialog })),
);
const ReplaceOwnMapDialog = lazyPart(() =>
  startupDialogs().then((m) => ({ default: m.ReplaceOwnMapDialog })),
);
const TabConflictDialog = lazyPart(() =>
  startupDialogs().then((m) => ({ default: m.TabConflictDialog })),
);
const Presenter = lazyPart(() =>
  import('./components/present/Presenter').then((m) => ({ default: m.Presenter })),
);
// The inspector loads at the first selection: a map opens with nothing selected.
const Inspector = lazyPart(() =>
  import('./components/Inspector').then((m) => ({ default: m.Inspector })),
);
// The compare view (and the matching code behind it) loads when a teacher first opens it.
const CompareView = lazyPart(() =>
  import('./views/compare/CompareView').then((m) => ({ default: m.CompareView })),
);
// The flow view loads when first opened: a debate round's sheets, a view of the same map.
const FlowView = lazyPart(() =>
  import('./views/flow/FlowView').then((m) => ({ default: m.FlowView })),
);
const NewRoundDialog = lazyPart(() =>
  import('./views/flow/NewRoundDialog').then((m) => ({ default: m.NewRoundDialog })),
);
// The scoreboard, and the evaluation it shows, load when labels are first turned on.
const Scoreboard = lazyPart(() =>
  import('./components/evaluation/Scoreboard').then((m) => ({ default: m.Scoreboard })),
);
const StepsPanel = lazyPart(() =>
  import('./components/present/StepsPanel').then((m) => ({ default: m.StepsPanel })),
);

/**
 * In a class session, a student who follows the teacher presents when the teacher presents to
 * the class, at the teacher's step, and stops when the teacher stops.
 */
function FollowPresentation({ setPresentFrom }: { setPresentFrom: (step: number | null) => void }) {
  const lead = usePresence((s) => (s.following ? s.lead : null));
  const led = useRef(false);
  useEffect(() => {
    if (!lead) return;
    if (lead.lead.kind === 'present') {
      led.current = true;
      setPresentFrom(lead.lead.step);
    } else if (led.current) {
      led.current = false;
      setPresentFrom(null);
    }
    // Only a new lead moves this screen; the student's own presenting is left alone.
  }, [lead, setPresentFrom]);
  return null;
}

type LoadState =
  { status: 'loading' } | { status: 'ready' } | { status: 'failed'; lines: string[] };

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
  const handout = usePrintHandout();
  const commands = useCommands(setDialog, setPresentFrom, handout.print);
  const exitPresentation = useCallback(() => {
    setPresentFrom(null);
    const { leading, sendLead } = presenceStore.getState();
    if (leading.present) sendLead?.({ kind: 'stop' });
  }, []);
  const presentToClass = useCallback((step: number) => {
    const { leading, sendLead } = presenceStore.getState();
    if (leading.present) sendLead?.({ kind: 'present', step });
  }, []);
  const [sourceOpen, setSourceOpen] = useState(false);
  const [outlineOpen, setOutlineOpen] = useState(false);
  const [flowOpen, setFlowOpen] = useState(false);
  const [newRoundOpen, setNewRoundOpen] = useState(false);
  const [compareOpen, setCompareOpen] = useState(false);
  const [legendOpen, setLegendOpen] = useOverlayOpen('legend');
  const [overviewOpen, setOverviewOpen] = useOverlayOpen('overview');
  const { printing, pages } = handout;
  const mapTitle = useClashmap((s) => s.map.title);
  const store = useClashmapStore();
  const selecting = useClashmap((s) => s.selectedNodeIds.length + s.selectedEdgeIds.length > 0);
  const labelsOn = useClashmap((s) => s.labelsOn);
  // Drawing images loads with the first export, not with the app.
  const exportImage = useMemo<ImageExporter>(
    () => async (kind, selectionOnly) =>
      (await import('./components/imageExport')).makeImageExporter(store)(kind, selectionOnly),
    [store],
  );
  // The outline covers the canvas: keys that edit the selection would act on cards out of sight.
  // The compare view too; files dropped on it are students' maps, not a map to open. The flow
  // view has fields and keys of its own.
  useShortcuts(commands, presentFrom === null && !outlineOpen && !compareOpen && !flowOpen);
  useFileDrop(commands, presentFrom === null && !compareOpen);

  return (
    <>
      <SkipToMap />
      <Toolbar
        commands={commands}
        sourceOpen={sourceOpen}
        onToggleSource={() => setSourceOpen((open) => !open)}
        stepsOpen={stepsOpen}
        onToggleSteps={() => setStepsOpen((open) => !open)}
        outlineOpen={outlineOpen}
        onToggleOutline={() => setOutlineOpen((open) => !open)}
        flowOpen={flowOpen}
        onToggleFlow={() => setFlowOpen((open) => !open)}
        onNewRound={() => setNewRoundOpen(true)}
        compareOpen={compareOpen}
        onToggleCompare={() => setCompareOpen((open) => !open)}
        legendOpen={legendOpen}
        onToggleLegend={() => setLegendOpen(!legendOpen)}
        overviewOpen={overviewOpen}
        onToggleOverview={() => setOverviewOpen(!overviewOpen)}
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
      <RoundAsOf />
      <div className="cm-workspace">
        {sourceOpen && (
          <Lazy>
            <SourcePanel
              onChooseNode={commands.focusNode}
              newClaimPosition={commands.viewCenter}
              onClose={() => setSourceOpen(false)}
            />
          </Lazy>
        )}
        <MapCanvas
          onAddAt={(at) => commands.addNode('claim', at)}
          legendOpen={legendOpen}
          onFoldLegend={() => setLegendOpen(false)}
          overviewOpen={overviewOpen}
        />
        {labelsOn && (
          <Lazy>
            <Scoreboard onChooseNode={commands.focusNode} />
          </Lazy>
        )}
        {stepsOpen && (
          <Lazy>
            <StepsPanel onPresentFrom={setPresentFrom} onClose={() => setStepsOpen(false)} />
          </Lazy>
        )}
        {selecting && (
          <Lazy>
            <Inspector />
          </Lazy>
        )}
        {compareOpen && (
          <Lazy>
            <CompareView onClose={() => setCompareOpen(false)} />
          </Lazy>
        )}
        {flowOpen && (
          <Lazy>
            <FlowView onClose={() => setFlowOpen(false)} onShowShortcuts={commands.showShortcuts} />
          </Lazy>
        )}
        {outlineOpen && (
          <OutlinePanel
            onShowNode={(id) => {
              setOutlineOpen(false);
              commands.focusNode(id);
            }}
            onClose={() => setOutlineOpen(false)}
          />
        )}
      </div>
      <Notices />
      {dialog && (
        <Lazy>
          <DialogHost
            dialog={dialog}
            setDialog={setDialog}
            commands={commands}
            exportImage={exportImage}
          />
        </Lazy>
      )}
      {newRoundOpen && (
        <Lazy>
          <NewRoundDialog
            onClose={() => setNewRoundOpen(false)}
            onStart={(map) => {
              setNewRoundOpen(false);
              commands.newRound(map, () => setFlowOpen(true));
            }}
          />
        </Lazy>
      )}
      {pages && <HandoutPages title={mapTitle} pages={pages} />}
      {printing && (
        <div className="cm-print-outline">
          <OutlineView />
        </div>
      )}
      <FollowPresentation setPresentFrom={setPresentFrom} />
      {presentFrom !== null && (
        <Lazy>
          <Presenter startAt={presentFrom} onExit={exitPresentation} onStep={presentToClass} />
        </Lazy>
      )}
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
  const [room, setRoom] = useState<{ teacher: TeacherControls | null } | null>(null);
  const [askName, setAskName] = useState<{ resolve: (name: string) => void } | null>(null);

  // Opens the user's own map: the one saved in this browser, or the article map on first launch.
  const openOwnMap = useCallback(
    async (restored: RestoreResult): Promise<boolean> => {
      const outcome = await openOwnMapService(
        store,
        restored,
        () => loadBundledMap(ARTICLE_MAP_FILE),
        ARTICLE_MAP_FILE,
      );
      if (!outcome.ok) {
        setLoad({ status: 'failed', lines: outcome.lines });
        return false;
      }
      if (outcome.unreadable !== undefined) {
        store
          .getState()
          .notify(
            'error',
            `The map saved in this browser could not be restored (${outcome.unreadable}); it was set aside.`,
          );
      }
      if (outcome.storageProblem !== undefined) setStorageProblem(outcome.storageProblem);
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
      const events: AutosaveEvents = {
        onFailure: setStorageProblem,
        onSuccess: () => setStorageProblem(null),
        onMerge: (map, repairs) => store.getState().applyRemote(map, repairs),
        onConflict: setConflict,
      };
      // A class room's link opens the room's live map; the user's own map stays saved and
      // untouched (nothing is autosaved over it: the room's map lives on the class server).
      const hash = window.location.hash;
      const roomLink = roomOfFragment(hash);
      if (roomLink) {
        const askName = async () => {
          const name =
            storedName() ?? (await new Promise<string>((resolve) => setAskName({ resolve })));
          setAskName(null);
          return name;
        };
        const { joinRoom } = await import('./app/room');
        const joined = await joinRoom(store, { ...roomLink, askName });
        if (cancelled) {
          if (joined.ok) joined.joined.leave();
          return;
        }
        if (joined.ok) {
          setRoom({ teacher: joined.joined.teacher });
          setLoad({ status: 'ready' });
          return;
        }
        setLinkProblem(`This class session link could not be opened: ${joined.reason}.`);
      }
      // A share link opens its map as a copy; the user's own map stays saved and untouched.
      if (isShareFragment(hash)) {
        window.history.replaceState(null, '', window.location.pathname + window.location.search);
        const decoded = await readShareFragment(hash);
        if (cancelled) return;
        if (decoded.ok) {
          showMap(store, decoded.map, null, { savedToFile: false });
          autosave.current = startAutosave(store, events, known, {
            paused: true,
            beforeLeave: commitFieldBeingEdited,
          });
          setShared({ own: restored });
          setLoad({ status: 'ready' });
          return;
        }
        setLinkProblem(decoded.message);
      }
      if (!(await openOwnMap(restored)) || cancelled) return;
      autosave.current = startAutosave(store, events, known, {
        beforeLeave: commitFieldBeingEdited,
      });
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
    // What is being typed and what is not yet stored is saved first.
    const onHashChange = () => {
      if (!isShareFragment(window.location.hash)) return;
      commitFieldBeingEdited();
      const saved = autosave.current?.flush() ?? Promise.resolve();
      void saved.finally(() => window.location.reload());
    };
    window.addEventListener('hashchange', onHashChange);
    // Edits that cannot be stored (storage full, a shared copy not kept): the browser asks first.
    const stopAsking = askBeforeLeaving(() => autosave.current?.hasUnstoredEdits() ?? false);
    return () => {
      window.removeEventListener('hashchange', onHashChange);
      stopAsking();
    };
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
    // The file as Save writes it (with the what-ifs, when they are kept with the map).
    const { map, fileName: name } = store.getState();
    downloadMapText(mapFileText(store), name ?? suggestFileName(map.title));
  }, [store]);

  return (
    <ReactFlowProvider>
      <div className="cm-app">
        <header className="cm-header">
          <span className="cm-brand">Clashmap</span>
          {load.status === 'ready' ? <MapTitle /> : <h1 className="cm-title">Clashmap</h1>}
          {fileName && <span className="cm-filename">{fileName}</span>}
          {load.status === 'ready' && <SaveStatus live={room !== null} />}
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
          {load.status === 'ready' && room && (
            <Lazy>
              <ClassBanner teacher={room.teacher} />
            </Lazy>
          )}
          {askName && (
            <Lazy>
              <NameDialog
                onJoin={(name) => {
                  rememberName(name);
                  askName.resolve(name);
                }}
              />
            </Lazy>
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
          <Lazy>
            <ReplaceOwnMapDialog
              title={shared.own.map.title}
              onCancel={() => setConfirmKeep(false)}
              onDownload={() => {
                const own = shared.own;
                if (own.status === 'restored') {
                  downloadMapText(
                    own.record.text,
                    own.record.fileName ?? suggestFileName(own.map.title),
                  );
                }
              }}
              onReplace={keepSharedCopy}
            />
          </Lazy>
        )}
        {linkProblem && (
          <Lazy>
            <LinkProblemDialog message={linkProblem} onClose={() => setLinkProblem(null)} />
          </Lazy>
        )}
        {conflict && (
          <Lazy>
            <TabConflictDialog
              onLoadOther={() => {
                const asked = conflict;
                setConflict(null);
                void autosave.current
                  ?.adoptLatest(asked, (record) => {
                    const result = parseMap(record.text, { brokenQuotes: 'warn' });
                    if (!result.ok) {
                      store
                        .getState()
                        .notify(
                          'error',
                          `The other tab’s version could not be read (${result.error.issues[0]?.message ?? result.error.kind}); this tab’s map is unchanged.`,
                        );
                      return false;
                    }
                    showMap(store, result.map, record.fileName, { savedToFile: !record.dirty });
                    return true;
                  })
                  // Unreadable: this tab's map stays, and the user still has to choose.
                  .then((shown) => {
                    if (!shown) setConflict(asked);
                  });
              }}
              onKeepMine={() => {
                void autosave.current?.keepMine();
                setConflict(null);
              }}
              onDownload={download}
            />
          </Lazy>
        )}
      </div>
    </ReactFlowProvider>
  );
}
