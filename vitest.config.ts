import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // Property tests and 5,000-node maps pass in a second or two on a quiet machine; a
          // shared 2-core machine can be many times slower, which is not a failure.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          include: ['tests/component/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['tests/component/setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['tests/server/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/globalSetup.ts'],
          setupFiles: ['tests/e2e/setup.ts'],
          testTimeout: 120_000,
          // A busy CI machine can take more than the default second to reach a state.
          expect: { poll: { timeout: 15_000 } },
          hookTimeout: 120_000,
          // Two files at a time, after the other projects (a group of its own), so that the
          // browsers compete with no other project's tests. On a 2-core machine that takes about
          // 30% less time than one file at a time. Tests that run on the page's clock allow for
          // the real time that passes under load (flowTimers). Vitest starts the files that took
          // longest in the last run first (from its results cache; with none, the largest), so
          // the two workers end at about the same time.
          maxWorkers: 2,
          // A worker runs its files one after another in one process, and keeps its browser and
          // its pooled tab for the next file (tests/e2e/browser.ts): launching Chromium and
          // loading the app in a new tab took seconds per file. Each test still gets a wiped tab
          // or a new context, as isolated as a new profile.
          isolate: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
