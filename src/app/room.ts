import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { bindStore, readDoc } from '../doc/yjsBinding';
import type { ClashmapStore } from '../store/store';

/** What the teacher's link may do: see the room's links, freeze it, end it. */
export interface TeacherControls {
  links: { teacher: string; edit: string; view: string };
  /** Whether the room was frozen when this person joined. */
  frozen: boolean;
  /** Freezes (true) or unfreezes the room; resolves to the problem, or null when done. */
  setFrozen: (frozen: boolean) => Promise<string | null>;
  end: () => Promise<string | null>;
}

export interface JoinedRoom {
  /** Present on the teacher's link only. */
  teacher: TeacherControls | null;
  leave: () => void;
}

type Role = 'teacher' | 'student' | 'viewer';

const VIEW_ONLY = 'This is a view-only link: the map can be looked at here, not changed.';
const FROZEN = 'The teacher has frozen the map for now: it cannot be changed until it is unfrozen.';

/** Asks the class server, with this link's key, who the link makes this person. */
async function askRole(
  room: string,
  key: string,
): Promise<
  { ok: true; role: Role; teacher: TeacherControls | null } | { ok: false; reason: string }
> {
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`/api/rooms/${room}/${path}`, { ...init, headers: { Authorization: `Bearer ${key}` } });
  let answer: { role?: Role; links?: TeacherControls['links']; frozen?: boolean };
  try {
    const response = await api('role');
    answer = (await response.json()) as typeof answer;
    if (!response.ok || !answer.role)
      return { ok: false, reason: 'the class server did not accept this link’s key' };
  } catch {
    return { ok: false, reason: 'the class server cannot be reached' };
  }
  const act = async (path: string) => {
    try {
      const done = await api(path, { method: 'POST' });
      if (done.ok) return null;
      return ((await done.json()) as { error?: string }).error ?? done.statusText;
    } catch {
      return 'the class server cannot be reached';
    }
  };
  const teacher =
    answer.role === 'teacher' && answer.links
      ? {
          links: answer.links,
          frozen: answer.frozen === true,
          setFrozen: (frozen: boolean) => act(frozen ? 'freeze' : 'unfreeze'),
          end: () => act('end'),
        }
      : null;
  return { ok: true, role: answer.role, teacher };
}

/**
 * Joins a class room on the server this page came from: waits for the room's map, shows it in
 * the store, and from then on carries every edit both ways (see bindStore). Resolves to null,
 * with the reason, when the server refuses the key or cannot be reached.
 */
export async function joinRoom(
  store: ClashmapStore,
  { room, key }: { room: string; key: string },
  timeoutMs = 15_000,
): Promise<{ ok: true; joined: JoinedRoom } | { ok: false; reason: string }> {
  const asked = await askRole(room, key);
  if (!asked.ok) return asked;
  const { role, teacher } = asked;
  const doc = new Y.Doc();
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/`;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: { ok: true; joined: JoinedRoom } | { ok: false; reason: string }) => {
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
          // A freeze applies to students at once; a thaw comes with a reconnection, which
          // says again who may edit.
          if (frozen && role === 'student') readOnly = true;
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
        const leave = () => {
          binding.destroy();
          provider.destroy();
        };
        settle({ ok: true, joined: { teacher, leave } });
      },
    });
  });
}
