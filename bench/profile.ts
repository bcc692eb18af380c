// `npm run bench -- --profile 1000`: where the time goes when Clashmap opens, drags, pans and
// auto-lays out one map. Records a V8 CPU profile and a Chromium trace of each phase, prints the
// main thread's split (script, style, layout, paint, GC) and the functions and modules with the
// most self time, mapped through the build's source maps. The .cpuprofile files are kept in a
// temp dir for Chrome DevTools (Performance panel → Load profile).
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { preview } from 'vite';
import {
  CHROMIUM_PATH,
  FLAGS,
  ROOT,
  buildApp,
  evaluate,
  log,
  makeCases,
  measureDrag,
  measureLayout,
  measurePan,
  openApp,
  openInApp,
  round,
  waitUntil,
  zoomOutFully,
  type MapCase,
} from './run';
import { generateMap } from './generate';
import { measureEdits, painted } from './fair';
import { serializeMap } from '../src/io/serialize';

interface CpuProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface CpuProfile {
  nodes: CpuProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

const TRACE_CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink',
  'v8',
];

/** Source maps of the built app, by asset URL path. */
class SourceMaps {
  private maps = new Map<string, TraceMap | null>();
  constructor(private dist: string) {}

  locate(url: string, line: number, column: number) {
    let path: string;
    try {
      path = new URL(url).pathname;
    } catch {
      return null;
    }
    if (!this.maps.has(path)) {
      const file = join(this.dist, `${path}.map`);
      this.maps.set(path, existsSync(file) ? new TraceMap(readFileSync(file, 'utf8')) : null);
    }
    const map = this.maps.get(path);
    if (!map) return null;
    const found = originalPositionFor(map, { line: line + 1, column });
    return found.source ? { source: found.source, line: found.line ?? 0, name: found.name } : null;
  }
}

/** Which package or app folder a source belongs to. */
function moduleOf(source: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (pkg) return pkg[1]!;
  const app = /(src\/.*)$/.exec(source);
  return app ? app[1]! : source;
}

/**
 * Self time by function and module, and the app's functions' inclusive time, from the samples
 * taken between `from` and `to` (µs, the profile's and the trace's clock) or from all of them.
 */
function summarizeProfile(
  profile: CpuProfile,
  maps: SourceMaps,
  window?: { from: number; to: number },
  counts = { functions: 15, modules: 12, app: 12 },
) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMs = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (window && (at < window.from || at > window.to)) return;
    selfMs.set(id, (selfMs.get(id) ?? 0) + delta / 1000);
  });
  const functions = new Map<string, number>();
  const modules = new Map<string, number>();
  let total = 0;
  for (const [id, ms] of selfMs) {
    const frame = byId.get(id)!.callFrame;
    total += ms;
    let fnKey: string;
    let modKey: string;
    if (!frame.url) {
      fnKey = frame.functionName || '(anonymous)';
      modKey = fnKey.startsWith('(') ? fnKey : '(native)';
    } else {
      const at = maps.locate(frame.url, frame.lineNumber, frame.columnNumber);
      if (at) {
        const source = at.source.replace(/^(\.\.\/)+/, '');
        modKey = moduleOf(source);
        fnKey = `${frame.functionName || at.name || '(anonymous)'}  ${source.replace(/^.*node_modules\//, '')}:${at.line}`;
      } else {
        modKey = frame.url.replace(/^https?:\/\/[^/]+/, '');
        fnKey = `${frame.functionName || '(anonymous)'}  ${modKey}:${frame.lineNumber + 1}`;
      }
    }
    functions.set(fnKey, (functions.get(fnKey) ?? 0) + ms);
    modules.set(modKey, (modules.get(modKey) ?? 0) + ms);
  }
  // Inclusive time of the app's own functions (src/): what each costs with everything it calls.
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const appFrame = new Map<number, string | null>();
  const appKeyOf = (id: number): string | null => {
    if (appFrame.has(id)) return appFrame.get(id)!;
    const frame = byId.get(id)!.callFrame;
    const at = frame.url ? maps.locate(frame.url, frame.lineNumber, frame.columnNumber) : null;
    const source = at ? /(?:^|\/)(src\/.*)$/.exec(at.source)?.[1] : undefined;
    const key = source
      ? `${frame.functionName || at?.name || '(anonymous)'}  ${source}:${at!.line}`
      : null;
    appFrame.set(id, key);
    return key;
  };
  const inclusive = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = appKeyOf(at);
      if (key && !seen.has(key)) {
        seen.add(key);
        inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
      }
    }
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => ({ what: k, ms: round(v)! }));
  return {
    totalMs: round(total),
    functions: top(functions, counts.functions),
    modules: top(modules, counts.modules),
    appInclusive: top(inclusive, counts.app),
  };
}

/** The renderer main thread's busy time split into script, style, layout, paint and GC. */
function summarizeTrace(buffer: Buffer) {
  const main = mainThreadOf(buffer);
  if (!main) return null;
  const { events, best } = main;
  const sum = (names: string[], from = -Infinity, to = Infinity) =>
    events
      .filter(
        (e) =>
          e.pid === best.pid &&
          e.tid === best.tid &&
          e.ph === 'X' &&
          names.includes(e.name) &&
          e.ts >= from &&
          e.ts <= to,
      )
      .reduce((total, e) => total + (e.dur ?? 0), 0) / 1000;
  const split = (from?: number, to?: number) => ({
    styleMs: round(sum(['UpdateLayoutTree'], from, to)),
    layoutMs: round(sum(['Layout'], from, to)),
    prePaintMs: round(sum(['PrePaint'], from, to)),
    paintMs: round(sum(['Paint'], from, to)),
    layerizeCommitMs: round(sum(['Layerize', 'UpdateLayer', 'Commit'], from, to)),
    gcMs: round(sum(['MajorGC', 'MinorGC', 'V8.GCScavenger', 'V8.GCFinalizeMC'], from, to)),
    hitTestMs: round(sum(['HitTest'], from, to)),
  });
  // The main thread's longest tasks (50 ms and over), each with its own split.
  const longest = events
    .filter(
      (e) =>
        e.pid === best.pid &&
        e.tid === best.tid &&
        e.ph === 'X' &&
        e.name === 'RunTask' &&
        (e.dur ?? 0) >= 50_000,
    )
    .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
    .slice(0, 5)
    .map((e) => ({
      from: e.ts,
      to: e.ts + (e.dur ?? 0),
      ms: round((e.dur ?? 0) / 1000)!,
      ...split(e.ts, e.ts + (e.dur ?? 0)),
    }));
  return { busyMs: round(best.busy / 1000), ...split(), longest };
}

/** The trace's events and the page renderer's main thread (the one that did the most). */
function mainThreadOf(buffer: Buffer) {
  const parsed = JSON.parse(buffer.toString('utf8')) as
    TraceEvent[] | { traceEvents: TraceEvent[] };
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const mains = events.filter(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  // The page's renderer is the one whose main thread did the most.
  let best: { pid: number; tid: number; busy: number } | null = null;
  for (const m of mains) {
    const busy = events
      .filter((e) => e.pid === m.pid && e.tid === m.tid && e.ph === 'X' && e.name === 'RunTask')
      .reduce((sum, e) => sum + (e.dur ?? 0), 0);
    if (!best || busy > best.busy) best = { pid: m.pid, tid: m.tid, busy };
  }
  return best ? { events, best } : null;
}

async function recordPhase<T>(
  name: string,
  browser: Browser,
  page: Page,
  cdp: CDPSession,
  maps: SourceMaps,
  outDir: string,
  run: () => Promise<T>,
) {
  await cdp.send('Profiler.start');
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  const started = Date.now();
  const value = await run();
  const wallMs = Date.now() - started;
  const trace = await browser.stopTracing();
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
  writeFileSync(join(outDir, `${name}.cpuprofile`), JSON.stringify(profile));
  writeFileSync(join(outDir, `${name}.trace.json`), trace);
  const cpu = summarizeProfile(profile, maps);
  const main = summarizeTrace(trace);
  console.log(`\n── ${name}: ${wallMs} ms wall`);
  if (main) {
    console.log(
      `   main thread busy ${main.busyMs} ms: style ${main.styleMs}, layout ${main.layoutMs}, pre-paint ${main.prePaintMs}, paint ${main.paintMs}, layerize/commit ${main.layerizeCommitMs}, GC ${main.gcMs}, hit-test ${main.hitTestMs} (ms; the rest is script)`,
    );
  }
  console.log(`   self time by module (CPU profile, ${cpu.totalMs} ms sampled):`);
  for (const m of cpu.modules) console.log(`     ${String(m.ms).padStart(8)} ms  ${m.what}`);
  console.log('   self time by function:');
  for (const f of cpu.functions) console.log(`     ${String(f.ms).padStart(8)} ms  ${f.what}`);
  console.log('   app functions, inclusive (with all they call):');
  for (const f of cpu.appInclusive) console.log(`     ${String(f.ms).padStart(8)} ms  ${f.what}`);
  for (const task of main?.longest ?? []) {
    console.log(
      `   a task of ${task.ms} ms: style ${task.styleMs}, layout ${task.layoutMs}, pre-paint ${task.prePaintMs}, paint ${task.paintMs}, GC ${task.gcMs} (ms); in it, self time by function:`,
    );
    const inTask = summarizeProfile(profile, maps, task, { functions: 12, modules: 0, app: 14 });
    for (const f of inTask.functions) console.log(`     ${String(f.ms).padStart(8)} ms  ${f.what}`);
    console.log('     and the app functions, inclusive:');
    for (const f of inTask.appInclusive)
      console.log(`     ${String(f.ms).padStart(8)} ms  ${f.what}`);
  }
  return { value, summary: { wallMs, main, cpu } };
}

/** Profiles open, edits (typing, Enter, Ctrl+Z), drag, pan, auto-layout and zoomed-out drag of one map. */
export async function profile(which: string) {
  const app = await buildApp();
  let c: MapCase;
  if (which === 'article') {
    c = makeCases()[0]!;
  } else {
    const size = Number(which);
    if (!Number.isInteger(size) || size <= 0)
      throw new Error(`--profile ${which}: give a node count or "article"`);
    const map = generateMap(size);
    const text = serializeMap(map);
    c = {
      key: which,
      label: which,
      map,
      text,
      bytes: Buffer.from(text),
      fileName: `bench-${which}.clashmap.json`,
      bare: Buffer.alloc(0),
    };
  }
  const outDir = mkdtempSync(join(os.tmpdir(), `clashmap-bench-profile-${which}-`));
  const server = await preview({
    root: ROOT,
    build: { outDir: app.dist },
    preview: { port: 0, host: '127.0.0.1' },
    logLevel: 'silent',
  });
  const appUrl = server.resolvedUrls?.local[0];
  if (!appUrl) throw new Error('vite preview did not report a URL');
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: FLAGS,
    headless: true,
  });
  const maps = new SourceMaps(app.dist);
  const summaries: Record<string, unknown> = {};
  try {
    const errors: string[] = [];
    const { context, page } = await openApp(browser, appUrl, errors);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
    log(`profiling ${c.label} (${c.map.nodes.length} nodes)…`);
    const open = await recordPhase('open', browser, page, cdp, maps, outDir, () =>
      openInApp(page, c),
    );
    console.log(
      `   open → drawn ${round(open.value.ms)} ms; longest task ${round(open.value.longestTaskMs)} ms`,
    );
    summaries.open = open.summary;
    await evaluate(page, 'window.__bench.settle(4)');
    const edits = await recordPhase('edit', browser, page, cdp, maps, outDir, () =>
      measureEdits(page, 'app', 3, 2, false),
    );
    console.log(`   edits (ms): ${JSON.stringify(edits.value)}`);
    summaries.edit = edits.summary;
    // One commit and one undo on their own, to see what each costs.
    if (edits.value.nodeId) {
      const idJson = JSON.stringify(edits.value.nodeId);
      const f2 = await recordPhase('open-editor', browser, page, cdp, maps, outDir, async () => {
        await page.keyboard.press('F2');
        await waitUntil(page, `document.activeElement?.tagName === 'TEXTAREA'`, 30_000, 20);
        await evaluate(page, 'window.__bench.settle(4)');
      });
      summaries.openEditor = f2.summary;
      await page.keyboard.press('Control+End');
      const base = await evaluate<string>(page, 'document.activeElement.value');
      let typed = `${base}zq`;
      const firstKey = await recordPhase('first-key', browser, page, cdp, maps, outDir, () =>
        painted(page, { id: edits.value.nodeId, has: `${base}z` }, () => page.keyboard.press('z')),
      );
      console.log(`   first key → painted ${round(firstKey.value)} ms`);
      summaries.firstKey = firstKey.summary;
      const keys = await recordPhase('typing', browser, page, cdp, maps, outDir, async () => {
        const times: number[] = [];
        let text = `${base}z`;
        for (const ch of 'q and more words typed') {
          text += ch;
          const ms = await painted(page, { id: edits.value.nodeId, has: text }, () =>
            page.keyboard.press(ch === ' ' ? 'Space' : ch),
          );
          if (ms !== null) times.push(round(ms)!);
        }
        return times;
      });
      console.log(`   typing → painted (ms): ${JSON.stringify(keys.value)}`);
      summaries.typing = keys.summary;
      typed = `${base}zq and more words typed`;
      await evaluate(page, 'window.__bench.settle(4)');
      const commit = await recordPhase('commit', browser, page, cdp, maps, outDir, async () => {
        const ms = await painted(page, { id: edits.value.nodeId, has: typed, editing: false }, () =>
          page.keyboard.press('Enter'),
        );
        await evaluate(page, 'window.__bench.settle(4)');
        return ms;
      });
      console.log(`   commit → painted ${round(commit.value)} ms (${idJson})`);
      summaries.commit = commit.summary;
      const undo = await recordPhase('undo', browser, page, cdp, maps, outDir, async () => {
        const ms = await painted(page, { id: edits.value.nodeId, lacks: 'zq' }, () =>
          page.keyboard.press('Control+z'),
        );
        await evaluate(page, 'window.__bench.settle(4)');
        return ms;
      });
      console.log(`   undo → painted ${round(undo.value)} ms`);
      summaries.undo = undo.summary;
    }
    await evaluate(page, 'window.__bench.settle(4)');
    // CLASHMAP_PROFILE=edits stops here: open and the edits only.
    if (process.env.CLASHMAP_PROFILE === 'edits') {
      await context.close();
      return;
    }
    const drag = await recordPhase('drag', browser, page, cdp, maps, outDir, () =>
      measureDrag(page, 40),
    );
    console.log(`   drag frames: ${JSON.stringify(drag.value)}`);
    summaries.drag = drag.summary;
    const pan = await recordPhase('pan', browser, page, cdp, maps, outDir, () =>
      measurePan(page, 40),
    );
    console.log(`   pan frames: ${JSON.stringify(pan.value)}`);
    summaries.pan = pan.summary;
    const draggedId = 'nodeId' in drag.value ? drag.value.nodeId : null;
    const layout = await recordPhase('layout', browser, page, cdp, maps, outDir, () =>
      measureLayout(page, draggedId),
    );
    console.log(`   layout: ${JSON.stringify(layout.value)}`);
    summaries.layout = layout.summary;
    await zoomOutFully(page);
    const dragOut = await recordPhase('drag-zoomed-out', browser, page, cdp, maps, outDir, () =>
      measureDrag(page, 40),
    );
    console.log(`   drag frames (zoomed out): ${JSON.stringify(dragOut.value)}`);
    summaries.dragZoomedOut = dragOut.summary;
    const panOut = await recordPhase('pan-zoomed-out', browser, page, cdp, maps, outDir, () =>
      measurePan(page, 40),
    );
    console.log(`   pan frames (zoomed out): ${JSON.stringify(panOut.value)}`);
    summaries.panZoomedOut = panOut.summary;
    if (errors.length) console.log(`\npage errors: ${errors.join('; ')}`);
    await context.close();
  } finally {
    await browser.close();
    await server.close();
    if (app.temp) rmSync(app.temp, { recursive: true, force: true });
  }
  writeFileSync(join(outDir, 'summary.json'), JSON.stringify(summaries, null, 2));
  console.log(`\nCPU profiles and summary.json in ${outDir}`);
}
