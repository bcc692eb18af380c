import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';

async function ready(page: Page) {
  await page.getByRole('region', { name: /^Map:/ }).waitFor();
  await page.locator('.react-flow__node').first().waitFor();
}

describe('sharing and converting', () => {
  let session: Session;
  let page: Page;
  beforeEach(async () => {
    session = await openSession({ width: 1600, height: 1000 });
    page = session.page;
    await page.goto(session.baseURL);
    await ready(page);
  });
  afterEach(async () => {
    expect(session.errors).toEqual([]);
    await session.close();
  });

  it('copies a share link that opens the map as a copy, without touching the recipient’s own map', async () => {
    // Make the map recognisably ours, then share it.
    await page.getByRole('button', { name: /^Rename map:/ }).click();
    await page.getByRole('textbox', { name: 'Map title' }).fill('Shared drone map');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Copy share link' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share link' });
    const url = await dialog.getByRole('textbox', { name: 'Link' }).inputValue();
    expect(url).toMatch(/#map=v1\./);
    expect(url.length).toBeLessThan(12 * 1024);

    // The recipient has their own map with unsaved work.
    const other = await openSession({ width: 1600, height: 1000 });
    try {
      await other.page.goto(other.baseURL);
      await ready(other.page);
      await other.page.getByRole('button', { name: 'Add position' }).click();
      await other.page.keyboard.type('My own unsaved position');
      await other.page.keyboard.press('Enter');
      await expect
        .poll(
          () =>
            other.page.getByRole('group', { name: /^Position: My own unsaved position/ }).count(),
          {
            timeout: 5000,
          },
        )
        .toBe(1);
      await other.page.waitForTimeout(600); // autosaved
      await other.page.goto(url);
      await ready(other.page);
      await expect(other.page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
        'Shared drone map',
      );
      const banner = other.page.getByRole('region', { name: 'Shared copy' });
      await expect(banner.textContent()).resolves.toContain('shared copy');
      expect(other.page.url()).not.toContain('#map=');
      await banner.getByRole('button', { name: 'Back to my map' }).click();
      await expect
        .poll(
          () =>
            other.page.getByRole('group', { name: /^Position: My own unsaved position/ }).count(),
          { timeout: 5000 },
        )
        .toBe(1);
      expect(other.errors).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('refuses a damaged link with a clear message and opens the user’s map unchanged', async () => {
    await page.goto(`${session.baseURL}#map=v1.AAAA-not-really-deflate`);
    const dialog = page.getByRole('alertdialog', { name: 'This link could not be opened' });
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain('Your own map is open, unchanged.');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'US drone strikes on Mexican cartels',
    );
  });

  it('exports SVG with text and the map inside, which opens again as the map', async () => {
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Export the map' });
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export SVG' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('us-drone-strikes-on-mexican-cartels.svg');
    const svg = readFileSync((await file.path())!, 'utf8');
    expect(svg).toContain('<svg');
    expect(svg).toContain('Unilateral strikes would');
    expect(svg).toContain('https://clashmap.app/ns/map');
    expect(svg).not.toMatch(/<script|<foreignObject/i);
    await page.keyboard.press('Escape');
    // Open the SVG: the map comes back.
    await page.getByRole('button', { name: 'New map' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open map' }).click();
    await (
      await chooser
    ).setFiles({ name: 'map.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(svg) });
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(25);
  });

  it('exports a PNG at slide resolution, with edges drawn', async () => {
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Export the map' });
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export PNG' }).click();
    const png = readFileSync((await (await download).path())!);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBeGreaterThanOrEqual(1920);
    expect(height).toBeGreaterThan(500);
    // Count edge-coloured pixels (support green, rebuttal red) by drawing the PNG in the page.
    const counts = await page.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
      let green = 0;
      let red = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
        if (g > 90 && g < 130 && r < 60 && b > 50 && b < 90) green++;
        if (r > 150 && g < 60 && b < 50) red++;
      }
      return { green, red };
    }, png.toString('base64'));
    expect(counts.green).toBeGreaterThan(500);
    expect(counts.red).toBeGreaterThan(500);
  });

  it('exports Argdown and reports what it could not carry over', async () => {
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Export the map' });
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Argdown (.argdown)' }).click();
    const text = readFileSync((await (await download).path())!, 'utf8');
    expect(text).toContain('#position');
    await expect(dialog.getByRole('status').textContent()).resolves.toContain('Not carried over');
  });

  it('imports a Kialo discussion with a report of what was lost', async () => {
    const kialo = readFileSync('tests/fixtures/formats/drone-strikes.kialo.txt');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import from another tool' }).click();
    await (
      await chooser
    ).setFiles({ name: 'drone-strikes.txt', mimeType: 'text/plain', buffer: kialo });
    const dialog = page.getByRole('alertdialog', { name: 'Import drone-strikes.txt' });
    await dialog.waitFor();
    await expect(
      dialog.getByRole('list', { name: 'Not carried over' }).textContent(),
    ).resolves.toContain('votes');
    await dialog.getByRole('button', { name: 'Open the imported map' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Should the US use drone strikes against Mexican cartels?');
  });
});
