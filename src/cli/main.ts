import { readFileSync } from 'node:fs';
import { decodeMapBytes } from '../io/decode';
import { mapToMarkdown } from '../io/markdown';
import { parseMap, type ParseResult } from '../io/parse';
import { parseErrorLines } from '../io/parseError';
import { formatIssue } from '../model/issue';

const USAGE = `Usage:
  clashmap validate FILE…            check map files; exit 1 if any is invalid
  clashmap convert FILE --to markdown print the map as an outline`;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  readFile: (path: string) => Uint8Array;
}

function load(path: string, io: CliIo): ParseResult {
  let bytes: Uint8Array;
  try {
    bytes = io.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : String(error);
    return {
      ok: false,
      error: { kind: 'badEncoding', issues: [{ path: '', message: `cannot read: ${reason}` }] },
    };
  }
  const decoded = decodeMapBytes(bytes);
  return decoded.ok ? parseMap(decoded.text) : decoded;
}

function validate(files: string[], io: CliIo): number {
  if (files.length === 0) {
    io.err('validate needs at least one FILE');
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    const result = load(file, io);
    if (result.ok) {
      const { nodes, edges } = result.map;
      io.out(`${file}: valid (${nodes.length} nodes, ${edges.length} edges)`);
      continue;
    }
    failed++;
    const [headline, ...details] = parseErrorLines(result.error);
    io.err(`${file}: ${headline}`);
    for (const issue of result.error.issues) io.err(`${file}: ${formatIssue(issue)}`);
    void details;
  }
  return failed > 0 ? 1 : 0;
}

const CONVERTERS: Record<string, (map: Parameters<typeof mapToMarkdown>[0]) => string> = {
  markdown: mapToMarkdown,
};

function convert(args: string[], io: CliIo): number {
  const toAt = args.indexOf('--to');
  const format = toAt >= 0 ? args[toAt + 1] : undefined;
  const files = args.filter((_, i) => i !== toAt && i !== toAt + 1);
  if (files.length !== 1 || !format) {
    io.err('convert needs one FILE and --to FORMAT');
    return 2;
  }
  const converter = CONVERTERS[format];
  if (!converter) {
    io.err(`unknown format "${format}"; known formats: ${Object.keys(CONVERTERS).join(', ')}`);
    return 2;
  }
  const result = load(files[0]!, io);
  if (!result.ok) {
    for (const line of parseErrorLines(result.error)) io.err(`${files[0]}: ${line}`);
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
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    default:
      io.err(`unknown command "${command}"\n${USAGE}`);
      return 2;
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
