import type { OpenResult } from '../io/openBytes';
import type { OpenAnswer, OpenRequest } from '../io/openAnswer';
import type { Point } from '../model/node';
import type { ParseResult } from '../io/parse';
import { emptyMap, type ClashMap } from '../model/map';
import type { RestoreResult } from '../store/autosave';
import type { ClashmapStore, OpenOptions } from '../store/store';

// The readers load only when a file is opened, to keep them out of the first page load.
const reader = () => import('../io/openBytes');

/** A file read as a map, with where the layout puts its unplaced nodes when that was worked out too. */
export type ReadMapResult = OpenResult & {
  /** Positions for the nodes without a saved one, laid out with estimated sizes (see openMap). */
  layout?: ReadonlyMap<string, Point>;
};

/**
 * Files from this size up (a map of some 500 nodes) are read in a worker: reading, checking
 * and laying out a 5,000-node map took over 400 ms of main-thread time, in two tasks that froze
 * the page. A worker takes some 50 ms to start, more than a small file takes to read at once.
 */
export const READ_IN_WORKER_BYTES = 256 * 1024;

const newReader = () =>
  new Worker(new URL('../io/open.worker.ts', import.meta.url), {
    type: 'module',
    name: 'clashmap-open',
  });

/** A reading worker started ahead of a file, and when it is let go unused. */
let spare: { worker: Worker; expiry: ReturnType<typeof setTimeout> } | null = null;
const SPARE_MS = 60_000;

/**
 * Starts a reading worker while the user picks or drags a file, so that it has loaded (a tenth
 * of a second of the time a large file took to open) when the file comes. Let go after a minute
 * unused, or when the file is read on the page.
 */
export function warmReader(): void {
  if (spare || typeof Worker === 'undefined') return;
  try {
    const worker = newReader();
    // One that fails to load before a file comes is let go (the file then gets a new one).
    worker.onerror = (event) => {
      event.preventDefault();
      if (spare?.worker === worker) coolReader();
    };
    spare = { worker, expiry: setTimeout(coolReader, SPARE_MS) };
  } catch {
    spare = null;
  }
}

function coolReader(): void {
  if (!spare) return;
  clearTimeout(spare.expiry);
  spare.worker.terminate();
  spare = null;
}

function readInWorker(bytes: Uint8Array): Promise<OpenAnswer> {
  return new Promise((resolve, reject) => {
    const worker = spare?.worker ?? newReader();
    if (spare) clearTimeout(spare.expiry);
    spare = null;
    worker.onmessage = (event: MessageEvent<OpenAnswer>) => {
      resolve(event.data);
      worker.terminate();
    };
    worker.onerror = (event) => {
      event.preventDefault();
      reject(new Error(event.message || 'the reading worker failed'));
      worker.terminate();
    };
    // Copied, not transferred: the bytes are read here again if the worker fails.
    const request: OpenRequest = { bytes };
    worker.postMessage(request);
  });
}

/**
 * Reads a file the user opens (Open, drop): a Clashmap map, as JSON or inside the SVG Clashmap
 * exports. Quotes that no longer match their source open flagged rather than refused. A large
 * file is read, and its map laid out, in a worker; where workers cannot run (or the worker
 * fails), here.
 */
export async function readMapFile(bytes: Uint8Array): Promise<ReadMapResult> {
  if (bytes.length >= READ_IN_WORKER_BYTES && typeof Worker !== 'undefined') {
    const answer = await readInWorker(bytes).catch(() => null);
    if (answer) return answer.layout ? { ...answer.result, layout: answer.layout } : answer.result;
  }
  coolReader();
  const { openMapBytes } = await reader();
  return openMapBytes(bytes, { brokenQuotes: 'warn' });
}

/** Reads a file the user imports: a Clashmap map, or Argdown, AIF or Kialo with what was lost. */
export async function readImportFile(name: string, bytes: Uint8Array): Promise<OpenResult> {
  const { openBytes } = await reader();
  return openBytes(name, bytes, { brokenQuotes: 'warn' });
}

/** Every line that explains why a file could not be opened, headline first. */
export async function openFailureLines(result: OpenResult & { ok: false }): Promise<string[]> {
  const { openErrorLines } = await reader();
  return openErrorLines(result.error);
}

/**
 * Makes `map` the open map with a fresh history (openMap clears it: a load is never an undo
 * step), so that undo never steps back into the map that was open before.
 */
export function showMap(
  store: ClashmapStore,
  map: ClashMap,
  fileName: string | null,
  options: OpenOptions,
): void {
  store.getState().openMap(map, fileName, options);
}

/** Starts an empty, untitled map. */
export function startNewMap(store: ClashmapStore): void {
  showMap(store, emptyMap(), null, { savedToFile: true });
}

/** What opening the user's own map at launch did: opened (perhaps with a problem to tell), or failed. */
export type OwnMapOutcome =
  | {
      ok: true;
      unreadable?: string;
      storageProblem?: string;
      /** The saved map opened without its last changes, which could not be read (why). */
      partly?: string;
    }
  | { ok: false; lines: string[] };

/**
 * Opens the user's own map: the one saved in this browser, or else the article map (first
 * launch, or the saved one could not be restored).
 */
export async function openOwnMap(
  store: ClashmapStore,
  restored: RestoreResult,
  loadArticle: () => Promise<ParseResult>,
  articleName: string,
): Promise<OwnMapOutcome> {
  if (restored.status === 'restored') {
    showMap(store, restored.map, restored.record.fileName, { savedToFile: !restored.record.dirty });
    return restored.problem === undefined ? { ok: true } : { ok: true, partly: restored.problem };
  }
  const article = await loadArticle();
  if (!article.ok) {
    // What explains a failure loads when there is one (not with the app).
    const { parseErrorLines } = await import('../io/parseError');
    return { ok: false, lines: parseErrorLines(article.error) };
  }
  showMap(store, article.map, articleName, { savedToFile: true });
  if (restored.status === 'unreadable') return { ok: true, unreadable: restored.reason };
  if (restored.status === 'unavailable') return { ok: true, storageProblem: restored.reason };
  return { ok: true };
}
