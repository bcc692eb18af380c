import { afterAll } from 'vitest';
import { closeSharedBrowser } from './browser';

// Each test file shares one browser (see browser.ts); close it when the file is done.
afterAll(async () => {
  await closeSharedBrowser();
});
