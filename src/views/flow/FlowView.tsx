import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { flowGrid, type FlowSheet } from '../../layout/flowGrid';
import { nextGroupOf, opponentOf, speechesOf, type DebateFormat } from '../../model/debateFormats';
import { mapAsOf, roundFlags, type RoundFlags } from '../../model/flow';
import type { ClashMap } from '../../model/map';
import type { MapNode } from '../../model/node';
import { capitalised, relationKind, type EdgeKind } from '../../model/relations/registry';
import { formatOfMap } from '../../model/round';
import { useClashmap, useClashmapStore } from '../../store/StoreContext';

/**
 * The round as paper flow sheets: a tab per sheet, a column per speech, each argument in the row
 * of what it answers, with its flags (dropped, extended, crossed out, new). A view of the same
 * map as the canvas: choosing a card selects it there too, and an argument added here is on the
 * map at once. "As of" shows the flow as it stood after a speech.
 */
export function FlowView({ onClose }: { onClose: () => void }) {
  const map = useClashmap((s) => s.map);
  const panel = useRef<HTMLElement>(null);
  const format = formatOfMap(map);
  const [asOf, setAsOf] = useState('');
  const flags = useMemo(() => roundFlags(map, asOf === '' ? undefined : asOf), [map, asOf]);
  const shown = useMemo(() => (asOf === '' ? map : mapAsOf(map, asOf)), [map, asOf]);
  const sheets = useMemo(() => flowGrid(shown, flags), [shown, flags]);
  const [tab, setTab] = useState<string | null>(null);
  const sheetKey = (sheet: FlowSheet) => sheet.position?.id ?? '';
  const current = sheets.find((s) => sheetKey(s) === tab) ?? sheets[0];
  const ids = useId();
  const asOfId = `${ids}-as-of`;

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    panel.current?.focus();
    return () => {
      if (document.activeElement === document.body || !document.activeElement) opener?.focus();
    };
  }, []);

  return (
    <section
      ref={panel}
      className="cm-flow"
      aria-label="Flow"
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        onClose();
      }}
    >
      <header className="cm-flow__header">
        <h2 className="cm-flow__title">
          Flow <span className="cm-flow__format">{format.name}</span>
        </h2>
        <label htmlFor={asOfId}>As of</label>
        <select id={asOfId} value={asOf} onChange={(e) => setAsOf(e.target.value)}>
          <option value="">the whole round</option>
          {speechesOf(format).map((speech) => (
            <option key={speech.id} value={speech.id}>
              after the {speech.id}
            </option>
          ))}
        </select>
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
            <SheetTable sheet={current} flags={flags} format={format} />
            {current.position && asOf === '' && (
              <AddArgument sheet={current} flags={flags} format={format} />
            )}
            {asOf === '' && <CrossOut sheet={current} flags={flags} format={format} />}
          </div>
        </>
      )}
      <RoundSummary flags={flags} map={map} />
    </section>
  );
}

function flagWords(id: string, flags: RoundFlags): string[] {
  const words: string[] = [];
  const dropped = flags.dropped.get(id);
  if (dropped) words.push(`dropped by ${dropped.due.name}`);
  const extended = flags.extended.get(id);
  if (extended) words.push(`extended in ${extended.into.name}`);
  const conceded = flags.conceded.get(id);
  if (conceded)
    words.push(
      `crossed out in the ${conceded.speech.id} (${conceded.meaning === 'granted' ? 'granted' : 'given up'})`,
    );
  if (flags.newInLastRebuttal.has(id))
    words.push(`new in the ${flags.arguments.get(id)?.speech.id}`);
  return words;
}

function SheetTable({
  sheet,
  flags,
  format,
}: {
  sheet: FlowSheet;
  flags: RoundFlags;
  format: DebateFormat;
}) {
  const store = useClashmapStore();
  const selected = useClashmap((s) => s.selectedNodeIds);
  const rows = useMemo(() => {
    const grid: (MapNode | undefined)[][] = Array.from({ length: sheet.rowCount }, () =>
      sheet.columns.map(() => undefined),
    );
    for (const cell of sheet.cells) grid[cell.row]![cell.column] = cell.node;
    return grid;
  }, [sheet]);
  const title = sheet.position ? sheet.position.text : 'Arguments on no sheet';
  return (
    <div className="cm-flow__scroll">
      <table className="cm-flow__sheet">
        <caption>
          {title}
          {sheet.side ? ` (${format.sideNames[sheet.side]})` : ''}
        </caption>
        <thead>
          <tr>
            {sheet.columns.map((speech) => (
              <th key={speech.id} scope="col" className={`cm-flow__speech--${speech.side}`}>
                <abbr title={speech.name}>{speech.id}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              {row.map((node, c) => (
                <td
                  key={sheet.columns[c]!.id}
                  className={`cm-flow__speech--${sheet.columns[c]!.side}`}
                >
                  {node && (
                    <FlowCard
                      node={node}
                      flags={flagWords(node.id, flags)}
                      crossed={flags.conceded.has(node.id)}
                      selected={selected.includes(node.id)}
                      onChoose={() => store.getState().select([node.id])}
                    />
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FlowCard({
  node,
  flags,
  crossed,
  selected,
  onChoose,
}: {
  node: MapNode;
  flags: string[];
  crossed: boolean;
  selected: boolean;
  onChoose: () => void;
}) {
  return (
    <button
      type="button"
      className={`cm-flow-card${crossed ? ' cm-flow-card--crossed' : ''}${node.kind === 'position' ? ' cm-flow-card--sheet' : ''}`}
      aria-pressed={selected}
      onClick={onChoose}
    >
      <span className="cm-flow-card__text">{node.text}</span>
      {flags.map((flag) => (
        <span key={flag} className={`cm-flow-flag cm-flow-flag--${flag.split(' ')[0]}`}>
          {flag}
        </span>
      ))}
    </button>
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
    const added = store.getState().addFlowArgument({
      text,
      sheet: position.id,
      speech: speechValue,
      // With a card chosen, the new argument bears on it; else it backs or answers the sheet.
      bearsOn: chosen
        ? { id: chosen.id, kind }
        : {
            id: position.id,
            kind: backsSheet(position, speechValue, format) ? 'support' : 'rebuttal',
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

// An argument on a sheet with nothing chosen backs the sheet when the sheet's side makes it, and
// answers the sheet when the other side does.
function backsSheet(position: MapNode, speech: string, format: DebateFormat): boolean {
  const speeches = speechesOf(format);
  const side = position.side ?? speeches.find((s) => s.id === position.speech)?.side;
  const by = speeches.find((s) => s.id === speech)?.side;
  return side === undefined || by === undefined || side === by;
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
        <button type="button" onClick={() => store.getState().crossOut(chosen.id, null)}>
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
      <button type="button" onClick={() => store.getState().crossOut(chosen.id, value)}>
        Cross out
      </button>
    </p>
  );
}

function RoundSummary({ flags, map }: { flags: RoundFlags; map: ClashMap }) {
  const text = (id: string) => map.nodes.find((n) => n.id === id)?.text ?? id;
  const groups: { title: string; items: { id: string; words: string }[] }[] = [
    {
      title: 'Dropped',
      items: [...flags.dropped].map(([id, d]) => ({
        id,
        words: `made in the ${d.argument.speech.id}, answer due in ${d.due.name}`,
      })),
    },
    {
      title: 'Extended',
      items: [...flags.extended].map(([id, e]) => ({
        id,
        words: `made in the ${e.argument.speech.id}, extended in ${e.into.name}`,
      })),
    },
    {
      title: 'Crossed out',
      items: [...flags.conceded].map(([id, c]) => ({
        id,
        words: `in the ${c.speech.id}, ${c.meaning === 'granted' ? 'granted by the other side' : 'given up by its side'}`,
      })),
    },
    {
      title: 'New in the last rebuttal',
      items: [...flags.newInLastRebuttal].map(([id, n]) => ({
        id,
        words: `made in the ${n.argument.speech.id}`,
      })),
    },
  ];
  if (flags.arguments.size === 0) return null;
  return (
    <section className="cm-flow__summary" aria-label="Round summary">
      <h3>Round summary</h3>
      {groups.map((group) => (
        <div key={group.title}>
          <h4>
            {group.title} ({group.items.length})
          </h4>
          {group.items.length > 0 && (
            <ul>
              {group.items.map((item) => (
                <li key={item.id}>
                  “{text(item.id)}” — {item.words}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </section>
  );
}
