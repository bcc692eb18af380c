import { createStore, promisifyRequest, set, type UseStore } from 'idb-keyval';
import { readMapText } from '../io/readMap';
import { emptyMap, type ClashMap } from '../model/map';
import { serializeMap } from '../io/serialize';
import { assumptionsKey, isDirty, type ClashmapStore } from './store';
import {
  JOURNAL_LIMIT,
  journalEntry,
  replayJournal,
  type Journal,
  type JournalEntry,
} from './autosaveJournal';

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

/**
 * The stored map is a snapshot (KEY, an AutosaveRecord whose text is the map at its rev), the
 * journal of changes made since (JOURNAL_KEY, see autosaveJournal.ts) and the head (HEAD_KEY):
 * who wrote last, at which rev, and the file name and dirty flag that go with it. A write
 * reads only the head and the journal, and stores the change; the snapshot is rewritten when
 * the journal is full or another tab wrote. Maps saved before the journal (a snapshot alone)
 * read as they always did.
 */
const KEY = 'open-map';
const HEAD_KEY = 'open-map-head';
const JOURNAL_KEY = 'open-map-journal';
const UNREADABLE_KEY = 'unreadable-open-map';
/** A copy left by a closing tab after another tab had saved a different version. */
const LEFT_BEHIND_KEY = 'left-behind-open-map';
/**
 * Autosave starts in the task after a change (so that a burst of commits is written once):
 * a tab that is killed 50 ms after an edit has already stored it.
 */
export const AUTOSAVE_DELAY_MS = 0;
/**
 * A page that is going away may not finish an IndexedDB write: the browser aborts it with the
 * page. So on leaving, the map is also written at once to localStorage (synchronous, and kept
 * by the browser), and the next start takes it if it is newer than the IndexedDB copy.
 */
export const RESCUE_KEY = 'clashmap:open-map-on-leave';

function readRescue(): AutosaveRecord | null {
  try {
    const text = localStorage.getItem(RESCUE_KEY);
    if (!text) return null;
    const record = JSON.parse(text) as Partial<AutosaveRecord> | null;
    if (
      !record ||
      typeof record.text !== 'string' ||
      typeof record.savedAt !== 'string' ||
      typeof record.tabId !== 'string'
    )
      return null;
    return {
      text: record.text,
      fileName: typeof record.fileName === 'string' ? record.fileName : null,
      dirty: record.dirty === true,
      tabId: record.tabId,
      rev: typeof record.rev === 'number' ? record.rev : 0,
      savedAt: record.savedAt,
    };
  } catch {
    return null;
  }
}

function writeRescue(record: AutosaveRecord): boolean {
  try {
    localStorage.setItem(RESCUE_KEY, JSON.stringify(record));
    return true;
  } catch {
    return false;
  }
}

function clearRescue(): void {
  try {
    localStorage.removeItem(RESCUE_KEY);
  } catch {
    // Nothing to clear where localStorage is unavailable.
  }
}

export interface AutosaveEvents {
  /** Writing failed (quota, private mode, storage disabled). */
  onFailure: (reason: string) => void;
  /** Writing works (again). */
  onSuccess: () => void;
  /**
   * Another tab saved a different version, and it was merged with this tab's: show `map` (what
   * `repairs` says the merge fixed). False if it could not be taken in.
   */
  onMerge: (map: ClashMap, repairs: readonly string[]) => boolean;
  /** Another tab saved a version that could not be merged with this one: the user chooses. */
  onConflict: (other: AutosaveRecord) => void;
}

let idbStore: UseStore | null = null;
const db = () => (idbStore ??= createStore('clashmap', 'autosave'));

/** Who wrote the stored map last and at which rev: small, and read by every write. */
type Head = Omit<AutosaveRecord, 'text'>;

const headOf = ({ text: _text, ...head }: AutosaveRecord): Head => head;

/** Where the journal's `index`th entry is stored. */
const entryKey = (index: number) => `${JOURNAL_KEY}:${index}`;

const getIn = <T>(store: IDBObjectStore, key: string) =>
  promisifyRequest(store.get(key) as IDBRequest<T | undefined>);

/**
 * Puts `record` as the snapshot, with an empty journal, in `store`'s transaction; `old` is the
 * journal it replaces, whose entries are deleted.
 */
function putSnapshot(store: IDBObjectStore, record: AutosaveRecord, old: Journal | undefined) {
  store.put(record, KEY);
  for (let i = 0; i < (old?.count ?? 0); i++) store.delete(entryKey(i));
  store.put({ base: record.rev, count: 0 } satisfies Journal, JOURNAL_KEY);
  store.put(headOf(record), HEAD_KEY);
}

function writeSnapshot(record: AutosaveRecord): Promise<void> {
  return db()('readwrite', async (store) => {
    putSnapshot(store, record, await getIn<Journal>(store, JOURNAL_KEY));
    await promisifyRequest(store.transaction);
  });
}

/** The last snapshot read, parsed: another tab's journal is replayed on it without a re-parse. */
let parsedSnapshot: { record: AutosaveRecord; map: ClashMap } | null = null;

/**
 * The stored map as one record (the snapshot with its journal replayed, under the head's rev
 * and details) and, when a journal was replayed, the map itself. A change in the journal that
 * fails the store's checks stops the replay there; `problem` says why.
 */
async function readStored(): Promise<
  | {
      record: AutosaveRecord;
      map: ClashMap | null;
      problem: string | null;
      /** What was read, when a journal was replayed. */
      raw?: { snapshot: AutosaveRecord; entries: JournalEntry[] };
    }
  | undefined
> {
  // One transaction: a write from another tab lands before or after all of it.
  const { snapshot, head, entries } = await db()('readonly', async (store) => {
    const [snapshot, head, journal] = await Promise.all([
      getIn<AutosaveRecord>(store, KEY),
      getIn<Head>(store, HEAD_KEY),
      getIn<Journal>(store, JOURNAL_KEY),
    ]);
    const current = snapshot && head && journal?.base === snapshot.rev ? journal.count : 0;
    const entries = await Promise.all(
      Array.from({ length: current }, (_, i) => getIn<JournalEntry>(store, entryKey(i))),
    );
    return { snapshot, head, entries };
  });
  if (!snapshot) return undefined;
  if (!head || entries.length === 0)
    return { record: head ? { ...snapshot, ...head } : snapshot, map: null, problem: null };
  if (entries.some((entry) => entry === undefined))
    return { record: snapshot, map: null, problem: 'an entry of its journal is missing' };
  let base =
    parsedSnapshot?.record.rev === snapshot.rev &&
    parsedSnapshot.record.tabId === snapshot.tabId &&
    parsedSnapshot.record.text === snapshot.text
      ? parsedSnapshot.map
      : null;
  if (!base) {
    const read = await readMapText(snapshot.text, { brokenQuotes: 'warn' });
    if (!read.ok) return { record: snapshot, map: null, problem: null };
    base = read.map;
    parsedSnapshot = { record: snapshot, map: base };
  }
  const { map, problem } = replayJournal(base, entries as JournalEntry[]);
  return {
    record: { ...snapshot, ...head, text: serializeMap(map) },
    map,
    problem,
    raw: { snapshot, entries: entries as JournalEntry[] },
  };
}

function describeStorageError(error: unknown): string {
  if (error instanceof DOMException && error.name === 'QuotaExceededError')
    return 'the browser’s storage is full';
  if (error instanceof Error && error.message) return error.message;
  return 'the browser refused to store data (private browsing or storage turned off?)';
}

export type RestoreResult =
  | { status: 'none' }
  | {
      status: 'restored';
      map: ClashMap;
      record: AutosaveRecord;
      /** Why the last changes stored could not all be replayed: the map is as it was before them. */
      problem?: string;
    }
  | { status: 'unreadable'; reason: string }
  | { status: 'unavailable'; reason: string };

/**
 * Reads the autosaved map, validating it like a file. An unreadable one is set aside, not lost.
 * A copy written as the last page went away wins when it is newer: it is moved into IndexedDB.
 */
export async function restoreAutosave(): Promise<RestoreResult> {
  let record: AutosaveRecord | undefined;
  let stored: Awaited<ReturnType<typeof readStored>>;
  const rescue = readRescue();
  try {
    stored = await readStored();
    record = stored?.record;
  } catch (error) {
    if (!rescue) return { status: 'unavailable', reason: describeStorageError(error) };
  }
  // The copy left behind is taken when it is newer and no other tab has written since it was
  // made (its rev is the last one that tab knew); otherwise it is set aside, not lost.
  const takeRescue =
    rescue &&
    (!record ||
      (rescue.savedAt > record.savedAt &&
        (record.tabId === rescue.tabId || record.rev <= rescue.rev)));
  if (rescue && !takeRescue && record && rescue.savedAt > record.savedAt) {
    try {
      await set(LEFT_BEHIND_KEY, rescue, db());
    } catch {
      // Best effort, as for an unreadable map.
    }
  }
  if (rescue && takeRescue) {
    const rescued = await readMapText(rescue.text, { brokenQuotes: 'warn' });
    if (rescued.ok) {
      const moved: AutosaveRecord = { ...rescue, rev: (record?.rev ?? 0) + 1 };
      try {
        await writeSnapshot(moved);
        clearRescue();
      } catch {
        // Kept in localStorage until IndexedDB takes it; the map opens all the same.
      }
      return { status: 'restored', map: rescued.map, record: moved };
    }
  }
  if (rescue) clearRescue();
  if (!record) return { status: 'none' };
  if (stored?.map) {
    // A journal entry that fails the checks is set aside with the rest, not lost; the map
    // opens as it was before that entry.
    if (stored.problem) {
      try {
        await set(UNREADABLE_KEY, { ...stored.raw, problem: stored.problem }, db());
      } catch {
        // Best effort, as for an unreadable map.
      }
    }
    return {
      status: 'restored',
      map: stored.map,
      record,
      ...(stored.problem ? { problem: stored.problem } : {}),
    };
  }
  const result =
    typeof record.text === 'string'
      ? await readMapText(record.text, { brokenQuotes: 'warn' })
      : null;
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
  {
    paused: startPaused = false,
    beforeLeave,
  }: {
    paused?: boolean;
    /** Runs as the page goes away, before the last write: commit the field being typed in. */
    beforeLeave?: () => void;
  } = {},
) {
  const tabId = crypto.randomUUID();
  let knownRev = knownRecord?.rev ?? 0;
  let knownTab = knownRecord?.tabId ?? tabId;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let paused = false;
  // The last write failed (storage full, say): edits since then are not stored.
  let failing = false;
  // The map when saving was paused (a shared copy open, or a conflict to settle).
  let mapAtPause: ClashMap | null = null;
  // Writes run one at a time, in order; a change during a write is written after it.
  let writing: Promise<void> = Promise.resolve();
  // The text this tab last wrote or adopted: another tab's write of the same text is no conflict.
  // Null after a journal write: then it is the text of `lastSaved`, made when first needed.
  let lastText: string | null = '';
  // The map as this tab last wrote it (mapToSave), which the next journal entry starts from,
  // and the rev of the snapshot this tab's journal extends. Null: the next write is a snapshot.
  let lastSaved: ClashMap | null = null;
  let journalBase: number | null = null;
  const knownText = (): string => (lastText ??= lastSaved ? serializeMap(lastSaved) : '');
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
  const isWritten = (current: ReturnType<typeof snapshot>) =>
    lastWritten !== null &&
    lastWritten.map === current.map &&
    lastWritten.fileName === current.fileName &&
    lastWritten.dirty === current.dirty &&
    lastWritten.kept === current.kept;
  const pause = () => {
    paused = true;
    mapAtPause = store.getState().map;
  };
  const recordOf = (current: ReturnType<typeof snapshot>): AutosaveRecord => ({
    text: serializeMap(store.getState().mapToSave()),
    fileName: current.fileName,
    dirty: current.dirty,
    tabId,
    rev: 0,
    savedAt: new Date().toISOString(),
  });

  const writeNow = async (force: boolean): Promise<void> => {
    if (paused && !force) return;
    const current = snapshot();
    if (!force && isWritten(current)) return;
    const saved = store.getState().mapToSave();
    // What changed since this tab's last write, as a journal entry (null: only a new snapshot
    // can store it; 'unchanged': only the head's details changed, the file name or dirty flag).
    const entry: JournalEntry | 'unchanged' | null =
      !force && lastSaved
        ? saved === lastSaved
          ? 'unchanged'
          : journalEntry(lastSaved, saved)
        : null;
    // What this tab knew when it took the snapshot: a merge that lands while this write waits
    // must not let a snapshot from before it overwrite the other tab's version.
    const expectRev = knownRev;
    const expectTab = knownTab;
    const base = journalBase;
    const head: Head = {
      fileName: current.fileName,
      dirty: current.dirty,
      tabId,
      rev: 0,
      savedAt: new Date().toISOString(),
    };
    const wrote: { how: 'conflict' | 'journal' | 'snapshot'; text: string | null } = {
      how: 'conflict',
      text: null,
    };
    try {
      await db()('readwrite', async (os) => {
        const [storedHead, journal] = await Promise.all([
          promisifyRequest(os.get(HEAD_KEY) as IDBRequest<Head | undefined>),
          promisifyRequest(os.get(JOURNAL_KEY) as IDBRequest<Journal | undefined>),
        ]);
        // Maps stored before the journal have no head: the snapshot says who wrote it.
        const old =
          storedHead ??
          (await promisifyRequest(os.get(KEY) as IDBRequest<AutosaveRecord | undefined>));
        if (
          !force &&
          old &&
          old.tabId !== tabId &&
          !(old.rev === expectRev && old.tabId === expectTab)
        )
          return;
        head.rev = (old?.rev ?? 0) + 1;
        // The journal is this tab's to extend when this tab wrote last, on the snapshot it
        // wrote, and there is room: then only the change (or only the head) is stored.
        const ours =
          entry !== null &&
          storedHead?.tabId === tabId &&
          storedHead.rev === expectRev &&
          journal?.base === base &&
          journal.count < JOURNAL_LIMIT;
        if (ours && entry !== 'unchanged') {
          os.put(entry, entryKey(journal.count));
          os.put({ base: journal.base, count: journal.count + 1 } satisfies Journal, JOURNAL_KEY);
        }
        if (ours) {
          os.put(head, HEAD_KEY);
          wrote.how = 'journal';
        } else {
          wrote.text = serializeMap(saved);
          putSnapshot(os, { ...head, text: wrote.text }, journal);
          wrote.how = 'snapshot';
        }
        await promisifyRequest(os.transaction);
      });
    } catch (error) {
      failing = true;
      events.onFailure(describeStorageError(error));
      return;
    }
    if (wrote.how === 'conflict') {
      let conflict: AutosaveRecord | undefined;
      try {
        conflict = (await readStored())?.record;
      } catch (error) {
        events.onFailure(describeStorageError(error));
        return;
      }
      if (conflict && !(await mergeOther(conflict))) {
        pause();
        events.onConflict(conflict);
      }
      return;
    }
    failing = false;
    knownRev = head.rev;
    knownTab = tabId;
    lastWritten = current;
    lastSaved = saved;
    if (wrote.how === 'snapshot') {
      journalBase = head.rev;
      lastText = wrote.text;
    } else if (entry !== 'unchanged') lastText = null;
    events.onSuccess();
    channel?.postMessage({ tabId, rev: head.rev });
  };
  /**
   * Another tab wrote `other`: merge it with this tab's map, against what this tab last wrote
   * or read (the versions' common ancestor; with none, an empty map, so nothing is dropped).
   * The merged map is shown and, if it holds edits the other tab lacks, written back.
   */
  const mergeOther = async (
    other: AutosaveRecord,
    /** `other` already read as a map (its journal replayed), if it was. */
    otherMap: ClashMap | null = null,
  ): Promise<boolean> => {
    // Merging loads when another tab first writes, not with the app. If it cannot load
    // (offline before the app was cached), the user is asked, as for a merge that fails.
    const merge = await import('../model/merge').catch(() => null);
    if (!merge) return false;
    const { mergeMaps } = merge;
    const theirs = otherMap
      ? { ok: true as const, map: otherMap }
      : await readMapText(other.text, { brokenQuotes: 'warn' });
    if (!theirs.ok) return false;
    const before = store.getState().map;
    const merged = mergeMaps(lastWritten?.map ?? emptyMap(before.title), before, theirs.map);
    if (!merged || !events.onMerge(merged.map, merged.repairs)) return false;
    knownRev = other.rev;
    knownTab = other.tabId;
    lastText = other.text;
    lastSaved = null;
    const shown = snapshot();
    const sameAsTheirs = serializeMap(store.getState().mapToSave()) === other.text;
    if (sameAsTheirs) lastWritten = shown;
    else schedule();
    return true;
  };

  /**
   * The other tab saved again after `asked`: take in what it changed since, against `asked` as
   * the common ancestor, where this tab's version did not change the same thing. Best effort:
   * if the newest version cannot be read or merged, this tab's version is kept as it is.
   */
  const mergeLaterEdits = async (asked: AutosaveRecord): Promise<void> => {
    let latest: AutosaveRecord | undefined;
    try {
      latest = (await readStored())?.record;
    } catch {
      return;
    }
    if (!latest || latest.tabId === tabId || latest.text === asked.text) return;
    const merge = await import('../model/merge').catch(() => null);
    const base = await readMapText(asked.text, { brokenQuotes: 'warn' });
    const theirs = await readMapText(latest.text, { brokenQuotes: 'warn' });
    if (!merge || !base.ok || !theirs.ok) return;
    const merged = merge.mergeMaps(base.map, store.getState().map, theirs.map);
    if (merged) events.onMerge(merged.map, merged.repairs);
  };

  const write = (force = false): Promise<void> => {
    writing = writing.then(() => writeNow(force));
    return writing;
  };

  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void write();
    }, AUTOSAVE_DELAY_MS);
  };

  /** Writes now what is not written yet; resolves when it is stored (or failed). */
  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    return write();
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
    if (document.visibilityState === 'hidden') void flush();
  };
  // The page is going away (tab closed, reload, navigation): the text being typed is committed,
  // and what is not yet stored is written at once where the browser keeps it for sure.
  const onLeave = () => {
    beforeLeave?.();
    if (!paused) {
      const current = snapshot();
      if (!isWritten(current)) writeRescue({ ...recordOf(current), rev: knownRev });
    }
    void flush();
  };
  document.addEventListener('visibilitychange', onHidden);
  window.addEventListener('pagehide', onLeave);

  if (channel) {
    // Taken in turn with this tab's own writes, never in the middle of one.
    const takeIn = async () => {
      if (paused) return;
      try {
        const stored = await readStored();
        const other = stored?.record;
        if (
          other &&
          other.tabId !== tabId &&
          other.text !== knownText() &&
          !(await mergeOther(other, stored.map))
        ) {
          pause();
          events.onConflict(other);
        }
      } catch (error) {
        events.onFailure(describeStorageError(error));
      }
    };
    channel.onmessage = (event: MessageEvent<{ tabId: string; rev: number }>) => {
      if (event.data.tabId === tabId || paused) return;
      writing = writing.then(takeIn);
    };
  }

  // The first write: the map this tab opened with (restored, or the article on first launch).
  // Paused (a shared link's copy is open), nothing is written until the user decides.
  if (startPaused) pause();
  lastWritten = knownRecord && !startPaused ? snapshot() : null;
  lastText = knownRecord?.text ?? '';
  if (!knownRecord && !startPaused) schedule();

  return {
    tabId,
    flush,
    /**
     * True when the open map has edits that are not stored and will not be: the last write
     * failed, or saving is paused (a shared copy not yet kept, a conflict not yet settled).
     */
    hasUnstoredEdits: (): boolean => {
      const current = store.getState().map;
      if (lastWritten?.map === current) return false;
      if (failing) return true;
      return paused && current !== mapAtPause;
    },
    /**
     * Keep this tab's version: it replaces `asked`, the other tab's version that could not be
     * merged. What the other tab saved after `asked` (while the user was choosing) is merged in
     * first, so that those later edits are not overwritten too.
     */
    keepMine: async (asked: AutosaveRecord) => {
      paused = false;
      writing = writing.then(async () => {
        await mergeLaterEdits(asked);
        await writeNow(true);
      });
      await writing;
    },
    /**
     * Take the other tab's version. The newest saved record is read now, not the one that raised
     * the conflict: the other tab may have saved again while the dialog was open. `show` opens it
     * (and returns false if it cannot); only then does it become what this tab knows, so that
     * showing it writes nothing back and raises no new conflict in either tab.
     */
    adoptLatest: async (
      fallback: AutosaveRecord,
      show: (record: AutosaveRecord) => boolean,
    ): Promise<boolean> => {
      let latest: AutosaveRecord = fallback;
      try {
        latest = (await readStored())?.record ?? fallback;
      } catch (error) {
        events.onFailure(describeStorageError(error));
      }
      if (!show(latest)) return false;
      knownRev = latest.rev;
      knownTab = latest.tabId;
      paused = false;
      lastWritten = snapshot();
      lastText = latest.text;
      lastSaved = null;
      return true;
    },
    /**
     * Start saving again after a pause: `replace` writes the open map over the saved one (the
     * user kept a shared copy); otherwise the open map is taken as what is already saved.
     */
    resume: async ({ replace }: { replace: boolean }) => {
      paused = false;
      lastSaved = null;
      if (replace) await write(true);
      else lastWritten = snapshot();
    },
    /** Retry after a failure (the user freed space, say). */
    retry: () => write(true),
    stop: () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', onLeave);
      channel?.close();
    },
  };
}

export type Autosave = ReturnType<typeof startAutosave>;
