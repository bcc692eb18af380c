import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chooseFile, fileFromText, launch, MOD, tool, waitForMap, type App } from './helpers';

const ROUND = readFileSync('tests/fixtures/rounds/policy-round.clashmap.json', 'utf8');

let app: App;
beforeEach(async () => {
  app = await launch();
});
afterEach(async () => {
  await app?.close();
});

async function openFlow(page: Page) {
  await chooseFile(
    page,
    () => page.keyboard.press(`${MOD}+o`),
    fileFromText('round.clashmap.json', ROUND),
  );
  await waitForMap(page, 'Semifinal: US–Mexico security cooperation');
  await tool(page, 'Flow view').click();
  const flow = page.getByRole('region', { name: 'Flow', exact: true });
  await flow.waitFor();
  return flow;
}

describe('the flow on paper and in a spreadsheet', () => {
  it('prints each sheet on its own landscape page, readable', async () => {
    const { page } = app;
    const flow = await openFlow(page);
    // The browser's print dialog is not the app's: the test keeps the page as it is for print.
    await page.evaluate(() => {
      window.print = () => undefined;
    });
    await flow.getByRole('button', { name: 'Print the flow' }).click();
    await page.emulateMedia({ media: 'print' });
    const sheets = page.locator('.cm-flow-print__sheet');
    await expect.poll(() => sheets.count()).toBe(3);
    await expect(sheets.first().locator('h2').textContent()).resolves.toBe(
      'Advantage 1: joint intelligence stops cartel violence',
    );
    await expect(page.locator('.cm-canvas').isVisible()).resolves.toBe(false);
    await expect(flow.getByRole('grid').isVisible()).resolves.toBe(false);
    const fontSize = await sheets
      .first()
      .locator('td .cm-flow-print__text')
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(12); // 9.5 pt
    // As a PDF: three landscape A4 pages, one per sheet.
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    expect(boxes).toHaveLength(3);
    for (const [width, height] of boxes) expect(width!).toBeGreaterThan(height!);
    expect(app.errors).toEqual([]);
  });

  // Runs where the exceljs package is installed (it is loaded only when a flow is exported).
  it('exports the flow as an XLSX workbook laid out like a paper flow', async () => {
    const { page } = app;
    const flow = await openFlow(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      flow.getByRole('button', { name: 'Export XLSX' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Semifinal USMexico security cooperation flow.xlsx');
    const specifier = 'exceljs';
    const ExcelJS = (
      (await import(/* @vite-ignore */ specifier)) as {
        default: {
          Workbook: new () => {
            xlsx: { readFile(path: string): Promise<unknown> };
            worksheets: { name: string; getCell(at: string): { text: string } }[];
          };
        };
      }
    ).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    expect(book.worksheets).toHaveLength(3);
    expect(book.worksheets[0]!.getCell('A1').text).toBe(
      'Advantage 1: joint intelligence stops cartel violence',
    );
    expect(book.worksheets[0]!.getCell('B3').text).toBe('1NC');
    expect(app.errors).toEqual([]);
  });
});
