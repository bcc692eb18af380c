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

const seconds = (text: string | null) => {
  const [minutes, secs] = (text ?? '').split(':').map(Number);
  return minutes! * 60 + secs!;
};

/**
 * Waits until a running clock shows what it should: `shown` (as "m:ss") after the page's clock
 * was run on by hand, less the real time that passed meanwhile. The page's clock follows real
 * time between `runFor`s, and a busy machine can take seconds (16 s were seen while Present
 * opened) between starting a clock and reading it; `since` is when (in this process's time)
 * the clock was started, so at most `Date.now() - since` of real time can have passed on it.
 * A clock that stopped, or was reset, shows more than `shown`; one that ran ahead shows less
 * than the real time allows. `atMost` (seconds) bounds it further, from an earlier reading.
 * Returns what the clock showed.
 */
async function expectRunningClock(
  page: Page,
  name: string,
  shown: string,
  since: number,
  { atMost = seconds(shown) } = {},
) {
  let last = '';
  await expect
    .poll(async () => {
      last = (await timer(page, name).textContent()) ?? '';
      const realSeconds = Math.ceil((Date.now() - since) / 1000);
      const left = seconds(last);
      // Within the real time allowed, it counts as showing `shown`; otherwise what it shows.
      if (left <= Math.min(atMost, seconds(shown)) && left >= seconds(shown) - realSeconds)
        return shown;
      return `${last} (${realSeconds} s of real time since it started)`;
    })
    .toBe(shown);
  return last;
}

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
    const speechStarted = Date.now();
    await page.keyboard.press('s');
    await context.clock.runFor(7 * 60_000 + 31_000);
    await expectRunningClock(page, '1AC', '0:29', speechStarted);
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
    const prepStarted = Date.now();
    await page.keyboard.press('n');
    await context.clock.runFor(60_000);
    await expectRunningClock(page, 'Negative prep', '7:00', prepStarted);
    await expect(timer(page, 'CX-1AC').textContent()).resolves.toBe('3:00');

    // In Present the same clocks run on, by the same keys.
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Present', exact: true }).click();
    const present = page.getByRole('dialog', { name: 'Presentation' });
    await present.waitFor();
    const opened = await expectRunningClock(page, 'Negative prep', '7:00', prepStarted);
    await context.clock.runFor(10_000);
    // Ten seconds less than it showed when Present opened: Present's clock runs.
    await expectRunningClock(page, 'Negative prep', '6:50', prepStarted, {
      atMost: seconds(opened) - 10,
    });
    const speechRuns = present.getByRole('button', { name: 'Pause the CX-1AC timer (S)' });
    const crossStarted = Date.now();
    await page.keyboard.press('s');
    // S paused the prep as it started the cross-examination: what it shows now, it keeps.
    await speechRuns.waitFor();
    const prepPaused = await timer(page, 'Negative prep').textContent();
    const pausedBy = Date.now();
    await context.clock.runFor(60_000);
    await expectRunningClock(page, 'CX-1AC', '2:00', crossStarted);
    await expect(timer(page, 'Negative prep').textContent()).resolves.toBe(prepPaused);
    expect(seconds(prepPaused)).toBeLessThanOrEqual(seconds('6:50'));
    expect(seconds(prepPaused)).toBeGreaterThanOrEqual(
      seconds('6:50') - Math.ceil((pausedBy - prepStarted) / 1000),
    );
    await expect(speechRuns.getAttribute('aria-pressed')).resolves.toBe('true');
    expect(app.errors).toEqual([]);
  });
});
