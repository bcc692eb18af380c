import { readFileSync } from 'node:fs';
import { decodeMapBytes } from '../io/decode';
import { mapToCards } from '../io/cards';
import { exportFormats, guessImportFormat, importFormats } from '../io/formats/registry';
import type { ExportResult, Loss } from '../io/formats/types';
import { parseMap } from '../io/parse';
import { parseErrorLines } from '../io/parseError';
import { formatIssue } from '../model/issue';
import type { ClashMap } from '../model/map';
import { evaluateCommand } from './evaluateCommand';

export const USAGE = `Usage:
  clashmap validate FILE…            check map files; exit 1 if any is invalid
  clashmap convert FILE --to FORMAT [--from FORMAT]
                                     convert a map; what was not carried over goes to stderr
                                     writes: ${[...exportFormats().map((f) => f.id), 'cards'].join(', ')}
                                     reads:  ${importFormats()
                                       .map((f) => f.id)
                                       .join(', ')} (guessed from the file when --from is left out)
  clashmap evaluate FILE [--assume ID=stands|falls]…  say which nodes stand or fall, and why`;

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
function load(path: string, io: CliIo): Loaded {
  let bytes: Uint8Array;
  try {
    bytes = io.readFile(path);
  } catch (error) {
    return { ok: false, lines: [`cannot read: ${readFailure(error)}`] };
  }
  const decoded = decodeMapBytes(bytes);
  const result = decoded.ok ? parseMap(decoded.text) : decoded;
  return result.ok ? result : { ok: false, lines: parseErrorLines(result.error) };
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
  const from = option('--from');
  const taken = new Set([to?.at, to && to.at + 1, from?.at, from && from.at + 1]);
  const files = args.filter((_, i) => !taken.has(i));
  if (files.length !== 1 || !to?.value)
    return usageError(io, 'convert needs one FILE and --to FORMAT');
  if (!exportIds().includes(to.value)) {
    return usageError(io, `cannot write "${to.value}"; formats: ${exportIds().join(', ')}`);
  }
  if (from && (!from.value || !importIds().includes(from.value))) {
    return usageError(io, `cannot read "${from.value ?? ''}"; formats: ${importIds().join(', ')}`);
  }
  const file = files[0]!;
  let text: string;
  try {
    const decoded = decodeMapBytes(io.readFile(file));
    if (!decoded.ok) {
      for (const line of parseErrorLines(decoded.error)) io.err(`${file}: ${line}`);
      return 1;
    }
    text = decoded.text;
  } catch (error) {
    io.err(`${file}: cannot read: ${readFailure(error)}`);
    return 1;
  }
  const source = from?.value ?? guessImportFormat(file, text) ?? 'clashmap';
  if (source === 'clashmap') {
    const result = parseMap(text);
    if (!result.ok) {
      for (const line of parseErrorLines(result.error)) io.err(`${file}: ${line}`);
      return 1;
    }
    return writeOut(result.map, to.value, file, io);
  }
  // Other tools' formats are read by importers that may load their parser lazily.
  const importer = importFormats().find((f) => f.id === source)!.import!;
  return importer(text).then((result) => {
    if (!result.ok) {
      for (const issue of result.errors) io.err(`${file}: ${formatIssue(issue)}`);
      return 1;
    }
    printLosses(io, file, result.losses);
    return writeOut(result.value, to.value!, file, io);
  });
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

const isMain =
  process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain) {
  void Promise.resolve(
    runCli(process.argv.slice(2), {
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
      readFile: (path) => readFileSync(path),
    }),
  ).then((code) => {
    process.exitCode = code;
  });
}
