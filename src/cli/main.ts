import { mapToCards } from '../io/cards';
import { exportFormats, importFormats } from '../io/formats/registry';
import type { ExportResult, Loss } from '../io/formats/types';
import {
  openBytes,
  openErrorLines,
  openMapBytes,
  type OpenFormatId,
  type OpenResult,
} from '../io/openBytes';
import { formatIssue } from '../model/issue';
import type { ClashMap } from '../model/map';
import { compareCommand } from './compareCommand';
import { evaluateCommand } from './evaluateCommand';
import { flowCommand } from './flowCommand';
import { roomCommand } from './roomCommand';

export const USAGE = `Usage:
  clashmap validate FILE…            check map files (or SVGs Clashmap exported); exit 1 if any is invalid
  clashmap convert FILE --to FORMAT [--from FORMAT]
                                     convert a map; what was not carried over goes to stderr
                                     writes: ${[...exportFormats().map((f) => f.id), 'cards'].join(', ')}
                                     reads:  ${importFormats()
                                       .map((f) => f.id)
                                       .join(', ')} (guessed from the file when --from is left out)
  clashmap evaluate FILE [--assume ID=stands|falls]…  say which nodes stand or fall, and why
  clashmap flow FILE [--as-of SPEECH] [--width N]   print a round's sheets, a column per speech
  clashmap flow FILE --dropped|--extended|--new     list the arguments dropped, extended or new
                                     in the last rebuttal: sheet, side, speech made, answer due
  clashmap compare MODEL STUDENT… [--json | --csv] [--threshold N] [--settings FILE]
                                     each student's map against the model: matched, missing and
                                     extra claims, relation differences, positions judged
                                     differently, scores; the teacher's MODEL.compare.json is used
                                     when it is there
  clashmap room create FILE --server URL   make a class room on a class server (npm run serve)
                                     from a map; prints the teacher, edit and view links
  clashmap room export LINK          print a room's current map as a .clashmap.json`;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  readFile: (path: string) => Uint8Array;
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function usageError(io: CliIo, problem?: string): number {
  if (problem) io.err(problem);
  io.err(USAGE);
  return 2;
}

function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder';
  return error instanceof Error ? error.message : String(error);
}

type Loaded = { ok: true; map: ClashMap } | { ok: false; lines: string[] };

// A file that cannot be read is not a parse error: saying "not UTF-8 text" about a missing file
// would send the user looking in the wrong place.
function readBytes(
  path: string,
  io: CliIo,
): { ok: true; bytes: Uint8Array } | { ok: false; lines: string[] } {
  try {
    return { ok: true, bytes: io.readFile(path) };
  } catch (error) {
    return { ok: false, lines: [`cannot read: ${readFailure(error)}`] };
  }
}

/** A map file (Clashmap JSON, or an SVG that Clashmap exported), read the way the app opens it. */
function load(path: string, io: CliIo): Loaded {
  const read = readBytes(path, io);
  if (!read.ok) return read;
  const result = openMapBytes(read.bytes);
  return result.ok ? result : { ok: false, lines: openErrorLines(result.error) };
}

function validate(files: string[], io: CliIo): number {
  if (files.length === 0) return usageError(io, 'validate needs at least one FILE');
  let failed = 0;
  for (const file of files) {
    const result = load(file, io);
    if (result.ok) {
      const { nodes, edges } = result.map;
      io.out(`${file}: valid (${count(nodes.length, 'node')}, ${count(edges.length, 'edge')})`);
      continue;
    }
    failed++;
    for (const line of result.lines) io.err(`${file}: ${line}`);
  }
  return failed > 0 ? 1 : 0;
}

// Formats only the command line writes, beside those of the format registry.
const CLI_EXPORTS: Record<string, (map: ClashMap) => ExportResult> = {
  cards: (map) => ({ ok: true, value: mapToCards(map), losses: [] }),
};

const exportIds = () => [...exportFormats().map((f) => f.id), ...Object.keys(CLI_EXPORTS)];
const importIds = (): string[] => importFormats().map((f) => f.id);

function printLosses(io: CliIo, file: string, losses: readonly Loss[]): void {
  for (const loss of losses) {
    const where = loss.path ? ` (${loss.path})` : '';
    const times = loss.count > 1 ? ` [${loss.count}×]` : '';
    io.err(`${file}: not carried over: ${loss.message}${where}${times}`);
  }
}

function writeOut(map: ClashMap, to: string, file: string, io: CliIo): number {
  const exporter = CLI_EXPORTS[to] ?? exportFormats().find((f) => f.id === to)?.export;
  const result = exporter!(map);
  if (!result.ok) {
    for (const issue of result.errors) io.err(`${file}: ${formatIssue(issue)}`);
    return 1;
  }
  printLosses(io, file, result.losses);
  io.out(result.value.trimEnd());
  return 0;
}

function convert(args: string[], io: CliIo): number | Promise<number> {
  const option = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? { at, value: args[at + 1] } : null;
  };
  const to = option('--to');
  const fromOption = option('--from');
  const taken = new Set([to?.at, to && to.at + 1, fromOption?.at, fromOption && fromOption.at + 1]);
  const files = args.filter((_, i) => !taken.has(i));
  if (files.length !== 1 || !to?.value)
    return usageError(io, 'convert needs one FILE and --to FORMAT');
  if (!exportIds().includes(to.value)) {
    return usageError(io, `cannot write "${to.value}"; formats: ${exportIds().join(', ')}`);
  }
  if (fromOption && (!fromOption.value || !importIds().includes(fromOption.value))) {
    return usageError(
      io,
      `cannot read "${fromOption.value ?? ''}"; formats: ${importIds().join(', ')}`,
    );
  }
  const file = files[0]!;
  const read = readBytes(file, io);
  if (!read.ok) {
    for (const line of read.lines) io.err(`${file}: ${line}`);
    return 1;
  }
  const write = (result: OpenResult): number => {
    if (!result.ok) {
      for (const line of openErrorLines(result.error)) io.err(`${file}: ${line}`);
      return 1;
    }
    printLosses(io, file, result.losses);
    return writeOut(result.map, to.value!, file, io);
  };
  // The registry's readable formats are all formats openBytes reads (checked above).
  const from = fromOption?.value as OpenFormatId | undefined;
  const opened = openBytes(file, read.bytes, from ? { from } : {});
  // Other tools' formats are read by importers that may load their parser lazily.
  return opened instanceof Promise ? opened.then(write) : write(opened);
}

/** Runs one CLI command and returns its exit code: 0 success, 1 invalid input, 2 bad usage. */
export function runCli(argv: string[], io: CliIo): number | Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      return validate(rest, io);
    case 'convert':
      return convert(rest, io);
    case 'evaluate':
      return evaluateCommand(rest, io, { load, usageError });
    case 'flow':
      return flowCommand(rest, io, { load, usageError });
    case 'compare':
      return compareCommand(rest, io, { load, usageError });
    case 'room':
      return roomCommand(rest, io, usageError);
    case undefined:
      return usageError(io);
    case '--help':
    case '-h':
    case 'help':
      io.out(USAGE);
      return 0;
    default:
      return usageError(io, `unknown command "${command}"`);
  }
}

// Run as a program (`npx tsx src/cli/main.ts …`): bin.ts runs the command line. The compiled
// CLI (`npm run clashmap`, see scripts/clashmap.mjs) starts from bin.ts itself.
const isMain =
  process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain) void import('./bin');
