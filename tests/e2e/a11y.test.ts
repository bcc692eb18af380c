import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { articleText } from './helpers';

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

const CLAIM = articleText('claim-rupture-relations');
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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
    const labels = page.getByRole('button', { name: 'Show which claims stand' });
    await page.keyboard.press('l');
    await expect.poll(() => labels.getAttribute('aria-pressed')).toBe('true');
    const scoreboard = page.getByRole('group', { name: 'Scoreboard' });
    await scoreboard.waitFor();
    await expect(scoreboard.getByText('Which positions stand').isVisible()).resolves.toBe(true);
    await page.getByRole('group', { name: new RegExp(`^Claim: ${escape(CLAIM)}`) }).click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await inspector.waitFor();
    await expect(
      inspector.getByRole('heading', { name: 'Claim', exact: true }).isVisible(),
    ).resolves.toBe(true);
    await expect(
      inspector.getByRole('textbox', { name: 'Text', exact: true }).inputValue(),
    ).resolves.toBe(CLAIM);
    await expect(inspector.getByRole('region', { name: 'Evaluation' }).isVisible()).resolves.toBe(
      true,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await inspector.waitFor({ state: 'detached' });
    await page.keyboard.press('l');
    await expect.poll(() => labels.getAttribute('aria-pressed')).toBe('false');
    await scoreboard.waitFor({ state: 'detached' });
  });

  it('source panel and steps', async () => {
    const source = page.getByRole('complementary', { name: 'Source' });
    const steps = page.getByRole('complementary', { name: 'Presentation steps' });
    await page.getByRole('button', { name: 'Source text' }).click();
    await page.getByRole('button', { name: 'Presentation steps' }).click();
    await source.waitFor();
    await steps.waitFor();
    await expect(source.getByRole('heading').first().isVisible()).resolves.toBe(true);
    await expect(
      steps.getByRole('heading', { name: 'Presentation steps' }).isVisible(),
    ).resolves.toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Source text' }).click();
    await page.getByRole('button', { name: 'Presentation steps' }).click();
    await source.waitFor({ state: 'detached' });
    await steps.waitFor({ state: 'detached' });
  });

  it('outline', async () => {
    const outline = page.getByRole('region', { name: 'Outline' });
    await page.getByRole('button', { name: 'Outline view' }).click();
    await outline.waitFor();
    await expect(outline.isVisible()).resolves.toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Outline view' }).click();
    await outline.waitFor({ state: 'detached' });
  });

  it('dialogs', async () => {
    for (const [open, name] of [
      ['Search', 'Search the map'],
      ['Keyboard shortcuts', 'Keyboard shortcuts'],
      ['Export', 'Export the map'],
    ] as const) {
      await page.getByRole('button', { name: open, exact: true }).click();
      await page.getByRole('dialog', { name }).waitFor();
      await expect(page.getByRole('dialog', { name }).isVisible(), name).resolves.toBe(true);
      expect(await seriousViolations(page), name).toEqual([]);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog', { name }).waitFor({ state: 'detached' });
    }
  });

  it('presentation', async () => {
    const presentation = page.getByRole('dialog', { name: 'Presentation' });
    await page.keyboard.press('F5');
    await presentation.waitFor();
    await expect(presentation.isVisible()).resolves.toBe(true);
    const theme = await presentation.getAttribute('data-theme');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('t');
    // The other theme (its colours are what axe checks the second time).
    await expect.poll(() => presentation.getAttribute('data-theme')).not.toBe(theme);
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await presentation.waitFor({ state: 'detached' });
  });

  it('the editor in the dark theme, with labels and the inspector; remembered after a reload', async () => {
    const dark = page.getByRole('button', { name: 'Dark theme', exact: true });
    await expect(dark.getAttribute('aria-pressed')).resolves.toBe('false');
    await dark.click();
    await expect.poll(() => dark.getAttribute('aria-pressed')).toBe('true');
    // What the user sees: the canvas and the cards are dark, their text light.
    const lightness = (selector: string, property: 'color' | 'backgroundColor') =>
      page
        .locator(selector)
        .first()
        .evaluate((el, prop) => {
          const value = getComputedStyle(el)[prop];
          const [r, g, b] = value.match(/\d+(\.\d+)?/g)!.map(Number);
          return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
        }, property);
    await expect.poll(() => lightness('html', 'backgroundColor')).toBeLessThan(0.2);
    await expect(lightness('.cm-node--claim', 'backgroundColor')).resolves.toBeLessThan(0.25);
    await expect(lightness('.cm-node--claim .cm-node__text', 'color')).resolves.toBeGreaterThan(
      0.8,
    );
    // Every colour pair passes axe's contrast check, with the labels and the inspector open.
    await page.keyboard.press('l');
    await page.getByRole('group', { name: new RegExp(`^Claim: ${escape(CLAIM)}`) }).click();
    await page.getByRole('complementary', { name: 'Inspector' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.keyboard.press('l');

    await page.reload();
    await page.getByRole('region', { name: /^Map:/ }).waitFor();
    await expect.poll(() => dark.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => lightness('html', 'backgroundColor')).toBeLessThan(0.2);
    await dark.click();
    await expect.poll(() => dark.getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => lightness('html', 'backgroundColor')).toBeGreaterThan(0.8);
  });
});
