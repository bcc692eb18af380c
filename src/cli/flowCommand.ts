import { flowGrid, type FlowSheet } from '../layout/flowGrid';
import { nextGroupOf, opponentOf, type DebateFormat } from '../model/debateFormats';
import { roundFlags, type FlowArgument, type RoundFlags } from '../model/flow';
import type { ClashMap } from '../model/map';
import { relationKind } from '../model/relations/registry';
import type { CliIo } from './main';

/** What main.ts lends this command, so that loading and usage errors read the same everywhere. */
export interface FlowHelpers {
  load: (path: string, io: CliIo) => { ok: true; map: ClashMap } | { ok: false; lines: string[] };
  usageError: (io: CliIo, problem?: string) => number;
}

const LISTS = ['--dropped', '--extended', '--new'] as const;
type ListOption = (typeof LISTS)[number];
const isList = (arg: string): arg is ListOption => (LISTS as readonly string[]).includes(arg);

const DEFAULT_WIDTH = 160;
const MIN_COLUMN = 10;

type Parsed =
  | { ok: true; file: string; lists: ListOption[]; asOf?: string; width: number }
  | { ok: false; problem: string };

function parseArgs(args: string[]): Parsed {
  const files: string[] = [];
  const lists: ListOption[] = [];
  let asOf: string | undefined;
  let width = DEFAULT_WIDTH;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (isList(arg)) {
      if (!lists.includes(arg)) lists.push(arg);
    } else if (arg === '--as-of') {
      asOf = args[++i];
      if (asOf === undefined) return { ok: false, problem: '--as-of needs a speech, e.g. 1AR' };
    } else if (arg === '--width') {
      const value = Number(args[++i]);
      if (!Number.isInteger(value) || value < 40)
        return { ok: false, problem: '--width needs a whole number of characters, 40 or more' };
      width = value;
    } else if (arg.startsWith('-') && arg !== '-') {
      return { ok: false, problem: `unknown option "${arg}"` };
    } else files.push(arg);
  }
  if (files.length !== 1) return { ok: false, problem: 'flow needs one FILE' };
  return { ok: true, file: files[0]!, lists, ...(asOf !== undefined ? { asOf } : {}), width };
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Text cut into lines of at most `width` characters, at spaces where it can be. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of oneLine(text).split(' ')) {
    let rest = word;
    while (rest.length > width) {
      if (line !== '') {
        lines.push(line);
        line = '';
      }
      lines.push(rest.slice(0, width - 1) + '-');
      rest = rest.slice(width - 1);
    }
    if (line === '') line = rest;
    else if (line.length + 1 + rest.length <= width) line += ` ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

function tags(
  id: string,
  flags: RoundFlags,
  crossApplied: ReadonlyMap<string, string[]>,
): string[] {
  const out: string[] = [];
  for (const from of crossApplied.get(id) ?? []) out.push(`cross-applies [${from}]`);
  if (flags.dropped.has(id)) out.push('dropped');
  if (flags.extended.has(id)) out.push('extended');
  const conceded = flags.conceded.get(id);
  if (conceded) out.push(`crossed out ${conceded.speech.id}`);
  if (flags.newInLastRebuttal.has(id)) out.push('new');
  return out;
}

function sideName(format: DebateFormat, side: 'aff' | 'neg' | undefined): string {
  return side === undefined ? 'no side' : format.sideNames[side];
}

/** One sheet as a table: a heading, the speeches across, and each card under its speech. */
function sheetLines(
  sheet: FlowSheet,
  flags: RoundFlags,
  width: number,
  crossApplied: ReadonlyMap<string, string[]>,
): string[] {
  const { format } = flags;
  const title = sheet.position ? oneLine(sheet.position.text) : 'Arguments on no sheet';
  const opened = sheet.position ? flags.arguments.get(sheet.position.id)?.speech : undefined;
  const about = [sideName(format, sheet.side), ...(opened ? [opened.id] : [])].join(', ');
  const heading = sheet.position ? `== ${title} (${about}) ==` : `== ${title} ==`;
  const columns = sheet.columns.length;
  const column = Math.max(MIN_COLUMN, Math.floor((width - 3 * (columns - 1)) / columns));
  const pad = (text: string) => text + ' '.repeat(Math.max(0, column - text.length));
  const join = (cells: string[]) => cells.map(pad).join(' | ').trimEnd();
  const lines = [
    heading,
    join(sheet.columns.map((c) => c.id)),
    join(sheet.columns.map(() => '-'.repeat(column))),
  ];
  const rowCells = new Map<number, Map<number, string[]>>();
  for (const cell of sheet.cells) {
    const text = wrap(cell.node.text, column);
    const marks = tags(cell.node.id, flags, crossApplied);
    if (marks.length > 0) text.push(...wrap(`[${marks.join(', ')}]`, column));
    const row = rowCells.get(cell.row) ?? new Map<number, string[]>();
    row.set(cell.column, text);
    rowCells.set(cell.row, row);
  }
  for (let row = 0; row < sheet.rowCount; row++) {
    const cells = rowCells.get(row);
    if (!cells) continue;
    const height = Math.max(...[...cells.values()].map((c) => c.length));
    for (let line = 0; line < height; line++)
      lines.push(join(sheet.columns.map((_, c) => cells.get(c)?.[line] ?? '')));
    lines.push('');
  }
  if (sheet.cells.length === 0) lines.push('(nothing flowed on this sheet yet)', '');
  return lines;
}

/** Where the other side's answer to an argument was due, in words. */
function dueWords(arg: FlowArgument, format: DebateFormat): string {
  const due = nextGroupOf(format, arg.group, opponentOf(arg.side));
  return due ? `answer due in ${due.name}` : 'no answer due (the last speech)';
}

function listLines(option: ListOption, flags: RoundFlags, map: ClashMap): string[] {
  const { format } = flags;
  const textOf = (id: string | undefined) =>
    id === undefined ? undefined : map.nodes.find((n) => n.id === id)?.text;
  const entries: { arg: FlowArgument; extra?: string }[] =
    option === '--dropped'
      ? [...flags.dropped.values()].map((d) => ({
          arg: d.argument,
          ...(d.lateAnswers.length > 0
            ? { extra: `answered too late by ${d.lateAnswers.map((id) => `[${id}]`).join(', ')}` }
            : {}),
        }))
      : option === '--extended'
        ? [...flags.extended.values()].map((e) => ({
            arg: e.argument,
            extra: `extended in ${e.into.name} by ${e.by.map((id) => `[${id}]`).join(', ')}`,
          }))
        : [...flags.newInLastRebuttal.values()].map((n) => ({ arg: n.argument }));
  const heading = {
    '--dropped': 'Dropped',
    '--extended': 'Extended',
    '--new': 'New in the last rebuttal',
  }[option];
  const lines = [`${heading} (${entries.length})`];
  for (const { arg, extra } of entries) {
    const sheet = textOf(arg.sheet);
    const parts = [
      `sheet ${sheet === undefined ? '(none)' : `“${oneLine(sheet)}”`}`,
      sideName(format, arg.side),
      `made in the ${arg.speech.id}`,
      dueWords(arg, format),
      ...(extra ? [extra] : []),
    ];
    lines.push(`  [${arg.node.id}] “${oneLine(arg.node.text)}” — ${parts.join(', ')}`);
  }
  return lines;
}

/** `clashmap flow FILE [--dropped] [--extended] [--new] [--as-of SPEECH] [--width N]`. */
export function flowCommand(args: string[], io: CliIo, helpers: FlowHelpers): number {
  const parsed = parseArgs(args);
  if (!parsed.ok) return helpers.usageError(io, parsed.problem);
  const { file } = parsed;
  const loaded = helpers.load(file, io);
  if (!loaded.ok) {
    for (const line of loaded.lines) io.err(`${file}: ${line}`);
    return 1;
  }
  const map = loaded.map;
  let flags: RoundFlags;
  try {
    flags = roundFlags(map, parsed.asOf);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return helpers.usageError(io, `--as-of: ${error.message}`);
  }
  if (flags.arguments.size === 0) {
    io.err(
      `${file}: holds no round: no node says which speech it was made in (see docs/file-format.md, Round)`,
    );
    return 1;
  }
  const format = flags.format;
  const lines: string[] = [];
  const teams =
    map.round?.aff || map.round?.neg
      ? ` — ${map.round.aff ?? format.sideNames.aff} v. ${map.round.neg ?? format.sideNames.neg}`
      : '';
  const asOf = flags.asOf ? `, as of the ${flags.asOf.id}` : '';
  lines.push(`${oneLine(map.title)} (${format.name}${asOf})${teams}`, '');
  if (parsed.lists.length === 0) {
    // A card that stands for an argument from another sheet names it: "cross-applies [id]".
    const crossApplied = new Map<string, string[]>();
    for (const edge of map.edges) {
      if (relationKind(edge.kind).flow !== 'crossApplication') continue;
      crossApplied.set(edge.to, [...(crossApplied.get(edge.to) ?? []), edge.from]);
    }
    for (const sheet of flowGrid(map, flags))
      lines.push(...sheetLines(sheet, flags, parsed.width, crossApplied));
  } else {
    parsed.lists.forEach((option, i) => {
      if (i > 0) lines.push('');
      lines.push(...listLines(option, flags, map));
    });
  }
  while (lines.at(-1) === '') lines.pop();
  for (const line of lines) io.out(line);
  return 0;
}
