import type { Locator, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  articleText,
  boxOf,
  center,
  inspector,
  launch,
  MOD,
  node,
  tool,
  waitForFocus,
  type App,
} from './helpers';

let app: App;
beforeEach(async () => {
  app = await launch();
});
afterEach(async () => {
  await app?.close();
});

const searchBox = (page: Page) =>
  page.getByRole('searchbox', { name: 'Find nodes by text, quote or speaker' });
const results = (page: Page) =>
  page.getByRole('list', { name: 'Search results' }).getByRole('button');

/**
 * How far the node's centre is from the centre of the part of the canvas one can see, in
 * pixels: the inspector panel covers the canvas's right-hand side while something is selected.
 */
async function offCentre(page: Page, target: Locator) {
  const canvas = await boxOf(page.getByRole('region', { name: /^Map: / }));
  let right = canvas.x + canvas.width;
  const panel = inspector(page);
  if ((await panel.count()) > 0 && (await panel.isVisible())) {
    right = Math.min(right, (await boxOf(panel)).x);
  }
  const visible = center({ ...canvas, width: right - canvas.x });
  const at = center(await boxOf(target));
  return { dx: Math.round(at.x - visible.x), dy: Math.round(at.y - visible.y) };
}

const inspectedText = (page: Page) =>
  inspector(page).getByRole('textbox', { name: 'Text', exact: true }).inputValue();

describe('search', () => {
  it('finds nodes by a speaker’s name and moves the view to the chosen one', async () => {
    const { page } = app;
    const text = articleText('claim-already-risk-death');
    const target = node(page, 'Claim', text);
    const before = await offCentre(page, target);
    // It starts well away from the middle of the view.
    expect(Math.hypot(before.dx, before.dy)).toBeGreaterThan(200);

    await page.keyboard.press(`${MOD}+f`);
    await waitForFocus(searchBox(page));
    await page.keyboard.type('DePetris');
    await expect.poll(() => results(page).count()).toBe(3);
    await results(page).filter({ hasText: text }).click();
    await searchBox(page).waitFor({ state: 'detached' });

    await expect.poll(() => inspectedText(page)).toBe(text);
    await expect
      .poll(async () => {
        const { dx, dy } = await offCentre(page, target);
        return Math.abs(dx) <= 40 && Math.abs(dy) <= 40;
      })
      .toBe(true);
  });

  it('Enter picks the first result', async () => {
    const { page } = app;
    await tool(page, 'Search').click();
    await waitForFocus(searchBox(page));
    await page.keyboard.type('depetris');
    await expect.poll(() => results(page).count()).toBe(3);
    await page.keyboard.press('Enter');
    await searchBox(page).waitFor({ state: 'detached' });
    const first = articleText('claim-demand-sustains-supply');
    await expect.poll(() => inspectedText(page)).toBe(first);
    await expect
      .poll(async () => {
        const { dx, dy } = await offCentre(page, node(page, 'Claim', first));
        return Math.abs(dx) <= 40 && Math.abs(dy) <= 40;
      })
      .toBe(true);
  });

  it('says when nothing matches, and Escape closes it without changing the selection', async () => {
    const { page } = app;
    await page.keyboard.press(`${MOD}+f`);
    await waitForFocus(searchBox(page));
    await page.keyboard.type('zeppelin');
    await page.getByRole('dialog', { name: 'Search the map' }).getByText('0 matches').waitFor();
    await expect(results(page).count()).resolves.toBe(0);
    // In a search field the browser's own Escape clears the text; with the field empty,
    // Escape closes the dialog.
    await page.keyboard.press(`${MOD}+a`);
    await page.keyboard.press('Delete');
    await page.keyboard.press('Escape');
    await searchBox(page).waitFor({ state: 'detached' });
    await expect(inspector(page).count()).resolves.toBe(0);
  });
});

describe('the outline', () => {
  it('shows the map as an outline, and "Show on map" brings that card into view, selected', async () => {
    const { page } = app;
    const text = articleText('claim-already-risk-death');
    const target = node(page, 'Claim', text);
    const before = await offCentre(page, target);
    expect(Math.hypot(before.dx, before.dy)).toBeGreaterThan(200);

    await tool(page, 'Outline view').click();
    const outline = page.getByRole('region', { name: 'Outline' });
    await outline.waitFor();
    await expect(outline.isVisible()).resolves.toBe(true);
    await expect(tool(page, 'Outline view').getAttribute('aria-pressed')).resolves.toBe('true');
    // Every position, in its own words, in the map's order.
    const headings = await outline.getByRole('heading', { level: 3 }).allInnerTexts();
    const positions = ['pos-unilateral', 'pos-cooperative', 'pos-root-causes', 'pos-demand'];
    positions.forEach((id, i) => {
      expect(headings[i], id).toContain(`Position ${i + 1}: ${articleText(id)}`);
    });

    await outline
      .getByRole('button', { name: `Show on map: ${text}` })
      .first()
      .click();
    await outline.waitFor({ state: 'detached' });
    await expect.poll(() => inspectedText(page)).toBe(text);
    await expect
      .poll(async () => {
        const { dx, dy } = await offCentre(page, target);
        return Math.hypot(dx, dy);
      })
      .toBeLessThan(80);
  });

  it('takes focus when it opens, and Escape closes it and gives focus back', async () => {
    const { page } = app;
    await tool(page, 'Outline view').focus();
    await page.keyboard.press('Enter');
    const outline = page.getByRole('region', { name: 'Outline' });
    await outline.waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.className ?? ''))
      .toBe('cm-outline-panel');
    await page.keyboard.press('Tab');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
      .toBe('Back to the map');
    await page.keyboard.press('Escape');
    await outline.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Outline view');
    // The map is still there, and the outline opens again.
    await node(page, 'Position', articleText('pos-demand')).waitFor();
    await tool(page, 'Outline view').click();
    await outline.waitFor();
    await page.getByRole('button', { name: 'Back to the map' }).click();
    await outline.waitFor({ state: 'detached' });
  });
});
