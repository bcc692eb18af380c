import { ARTICLE_MAP_FILE, loadBundledMap } from '../io/bundledMaps';
import {
  restoreAutosave,
  startAutosave,
  type Autosave,
  type AutosaveEvents,
  type AutosaveRecord,
  type RestoreResult,
} from '../store/autosave';
import type { ClashmapStore } from '../store/store';
import { askBeforeLeaving, commitFieldBeingEdited } from './leave';
import { openOwnMap as openOwnMapService, showMap, type OwnMapOutcome } from './openFile';
import type { TeacherControls } from './room';
import { roomOfFragment, storedName } from './roomLink';
import { isShareFragment, readShareFragment } from './share';

/**
 * Start-up: which map the page opens with, and the saving that goes with it. A class room's
 * link opens the room's live map; a share link opens its map as a copy (saving paused until the
 * user keeps it); otherwise the user's own map (the one saved in this browser, or the article
 * map on first launch). Plain functions over the store; App.tsx only shows what they decide.
 */

/**
 * What the page opened with, and why a link it was given could not be opened (the user's own
 * map opens instead).
 */
export type StartOutcome = (
  | { kind: 'room'; teacher: TeacherControls | null }
  | { kind: 'shared'; own: RestoreResult; autosave: Autosave }
  | { kind: 'own'; autosave: Autosave; opened: OwnMapOutcome & { ok: true } }
  | { kind: 'failed'; lines: string[] }
) & { linkProblem?: string };

export interface StartOptions {
  /** The page's address fragment: a class room's or a share link's, or none. */
  hash: string;
  /** What autosave tells the page (storage problems, merges, conflicts). */
  events: AutosaveEvents;
  /** Asks the person joining a class room for their name (when this browser has none). */
  askName: () => Promise<string>;
  /** True once the page no longer wants the result (it was taken down meanwhile). */
  cancelled: () => boolean;
}

/**
 * Opens the user's own map: the one saved in this browser, or the article map on first launch
 * (or when the saved one cannot be restored).
 */
export function openOwnMap(store: ClashmapStore, restored: RestoreResult): Promise<OwnMapOutcome> {
  return openOwnMapService(
    store,
    restored,
    () => loadBundledMap(ARTICLE_MAP_FILE),
    ARTICLE_MAP_FILE,
  );
}

/**
 * Opens the map the page starts with (see above) and starts saving it. Null when cancelled
 * before it finished (nothing is left running then).
 */
export async function startApp(
  store: ClashmapStore,
  { hash, events, askName, cancelled }: StartOptions,
): Promise<StartOutcome | null> {
  const restored = await restoreAutosave();
  if (cancelled()) return null;
  const known = restored.status === 'restored' ? restored.record : null;
  let linkProblem: string | undefined;

  // A class room's link opens the room's live map; the user's own map stays saved and untouched
  // (nothing is autosaved over it: the room's map lives on the class server).
  const roomLink = roomOfFragment(hash);
  if (roomLink) {
    const { joinRoom } = await import('./room');
    const joined = await joinRoom(store, {
      ...roomLink,
      askName: async () => storedName() ?? (await askName()),
    });
    if (cancelled()) {
      if (joined.ok) joined.joined.leave();
      return null;
    }
    if (joined.ok) return { kind: 'room', teacher: joined.joined.teacher };
    linkProblem = `This class session link could not be opened: ${joined.reason}.`;
  }

  // A share link opens its map as a copy; the user's own map stays saved and untouched.
  if (isShareFragment(hash)) {
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    const decoded = await readShareFragment(hash);
    if (cancelled()) return null;
    if (decoded.ok) {
      showMap(store, decoded.map, null, { savedToFile: false });
      const autosave = startAutosave(store, events, known, {
        paused: true,
        beforeLeave: commitFieldBeingEdited,
      });
      return { kind: 'shared', own: restored, autosave };
    }
    linkProblem = decoded.message;
  }

  const opened = await openOwnMap(store, restored);
  if (!opened.ok) return { kind: 'failed', lines: opened.lines, linkProblem };
  if (cancelled()) return null;
  const autosave = startAutosave(store, events, known, { beforeLeave: commitFieldBeingEdited });
  return { kind: 'own', autosave, opened, linkProblem };
}

/**
 * While the page is open: a share link pasted into the address bar (only the fragment changes)
 * saves what is typed and not yet stored, then starts afresh so that the link opens as it does
 * in a new tab; and while edits cannot be stored, the browser asks before the page closes.
 * Returns the function that stops both.
 */
export function watchAddressAndLeaving(autosave: () => Autosave | null): () => void {
  const onHashChange = () => {
    if (!isShareFragment(window.location.hash)) return;
    commitFieldBeingEdited();
    const saved = autosave()?.flush() ?? Promise.resolve();
    void saved.finally(() => window.location.reload());
  };
  window.addEventListener('hashchange', onHashChange);
  const stopAsking = askBeforeLeaving(() => autosave()?.hasUnstoredEdits() ?? false);
  return () => {
    window.removeEventListener('hashchange', onHashChange);
    stopAsking();
  };
}

/**
 * "Load the other tab's version": shows the newest version another tab saved (see
 * Autosave.adoptLatest). False when it could not be read; this tab's map is then unchanged and
 * the user is told why.
 */
export function loadOtherTabVersion(
  store: ClashmapStore,
  autosave: Autosave,
  asked: AutosaveRecord,
): Promise<boolean> {
  // The parser loads here: the app's start reads its stored map without it.
  const parsing = import('../io/parse');
  return parsing.then(({ parseMap }) =>
    autosave.adoptLatest(asked, (record) => {
      const result = parseMap(record.text, { brokenQuotes: 'warn' });
      if (!result.ok) {
        store
          .getState()
          .notify(
            'error',
            `The other tab’s version could not be read (${result.error.issues[0]?.message ?? result.error.kind}); this tab’s map is unchanged.`,
          );
        return false;
      }
      showMap(store, result.map, record.fileName, { savedToFile: !record.dirty });
      return true;
    }),
  );
}
