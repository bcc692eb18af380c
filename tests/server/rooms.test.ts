import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { readDoc } from '../../src/doc/yjsBinding';
import { parseMap } from '../../src/io/parse';
import { runCli } from '../../src/cli/main';
import { startServer, type RunningServer } from '../../server/server';

// The class server as its clients meet it: rooms made from a map file, keys that decide who
// may edit (checked by the server, whatever a client sends), and maps that outlive a restart.

const ARTICLE = readFileSync('public/maps/cartel-drone-strikes.clashmap.json', 'utf8');

let dataDir: string;
let server: RunningServer;
const open: { destroy: () => void }[] = [];

async function start() {
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir, distDir: 'dist' });
}
const base = () => `http://127.0.0.1:${server.port}`;

interface Links {
  id: string;
  links: { teacher: string; edit: string; view: string };
}
const keyOf = (link: string) => new URLSearchParams(new URL(link).hash.slice(1)).get('key')!;

async function createRoom(body = ARTICLE): Promise<Links> {
  const response = await fetch(`${base()}/api/rooms`, { method: 'POST', body });
  expect(response.status).toBe(201);
  return (await response.json()) as Links;
}

interface Client {
  doc: Y.Doc;
  failed?: string;
  provider: HocuspocusProvider;
  /** The stateless messages the server sent this client. */
  heard: string[];
}

/** A client in the room with `key`: resolves once synced, or with `failed` when refused. */
function enter(room: string, key: string): Promise<Client> {
  const doc = new Y.Doc();
  const heard: string[] = [];
  return new Promise<Client>((resolve) => {
    const socket = new HocuspocusProviderWebsocket({
      url: `ws://127.0.0.1:${server.port}`,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    });
    const provider: HocuspocusProvider = new HocuspocusProvider({
      websocketProvider: socket,
      name: room,
      document: doc,
      token: key,
      onSynced: () => resolve({ doc, provider, heard }),
      onAuthenticationFailed: ({ reason }) => resolve({ doc, failed: reason, provider, heard }),
      onStateless: ({ payload }) => heard.push(payload),
    });
    // A provider given its own socket joins it when attached.
    provider.attach();
    open.push({ destroy: () => (provider.destroy(), socket.destroy()) });
  });
}

const titleOf = (doc: Y.Doc) => readDoc(doc, null).map.title;
const setTitle = (doc: Y.Doc, title: string) => doc.getMap('fields').set('title', title);
const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'clashmap-server-'));
  await start();
});
afterEach(() => {
  for (const provider of open.splice(0)) provider.destroy();
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the class server', () => {
  it('makes a room from a map file: three links with unguessable keys, and the map inside', async () => {
    const room = await createRoom();
    const keys = Object.values(room.links).map(keyOf);
    expect(new Set(keys).size).toBe(3);
    // 128 random bits, base64url: 22 characters.
    for (const id of [room.id, ...keys]) expect(id).toMatch(/^[\w-]{22}$/);
    const student = await enter(room.id, keyOf(room.links.edit));
    expect(student.failed).toBeUndefined();
    const expected = parseMap(ARTICLE);
    expect(expected.ok && readDoc(student.doc, null).map.nodes.length).toBe(
      expected.ok && expected.map.nodes.length,
    );
  });

  it('passes one student’s edit to another, and refuses a wrong key', async () => {
    const room = await createRoom();
    const a = await enter(room.id, keyOf(room.links.edit));
    const b = await enter(room.id, keyOf(room.links.edit));
    setTitle(a.doc, 'Edited in class');
    expect(await until(() => titleOf(b.doc) === 'Edited in class')).toBe(true);
    const stranger = await enter(room.id, 'not-the-key');
    expect(stranger.failed).toBeTruthy();
  });

  it('applies nothing a viewer sends, whatever its client does', async () => {
    const room = await createRoom();
    const teacher = await enter(room.id, keyOf(room.links.teacher));
    const viewer = await enter(room.id, keyOf(room.links.view));
    // A hostile viewer: its client changes its own copy and sends the update.
    setTitle(viewer.doc, 'Vandalised');
    await new Promise((r) => setTimeout(r, 500));
    expect(titleOf(teacher.doc)).not.toBe('Vandalised');
    // It still follows the room: the teacher's edits reach it.
    teacher.doc.getMap('fields').set('description', 'Read this first');
    expect(
      await until(() => viewer.doc.getMap('fields').get('description') === 'Read this first'),
    ).toBe(true);
    const exported = await fetch(`${base()}/api/rooms/${room.id}/map`, {
      headers: { Authorization: `Bearer ${keyOf(room.links.view)}` },
    });
    expect(await exported.text()).not.toContain('Vandalised');
  });

  it('passes the teacher’s lead (follow me, present) to the room, and nobody else’s', async () => {
    const room = await createRoom();
    const teacher = await enter(room.id, keyOf(room.links.teacher));
    const student = await enter(room.id, keyOf(room.links.edit));
    const viewer = await enter(room.id, keyOf(room.links.view));
    // A student's client claims to lead: the server passes nothing on.
    student.provider.sendStateless(JSON.stringify({ lead: { kind: 'present', step: 9 } }));
    viewer.provider.sendStateless(JSON.stringify({ lead: { kind: 'stop' } }));
    teacher.provider.sendStateless(JSON.stringify({ lead: { kind: 'present', step: 2 } }));
    const lead = JSON.stringify({ lead: { kind: 'present', step: 2 } });
    expect(await until(() => viewer.heard.includes(lead))).toBe(true);
    expect(await until(() => student.heard.includes(lead))).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect([...student.heard, ...viewer.heard].filter((m) => m.includes('step":9'))).toEqual([]);
    expect([...student.heard, ...viewer.heard].filter((m) => m.includes('stop'))).toEqual([]);
  });

  it('lets the teacher freeze the room: students’ edits are refused until it is unfrozen', async () => {
    const room = await createRoom();
    const teacher = await enter(room.id, keyOf(room.links.teacher));
    const student = await enter(room.id, keyOf(room.links.edit));
    const post = (action: string, key: string) =>
      fetch(`${base()}/api/rooms/${room.id}/${action}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}` },
      });
    expect((await post('freeze', keyOf(room.links.edit))).status).toBe(403);
    expect((await post('freeze', keyOf(room.links.teacher))).status).toBe(200);
    setTitle(student.doc, 'Edited while frozen');
    await new Promise((r) => setTimeout(r, 500));
    expect(titleOf(teacher.doc)).not.toBe('Edited while frozen');
    expect((await post('unfreeze', keyOf(room.links.teacher))).status).toBe(200);
    setTitle(student.doc, 'Edited after the thaw');
    expect(await until(() => titleOf(teacher.doc) === 'Edited after the thaw')).toBe(true);
  });

  it('keeps every room’s map across a restart, and exports it as a map file', async () => {
    const room = await createRoom();
    const student = await enter(room.id, keyOf(room.links.edit));
    setTitle(student.doc, 'Kept through a restart');
    // The server stores a room's document shortly after its edits.
    const exportTitle = async () => {
      const response = await fetch(`${base()}/api/rooms/${room.id}/map`, {
        headers: { Authorization: `Bearer ${keyOf(room.links.teacher)}` },
      });
      const parsed = parseMap(await response.text());
      return parsed.ok ? parsed.map.title : `unreadable: ${JSON.stringify(parsed.error.issues)}`;
    };
    expect(await until(() => titleOf(student.doc) === 'Kept through a restart')).toBe(true);
    await new Promise((r) => setTimeout(r, 800));
    for (const provider of open.splice(0)) provider.destroy();
    await server.close();
    await start();
    expect(await exportTitle()).toBe('Kept through a restart');
    const again = await enter(room.id, keyOf(room.links.edit));
    expect(titleOf(again.doc)).toBe('Kept through a restart');
  });

  it('refuses a file that is not a map, and saying why', async () => {
    const response = await fetch(`${base()}/api/rooms`, { method: 'POST', body: '{"x": 1}' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/not a map/);
  });

  it('makes a room from the command line, and exports its map from a link', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      out: (line: string) => out.push(line),
      err: (line: string) => err.push(line),
      readFile: (path: string) => readFileSync(path),
    };
    const file = 'public/maps/cartel-drone-strikes.clashmap.json';
    expect(await runCli(['room', 'create', file, '--server', base()], io)).toBe(0);
    expect(err).toEqual([]);
    const links = out.map((line) => /(http\S+)/.exec(line)?.[1]);
    expect(links).toHaveLength(3);
    const edit = links[1]!;
    const student = await enter(
      new URLSearchParams(new URL(edit).hash.slice(1)).get('room')!,
      keyOf(edit),
    );
    setTitle(student.doc, 'Exported from the room');
    await until(() => titleOf(student.doc) === 'Exported from the room');
    await new Promise((r) => setTimeout(r, 300));
    out.length = 0;
    expect(await runCli(['room', 'export', edit], io)).toBe(0);
    const exported = parseMap(out.join('\n'));
    expect(exported.ok && exported.map.title).toBe('Exported from the room');
    expect(await runCli(['room', 'export', edit.replace(/key=[\w-]+/, 'key=wrong')], io)).toBe(1);
    expect(err.at(-1)).toMatch(/refused/);
  });
});
