import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { startServer, type RunningServer } from '../../server/server';

// What one misbehaving client can do to a class server: open too many connections, send a
// room more than it may hold, send garbage. Each time only that client is cut off; the server
// and everyone else carry on.

const ARTICLE = readFileSync('public/maps/cartel-drone-strikes.clashmap.json');
let server: RunningServer;
let dataDir: string;
let room: { id: string; key: string };
const open: { destroy: () => void }[] = [];

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
};

interface Client {
  doc: Y.Doc;
  /** Why the server closed this client's connection to the room (null while open). */
  closed: () => string | null;
}

function enter(): Promise<Client> {
  const doc = new Y.Doc();
  let reason: string | null = null;
  return new Promise((resolve) => {
    const socket = new HocuspocusProviderWebsocket({
      url: `ws://127.0.0.1:${server.port}`,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    });
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: room.id,
      document: doc,
      token: room.key,
      onSynced: () => resolve({ doc, closed: () => reason }),
      onClose: ({ event }) => {
        reason ??= event.reason;
      },
    });
    provider.attach();
    open.push({ destroy: () => (provider.destroy(), socket.destroy()) });
  });
}

/** A raw WebSocket to the server, and the close code it got (null while open). */
function rawSocket(): Promise<{ socket: WebSocket; closed: () => number | null }> {
  return new Promise((resolve, reject) => {
    let code: number | null = null;
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}`);
    socket.on('close', (c) => (code = c));
    socket.on('open', () => resolve({ socket, closed: () => code }));
    socket.on('error', reject);
    open.push({ destroy: () => socket.terminate() });
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'clashmap-limits-'));
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    maxConnectionsPerAddress: 6,
    maxDocumentBytes: 300_000,
  });
  const response = await fetch(`http://127.0.0.1:${server.port}/api/rooms`, {
    method: 'POST',
    body: ARTICLE,
  });
  const { id, links } = (await response.json()) as { id: string; links: { edit: string } };
  room = { id, key: new URLSearchParams(new URL(links.edit).hash.slice(1)).get('key')! };
});
afterAll(async () => {
  for (const o of open.splice(0)) o.destroy();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a class server under a misbehaving client', () => {
  it('cuts off only the sender of an edit that would make the room’s map too large', async () => {
    const vandal = await enter();
    const student = await enter();
    vandal.doc.getMap('fields').set('description', 'x'.repeat(400_000));
    expect(await until(() => vandal.closed() !== null)).toBe(true);
    expect(vandal.closed()).toMatch(/size limit/);
    // The room did not take it, and the other student carries on.
    student.doc.getMap('fields').set('title', 'Still editing');
    const observer = await enter();
    expect(await until(() => observer.doc.getMap('fields').get('title') === 'Still editing')).toBe(
      true,
    );
    expect(String(observer.doc.getMap('fields').get('description'))).not.toContain('xxxxxxxxxx');
    expect(student.closed()).toBeNull();
    for (const o of open.splice(0)) o.destroy();
  });

  it('closes only the garbage sender’s connection, whatever bytes it sends', async () => {
    const student = await enter();
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
    for (let round = 0; round < 20; round++) {
      const { socket } = await rawSocket();
      const bytes = new Uint8Array(1 + Math.floor(random() * 300));
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
      // Now and then a message that names the room, with garbage after it.
      if (round % 3 === 0) {
        const name = new TextEncoder().encode(room.id);
        bytes[0] = name.length;
        bytes.set(name.subarray(0, bytes.length - 1), 1);
      }
      socket.send(bytes);
      socket.close();
    }
    await new Promise((r) => setTimeout(r, 300));
    student.doc.getMap('fields').set('title', 'After the garbage');
    const observer = await enter();
    expect(
      await until(() => observer.doc.getMap('fields').get('title') === 'After the garbage'),
    ).toBe(true);
    expect(student.closed()).toBeNull();
    for (const o of open.splice(0)) o.destroy();
  });

  it('limits the connections one address may hold, and lets others in as they close', async () => {
    const sockets: Awaited<ReturnType<typeof rawSocket>>[] = [];
    for (let i = 0; i < 6; i++) sockets.push(await rawSocket());
    const extra = await rawSocket();
    expect(await until(() => extra.closed() !== null)).toBe(true);
    expect(extra.closed()).toBe(4429);
    expect(sockets.every((s) => s.closed() === null)).toBe(true);
    sockets[0]!.socket.close();
    await until(() => sockets[0]!.closed() !== null);
    await new Promise((r) => setTimeout(r, 100));
    const next = await rawSocket();
    await new Promise((r) => setTimeout(r, 300));
    expect(next.closed()).toBeNull();
  });
});
