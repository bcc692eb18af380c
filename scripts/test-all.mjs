// Runs every check the project has, installing what is missing first:
// node_modules (npm ci), Chromium and redis-server (apt-get), then typecheck, lint, format,
// build, unit + component + server + e2e tests. Ends with "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function run(label, command, args, options = {}) {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`\n✖ ${label} failed (exit ${result.status ?? result.signal}).`);
    return false;
  }
  return true;
}

const REDIS = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';

/** Installs the Debian packages whose programs are missing (Chromium, redis-server). */
function ensureDebianPackages() {
  const wanted = [
    { path: CHROMIUM, pkg: 'chromium', env: 'CHROMIUM_PATH' },
    { path: REDIS, pkg: 'redis-server', env: 'REDIS_SERVER_PATH' },
  ].filter((p) => !existsSync(p.path));
  if (wanted.length === 0) return true;
  const names = wanted.map((p) => p.pkg).join(' ');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!hasApt) {
    console.error(`Missing: ${wanted.map((p) => `${p.pkg} (${p.path})`).join(', ')}, and apt-get is not available.
Install them and run again, pointing ${wanted.map((p) => p.env).join(' or ')} at them if they live elsewhere.`);
    return false;
  }
  const script = `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${names}`;
  const ok = isRoot
    ? run(`install ${names}`, 'sh', ['-c', script])
    : run(`install ${names}`, 'sudo', ['-n', 'sh', '-c', script]);
  if (!ok || wanted.some((p) => !existsSync(p.path))) {
    console.error(`Could not install ${names}. Run as root: ${script}`);
    return false;
  }
  return true;
}

const npx = (label, ...args) => run(label, 'npx', ['--no-install', ...args]);

const started = Date.now();
if (!existsSync('node_modules/.package-lock.json') && !run('install dependencies', 'npm', ['ci']))
  process.exit(1);
if (!ensureDebianPackages()) process.exit(1);

let ok = true;
ok = npx('typecheck', 'tsc', '--noEmit', '-p', '.') && ok;
ok = npx('lint', 'eslint', '.', '--max-warnings', '0') && ok;
ok = npx('format', 'prettier', '--check', '.') && ok;
ok = npx('build', 'vite', 'build', '--logLevel', 'warn') && ok;
ok = run('size budget', 'node', ['scripts/bench.mjs', '--size-only', '--dist', 'dist']) && ok;

const reportDir = mkdtempSync(join(tmpdir(), 'clashmap-test-'));
const report = join(reportDir, 'vitest.json');
const testsOk = npx(
  'tests',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
);
let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests;
  failed = json.numFailedTests;
  // A file that fails to load counts as a failure even when it ran no test.
  failed += json.testResults.filter(
    (r) => r.status === 'failed' && r.assertionResults.length === 0,
  ).length;
}
rmSync(reportDir, { recursive: true, force: true });
if (!ok) failed += 1; // typecheck, lint, format or build failed: say so in the count
if (!testsOk && failed === 0) failed = 1;
console.log(
  `\nTypecheck, lint, format and build: ${ok ? 'ok' : 'FAILED'}. Took ${((Date.now() - started) / 1000).toFixed(0)} s.`,
);
console.log(`${passed} passed, ${failed} failed`);
process.exit(ok && testsOk && failed === 0 ? 0 : 1);
