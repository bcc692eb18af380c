import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Serious and critical axe-core violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  // Evaluated through the debugging protocol, so the page's own CSP (no inline script) stays on.
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(() =>
    (
      window as unknown as {
        axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> };
      }
    ).axe
      .run(document, { resultTypes: ['violations'] })
      .then((r) => r.violations),
  )) as Violation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} at ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
}

describe('accessibility (axe-core)', () => {
  let session: Session;
  let page: Page;
  beforeAll(async () => {
    session = await openSession({ width: 1600, height: 1000 });
    page = session.page;
    await page.goto(session.baseURL);
    await page.getByRole('region', { name: /^Map:/ }).waitFor();
    await page.locator('.react-flow__node').first().waitFor();
  });
  afterAll(async () => {
    await session.close();
  });

  it('editor', async () => {
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('inspector, labels and scoreboard', async () => {
    await page.keyboard.press('l');
    await page
      .getByRole('group', { name: /^Claim: Unilateral strikes would significantly rupture/ })
      .click();
    await page.getByRole('complementary', { name: 'Inspector' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.keyboard.press('l');
  });

  it('source panel, steps and outline', async () => {
    await page.getByRole('button', { name: 'Source text' }).click();
    await page.getByRole('button', { name: 'Presentation steps' }).click();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Source text' }).click();
    await page.getByRole('button', { name: 'Presentation steps' }).click();
    await page.getByRole('button', { name: 'Outline view' }).click();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Outline view' }).click();
  });

  it('dialogs', async () => {
    for (const [open, name] of [
      ['Search', 'Search the map'],
      ['Keyboard shortcuts', 'Keyboard shortcuts'],
      ['Export', 'Export the map'],
    ] as const) {
      await page.getByRole('button', { name: open, exact: true }).click();
      await page.getByRole('dialog', { name }).waitFor();
      expect(await seriousViolations(page), name).toEqual([]);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog', { name }).waitFor({ state: 'detached' });
    }
  });

  it('presentation', async () => {
    await page.keyboard.press('F5');
    await page.getByRole('dialog', { name: 'Presentation' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('t');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
  });
});
