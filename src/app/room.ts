import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { bindStore, readDoc } from '../doc/yjsBinding';
import type { ClashmapStore } from '../store/store';

export interface JoinedRoom {
  /** Whether this person's edits reach the room (a view link, or a frozen room: they do not). */
  canEdit: boolean;
  leave: () => void;
}

/**
 * Joins a class room on the server this page came from: waits for the room's map, shows it in
 * the store, and from then on carries every edit both ways (see bindStore). Resolves to null,
 * with the reason, when the server refuses the key or cannot be reached.
 */
export function joinRoom(
  store: ClashmapStore,
  { room, key }: { room: string; key: string },
  timeoutMs = 15_000,
): Promise<{ ok: true; joined: JoinedRoom } | { ok: false; reason: string }> {
  const doc = new Y.Doc();
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/`;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: Awaited<ReturnType<typeof joinRoom>>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!result.ok) provider.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () => settle({ ok: false, reason: 'the class server did not answer' }),
      timeoutMs,
    );
    let canEdit = true;
    const provider = new HocuspocusProvider({
      url,
      name: room,
      token: key,
      document: doc,
      onAuthenticated: ({ scope }) => {
        canEdit = scope !== 'readonly';
      },
      onAuthenticationFailed: () =>
        settle({ ok: false, reason: 'the class server did not accept this link’s key' }),
      onSynced: () => {
        if (settled) return;
        const { map } = readDoc(doc, null);
        store.getState().openMap(map, null, { savedToFile: false });
        const binding = bindStore(store, doc, 'a classmate');
        settle({
          ok: true,
          joined: {
            canEdit,
            leave: () => {
              binding.destroy();
              provider.destroy();
            },
          },
        });
      },
    });
  });
}
