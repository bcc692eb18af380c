import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { articleMap } from './helpers';

describe('with no network after the first visit', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession({ width: 1600, height: 1000, serviceWorkers: 'allow' });
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
    const { page } = session;
    // The app autosaved the article map on its first visit; reloaded, it would restore that copy.
    // Delete it from the app's own origin (another origin may not touch it), on a page the service
    // worker serves from its cache without running the app: the app's open connection would block
    // the deletion. Every failure here fails the test.
    await page.goto(new URL('icon.svg', session.baseURL).href);
    expect(
      await page.evaluate(() => indexedDB.databases().then((d) => d.map((x) => x.name))),
    ).toContain('clashmap');
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.deleteDatabase('clashmap');
          request.onsuccess = () => resolve();
          request.onerror = () => reject(request.error ?? new Error('deleteDatabase failed'));
          request.onblocked = () => reject(new Error('deleting the database is blocked'));
        }),
    );
    expect(
      await page.evaluate(() => indexedDB.databases().then((d) => d.map((x) => x.name))),
    ).toEqual([]);

    await page.goto(session.baseURL);
    await page.getByRole('region', { name: /^Map:/ }).waitFor();
    await expect
      .poll(() => page.locator('.react-flow__node').count())
      .toBe(articleMap.nodes.length);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      articleMap.title,
    );
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
      version: 3,
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
