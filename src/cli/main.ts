import { readFileSync } from 'node:fs';
import { decodeMapBytes } from '../io/decode';
import { mapToMarkdown } from '../io/markdown';
import { parseMap } from '../io/parse';
import { parseErrorLines } from '../io/parseError';
import type { ClashMap } from '../model/map';
import { evaluateCommand } from './evaluateCommand';

export const USAGE = `Usage:
  clashmap validate FILE…            check map files; exit 1 if any is invalid
  clashmap convert FILE --to markdown print the map as an outline
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

const CONVERTERS: Record<string, (map: ClashMap) => string> = {
  markdown: mapToMarkdown,
};

function convert(args: string[], io: CliIo): number {
  const toAt = args.indexOf('--to');
  const format = toAt >= 0 ? args[toAt + 1] : undefined;
  const files = args.filter((_, i) => i !== toAt && i !== toAt + 1);
  if (files.length !== 1 || !format)
    return usageError(io, 'convert needs one FILE and --to FORMAT');
  const converter = CONVERTERS[format];
  if (!converter) {
    const known = Object.keys(CONVERTERS).join(', ');
    return usageError(io, `unknown format "${format}"; known formats: ${known}`);
  }
  const result = load(files[0]!, io);
  if (!result.ok) {
    for (const line of result.lines) io.err(`${files[0]}: ${line}`);
    return 1;
  }
  io.out(converter(result.map).trimEnd());
  return 0;
}

/** Runs one CLI command and returns its exit code: 0 success, 1 invalid input, 2 bad usage. */
export function runCli(argv: string[], io: CliIo): number {
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
  process.exitCode = runCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    readFile: (path) => readFileSync(path),
  });
}
