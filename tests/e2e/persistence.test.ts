import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addClaim,
  ARTICLE_FILE,
  articleMap,
  articleText,
  dragConnect,
  edge,
  inspector,
  killTabAndRestartClock,
  launch,
  storageIsFull,
  MOD,
  node,
  saveByDownload,
  saveStatusText,
  startBlankMap,
  visibleMap,
  waitForEdge,
  waitForFocus,
  waitForMap,
  type App,
} from './helpers';

/** Autosave writes in the task after a change; this is comfortably past it. */
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

/**
 * Brings a tab to the front before using it, as a person picks its tab first. Headless Chromium
 * gives a background tab that has had input about one animation frame a second, and Playwright
 * waits for two before each click (nearly two seconds a click). The tabs see no change: both
 * stay visible and focused, and get no visibilitychange, blur or focus event.
 */
async function inFront(page: Page): Promise<Page> {
  await page.bringToFront();
  return page;
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

describe('autosave, edit by edit', () => {
  it('keeps every edit through reloads: additions, a removal and an undo', async () => {
    app = await launch();
    const { page } = app;
    await addReply(page, 'First kept claim');
    await addReply(page, 'Second kept claim', articleText('pos-cooperative'));
    await app.reload();
    await node(page, 'Claim', 'Second kept claim').waitFor();
    // After a reload: more edits on top of what was restored, one of them taken back.
    await addReply(page, 'Third kept claim');
    await node(page, 'Claim', 'First kept claim').click();
    await page.keyboard.press('Delete');
    await expect.poll(() => node(page, 'Claim', 'First kept claim').count()).toBe(0);
    await addReply(page, 'Claim taken back', articleText('pos-cooperative'));
    await page.keyboard.press(`${MOD}+z`);
    await expect.poll(() => node(page, 'Claim', 'Claim taken back').count()).toBe(0);
    const before = await visibleMap(page);
    await page.waitForTimeout(AFTER_AUTOSAVE_MS);

    await app.reload();
    await node(page, 'Claim', 'Third kept claim').waitFor();
    await expect.poll(() => visibleMap(page)).toEqual(before);
    expect(before.nodes.some((name) => name.includes('Second kept claim'))).toBe(true);
    expect(before.nodes.some((name) => name.includes('First kept claim'))).toBe(false);
    await app.reload();
    await node(page, 'Claim', 'Third kept claim').waitFor();
    await expect.poll(() => visibleMap(page)).toEqual(before);
    expect(app.errors).toEqual([]);
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

    await addReply(await inFront(second), 'From tab two', articleText('pos-cooperative'));
    await waitForEdge(edge(first, 'From tab two', 'supports', articleText('pos-cooperative')));
    await addReply(await inFront(first), 'Again from tab one');
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

/** The dialog a tab shows when another tab's version cannot be merged with its own. */
const conflictDialog = (page: Page) =>
  page.getByRole('alertdialog', { name: 'This map was changed in another tab' });

/** How many of the pages show the conflict dialog now. */
async function dialogsShown(pages: Page[]): Promise<number> {
  const counts = await Promise.all(pages.map((page) => conflictDialog(page).count()));
  return counts.reduce((a, b) => a + b, 0);
}

/**
 * Two tabs on a blank map holding Alpha (a claim) supporting Beta (a position), with the page
 * clock under the test's control. Then, while no timer can fire, so that neither tab stores its
 * edit before the other has made its own, the first tab makes Alpha's support an extension (which
 * only a claim may make) and the second makes Alpha a position: each edit is fine on its own, the
 * two together break a rule, so no merge can take both. The clock then runs on, and both tabs
 * store their edits, one after the other.
 */
async function clashingEdits(): Promise<{ first: Page; second: Page }> {
  app = await launch({ beforeOpen: ({ context }) => context.clock.install() });
  const first = app.page;
  await startBlankMap(first);
  await addClaim(first, 'Alpha');
  await addClaim(first, 'Beta', 'Position');
  await dragConnect(
    first,
    node(first, 'Claim', 'Alpha'),
    'support',
    node(first, 'Position', 'Beta'),
  );
  await waitForEdge(edge(first, 'Alpha', 'supports', 'Beta'));
  await first.waitForTimeout(AFTER_AUTOSAVE_MS);
  const second = await app.context.newPage();
  second.setDefaultTimeout(30_000);
  await second.goto(app.baseURL);
  await waitForMap(second, 'Untitled map');
  await waitForEdge(edge(second, 'Alpha', 'supports', 'Beta'));

  // Each tab selects what it will change (selecting is no edit, and the inspector loads).
  await inFront(first);
  await first.getByRole('button', { name: 'Select: “Alpha” supports “Beta”' }).click();
  const extension = inspector(first).getByRole('radio', { name: 'Extension' });
  await extension.waitFor();
  await inFront(second);
  await node(second, 'Claim', 'Alpha').click();
  const kind = inspector(second).getByRole('combobox', { name: 'Kind' });
  await kind.waitFor();

  await app.context.clock.pauseAt(Date.now() + 1000);
  await inFront(first);
  await extension.check();
  await waitForEdge(first.getByRole('group', { name: '“Alpha” extends “Beta”', exact: true }));
  await inFront(second);
  await kind.selectOption({ label: 'Position' });
  await node(second, 'Position', 'Alpha').waitFor();
  await app.context.clock.resume();
  return { first, second };
}

describe('two tabs whose edits cannot both be kept', () => {
  it('ask once; loading the other tab’s version settles it, and later edits in both merge', async () => {
    const { first, second } = await clashingEdits();
    // The tab that stored second asks which version to keep; the other tab is not asked.
    await expect.poll(() => dialogsShown([first, second])).toBe(1);
    const [asked, other] = (await conflictDialog(first).count())
      ? [first, second]
      : [second, first];
    // While the dialog waits for an answer, the other tab goes on editing.
    await addClaim(await inFront(other), 'Made while the other tab asked');
    await other.waitForTimeout(AFTER_AUTOSAVE_MS);
    const otherHas = await visibleMap(other);
    await conflictDialog(await inFront(asked))
      .getByRole('button', { name: 'Load the other tab’s version' })
      .click();
    await expect.poll(() => visibleMap(asked)).toEqual(otherHas);
    // The dialog does not come straight back, in either tab.
    await asked.waitForTimeout(AFTER_AUTOSAVE_MS * 2);
    expect(await dialogsShown([first, second])).toBe(0);

    // Both tabs go on editing: each sees the other's edits, and nobody is asked again.
    await addClaim(await inFront(first), 'Gamma from the first tab');
    await addClaim(await inFront(second), 'Delta from the second tab');
    for (const page of [first, second]) {
      await node(page, 'Claim', 'Gamma from the first tab').waitFor();
      await node(page, 'Claim', 'Delta from the second tab').waitFor();
    }
    await first.waitForTimeout(AFTER_AUTOSAVE_MS);
    expect(await dialogsShown([first, second])).toBe(0);
    const both = await visibleMap(first);
    await expect.poll(() => visibleMap(second)).toEqual(both);
    // And storage holds all of it.
    await app!.reload();
    await expect.poll(() => visibleMap(first)).toEqual(both);
    expect(await dialogsShown([first, second])).toBe(0);
  });

  it('ask once; keeping this tab’s version keeps it in both tabs, with the other tab’s edits made meanwhile', async () => {
    const { first, second } = await clashingEdits();
    await expect.poll(() => dialogsShown([first, second])).toBe(1);
    const [asked, other] = (await conflictDialog(first).count())
      ? [first, second]
      : [second, first];
    const askedHas = await visibleMap(asked);
    // While the dialog waits for an answer, the other tab goes on editing.
    await addClaim(await inFront(other), 'Made while the other tab asked');
    await other.waitForTimeout(AFTER_AUTOSAVE_MS);
    await conflictDialog(await inFront(asked))
      .getByRole('button', { name: 'Keep this tab’s version' })
      .click();
    // The other tab now shows this tab's version, and keeps what it added meanwhile.
    await node(asked, 'Claim', 'Made while the other tab asked').waitFor();
    for (const page of [first, second]) {
      await expect
        .poll(async () => (await visibleMap(page)).nodes)
        .toEqual([...askedHas.nodes, 'Claim: Made while the other tab asked'].sort());
      await expect.poll(async () => (await visibleMap(page)).edges).toEqual(askedHas.edges);
    }
    await asked.waitForTimeout(AFTER_AUTOSAVE_MS * 2);
    expect(await dialogsShown([first, second])).toBe(0);
    await addClaim(await inFront(first), 'Gamma from the first tab');
    await addClaim(await inFront(second), 'Delta from the second tab');
    for (const page of [first, second]) {
      await node(page, 'Claim', 'Gamma from the first tab').waitFor();
      await node(page, 'Claim', 'Delta from the second tab').waitFor();
    }
    expect(await dialogsShown([first, second])).toBe(0);
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
