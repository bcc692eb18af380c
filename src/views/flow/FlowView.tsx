import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { flowGrid, type FlowSheet } from '../../layout/flowGrid';
import { nextGroupOf, opponentOf, speechesOf, type DebateFormat } from '../../model/debateFormats';
import { mapAsOf, roundFlags, type RoundFlags } from '../../model/flow';
import type { MapNode } from '../../model/node';
import { capitalised, relationKind, type EdgeKind } from '../../model/relations/registry';
import { formatOfMap, sheetOfNode } from '../../model/round';
import { Dialog } from '../../components/Dialog';
import { FlowSheet as FlowSheetView, type Draft } from './FlowSheet';
import { sheetDefaultKind } from './flowWords';
import { AbbreviationsDialog } from './AbbreviationsDialog';
import { timerAction } from '../../app/keyTable';
import { RoundTimers } from '../../components/present/RoundTimers';
import { useTimerStore } from '../../components/present/timerStore';
import { useRoundView } from '../../components/nodes/cardFlags';
import { RoundSummary } from './RoundSummary';
import { flushSync } from 'react-dom';
import { downloadText } from '../../io/fileAccess';
import { FlowPrint } from './FlowPrint';
import { flowXlsxBytes } from './flowXlsx';
import { paperFlow, type PaperFlow } from './paperFlow';
import './flow.css';
import { useClashmap, useClashmapStore } from '../../store/StoreContext';
import { addFlowArgument, crossOut } from '../../store/flowEdits';

/**
 * The round as paper flow sheets: a tab per sheet, a column per speech, each argument in the row
 * of what it answers, with its flags (dropped, extended, crossed out, new). A view of the same
 * map as the canvas: choosing a card selects it there too, and an argument added here is on the
 * map at once. "As of" shows the flow as it stood after a speech. Flowed by keyboard on the
 * sheet itself (FlowSheet); the form below it adds arguments with the mouse.
 */
export function FlowView({
  onClose,
  onShowShortcuts,
}: {
  onClose: () => void;
  /** The ? help, which lists the flow view's keys with the others. */
  onShowShortcuts?: () => void;
}) {
  const map = useClashmap((s) => s.map);
  const store = useClashmapStore();
  const panel = useRef<HTMLElement>(null);
  const format = formatOfMap(map);
  // Shared with the canvas cards, so the map shows the round as of the same speech.
  const asOfShared = useRoundView((s) => s.asOf);
  const setAsOfShared = useRoundView((s) => s.setAsOf);
  const speeches = speechesOf(format);
  const asOf = asOfShared !== null && speeches.some((s) => s.id === asOfShared) ? asOfShared : '';
  const flags = useMemo(() => roundFlags(map, asOf === '' ? undefined : asOf), [map, asOf]);
  const shown = useMemo(() => (asOf === '' ? map : mapAsOf(map, asOf)), [map, asOf]);
  const sheets = useMemo(() => flowGrid(shown, flags), [shown, flags]);
  const [tab, setTab] = useState<string | null>(() => {
    // Opened with a card chosen (on the canvas, say): its sheet's tab.
    const { selectedNodeIds } = store.getState();
    const chosen = selectedNodeIds.length === 1 ? selectedNodeIds[0] : undefined;
    const node = chosen === undefined ? undefined : map.nodes.find((n) => n.id === chosen);
    return node ? (sheetOfNode(node) ?? null) : null;
  });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [crossApplying, setCrossApplying] = useState<MapNode | null>(null);
  const [abbreviationsOpen, setAbbreviationsOpen] = useState(false);
  const actOnTimers = useTimerStore((s) => s.act);
  const sheetKey = (sheet: FlowSheet) => sheet.position?.id ?? '';
  const current = sheets.find((s) => sheetKey(s) === tab) ?? sheets[0];
  const ids = useId();
  const asOfId = `${ids}-as-of`;

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // The chosen card has the keyboard, so flowing goes on from it; else the view does.
    const card =
      panel.current?.querySelector<HTMLElement>('[data-card][aria-pressed="true"]') ??
      panel.current?.querySelector<HTMLElement>('[role="grid"] [tabindex="0"]');
    (card ?? panel.current)?.focus();
    return () => {
      if (document.activeElement === document.body || !document.activeElement) opener?.focus();
    };
  }, []);

  const [printed, setPrinted] = useState<PaperFlow | null>(null);
  // Printing draws every sheet, one a page; the page is put back once the print is done.
  const print = () => {
    const done = () => {
      delete document.documentElement.dataset.flowPrint;
      setPrinted(null);
      window.removeEventListener('afterprint', done);
    };
    window.addEventListener('afterprint', done);
    document.documentElement.dataset.flowPrint = '';
    flushSync(() => setPrinted(paperFlow(map)));
    window.print();
  };
  const exportXlsx = async () => {
    try {
      const bytes = await flowXlsxBytes(map);
      const name =
        map.title
          .replace(/[^\p{L}\p{N} _-]+/gu, '')
          .trim()
          .slice(0, 80) || 'Flow';
      downloadText(
        new Blob([bytes as Uint8Array<ArrayBuffer>], {
          type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        }),
        `${name} flow.xlsx`,
        '',
      );
    } catch (error) {
      store.getState().notify('error', error instanceof Error ? error.message : String(error));
    }
  };

  // A crossing-out is made in the speech being timed, or else the latest flowed so far (from
  // the argument's own on).
  const crossOutSpeech = (node: MapNode) => {
    const speeches = speechesOf(format);
    const made = flags.arguments.get(node.id);
    const from = made ? speeches.indexOf(made.speech) : 0;
    const latest = [...flags.arguments.values()].reduce(
      (last, arg) => Math.max(last, speeches.indexOf(arg.speech)),
      0,
    );
    // The speech the timers are on, once it is at or after the argument's own.
    const timed = useTimerStore.getState().timers;
    const now =
      timed && timed.format === format.id ? speeches.findIndex((s) => s.id === timed.period) : -1;
    if (now >= from) return speeches[now]?.id;
    return speeches[Math.max(from, latest)]?.id;
  };

  const crossApplyTo = (node: MapNode, sheet: FlowSheet) => {
    setCrossApplying(null);
    const arg = flags.arguments.get(node.id);
    if (!arg || !sheet.position) return;
    // Cross-applied by its own side: in that side's next speech, where a debater says "extend
    // this over there"; in its own speech when that side speaks no more.
    const next = nextGroupOf(format, arg.group, arg.side)?.speeches[0] ?? arg.speech;
    setTab(sheet.position.id);
    setDraft({
      sheet: sheet.position.id,
      speech: next.id,
      text: node.text,
      crossAppliedFrom: node.id,
      bearsOn: {
        id: sheet.position.id,
        kind: sheetDefaultKind(sheet.position, next.id, format),
      },
    });
  };

  return (
    <section
      ref={panel}
      className="cm-flow"
      aria-label="Flow"
      tabIndex={-1}
      onKeyDown={(event) => {
        // Keys in a dialog of the view (abbreviations, cross-apply) are the dialog's.
        if (event.defaultPrevented || (event.target as Element).closest('dialog')) return;
        if (event.key === '?' && onShowShortcuts && !typedInto(event.target)) {
          event.preventDefault();
          onShowShortcuts();
          return;
        }
        const timer = timerAction({
          key: event.key,
          mod: event.ctrlKey || event.metaKey,
          alt: event.altKey,
        });
        if (timer && !typedInto(event.target)) {
          event.preventDefault();
          actOnTimers(timer, format);
          return;
        }
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        onClose();
      }}
    >
      <header className="cm-flow__header">
        <h2 className="cm-flow__title">
          Flow <span className="cm-flow__format">{format.name}</span>
        </h2>
        <RoundTimers format={format} />
        <label htmlFor={asOfId} className="cm-flow__as-of">
          As of{' '}
          <output htmlFor={asOfId}>{asOf === '' ? 'the whole round' : `after the ${asOf}`}</output>
        </label>
        <input
          id={asOfId}
          type="range"
          min={1}
          max={speeches.length + 1}
          step={1}
          value={asOf === '' ? speeches.length + 1 : speeches.findIndex((s) => s.id === asOf) + 1}
          aria-valuetext={asOf === '' ? 'the whole round' : `after the ${asOf}`}
          onChange={(e) => {
            const at = Number(e.target.value);
            setAsOfShared(at > speeches.length ? null : (speeches[at - 1]?.id ?? null));
          }}
        />
        <button type="button" onClick={() => setAbbreviationsOpen(true)}>
          Abbreviations
        </button>
        <button type="button" onClick={() => void exportXlsx()} disabled={sheets.length === 0}>
          Export XLSX
        </button>
        <button type="button" onClick={print} disabled={sheets.length === 0}>
          Print the flow
        </button>
        <button type="button" className="cm-flow__close" onClick={onClose}>
          Back to the map
        </button>
      </header>
      {sheets.length === 0 || !current ? (
        <p>
          This map holds no round yet. A round&rsquo;s arguments say which speech they were made in;
          open a flowed round, or import a flow saved by Flower.
        </p>
      ) : (
        <>
          <div role="tablist" aria-label="Sheets" className="cm-flow__tabs">
            {sheets.map((sheet) => {
              const key = sheetKey(sheet);
              const chosen = sheet === current;
              return (
                <button
                  key={key}
                  type="button"
                  role="tab"
                  id={`${ids}-tab-${key}`}
                  aria-selected={chosen}
                  aria-controls={`${ids}-panel`}
                  tabIndex={chosen ? 0 : -1}
                  className={`cm-flow__tab cm-flow__tab--${sheet.side ?? 'none'}`}
                  onClick={() => setTab(key)}
                  onKeyDown={(event) => {
                    const step =
                      event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
                    if (step === 0) return;
                    event.preventDefault();
                    const next =
                      sheets[(sheets.indexOf(sheet) + step + sheets.length) % sheets.length]!;
                    setTab(sheetKey(next));
                    document.getElementById(`${ids}-tab-${sheetKey(next)}`)?.focus();
                  }}
                >
                  {sheet.position ? sheet.position.text : 'On no sheet'}
                </button>
              );
            })}
          </div>
          <div
            role="tabpanel"
            id={`${ids}-panel`}
            aria-labelledby={`${ids}-tab-${sheetKey(current)}`}
            className="cm-flow__panel"
          >
            <p id="cm-flow-keys" className="cm-flow__keys">
              On the sheet: Enter, the next argument in the same speech; Tab, answer it in the next
              speech; E extend, T turn, X cross-apply, C cross out; arrow keys move.
            </p>
            <FlowSheetView
              sheet={current}
              flags={flags}
              format={format}
              map={shown}
              editable={asOf === ''}
              draft={draft}
              setDraft={setDraft}
              crossOutSpeech={crossOutSpeech}
              onCrossApply={(node) => {
                if (sheets.filter((s) => s.position && s !== current).length === 0) {
                  store.getState().notify('info', 'There is no other sheet to cross-apply it to.');
                  return;
                }
                setCrossApplying(node);
              }}
            />
            {current.position && asOf === '' && (
              <AddArgument sheet={current} flags={flags} format={format} />
            )}
            {asOf === '' && <CrossOut sheet={current} flags={flags} format={format} />}
          </div>
        </>
      )}
      <RoundSummary flags={flags} map={map} shown={shown} />
      {printed && <FlowPrint flow={printed} />}
      {abbreviationsOpen && <AbbreviationsDialog onClose={() => setAbbreviationsOpen(false)} />}
      {crossApplying && (
        <Dialog
          title={`Cross-apply “${crossApplying.text}”`}
          onClose={() => setCrossApplying(null)}
          actions={
            <button type="button" onClick={() => setCrossApplying(null)}>
              Cancel
            </button>
          }
        >
          <p>To which sheet?</p>
          <ul className="cm-plain-list cm-flow__sheet-choices">
            {sheets
              .filter((sheet) => sheet.position && sheet !== current)
              .map((sheet) => (
                <li key={sheetKey(sheet)}>
                  <button type="button" onClick={() => crossApplyTo(crossApplying, sheet)}>
                    {sheet.position!.text}
                  </button>
                </li>
              ))}
          </ul>
        </Dialog>
      )}
    </section>
  );
}

// The kinds an argument on the flow can bear on another with, and what the form calls them.
const FLOW_KINDS: readonly EdgeKind[] = ['rebuttal', 'extends', 'turns', 'support'];

function AddArgument({
  sheet,
  flags,
  format,
}: {
  sheet: FlowSheet;
  flags: RoundFlags;
  format: DebateFormat;
}) {
  const store = useClashmapStore();
  const selectedId = useClashmap((s) =>
    s.selectedNodeIds.length === 1 ? s.selectedNodeIds[0] : undefined,
  );
  const onSheet = sheet.cells.map((cell) => cell.node);
  const chosen = onSheet.find((n) => n.id === selectedId);
  // Answering the chosen card: in the speech where its answer is due.
  const arg = chosen ? flags.arguments.get(chosen.id) : undefined;
  const due = arg ? nextGroupOf(format, arg.group, opponentOf(arg.side)) : undefined;
  const defaultSpeech = due?.speeches[0]?.id ?? sheet.columns[0]!.id;
  const [speech, setSpeech] = useState<string | null>(null);
  const [kind, setKind] = useState<EdgeKind>('rebuttal');
  const [text, setText] = useState('');
  const ids = useId();
  const speechValue = speech ?? defaultSpeech;
  // Enter adds the argument and stays: the next one answers the same card in the same speech,
  // as a debater flows a list of answers. Ctrl+Enter (⌘+Enter) moves on to answer the new one.
  const add = (moveOn: boolean) => {
    const position = sheet.position!;
    const added = addFlowArgument(store, {
      text,
      sheet: position.id,
      speech: speechValue,
      // With a card chosen, the new argument bears on it; else it backs or answers the sheet.
      bearsOn: chosen
        ? { id: chosen.id, kind }
        : {
            id: position.id,
            kind: sheetDefaultKind(position, speechValue, format),
          },
    });
    if (!added) return;
    setText('');
    if (moveOn) setSpeech(null);
    else if (chosen) store.getState().select([chosen.id]);
    else store.getState().select([]);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add(false);
  };
  return (
    <form className="cm-flow__add" onSubmit={submit} aria-label="Add an argument">
      <label htmlFor={`${ids}-speech`}>Speech</label>
      <select id={`${ids}-speech`} value={speechValue} onChange={(e) => setSpeech(e.target.value)}>
        {sheet.columns.map((s) => (
          <option key={s.id} value={s.id}>
            {s.id}
          </option>
        ))}
      </select>
      {chosen ? (
        <>
          <label htmlFor={`${ids}-kind`}>It</label>
          <select
            id={`${ids}-kind`}
            value={kind}
            onChange={(e) => setKind(e.target.value as EdgeKind)}
          >
            {FLOW_KINDS.map((k) => (
              <option key={k} value={k}>
                {relationKind(k).names.verb}
              </option>
            ))}
          </select>
          <span className="cm-flow__target">“{chosen.text}”</span>
        </>
      ) : (
        <span className="cm-flow__target">on the sheet “{sheet.position!.text}”</span>
      )}
      <label htmlFor={`${ids}-text`}>Argument</label>
      <input
        id={`${ids}-text`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(event) => {
          if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
          event.preventDefault();
          add(true);
        }}
        aria-describedby={`${ids}-keys`}
        placeholder={
          chosen ? `${capitalised(relationKind(kind).names.adjective)} argument` : 'New argument'
        }
      />
      <button type="submit">Add to the flow</button>
      <span id={`${ids}-keys`} className="cm-flow__keys">
        Enter adds it and stays on this card; Ctrl+Enter adds it and answers it next.
      </span>
    </form>
  );
}

/**
 * Crossing out the chosen card: in a speech from the one it was made in on. Crossed out by its
 * own side it is given up; by the other side, granted.
 */
function CrossOut({
  sheet,
  flags,
  format,
}: {
  sheet: FlowSheet;
  flags: RoundFlags;
  format: DebateFormat;
}) {
  const store = useClashmapStore();
  const selectedId = useClashmap((s) =>
    s.selectedNodeIds.length === 1 ? s.selectedNodeIds[0] : undefined,
  );
  const chosen = sheet.cells.find((cell) => cell.node.id === selectedId)?.node;
  const made = chosen ? flags.arguments.get(chosen.id) : undefined;
  const speeches = speechesOf(format);
  const from = made ? speeches.findIndex((s) => s.id === made.speech.id) : 0;
  const choices = speeches.slice(Math.max(0, from));
  // The last speech anything was said in: where a debater crosses things out while flowing.
  const latest = [...flags.arguments.values()].reduce(
    (last, arg) => Math.max(last, speeches.indexOf(arg.speech)),
    0,
  );
  const fallback = choices.find((s) => speeches.indexOf(s) >= latest) ?? choices.at(-1);
  const [speech, setSpeech] = useState<string | null>(null);
  const ids = useId();
  if (!chosen || chosen.kind !== 'claim' || !fallback) return null;
  const value = speech !== null && choices.some((s) => s.id === speech) ? speech : fallback.id;
  if (chosen.conceded !== undefined) {
    return (
      <p className="cm-flow__cross">
        “{chosen.text}” is crossed out in the {chosen.conceded}.{' '}
        <button type="button" onClick={() => crossOut(store, chosen.id, null)}>
          Restore it
        </button>
      </p>
    );
  }
  return (
    <p className="cm-flow__cross">
      <label htmlFor={`${ids}-cross`}>Cross out “{chosen.text}” in the</label>{' '}
      <select id={`${ids}-cross`} value={value} onChange={(e) => setSpeech(e.target.value)}>
        {choices.map((s) => (
          <option key={s.id} value={s.id}>
            {s.id} ({format.sideNames[s.side]})
          </option>
        ))}
      </select>{' '}
      <button type="button" onClick={() => crossOut(store, chosen.id, value)}>
        Cross out
      </button>
    </p>
  );
}

/** Whether a key press goes into a field that takes typing (where keys are letters, not commands). */
function typedInto(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      target.tagName === 'TEXTAREA' ||
      target.tagName === 'SELECT' ||
      (target instanceof HTMLInputElement &&
        !['button', 'checkbox', 'radio', 'range', 'submit', 'reset'].includes(target.type)))
  );
}
