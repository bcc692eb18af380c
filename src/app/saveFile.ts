import { serializeMap } from '../io/serialize';
import type { ClashmapStore } from '../store/store';

/** Writes a map file's text under a suggested name; resolves to the name used, or null if cancelled. */
export type WriteMapText = (text: string, fileName: string) => Promise<string | null>;

/** What saving did: saved under a name, cancelled by the user, or failed with a reason. */
export type SaveOutcome =
  | { status: 'saved'; fileName: string }
  | { status: 'cancelled' }
  | { status: 'failed'; reason: string };

/** The open map's file text, as Save writes it. */
export const mapFileText = (store: ClashmapStore): string =>
  serializeMap(store.getState().mapToSave());

/**
 * Saves the open map through `write` (a file picker, a download, or a file on disk) under its
 * file name or one made from its title, marks it saved, and tells the user.
 */
export async function saveMap(
  store: ClashmapStore,
  write: WriteMapText,
  suggestName: (title: string) => string,
): Promise<SaveOutcome> {
  const { map, fileName } = store.getState();
  let outcome: SaveOutcome;
  try {
    const name = await write(mapFileText(store), fileName ?? suggestName(map.title));
    outcome = name ? { status: 'saved', fileName: name } : { status: 'cancelled' };
  } catch (error) {
    outcome = { status: 'failed', reason: error instanceof Error ? error.message : String(error) };
  }
  const state = store.getState();
  if (outcome.status === 'saved') {
    state.markSaved(outcome.fileName);
    state.notify('info', `Saved ${outcome.fileName}.`);
  } else if (outcome.status === 'failed') {
    state.notify('error', `Could not save: ${outcome.reason}`);
  }
  return outcome;
}
