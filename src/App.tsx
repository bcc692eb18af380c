import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { openOwnMap, loadOtherTabVersion, startApp, watchAddressAndLeaving } from './app/startup';
import type { OwnMapOutcome } from './app/openFile';
import { mapFileText } from './app/saveFile';
import { downloadMapText, suggestFileName } from './io/fileAccess';
import type { ImageExporter } from './components/ExportDialog';
import { Lazy, lazyPart } from './components/Lazy';
import { useReadyAfterFirstLayout } from './app/afterFirstMap';
import { MapCanvas } from './components/MapCanvas';
import { MapTitle } from './components/MapTitle';
import { SkipToMap } from './components/SkipToMap';
import { useOverlayOpen } from './components/overlayPrefs';
import { presenceStore, usePresence } from './app/presence';
import { rememberName } from './app/roomLink';
import type { TeacherControls } from './app/room';
import { Notices } from './components/Notices';
import { RoundAsOf } from './components/nodes/RoundAsOf';
import { usePrintHandout } from './components/usePrintHandout';
import { usePrintParts } from './components/printParts';
import { SaveStatus, Toolbar } from './components/Toolbar';
import { useCommands, type DialogState } from './components/useCommands';
import { useFileDrop } from './components/useFileDrop';
import { useShortcuts } from './components/useShortcuts';
import type { Autosave, AutosaveRecord, RestoreResult } from './store/autosave';
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
// The outline loads when first opened (or after the first map, for printing: printParts.ts).
const OutlinePanel = lazyPart(() =>
  import('./components/OutlineView').then((m) => ({ default: m.OutlinePanel })),
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
  const printParts = usePrintParts();
  const mapTitle = useClashmap((s) => s.map.title);
  const store = useClashmapStore();
  const selecting = useClashmap((s) => s.selectedNodeIds.length + s.selectedEdgeIds.length > 0);
  // The inspector is made ready once the first map is drawn, the browser idle: the first
  // selection (often the press that starts a drag, or the double-click that starts an edit)
  // then draws it at once like any other, rather than waiting for its code and rendering it
  // in pieces while the first keys are typed (300 ms keys on a 5,000-card map).
  const inspectorReady = useReadyAfterFirstLayout();
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
        {(selecting || inspectorReady) && (
          <Lazy>
            <Inspector onSupportTogether={commands.supportTogether} />
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
          <Lazy>
            <OutlinePanel
              onShowNode={(id) => {
                setOutlineOpen(false);
                commands.focusNode(id);
              }}
              onClose={() => setOutlineOpen(false)}
            />
          </Lazy>
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
      {pages && printParts && <printParts.HandoutPages title={mapTitle} pages={pages} />}
      {printing && printParts && (
        <div className="cm-print-outline">
          <printParts.OutlineView />
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

  // Tells what opening the user's own map found (a saved map set aside, storage unavailable).
  const tellOwnMap = useCallback(
    (outcome: OwnMapOutcome): boolean => {
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
      if (outcome.partly !== undefined) {
        store
          .getState()
          .notify(
            'error',
            `The last changes saved in this browser could not all be restored (${outcome.partly}): the map opens as it was before them, and what was saved is set aside.`,
          );
      }
      if (outcome.storageProblem !== undefined) setStorageProblem(outcome.storageProblem);
      return true;
    },
    [store],
  );

  // Start-up (src/app/startup.ts) decides which map opens; this shows what it decided.
  useEffect(() => {
    let cancelled = false;
    void startApp(store, {
      hash: window.location.hash,
      events: {
        onFailure: setStorageProblem,
        onSuccess: () => setStorageProblem(null),
        onMerge: (map, repairs) => store.getState().applyRemote(map, repairs),
        onConflict: setConflict,
      },
      askName: () =>
        new Promise<string>((resolve) =>
          setAskName({
            resolve: (name) => {
              setAskName(null);
              resolve(name);
            },
          }),
        ),
      cancelled: () => cancelled,
    }).then((started) => {
      if (!started) return;
      if (started.linkProblem) setLinkProblem(started.linkProblem);
      switch (started.kind) {
        case 'room':
          setRoom({ teacher: started.teacher });
          break;
        case 'shared':
          autosave.current = started.autosave;
          setShared({ own: started.own });
          break;
        case 'own':
          autosave.current = started.autosave;
          tellOwnMap(started.opened);
          break;
        case 'failed':
          tellOwnMap({ ok: false, lines: started.lines });
          return;
      }
      setLoad({ status: 'ready' });
    });
    return () => {
      cancelled = true;
      autosave.current?.stop();
    };
  }, [store, tellOwnMap]);

  // A share link pasted into the address bar, and closing while edits cannot be stored.
  useEffect(() => watchAddressAndLeaving(() => autosave.current), []);

  const keepSharedCopy = useCallback(() => {
    setShared(null);
    setConfirmKeep(false);
    void autosave.current?.resume({ replace: true });
  }, []);

  const backToOwnMap = useCallback(async () => {
    if (!shared) return;
    setShared(null);
    tellOwnMap(await openOwnMap(store, shared.own));
    await autosave.current?.resume({ replace: false });
  }, [shared, store, tellOwnMap]);

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
                const saving = autosave.current;
                setConflict(null);
                if (!saving) return;
                // Unreadable (or the parser could not load): this tab's map stays, and the user
                // still has to choose.
                void loadOtherTabVersion(store, saving, asked).then(
                  (shown) => {
                    if (!shown) setConflict(asked);
                  },
                  () => setConflict(asked),
                );
              }}
              onKeepMine={() => {
                void autosave.current?.keepMine(conflict);
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
