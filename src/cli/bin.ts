import { readFileSync } from 'node:fs';
import { runCli } from './main';

// The command line's entry point: runs the command that process.argv names, with the real
// terminal and files, and leaves its exit code in process.exitCode.
void Promise.resolve(
  runCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    readFile: (path) => readFileSync(path),
  }),
).then((code) => {
  process.exitCode = code;
});
