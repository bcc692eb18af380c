import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ARTICLE_FILE,
  articleMap,
  articleText,
  edge,
  killTabAndRestartClock,
  launch,
  storageIsFull,
  MOD,
  node,
  saveByDownload,
  saveStatusText,
  visibleMap,
  waitForEdge,
  waitForFocus,
  waitForMap,
  type App,
} from './helpers';

/** Autosave runs about 250 ms after a change; this is comfortably past it. */
const AFTER_AUTOSAVE_MS = 600;

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** Selects an article position and adds a supporting claim to it with S. */
async function addReply(page: Page, text: string, parent = articleText('pos-demand')) {
  await node(page, 'Position', parent).click();
  await page.keyboard.press('s');
  await waitForFocus(page.getByRole('textbox', { name: 'Claim text' }));
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await waitForEdge(edge(page, text, 'supports', parent));
}

async function openSecondTab(current: App): Promise<Page> {
  const page = await current.context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(current.baseURL);
  await waitForMap(page);
  await node(page, 'Position', articleText('pos-demand')).waitFor();
  return page;
}

describe('autosave', () => {
  it('survives a reload, unsaved state included', async () => {
    app = await launch();
    const { page } = app;
    await addReply(page, 'Treatment beats interdiction');
    const before = await visibleMap(page);
    await expect.poll(() => saveStatusText(page)).toBe('Unsaved changes');
    await page.waitForTimeout(AFTER_AUTOSAVE_MS);

    await app.reload();
    await node(page, 'Claim', 'Treatment beats interdiction').waitFor();
    await expect.poll(() => visibleMap(page)).toEqual(before);
    await expect.poll(() => saveStatusText(page)).toBe('Unsaved changes');
    await expect(page.title()).resolves.toBe(`${ARTICLE_FILE} · Clashmap`);
    expect(app.errors).toEqual([]);
  });

  it('remembers after a reload that the map was saved to its file', async () => {
    app = await launch();
    const { page } = app;
    await addReply(page, 'Treatment beats interdiction');
    await saveByDownload(page, () => page.keyboard.press(`${MOD}+s`));
    await expect.poll(() => saveStatusText(page)).toBe('Saved to file');
    await page.waitForTimeout(AFTER_AUTOSAVE_MS);
    await app.reload();
    await node(page, 'Claim', 'Treatment beats interdiction').waitFor();
    await expect.poll(() => saveStatusText(page)).toBe('Saved to file');
  });

  it('is written at once when the page is hidden', async () => {
    // The browser's clock is under the test's control, so that "before the usual autosave timer
    // fires" holds however slow the machine is: while it is paused, no timer fires at all.
    app = await launch({ beforeOpen: ({ context }) => context.clock.install() });
    const { page, context } = app;
    // Let the first-launch write happen, so that only the edit below is pending.
    await page.waitForTimeout(AFTER_AUTOSAVE_MS);
    await node(page, 'Position', articleText('pos-demand')).click();
    await page.keyboard.press('s');
    await waitForFocus(page.getByRole('textbox', { name: 'Claim text' }));
    await page.keyboard.type('Written when hidden');
    await context.clock.pauseAt(Date.now() + 1000);
    await page.keyboard.press('Enter');
    await node(page, 'Claim', 'Written when hidden').waitFor();
    // The user switches to another tab or app. Headless Chromium never hides a page by itself,
    // so the browser's side of that (visibilityState and its event) is played here.
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', {
        configurable: true,
        get: () => 'hidden',
      });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    // Real time for the write to reach the disk; the page's own timers stay stopped.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // Then the tab dies (the browser is killed, the laptop runs out of battery) before any
    // autosave timer could fire: only the write on hiding can have saved it.
    await killTabAndRestartClock(page, context);
    const again = await context.newPage();
    again.setDefaultTimeout(30_000);
    await again.goto(app.baseURL);
    await waitForMap(again);
    await node(again, 'Claim', 'Written when hidden').waitFor();
    await waitForEdge(edge(again, 'Written when hidden', 'supports', articleText('pos-demand')));
  });
});

describe('two tabs', () => {
  it('merge their edits: each tab shows the other’s, nobody is asked, and storage keeps all', async () => {
    app = await launch();
    const first = app.page;
    await addReply(first, 'From tab one');
    await first.waitForTimeout(AFTER_AUTOSAVE_MS);
    const second = await openSecondTab(app);
    // The second tab restores what the first saved.
    await node(second, 'Claim', 'From tab one').waitFor();

    await addReply(second, 'From tab two', articleText('pos-cooperative'));
    await waitForEdge(edge(first, 'From tab two', 'supports', articleText('pos-cooperative')));
    await addReply(first, 'Again from tab one');
    await waitForEdge(edge(second, 'Again from tab one', 'supports', articleText('pos-demand')));

    for (const page of [first, second]) {
      await expect(
        page.getByRole('alertdialog', { name: 'This map was changed in another tab' }).count(),
      ).resolves.toBe(0);
      await expect
        .poll(async () => (await visibleMap(page)).nodes.length)
        .toBe(articleMap.nodes.length + 3);
    }
    // Undo in the first tab takes back only its own last edit.
    await first.keyboard.press(`${MOD}+z`);
    await expect(node(first, 'Claim', 'Again from tab one').count()).resolves.toBe(0);
    await node(first, 'Claim', 'From tab two').waitFor();
    await node(second, 'Claim', 'From tab two').waitFor();
    await expect.poll(() => node(second, 'Claim', 'Again from tab one').count()).toBe(0);

    await first.waitForTimeout(AFTER_AUTOSAVE_MS);
    await app.reload();
    await node(first, 'Claim', 'From tab one').waitFor();
    await node(first, 'Claim', 'From tab two').waitFor();
    await expect(node(first, 'Claim', 'Again from tab one').count()).resolves.toBe(0);
    expect(app.errors).toEqual([]);
  });
});

describe('when the browser cannot store the map', () => {
  it('shows a banner whose Download map button saves the map (storage full)', async () => {
    app = await launch({ init: storageIsFull });
    const { page } = app;
    const banner = page
      .getByRole('alert')
      .filter({ hasText: 'Your changes cannot be saved in this browser:' });
    await banner.waitFor();
    await expect(banner.innerText()).resolves.toContain('storage is full');

    await addReply(page, 'Kept only by downloading');
    const saved = await saveByDownload(page, () =>
      banner.getByRole('button', { name: 'Download map' }).click(),
    );
    expect(saved.name).toBe(ARTICLE_FILE);
    const map = JSON.parse(saved.text) as { format: string; nodes: { text: string }[] };
    expect(map.format).toBe('clashmap');
    expect(map.nodes.map((n) => n.text)).toContain('Kept only by downloading');
    expect(map.nodes).toHaveLength(articleMap.nodes.length + 1);
  });

  it('shows the banner at once when storage cannot be opened at all', async () => {
    app = await launch({
      init: () => {
        IDBFactory.prototype.open = function open(): IDBOpenDBRequest {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        };
      },
    });
    const { page } = app;
    const banner = page
      .getByRole('alert')
      .filter({ hasText: 'Your changes cannot be saved in this browser:' });
    await banner.waitFor();
    // The map still works, and the button still downloads it.
    await addReply(page, 'Kept only by downloading');
    const saved = await saveByDownload(page, () =>
      banner.getByRole('button', { name: 'Download map' }).click(),
    );
    expect(saved.text).toContain('Kept only by downloading');
  });
});
