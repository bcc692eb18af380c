import { runCli, type CliIo } from '../../../src/cli/main';

/**
 * Runs the CLI against files held in memory (a path ending in "/" is a folder); returns the
 * exit code and what it printed.
 */
export function runInMemory(argv: string[], files: Record<string, string | Uint8Array> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    readFile: (path) => {
      if (path.endsWith('/')) throw Object.assign(new Error(`EISDIR: ${path}`), { code: 'EISDIR' });
      const content = files[path];
      if (content === undefined) {
        throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
      }
      return typeof content === 'string' ? new TextEncoder().encode(content) : content;
    },
  };
  const code = runCli(argv, io);
  return { code, out, err };
}
