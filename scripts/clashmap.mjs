// `npm run clashmap -- …`: the command line (src/cli) as compiled JavaScript. Compiling
// TypeScript on every run (tsx) took most of a command's time, so the CLI is bundled once with
// Rolldown into .tmp/cli/ (git-ignored) and rebuilt here, before it runs, whenever one of the
// source files it was built from has changed since: a fresh clone builds it on first use.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, '.tmp/cli');
const BUNDLE = join(OUT_DIR, 'clashmap.mjs');
/** The source files the bundle was built from, relative to ROOT. */
const INPUTS = join(OUT_DIR, 'inputs.json');
/** What decides the bundle besides its sources. */
const SETTINGS = ['scripts/clashmap.mjs', 'package.json', 'tsconfig.json'];

function isStale() {
  if (!existsSync(BUNDLE) || !existsSync(INPUTS)) return true;
  const built = statSync(BUNDLE).mtimeMs;
  const inputs = JSON.parse(readFileSync(INPUTS, 'utf8'));
  return [...inputs, ...SETTINGS].some((file) => {
    const path = join(ROOT, file);
    return !existsSync(path) || statSync(path).mtimeMs > built;
  });
}

function dependencies() {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  return Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
}

async function buildCli() {
  // Loaded only to build: a run with a fresh bundle starts Node and the bundle, nothing more.
  // Rolldown (Vite's bundler) rather than esbuild: it leaves out the parts of zod the schemas
  // do not use (esbuild's bundle was 4 times larger, and slower to start).
  const { rolldown } = await import('rolldown');
  // Packages stay in node_modules, loaded when used (Argdown's parser only for Argdown),
  // except zod, bundled: only what the schemas use is loaded.
  const external = dependencies().filter((name) => name !== 'zod');
  const bundle = await rolldown({
    cwd: ROOT,
    input: join(ROOT, 'src/cli/bin.ts'),
    platform: 'node',
    external: (id) =>
      id.startsWith('node:') || external.some((name) => id === name || id.startsWith(`${name}/`)),
    logLevel: 'warn',
  });
  const { output } = await bundle.generate({ format: 'esm', codeSplitting: false });
  await bundle.close();
  mkdirSync(OUT_DIR, { recursive: true });
  // Written aside, then renamed: commands started at once never run a half-written bundle.
  const temp = `${BUNDLE}.${process.pid}.tmp`;
  writeFileSync(temp, output[0].code);
  const inputs = output[0].moduleIds
    .filter((id) => !id.includes('/node_modules/') && !id.startsWith('\0'))
    .map((id) => relative(ROOT, id));
  writeFileSync(INPUTS, JSON.stringify(inputs));
  renameSync(temp, BUNDLE);
}

if (isStale()) {
  try {
    await buildCli();
  } catch (error) {
    console.error(
      `The clashmap command could not be built (${relative(process.cwd(), BUNDLE)}): ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
    process.exit(2);
  }
}
await import(pathToFileURL(BUNDLE).href);
