import { HocuspocusProvider } from '@hocuspocus/provider';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { bindStore, LOCAL_ORIGIN, readDoc } from '../doc/yjsBinding';
import type { ClashmapStore } from '../store/store';
import { commitFieldBeingEdited } from './leave';
import { cleanName, colorOf, presenceStore, setPeers, type Lead, type Peer } from './presence';

/** What the teacher's link may do: see the room's links, freeze it, end it. */
export interface TeacherControls {
  links: { teacher: string; edit: string; view: string };
  /** Whether the room was frozen when this person joined. */
  frozen: boolean;
  /** Freezes (true) or unfreezes the room; resolves to the problem, or null when done. */
  setFrozen: (frozen: boolean) => Promise<string | null>;
  end: () => Promise<string | null>;
  /** Closes one person's connections (by their Yjs client id); resolves to the problem, or null. */
  remove: (client: number) => Promise<string | null>;
  /** A new student link: the old one stops working. Resolves to the new links, or null. */
  newStudentLink: () => Promise<TeacherControls['links'] | null>;
  /** Who has added what to the room's map, from the room's document. */
  overview: () => Contribution[];
}

/** One person's part in the room's map. */
export interface Contribution {
  name: string;
  /** Their Yjs client ids in the room now (empty when they have left). */
  online: number[];
  cards: string[];
  relations: number;
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
  | { ok: true; role: Role; teacher: TeacherControls | null }
  | { ok: false; reason: string; unreachable?: boolean }
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
    return { ok: false, reason: 'the class server cannot be reached', unreachable: true };
  }
  const act = async (path: string, body?: string) => {
    try {
      const done = await api(path, { method: 'POST', ...(body ? { body } : {}) });
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
          remove: (client: number) => act('remove', JSON.stringify({ client })),
          newStudentLink: async () => {
            try {
              const done = await api('new-student-link', { method: 'POST' });
              const json = (await done.json()) as { links?: TeacherControls['links'] };
              return done.ok && json.links ? json.links : null;
            } catch {
              return null;
            }
          },
          overview: () => [],
        }
      : null;
  return { ok: true, role: answer.role, teacher };
}

/** Where this browser keeps its copy of a room's map, and the role its link gave last time. */
const localName = (room: string) => `clashmap-room:${room}`;
const roleKey = (room: string) => `clashmap.room-role.${room}`;

function rememberRole(room: string, role: Role) {
  try {
    localStorage.setItem(roleKey(room), role);
  } catch {
    // Not kept: offline, this link then opens as a student's.
  }
}

function lastRole(room: string): Role {
  try {
    const role = localStorage.getItem(roleKey(room));
    return role === 'teacher' || role === 'viewer' ? role : 'student';
  } catch {
    return 'student';
  }
}

/**
 * This browser's copy of the room's document (IndexedDB, through y-indexeddb): every edit made
 * here is kept in it, online or not, so a reload, a closed tab or a server that is down loses
 * nothing; the next connection merges it with the room. Null where IndexedDB is unavailable.
 */
async function localCopy(room: string, doc: Y.Doc): Promise<IndexeddbPersistence | null> {
  try {
    const local = new IndexeddbPersistence(localName(room), doc);
    const loaded = await Promise.race([
      local.whenSynced.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3000)),
    ]);
    if (loaded) return local;
    void local.destroy();
  } catch {
    // Private browsing, or storage turned off: the session works without a local copy.
  }
  return null;
}

const hasMap = (doc: Y.Doc) =>
  doc.getArray('order:nodes').length > 0 || doc.getMap('fields').has('title');

/**
 * Joins a class room on the server this page came from: shows the room's map in the store, and
 * from then on carries every edit both ways (see bindStore), and keeps them in this browser too.
 * When the server cannot be reached but this browser has the room's map from before, it opens
 * that, offline, and merges with the room once the server is back. Resolves to the reason when
 * the server refuses the key, or cannot be reached and there is no copy here.
 */
export async function joinRoom(
  store: ClashmapStore,
  { room, key, askName }: { room: string; key: string; askName: () => Promise<string> },
  timeoutMs = 15_000,
): Promise<{ ok: true; joined: JoinedRoom } | { ok: false; reason: string }> {
  const asked = await askRole(room, key);
  const doc = new Y.Doc();
  const local = asked.ok || asked.unreachable ? await localCopy(room, doc) : null;
  const offline = !asked.ok && asked.unreachable && local !== null && hasMap(doc);
  if (!asked.ok && !offline) {
    void local?.destroy();
    return asked;
  }
  const role = asked.ok ? asked.role : lastRole(room);
  const teacher = asked.ok ? asked.teacher : null;
  if (asked.ok) rememberRole(room, role);
  // Asked once the link is known to be good: a wrong link asks nobody's name.
  const name = await askName();
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/`;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: { ok: true; joined: JoinedRoom } | { ok: false; reason: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!result.ok) {
        provider.destroy();
        void local?.destroy();
      }
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
    let readOnly = role === 'viewer';
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
      onStatus: ({ status }) =>
        presenceStore.setState({ connection: status === 'connected' ? 'online' : 'offline' }),
      onStateless: ({ payload }) => {
        try {
          const message = JSON.parse(payload) as {
            room?: { frozen?: unknown };
            lead?: unknown;
            removed?: unknown;
          };
          if (message.removed === true) {
            // The teacher took this person out of the session: no reconnecting.
            provider.destroy();
            presenceStore.setState({ connection: 'offline' });
            store
              .getState()
              .setReadOnly(
                'The teacher has removed you from the class session. The map stays here to read, and can be saved to a file.',
              );
            return;
          }
          const lead = leadOf(message.lead);
          if (lead && role !== 'teacher') {
            const serial = (presenceStore.getState().lead?.serial ?? 0) + 1;
            presenceStore.setState({ lead: { lead, serial } });
            return;
          }
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
      onAuthenticationFailed: () => {
        if (!settled)
          settle({ ok: false, reason: 'the class server did not accept this link’s key' });
        else
          store
            .getState()
            .setReadOnly(
              'The class server no longer accepts this link (the session may have ended): the map is kept in this browser, and can be saved to a file.',
            );
      },
      onSynced: () => start(),
      onClose: ({ event }) => {
        // The server cut this connection off on purpose (the room is full): say so.
        if (typeof event.reason === 'string' && /size limit/.test(event.reason))
          store
            .getState()
            .notify(
              'error',
              'The room’s map has reached the class server’s size limit: your last change did not reach the room. It is kept in this browser; save the map to a file to keep it.',
            );
      },
    });
    const start = () => {
      if (settled) return;
      const { map } = readDoc(doc, null);
      store.getState().openMap(map, null, { savedToFile: false });
      const binding = bindStore(store, doc, 'a classmate');
      showAccess();
      const stopPresence = sharePresence(provider, store, name);
      // Who this Y.Doc client is, for the teacher's overview of who added what. (A read-only
      // link's entry is refused by the server, as its edits are; it adds nothing anyway.)
      doc.transact(
        () => doc.getMap<string>('people').set(String(doc.clientID), name),
        LOCAL_ORIGIN,
      );
      if (teacher) teacher.overview = () => contributions(doc, provider);
      const sendLead =
        role === 'teacher'
          ? (lead: Lead) => provider.sendStateless(JSON.stringify({ lead }))
          : null;
      presenceStore.setState({ following: role !== 'teacher', sendLead });
      // A page that goes away commits the field being typed first (no autosave runs in a
      // room): the edit then goes to the room and to this browser's copy.
      window.addEventListener('pagehide', commitFieldBeingEdited);
      const leave = () => {
        window.removeEventListener('pagehide', commitFieldBeingEdited);
        stopPresence();
        binding.destroy();
        provider.destroy();
        void local?.destroy();
      };
      settle({ ok: true, joined: { teacher, leave } });
    };
    if (offline) {
      presenceStore.setState({ connection: 'offline' });
      start();
    }
  });
}

const finite = (value: unknown): value is number => typeof value === 'number' && isFinite(value);

/** A lead from the teacher, checked (the server passes on only the teacher's, but still). */
function leadOf(value: unknown): Lead | null {
  if (typeof value !== 'object' || value === null) return null;
  const lead = value as Record<string, unknown>;
  if (lead.kind === 'stop') return { kind: 'stop' };
  if (lead.kind === 'present' && finite(lead.step) && lead.step >= 0)
    return { kind: 'present', step: Math.floor(lead.step) };
  if (
    lead.kind === 'view' &&
    finite(lead.x) &&
    finite(lead.y) &&
    finite(lead.width) &&
    finite(lead.height) &&
    lead.width > 0 &&
    lead.height > 0
  )
    return { kind: 'view', x: lead.x, y: lead.y, width: lead.width, height: lead.height };
  return null;
}

/** The most cards one person's selection shows on others' screens. */
const SELECTION_SHOWN = 50;
/** The most people shown; more than a class is somebody misbehaving. */
const PEOPLE_SHOWN = 200;

const strings = (value: unknown, limit: number): string[] =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string').slice(0, limit)
    : [];

/**
 * Tells the room this person's name, what they have selected and where they are typing, and
 * keeps the presence store up to date with everyone else's. What peers send is checked and
 * cut to size; their colours are chosen here. Returns what stops it.
 */
function sharePresence(provider: HocuspocusProvider, store: ClashmapStore, name: string) {
  const awareness = provider.awareness;
  if (!awareness) return () => {};
  const self = awareness.clientID;
  presenceStore.setState({ self: { name, color: colorOf(self) } });
  const publish = () => {
    const { selectedNodeIds, editingNodeId } = store.getState();
    awareness.setLocalState({
      user: { name },
      focus: { selection: selectedNodeIds.slice(0, SELECTION_SHOWN), editing: editingNodeId },
    });
  };
  publish();
  const unsubscribe = store.subscribe((state, prior) => {
    if (
      state.selectedNodeIds !== prior.selectedNodeIds ||
      state.editingNodeId !== prior.editingNodeId
    )
      publish();
  });
  const read = () => {
    const peers: Peer[] = [];
    for (const [id, state] of awareness.getStates()) {
      if (id === self || peers.length >= PEOPLE_SHOWN) continue;
      const user = (state as { user?: { name?: unknown } }).user;
      const focus = (state as { focus?: { selection?: unknown; editing?: unknown } }).focus;
      const peerName = cleanName(user?.name);
      if (!peerName) continue;
      const editing = typeof focus?.editing === 'string' ? focus.editing : null;
      peers.push({
        id,
        name: peerName,
        color: colorOf(id),
        selection: strings(focus?.selection, SELECTION_SHOWN),
        editing,
      });
    }
    peers.sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
    setPeers(peers);
  };
  awareness.on('change', read);
  read();
  return () => {
    awareness.off('change', read);
    unsubscribe();
    setPeers([]);
    presenceStore.setState({
      self: null,
      lead: null,
      sendLead: null,
      leading: { view: false, present: false },
    });
  };
}

/**
 * Who added what: each card and relation of the room's document belongs to the Yjs client that
 * created its record, and each client wrote its person's name into the document's `people`
 * map when it joined. Records from before anyone joined came with the room's map.
 */
function contributions(doc: Y.Doc, provider: HocuspocusProvider): Contribution[] {
  const people = doc.getMap<unknown>('people');
  const online = new Map<string, number[]>();
  for (const [client, state] of provider.awareness?.getStates() ?? []) {
    if (client === doc.clientID) continue;
    const name = cleanName((state as { user?: { name?: unknown } }).user?.name);
    if (name) online.set(name, [...(online.get(name) ?? []), client]);
  }
  const byName = new Map<string, Contribution>();
  const entry = (name: string) => {
    let found = byName.get(name);
    if (!found) {
      found = { name, online: online.get(name) ?? [], cards: [], relations: 0 };
      byName.set(name, found);
    }
    return found;
  };
  const creator = (record: Y.Map<unknown>) => {
    const client = record._item?.id.client;
    return client === undefined ? null : cleanName(people.get(String(client)));
  };
  const STARTED = 'The map the room started with';
  for (const record of doc.getMap<Y.Map<unknown>>('records:nodes').values()) {
    if (!(record instanceof Y.Map)) continue;
    const text = record.get('text');
    entry(creator(record) ?? STARTED).cards.push(typeof text === 'string' ? text : '');
  }
  for (const record of doc.getMap<Y.Map<unknown>>('records:edges').values())
    if (record instanceof Y.Map) entry(creator(record) ?? STARTED).relations++;
  for (const name of online.keys()) entry(name);
  return [...byName.values()].sort(
    (a, b) =>
      Number(a.name === STARTED) - Number(b.name === STARTED) || a.name.localeCompare(b.name),
  );
}
