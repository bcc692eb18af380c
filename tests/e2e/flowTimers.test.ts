import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chooseFile, fileFromText, launch, MOD, tool, waitForMap, type App } from './helpers';

const ROUND = {
  format: 'clashmap',
  version: 4,
  title: 'Timed round',
  sources: [],
  nodes: [
    { id: 'adv', kind: 'position', text: 'Advantage 1', evidence: [], side: 'aff', speech: '1AC' },
  ],
  edges: [],
  round: { format: 'policy' },
};

let app: App;
beforeEach(async () => {
  // The page's clock is the test's: eight minutes pass without waiting for them.
  app = await launch({ beforeOpen: ({ context }) => context.clock.install() });
});
afterEach(async () => {
  await app?.close();
});

const timer = (page: Page, name: string) =>
  page.getByRole('group', { name: 'Timers' }).getByRole('timer', { name: `${name} time left` });

describe('the round’s timers', () => {
  it('run by keys in the flow view and in Present, warning at 30 seconds', async () => {
    const { page, context } = app;
    await chooseFile(
      page,
      () => page.keyboard.press(`${MOD}+o`),
      fileFromText('timed.clashmap.json', JSON.stringify(ROUND)),
    );
    await waitForMap(page, 'Timed round');
    await tool(page, 'Flow view').click();
    const flow = page.getByRole('region', { name: 'Flow', exact: true });
    await flow.waitFor();
    await expect(timer(page, '1AC').textContent()).resolves.toBe('8:00');
    await expect(timer(page, 'Affirmative prep').textContent()).resolves.toBe('8:00');

    // S starts the 1AC; seven and a half minutes on, it warns, in sight and aloud.
    await page.keyboard.press('s');
    await context.clock.runFor(7 * 60_000 + 31_000);
    await expect.poll(() => timer(page, '1AC').textContent()).toBe('0:29');
    const speech = page.locator('.cm-timer--speech');
    await expect(speech.textContent()).resolves.toContain('30 seconds');
    const live = page.locator('.cm-timers [aria-live="assertive"]');
    await expect.poll(() => live.textContent()).toBe('30 seconds left: 1AC.');
    await context.clock.runFor(30_000);
    await expect.poll(() => timer(page, '1AC').textContent()).toBe('0:00');
    await expect.poll(() => live.textContent()).toBe('Time is up: 1AC.');

    // ] moves to the cross-examination (3 minutes); N runs the negative's prep instead.
    await page.keyboard.press(']');
    await expect.poll(() => timer(page, 'CX-1AC').textContent()).toBe('3:00');
    await page.keyboard.press('n');
    await context.clock.runFor(60_000);
    await expect.poll(() => timer(page, 'Negative prep').textContent()).toBe('7:00');
    await expect(timer(page, 'CX-1AC').textContent()).resolves.toBe('3:00');

    // In Present the same clocks run on, by the same keys.
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Present', exact: true }).click();
    const present = page.getByRole('dialog', { name: 'Presentation' });
    await present.waitFor();
    await expect.poll(() => timer(page, 'Negative prep').textContent()).toBe('7:00');
    await context.clock.runFor(10_000);
    await expect.poll(() => timer(page, 'Negative prep').textContent()).toBe('6:50');
    await page.keyboard.press('s');
    await context.clock.runFor(60_000);
    await expect.poll(() => timer(page, 'CX-1AC').textContent()).toBe('2:00');
    await expect(timer(page, 'Negative prep').textContent()).resolves.toBe('6:50');
    await expect(
      present
        .getByRole('button', { name: 'Pause the CX-1AC timer (S)' })
        .getAttribute('aria-pressed'),
    ).resolves.toBe('true');
    expect(app.errors).toEqual([]);
  });
});
