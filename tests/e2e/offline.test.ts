import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';

describe('with no network after the first visit', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession({ width: 1600, height: 1000 });
    const { page } = session;
    await page.goto(session.baseURL);
    await page.getByRole('region', { name: /^Map:/ }).waitFor();
    // The first visit installs the service worker, which caches the app for offline use.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.getByRole('region', { name: /^Map:/ }).waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await session.context.setOffline(true);
  });
  afterAll(async () => {
    await session.close();
  });

  it('loads the app and the map, then presents it', async () => {
    const { page } = session;
    await page.reload();
    await page.getByRole('region', { name: /^Map:/ }).waitFor();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(25);
    await page.keyboard.press('F5');
    await page.getByRole('dialog', { name: 'Presentation' }).waitFor();
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('.cm-present__counter').textContent()).resolves.toMatch(
      /^Step 2 of \d+/,
    );
    await page.keyboard.press('Escape');
  });

  it('starts afresh on the article map offline, with nothing saved in the browser', async () => {
    const fresh = await session.context.newPage();
    await fresh.evaluate(() => indexedDB.deleteDatabase('clashmap')).catch(() => undefined);
    await fresh.goto(session.baseURL);
    await fresh.getByRole('region', { name: /^Map:/ }).waitFor();
    await expect.poll(() => fresh.locator('.react-flow__node').count()).toBeGreaterThan(0);
    await fresh.close();
  });

  it('opens a map file', async () => {
    const { page } = session;
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'New map' }).click();
    const discard = page.getByRole('alertdialog', { name: 'Discard unsaved changes?' });
    if (await discard.isVisible().catch(() => false))
      await discard.getByRole('button', { name: 'Discard changes' }).click();
    await page.getByRole('button', { name: 'Open map' }).click();
    const map = {
      format: 'clashmap',
      version: 1,
      title: 'Offline map',
      sources: [],
      nodes: [{ id: 'p', kind: 'position', text: 'Opened with no network', evidence: [] }],
      edges: [],
    };
    await (
      await chooser
    ).setFiles({
      name: 'offline.clashmap.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(map)),
    });
    await expect
      .poll(() => page.getByRole('group', { name: /^Position: Opened with no network/ }).count())
      .toBe(1);
  });
});
