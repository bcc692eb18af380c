import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSession, type Session } from './browser';

const COOPERATIVE =
  'The US should act against the cartels only in coordination with the Mexican government.';
const COLLUSION =
  "Unilateral action is warranted if Mexico won't deal with its government's collusion with the cartels";

function scoreFor(page: Page, position: string) {
  return page
    .getByRole('group', { name: 'Scoreboard' })
    .getByRole('listitem')
    .filter({ hasText: position });
}

describe('which positions stand', () => {
  let session: Session;
  let page: Page;
  beforeEach(async () => {
    session = await openSession({ width: 1600, height: 1000 });
    page = session.page;
    await page.goto(session.baseURL);
    await page.getByRole('region', { name: /^Map:/ }).waitFor();
  });
  afterEach(async () => {
    expect(session.errors).toEqual([]);
    await session.close();
  });

  it('labels the map live, and a what-if ripples to the position with its reason', async () => {
    const toggle = page.getByRole('button', { name: 'Show which claims stand' });
    await toggle.click();
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('true');
    // Every node carries a label in words.
    const badges = page.locator('.react-flow__node .cm-label');
    await expect.poll(() => badges.count()).toBe(25);

    const cooperative = scoreFor(page, COOPERATIVE);
    await expect(cooperative.innerText()).resolves.toMatch(
      /Falls[\s\S]*rebutted by “Unilateral action is warranted/,
    );
    await expect(
      page
        .getByRole('group', {
          name: new RegExp(`^Position: ${COOPERATIVE.replace(/[.]/g, '\\.')}`),
        })
        .innerText(),
    ).resolves.toContain('Falls');

    // Strike the claim that knocks it down.
    await page.keyboard.press('Control+f');
    await page
      .getByRole('searchbox', { name: 'Find nodes by text, quote or speaker' })
      .fill('collusion');
    await page.keyboard.press('Enter');
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await expect
      .poll(() => inspector.getByRole('textbox', { name: 'Text' }).inputValue())
      .toBe(COLLUSION);
    await inspector.getByRole('radio', { name: 'Assume it falls (strike it)' }).check();

    await expect.poll(() => cooperative.innerText()).toMatch(/Stands[\s\S]*supported by/);
    await expect(
      inspector.getByRole('region', { name: 'Evaluation' }).innerText(),
    ).resolves.toContain('falls: you assumed it falls');
    const assumptions = page.getByRole('list', { name: 'Assumptions' });
    await expect(assumptions.innerText()).resolves.toContain(COLLUSION);

    // One click clears every what-if, and the position falls again.
    await page.getByRole('button', { name: 'Clear all assumptions' }).click();
    await expect.poll(() => cooperative.innerText()).toMatch(/^✗ Falls|Falls/);
    await expect(assumptions.count()).resolves.toBe(0);
  });

  it('updates the labels on every edit', async () => {
    await page.keyboard.press('l');
    const cooperative = scoreFor(page, COOPERATIVE);
    await expect.poll(() => cooperative.innerText()).toContain('Falls');
    // Rebut the collusion claim with a new claim: the rebuttal stands, so collusion falls.
    await page.keyboard.press('Control+f');
    await page
      .getByRole('searchbox', { name: 'Find nodes by text, quote or speaker' })
      .fill('collusion');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Add rebutting claim' }).click();
    await page.keyboard.type('Mexico is already acting against collusion');
    await page.keyboard.press('Enter');
    const rebuttal = page.getByRole('group', {
      name: /^Claim: Mexico is already acting against collusion/,
    });
    await expect.poll(() => rebuttal.count(), { timeout: 5000 }).toBe(1);
    await expect.poll(() => cooperative.innerText()).toContain('Stands');
    // Undo the typing, then the new claim itself: the position falls again.
    const undo = page.getByRole('button', { name: 'Undo', exact: true });
    await undo.click();
    await expect.poll(() => rebuttal.count()).toBe(0);
    await undo.click();
    await expect
      .poll(() => page.getByRole('group', { name: /^Claim: New rebuttal/ }).count())
      .toBe(0);
    await expect.poll(() => cooperative.innerText()).toContain('Falls');
  });

  it('keeps what-ifs out of the saved file unless asked', async () => {
    await page.keyboard.press('l');
    await page.keyboard.press('Control+f');
    await page
      .getByRole('searchbox', { name: 'Find nodes by text, quote or speaker' })
      .fill('collusion');
    await page.keyboard.press('Enter');
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await inspector.getByRole('radio', { name: 'Assume it falls (strike it)' }).check();
    const saveText = async () => {
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Save map', exact: true }).click();
      const { readFileSync } = await import('node:fs');
      return JSON.parse(readFileSync((await (await download).path())!, 'utf8')) as {
        assumptions?: unknown;
      };
    };
    expect((await saveText()).assumptions).toBeUndefined();
    await page.getByRole('checkbox', { name: 'Save the what-ifs in the map file' }).check();
    await expect(page.getByRole('status', { name: /Save status/ }).textContent()).resolves.toBe(
      'Unsaved changes',
    );
    expect((await saveText()).assumptions).toEqual([{ node: 'claim-collusion', value: 'falls' }]);
  });
});
