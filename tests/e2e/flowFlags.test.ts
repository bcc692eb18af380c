import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  anyNode,
  chooseFile,
  fileFromText,
  launch,
  MOD,
  tool,
  waitForMap,
  type App,
} from './helpers';

// A short policy round flowed by hand (tests/fixtures/rounds): drops, a turn, extensions and a
// new argument in the 2NR.
const ROUND = readFileSync('tests/fixtures/rounds/policy-round.clashmap.json', 'utf8');

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** Serious and critical axe-core violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(() =>
    (
      window as unknown as {
        axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> };
      }
    ).axe
      .run(document, { resultTypes: ['violations'] })
      .then((r) => r.violations),
  )) as { id: string; impact: string | null; nodes: { target: string[] }[] }[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

let app: App;
beforeEach(async () => {
  app = await launch();
});
afterEach(async () => {
  await app?.close();
});

/** What describes a canvas card to a screen reader, besides React Flow's own key help. */
const cardDescription = (page: Page, text: string) =>
  anyNode(page, text).evaluate((node) =>
    (node.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id))
      .filter((el) => el?.closest('.react-flow__node') === node)
      .map((el) => el!.textContent)
      .join(' '),
  );

describe('a round’s flags in both views, and the round as of a speech', () => {
  it('shows the flags on the canvas cards and the flow, lists them by speech, and steps back through the round', async () => {
    const { page } = app;
    await chooseFile(
      page,
      () => page.keyboard.press(`${MOD}+o`),
      fileFromText('round.clashmap.json', ROUND),
    );
    await waitForMap(page, 'Semifinal: US–Mexico security cooperation');

    // On the map: the flags are on the cards, and describe them.
    await expect
      .poll(() => cardDescription(page, 'Violence spills across the border'))
      .toBe('dropped by the 1NC');
    await expect
      .poll(() => cardDescription(page, 'US agents on Mexican soil spark backlash'))
      .toBe('turned by the 2AC');
    await expect
      .poll(() => anyNode(page, 'New: the plan also angers Congress').textContent())
      .toContain('new in the 2NR');

    await tool(page, 'Flow view').click();
    const flow = page.getByRole('region', { name: 'Flow', exact: true });
    const summary = flow.getByRole('region', { name: 'Round summary' });
    await summary.waitFor();
    const block = summary.getByRole('heading', { name: 'The negative block (2NC and 1NR)' });
    await block.waitFor();
    await expect(summary.textContent()).resolves.toContain(
      '“US agents on Mexican soil spark backlash” turned by “Link turn: joint work builds trust”',
    );
    await expect(summary.getByRole('heading', { name: 'The 2NR' }).count()).resolves.toBe(1);

    // As of the 2AC: later speeches are not on the flow, the block has dropped nothing yet,
    // and on the map their cards are not yet said.
    // The view passes axe, with a card being typed and the timers shown.
    await flow
      .getByRole('grid')
      .getByRole('button', { name: /^Violence spills/ })
      .click();
    await page.keyboard.press('Tab');
    await page.keyboard.type('No spillover');
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Escape');

    const slider = flow.getByRole('slider', { name: /^As of/ });
    await slider.focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowRight');
    await expect(slider.getAttribute('aria-valuetext')).resolves.toBe('after the 2AC');
    await expect
      .poll(() => summary.getByRole('heading', { level: 3 }).textContent())
      .toBe('Round summary after the 2AC');
    await expect(block.count()).resolves.toBe(0);
    await expect(summary.textContent()).resolves.toContain('Which positions stand after the 2AC');
    await expect(
      flow.getByRole('button', { name: /^New: the plan also angers Congress/ }).count(),
    ).resolves.toBe(0);
    await page.getByRole('button', { name: 'Back to the map' }).click();
    await expect
      .poll(() => cardDescription(page, 'New: the plan also angers Congress'))
      .toBe('Not yet said at this point of the round');
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: 'The map shows the round as it stood after the 2AC.' })
        .count(),
    ).resolves.toBe(1);
    await expect
      .poll(() => cardDescription(page, 'Violence spills across the border'))
      .toBe('dropped by the 1NC');
    // The labels are as of that speech too: after the 2AC the advantage still stood.
    const advantage = anyNode(page, 'Advantage 1: joint intelligence stops cartel violence');
    await tool(page, 'Show which claims stand').click();
    await expect.poll(() => advantage.locator('.cm-label').innerText()).toMatch(/Stands/);

    // Back to the whole round, from the map: everything said again.
    await page.getByRole('button', { name: 'Show the whole round' }).click();
    await expect.poll(() => advantage.locator('.cm-label').innerText()).toMatch(/Falls/);
    await expect
      .poll(() => cardDescription(page, 'New: the plan also angers Congress'))
      .toBe('dropped by the 2ARnew in the 2NR');
    expect(app.errors).toEqual([]);
  });
});
