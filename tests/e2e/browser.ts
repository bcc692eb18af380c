import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Session {
  context: BrowserContext;
  page: Page;
  baseURL: string;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
  close: () => Promise<void>;
}

/**
 * One Chromium per test worker, launched on first use and kept for the worker's next files
 * (the e2e project runs without module isolation, vitest.config.ts, so a worker runs its files
 * one after another in one process and this module's state carries over). Starting Chromium
 * costs seconds on a busy machine; a new context in a running browser costs milliseconds and is
 * just as isolated (its own cookies, storage, IndexedDB, caches and service workers, all in
 * memory and gone when it closes). `releaseSharedBrowser` (an `afterAll` in tests/e2e/setup.ts)
 * closes what a file left open; Playwright closes the browser when the worker exits.
 */
let shared: Promise<Browser> | undefined;

function sharedBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}; run "npm test" (it installs it) or set CHROMIUM_PATH`,
    );
  }
  const current = shared;
  if (current) {
    // A browser that died (a crash, or a test that killed it) is replaced, not reused.
    return current.then((browser) => (browser.isConnected() ? browser : relaunch()));
  }
  return relaunch();
}

function relaunch(): Promise<Browser> {
  const launching = chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_FLAGS,
    headless: true,
  });
  shared = launching;
  // A failed launch is not cached: the next session tries again (and reports its own error).
  launching.catch(() => {
    if (shared === launching) shared = undefined;
  });
  return launching;
}

/**
 * Ends a test file's use of the shared browser: every context it left open is closed, except the
 * pooled one, whose tab the next file's first lease wipes (see Pool). The browser stays up for
 * the worker's next file; one that died is forgotten, and the next file launches another.
 */
export async function releaseSharedBrowser(): Promise<void> {
  const current = shared;
  if (!current) return;
  const browser = await current.catch(() => undefined);
  if (!browser?.isConnected()) {
    if (shared === current) shared = undefined;
    pool = undefined;
    return;
  }
  for (const context of browser.contexts()) {
    if (context !== pool?.context) await context.close().catch(() => undefined);
  }
}

/** Closes this worker's browser, if one was launched. */
export async function closeSharedBrowser(): Promise<void> {
  pool = undefined;
  const current = shared;
  shared = undefined;
  if (!current) return;
  const browser = await current.catch(() => undefined);
  await browser?.close();
}

/**
 * Playwright turns on its catching of file pickers only when the first listener is added, and
 * asynchronously: a test that waits for a picker while pressing Ctrl+O could race it, and the
 * picker would then open unseen. A listener from the start keeps it on for every page.
 */
function interceptFileChoosers(page: Page): void {
  page.on('filechooser', () => {});
}

export interface SessionOptions {
  width?: number;
  height?: number;
  /**
   * Whether the app's service worker may install. Only the offline tests need it; elsewhere its
   * install (fetching and caching every asset) competes with the test for a busy machine's CPU.
   */
  serviceWorkers?: 'allow' | 'block';
  /** A touch screen (a tablet): taps, and a coarse pointer for the page's media queries. */
  touch?: boolean;
}

async function newIsolatedContext(browser: Browser, options: SessionOptions) {
  const { width = 1440, height = 900, serviceWorkers = 'block', touch = false } = options;
  const context = await browser.newContext({
    viewport: { width, height },
    hasTouch: touch,
    acceptDownloads: true,
    serviceWorkers,
  });
  try {
    await context.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      delete w.showSaveFilePicker;
      delete w.showOpenFilePicker;
    });
  } catch (error) {
    await context.close();
    throw error;
  }
  // Loading the app can take half a minute on a busy shared machine; a navigation may take that.
  context.setDefaultNavigationTimeout(60_000);
  return context;
}

/**
 * A fresh, isolated browser context (as good as a new profile) with one page, in this worker's
 * shared browser; native file pickers removed so downloads are used.
 */
export async function openSession(options: SessionOptions = {}): Promise<Session> {
  const browser = await sharedBrowser();
  const context = await newIsolatedContext(browser, options);
  const page = await context.newPage();
  interceptFileChoosers(page);
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return {
    context,
    page,
    baseURL: inject('baseURL'),
    errors,
    close: async () => {
      await context.close();
    },
  };
}

/**
 * The worker's reusable session: one context and one tab that successive tests lease in turn,
 * through all of the worker's test files.
 *
 * Loading the app in a new tab costs a new renderer process and compiling every script again:
 * 10 to 20 s on a throttled CI machine. The same tab, sent back to the app after its origin's
 * storage is wiped, loads it in a third of that (the renderer keeps its compiled code). What a
 * test can observe is what a first visit shows: no IndexedDB, localStorage, cookies, caches or
 * service workers, no other tabs, a blank history entry before the app, no listeners or routes
 * left by an earlier test. A test that changes the context itself (its clock, init scripts,
 * offline state, permissions) must ask for a fresh one: `launch({ fresh: true })`.
 */
interface Pool {
  browser: Browser;
  context: BrowserContext;
  page: Page | undefined;
  errors: string[];
  lease: number;
}
let pool: Pool | undefined;

async function warmPage(current: Pool): Promise<Page> {
  if (current.page && !current.page.isClosed()) return current.page;
  const page = await current.context.newPage();
  interceptFileChoosers(page);
  page.on('console', (message) => {
    if (message.type() === 'error') current.errors.push(message.text());
  });
  page.on('pageerror', (error) => current.errors.push(error.message));
  current.page = page;
  return page;
}

/** Puts the pooled tab back as a first visit finds it: blank, its origin's storage wiped. */
async function resetPool(current: Pool): Promise<void> {
  const { context } = current;
  let page = current.page && !current.page.isClosed() ? current.page : undefined;
  for (const other of context.pages()) {
    if (other !== page) await other.close().catch(() => undefined);
  }
  if (page) {
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    // Print media a test emulated goes with it.
    await page.emulateMedia({ media: null }).catch(() => undefined);
    // Listeners a test added (dialogs, downloads, file choosers) go; the error log is put back.
    page.removeAllListeners();
    interceptFileChoosers(page);
    page.on('console', (message) => {
      if (message.type() === 'error') current.errors.push(message.text());
    });
    page.on('pageerror', (error) => current.errors.push(error.message));
    // Leaving may ask first (unsaved changes, storage full): leave all the same.
    page.on('dialog', (dialog) => void dialog.accept().catch(() => undefined));
    try {
      await page.goto('about:blank', { timeout: 30_000 });
    } catch {
      await page.close().catch(() => undefined);
      page = undefined;
    }
  }
  // A test that closed the tab (or a tab that would not leave) gets a new one: slower, as wiped.
  if (!page) {
    current.page = undefined;
    page = await warmPage(current);
  }
  // Wiped after the app has gone, so nothing it writes while leaving survives.
  const origin = new URL(inject('baseURL')).origin;
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' });
  } finally {
    await cdp.detach().catch(() => undefined);
  }
  current.page?.removeAllListeners('dialog');
}

/**
 * Leases the worker's reusable tab (see Pool), at this window size, showing a blank page; the app
 * is opened by navigating it. Closing the session gives it back, wiped.
 */
export async function leaseSession(options: { width?: number; height?: number } = {}) {
  const { width = 1440, height = 900 } = options;
  const browser = await sharedBrowser();
  if (!pool || pool.browser !== browser || !browser.isConnected()) {
    if (pool) await pool.context.close().catch(() => undefined);
    const context = await newIsolatedContext(browser, { width, height });
    pool = { browser, context, page: undefined, errors: [], lease: 0 };
  } else {
    // A session that was never given back is taken back now.
    await resetPool(pool);
  }
  const current = pool;
  const lease = ++current.lease;
  const page = await warmPage(current);
  await page.setViewportSize({ width, height });
  const errors: string[] = [];
  current.errors = errors;
  return {
    context: current.context,
    page,
    baseURL: inject('baseURL'),
    errors,
    close: async () => {
      if (current.lease !== lease || pool !== current) return;
      current.lease++;
      if (!current.browser.isConnected()) return;
      await resetPool(current).catch(async () => {
        // A tab that cannot be reset is not reused.
        if (pool === current) pool = undefined;
        await current.context.close().catch(() => undefined);
      });
    },
  } satisfies Session;
}
