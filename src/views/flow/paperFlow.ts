import { flowGrid } from '../../layout/flowGrid';
import type { Side } from '../../model/debateFormats';
import { roundFlags } from '../../model/flow';
import type { ClashMap } from '../../model/map';
import { formatOfMap } from '../../model/round';
import { flagWords } from './flowWords';

/**
 * The round as paper flow sheets, for printing and for a spreadsheet: one sheet per position,
 * a column per speech (aff's and neg's told apart), each card in the row of what it answers,
 * with its flags in words and whether it was crossed out. Pure, so the spreadsheet's layout is
 * tested without a spreadsheet library.
 */
export interface PaperCell {
  readonly text: string;
  readonly flags: readonly string[];
  readonly crossed: boolean;
  /** The sheet's own heading card (the position). */
  readonly heading: boolean;
}

export interface PaperSheet {
  /** The sheet's title: its position's text. */
  readonly title: string;
  /** A name a spreadsheet accepts for its tab: short, unique, none of : \ / ? * [ ]. */
  readonly tabName: string;
  readonly side: Side | undefined;
  readonly columns: readonly { readonly id: string; readonly name: string; readonly side: Side }[];
  readonly rows: readonly (readonly (PaperCell | null)[])[];
}

export interface PaperFlow {
  readonly title: string;
  /** "Policy: Lincoln AB (Affirmative) v Roosevelt CD (Negative)". */
  readonly subtitle: string;
  readonly sheets: readonly PaperSheet[];
}

/** The longest tab name a spreadsheet takes. */
const TAB_NAME_LENGTH = 31;

/** A tab name for `name` that a spreadsheet accepts and that no tab in `taken` has yet. */
export function tabNameFor(name: string, taken: Set<string>): string {
  const clean = name
    .replace(/[:\\/?*[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'|'$/g, '');
  const base = (clean === '' ? 'Sheet' : clean).slice(0, TAB_NAME_LENGTH).trim();
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    candidate = `${base.slice(0, TAB_NAME_LENGTH - suffix.length).trim()}${suffix}`;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** The map's round as paper flow sheets. */
export function paperFlow(map: ClashMap): PaperFlow {
  const format = formatOfMap(map);
  const flags = roundFlags(map);
  const taken = new Set<string>();
  const sheets = flowGrid(map, flags).map((sheet): PaperSheet => {
    const rows: (PaperCell | null)[][] = Array.from({ length: sheet.rowCount }, () =>
      sheet.columns.map(() => null),
    );
    for (const cell of sheet.cells) {
      rows[cell.row]![cell.column] = {
        text: cell.node.text,
        flags: flagWords(cell.node.id, flags, map),
        crossed: flags.conceded.has(cell.node.id),
        heading: cell.node === sheet.position,
      };
    }
    const title = sheet.position ? sheet.position.text : 'Arguments on no sheet';
    return {
      title,
      tabName: tabNameFor(title, taken),
      side: sheet.side,
      columns: sheet.columns.map((s) => ({ id: s.id, name: s.name, side: s.side })),
      rows,
    };
  });
  const team = (side: Side) => {
    const name = map.round?.[side];
    return name ? `${name} (${format.sideNames[side]})` : format.sideNames[side];
  };
  return { title: map.title, subtitle: `${format.name}: ${team('aff')} v ${team('neg')}`, sheets };
}
