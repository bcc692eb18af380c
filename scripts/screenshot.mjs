// Takes a screenshot of the built app: node scripts/screenshot.mjs OUT.png [WIDTHxHEIGHT]
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [out = 'screenshot.png', size = '1440x900'] = process.argv.slice(2);
const [width, height] = size.split('x').map(Number);
const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, logLevel: 'silent' });
const url = server.resolvedUrls.local[0];
const profile = mkdtempSync(join(tmpdir(), 'clashmap-shot-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
  headless: true,
  viewport: { width, height },
});
const page = browser.pages()[0] ?? (await browser.newPage());
page.on('console', (m) => console.log('console:', m.type(), m.text()));
await page.goto(url);
await page.waitForSelector('.react-flow__node');
await page.waitForTimeout(800);
await page.screenshot({ path: out });
await browser.close();
rmSync(profile, { recursive: true, force: true });
await server.close();
