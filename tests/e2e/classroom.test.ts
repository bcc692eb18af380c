import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/server';
import { openSession, type Session } from './browser';
import {
  addClaim,
  anyNode,
  inspector,
  node,
  notice,
  saveByDownload,
  tool,
  waitForMap,
} from './helpers';

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
// Each test's browsers close when it ends: a tab left open stays in the room, and would render
// every later test's edits too, on a machine with two cores.
afterEach(async () => {
  for (const session of sessions.splice(0)) await session.close();
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A person opening a class link in a browser of their own; several may join at once. */
async function student(link: string, name = 'Student') {
  const session = await openSession();
  sessions.push(session);
  await session.page.goto(link);
  // The name is asked once, before joining.
  const dialog = session.page.getByRole('dialog', { name: 'Join the class session' });
  await dialog.getByRole('textbox', { name: 'Your name' }).fill(name);
  await dialog.getByRole('button', { name: 'Join' }).click();
  await session.page.getByRole('region', { name: 'Class session' }).waitFor();
  await session.page.getByRole('region', { name: /^Map: / }).waitFor();
  return session;
}

describe('a class session on the class server', () => {
  it('two students on the edit link see each other’s new claim within a second', async () => {
    const [a, b] = await Promise.all([student(links.edit), student(links.edit)]);
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

  it('shows who is here, what each has selected and who is typing where; names are only text', async () => {
    const hostile = '<img src=x onerror=alert(1)>Ben';
    const [ana, ben] = await Promise.all([
      student(links.edit, 'Ana'),
      student(links.edit, hostile),
    ]);
    const people = (page: typeof ana.page) =>
      page.getByRole('list', { name: 'People in the session' }).getByRole('listitem');
    await expect.poll(() => people(ana.page).allTextContents()).toContain(hostile);
    await expect.poll(() => people(ben.page).allTextContents()).toContain('Ana');
    expect(await people(ben.page).allTextContents()).toContain(`${hostile} (you)`);
    await expect(ana.page.locator('.cm-people img').count()).resolves.toBe(0);

    // Ana selects a position: Ben sees her name on that card.
    const card =
      'The US should act against the cartels only in coordination with the Mexican government.';
    await anyNode(ana.page, card).click();
    const marks = anyNode(ben.page, card).getByRole('list', { name: 'Others here' });
    await expect.poll(() => marks.textContent()).toBe('Ana');
    // She starts typing in it: Ben's card says so, and his own typing elsewhere is undisturbed.
    await ana.page.keyboard.press('Enter');
    await ana.page.getByRole('textbox', { name: 'Position text' }).waitFor();
    await expect.poll(() => marks.textContent()).toBe('Ana is editing');
    await ana.page.keyboard.press('Escape');
    await expect.poll(() => marks.textContent()).toBe('Ana');
    // Ben selects nothing: his mark is on no card of Ana's.
    await expect(
      ana.page.getByRole('list', { name: 'Others here' }).filter({ hasText: 'Ben' }).count(),
    ).resolves.toBe(0);
    expect([...ana.errors, ...ben.errors]).toEqual([]);
  });

  it('a classmate’s edits to the card being typed in keep the typist’s draft and caret', async () => {
    const [gil, hana] = await Promise.all([
      student(links.edit, 'Gil'),
      student(links.edit, 'Hana'),
    ]);
    await addClaim(gil.page, 'A claim both will touch');
    await node(hana.page, 'Claim', 'A claim both will touch').waitFor({ timeout: 3000 });
    // Gil opens the card and types, without committing.
    await node(gil.page, 'Claim', 'A claim both will touch').click();
    await gil.page.keyboard.press('Enter');
    const field = gil.page.getByRole('textbox', { name: 'Claim text' });
    await field.waitFor();
    await gil.page.keyboard.press('End');
    await gil.page.keyboard.type(', and Gil is still typing');
    // Meanwhile Hana tags that very card, and adds a claim beside it.
    await node(hana.page, 'Claim', 'A claim both will touch').click();
    const tags = inspector(hana.page).getByRole('textbox', { name: 'Tags (comma-separated)' });
    await tags.fill('contested');
    await tags.press('Tab');
    await node(gil.page, 'Claim', 'A claim both will touch')
      .getByRole('list', { name: 'Tags' })
      .filter({ hasText: 'contested' })
      .waitFor({ timeout: 3000 });
    await addClaim(hana.page, 'Hana’s claim beside it');
    await node(gil.page, 'Claim', 'Hana’s claim beside it').waitFor({ timeout: 3000 });
    // Gil's draft and caret are where he left them; he goes on typing and commits.
    expect(await field.inputValue()).toBe('A claim both will touch, and Gil is still typing');
    expect(await field.evaluate((el: HTMLTextAreaElement) => el.selectionStart)).toBe(
      'A claim both will touch, and Gil is still typing'.length,
    );
    await gil.page.keyboard.type('!');
    await gil.page.keyboard.press('Enter');
    await node(hana.page, 'Claim', 'A claim both will touch, and Gil is still typing!').waitFor({
      timeout: 3000,
    });
  });

  it('text being typed when a student closes the tab reaches the room', async () => {
    const [ida, jo] = await Promise.all([student(links.edit, 'Ida'), student(links.edit, 'Jo')]);
    await tool(ida.page, 'Add claim').click();
    const field = ida.page.getByRole('textbox', { name: 'Claim text' });
    await field.waitFor();
    await ida.page.keyboard.type('Typed by Ida, tab closed before Enter');
    await ida.page.close({ runBeforeUnload: true });
    await node(jo.page, 'Claim', 'Typed by Ida, tab closed before Enter').waitFor({
      timeout: 5000,
    });
  });

  it('undo in one browser takes back only that person’s edit, never the other’s', async () => {
    const [ana, ben] = await Promise.all([student(links.edit, 'Ana'), student(links.edit, 'Ben')]);
    await addClaim(ana.page, 'Ana’s claim to undo');
    await node(ben.page, 'Claim', 'Ana’s claim to undo').waitFor({ timeout: 3000 });
    await addClaim(ben.page, 'Ben’s claim that stays');
    await node(ana.page, 'Claim', 'Ben’s claim that stays').waitFor({ timeout: 3000 });
    await ana.page.keyboard.press('Control+z');
    await node(ben.page, 'Claim', 'Ana’s claim to undo').waitFor({
      state: 'detached',
      timeout: 3000,
    });
    await expect(node(ana.page, 'Claim', 'Ana’s claim to undo').count()).resolves.toBe(0);
    await expect(node(ana.page, 'Claim', 'Ben’s claim that stays').count()).resolves.toBe(1);
    await expect(node(ben.page, 'Claim', 'Ben’s claim that stays').count()).resolves.toBe(1);
    // Ana has nothing more of her own to undo: Ben's claim is not hers to take back.
    await ana.page.keyboard.press('Control+z');
    await expect(node(ana.page, 'Claim', 'Ben’s claim that stays').count()).resolves.toBe(1);
  });

  it('students follow the teacher’s view and presentation, and may stop following', async () => {
    const [teacher, ana] = await Promise.all([
      student(links.teacher, 'Ms Teacher'),
      student(links.edit, 'Ana'),
    ]);
    const controls = teacher.page.getByRole('region', { name: 'Class session' });
    const zoomOf = (page: typeof ana.page) =>
      page
        .locator('.react-flow__viewport')
        .evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
    await controls.getByRole('button', { name: 'Follow me' }).click();
    await expect(
      controls.getByRole('button', { name: 'Follow me' }).getAttribute('aria-pressed'),
    ).resolves.toBe('true');
    // The teacher zooms in on the map: Ana's screen zooms with it.
    await teacher.page.getByRole('button', { name: 'Zoom in' }).click();
    await teacher.page.getByRole('button', { name: 'Zoom in' }).click();
    const zoom = await zoomOf(teacher.page);
    await expect.poll(() => zoomOf(ana.page)).toBeCloseTo(zoom, 1);

    // Present to the class: Ana's screen shows the teacher's step.
    await controls.getByRole('button', { name: 'Present to the class' }).click();
    await teacher.page.getByRole('button', { name: 'Present', exact: true }).click();
    const status = (page: typeof ana.page) => page.getByText(/^Step \d+ of \d+/);
    await expect.poll(() => status(ana.page).textContent()).toMatch(/^Step 1 of /);
    await teacher.page.keyboard.press('ArrowRight');
    await expect.poll(() => status(ana.page).textContent()).toMatch(/^Step 2 of /);
    await teacher.page.keyboard.press('Escape');
    await expect.poll(() => status(ana.page).count()).toBe(0);

    // A student who stops following stays where they are.
    await ana.page.getByRole('checkbox', { name: 'Follow the teacher' }).uncheck();
    const before = await zoomOf(ana.page);
    await teacher.page.getByRole('button', { name: 'Zoom out' }).click();
    await teacher.page.getByRole('button', { name: 'Zoom out' }).click();
    await teacher.page.waitForTimeout(800);
    expect(await zoomOf(ana.page)).toBeCloseTo(before, 2);
  });

  it('a teacher starts a session from the map they have open; Save keeps the room’s map, Open is refused', async () => {
    const session = await openSession();
    sessions.push(session);
    const { page } = session;
    await page.goto(`http://127.0.0.1:${server.port}/`);
    await waitForMap(page);
    await addClaim(page, 'Prepared before class');
    await tool(page, 'Start a class session').click();
    const dialog = page.getByRole('dialog', { name: 'Join the class session' });
    await dialog.getByRole('textbox', { name: 'Your name' }).fill('Ms Teacher');
    await dialog.getByRole('button', { name: 'Join' }).click();
    const controls = page.getByRole('region', { name: 'Class session' });
    await controls.getByRole('button', { name: 'Freeze the map' }).waitFor();
    await node(page, 'Claim', 'Prepared before class').waitFor();
    await expect(tool(page, 'Start a class session').count()).resolves.toBe(0);
    // A student joins on the link the teacher hands out, and adds to the map.
    await controls.getByText('Links for the class').click();
    const editLink = await controls.getByRole('textbox', { name: 'Students (edit)' }).inputValue();
    const ana = await student(editLink, 'Ana');
    await node(ana.page, 'Claim', 'Prepared before class').waitFor();
    await addClaim(ana.page, 'Added in class');
    await node(page, 'Claim', 'Added in class').waitFor({ timeout: 3000 });
    // Save writes the room's map as it is now.
    const saved = await saveByDownload(page, () => page.keyboard.press('Control+s'));
    expect(saved.text).toContain('Prepared before class');
    expect(saved.text).toContain('Added in class');
    // Opening another map would replace the room's for everyone: refused, and said why.
    await page.keyboard.press('Control+o');
    await notice(page, /during a class session/).waitFor();
    await expect(node(ana.page, 'Claim', 'Added in class').count()).resolves.toBe(1);
  });

  it('the teacher sees who added what, removes a student, and makes a new student link', async () => {
    const [teacher, dana, eli] = await Promise.all([
      student(links.teacher, 'Ms Teacher'),
      student(links.edit, 'Dana'),
      student(links.edit, 'Eli'),
    ]);
    await addClaim(dana.page, 'Dana’s first claim');
    await addClaim(dana.page, 'Dana’s second claim');
    await addClaim(eli.page, 'Eli’s claim');
    await node(teacher.page, 'Claim', 'Eli’s claim').waitFor({ timeout: 3000 });
    const controls = teacher.page.getByRole('region', { name: 'Class session' });
    await controls.getByText('Who added what').click();
    const table = controls.getByRole('table', { name: 'People in the room and what each added' });
    const row = (name: string) => table.getByRole('row', { name: new RegExp(`^${name}`) });
    await expect
      .poll(() => row('Dana').getByRole('cell').allTextContents())
      .toEqual(['2', '0', 'Remove Dana']);
    await expect
      .poll(() => row('Eli').getByRole('cell').allTextContents())
      .toEqual(['1', '0', 'Remove Eli']);
    expect(await row('The map the room started with').getByRole('cell').first().textContent()).toBe(
      '25',
    );

    // Eli is removed: his page says so and edits nothing more; the others carry on.
    await row('Eli').getByRole('button', { name: 'Remove Eli' }).click();
    const elisBanner = eli.page.getByRole('region', { name: 'Class session' });
    await expect
      .poll(() => elisBanner.textContent())
      .toContain('removed you from the class session');
    await eli.page.keyboard.press('c');
    await expect(eli.page.getByRole('textbox', { name: 'Claim text' }).count()).resolves.toBe(0);
    await addClaim(dana.page, 'Dana carries on');
    await node(teacher.page, 'Claim', 'Dana carries on').waitFor({ timeout: 3000 });

    // A new student link: the old one no longer opens the room; the new one does.
    await controls.getByText('Links for the class').click();
    await controls.getByRole('button', { name: 'New student link' }).click();
    const field = controls.getByRole('textbox', { name: 'Students (edit)' });
    await expect.poll(() => field.inputValue()).not.toBe(links.edit);
    const fresh = await field.inputValue();
    const refused = await fetch(
      `http://127.0.0.1:${server.port}/api/rooms/${new URLSearchParams(new URL(links.edit).hash.slice(1)).get('room')}/role`,
      {
        headers: {
          Authorization: `Bearer ${new URLSearchParams(new URL(links.edit).hash.slice(1)).get('key')}`,
        },
      },
    );
    expect(refused.status).toBe(403);
    const cara = await student(fresh, 'Cara');
    await node(cara.page, 'Claim', 'Dana carries on').waitFor();
    links.edit = fresh;
  });

  it('without a class server, "Start a class session" says how to get one and changes nothing', async () => {
    const session = await openSession();
    sessions.push(session);
    await session.page.goto(session.baseURL);
    await waitForMap(session.page);
    await tool(session.page, 'Start a class session').click();
    await notice(session.page, /needs the class server: run "npm run serve"/).waitFor();
    await expect(session.page.getByRole('region', { name: 'Class session' }).count()).resolves.toBe(
      0,
    );
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
