import { createStore, get, set, update, type UseStore } from 'idb-keyval';
import { parseMap } from '../io/parse';
import { serializeMap } from '../io/serialize';
import type { ClashMap } from '../model/map';
import { assumptionsKey, isDirty, type ClashmapStore } from './store';

/** What the browser keeps of the open map between visits. */
export interface AutosaveRecord {
  /** The map as file text: restoring goes through the same validation as opening a file. */
  text: string;
  fileName: string | null;
  /** True when the map had changes not saved to its file. */
  dirty: boolean;
  /** The tab that wrote it and a counter that grows with every write, to spot other tabs. */
  tabId: string;
  rev: number;
  savedAt: string;
}

const KEY = 'open-map';
const UNREADABLE_KEY = 'unreadable-open-map';
/** Autosave runs this long after the last change, well within half a second. */
export const AUTOSAVE_DELAY_MS = 250;

export interface AutosaveEvents {
  /** Writing failed (quota, private mode, storage disabled). */
  onFailure: (reason: string) => void;
  /** Writing works (again). */
  onSuccess: () => void;
  /** Another tab saved a different version of the map since this tab last read or wrote it. */
  onConflict: (other: AutosaveRecord) => void;
}

let idbStore: UseStore | null = null;
const db = () => (idbStore ??= createStore('clashmap', 'autosave'));

function describeStorageError(error: unknown): string {
  if (error instanceof DOMException && error.name === 'QuotaExceededError')
    return 'the browser’s storage is full';
  if (error instanceof Error && error.message) return error.message;
  return 'the browser refused to store data (private browsing or storage turned off?)';
}

export type RestoreResult =
  | { status: 'none' }
  | { status: 'restored'; map: ClashMap; record: AutosaveRecord }
  | { status: 'unreadable'; reason: string }
  | { status: 'unavailable'; reason: string };

/** Reads the autosaved map, validating it like a file. An unreadable one is set aside, not lost. */
export async function restoreAutosave(): Promise<RestoreResult> {
  let record: AutosaveRecord | undefined;
  try {
    record = await get<AutosaveRecord>(KEY, db());
  } catch (error) {
    return { status: 'unavailable', reason: describeStorageError(error) };
  }
  if (!record) return { status: 'none' };
  const result =
    typeof record.text === 'string' ? parseMap(record.text, { brokenQuotes: 'warn' }) : null;
  if (result?.ok) return { status: 'restored', map: result.map, record };
  try {
    await set(UNREADABLE_KEY, record, db());
  } catch {
    // Setting it aside is best effort; the message below still tells the user.
  }
  return {
    status: 'unreadable',
    reason:
      result && !result.ok
        ? (result.error.issues[0]?.message ?? result.error.kind)
        : 'it is damaged',
  };
}

/**
 * Saves the open map to IndexedDB shortly after every change and when the page is hidden,
 * and notices when another tab has written a different version meanwhile.
 */
export function startAutosave(
  store: ClashmapStore,
  events: AutosaveEvents,
  knownRecord: AutosaveRecord | null,
  { paused: startPaused = false }: { paused?: boolean } = {},
) {
  const tabId = crypto.randomUUID();
  let knownRev = knownRecord?.rev ?? 0;
  let knownTab = knownRecord?.tabId ?? tabId;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let paused = false;
  // The text this tab last wrote or adopted: another tab's write of the same text is no conflict.
  let lastText = '';
  let lastWritten: { map: ClashMap; fileName: string | null; dirty: boolean; kept: string } | null =
    null;
  const channel =
    typeof BroadcastChannel === 'function' ? new BroadcastChannel('clashmap-autosave') : null;

  const snapshot = () => {
    const state = store.getState();
    return {
      map: state.map,
      fileName: state.fileName,
      dirty: isDirty(state),
      kept: assumptionsKey(state),
    };
  };

  const write = async (force = false): Promise<void> => {
    if (paused && !force) return;
    const current = snapshot();
    if (
      !force &&
      lastWritten &&
      lastWritten.map === current.map &&
      lastWritten.fileName === current.fileName &&
      lastWritten.dirty === current.dirty &&
      lastWritten.kept === current.kept
    ) {
      return;
    }
    const record: AutosaveRecord = {
      text: serializeMap(store.getState().mapToSave()),
      fileName: current.fileName,
      dirty: current.dirty,
      tabId,
      rev: 0,
      savedAt: new Date().toISOString(),
    };
    let conflict: AutosaveRecord | null = null;
    try {
      await update<AutosaveRecord>(
        KEY,
        (old) => {
          if (
            !force &&
            old &&
            old.tabId !== tabId &&
            !(old.rev === knownRev && old.tabId === knownTab)
          ) {
            conflict = old;
            return old;
          }
          record.rev = (old?.rev ?? 0) + 1;
          return record;
        },
        db(),
      );
    } catch (error) {
      events.onFailure(describeStorageError(error));
      return;
    }
    if (conflict) {
      paused = true;
      events.onConflict(conflict);
      return;
    }
    knownRev = record.rev;
    knownTab = tabId;
    lastWritten = current;
    lastText = record.text;
    events.onSuccess();
    channel?.postMessage({ tabId, rev: record.rev });
  };

  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void write();
    }, AUTOSAVE_DELAY_MS);
  };

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    void write();
  };

  const unsubscribe = store.subscribe((state, previous) => {
    if (
      state.map !== previous.map ||
      state.fileName !== previous.fileName ||
      state.savedRevision !== previous.savedRevision ||
      state.assumptions !== previous.assumptions ||
      state.keepAssumptions !== previous.keepAssumptions
    ) {
      schedule();
    }
  });
  const onHidden = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  document.addEventListener('visibilitychange', onHidden);
  window.addEventListener('pagehide', flush);

  if (channel) {
    channel.onmessage = async (event: MessageEvent<{ tabId: string; rev: number }>) => {
      if (event.data.tabId === tabId || paused) return;
      try {
        const other = await get<AutosaveRecord>(KEY, db());
        if (other && other.tabId !== tabId && other.text !== lastText) {
          paused = true;
          events.onConflict(other);
        }
      } catch (error) {
        events.onFailure(describeStorageError(error));
      }
    };
  }

  // The first write: the map this tab opened with (restored, or the article on first launch).
  // Paused (a shared link's copy is open), nothing is written until the user decides.
  paused = startPaused;
  lastWritten = knownRecord && !startPaused ? snapshot() : null;
  lastText = knownRecord?.text ?? '';
  if (!knownRecord && !startPaused) schedule();

  return {
    tabId,
    flush,
    /** Keep this tab's version: overwrite what the other tab wrote. */
    keepMine: async () => {
      paused = false;
      await write(true);
    },
    /** Take the other tab's version: it becomes what this tab knows. */
    adopt: (other: AutosaveRecord) => {
      knownRev = other.rev;
      knownTab = other.tabId;
      paused = false;
      lastWritten = snapshot();
      lastText = other.text;
    },
    /**
     * Start saving again after a pause: `replace` writes the open map over the saved one (the
     * user kept a shared copy); otherwise the open map is taken as what is already saved.
     */
    resume: async ({ replace }: { replace: boolean }) => {
      paused = false;
      if (replace) await write(true);
      else lastWritten = snapshot();
    },
    /** Retry after a failure (the user freed space, say). */
    retry: () => write(true),
    stop: () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', flush);
      channel?.close();
    },
  };
}

export type Autosave = ReturnType<typeof startAutosave>;
