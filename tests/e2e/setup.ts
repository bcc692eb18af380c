import { afterAll } from 'vitest';
import { releaseSharedBrowser } from './browser';

// A worker's test files share one browser (see browser.ts); what a file left open goes when it
// is done, and the browser stays for the worker's next file.
afterAll(async () => {
  await releaseSharedBrowser();
});
