import {
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent as ReactKeyboardEvent,
} from 'react';
import { flowAction, type FlowAction } from '../../app/keyTable';
import type { FlowSheet as FlowSheetData } from '../../layout/flowGrid';
import {
  groupOfSpeech,
  nextGroupOf,
  opponentOf,
  type DebateFormat,
} from '../../model/debateFormats';
import type { RoundFlags } from '../../model/flow';
import { bearsOnOf } from '../../model/flowOps';
import type { ClashMap } from '../../model/map';
import type { MapNode } from '../../model/node';
import { relationKind, type EdgeKind } from '../../model/relations/registry';
import { useClashmap, useClashmapStore } from '../../store/StoreContext';
import { addFlowArgument, crossOut } from '../../store/flowEdits';
import { expandBeforeCaret, useAbbreviations } from './abbreviations';
import { flagWords, sheetDefaultKind } from './flowWords';

/**
 * A card being typed on the flow: a new argument (in a speech, bearing on another, or standing
 * for an argument cross-applied from another sheet), or an existing card's text being edited.
 * It is not on the map until it is committed (Enter, Tab); then it is an ordinary edit.
 */
export interface Draft {
  /** The sheet (a position's id) it is typed on. */
  readonly sheet: string;
  readonly speech: string;
  readonly text: string;
  readonly bearsOn?: { readonly id: string; readonly kind: EdgeKind } | undefined;
  readonly crossAppliedFrom?: string | undefined;
  /** The card it was started from: it goes in that card's row (below it with `below`). */
  readonly from?: string | undefined;
  readonly below?: boolean;
  /** For a draft started in an empty cell: that cell's row. */
  readonly row?: number;
  /** The card whose text is being edited (F2), instead of a new argument. */
  readonly editing?: string | undefined;
}

/** Where the keyboard is on a sheet when it is on no card: an empty cell. */
interface Cell {
  readonly column: number;
  readonly row: number;
}

interface Props {
  sheet: FlowSheetData;
  flags: RoundFlags;
  format: DebateFormat;
  map: ClashMap;
  /** False while the flow is shown as of an earlier speech: it is read-only then. */
  editable: boolean;
  draft: Draft | null;
  setDraft: (draft: Draft | null) => void;
  /** The speech a crossing-out is made in, by default (the timers' current speech). */
  crossOutSpeech: (node: MapNode) => string | undefined;
  /** X on a card: choose the sheet to cross-apply it to. */
  onCrossApply: (node: MapNode) => void;
}

/**
 * One flow sheet as a grid that a debater flows by keyboard at speaking speed (the keys are in
 * app/keyTable.ts, FLOW_KEYS, which the ? help lists): the arrow keys move between cells and
 * cards, Enter starts the next argument of the same speech, Tab answers the chosen argument in
 * the other side's next speech, E extends, T turns, X cross-applies, C crosses out. A new card
 * is typed in place at once; Enter or Tab commits it to the map and goes on.
 */
export function FlowSheet({
  sheet,
  flags,
  format,
  map,
  editable,
  draft,
  setDraft,
  crossOutSpeech,
  onCrossApply,
}: Props) {
  const store = useClashmapStore();
  const selectedId = useClashmap((s) =>
    s.selectedNodeIds.length === 1 ? s.selectedNodeIds[0] : undefined,
  );
  const abbreviations = useAbbreviations();
  const [cell, setCell] = useState<Cell | null>(null);
  const table = useRef<HTMLTableElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  // Set when a key moved the cursor: the next render puts the keyboard focus where it went.
  const wantFocus = useRef(false);
  const sheetId = sheet.position?.id ?? '';
  // The draft as last set: a field that loses focus because it was replaced (Enter went on to
  // the next card) must not commit its old text a second time.
  const liveDraft = useRef(draft);
  useLayoutEffect(() => {
    liveDraft.current = draft;
  }, [draft]);
  const replaceDraft = (next: Draft | null) => {
    liveDraft.current = next;
    setDraft(next);
  };

  const { grid, placeOf } = useMemo(() => {
    const rows: (MapNode | undefined)[][] = Array.from({ length: sheet.rowCount }, () =>
      sheet.columns.map(() => undefined),
    );
    const place = new Map<string, Cell>();
    for (const c of sheet.cells) {
      rows[c.row]![c.column] = c.node;
      place.set(c.node.id, { column: c.column, row: c.row });
    }
    return { grid: rows, placeOf: place };
  }, [sheet]);

  // Where the draft is typed: in its speech's column, from the row of the card it started
  // from (or below it), down to the first free cell.
  const draftHere = draft && draft.sheet === sheetId ? draft : null;
  const draftPlace = useMemo((): Cell | null => {
    if (!draftHere) return null;
    if (draftHere.editing !== undefined) return placeOf.get(draftHere.editing) ?? null;
    const found = sheet.columns.findIndex((c) => c.id === draftHere.speech);
    const column = Math.max(0, found);
    const from = draftHere.from !== undefined ? placeOf.get(draftHere.from) : undefined;
    let row = from ? from.row + (draftHere.below ? 1 : 0) : (draftHere.row ?? sheet.rowCount);
    while (grid[row]?.[column] !== undefined) row++;
    return { column, row };
  }, [draftHere, placeOf, sheet, grid]);

  const rowCount = Math.max(
    sheet.rowCount,
    draftPlace ? draftPlace.row + 1 : 0,
    cell ? cell.row + 1 : 0,
    1,
  );
  const columnCount = sheet.columns.length;
  const selectedPlace = selectedId !== undefined ? placeOf.get(selectedId) : undefined;
  const cursor: Cell = draftPlace ?? selectedPlace ?? cell ?? { column: 0, row: 0 };
  const nodeAt = (at: Cell) => grid[at.row]?.[at.column];

  useLayoutEffect(() => {
    if (!wantFocus.current) return;
    wantFocus.current = false;
    if (draftPlace) {
      input.current?.focus();
      return;
    }
    table.current
      ?.querySelector<HTMLElement>(`[data-cell="${cursor.column}:${cursor.row}"] [data-card]`)
      ?.focus();
    if (
      !table.current?.contains(document.activeElement) ||
      document.activeElement === table.current
    )
      table.current
        ?.querySelector<HTMLElement>(`[data-cell="${cursor.column}:${cursor.row}"]`)
        ?.focus();
  });

  const moveTo = (at: Cell) => {
    wantFocus.current = true;
    const node = nodeAt(at);
    if (node) {
      setCell(null);
      store.getState().select([node.id]);
    } else {
      setCell(at);
      if (selectedId !== undefined) store.getState().select([]);
    }
  };

  const select = (id: string) => {
    wantFocus.current = true;
    setCell(null);
    store.getState().select([id]);
  };

  const say = (text: string) => store.getState().notify('info', text);

  /** A new argument on this sheet, in a speech, from the card `from` (or a cell). */
  const startDraft = (fields: Omit<Draft, 'sheet' | 'text'> & { text?: string }) => {
    wantFocus.current = true;
    replaceDraft({ sheet: sheetId, text: '', ...fields });
  };

  const sheetBearing = (speech: string) =>
    sheet.position
      ? { id: sheet.position.id, kind: sheetDefaultKind(sheet.position, speech, format) }
      : undefined;

  /** The next argument in the speech of `node`: below it, bearing on what it bears on. */
  const nextInSpeech = (node: MapNode) => {
    const arg = flags.arguments.get(node.id);
    if (!arg) return;
    const bearsOn =
      node.kind === 'position' ? sheetBearing(arg.speech.id) : bearsOnOf(map, node.id);
    startDraft({
      speech: arg.speech.id,
      bearsOn: bearsOn ?? sheetBearing(arg.speech.id),
      from: node.id,
      below: true,
    });
  };

  /** An answer to `node` (or a turn, an extension) in the speech where it is due. */
  const replyTo = (node: MapNode, kind: EdgeKind) => {
    const arg = flags.arguments.get(node.id);
    if (!arg) return;
    const side = kind === 'extends' ? arg.side : opponentOf(arg.side);
    const group = nextGroupOf(format, arg.group, side);
    const speech = group?.speeches[0];
    if (!speech) {
      say(`No later speech of the ${format.sideNames[side]} follows the ${arg.speech.id}.`);
      return;
    }
    startDraft({
      speech: speech.id,
      bearsOn: { id: node.id, kind },
      from: node.id,
      ...(kind === 'extends' ? { text: node.text } : {}),
    });
  };

  const back = (node: MapNode | undefined, at: Cell) => {
    const target = node ? bearsOnOf(map, node.id) : undefined;
    if (target && placeOf.has(target.id)) select(target.id);
    else moveTo({ column: Math.max(0, at.column - 1), row: at.row });
  };

  /** Commits the draft; returns the id of the card it made or edited, or null. */
  const commit = (current: Draft): string | null => {
    const text = current.text.trim();
    if (current.editing !== undefined) {
      const node = map.nodes.find((n) => n.id === current.editing);
      if (node && text !== '' && text !== node.text) store.getState().updateNode(node.id, { text });
      return node ? node.id : null;
    }
    if (text === '') return null;
    return addFlowArgument(store, {
      text,
      sheet: current.sheet,
      speech: current.speech,
      bearsOn: current.bearsOn,
      crossAppliedFrom: current.crossAppliedFrom,
    });
  };

  const onTypingKey = (
    event: ReactKeyboardEvent<HTMLTextAreaElement>,
    typed: Draft,
    setText: (text: string) => void,
  ) => {
    const field = event.currentTarget;
    // What is typed is kept by the card itself (a key re-renders the card, not the sheet).
    let current: Draft = { ...typed, text: field.value };
    // Shorthands expand at a space or Enter, before the key does anything else.
    if (event.key === ' ' || event.key === 'Enter') {
      const expanded = expandBeforeCaret(field.value, field.selectionStart, abbreviations);
      if (expanded && event.key === ' ') {
        event.preventDefault();
        const text = `${expanded.text.slice(0, expanded.caret)} ${expanded.text.slice(expanded.caret)}`;
        // The field is changed here and now, caret and all, so that the keys typed next land
        // after the expansion however fast they come; React then finds the value it would set.
        field.value = text;
        field.setSelectionRange(expanded.caret + 1, expanded.caret + 1);
        setText(text);
        return;
      }
      if (expanded) current = { ...current, text: expanded.text };
    }
    if (event.key === 'Enter' && event.shiftKey) return; // a new line in the card
    const action = flowAction(
      {
        key: event.key,
        shift: event.shiftKey,
        mod: event.ctrlKey || event.metaKey,
        alt: event.altKey,
      },
      true,
    );
    if (!action) return;
    event.preventDefault();
    event.stopPropagation();
    wantFocus.current = true;
    const id = commit(current);
    if (id === null || action === 'leave') {
      // Escape stops typing: what was typed is kept, an empty card is dropped.
      replaceDraft(null);
      if (id !== null) select(id);
      else if (current.from !== undefined && placeOf.has(current.from)) select(current.from);
      return;
    }
    if (action === 'nextInSpeech' && current.editing === undefined) {
      replaceDraft({
        sheet: current.sheet,
        speech: current.speech,
        text: '',
        bearsOn: current.bearsOn ?? sheetBearing(current.speech),
        from: id,
        below: true,
      });
      return;
    }
    replaceDraft(null);
    const node = store.getState().map.nodes.find((n) => n.id === id);
    if (!node) return;
    if (action === 'answer') {
      const made = groupOfSpeech(format, current.speech);
      const group = made ? nextGroupOf(format, made, opponentOf(made.side)) : undefined;
      const speech = group?.speeches[0];
      if (!speech) {
        say(`No later speech answers the ${current.speech}.`);
        select(id);
        return;
      }
      replaceDraft({
        sheet: current.sheet,
        speech: speech.id,
        text: '',
        bearsOn: { id, kind: 'rebuttal' },
        from: id,
      });
    } else if (action === 'back') {
      const target = current.bearsOn?.id;
      if (target !== undefined && placeOf.has(target)) select(target);
      else select(id);
    } else {
      select(id);
    }
  };

  const onKey = (event: ReactKeyboardEvent<HTMLTableElement>) => {
    if (event.target === input.current) return;
    const action: FlowAction | undefined = flowAction(
      {
        key: event.key,
        shift: event.shiftKey,
        mod: event.ctrlKey || event.metaKey,
        alt: event.altKey,
      },
      false,
    );
    if (!action || action === 'leave') return;
    const at = cursor;
    const node = nodeAt(at);
    const move = (dc: number, dr: number) => {
      const column = Math.min(columnCount - 1, Math.max(0, at.column + dc));
      const row = Math.min(rowCount, Math.max(0, at.row + dr));
      moveTo({ column, row });
    };
    // Tab and Shift+Tab from an empty cell at the sheet's edge leave the sheet, as they would
    // anywhere else: the grid is no keyboard trap.
    const target = node ? bearsOnOf(map, node.id) : undefined;
    if (!node && action === 'answer' && at.column === columnCount - 1) return;
    if (action === 'back' && at.column === 0 && !(target && placeOf.has(target.id))) return;
    event.preventDefault();
    event.stopPropagation();
    switch (action) {
      case 'up':
        return move(0, -1);
      case 'down':
        return move(0, 1);
      case 'left':
        return move(-1, 0);
      case 'right':
        return move(1, 0);
      case 'back':
        return back(node, at);
      default:
        break;
    }
    if (!editable) {
      say('This is the flow as of an earlier speech; choose the whole round to flow on.');
      return;
    }
    if (!node) {
      const speech = sheet.columns[at.column]!.id;
      if (action === 'nextInSpeech') {
        if (!sheet.position) return say('Arguments are flowed on a sheet: choose a sheet’s tab.');
        startDraft({ speech, bearsOn: sheetBearing(speech), row: at.row });
      } else if (action === 'answer') move(1, 0);
      return;
    }
    switch (action) {
      case 'nextInSpeech':
        return nextInSpeech(node);
      case 'answer':
        return replyTo(node, 'rebuttal');
      case 'turn':
        return replyTo(node, 'turns');
      case 'extend':
        return replyTo(node, 'extends');
      case 'crossApply':
        return onCrossApply(node);
      case 'edit':
        wantFocus.current = true;
        replaceDraft({
          sheet: sheetId,
          speech: flags.arguments.get(node.id)?.speech.id ?? sheet.columns[at.column]!.id,
          text: node.text,
          editing: node.id,
          from: node.id,
        });
        return;
      case 'crossOut': {
        if (node.kind !== 'claim') return say('A sheet is not crossed out; its arguments are.');
        if (node.conceded !== undefined) {
          if (crossOut(store, node.id, null)) say(`Restored “${node.text}”.`);
          return;
        }
        const speech = crossOutSpeech(node);
        if (speech && crossOut(store, node.id, speech))
          say(`Crossed out “${node.text}” in the ${speech}.`);
        return;
      }
      default:
        return;
    }
  };

  const title = sheet.position ? sheet.position.text : 'Arguments on no sheet';
  const rows = Array.from({ length: rowCount }, (_, r) => r);
  return (
    <div className="cm-flow__scroll">
      <table
        ref={table}
        className="cm-flow__sheet"
        role="grid"
        aria-label={`Sheet: ${title}`}
        aria-describedby="cm-flow-keys"
        onKeyDown={onKey}
      >
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
          {rows.map((r) => (
            <tr key={r}>
              {sheet.columns.map((speech, c) => {
                const node = grid[r]?.[c];
                const here = cursor.column === c && cursor.row === r;
                const typing = draftPlace && draftPlace.column === c && draftPlace.row === r;
                return (
                  <td
                    key={speech.id}
                    className={`cm-flow__speech--${speech.side}${here ? ' is-cursor' : ''}`}
                    data-cell={`${c}:${r}`}
                    tabIndex={!node && !typing ? (here ? 0 : -1) : undefined}
                    aria-label={!node && !typing ? `${speech.id}, empty` : undefined}
                    onClick={() => {
                      if (!node && !typing) moveTo({ column: c, row: r });
                    }}
                  >
                    {typing && draftHere ? (
                      <DraftCard
                        key={draftKey(draftHere)}
                        draft={draftHere}
                        inputRef={input}
                        map={map}
                        onKeyDown={(event, setText) => onTypingKey(event, draftHere, setText)}
                        onBlur={(text) => {
                          // Clicking away keeps what was typed: it is committed, not lost.
                          if (liveDraft.current !== draftHere) return;
                          const id = commit({ ...draftHere, text });
                          replaceDraft(null);
                          if (id !== null) store.getState().select([id]);
                        }}
                      />
                    ) : (
                      node && (
                        <FlowCard
                          node={node}
                          flags={flagWords(node.id, flags, map)}
                          crossed={flags.conceded.has(node.id)}
                          selected={selectedId === node.id}
                          tabbable={here}
                          onChoose={() => select(node.id)}
                        />
                      )
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// Each draft gets a field of its own, so a new card never starts with the last one's text.
const draftKeys = new WeakMap<Draft, number>();
let draftSerial = 0;
function draftKey(draft: Draft): number {
  let key = draftKeys.get(draft);
  if (key === undefined) draftKeys.set(draft, (key = ++draftSerial));
  return key;
}

function DraftCard({
  draft,
  inputRef,
  map,
  onKeyDown,
  onBlur,
}: {
  draft: Draft;
  inputRef: React.RefObject<HTMLTextAreaElement | null>;
  map: ClashMap;
  onKeyDown: (
    event: ReactKeyboardEvent<HTMLTextAreaElement>,
    setText: (text: string) => void,
  ) => void;
  onBlur: (text: string) => void;
}) {
  // The text is the card's own state while it is typed: a key re-renders this field only,
  // not the sheet around it (a full round has hundreds of cards).
  const [text, setText] = useState(draft.text);
  const target = draft.bearsOn && map.nodes.find((n) => n.id === draft.bearsOn!.id);
  const crossed = draft.crossAppliedFrom
    ? map.nodes.find((n) => n.id === draft.crossAppliedFrom)
    : undefined;
  const label =
    draft.editing !== undefined
      ? 'Edit the card'
      : crossed
        ? `${draft.speech}: cross-apply “${crossed.text}”`
        : target && target.kind === 'claim'
          ? `${draft.speech}: ${relationKind(draft.bearsOn!.kind).names.adjective} “${target.text}”`
          : `${draft.speech}: new argument`;
  return (
    <textarea
      ref={inputRef}
      className="cm-flow-card cm-flow-card--draft"
      aria-label={label}
      // The card grows with its text, as a card written on paper would.
      rows={Math.min(8, Math.max(2, Math.ceil(text.length / 16)))}
      value={text}
      autoFocus
      onChange={(event) => setText(event.target.value)}
      onKeyDown={(event) => onKeyDown(event, setText)}
      onBlur={(event) => onBlur(event.currentTarget.value)}
      onFocus={(event) => {
        const end = event.currentTarget.value.length;
        if (draft.editing !== undefined || draft.bearsOn?.kind === 'extends')
          event.currentTarget.select();
        else event.currentTarget.setSelectionRange(end, end);
      }}
    />
  );
}

function FlowCard({
  node,
  flags,
  crossed,
  selected,
  tabbable,
  onChoose,
}: {
  node: MapNode;
  flags: string[];
  crossed: boolean;
  selected: boolean;
  tabbable: boolean;
  onChoose: () => void;
}) {
  return (
    <button
      type="button"
      data-card={node.id}
      className={`cm-flow-card${crossed ? ' cm-flow-card--crossed' : ''}${node.kind === 'position' ? ' cm-flow-card--sheet' : ''}`}
      aria-pressed={selected}
      tabIndex={tabbable ? 0 : -1}
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
