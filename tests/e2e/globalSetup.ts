import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

/**
 * Everything that goes into the build. A directory counts too: adding, renaming or deleting a
 * file in it changes the directory's own modification time.
 */
const BUILD_INPUTS = [
  'src',
  'public',
  'index.html',
  'vite.config.ts',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
  // What npm last installed (a dependency upgraded without a lock file change, say).
  'node_modules/.package-lock.json',
];

/** The most recently modified build input (file or directory), or null when there is none. */
function newestInput(): { path: string; mtimeMs: number } | null {
  let newest: { path: string; mtimeMs: number } | null = null;
  const pending = BUILD_INPUTS.filter((path) => existsSync(path));
  for (let path = pending.pop(); path !== undefined; path = pending.pop()) {
    const stat = statSync(path);
    if (!newest || stat.mtimeMs > newest.mtimeMs) newest = { path, mtimeMs: stat.mtimeMs };
    if (stat.isDirectory()) for (const entry of readdirSync(path)) pending.push(join(path, entry));
  }
  return newest;
}

/**
 * Why dist/ must be (re)built before testing it, or null when it is newer than every input.
 * dist/index.html is written last by a build and removed when a build starts (Vite empties
 * dist/), so its time is when the last complete build finished.
 */
export function whyBuild(): string | null {
  if (process.env.CLASHMAP_E2E_BUILD === '1') return 'CLASHMAP_E2E_BUILD=1';
  if (!existsSync('dist/index.html')) return 'there is no build (dist/index.html)';
  const built = statSync('dist/index.html').mtimeMs;
  const newest = newestInput();
  if (newest && newest.mtimeMs >= built) return `${newest.path} changed after the last build`;
  return null;
}

/**
 * Serves the built app for the e2e tests. Builds it first unless dist/ is newer than every
 * source that goes into it, so a stale build is never tested (npm test builds just before, and
 * that fresh build is reused).
 */
export default async function setup(project: TestProject) {
  const reason = whyBuild();
  if (reason) {
    console.log(`e2e: building dist/ (${reason})`);
    // Vitest sets NODE_ENV=test, which would give a development build (no service worker,
    // React's development mode): build exactly what ships.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ mode: 'production', logLevel: 'warn' });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  } else {
    console.log('e2e: testing dist/ as built (it is newer than every source that goes into it)');
  }
  const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, logLevel: 'silent' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  project.provide('baseURL', url);
  return async () => {
    await server.close();
  };
}
