import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { bindStore, readDoc } from '../doc/yjsBinding';
import type { ClashmapStore } from '../store/store';

export interface JoinedRoom {
  leave: () => void;
}

const VIEW_ONLY = 'This is a view-only link: the map can be looked at here, not changed.';
const FROZEN = 'The teacher has frozen the map for now: it cannot be changed until it is unfrozen.';

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
    // The server decides who may edit, at every (re)connection: a view link, or a student's
    // link while the room is frozen, is read-only. The editor refuses edits the same way, so
    // nothing is typed here that the room would not take.
    let frozen = false;
    let readOnly = false;
    const showAccess = () =>
      store.getState().setReadOnly(readOnly ? (frozen ? FROZEN : VIEW_ONLY) : null);
    const provider = new HocuspocusProvider({
      url,
      name: room,
      token: key,
      document: doc,
      onAuthenticated: ({ scope }) => {
        readOnly = scope === 'readonly';
        showAccess();
      },
      onStateless: ({ payload }) => {
        try {
          const message = JSON.parse(payload) as { room?: { frozen?: unknown } };
          if (typeof message.room?.frozen !== 'boolean') return;
          frozen = message.room.frozen;
          // A freeze applies at once; a thaw comes with a reconnection, which says who may edit.
          if (frozen) readOnly = true;
          showAccess();
        } catch {
          // Not a message of ours: ignored.
        }
      },
      onAuthenticationFailed: () =>
        settle({ ok: false, reason: 'the class server did not accept this link’s key' }),
      onSynced: () => {
        if (settled) return;
        const { map } = readDoc(doc, null);
        store.getState().openMap(map, null, { savedToFile: false });
        const binding = bindStore(store, doc, 'a classmate');
        showAccess();
        settle({
          ok: true,
          joined: {
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
