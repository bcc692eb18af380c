import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { readDoc } from '../../src/doc/yjsBinding';
import { startServer, type RunningServer } from '../../server/server';

// More than one classroom: two instances of the class server behind one address, sharing one
// data folder and a Redis server (Debian's redis-server, which npm test and CI install).

const REDIS = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

let redis: ChildProcess;
let dataDir: string;
const servers: RunningServer[] = [];
const clients: { destroy: () => void }[] = [];

beforeAll(async () => {
  if (!existsSync(REDIS))
    throw new Error(`redis-server is missing (${REDIS}): run npm test, which installs it`);
  const port = await freePort();
  redis = spawn(REDIS, [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
  // Ready once it accepts connections.
  for (let tries = 0; ; tries++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}`);
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code !== 'ECONNREFUSED'));
      socket.on('open', () => resolve(true));
    });
    if (up) break;
    if (tries > 100) throw new Error('redis-server did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  dataDir = mkdtempSync(join(tmpdir(), 'clashmap-scale-'));
  for (let i = 0; i < 2; i++)
    servers.push(
      await startServer({
        port: 0,
        host: '127.0.0.1',
        dataDir,
        redis: { host: '127.0.0.1', port },
      }),
    );
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  for (const server of servers) await server.close();
  redis?.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function enter(port: number, room: string, key: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  return new Promise((resolve, reject) => {
    const socket = new HocuspocusProviderWebsocket({
      url: `ws://127.0.0.1:${port}`,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    });
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: room,
      document: doc,
      token: key,
      onSynced: () => resolve(doc),
      onAuthenticationFailed: ({ reason }) => reject(new Error(reason)),
    });
    provider.attach();
    clients.push({ destroy: () => (provider.destroy(), socket.destroy()) });
  });
}

describe('two class server instances sharing Redis', () => {
  it('put a room made on one in front of clients on both, and their edits meet', async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const response = await fetch(`http://127.0.0.1:${a.port}/api/rooms`, {
      method: 'POST',
      body: readFileSync('public/maps/cartel-drone-strikes.clashmap.json'),
    });
    const { id, links } = (await response.json()) as { id: string; links: { edit: string } };
    const key = new URLSearchParams(new URL(links.edit).hash.slice(1)).get('key')!;
    const onA = await enter(a.port, id, key);
    const onB = await enter(b.port, id, key);
    onA.getMap('fields').set('title', 'Written through instance A');
    onB.getMap('fields').set('description', 'Written through instance B');
    const converged = () =>
      readDoc(onB, null).map.title === 'Written through instance A' &&
      readDoc(onA, null).map.description === 'Written through instance B';
    const end = Date.now() + 5000;
    while (!converged() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
    expect(converged()).toBe(true);
    expect(Y.encodeStateVector(onA)).toEqual(Y.encodeStateVector(onB));
  });
});
