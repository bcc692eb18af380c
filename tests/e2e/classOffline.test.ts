import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/server';
import { openSession, type Session } from './browser';
import { addClaim, node } from './helpers';

// The class server goes down in the middle of a class: the students keep working, are told
// their edits are kept, and when it comes back their browsers reconnect by themselves and
// every edit made meanwhile reaches everyone.

let server: RunningServer;
let port = 0;
let dataDir: string;
let links: { teacher: string; edit: string; view: string };
const sessions: Session[] = [];

const start = async () => {
  server = await startServer({ port, host: '127.0.0.1', dataDir, distDir: 'dist' });
  port = server.port;
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'clashmap-offline-'));
  await start();
  const response = await fetch(`http://127.0.0.1:${port}/api/rooms`, {
    method: 'POST',
    body: readFileSync('public/maps/cartel-drone-strikes.clashmap.json'),
  });
  ({ links } = (await response.json()) as { links: typeof links });
});
// Each test's browsers close when it ends, so that the next test's outage and reconnection
// involve only its own students.
afterEach(async () => {
  for (const session of sessions.splice(0)) await session.close();
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function enter(name: string) {
  const session = await openSession({ serviceWorkers: 'allow' });
  sessions.push(session);
  await session.page.goto(links.edit);
  const dialog = session.page.getByRole('dialog', { name: 'Join the class session' });
  await dialog.getByRole('textbox', { name: 'Your name' }).fill(name);
  await dialog.getByRole('button', { name: 'Join' }).click();
  await session.page.getByRole('region', { name: /^Map: / }).waitFor();
  // As in a class that has been going for a while: the app's service worker has cached it.
  await session.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  // Back in the room after a reload: the name is not asked again, and the page is the worker's.
  await session.page.reload();
  await session.page.getByRole('region', { name: /^Map: / }).waitFor();
  await session.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  return session;
}

/** The room's map as the server has it now (its export, with the student's key). */
async function roomMap(): Promise<string> {
  const params = new URLSearchParams(new URL(links.edit).hash.slice(1));
  const response = await fetch(`http://127.0.0.1:${port}/api/rooms/${params.get('room')}/map`, {
    headers: { Authorization: `Bearer ${params.get('key')}` },
  });
  return response.text();
}

const status = (session: Session) =>
  session.page.getByRole('status', { name: /^Save status/ }).textContent();

describe('a class session when the class server goes down', () => {
  it('keeps the edits made while it is down, and merges them when it is back', async () => {
    const [ana, ben] = await Promise.all([enter('Ana'), enter('Ben')]);
    await addClaim(ana.page, 'Made before the outage');
    await node(ben.page, 'Claim', 'Made before the outage').waitFor({ timeout: 3000 });

    await server.close();
    await expect.poll(() => status(ana)).toBe('Offline: edits kept in this browser');
    await expect.poll(() => status(ben)).toBe('Offline: edits kept in this browser');
    // Both go on working apart.
    await addClaim(ana.page, 'Ana, while the server was down');
    await addClaim(ben.page, 'Ben, while the server was down');

    await start();
    // They reconnect by themselves, and each gets the other's edit.
    await expect.poll(() => status(ana), { timeout: 30_000 }).toBe('Kept on the class server');
    await node(ben.page, 'Claim', 'Ana, while the server was down').waitFor({ timeout: 30_000 });
    await node(ana.page, 'Claim', 'Ben, while the server was down').waitFor({ timeout: 30_000 });
    // And the room keeps them: its exported map has all three.
    const text = await roomMap();
    for (const claim of [
      'Made before the outage',
      'Ana, while the server was down',
      'Ben, while the server was down',
    ])
      expect(text).toContain(claim);
  });

  it('opens the room from this browser’s copy when the server cannot be reached, and merges later', async () => {
    const ana = await enter('Ana');
    await addClaim(ana.page, 'Made before the reload');
    await server.close();
    await expect.poll(() => status(ana)).toBe('Offline: edits kept in this browser');
    // The page is reloaded while the server is down: the app comes from the service worker,
    // and the room's map from this browser's copy.
    await ana.page.reload();
    await ana.page.getByRole('region', { name: /^Map: / }).waitFor();
    await node(ana.page, 'Claim', 'Made before the reload').waitFor();
    await expect.poll(() => status(ana)).toBe('Offline: edits kept in this browser');
    await addClaim(ana.page, 'Made offline after the reload');
    await start();
    await expect.poll(() => status(ana), { timeout: 30_000 }).toBe('Kept on the class server');
    await expect
      .poll(async () => (await roomMap()).includes('Made offline after the reload'), {
        timeout: 10_000,
      })
      .toBe(true);
  });
});
