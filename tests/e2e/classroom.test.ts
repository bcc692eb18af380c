import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/server';
import { openSession, type Session } from './browser';
import { addClaim, anyNode, node } from './helpers';

// A class on one map: the class server (npm run serve) serves the app and the room; two
// students open the edit link in their browsers and see each other's edits as they are made.

let server: RunningServer;
let dataDir: string;
let links: { teacher: string; edit: string; view: string };
const sessions: Session[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'clashmap-class-'));
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir, distDir: 'dist' });
  const response = await fetch(`http://127.0.0.1:${server.port}/api/rooms`, {
    method: 'POST',
    body: readFileSync('public/maps/cartel-drone-strikes.clashmap.json'),
  });
  ({ links } = (await response.json()) as { links: typeof links });
});
afterAll(async () => {
  for (const session of sessions) await session.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function student(link: string) {
  const session = await openSession();
  sessions.push(session);
  await session.page.goto(link);
  await session.page.getByRole('region', { name: 'Class session' }).waitFor();
  await session.page.getByRole('region', { name: /^Map: / }).waitFor();
  return session;
}

describe('a class session on the class server', () => {
  it('two students on the edit link see each other’s new claim within a second', async () => {
    const a = await student(links.edit);
    const b = await student(links.edit);
    await expect(
      b.page.getByRole('region', { name: 'Class session' }).textContent(),
    ).resolves.toContain('your edits reach everyone');
    await expect(b.page.getByRole('status', { name: /^Save status/ }).textContent()).resolves.toBe(
      'Kept on the class server',
    );
    await addClaim(a.page, 'Added by student A');
    await node(b.page, 'Claim', 'Added by student A').waitFor({ timeout: 1000 });
    await addClaim(b.page, 'Added by student B');
    await node(a.page, 'Claim', 'Added by student B').waitFor({ timeout: 1000 });
    // The room keeps it: a projector opening the view link sees both, and is told it is view only.
    const projector = await student(links.view);
    await anyNode(projector.page, 'Added by student B').waitFor();
    await expect(
      projector.page.getByRole('region', { name: 'Class session' }).textContent(),
    ).resolves.toContain('view-only link');
    // Its editor refuses changes, and says why.
    await projector.page.keyboard.press('c');
    await expect.poll(() => projector.page.getByText(/view-only link/).count()).toBeGreaterThan(1);
    await expect(projector.page.getByRole('textbox', { name: 'Claim text' }).count()).resolves.toBe(
      0,
    );

    // The teacher, on the teacher's link, hands out the links and freezes the room: students
    // are told, and their editors refuse changes.
    const teacher = await student(links.teacher);
    const controls = teacher.page.getByRole('region', { name: 'Class session' });
    await controls.getByText('Links for the class').click();
    await expect(
      controls.getByRole('textbox', { name: 'Students (edit)' }).inputValue(),
    ).resolves.toBe(links.edit);
    await controls.getByRole('button', { name: 'Freeze the map' }).click();
    const banner = a.page.getByRole('region', { name: 'Class session' });
    await expect.poll(() => banner.textContent()).toContain('frozen');
    await a.page.keyboard.press('c');
    await expect(a.page.getByRole('textbox', { name: 'Claim text' }).count()).resolves.toBe(0);
    // The teacher still edits while the room is frozen.
    await addClaim(teacher.page, 'The teacher’s own claim');
    await node(b.page, 'Claim', 'The teacher’s own claim').waitFor({ timeout: 3000 });
    // Unfrozen, they edit again.
    await controls.getByRole('button', { name: 'Unfreeze the map' }).click();
    await expect.poll(() => banner.textContent()).toContain('your edits reach everyone');
    await addClaim(a.page, 'Added after the thaw');
    await node(b.page, 'Claim', 'Added after the thaw').waitFor({ timeout: 3000 });
    expect([...a.errors, ...b.errors, ...projector.errors, ...teacher.errors]).toEqual([]);
  });

  it('says so when a link’s key is wrong, and opens the person’s own map instead', async () => {
    const session = await openSession();
    sessions.push(session);
    await session.page.goto(links.edit.replace(/key=[\w-]+/, 'key=wrong'));
    await session.page.getByRole('region', { name: /^Map: / }).waitFor();
    await expect
      .poll(() => session.page.getByText(/class session link could not be opened/).count())
      .toBeGreaterThan(0);
    await expect(session.page.getByRole('region', { name: 'Class session' }).count()).resolves.toBe(
      0,
    );
  });
});
