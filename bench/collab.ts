// `npm run bench:collab`: a class on one map, under load and faults, on the class server.
//
//   npm run bench:collab                          30 Node clients + 1 Chromium, 120 s
//   npm run bench:collab -- --clients 10 --seconds 30
//
// The class server runs as its own process (`tsx server/main.ts`), so its CPU and memory are
// its own, and so it can be killed. Node clients are whole Clashmap clients: each has the app's
// store bound to a Y.Doc (bindStore) on a Hocuspocus provider, and edits through the store. The
// Chromium client is the built app, driven by keyboard. Every client edits every 2 s (its own
// claim's text; Chromium adds a claim); each edit's text names its sender and number, and every
// other client records when it arrives (Node: in its store; Chromium: on the page, by a
// MutationObserver on the cards). In the middle, the server is killed and restarted: clients
// keep editing offline, reconnect by themselves and converge. At the end every client's map,
// Chromium's saved file and the server's stored room must be the same map, with every client's
// last edit in it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { chromium, type Page } from 'playwright-core';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { build } from 'vite';
import { bindStore, readDoc, writeChange } from '../src/doc/yjsBinding';
import { diffMaps } from '../src/model/change';
import { parseMap } from '../src/io/parse';
import { serializeMap } from '../src/io/serialize';
import { createClashmapStore, type ClashmapStore } from '../src/store/store';
import { RoomStore } from '../server/rooms';

const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(argv[at + 1]);
};
const CLIENTS = option('clients', 30);
const SECONDS = option('seconds', 120);
const EDIT_EVERY_MS = 2000;
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The server is down from OUTAGE_AT to OUTAGE_AT + OUTAGE_MS into the run. */
const OUTAGE_AT = Math.round(SECONDS * 500);
const OUTAGE_MS = 4000;

const TOKEN = /^Claim by client (\d+), edit (\d+)$/;
const tokenOf = (client: number, edit: number) => `Claim by client ${client}, edit ${edit}`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The class server in its own process. */
function startServerProcess(port: number, dataDir: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/main.ts',
        '--port',
        String(port),
        '--host',
        '127.0.0.1',
        '--data',
        dataDir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout!.on('data', (data: Buffer) => {
      if (data.toString().includes('http://')) resolve(child);
    });
    child.stderr!.on('data', (data: Buffer) => {
      const text = data.toString();
      // The server logs each connection it closes for sending garbage; nothing else is expected.
      if (!/closing connection/.test(text)) process.stderr.write(`server: ${text}`);
    });
    child.on('exit', (code) => reject(new Error(`the server exited (${code}) before it started`)));
  });
}

/** CPU seconds (user + system) and resident memory of a process, from /proc. */
function usage(pid: number): { cpu: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpu: ticks / 100, rssMb: rss ? Number(rss[1]) / 1024 : NaN };
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

/** When each edit was made: sentAt[client][edit], in ms since the epoch. */
const sentAt: number[][] = [];
/**
 * Each edit's arrival delays at the other clients (ms), outside the outage, by the kind of
 * client it arrived at: a simulated client (its Y.Doc), the Node client that runs the app's
 * whole store, and Chromium (drawn on the page).
 */
type Receiver = 'simulated' | 'store' | 'chromium';
const delays: Record<Receiver, number[]> = { simulated: [], store: [], chromium: [] };
let outage: { from: number; to: number } = { from: Infinity, to: -Infinity };

/** A receiver saw `client`'s edit `edit` at `at`: every edit of theirs up to it has arrived. */
function arrived(
  receiver: Receiver,
  seen: Map<number, number>,
  client: number,
  edit: number,
  at: number,
) {
  const last = seen.get(client) ?? 0;
  if (edit <= last) return;
  seen.set(client, edit);
  for (let k = last + 1; k <= edit; k++) {
    const sent = sentAt[client]?.[k];
    if (sent === undefined) continue;
    // Edits made while the server was down arrive when it is back: that wait is the outage's,
    // not the latency's, so they are counted for convergence only.
    if (sent >= outage.from - 100 && sent <= outage.to + 100) continue;
    delays[receiver].push(at - sent);
  }
}

interface NodeClient {
  index: number;
  doc: Y.Doc;
  /** The app's store bound to the doc (one client has it; the others are bare Y.Docs). */
  store: ClashmapStore | null;
  claimId: string;
  edits: number;
  /** Connected and synced with the server. */
  online: () => boolean;
  destroy: () => void;
}

/**
 * A Node client in the room. Most are simulated: a Y.Doc on a Hocuspocus provider that edits
 * its own claim's text in the room's document layout, as the app writes it, which is all the
 * server and the other clients see of a person. With `withStore`, the client is the app's own
 * store and binding (every remote edit read, repaired, checked and committed, as a browser
 * does), so its arrival times include that work.
 */
async function nodeClient(
  index: number,
  port: number,
  room: string,
  key: string,
  withStore: boolean,
): Promise<NodeClient> {
  const doc = new Y.Doc();
  const seen = new Map<number, number>();
  const socket = new HocuspocusProviderWebsocket({
    url: `ws://127.0.0.1:${port}`,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: room,
    document: doc,
    token: key,
  });
  provider.attach();
  await new Promise<void>((resolve) => provider.on('synced', () => resolve()));
  const initial = readDoc(doc, null).map;
  const store = createClashmapStore(initial);
  // The app's client is bound before it edits, so its claim goes into the room as it is made.
  const binding = withStore ? bindStore(store, doc, 'a classmate') : null;
  const claimId = store.getState().addNode('claim', { x: 200 + index * 30, y: 2000 + index * 10 });
  store.getState().updateNode(claimId, { text: tokenOf(index, 0) });
  store.getState().stopEditing();
  if (withStore) {
    store.subscribe((state, prior) => {
      if (state.map.nodes === prior.map.nodes) return;
      const now = Date.now();
      for (const node of state.map.nodes) {
        const match = TOKEN.exec(node.text);
        if (match && Number(match[1]) !== index)
          arrived('store', seen, Number(match[1]), Number(match[2]), now);
      }
    });
  } else {
    writeChange(doc, diffMaps(initial, store.getState().map));
    const records = doc.getMap<Y.Map<unknown>>('records:nodes');
    const check = (text: unknown, now: number) => {
      const match = typeof text === 'string' ? TOKEN.exec(text) : null;
      if (match && Number(match[1]) !== index)
        arrived('simulated', seen, Number(match[1]), Number(match[2]), now);
    };
    records.observeDeep((events, transaction) => {
      if (transaction.local) return;
      const now = Date.now();
      for (const event of events) {
        if (event.target === records)
          for (const id of event.keysChanged) check(records.get(id)?.get('text'), now);
        else if (event.target instanceof Y.Map) check(event.target.get('text'), now);
      }
    });
  }
  return {
    index,
    doc,
    store: withStore ? store : null,
    claimId,
    edits: 0,
    online: () => socket.status === 'connected' && provider.isSynced,
    destroy: () => {
      binding?.destroy();
      provider.destroy();
      socket.destroy();
    },
  };
}

function edit(client: NodeClient) {
  const next = client.edits + 1;
  (sentAt[client.index] ??= [])[next] = Date.now();
  if (client.store)
    client.store.getState().updateNode(client.claimId, { text: tokenOf(client.index, next) });
  else
    client.doc.transact(() =>
      client.doc
        .getMap<Y.Map<unknown>>('records:nodes')
        .get(client.claimId)
        ?.set('text', tokenOf(client.index, next)),
    );
  client.edits = next;
}

async function chromiumClient(page: Page, link: string) {
  const seen = new Map<number, number>();
  await page.exposeFunction('__arrived', (client: number, edit: number, at: number) =>
    arrived('chromium', seen, client, edit, at),
  );
  await page.goto(link);
  const dialog = page.getByRole('dialog', { name: 'Join the class session' });
  await dialog.getByRole('textbox', { name: 'Your name' }).fill('Chromium');
  await dialog.getByRole('button', { name: 'Join' }).click();
  await page.getByRole('region', { name: /^Map: / }).waitFor();
  // A string, not a function: tsx's compiled functions call a helper the page does not have.
  await page.evaluate(`(() => {
    const pattern = /^Claim by client (\\d+), edit (\\d+)$/;
    const report = () => {
      const now = Date.now();
      for (const text of document.querySelectorAll('.cm-node__text')) {
        const match = pattern.exec(text.textContent || '');
        if (match && match[1] !== '0') window.__arrived(Number(match[1]), Number(match[2]), now);
      }
    };
    new MutationObserver(report).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  })()`);
}

/** Chromium's edit: a new claim, typed and committed with Enter (sent when Enter is pressed). */
async function chromiumEdit(page: Page, edit: number) {
  await page
    .getByRole('toolbar', { name: 'Map tools' })
    .getByRole('button', { name: 'Add claim', exact: true })
    .click();
  // The new card's text field has the keyboard: type over its placeholder text, as a person does.
  await page.waitForFunction(
    () => document.activeElement?.getAttribute('aria-label') === 'Claim text',
  );
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText(tokenOf(0, edit));
  (sentAt[0] ??= [])[edit] = Date.now();
  await page.keyboard.press('Enter');
}

async function main() {
  if (!existsSync('dist/index.html')) {
    console.log('Building the app into dist/…');
    process.env.NODE_ENV = 'production';
    await build({ mode: 'production', logLevel: 'warn' });
  }
  const loadAtStart = loadavg();
  // How late this process's own event loop runs: the Node clients' arrival times include it.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'clashmap-bench-collab-'));
  let server = await startServerProcess(port, dataDir);
  const created = await fetch(`http://127.0.0.1:${port}/api/rooms`, {
    method: 'POST',
    body: readFileSync('public/maps/cartel-drone-strikes.clashmap.json'),
  });
  const { id: room, links } = (await created.json()) as { id: string; links: { edit: string } };
  const key = new URLSearchParams(new URL(links.edit).hash.slice(1)).get('key')!;

  console.log(
    `bench:collab: ${CLIENTS} Node clients + 1 Chromium, one edit each every ${EDIT_EVERY_MS / 1000} s for ${SECONDS} s; the server is killed at ${OUTAGE_AT / 1000} s for ${OUTAGE_MS / 1000} s`,
  );
  const clients: NodeClient[] = [];
  // Node clients are numbered from 1; Chromium is client 0.
  for (let i = 1; i <= CLIENTS; i++) clients.push(await nodeClient(i, port, room, key, i === 1));
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox'] });
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    serviceWorkers: 'block',
  });
  // Save downloads the file (as in the e2e tests) rather than asking where to save it.
  await context.addInitScript({
    content: 'delete window.showSaveFilePicker; delete window.showOpenFilePicker;',
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await chromiumClient(page, links.edit);

  const cpuStart = usage(server.pid!);
  let peakRss = cpuStart.rssMb;
  let cpuSeconds = 0;
  let serverStart = { time: Date.now(), cpu: cpuStart.cpu };
  const start = Date.now();
  const end = start + SECONDS * 1000;
  loopDelay.enable();
  // Each Node client edits every 2 s, at its own offset in the 2 s; Chromium too.
  const timers = clients.map((client, i) =>
    setTimeout(
      () => {
        edit(client);
        const interval = setInterval(
          () => (Date.now() < end ? edit(client) : clearInterval(interval)),
          EDIT_EVERY_MS,
        );
        timers.push(interval as unknown as ReturnType<typeof setTimeout>);
      },
      (i * EDIT_EVERY_MS) / clients.length,
    ),
  );
  let chromiumEdits = 0;
  const chromiumLoop = (async () => {
    while (Date.now() < end) {
      const next = Date.now() + EDIT_EVERY_MS;
      await chromiumEdit(page, ++chromiumEdits);
      await sleep(Math.max(0, next - Date.now()));
    }
  })();
  const sampler = setInterval(() => {
    try {
      // A killed server, not yet reaped, has no resident memory to read (NaN): skipped.
      const { rssMb } = usage(server.pid!);
      if (Number.isFinite(rssMb)) peakRss = Math.max(peakRss, rssMb);
    } catch {
      // Between the kill and the restart there is no process to sample.
    }
  }, 500);

  await sleep(OUTAGE_AT);
  const before = usage(server.pid!);
  cpuSeconds += before.cpu - serverStart.cpu;
  const killedAt = Date.now();
  outage = { from: killedAt, to: killedAt + OUTAGE_MS + 60_000 };
  server.kill('SIGKILL');
  await sleep(OUTAGE_MS);
  server = await startServerProcess(port, dataDir);
  serverStart = { time: Date.now(), cpu: usage(server.pid!).cpu };
  // Back when every Node client has reconnected and synced by itself.
  const reconnectBy = Date.now() + 60_000;
  while (Date.now() < reconnectBy && clients.some((c) => !c.online())) await sleep(50);
  const backAt = Date.now();
  const reconnectS = (backAt - killedAt - OUTAGE_MS) / 1000;
  outage = { from: killedAt, to: backAt + 3000 };

  await Promise.all([chromiumLoop, sleep(Math.max(0, end - Date.now()))]);
  for (const timer of timers) clearTimeout(timer);
  // Let the last edits settle everywhere.
  await sleep(5000);
  clearInterval(sampler);
  const after = usage(server.pid!);
  cpuSeconds += after.cpu - serverStart.cpu;
  const wall = (Date.now() - start) / 1000;

  // Convergence: every Node client's map, Chromium's saved file and the server's stored room.
  const files = clients.map((c) => serializeMap(readDoc(c.doc, null).map));
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page
      .getByRole('toolbar', { name: 'Map tools' })
      .getByRole('button', { name: 'Save map', exact: true })
      .click(),
  ]).catch(async (error: unknown) => {
    await page.screenshot({ path: '/tmp/collab-save.png' });
    throw error;
  });
  const chromiumFile = readFileSync(await download.path(), 'utf8');
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  const stored = new RoomStore(join(dataDir, 'clashmap.sqlite'));
  const state = stored.loadDocument(room);
  stored.close();
  const serverDoc = new Y.Doc();
  if (state) Y.applyUpdate(serverDoc, state);
  const serverFile = serializeMap(readDoc(serverDoc, null).map);
  const chromiumMap = parseMap(chromiumFile);
  const chromiumSame = chromiumMap.ok && serializeMap(chromiumMap.map) === files[0];
  const divergent =
    files.filter((f) => f !== files[0]).length +
    (chromiumSame ? 0 : 1) +
    (serverFile === files[0] ? 0 : 1);

  // Lost edits: each client's last edit must be in the final map (Chromium: each of its claims).
  const final = readDoc(serverDoc, null).map;
  const texts = new Set(final.nodes.map((n) => n.text));

  const lostEdits: string[] = [];
  for (const client of clients)
    if (!texts.has(tokenOf(client.index, client.edits)))
      lostEdits.push(tokenOf(client.index, client.edits));
  for (let k = 1; k <= chromiumEdits; k++)
    if (!texts.has(tokenOf(0, k))) lostEdits.push(tokenOf(0, k));
  const lost = lostEdits.length;
  if (lost) console.log(`Lost: ${lostEdits.join('; ')}`);
  const totalEdits = clients.reduce((n, c) => n + c.edits, 0) + chromiumEdits;

  const all = [...delays.simulated, ...delays.store, ...delays.chromium];
  const figures = (values: number[]) => ({
    n: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    max: percentile(values, 100),
  });
  const result = {
    machine: { cpus: cpus().length, loadAverageAtStart: loadAtStart, loadAverageAtEnd: loadavg() },
    clients: CLIENTS + 1,
    seconds: SECONDS,
    edits: totalEdits,
    deliveries: all.length,
    latencyMs: {
      all: figures(all),
      simulatedClients: figures(delays.simulated),
      nodeClientWithStore: figures(delays.store),
      chromium: figures(delays.chromium),
    },
    benchProcess: {
      eventLoopDelayP95Ms: loopDelay.percentile(95) / 1e6,
      eventLoopDelayMaxMs: loopDelay.max / 1e6,
    },
    server: { cpuPercent: (100 * cpuSeconds) / wall, peakRssMb: peakRss },
    outage: { killedAtS: (killedAt - start) / 1000, downS: OUTAGE_MS / 1000, reconnectS },
    divergentCopies: divergent,
    lostEdits: lost,
    chromiumPageErrors: pageErrors.length,
    goals: {
      p95Under150ms: percentile(all, 95) < 150,
      noDivergence: divergent === 0,
      noLostEdits: lost === 0,
    },
  };
  console.log(JSON.stringify(result, null, 2));
  writeFileSync(
    'bench/collab-results.json',
    `${JSON.stringify({ ...result, at: new Date().toISOString() }, null, 2)}\n`,
  );

  for (const client of clients) client.destroy();
  await browser.close();
  rmSync(dataDir, { recursive: true, force: true });
  const met = Object.values(result.goals).every(Boolean);
  console.log(met ? '✓ every goal met' : '✗ a goal was missed (see "goals")');
  process.exit(met ? 0 : 1);
}

await main();
