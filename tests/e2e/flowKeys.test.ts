import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { chooseFile, fileFromText, launch, MOD, tool, waitForMap, type App } from './helpers';

// A round with its two sheets and nothing flowed yet: the 1AC's advantage and the 1NC's
// disadvantage.
const EMPTY_ROUND = {
  format: 'clashmap',
  version: 4,
  title: 'Practice round',
  sources: [],
  nodes: [
    {
      id: 'adv',
      kind: 'position',
      text: 'Advantage 1: cartels',
      evidence: [],
      side: 'aff',
      speech: '1AC',
    },
    {
      id: 'da',
      kind: 'position',
      text: 'DA: backlash',
      evidence: [],
      side: 'neg',
      speech: '1NC',
    },
  ],
  edges: [],
  round: { format: 'policy', aff: 'Lincoln AB', neg: 'Roosevelt CD' },
};

let app: App;
beforeEach(async () => {
  app = await launch();
});
afterEach(async () => {
  await app?.close();
});

async function openRound(page: Page) {
  await chooseFile(
    page,
    () => page.keyboard.press(`${MOD}+o`),
    fileFromText('practice.clashmap.json', JSON.stringify(EMPTY_ROUND)),
  );
  await waitForMap(page, 'Practice round');
}

const flowView = (page: Page) => page.getByRole('region', { name: 'Flow', exact: true });
const card = (flow: Locator, text: string) =>
  flow
    .getByRole('grid')
    .getByRole('button', { name: new RegExp(`^${text}`) })
    .first();
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('aria-label') ?? el?.textContent ?? '';
  });

describe('flowing by keyboard', () => {
  it('flows a short round at speech speed, with drops flagged as they happen', async () => {
    const { page } = app;
    await openRound(page);
    await tool(page, 'Flow view').click();
    const flow = flowView(page);
    await flow.waitFor();
    // The keyboard starts on the sheet: its heading card, in the 1AC.
    await expect.poll(() => focusedName(page)).toMatch(/^Advantage 1: cartels/);

    // Enter: the next argument in the same speech, typed at once; Enter again for another.
    await page.keyboard.press('Enter');
    await page.keyboard.type('Cartels grow');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Cooperation solves');
    // Tab: answered in the other side's next speech, the 1NC.
    await page.keyboard.press('Tab');
    await expect.poll(() => focusedName(page)).toBe('1NC: rebutting “Cooperation solves”');
    await page.keyboard.type('Cooperation fails');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Alt causes');
    await page.keyboard.press('Escape');

    // The 1NC answered one of the two 1AC arguments: the other is dropped, as soon as it is.
    await expect
      .poll(() => card(flow, 'Cartels grow').textContent())
      .toContain('dropped by the 1NC');
    await expect(card(flow, 'Cooperation solves').textContent()).resolves.not.toContain('dropped');
    // Escape kept what was typed and left the keyboard on it.
    await expect.poll(() => focusedName(page)).toMatch(/^Alt causes/);

    // Up to "Cooperation fails", then Tab answers it in the 2AC.
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => focusedName(page)).toMatch(/^Cooperation fails/);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Vetted units work');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    // The 2AC left "Alt causes" unanswered.
    await expect.poll(() => card(flow, 'Alt causes').textContent()).toContain('dropped by the 2AC');

    // Shift+Tab goes back to what an argument answers; E extends it into the 2AC.
    await card(flow, 'Vetted units work').click();
    await page.keyboard.press('Shift+Tab');
    await expect.poll(() => focusedName(page)).toMatch(/^Cooperation fails/);
    await page.keyboard.press('Shift+Tab');
    await expect.poll(() => focusedName(page)).toMatch(/^Cooperation solves/);
    await page.keyboard.press('e');
    await expect.poll(() => focusedName(page)).toBe('2AC: extending “Cooperation solves”');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await expect
      .poll(() => card(flow, 'Cooperation solves').textContent())
      .toContain('extended in the 2AC');

    // X cross-applies the dropped "Cartels grow" to the DA; C crosses "Alt causes" out (granted by the aff).
    await card(flow, 'Cartels grow').click();
    await page.keyboard.press('x');
    const dialog = page.getByRole('dialog', { name: 'Cross-apply “Cartels grow”' });
    await dialog.getByRole('button', { name: 'DA: backlash' }).press('Enter');
    await expect.poll(() => focusedName(page)).toBe('2AC: cross-apply “Cartels grow”');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await expect
      .poll(() => flow.getByRole('tab', { selected: true }).textContent())
      .toBe('DA: backlash');
    await card(flow, 'Cartels grow').waitFor();
    await page.getByRole('tab', { name: 'Advantage 1: cartels' }).click();
    await card(flow, 'Alt causes').click();
    await page.keyboard.press('c');
    await expect
      .poll(() => card(flow, 'Alt causes').textContent())
      .toContain('crossed out in the 2AC (granted)');

    // The ? help lists the flow's keys.
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help
      .getByRole('row', {
        name: 'Tab Flow view: Answer the chosen argument in the other side’s next speech',
      })
      .waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);
    await expect.poll(() => focusedName(page)).toMatch(/^Alt causes/);

    // Switch to the map and back: the chosen card is chosen in both.
    await page.keyboard.press('Escape');
    await expect.poll(() => flowView(page).count()).toBe(0);
    await expect
      .poll(() => page.locator('.react-flow__node.selected').getAttribute('aria-label'))
      .toBe('Claim: Alt causes');
    await page
      .getByRole('group', { name: '“Vetted units work” rebuts “Cooperation fails”' })
      .waitFor();
    await tool(page, 'Flow view').click();
    await flowView(page).waitFor();
    await expect.poll(() => focusedName(page)).toMatch(/^Alt causes/);
    await expect(card(flowView(page), 'Alt causes').getAttribute('aria-pressed')).resolves.toBe(
      'true',
    );
    expect(app.errors).toEqual([]);
  });

  it('expands the user’s own abbreviations as they type, kept in the browser, not the map', async () => {
    const { page } = app;
    await openRound(page);
    await tool(page, 'Flow view').click();
    const flow = flowView(page);
    await flow.getByRole('button', { name: 'Abbreviations' }).click();
    const dialog = page.getByRole('dialog', { name: 'Abbreviations' });
    await dialog.getByLabel('Shorthand').fill('c1');
    await dialog.getByLabel('Stands for').fill('Contention 1');
    await dialog.getByLabel('Stands for').press('Enter');
    await dialog.getByLabel('Shorthand').fill('C1');
    await dialog.getByLabel('Stands for').fill('again');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await expect(dialog.getByRole('alert').textContent()).resolves.toBe(
      '“C1” is already a shorthand.',
    );
    await dialog.getByLabel('Shorthand').fill('ev');
    await dialog.getByLabel('Stands for').fill('evidence');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.getByRole('cell', { name: 'evidence' }).waitFor();
    // Escape closes the dialog only; the flow view stays.
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect(flow.count()).resolves.toBe(1);

    await card(flow, 'Advantage 1: cartels').click();
    await page.keyboard.press('Enter');
    await page.keyboard.type('c1 has ev');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await card(flow, 'Contention 1 has evidence').waitFor();

    // Kept in this browser across a reload, and written into no map.
    await page.reload();
    await waitForMap(page, 'Practice round');
    await tool(page, 'Flow view').click();
    await flowView(page).getByRole('button', { name: 'Abbreviations' }).click();
    await expect(
      page.getByRole('dialog', { name: 'Abbreviations' }).getByRole('row').allTextContents(),
    ).resolves.toEqual(['Typeto getRemove', 'c1Contention 1Remove', 'evevidenceRemove']);
    const stored = await page.evaluate(() => JSON.stringify(localStorage));
    expect(stored).toContain('clashmap.flow.abbreviations');
    expect(app.errors).toEqual([]);
  });

  it('starts a new round from the policy template and flows it at once', async () => {
    const { page } = app;
    await tool(page, 'New round').click();
    const dialog = page.getByRole('dialog', { name: 'New round' });
    await expect(dialog.getByLabel('Advantages (one a line)').inputValue()).resolves.toBe(
      'Advantage 1',
    );
    await dialog.getByRole('button', { name: 'Start the round' }).click();
    await expect(dialog.getByRole('alert').textContent()).resolves.toBe('Give the round a title.');
    await dialog.getByLabel('Title').fill('Round 3');
    await dialog.getByLabel('Affirmative team').fill('Lincoln AB');
    await dialog.getByLabel('Negative team').fill('Roosevelt CD');
    await dialog.getByLabel('Advantages (one a line)').fill('Adv 1: cartels\nAdv 2: trade');
    await dialog.getByLabel('Off-case arguments (one a line)').fill('DA: backlash\nCP: states');
    await dialog.getByRole('button', { name: 'Start the round' }).click();
    // The article map open before had no unsaved changes: nothing to confirm.
    await waitForMap(page, 'Round 3');
    const flow = flowView(page);
    await flow.waitFor();
    await expect
      .poll(() => flow.getByRole('tab').allTextContents())
      .toEqual(['Adv 1: cartels', 'Adv 2: trade', 'DA: backlash', 'CP: states']);
    await expect.poll(() => focusedName(page)).toMatch(/^Adv 1: cartels/);
    await page.keyboard.press('Enter');
    await page.keyboard.type('Cartels are growing');
    await page.keyboard.press('Escape');
    await card(flow, 'Cartels are growing').waitFor();
    await expect(flow.getByRole('columnheader').first().textContent()).resolves.toBe('1AC');
    expect(app.errors).toEqual([]);
  });
});
