// The parts of `npm run bench` that issue 13's fair comparison added: edits timed to the painted
// frame (typing, commit, undo), the frame a drag starts on, the app's first load (with and
// without its service worker), `clashmap validate` as a user runs it, and the goals table.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { evaluate, round, VIEWPORT, waitUntil, type Json } from './run';
import { missLine } from './missReasons';

/** The app's canvas policy, read from its source so that the fair page follows it. */
export function canvasPolicy(root: string) {
  const source = ['MapCanvas.tsx', 'canvasScale.ts']
    .map((file) => readFileSync(join(root, 'src/components', file), 'utf8'))
    .join('\n');
  const constant = (name: string) => {
    const match = new RegExp(`export const ${name} = ([\\d_]+);`).exec(source);
    if (!match) throw new Error(`bench: ${name} not found in MapCanvas.tsx or canvasScale.ts`);
    return Number(match[1]!.replace(/_/g, ''));
  };
  return {
    visibleOnlyAbove: constant('LARGE_MAP_NODES'),
    overviewMax: constant('OVERVIEW_MAX_NODES'),
  };
}

/** Arms the painted-time clock for the next `type` event, sends it, waits for the frame. */
export async function painted(
  page: Page,
  spec: Json,
  send: () => Promise<void>,
  type = 'keydown',
): Promise<number | null> {
  await evaluate(page, `window.__bench.armPaint(${JSON.stringify(spec)}, ${JSON.stringify(type)})`);
  await send();
  await waitUntil(page, 'window.__bench.paint !== null', 35_000, 5);
  return evaluate<number | null>(page, 'window.__bench.paint.ms');
}

export async function usedHeapKb(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usage.usedSize / 1024;
}

export interface EditTimes {
  nodeId?: string;
  typingMs: number[];
  commitMs: number[];
  undoMs: number[];
  heapPerEditKb: number | null;
  error?: string;
}

const SUFFIX = (e: number) => `q${e % 10}zx`;

/**
 * Edits the node nearest the middle of the view `edits` times: four characters typed (each
 * timed from its keydown to the painted frame that shows it), Enter (to the frame with the
 * editor closed and the text on the card), then Ctrl+Z on the last `undos` edits (to the frame
 * without the text). The app is edited as a user does (double-click, F2, the card's editor);
 * the bare page by keys that replace the node's label in its store (bare/main.tsx).
 */
export async function measureEdits(
  page: Page,
  kind: 'app' | 'bare',
  edits: number,
  undos: number,
  withHeap: boolean,
): Promise<EditTimes> {
  const out: EditTimes = { typingMs: [], commitMs: [], undoMs: [], heapPerEditKb: null };
  const grab = await evaluate<{ x: number; y: number; id: string } | null>(
    page,
    'window.__bench.grabPoint()',
  );
  if (!grab) return { ...out, error: 'no node to edit in view' };
  const id = grab.id;
  out.nodeId = id;
  const idJson = JSON.stringify(id);
  const heapBefore = withHeap ? await usedHeapKb(page) : null;
  if (kind === 'bare') await evaluate(page, `window.__benchEditBare(${idJson})`);
  for (let e = 0; e < edits; e++) {
    let base: string;
    if (kind === 'app') {
      if (e === 0) await page.mouse.dblclick(grab.x, grab.y);
      else await page.keyboard.press('F2');
      await waitUntil(
        page,
        `document.activeElement?.tagName === 'TEXTAREA' && document.activeElement.closest('.react-flow__node')?.getAttribute('data-id') === ${idJson}`,
        30_000,
        20,
      );
      await page.keyboard.press('Control+End');
      base = await evaluate<string>(page, 'document.activeElement.value');
    } else {
      base = await evaluate<string>(
        page,
        `window.__bench.nodeText(${idJson}).split('\\u0001')[0].trim()`,
      );
    }
    let typed = base;
    for (const ch of SUFFIX(e)) {
      typed += ch;
      const ms = await painted(page, { id, has: typed }, () => page.keyboard.press(ch));
      if (ms !== null) out.typingMs.push(ms);
    }
    const ms = await painted(
      page,
      kind === 'app' ? { id, has: typed, editing: false } : { id, cls: 'committed' },
      () => page.keyboard.press('Enter'),
    );
    if (ms !== null) out.commitMs.push(ms);
    await evaluate(page, 'window.__bench.frames(3)');
  }
  if (heapBefore !== null) out.heapPerEditKb = ((await usedHeapKb(page)) - heapBefore) / edits;
  for (let u = 0; u < Math.min(undos, edits); u++) {
    const ms = await painted(page, { id, lacks: SUFFIX(edits - 1 - u) }, () =>
      page.keyboard.press('Control+z'),
    );
    if (ms !== null) out.undoMs.push(ms);
    await evaluate(page, 'window.__bench.frames(3)');
  }
  return out;
}

/** The frame on which a drag starts: first pointer move after the press → the node drawn moved. */
export async function armDragStart(page: Page, id: string, before: string | null) {
  await evaluate(
    page,
    `window.__bench.armPaint(${JSON.stringify({ id, notTransform: before ?? '' })}, 'pointermove')`,
  );
}
export async function dragStartMs(page: Page) {
  await waitUntil(page, 'window.__bench.paint !== null', 35_000, 5);
  return evaluate<number | null>(page, 'window.__bench.paint.ms');
}

export interface LoadRequest {
  url: string;
  at: number;
  bytes?: number;
}

export interface FirstLoad {
  firstPaintMs: number | null;
  drawnMs: number | null;
  /** Second visit, the service worker controlling the page. */
  withWorker?: { firstPaintMs: number | null; drawnMs: number | null; fromWorker: boolean };
  /** JavaScript files the server sent more than once during the first visit. */
  jsTwice?: string[];
  jsFiles?: number;
  jsKb?: number;
  /** Requests for the precache that reached the server before the map was drawn. */
  precachedBeforeDrawn?: number;
  precacheRequests?: number;
  error?: string;
}

async function loadTimed(
  browser: Browser,
  url: string,
  expect: Json,
  hooks: string,
  twice: boolean,
  requests?: LoadRequest[],
): Promise<FirstLoad> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript({
    content: `window.__benchExpectAtStart = ${JSON.stringify(expect)};`,
  });
  await context.addInitScript({ content: hooks });
  const fromWorker: LoadRequest[] = [];
  context.on('request', (request) => {
    if (request.serviceWorker()) fromWorker.push({ url: request.url(), at: Date.now() });
  });
  const page = await context.newPage();
  const visit = async () => {
    await waitUntil(page, 'window.__bench && window.__bench.ready !== null', 60_000, 20);
    return evaluate<{ fcp: number | null; drawn: number | null; at: number; origin: number }>(
      page,
      `(() => { const p = performance.getEntriesByName('first-contentful-paint')[0];
        const r = window.__bench.ready;
        return { fcp: p ? p.startTime : null, drawn: r.ok ? r.ms : null, at: r.at, origin: performance.timeOrigin }; })()`,
    );
  };
  try {
    if (requests) requests.length = 0;
    await page.goto(url);
    const first = await visit();
    const result: FirstLoad = { firstPaintMs: round(first.fcp), drawnMs: round(first.drawn) };
    if (twice || requests) {
      // The service worker installs after the map is drawn and precaches; wait for it to finish.
      await waitUntil(
        page,
        `navigator.serviceWorker && navigator.serviceWorker.controller !== null`,
        60_000,
        200,
      ).catch(() => undefined);
    }
    if (requests) {
      const drawnWall = first.origin + first.at;
      let quietSince = Date.now();
      let seen = requests.length;
      while (Date.now() - quietSince < 1500) {
        await new Promise((r) => setTimeout(r, 250));
        if (requests.length !== seen) {
          seen = requests.length;
          quietSince = Date.now();
        }
      }
      // A download is a response with a body: a revalidation answered 304 sends none.
      const js = requests.filter(
        (r) => /\.js$/.test(new URL(r.url, 'http://x').pathname) && (r.bytes ?? 0) > 0,
      );
      const counts = new Map<string, number>();
      for (const r of js) counts.set(r.url, (counts.get(r.url) ?? 0) + 1);
      result.jsTwice = [...counts].filter(([, n]) => n > 1).map(([u]) => u);
      result.jsFiles = counts.size;
      result.jsKb = round(js.reduce((sum, r) => sum + (r.bytes ?? 0), 0) / 1000, 0) ?? undefined;
      result.precacheRequests = fromWorker.length;
      result.precachedBeforeDrawn = fromWorker.filter((r) => r.at < drawnWall).length;
    }
    if (twice) {
      await page.reload();
      const second = await visit();
      const controlled = await evaluate<boolean>(
        page,
        'navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined',
      );
      result.withWorker = {
        firstPaintMs: round(second.fcp),
        drawnMs: round(second.drawn),
        fromWorker: controlled,
      };
    }
    return result;
  } catch (error) {
    return {
      firstPaintMs: null,
      drawnMs: null,
      error: error instanceof Error ? error.message : String(error),
    };
  } finally {
    await context.close();
  }
}

/**
 * The first visit to the app (the article map is its first map), then a second visit served by
 * its service worker; and the bare page loading the same graph as it starts. `requests` is the
 * app server's request log (filled by the bench's preview middleware).
 */
export async function measureFirstLoads(
  browser: Browser,
  appUrl: string,
  bareUrl: string,
  expect: Json,
  hooks: string,
  requests: LoadRequest[],
  runs: number,
) {
  const app: FirstLoad[] = [];
  const bare: FirstLoad[] = [];
  for (let r = 0; r < runs; r++) {
    app.push(await loadTimed(browser, appUrl, expect, hooks, true, r === 0 ? requests : undefined));
    bare.push(await loadTimed(browser, bareUrl, { ...expect, title: null }, hooks, false));
  }
  return { app, bare };
}

/** `clashmap validate FILE` as a user runs it (npm run clashmap's script): wall time, median. */
export function measureCliValidate(root: string, fileText: string, dir: string, runs: number) {
  const file = join(dir, 'validate-5000.clashmap.json');
  writeFileSync(file, fileText);
  const run = () => {
    const start = performance.now();
    execFileSync(process.execPath, [join(root, 'scripts/clashmap.mjs'), 'validate', file], {
      cwd: root,
      stdio: 'ignore',
    });
    return performance.now() - start;
  };
  run(); // builds the compiled CLI when it is stale
  const times = Array.from({ length: runs }, run).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export function p95(values: readonly number[]) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
}
export function medianOf(values: readonly number[]) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface GoalRow {
  measure: string;
  size: string;
  app: number | null;
  fair: number | null;
  all?: number | null;
  unit: string;
  goal: string;
  /** true pass, false miss, null not measured / no goal. */
  pass: boolean | null;
  /** For a miss: by how much (against the goal, and the baseline where the goal is a ratio). */
  by?: string;
  /** For a miss: why (bench/missReasons.ts). */
  why?: string;
}

/** By how much a missed goal is missed, and why (bench/missReasons.ts). */
export function shortfall(r: GoalRow): Pick<GoalRow, 'by' | 'why'> {
  const why = missLine(r.measure);
  if (r.app === null) return { by: 'not measured (see the errors above)', why };
  const app = r.app;
  const unit = r.unit.trim();
  const ratio = /^≤ ([\d.]+)×$/.exec(r.goal);
  if (ratio && r.fair) {
    const limit = Number(ratio[1]);
    return {
      by: `${round(app / r.fair, 2)}× against ${r.goal}: ${round(app - limit * r.fair)} ${unit} more than ${limit}× the like-for-like page’s ${round(r.fair)} ${unit}`,
      why,
    };
  }
  const bound = /^[≤<]?\s*([\d.]+)\s*(ms|kB|s)?$/.exec(r.goal);
  if (bound) {
    const limit = Number(bound[1]) * (bound[2] === 's' && unit === 'ms' ? 1000 : 1);
    return {
      by: `${round(app)}${r.unit} against ${r.goal}: ${round(app - limit)}${r.unit} over`,
      why,
    };
  }
  return { by: `${round(app)}${r.unit} against ${r.goal}`, why };
}

export function printGoals(rows: GoalRow[]) {
  const fmt = (v: number | null | undefined, unit: string) =>
    v === null || v === undefined ? '–' : `${round(v)}${unit}`;
  const ratio = (a: number | null, b: number | null | undefined) =>
    a === null || b === null || b === undefined || b === 0 ? '–' : `${round(a / b, 2)}×`;
  const table = rows.map((r) => [
    r.measure,
    r.size,
    fmt(r.app, r.unit),
    fmt(r.fair, r.unit),
    ratio(r.app, r.fair),
    fmt(r.all, r.unit),
    r.goal,
    r.pass === null ? '?' : r.pass ? 'pass' : 'MISS',
  ]);
  const head = [
    'measure',
    'size',
    'Clashmap',
    'fair baseline',
    'ratio',
    'all-nodes page',
    'goal',
    '',
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i < 2 || i === 6 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ');
  console.log('\nIssue 13 goals (ratio = Clashmap / like-for-like bare React Flow, same run)');
  console.log(line(head));
  console.log('-'.repeat(widths.reduce((a, b) => a + b + 2, 0)));
  for (const row of table) console.log(line(row));
  const missed = rows.filter((r) => r.pass === false);
  console.log(
    missed.length === 0
      ? '\nEvery goal measured is met.'
      : `\n${missed.length} goal${missed.length === 1 ? '' : 's'} missed: by how much, and why`,
  );
  for (const r of missed)
    console.log(
      `\n  ✗ ${r.measure.trim()}, ${r.size}: ${r.by ?? 'not measured'}.\n    ${r.why ?? ''}`,
    );
}
