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
 * One Chromium per test file, launched on first use and closed by `closeSharedBrowser` (an
 * `afterAll` in tests/e2e/setup.ts). Starting Chromium costs seconds on a busy machine; a new
 * context in a running browser costs milliseconds and is just as isolated (its own cookies,
 * storage, IndexedDB, caches and service workers, all in memory and gone when it closes).
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

/** Closes this file's browser, if one was launched. */
export async function closeSharedBrowser(): Promise<void> {
  const current = shared;
  shared = undefined;
  if (!current) return;
  const browser = await current.catch(() => undefined);
  await browser?.close();
}

/**
 * A fresh, isolated browser context (as good as a new profile) with one page, in this file's
 * shared browser; native file pickers removed so downloads are used.
 */
export async function openSession({ width = 1440, height = 900 } = {}): Promise<Session> {
  const browser = await sharedBrowser();
  const context = await browser.newContext({
    viewport: { width, height },
    acceptDownloads: true,
    serviceWorkers: 'allow',
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
  const page = await context.newPage();
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
