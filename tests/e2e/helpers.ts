import { readFileSync } from 'node:fs';
import type { BrowserContext, Download, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { leaseSession, openSession, type Session } from './browser';

/** The shipped article map, read as a user's file would be: its texts are what the UI shows. */
export const ARTICLE_FILE = 'cartel-drone-strikes.clashmap.json';
export const articleMap = JSON.parse(
  readFileSync('public/maps/cartel-drone-strikes.clashmap.json', 'utf8'),
) as {
  title: string;
  nodes: { id: string; kind: 'position' | 'claim'; text: string }[];
  edges: { id: string; from: string; to: string; kind: 'support' | 'rebuttal' }[];
};
export const articleText = (id: string) => {
  const node = articleMap.nodes.find((n) => n.id === id);
  if (!node) throw new Error(`no article node ${id}`);
  return node.text;
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export type Kind = 'Position' | 'Claim';

/** A node on the canvas, by its kind and its whole text (quotes may follow). */
export function node(page: Page, kind: Kind, text: string): Locator {
  return page.getByRole('group', {
    name: new RegExp(`^${kind}: ${escapeRegExp(text)}(?: Quote from |$)`),
  });
}

/** Any node (position or claim) with exactly this text. */
export function anyNode(page: Page, text: string): Locator {
  return page.getByRole('group', {
    name: new RegExp(`^(?:Position|Claim): ${escapeRegExp(text)}(?: Quote from |$)`),
  });
}

/** Every node on the canvas. */
export function allNodes(page: Page): Locator {
  return page.getByRole('group', { name: /^(?:Position|Claim): / });
}

/** Every edge on the canvas (its accessible name says who supports or rebuts whom). */
export function allEdges(page: Page): Locator {
  return page.getByRole('group', { name: /^“[\s\S]*” (?:supports|rebuts) “[\s\S]*”$/ });
}

/** An edge, by the texts of its ends and its kind. */
export function edge(page: Page, from: string, verb: 'supports' | 'rebuts', to: string): Locator {
  return page.getByRole('group', { name: `“${from}” ${verb} “${to}”`, exact: true });
}

export function button(page: Page, name: string): Locator {
  return page.getByRole('button', { name, exact: true });
}

export function tool(page: Page, name: string): Locator {
  return page
    .getByRole('toolbar', { name: 'Map tools' })
    .getByRole('button', { name, exact: true });
}

export function inspector(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Inspector' });
}

/** The transient message area (why an edit was refused, what just happened). */
export function notice(page: Page, text: string | RegExp): Locator {
  return page.getByRole('status').filter({ hasText: text });
}

export function saveStatus(page: Page): Locator {
  return page.getByRole('status', { name: /^Save status: / });
}

export async function saveStatusText(page: Page): Promise<string> {
  const label = await saveStatus(page).getAttribute('aria-label');
  return (label ?? '').replace(/^Save status: /, '');
}

/** Waits until the map is on screen and laid out. */
export async function waitForMap(page: Page, title?: string): Promise<void> {
  await page
    .getByRole('region', { name: title === undefined ? /^Map: / : `Map: ${title}` })
    .waitFor();
  await page.locator('.react-flow__viewport').waitFor();
}

export interface App extends Session {
  /** Opens the app (again) in this session's page. */
  reload: () => Promise<void>;
}

/**
 * Opens the app. While another run rebuilds dist/ (CLASHMAP_E2E_BUILD=1) the preview server
 * briefly answers 404; wait for it to serve the app again rather than fail on that.
 */
async function gotoApp(page: Page, url: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.goto(url);
      return;
    } catch (error) {
      const rebuilding = String(error).includes('ERR_HTTP_RESPONSE_CODE_FAILURE');
      if (!rebuilding || attempt >= 10) throw error;
      await page.waitForTimeout(1000);
    }
  }
}

/** A fresh browser profile with the app open on its first launch (the article map). */
export async function launch(
  options: {
    init?: () => void;
    beforeOpen?: (session: Session) => Promise<void>;
    /** The window's size (1440×900 when not given). */
    viewport?: { width: number; height: number };
    /**
     * A new browser context of its own, for a test that changes the context itself (its clock,
     * init scripts, routes, offline state). Implied by `init` and `beforeOpen`. Otherwise the
     * worker's reusable tab is leased, wiped to a first visit's state (see leaseSession).
     */
    fresh?: boolean;
  } = {},
): Promise<App> {
  const fresh = options.fresh || options.init !== undefined || options.beforeOpen !== undefined;
  const session = fresh
    ? await openSession(options.viewport)
    : await leaseSession(options.viewport);
  session.page.setDefaultTimeout(30_000);
  try {
    if (options.init) await session.context.addInitScript(options.init);
    if (options.beforeOpen) await options.beforeOpen(session);
    await gotoApp(session.page, session.baseURL);
    await waitForMap(session.page);
    await expect.poll(() => allNodes(session.page).count()).toBeGreaterThan(0);
  } catch (error) {
    await session.close();
    throw error;
  }
  let closed = false;
  return {
    ...session,
    // Idempotent, so that an afterEach may close a session a failed setup left behind.
    close: async () => {
      if (closed) return;
      closed = true;
      await session.close();
    },
    reload: async () => {
      await session.page.reload();
      await waitForMap(session.page);
    },
  };
}

/**
 * Kills the tab's renderer at once (no pagehide, no visibilitychange), closes what is left of
 * it, and lets the profile's clock run on real time again, for the tab that reopens the app.
 */
export async function killTabAndRestartClock(page: Page, context: BrowserContext): Promise<void> {
  const cdp = await context.newCDPSession(page);
  const crashed = page.waitForEvent('crash');
  cdp.send('Page.crash').catch(() => undefined);
  await crashed;
  await page.close();
  await context.clock.resume();
}

/** An init script for `launch`: every IndexedDB write fails as it does when storage is full. */
export function storageIsFull(): void {
  IDBObjectStore.prototype.put = function put(): IDBRequest {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
}

/** Starts a new, empty map from the toolbar (the first-launch map has no unsaved changes). */
export async function startBlankMap(page: Page): Promise<void> {
  await tool(page, 'New map').click();
  await waitForMap(page, 'Untitled map');
  await expect.poll(() => allNodes(page).count()).toBe(0);
}

/** Adds a claim from the toolbar and types its text; returns its locator. */
export async function addClaim(page: Page, text: string, kind: Kind = 'Claim'): Promise<Locator> {
  await tool(page, kind === 'Claim' ? 'Add claim' : 'Add position').click();
  const field = page.getByRole('textbox', { name: `${kind} text` });
  await waitForFocus(field);
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await field.waitFor({ state: 'detached' });
  const added = node(page, kind, text);
  await added.waitFor();
  return added;
}

/** Waits until `field` exists and has the keyboard focus (as a person sees the caret before typing). */
export async function waitForFocus(field: Locator): Promise<void> {
  await field.waitFor();
  await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
}

/**
 * Waits until an edge is on the canvas. Edges are SVG paths, and a straight vertical or
 * horizontal one has a zero-width box, which Playwright would call hidden; so wait for it to be
 * attached and for its path to have been drawn.
 */
export async function waitForEdge(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'attached' });
  await expect
    .poll(() =>
      locator.evaluate((el) => {
        const path = el.querySelector('path');
        return path ? path.getTotalLength() : 0;
      }),
    )
    .toBeGreaterThan(0);
}

export function center(box: { x: number; y: number; width: number; height: number }) {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

export async function boxOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element has no bounding box (not visible)');
  return box;
}

/**
 * Drags from one of `from`'s connection handles onto the middle of `to`, as a person would:
 * hover the node, press on the handle, move across, release.
 */
export async function dragConnect(
  page: Page,
  from: Locator,
  kind: 'support' | 'rebuttal',
  to: Locator,
): Promise<void> {
  await from.hover();
  const handle = from.locator(
    `.react-flow__handle[aria-label="Drag to connect as ${kind === 'support' ? 'support' : 'rebuttal'}"]`,
  );
  await handle.waitFor();
  const start = center(await boxOf(handle));
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 20, start.y + 10, { steps: 4 });
  const end = center(await boxOf(to));
  await page.mouse.move(end.x, end.y, { steps: 12 });
  await page.mouse.up();
}

/** Drags a node by its body with the mouse. */
export async function dragNode(page: Page, target: Locator, dx: number, dy: number) {
  const grip = target.locator('.cm-node__kind');
  const box = await boxOf(grip);
  const start = { x: box.x + 8, y: box.y + box.height / 2 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + dx / 2, start.y + dy / 2, { steps: 8 });
  await page.mouse.move(start.x + dx, start.y + dy, { steps: 8 });
  await page.mouse.up();
}

/** Clicks a point of the canvas with nothing on it (to the left of the minimap, above the legend). */
export async function emptyCanvasPoint(page: Page): Promise<{ x: number; y: number }> {
  const canvas = await boxOf(page.getByRole('region', { name: /^Map: / }));
  const nodeBoxes = await Promise.all((await allNodes(page).all()).map((n) => n.boundingBox()));
  // Scan a grid over the middle of the canvas for a point clear of every node (with a margin).
  for (let fy = 0.15; fy < 0.7; fy += 0.05) {
    for (let fx = 0.3; fx < 0.75; fx += 0.05) {
      const p = { x: canvas.x + canvas.width * fx, y: canvas.y + canvas.height * fy };
      const clear = nodeBoxes.every(
        (b) =>
          !b ||
          p.x < b.x - 40 ||
          p.x > b.x + b.width + 40 ||
          p.y < b.y - 40 ||
          p.y > b.y + b.height + 40,
      );
      if (clear) return p;
    }
  }
  throw new Error('no empty spot on the canvas');
}

/** Reads a finished download's text. */
export async function downloadText(download: Download): Promise<string> {
  const path = await download.path();
  return readFileSync(path, 'utf8');
}

/** Clicks (or presses) something that saves, and returns the download it starts. */
export async function saveByDownload(page: Page, trigger: () => Promise<void>) {
  const [download] = await Promise.all([page.waitForEvent('download'), trigger()]);
  return { download, name: download.suggestedFilename(), text: await downloadText(download) };
}

export interface FileToOpen {
  name: string;
  mimeType?: string;
  buffer: Buffer;
}

/** Triggers Open (a click or key, perhaps through a confirm dialog) and picks `file` in the chooser. */
export async function chooseFile(page: Page, trigger: () => Promise<void>, file: FileToOpen) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), trigger()]);
  await chooser.setFiles({
    name: file.name,
    mimeType: file.mimeType ?? 'application/json',
    buffer: file.buffer,
  });
}

export const fileFromText = (name: string, text: string): FileToOpen => ({
  name,
  buffer: Buffer.from(text, 'utf8'),
});

/**
 * A snapshot of what the canvas shows: every node's and edge's accessible name, sorted. Read in
 * one call per locator: asking each of 50 elements for its name one at a time resolved the role
 * query again for every element (a third of a second per snapshot, and snapshots are polled).
 */
export async function visibleMap(page: Page): Promise<{ nodes: string[]; edges: string[] }> {
  const names = async (locator: Locator) =>
    (await locator.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label'))))
      .map(String)
      .sort();
  return { nodes: await names(allNodes(page)), edges: await names(allEdges(page)) };
}

/** The map's title, as the header shows it. */
export async function mapTitle(page: Page): Promise<string> {
  return (await page.getByRole('heading', { level: 1 }).innerText()).trim();
}

/**
 * Presses Tab (or Shift+Tab) until `target` has the keyboard focus: a keyboard user's way of
 * getting there.
 */
export async function tabTo(
  page: Page,
  target: Locator,
  { backwards = false, maxPresses = 300 } = {},
): Promise<number> {
  for (let presses = 0; presses <= maxPresses; presses++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false))
      return presses;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`could not reach the element with Tab in ${maxPresses} presses`);
}

export const MOD = 'Control';
