// `npm run bench`: how fast Clashmap opens, lays out and moves maps of 100 to 5,000 nodes, next
// to a bare React Flow page drawing the same graphs, plus the initial JavaScript size budget.
// `npm run bench -- --size-only` runs only the size check (no browser), for CI.
// `npm run bench -- --profile 1000` records where the time goes (CPU profiles and a trace
// summary) for one map instead. Run through scripts/bench.mjs, which loads this file with tsx.
import react from '@vitejs/plugin-react';
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import { parseMap } from '../src/io/parse';
import { serializeMap } from '../src/io/serialize';
import { layoutMap } from '../src/layout/layoutMap';
import { estimateNodeSize } from '../src/layout/nodeSize';
import type { ClashMap } from '../src/model/map';
import {
  canvasPolicy,
  measureCliValidate,
  measureEdits,
  measureFirstLoads,
  medianOf,
  p95,
  printGoals,
  shortfall,
  armDragStart,
  dragStartMs,
  type EditTimes,
  type GoalRow,
  type LoadRequest,
} from './fair';
import { generateMap } from './generate';
import { median, openPipeline, timeRuns, timeStages, type StageTimes } from './importStages';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(BENCH_DIR, '..');
const RESULTS_FILE = join(BENCH_DIR, 'results.json');
const ARTICLE_FILE = join(ROOT, 'public/maps/cartel-drone-strikes.clashmap.json');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const VIEWPORT = { width: 1440, height: 900 };

/** Targets from the performance issue. */
const TARGETS = {
  // The hard gate in npm test. Issue 13's goal is 180: the start-up load reads its stored map
  // without the code that explains an invalid one, and the outline loads after the first map
  // (179.6). Arguments (issue 16: the node kind, four relation kinds, the junction, the toolbar
  // and keys; their edits load on first use) and the registry-written relation styles brought
  // it to 183.7, and the flow's keyboard table and card flags (issue 15) to 186.3. Incremental
  // autosave (the journal written and replayed at start-up) added 1.0 kB: 187.9; packed history
  // steps and the sizes declared for cards not yet drawn 0.6 kB more: 188.5. Start-up then shed
  // 8.9 kB: the modules it loads go into one chunk instead of a dozen (4.7), the help's key table
  // and the seldom-used commands (Share, Class, Import, Auto-layout, Support together) load on
  // first use (2.6), React Flow's view transitions get only the interpolators they use (1.2),
  // and no modulepreload polyfill or use-sync-external-store shim (0.4): 179.6, so the gate is 180.
  initialJsKb: 180,
  open1000Ms: 1500,
  openRatio1000: 1.5,
  dragP95Ms: 25,
  layoutLongTaskMs: 50,
  import10kMs: 100,
  /** Heap added by 300 small edits (their undo history included) on a 5,000-node map. */
  historyMb: 5,
  /** A class of 30 students' 100-node maps compared against a 100-node model. */
  compareClassMs: 2000,
} as const;

/** Over this load average per CPU (1-minute) the bench measures nothing unless --force is given. */
const MAX_LOAD_PER_CPU = 1.5;

/** Repetitions by map size: fewer for the big maps, whose single runs are long and steady. */
export function runsFor(nodes: number) {
  if (nodes <= 300) return { nodeParse: 20, browserParse: 15, open: 3, gestureSteps: 60 };
  if (nodes <= 1000) return { nodeParse: 10, browserParse: 8, open: 3, gestureSteps: 60 };
  // Each gesture step of a 5,000-node map can take half a second here: 30-step gestures.
  return { nodeParse: 5, browserParse: 4, open: 3, gestureSteps: 30 };
}

// ---------------------------------------------------------------------------------------------
// Arguments

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string): string | undefined => {
  const at = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (at === -1) return undefined;
  const arg = argv[at]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[at + 1];
};
if (flag('help')) {
  console.log(`npm run bench [-- options]
  --compare-only     only time comparing a class (30 student maps of 100 nodes against a 100-node model) in Node
  --size-only        only build and check the initial JavaScript against the ${TARGETS.initialJsKb} kB budget (no browser)
  --dist DIR         measure an existing build in DIR instead of building one into a temp dir
  --sizes 100,1000   only these synthetic sizes (default 100,300,1000,5000); the article map always runs
  --out FILE         write results here instead of bench/results.json
  --force            measure and write results even when the load average is over ${MAX_LOAD_PER_CPU} per CPU
  --profile SIZE     instead of the benchmark: CPU profiles and a trace summary of opening, dragging,
                     panning and auto-laying out one map (SIZE nodes, or "article"), mapped to source`);
  process.exit(0);
}
const SIZES = (option('sizes') ?? '100,300,1000,5000')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0);

// ---------------------------------------------------------------------------------------------
// Small helpers

export const round = (n: number | null | undefined, digits = 1) =>
  n === null || n === undefined || !Number.isFinite(n) ? null : Number(n.toFixed(digits));

export function frameStats(deltas: readonly number[]) {
  if (deltas.length === 0) return { mean: null, p95: null, max: null, frames: 0 };
  const sorted = [...deltas].sort((a, b) => a - b);
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
  const mean = deltas.reduce((a, b) => a + b, 0) / deltas.length;
  return {
    mean: round(mean),
    p95: round(p95),
    max: round(sorted[sorted.length - 1]),
    frames: deltas.length,
  };
}

export const log = (message: string) =>
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

function gitInfo() {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT }).toString().trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--', 'src', 'index.html', 'package.json'], {
        cwd: ROOT,
      })
        .toString()
        .trim().length > 0;
    return { commit, dirtySrc: dirty };
  } catch {
    return { commit: null, dirtySrc: null };
  }
}

// ---------------------------------------------------------------------------------------------
// Initial JavaScript size

interface AssetSize {
  file: string;
  bytes: number;
  gzip: number;
}

interface SizeReport {
  dist: string;
  initial: AssetSize[];
  initialGzipKb: number;
  css: AssetSize[];
  lazy: AssetSize[];
  budgetKb: number;
  ok: boolean;
}

/** Sums the gzip size (zlib default level, as Vite reports) of the JS that index.html loads at start. */
export function checkInitialJs(dist: string): SizeReport {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = new Set<string>();
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) refs.add(match[1]!);
  for (const match of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*>/g)) {
    const href = /\bhref="([^"]+)"/.exec(match[0]);
    if (href) refs.add(href[1]!);
  }
  const cssRefs = [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"/g)].map(
    (m) => m[1]!,
  );
  const sizeOf = (ref: string): AssetSize => {
    const path = join(dist, ref.replace(/^\//, ''));
    const data = readFileSync(path);
    return { file: relative(dist, path), bytes: data.length, gzip: gzipSync(data).length };
  };
  const initial = [...refs].filter((r) => !/^https?:/.test(r)).map(sizeOf);
  const initialFiles = new Set(initial.map((a) => a.file));
  const lazy: AssetSize[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.js') && !initialFiles.has(relative(dist, path))) {
        lazy.push(sizeOf(`/${relative(dist, path)}`));
      }
    }
  };
  walk(dist);
  const initialGzipKb = initial.reduce((sum, a) => sum + a.gzip, 0) / 1000;
  return {
    dist,
    initial,
    initialGzipKb: round(initialGzipKb, 1)!,
    css: cssRefs.map(sizeOf),
    lazy,
    budgetKb: TARGETS.initialJsKb,
    ok: initialGzipKb <= TARGETS.initialJsKb,
  };
}

function printSize(report: SizeReport) {
  const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
  console.log(
    "\nInitial JavaScript (what index.html loads at start: script tags and modulepreload links; gzip at zlib's default level; 1 kB = 1,000 bytes, as Vite reports)",
  );
  for (const a of report.initial)
    console.log(
      `  ${a.file.padEnd(46)} ${kb(a.bytes).padStart(10)}  gzip ${kb(a.gzip).padStart(9)}`,
    );
  for (const a of report.lazy)
    console.log(
      `  (later) ${a.file.padEnd(38)} ${kb(a.bytes).padStart(10)}  gzip ${kb(a.gzip).padStart(9)}`,
    );
  for (const a of report.css)
    console.log(
      `  (css)  ${a.file.padEnd(39)} ${kb(a.bytes).padStart(10)}  gzip ${kb(a.gzip).padStart(9)}`,
    );
  console.log(
    `  initial JS total: ${report.initialGzipKb.toFixed(1)} kB gzipped; budget ${report.budgetKb} kB  ${report.ok ? '✓' : '✗'}`,
  );
}

export async function buildApp(): Promise<{ dist: string; temp: string | null }> {
  const given = option('dist');
  if (given) {
    const dist = resolve(given);
    if (!existsSync(join(dist, 'index.html')))
      throw new Error(`--dist ${given}: no index.html there`);
    return { dist, temp: null };
  }
  const temp = mkdtempSync(join(os.tmpdir(), 'clashmap-bench-app-'));
  log('building the app (vite build, into a temp dir)…');
  try {
    await build({ root: ROOT, logLevel: 'silent', build: { outDir: temp, emptyOutDir: true } });
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    const colours = new RegExp(`${String.fromCharCode(27)}\\[[\\d;]*m`, 'g');
    const plain = (error instanceof Error ? error.message : String(error)).replace(colours, '');
    const reason = plain
      .split('\n')
      .filter((line) => line.trim())
      .slice(0, 4)
      .join('\n  ');
    console.error(`\n✗ The app does not build, so nothing was measured: ${reason}`);
    process.exit(2);
  }
  return { dist: temp, temp };
}

// ---------------------------------------------------------------------------------------------
// The maps

export interface MapCase {
  key: string;
  label: string;
  map: ClashMap;
  text: string;
  bytes: Buffer;
  fileName: string;
  bare: Buffer;
}

export function bareGraph(map: ClashMap) {
  const positions = layoutMap(map);
  return {
    nodes: map.nodes.map((n) => ({
      id: n.id,
      x: positions.get(n.id)?.x ?? 0,
      y: positions.get(n.id)?.y ?? 0,
      width: estimateNodeSize(n).width,
      label: n.text,
    })),
    edges: map.edges.map((e) => ({ id: e.id, source: e.from, target: e.to })),
  };
}

export function makeCases(): MapCase[] {
  const cases: MapCase[] = [];
  const articleText = readFileSync(ARTICLE_FILE, 'utf8');
  const article = parseMap(articleText, { brokenQuotes: 'warn' });
  if (!article.ok) throw new Error(`the article map does not parse: ${article.error.kind}`);
  const add = (key: string, label: string, map: ClashMap, text: string) =>
    cases.push({
      key,
      label,
      map,
      text,
      bytes: Buffer.from(text, 'utf8'),
      fileName: `bench-${key}.clashmap.json`,
      bare: Buffer.from(JSON.stringify(bareGraph(map))),
    });
  add('article', 'article', article.map, articleText);
  for (const size of SIZES) {
    const map = generateMap(size);
    add(String(size), size.toLocaleString('en-US'), map, serializeMap(map));
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------
// Static server for the bench pages and the map files

async function buildBenchPages(): Promise<string> {
  const out = mkdtempSync(join(os.tmpdir(), 'clashmap-bench-pages-'));
  log('building the bench pages (bare React Flow, parse timing)…');
  await build({
    configFile: false,
    root: BENCH_DIR,
    base: '/',
    logLevel: 'error',
    plugins: [react()],
    build: {
      outDir: out,
      emptyOutDir: true,
      target: 'es2022',
      rollupOptions: {
        input: {
          bare: join(BENCH_DIR, 'bare/index.html'),
          parse: join(BENCH_DIR, 'parse/index.html'),
        },
      },
    },
  });
  return out;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};

function serveStatic(
  dir: string,
  fixtures: Map<string, Buffer>,
): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const fixture = fixtures.get(path);
    if (fixture) {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(fixture);
      return;
    }
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      ok({ url: `http://127.0.0.1:${port}`, server });
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Browser measurements

const HOOKS = readFileSync(join(BENCH_DIR, 'pageHooks.js'), 'utf8');
const OPEN_TIMEOUT_MS = 170_000;

export type Json = Record<string, unknown>;
export const evaluate = <T>(page: Page, expression: string) =>
  page.evaluate(expression) as Promise<T>;

/**
 * Polls `expression` in the page until it is truthy. (page.waitForFunction with a string would
 * eval it, which the app's Content-Security-Policy forbids; evaluate goes through DevTools.)
 */
export async function waitUntil(
  page: Page,
  expression: string,
  timeoutMs: number,
  intervalMs = 100,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await evaluate<boolean>(page, expression)) return;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${expression.slice(0, 80)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export async function newPage(browser: Browser, errors: string[]) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript({ content: HOOKS });
  const page = await context.newPage();
  page.setDefaultTimeout(OPEN_TIMEOUT_MS + 10_000);
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text().slice(0, 300));
  });
  page.on('pageerror', (e) => errors.push(e.message.slice(0, 300)));
  return { context, page };
}

/** The app as a user first sees it: the article map open and drawn. */
export async function openApp(browser: Browser, appUrl: string, errors: string[]) {
  const session = await newPage(browser, errors);
  await session.page.goto(appUrl);
  await waitUntil(
    session.page,
    `(() => { const n = document.querySelectorAll('.react-flow__node'); return n.length > 0 && [...n].every((e) => e.style.visibility !== 'hidden'); })()`,
    60_000,
  );
  await evaluate(session.page, 'window.__bench.settle(4)');
  return session;
}

interface OpenResult {
  ok: boolean;
  ms: number;
  longestTaskMs: number;
  longTasksTotalMs: number;
  progressSeen: string | null;
}

/** Opens the case's file through "Open map" and the file chooser; times change → drawn. */
export async function openInApp(page: Page, c: MapCase): Promise<OpenResult> {
  // The app frames a newly opened map only after measuring it; one zoom-out step first makes
  // the old framing distinct, so "the viewport moved" reliably means "the new map is framed".
  await page.locator('.react-flow__controls-zoomout').click();
  await evaluate(page, 'window.__bench.frames(2)');
  const before = await evaluate<string | null>(page, 'window.__bench.viewportTransform()');
  const expect = {
    count: c.map.nodes.length,
    title: c.map.title,
    notTransform: before,
    timeout: OPEN_TIMEOUT_MS,
  };
  await evaluate(
    page,
    `window.__bench.expect = ${JSON.stringify(expect)}; window.__bench.ready = null`,
  );
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open map', exact: true }).click();
  await (
    await chooser
  ).setFiles({ name: c.fileName, mimeType: 'application/json', buffer: c.bytes });
  await waitUntil(page, 'window.__bench.ready !== null', OPEN_TIMEOUT_MS + 5_000);
  return evaluate<OpenResult>(
    page,
    `(() => { const b = window.__bench; const t = b.longestTask(b.openStart, b.ready.at);
      return { ok: b.ready.ok, ms: b.ready.ms, longestTaskMs: t.longest, longTasksTotalMs: t.total, progressSeen: b.progressSeen }; })()`,
  );
}

/** A mouse or trackpad reports about every 16 ms, however fast the page draws. */
const INPUT_INTERVAL_MS = 16;

/** Sends `send(i)` for i = 1..steps, one every INPUT_INTERVAL_MS (or as fast as the page takes them). */
async function paced(steps: number, send: (i: number) => Promise<void>) {
  for (let i = 1; i <= steps; i++) {
    const start = Date.now();
    await send(i);
    const wait = INPUT_INTERVAL_MS - (Date.now() - start);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
}

/** Drags a node near the middle of the canvas by `steps` small moves, 16 ms apart. */
export async function measureDrag(page: Page, steps: number) {
  const grab = await evaluate<{ x: number; y: number; id: string } | null>(
    page,
    'window.__bench.grabPoint()',
  );
  if (!grab) return { error: 'no node to grab in view' };
  const before = await evaluate<string | null>(
    page,
    `window.__bench.nodeTransform(${JSON.stringify(grab.id)})`,
  );
  await page.mouse.move(grab.x, grab.y);
  await evaluate(page, 'window.__bench.frames(2)');
  await page.mouse.down();
  await armDragStart(page, grab.id, before);
  await evaluate(page, 'window.__bench.startFrames()');
  await paced(steps, (i) => page.mouse.move(grab.x + i * 3, grab.y + i * 2));
  const frames = await evaluate<number[]>(page, 'window.__bench.stopFrames()');
  const startMs = round(await dragStartMs(page));
  const upStart = Date.now();
  await page.mouse.up();
  await evaluate(page, 'window.__bench.frames(2)');
  const dropMs = Date.now() - upStart;
  const after = await evaluate<string | null>(
    page,
    `window.__bench.nodeTransform(${JSON.stringify(grab.id)})`,
  );
  return {
    ...frameStats(frames),
    startMs,
    nodeId: grab.id,
    moved: before !== after,
    before,
    dropMs,
  };
}

/** Pans with `steps` wheel steps over the canvas (the app pans on scroll), 16 ms apart. */
export async function measurePan(page: Page, steps: number) {
  const box = await page.locator('.react-flow').boundingBox();
  if (!box) return { error: 'no canvas' };
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.5);
  const before = await evaluate<string | null>(page, 'window.__bench.viewportTransform()');
  await evaluate(page, 'window.__bench.startFrames()');
  await paced(steps, (i) => page.mouse.wheel(i % 20 < 10 ? 8 : -8, 40));
  const frames = await evaluate<number[]>(page, 'window.__bench.stopFrames()');
  const after = await evaluate<string | null>(page, 'window.__bench.viewportTransform()');
  return { ...frameStats(frames), moved: before !== after };
}

export async function heapAfterLoad(page: Page) {
  const perfMemory = await evaluate<number | null>(
    page,
    'performance.memory ? performance.memory.usedJSHeapSize : null',
  );
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
  await cdp.detach();
  const mb = (n: number) => round(n / 1024 / 1024, 1);
  return {
    usedAfterGcMb: mb(usage.usedSize),
    totalMb: mb(usage.totalSize),
    performanceMemoryMb: perfMemory === null ? null : mb(perfMemory),
  };
}

export async function measureLayout(page: Page, draggedId: string | null) {
  const before = draggedId
    ? await evaluate<string | null>(
        page,
        `window.__bench.nodeTransform(${JSON.stringify(draggedId)})`,
      )
    : null;
  const index = await evaluate<number>(page, 'window.__bench.workers.length');
  await page.getByRole('button', { name: 'Auto-layout', exact: true }).click();
  const applied = await evaluate<{ ok: boolean; appliedAt: number; positionsChanged: boolean }>(
    page,
    `window.__bench.awaitLayout(${index}, ${JSON.stringify(draggedId)}, ${JSON.stringify(before)})`,
  );
  const settledAt = await evaluate<number>(page, 'window.__bench.settle(6)');
  return evaluate<Json>(
    page,
    `(() => { const b = window.__bench; const w = b.workers[${index}] ?? {};
      const click = b.clickAt; const tasks = b.longestTask(click, ${settledAt});
      return { ok: ${applied.ok}, positionsChanged: ${applied.positionsChanged},
        clickToAppliedMs: ${applied.appliedAt} - click,
        workerMs: w.answered != null && w.posted != null ? w.answered - w.posted : null,
        postMessageMs: w.postedEnd != null ? w.postedEnd - w.posted : null,
        clickToPostMs: w.posted != null ? w.posted - click : null,
        answerToAppliedMs: w.answered != null ? ${applied.appliedAt} - w.answered : null,
        clickToSettledMs: ${settledAt} - click,
        longestTaskMs: tasks.longest, longTasks: tasks.count }; })()`,
  );
}

export async function zoomOutFully(page: Page) {
  const zoomOut = page.locator('.react-flow__controls-zoomout');
  for (let i = 0; i < 40 && !(await zoomOut.isDisabled()); i++) {
    await zoomOut.click();
    await evaluate(page, 'window.__bench.frames(1)');
  }
  await evaluate(page, 'window.__bench.settle(3)');
  return evaluate<number | null>(page, 'window.__bench.zoom()');
}

const roundAll = (value: Json): Json =>
  Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, typeof v === 'number' ? round(v) : v]),
  );

/**
 * The pause before the edits, on either page, as a person pauses before editing a map just
 * opened (or just panned): the edits time typing, not the tail of the open. Clashmap routes a
 * large map's lines in a worker and rasters the first view in the moments after it is drawn;
 * on this 2-core machine a key pressed 70 ms after the map appeared (the bench's four frames)
 * shared the cores with that work and took 100 to 220 ms.
 */
const EDIT_PAUSE_MS = 1_000;
async function pauseBeforeEditing(page: Page) {
  await page.waitForTimeout(EDIT_PAUSE_MS);
  await evaluate(page, 'window.__bench.settle(2)');
}

/** Edits per repetition (four keys typed, then Enter, each); Ctrl+Z on the last `undos`. */
const EDITS = { first: 6, other: 3, undos: 2 } as const;

interface AppRun {
  open: OpenResult | null;
  heap?: Json;
  defaultZoom?: Json;
  layout?: Json;
  zoomedOut?: Json;
  edits?: EditTimes;
}

/**
 * One repetition in the app: open the case's file; then edit a card (typing, commit, undo).
 * The first repetition also measures heap, drag and pan at the default zoom and fully zoomed
 * out, and auto-layout.
 */
async function appRun(
  browser: Browser,
  appUrl: string,
  c: MapCase,
  full: boolean,
  steps: number,
  errors: string[],
): Promise<AppRun> {
  const result: AppRun = { open: null };
  const { context, page } = await openApp(browser, appUrl, errors);
  try {
    const open = await openInApp(page, c);
    result.open = open;
    if (!open.ok)
      throw new Error(`the map did not finish opening within ${OPEN_TIMEOUT_MS / 1000} s`);
    await evaluate(page, 'window.__bench.settle(4)');
    if (full) {
      result.heap = await heapAfterLoad(page);
      const zoom = await evaluate<number | null>(page, 'window.__bench.zoom()');
      const transform = await evaluate<string | null>(page, 'window.__bench.viewportTransform()');
      const visible = await evaluate<number>(page, 'window.__bench.visibleNodes()');
      const drag = await measureDrag(page, steps);
      const pan = await measurePan(page, steps);
      result.defaultZoom = { zoom: round(zoom, 3), transform, visibleNodes: visible, drag, pan };
      await evaluate(page, 'window.__bench.settle(4)');
    }
    await pauseBeforeEditing(page);
    result.edits = await measureEdits(
      page,
      'app',
      full ? EDITS.first : EDITS.other,
      EDITS.undos,
      full,
    );
    if (full) {
      await page.keyboard.press('Escape');
      const dragged = (result.defaultZoom?.drag as Json | undefined)?.nodeId as string | undefined;
      result.layout = roundAll(await measureLayout(page, dragged ?? null));
      const minZoom = await zoomOutFully(page);
      const visibleOut = await evaluate<number>(page, 'window.__bench.visibleNodes()');
      result.zoomedOut = {
        zoom: round(minZoom, 3),
        transform: await evaluate<string | null>(page, 'window.__bench.viewportTransform()'),
        visibleNodes: visibleOut,
        drag: await measureDrag(page, steps),
        pan: await measurePan(page, steps),
      };
    }
  } catch (error) {
    errors.push(`app run: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await context.close();
  }
  return result;
}

/** "translate(Xpx, Ypx) scale(Z)" as a React Flow viewport. */
function parseTransform(transform: string | null | undefined) {
  const match = /translate\(([-\d.e]+)px, ([-\d.e]+)px\) scale\(([-\d.e]+)\)/.exec(transform ?? '');
  return match ? { x: Number(match[1]), y: Number(match[2]), zoom: Number(match[3]) } : null;
}

interface BareRun {
  ms: number | null;
  heap?: Json;
  views: Json;
  edits?: EditTimes;
}

/**
 * One repetition on a baseline page (`fair`: like for like; `all`: every node drawn): open the
 * same graph (same clock rules), then, with the view where the app's was, drag and pan (first
 * repetition) and edit a node (fair page).
 */
async function bareRun(
  browser: Browser,
  benchUrl: string,
  c: MapCase,
  mode: 'fair' | 'all',
  full: boolean,
  steps: number,
  views: Record<string, string | null>,
  policy: ReturnType<typeof canvasPolicy>,
  errors: string[],
): Promise<BareRun> {
  const result: BareRun = { ms: null, views: {} };
  const { context, page } = await newPage(browser, errors);
  try {
    const query = new URLSearchParams({
      mode,
      visibleOnlyAbove: String(policy.visibleOnlyAbove),
      overviewMax: String(policy.overviewMax),
    });
    await page.goto(`${benchUrl}/bare/index.html?${query}`);
    await page.waitForSelector('.react-flow__viewport', { state: 'attached' });
    await evaluate(page, 'window.__bench.frames(2)');
    const before = await evaluate<string | null>(page, 'window.__bench.viewportTransform()');
    const expect = {
      count: c.map.nodes.length,
      title: null,
      notTransform: before,
      timeout: OPEN_TIMEOUT_MS,
    };
    await evaluate(page, `window.__bench.expect = ${JSON.stringify(expect)}`);
    await evaluate(
      page,
      `window.__benchOpenBare(${JSON.stringify(`/fixtures/${c.key}.bare.json`)}).then((start) => window.__bench.beginOpen(start))`,
    );
    await waitUntil(page, 'window.__bench.ready !== null', OPEN_TIMEOUT_MS + 5_000);
    const ready = await evaluate<{ ok: boolean; ms: number }>(page, 'window.__bench.ready');
    if (!ready.ok) throw new Error(`${mode} page did not finish opening`);
    result.ms = ready.ms;
    await evaluate(page, 'window.__bench.settle(4)');
    if (full) result.heap = await heapAfterLoad(page);
    for (const [name, transform] of Object.entries(views)) {
      const viewport = parseTransform(transform);
      if (!viewport) continue;
      await evaluate(page, `window.__benchSetViewport(${JSON.stringify(viewport)})`);
      await evaluate(page, 'window.__bench.settle(4)');
      if (full)
        result.views[name] = {
          zoom: round(viewport.zoom, 3),
          visibleNodes: await evaluate<number>(page, 'window.__bench.visibleNodes()'),
          drag: await measureDrag(page, steps),
          pan: await measurePan(page, steps),
        };
      if (name === 'defaultZoom' && mode === 'fair') {
        await evaluate(page, `window.__benchSetViewport(${JSON.stringify(viewport)})`);
        await evaluate(page, 'window.__bench.settle(4)');
        await pauseBeforeEditing(page);
        result.edits = await measureEdits(
          page,
          'bare',
          full ? EDITS.first : EDITS.other,
          EDITS.undos,
          full,
        );
      }
      if (!full && mode === 'all') break;
    }
  } catch (error) {
    errors.push(`${mode} page: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await context.close();
  }
  return result;
}

/** The edit figures of several repetitions together. */
function editSummary(runs: readonly (EditTimes | undefined)[]) {
  const typing = runs.flatMap((r) => r?.typingMs ?? []);
  const commit = runs.flatMap((r) => r?.commitMs ?? []);
  const undo = runs.flatMap((r) => r?.undoMs ?? []);
  return {
    typingP95Ms: round(p95(typing)),
    typingMedianMs: round(medianOf(typing)),
    commitMedianMs: round(medianOf(commit)),
    undoMedianMs: round(medianOf(undo)),
    heapPerEditKb: round(runs.find((r) => r?.heapPerEditKb != null)?.heapPerEditKb ?? null),
    samples: { typing: typing.length, commit: commit.length, undo: undo.length },
    typingMs: typing.map((t) => round(t)),
    commitMs: commit.map((t) => round(t)),
    undoMs: undo.map((t) => round(t)),
    errors: runs.map((r) => r?.error).filter(Boolean),
  };
}

/**
 * Every measurement for one map, the app and the two baselines alternating repetition by
 * repetition (app, fair page, all-nodes page; again), so that a burst of load elsewhere on the
 * machine falls on all three.
 */
async function measureCase(
  browser: Browser,
  appUrl: string,
  benchUrl: string,
  c: MapCase,
  runs: number,
  steps: number,
  policy: ReturnType<typeof canvasPolicy>,
) {
  const errors: string[] = [];
  const apps: AppRun[] = [];
  const fairs: BareRun[] = [];
  const alls: BareRun[] = [];
  for (let r = 0; r < runs; r++) {
    const full = r === 0;
    apps.push(await appRun(browser, appUrl, c, full, steps, errors));
    const first = apps[0]!;
    const views = {
      defaultZoom: (first.defaultZoom?.transform as string | null | undefined) ?? null,
      zoomedOut: (first.zoomedOut?.transform as string | null | undefined) ?? null,
    };
    fairs.push(await bareRun(browser, benchUrl, c, 'fair', full, steps, views, policy, errors));
    alls.push(await bareRun(browser, benchUrl, c, 'all', full, steps, views, policy, errors));
  }
  const opens = apps.map((a) => a.open).filter((o): o is OpenResult => o !== null);
  const okOpens = opens.filter((o) => o.ok);
  const first = apps[0]!;
  const app: Json = {
    open: {
      ok: opens.length === runs && okOpens.length === opens.length,
      runsMs: opens.map((o) => round(o.ms)),
      medianMs: round(median(okOpens.map((o) => o.ms))),
      longestTaskMs: round(Math.max(0, ...opens.map((o) => o.longestTaskMs))),
      longTasksTotalMs: round(median(opens.map((o) => o.longTasksTotalMs))),
      progressSeen: opens.find((o) => o.progressSeen)?.progressSeen ?? null,
    },
    heap: first.heap,
    defaultZoom: first.defaultZoom,
    layout: first.layout,
    zoomedOut: first.zoomedOut,
    edits: editSummary(apps.map((a) => a.edits)),
    errors: [...new Set(errors)],
  };
  const bare = (list: BareRun[], withEdits: boolean): Json => {
    const times = list.map((b) => b.ms).filter((t): t is number => t !== null);
    return {
      runsMs: times.map((t) => round(t)),
      medianMs: round(median(times)),
      heap: list[0]?.heap,
      ...list[0]?.views,
      ...(withEdits ? { edits: editSummary(list.map((b) => b.edits)) } : {}),
    };
  };
  return { app, bare: bare(fairs, true), bareAll: bare(alls, false) };
}

// ---------------------------------------------------------------------------------------------
// Output

type Check = { target: string; value: string; ok: boolean | null; note?: string };

function printTable(cases: MapCase[], results: Map<string, Json>) {
  const get = (key: string, path: string): unknown =>
    path
      .split('.')
      .reduce<unknown>(
        (v, k) => (v && typeof v === 'object' ? (v as Json)[k] : undefined),
        results.get(key),
      );
  const fmt = (v: unknown, unit = '') =>
    v === null || v === undefined ? '–' : typeof v === 'number' ? `${v}${unit}` : String(v);
  const rows: Array<[string, (key: string) => string]> = [
    ['nodes / edges', (k) => `${get(k, 'nodes')} / ${get(k, 'edges')}`],
    ['file size', (k) => `${get(k, 'fileKb')} kB`],
    ['parse+validate, Node (median)', (k) => fmt(get(k, 'node.parseMs'), ' ms')],
    ['parse+validate, Chromium (median)', (k) => fmt(get(k, 'browser.parseMs'), ' ms')],
    ['layoutMap, Node (median)', (k) => fmt(get(k, 'node.layoutMs'), ' ms')],
    ['open → drawn, Clashmap (median)', (k) => fmt(get(k, 'app.open.medianMs'), ' ms')],
    ['  runs', (k) => ((get(k, 'app.open.runsMs') as number[] | undefined) ?? []).join(', ')],
    ['  longest task while opening', (k) => fmt(get(k, 'app.open.longestTaskMs'), ' ms')],
    ['  progress shown while opening', (k) => (get(k, 'app.open.progressSeen') ? 'yes' : 'no')],
    ['open → drawn, bare React Flow', (k) => fmt(get(k, 'bare.medianMs'), ' ms')],
    ['  ratio Clashmap / bare', (k) => fmt(get(k, 'openRatio'), '×')],
    ['auto-layout: worker compute', (k) => fmt(get(k, 'app.layout.workerMs'), ' ms')],
    ['auto-layout: click → applied', (k) => fmt(get(k, 'app.layout.clickToAppliedMs'), ' ms')],
    ['  longest main-thread task', (k) => fmt(get(k, 'app.layout.longestTaskMs'), ' ms')],
    [
      'default zoom (nodes in view)',
      (k) =>
        `${fmt(get(k, 'app.defaultZoom.zoom'))} (${fmt(get(k, 'app.defaultZoom.visibleNodes'))})`,
    ],
    [
      '  drag frame mean / p95',
      (k) =>
        `${fmt(get(k, 'app.defaultZoom.drag.mean'))} / ${fmt(get(k, 'app.defaultZoom.drag.p95'), ' ms')}`,
    ],
    [
      '  pan frame mean / p95',
      (k) =>
        `${fmt(get(k, 'app.defaultZoom.pan.mean'))} / ${fmt(get(k, 'app.defaultZoom.pan.p95'), ' ms')}`,
    ],
    [
      'zoomed out (nodes in view)',
      (k) => `${fmt(get(k, 'app.zoomedOut.zoom'))} (${fmt(get(k, 'app.zoomedOut.visibleNodes'))})`,
    ],
    [
      '  drag frame mean / p95',
      (k) =>
        `${fmt(get(k, 'app.zoomedOut.drag.mean'))} / ${fmt(get(k, 'app.zoomedOut.drag.p95'), ' ms')}`,
    ],
    [
      '  pan frame mean / p95',
      (k) =>
        `${fmt(get(k, 'app.zoomedOut.pan.mean'))} / ${fmt(get(k, 'app.zoomedOut.pan.p95'), ' ms')}`,
    ],
    [
      'bare, same view: drag p95 / pan p95',
      (k) =>
        `${fmt(get(k, 'bare.defaultZoom.drag.p95'))} / ${fmt(get(k, 'bare.defaultZoom.pan.p95'), ' ms')}`,
    ],
    [
      'bare, zoomed out: drag p95 / pan p95',
      (k) =>
        `${fmt(get(k, 'bare.zoomedOut.drag.p95'))} / ${fmt(get(k, 'bare.zoomedOut.pan.p95'), ' ms')}`,
    ],
    ['JS heap after load (after GC)', (k) => fmt(get(k, 'app.heap.usedAfterGcMb'), ' MB')],
  ];
  const labelWidth = Math.max(...rows.map(([l]) => l.length)) + 2;
  const cells = rows.map(([, f]) => cases.map((c) => f(c.key)));
  const widths = cases.map(
    (c, i) => Math.max(c.label.length, ...cells.map((r) => r[i]!.length)) + 2,
  );
  const line = (label: string, values: string[]) =>
    label.padEnd(labelWidth) + values.map((v, i) => v.padStart(widths[i]!)).join('');
  console.log(
    `\n${line(
      'map',
      cases.map((c) => c.label),
    )}`,
  );
  console.log('-'.repeat(labelWidth + widths.reduce((a, b) => a + b, 0)));
  rows.forEach(([label], i) => console.log(line(label, cells[i]!)));
}

/** Issue 13's goals, each with the figure, its like-for-like baseline and its all-nodes one. */
function goalRows(
  results: Map<string, Json>,
  extra: {
    initialJsKb: number;
    historyKbPerEdit: number;
    cliValidateMs: number | null;
    firstLoad: Awaited<ReturnType<typeof measureFirstLoads>> | null;
  },
): GoalRow[] {
  const rows: GoalRow[] = [];
  const num = (r: Json | undefined, path: string): number | null => {
    const v = path
      .split('.')
      .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Json)[k] : undefined), r);
    return typeof v === 'number' ? v : null;
  };
  const GOAL_SIZES = new Set(['1000', '5000']);
  // rAF gaps jitter by a fraction of a millisecond: p95 within 5% of a frame counts as that frame.
  const FRAME = 16.7;
  const frames = (n: number) => n * FRAME * 1.05;
  for (const [key, r] of results) {
    const size = key === 'article' ? 'article' : Number(key).toLocaleString('en-US');
    const n = Number(key);
    const row = (
      measure: string,
      path: string,
      barePath: string | null,
      unit: string,
      goal: string,
      pass: (app: number, fair: number | null) => boolean | null,
    ) => {
      const app = num(r, `app.${path}`);
      const fair = barePath === null ? null : num(r, `bare.${barePath}`);
      const all = barePath === null ? null : num(r, `bareAll.${barePath}`);
      rows.push({
        measure,
        size,
        app,
        fair,
        all,
        unit,
        goal,
        pass: app === null ? (goal === '–' ? null : false) : pass(app, fair),
      });
    };
    const ratioGoal = (limit: number) => (app: number, fair: number | null) =>
      fair === null ? null : app / fair <= limit;
    const atGoalSize = GOAL_SIZES.has(key);
    row(
      'open → drawn (median)',
      'open.medianMs',
      'medianMs',
      ' ms',
      atGoalSize ? '≤ 1.2×' : '–',
      atGoalSize ? ratioGoal(1.2) : () => null,
    );
    if (n === 10_000)
      row(
        'open → drawn, 10,000 nodes',
        'open.medianMs',
        'medianMs',
        ' ms',
        '< 3 s',
        (a) => a < 3000,
      );
    row(
      '  longest main-thread task while opening',
      'open.longestTaskMs',
      null,
      ' ms',
      n >= 1000 ? '≤ 200 ms' : '–',
      n >= 1000 ? (a) => a <= 200 : () => null,
    );
    row(
      'typing → painted, p95',
      'edits.typingP95Ms',
      'edits.typingP95Ms',
      ' ms',
      atGoalSize ? '≤ 1.2×' : '–',
      atGoalSize ? ratioGoal(1.2) : () => null,
    );
    const at5000 = key === '5000';
    row(
      'commit (Enter) → painted, median',
      'edits.commitMedianMs',
      'edits.commitMedianMs',
      ' ms',
      at5000 ? '≤ 100 ms' : '–',
      at5000 ? (a) => a <= 100 : () => null,
    );
    row(
      'undo (Ctrl+Z) → painted, median',
      'edits.undoMedianMs',
      'edits.undoMedianMs',
      ' ms',
      at5000 ? '≤ 100 ms' : '–',
      at5000 ? (a) => a <= 100 : () => null,
    );
    row(
      'first frame of a drag',
      'defaultZoom.drag.startMs',
      'defaultZoom.drag.startMs',
      ' ms',
      at5000 ? '≤ 50 ms' : '–',
      at5000 ? (a) => a <= 50 : () => null,
    );
    const upTo5000 = n > 0 && n <= 5000;
    for (const [gesture, label] of [
      ['drag', 'drag'],
      ['pan', 'pan'],
    ] as const) {
      row(
        `${label} p95, default zoom`,
        `defaultZoom.${gesture}.p95`,
        `defaultZoom.${gesture}.p95`,
        ' ms',
        upTo5000 ? '16.7 ms' : '–',
        upTo5000 ? (a) => a <= frames(1) : () => null,
      );
      row(
        `${label} p95, zoomed out`,
        `zoomedOut.${gesture}.p95`,
        `zoomedOut.${gesture}.p95`,
        ' ms',
        upTo5000 ? '≤ 33 ms' : '–',
        upTo5000 ? (a) => a <= frames(2) : () => null,
      );
    }
    row(
      'auto-layout: longest main-thread task',
      'layout.longestTaskMs',
      null,
      ' ms',
      atGoalSize ? '≤ 50 ms' : '–',
      atGoalSize ? (a) => a <= 50 : () => null,
    );
    row(
      'JS heap after open (after GC)',
      'heap.usedAfterGcMb',
      'heap.usedAfterGcMb',
      ' MB',
      '–',
      () => null,
    );
    row(
      'heap growth per edit (browser, 6 edits)',
      'edits.heapPerEditKb',
      'edits.heapPerEditKb',
      ' kB',
      '–',
      () => null,
    );
  }
  if (!results.has('10000'))
    rows.push({
      measure: 'open → drawn, 10,000 nodes',
      size: '10,000',
      app: null,
      fair: null,
      unit: ' ms',
      goal: '< 3 s',
      pass: null,
    });
  rows.push({
    measure: 'history memory per small edit (Node, 300 edits)',
    size: '5,000',
    app: extra.historyKbPerEdit,
    fair: null,
    unit: ' kB',
    goal: '< 2 kB',
    pass: extra.historyKbPerEdit < 2,
  });
  const fl = extra.firstLoad;
  const med = (list: (number | null | undefined)[]) =>
    medianOf(list.filter((v): v is number => typeof v === 'number'));
  if (fl) {
    const fairPaint = med(fl.bare.map((b) => b.firstPaintMs));
    const fairDrawn = med(fl.bare.map((b) => b.drawnMs));
    rows.push(
      {
        measure: 'first load: first paint',
        size: 'article',
        app: med(fl.app.map((a) => a.firstPaintMs)),
        fair: fairPaint,
        unit: ' ms',
        goal: '–',
        pass: null,
      },
      {
        measure: 'first load: map drawn',
        size: 'article',
        app: med(fl.app.map((a) => a.drawnMs)),
        fair: fairDrawn,
        unit: ' ms',
        goal: '–',
        pass: null,
      },
      {
        measure: 'second load (service worker): map drawn',
        size: 'article',
        app: med(fl.app.map((a) => a.withWorker?.drawnMs)),
        fair: fairDrawn,
        unit: ' ms',
        goal: '–',
        pass: null,
      },
    );
    const first = fl.app[0];
    rows.push(
      {
        measure: 'first visit: JS files downloaded twice',
        size: 'article',
        app: first?.jsTwice?.length ?? null,
        fair: null,
        unit: '',
        goal: '0',
        pass: first?.jsTwice ? first.jsTwice.length === 0 : null,
      },
      {
        measure: 'first visit: precache requests before drawn',
        size: 'article',
        app: first?.precachedBeforeDrawn ?? null,
        fair: null,
        unit: '',
        goal: '0',
        pass: first?.precachedBeforeDrawn === undefined ? null : first.precachedBeforeDrawn === 0,
      },
    );
  }
  rows.push(
    {
      measure: 'initial JavaScript, gzipped',
      size: '–',
      app: extra.initialJsKb,
      fair: null,
      unit: ' kB',
      goal: '≤ 180 kB',
      pass: extra.initialJsKb <= 180,
    },
    {
      measure: 'clashmap validate, wall (npm run clashmap)',
      size: '5,000',
      app: extra.cliValidateMs,
      fair: null,
      unit: ' ms',
      goal: '< 400 ms',
      pass: extra.cliValidateMs === null ? false : extra.cliValidateMs < 400,
    },
  );
  for (const r of rows) if (r.pass === false) Object.assign(r, shortfall(r));
  return rows;
}

function printChecks(checks: Check[]) {
  console.log('\nTargets');
  for (const c of checks) {
    const mark = c.ok === null ? '?' : c.ok ? '✓' : '✗';
    console.log(`  ${mark} ${c.target.padEnd(58)} ${c.value}${c.note ? `  (${c.note})` : ''}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Main

function printEditLatency(m: import('./editLatency').EditLatency) {
  console.log(
    `A text edit on a ${m.nodes.toLocaleString('en-US')}-node map, median of ${m.edits}: ` +
      `solo ${round(m.soloMs, 2)} ms; shared through Yjs ${round(m.sharedMs, 2)} ms ` +
      `(${round(m.sharedMs / m.soloMs, 2)}× solo); a peer's edit applied in ${round(m.remoteMs, 2)} ms ` +
      `(${round(m.remoteMs / m.soloMs, 2)}× solo); ${m.updateBytes} bytes sent per edit.`,
  );
}

function printCompare(node: import('./compareClass').CompareTiming, chromiumMs: number | null) {
  console.log(
    `Comparing a class: ${node.students} students' maps of ${node.studentNodes} nodes against a ${node.modelNodes}-node model ` +
      `in ${round(node.medianMs, 0)} ms in Node` +
      (chromiumMs === null ? '' : ` and ${round(chromiumMs, 0)} ms in Chromium`) +
      ` (median; target under ${TARGETS.compareClassMs} ms); mean claim recall ${round(node.meanClaimRecall, 2)}.`,
  );
}

export async function main() {
  const started = Date.now();
  const profileSize = option('profile');
  if (profileSize !== undefined) {
    const { profile } = await import('./profile');
    await profile(profileSize);
    return;
  }
  if (flag('edit-only')) {
    const { measureEditLatency } = await import('./editLatency');
    printEditLatency(measureEditLatency(5000, 200));
    return;
  }
  if (flag('compare-only')) {
    const { measureCompare } = await import('./compareClass');
    printCompare(measureCompare(100, 30, 5), null);
    return;
  }
  if (flag('history-only')) {
    const { measureHistoryMemory } = await import('./historyMemory');
    const m = measureHistoryMemory(5000, 300);
    console.log(
      `300 small edits on a 5,000-node map: +${round(m.growthMb, 2)} MB of heap for ${m.undoSteps} undo steps ` +
        `(target under ${TARGETS.historyMb} MB): the edits' own content ${round(m.contentMb, 2)} MB, ` +
        `the history ${round(m.historyMb, 2)} MB (${round(m.historyKbPerEdit, 2)} kB per step, goal under 2 kB); ` +
        `one whole-map copy is ${round(m.snapshotMb, 1)} MB.`,
    );
    return;
  }
  // Checked before anything is built or measured: a busy machine skews every browser figure.
  const loadAtStart = os.loadavg().map((n) => round(n, 2));
  const maxLoad = os.cpus().length * MAX_LOAD_PER_CPU;
  // (The size check needs no quiet machine.)
  if (!flag('size-only') && loadAtStart[0]! > maxLoad) {
    if (!flag('force')) {
      console.error(
        `✗ Load average ${loadAtStart.join(', ')} on ${os.cpus().length} CPUs is over ${MAX_LOAD_PER_CPU} per CPU (${maxLoad}): other processes would skew every figure, so nothing was measured. Wait for a quieter machine, or pass --force (the results then say so).`,
      );
      process.exit(3);
    }
    log(`--force: measuring at load average ${loadAtStart.join(', ')}`);
  }
  const app = await buildApp();
  const size = checkInitialJs(app.dist);
  if (flag('size-only')) {
    printSize(size);
    if (app.temp) rmSync(app.temp, { recursive: true, force: true });
    if (!size.ok) {
      console.error(
        `\n✗ Initial JavaScript is ${size.initialGzipKb.toFixed(1)} kB gzipped, over the ${size.budgetKb} kB budget. ` +
          'Load heavy modules with import() where they are used, or raise the budget deliberately in bench/run.ts.',
      );
      process.exit(1);
    }
    console.log(`\n✓ Initial JavaScript is within the ${size.budgetKb} kB budget (gzipped).`);
    return;
  }
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`Chromium not found at ${CHROMIUM_PATH} (set CHROMIUM_PATH)`);
  log('generating maps and timing the Node side…');
  const cases = makeCases();
  const results = new Map<string, Json>();
  for (const c of cases) {
    const runs = runsFor(c.map.nodes.length);
    const parsed = parseMap(c.text, { brokenQuotes: 'warn' });
    if (!parsed.ok)
      throw new Error(`${c.label}: the generated map does not parse (${parsed.error.kind})`);
    const stages = timeStages(c.bytes, false, runs.nodeParse);
    results.set(c.key, {
      key: c.key,
      nodes: c.map.nodes.length,
      edges: c.map.edges.length,
      quotes: c.map.nodes.reduce((n, node) => n + node.evidence.length, 0),
      fileKb: round(c.bytes.length / 1000, 0),
      node: {
        parseMs: round(
          timeRuns(() => openPipeline(c.bytes), runs.nodeParse),
          2,
        ),
        stagesMs: roundAll(stages as unknown as Json),
        layoutMs: round(
          timeRuns(() => layoutMap(parsed.map), runs.nodeParse),
          2,
        ),
      },
    });
  }
  // 10,000 nodes, the node cap: the whole open pipeline, and its stages one by one.
  const big = generateMap(10_000);
  const bigBytes = Buffer.from(serializeMap(big));
  const bigOpen = timeRuns(() => openPipeline(bigBytes), 3, 1);
  const bigStages = timeStages(bigBytes, true, 7);
  log('measuring the memory that undo history takes…');
  const { measureHistoryMemory } = await import('./historyMemory');
  const historyMemory = measureHistoryMemory(5000, 300);
  log('measuring edit latency on a 5,000-node map, solo and shared through Yjs…');
  const { measureEditLatency } = await import('./editLatency');
  const editLatency = measureEditLatency(5000, 200);
  log('timing `clashmap validate` on a 5,000-node file, as a user runs it…');
  const cliDir = mkdtempSync(join(os.tmpdir(), 'clashmap-bench-cli-'));
  let cliValidateMs: number | null = null;
  try {
    cliValidateMs = measureCliValidate(ROOT, serializeMap(generateMap(5000)), cliDir, 5);
  } catch (error) {
    log(`clashmap validate failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    rmSync(cliDir, { recursive: true, force: true });
  }
  log('timing a class comparison (30 students, 100 nodes each)…');
  const { measureCompare } = await import('./compareClass');
  const compareTiming = measureCompare(100, 30, 5);
  let compareChromiumMs: number | null;

  const pages = await buildBenchPages();
  const fixtures = new Map<string, Buffer>();
  for (const c of cases) {
    fixtures.set(`/fixtures/${c.key}.clashmap.json`, c.bytes);
    fixtures.set(`/fixtures/${c.key}.bare.json`, c.bare);
  }
  fixtures.set('/fixtures/10000.clashmap.json', bigBytes);
  const bench = await serveStatic(pages, fixtures);
  // The app server's request log, for the first load: what was downloaded, how often, when.
  const appRequests: LoadRequest[] = [];
  const policy = canvasPolicy(ROOT);
  let firstLoad: Awaited<ReturnType<typeof measureFirstLoads>> | null;
  const appServer = await preview({
    root: ROOT,
    plugins: [
      {
        name: 'bench:request-log',
        configurePreviewServer(server) {
          server.middlewares.use((req, res, next) => {
            const entry: LoadRequest = { url: req.url ?? '', at: Date.now() };
            appRequests.push(entry);
            const write = res.write.bind(res) as (...args: unknown[]) => boolean;
            const end = res.end.bind(res) as (...args: unknown[]) => unknown;
            let bytes = 0;
            const count = (chunk: unknown) => {
              if (chunk && typeof chunk !== 'function')
                bytes += Buffer.byteLength(chunk as string | Buffer);
            };
            res.write = ((...args: unknown[]) => {
              count(args[0]);
              return write(...args);
            }) as typeof res.write;
            res.end = ((...args: unknown[]) => {
              count(args[0]);
              entry.bytes = bytes;
              return end(...args);
            }) as typeof res.end;
            next();
          });
        },
      },
    ],
    build: { outDir: app.dist },
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
    logLevel: 'silent',
  });
  const appUrl = appServer.resolvedUrls?.local[0];
  if (!appUrl) throw new Error('vite preview did not report a URL');

  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: FLAGS,
    headless: true,
  });
  const chromiumVersion = browser.version();
  let bigBrowser: (StageTimes & { fastest: number }) | undefined;
  try {
    log('timing parse + validate in Chromium…');
    {
      const errors: string[] = [];
      const { context, page } = await newPage(browser, errors);
      await page.goto(`${bench.url}/parse/index.html`);
      await waitUntil(page, 'typeof window.__benchParse === "function"', 30_000);
      for (const c of cases) {
        const runs = runsFor(c.map.nodes.length).browserParse;
        const ms = await evaluate<number>(
          page,
          `window.__benchParse(${JSON.stringify(`/fixtures/${c.key}.clashmap.json`)}, ${runs})`,
        );
        results.get(c.key)!.browser = { parseMs: round(ms, 2) };
      }
      bigBrowser = await evaluate<StageTimes & { fastest: number }>(
        page,
        `window.__benchStages('/fixtures/10000.clashmap.json', true, 5)`,
      );
      compareChromiumMs = await evaluate<number>(page, 'window.__benchCompare(100, 30, 5)');
      if (errors.length) log(`parse page errors: ${errors.join('; ')}`);
      await context.close();
    }
    for (const c of cases) {
      const { open: runs, gestureSteps } = runsFor(c.map.nodes.length);
      log(
        `${c.label}: Clashmap, like-for-like page, all-nodes page, alternating (${runs} repetitions; drag, pan, layout, zoom out on the first)…`,
      );
      const measured = await measureCase(browser, appUrl, bench.url, c, runs, gestureSteps, policy);
      const r = results.get(c.key)!;
      Object.assign(r, measured);
      const appMs = (measured.app.open as Json).medianMs as number | null;
      const fairMs = measured.bare.medianMs as number | null;
      const allMs = measured.bareAll.medianMs as number | null;
      r.openRatio = appMs && fairMs ? round(appMs / fairMs, 2) : null;
      r.openRatioAll = appMs && allMs ? round(appMs / allMs, 2) : null;
    }
    log('first load of the article map, with and without the service worker…');
    const article = cases.find((c) => c.key === 'article')!;
    const firstLoadExpect = {
      count: article.map.nodes.length,
      title: article.map.title,
      notTransform: null,
      timeout: 60_000,
    };
    const bareQuery = new URLSearchParams({
      mode: 'fair',
      visibleOnlyAbove: String(policy.visibleOnlyAbove),
      overviewMax: String(policy.overviewMax),
      load: '/fixtures/article.bare.json',
    });
    firstLoad = await measureFirstLoads(
      browser,
      appUrl,
      `${bench.url}/bare/index.html?${bareQuery}`,
      firstLoadExpect,
      HOOKS,
      appRequests,
      3,
    );
  } finally {
    await browser.close();
    await appServer.close();
    bench.server.close();
    rmSync(pages, { recursive: true, force: true });
    if (app.temp) rmSync(app.temp, { recursive: true, force: true });
  }

  // Targets
  const at = (n: number) => results.get(String(n));
  const g = (r: Json | undefined, path: string) =>
    path
      .split('.')
      .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Json)[k] : undefined), r) as
      number | null | undefined;
  const checks: Check[] = [];
  const r1000 = at(1000);
  const open1000 = g(r1000, 'app.open.medianMs');
  checks.push({
    target: `1,000-node map opens in under ${TARGETS.open1000Ms} ms`,
    value: open1000 == null ? 'not measured' : `${open1000} ms`,
    ok: open1000 == null ? null : open1000 < TARGETS.open1000Ms,
  });
  const ratio1000 = g(r1000, 'openRatio');
  checks.push({
    target: `1,000-node open within ${TARGETS.openRatio1000}× of bare React Flow`,
    value:
      ratio1000 == null ? 'not measured' : `${ratio1000}× (bare ${g(r1000, 'bare.medianMs')} ms)`,
    ok: ratio1000 == null ? null : ratio1000 <= TARGETS.openRatio1000,
  });
  const dragDefault = g(r1000, 'app.defaultZoom.drag.p95');
  const dragOut = g(r1000, 'app.zoomedOut.drag.p95');
  checks.push({
    target: `drag p95 under ${TARGETS.dragP95Ms} ms at 1,000 nodes (default zoom)`,
    value: dragDefault == null ? 'not measured' : `${dragDefault} ms`,
    ok: dragDefault == null ? null : dragDefault < TARGETS.dragP95Ms,
  });
  checks.push({
    target: `drag p95 under ${TARGETS.dragP95Ms} ms at 1,000 nodes (zoomed out)`,
    value: dragOut == null ? 'not measured' : `${dragOut} ms`,
    ok: dragOut == null ? null : dragOut < TARGETS.dragP95Ms,
  });
  for (const c of cases) {
    const longest = g(results.get(c.key), 'app.layout.longestTaskMs');
    checks.push({
      target: `no main-thread task over ${TARGETS.layoutLongTaskMs} ms during auto-layout (${c.label})`,
      value: longest == null ? 'not measured' : longest === 0 ? 'none ≥ 50 ms' : `${longest} ms`,
      ok: longest == null ? null : longest <= TARGETS.layoutLongTaskMs,
    });
  }
  checks.push({
    target: `10,000-node import under ${TARGETS.import10kMs} ms (Node)`,
    value: `${round(bigStages.total)} ms median, ${round(bigStages.fastest)} ms fastest`,
    ok: bigStages.total < TARGETS.import10kMs,
    note: `the stages of parseMap timed one by one; Chromium ${round(bigBrowser?.total)} ms median`,
  });
  const r5000 = at(5000);
  if (r5000) {
    const opened = g(r5000, 'app.open.ok') as unknown as boolean | undefined;
    const progress = g(r5000, 'app.open.progressSeen') as unknown as string | null | undefined;
    checks.push({
      target: '5,000-node map opens at all',
      value: opened ? `${g(r5000, 'app.open.medianMs')} ms` : 'did not open',
      ok: Boolean(opened),
    });
    checks.push({
      target: '5,000-node map shows progress while opening',
      value: progress ? `seen: "${progress.slice(0, 40)}"` : 'no progress indicator seen',
      ok: Boolean(progress),
    });
  }
  checks.push({
    target: `300 small edits on a 5,000-node map add under ${TARGETS.historyMb} MB of heap, undo history included`,
    value: `${round(historyMemory.growthMb, 2)} MB for ${historyMemory.undoSteps} undo steps (the edits' own content ${round(historyMemory.contentMb, 2)} MB, the history ${round(historyMemory.historyMb, 2)} MB)`,
    ok: historyMemory.growthMb < TARGETS.historyMb,
    note: `a whole-map snapshot per step (the old history) would keep ${round(historyMemory.snapshotMb, 1)} MB each, ${round((historyMemory.snapshotMb * historyMemory.undoSteps) / historyMemory.growthMb, 0)}× the growth measured`,
  });
  checks.push({
    target: 'a text edit on a 5,000-node map shared through Yjs, against the same edit solo',
    value: `${round(editLatency.sharedMs / editLatency.soloMs, 2)}× (solo ${round(editLatency.soloMs, 2)} ms, shared ${round(editLatency.sharedMs, 2)} ms)`,
    ok: null,
    note: `a peer's edit is applied in ${round(editLatency.remoteMs, 2)} ms; one edit sends ${editLatency.updateBytes} bytes`,
  });
  const compareWorst = Math.max(compareTiming.medianMs, compareChromiumMs ?? 0);
  checks.push({
    target: `30 students' 100-node maps compared against a 100-node model in under ${TARGETS.compareClassMs} ms (Node and Chromium)`,
    value: `Node ${round(compareTiming.medianMs, 0)} ms, Chromium ${compareChromiumMs === null ? 'not measured' : `${round(compareChromiumMs, 0)} ms`}`,
    ok: compareWorst < TARGETS.compareClassMs,
    note: `compareClass from src/compare, the code the CLI and the compare view run; mean claim recall ${round(compareTiming.meanClaimRecall, 2)}`,
  });
  checks.push({
    target: `initial JavaScript under ${TARGETS.initialJsKb} kB gzipped`,
    value: `${size.initialGzipKb} kB`,
    ok: size.ok,
  });

  const goals = goalRows(results, {
    initialJsKb: size.initialGzipKb,
    historyKbPerEdit: historyMemory.historyKbPerEdit,
    cliValidateMs,
    firstLoad,
  });
  printTable(cases, results);
  printSize(size);
  console.log(
    `\n10,000-node import (the node cap; stages of parseMap timed one by one), median: ` +
      `Node ${round(bigStages.total)} ms (fastest ${round(bigStages.fastest)}) [${Object.entries(
        bigStages,
      )
        .filter(([k]) => k !== 'total' && k !== 'fastest')
        .map(([k, v]) => `${k} ${round(v)}`)
        .join(', ')}]; Chromium ${round(bigBrowser?.total)} ms. ` +
      `decodeMapBytes + parseMap in one go: ${round(bigOpen)} ms.`,
  );
  printChecks(checks);
  const notes = [
    'open → drawn: from the file input’s change event (after “Open map” and the file chooser) to the first frame after every node of the map is in the DOM with React Flow’s measuring visibility:hidden lifted and the app has framed the map (it frames after measuring and re-laying out). Bare: from the graph JSON in hand (fetched beforehand) to the same condition after fitView.',
    'Frame times: gaps between requestAnimationFrame callbacks while 60 input events (30 at 5,000 nodes) are sent 16 ms apart, as a mouse reports (mouse moves of 3,2 px for drag; wheel steps of 40 px for pan: the app pans on scroll, and the bare page is given panOnScroll too).',
    'Longest task: PerformanceObserver longtask entries (the browser reports tasks of 50 ms or more only, so 0 means none ≥ 50 ms) overlapping click → layout applied → fitView animation settled, or, while opening, the file input’s change → drawn. Of a task that began before the clock started only the part after counts: the change event ends a task of the test driver’s (Playwright builds the chosen file in the page from base64, 265–400 ms for a 5,000-node file), which a person choosing a file never waits for.',
    'Heap: CDP Runtime.getHeapUsage usedSize after HeapProfiler.collectGarbage, once the opened map is drawn.',
    'Parse + validate: decodeMapBytes + parseMap(text, { brokenQuotes: "warn" }), the app’s open pipeline; Node via tsx, Chromium via the same modules bundled by Vite for production; median after 2 warm-up runs.',
    'Class comparison: compareClass (src/compare) on a seeded synthetic 100-node model and 30 students’ maps made from it (bench/compareClass.ts: three in four claims reworded, half the quotes kept, relations dropped, reversed or of the other kind); median of 5 runs after one warm-up, in Node and on the parse page in Chromium.',
    'Baselines: the like-for-like page (bench/bare, mode=fair) is controlled through an external store, draws only the nodes in view above the app’s LARGE_MAP_NODES and shows the overview map up to its OVERVIEW_MAX_NODES (both read from MapCanvas.tsx); the all-nodes page (mode=all) is uncontrolled and draws every node. Both start from the graph’s text in hand, with the node positions Clashmap’s layout gives. Ratios in the goals table are against the like-for-like page.',
    'Repetitions: every map 3×, the app and the two baselines alternating (app, like-for-like, all-nodes; again), so that load elsewhere falls on all three; opens are the median of 3. Drag, pan, layout and heap on the first repetition; edits on every one.',
    `Painted time (typing, commit, undo, first frame of a drag): from the input event’s timestamp to the animation frame after the one in which the node first shows the change (its text, its editor closed, its text gone, its position), i.e. the first frame painted with it. Typing: 4 keys per edit, p95 over all; commit: Enter; undo: Ctrl+Z on the last 2 edits; 6 edits on the first repetition, 3 on the others. The edits start ${EDIT_PAUSE_MS / 1000} s after the map is drawn (or the pan ends), on both pages: before, they started four frames after, and the first key shared the machine with the open’s tail (Clashmap’s routing of a large map’s lines in a worker and the first view’s raster), which no figure here times. The like-for-like page makes the same single-node update by keys (a character appends to the label, Enter marks it committed, Ctrl+Z puts the label back).`,
    'Heap growth per edit (browser): used heap after GC before and after the 6 edits of the first repetition, divided by 6 (noisy: GC timing). History memory (Node): 300 small edits on a 5,000-node map through the store, after the same edits on a throwaway map (so compiled code is not counted); heap growth after GC, split into what clearing the history frees (the history’s cost, divided by the 300 steps: the goal’s figure) and what stays (the edits’ own content: new claims and relations, the map’s new arrays) (bench/historyMemory.ts).',
    'First load: a fresh browser context opens the app (its first map, the article map) and the like-for-like page loading the article graph as it starts; first paint is first-contentful-paint, drawn is the open clock from navigation. Second load: the same context reloaded once the service worker controls the page. Downloaded twice: JavaScript the server sent with a body more than once during the first visit (the precache included); precache requests are those the service worker made, counted before the map was drawn.',
    'clashmap validate: node scripts/clashmap.mjs validate on a 5,000-node file (what npm run clashmap runs), wall time, median of 5 after one run that builds the compiled CLI when stale.',
    `Load: the bench refuses to measure when the 1-minute load average is over ${MAX_LOAD_PER_CPU} per CPU at the start, and to write results when it is at the end, unless --force is given (results then carry forced: true).`,
  ];
  const output = {
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? null,
      memoryGb: round(os.totalmem() / 1024 ** 3, 1),
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
      chromium: chromiumVersion,
      date: new Date().toISOString(),
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: os.loadavg().map((n) => round(n, 2)),
      ...gitInfo(),
    },
    settings: {
      viewport: VIEWPORT,
      inputIntervalMs: INPUT_INTERVAL_MS,
      runs: Object.fromEntries(cases.map((c) => [c.key, runsFor(c.map.nodes.length)])),
      flags: FLAGS,
      sizes: SIZES,
    },
    notes,
    targets: TARGETS,
    checks,
    initialJs: size,
    import10k: {
      nodes: big.nodes.length,
      edges: big.edges.length,
      fileKb: round(bigBytes.length / 1000, 0),
      nodeMs: roundAll(bigStages as unknown as Json),
      chromiumMs: bigBrowser ? roundAll(bigBrowser as unknown as Json) : null,
      openPipelineMs: round(bigOpen),
    },
    historyMemory,
    goals,
    firstLoad,
    cliValidateMs: round(cliValidateMs),
    forced: flag('force'),
    compareClass: { node: compareTiming, chromiumMs: compareChromiumMs },
    maps: cases.map((c) => results.get(c.key)),
    durationS: round((Date.now() - started) / 1000, 0),
  };
  printGoals(goals);
  const out = option('out') ? resolve(option('out')!) : RESULTS_FILE;
  const loadAtEnd = os.loadavg()[0]!;
  if (loadAtEnd > maxLoad && !flag('force')) {
    console.error(
      `\n✗ Load average ${round(loadAtEnd, 2)} at the end is over ${MAX_LOAD_PER_CPU} per CPU (${maxLoad}): the figures above are skewed, so ${relative(process.cwd(), out) || out} was not written (--force writes it anyway).`,
    );
    process.exitCode = 3;
    return;
  }
  writeFileSync(out, `${JSON.stringify(output, null, 2)}\n`);
  console.log(`\nNotes:\n${notes.map((n) => `  - ${n}`).join('\n')}`);
  console.log(
    `\nMachine: ${output.machine.cpus} CPUs, Node ${output.machine.node}, Chromium ${chromiumVersion}; load average ${loadAtStart.join(', ')} at start, ${output.machine.loadAverageAtEnd.join(', ')} at end.`,
  );
  console.log(`Wrote ${relative(process.cwd(), out) || out} in ${output.durationS} s.`);
}
