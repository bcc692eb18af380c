import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  articleMap,
  boxOf,
  edge,
  inspector,
  launch,
  node,
  tabTo,
  waitForFocus,
  type App,
} from './helpers';

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The accessible name of the element that has the keyboard focus. */
const focusedName = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');

const textOfCardName = (name: string) =>
  name.replace(/^(?:Position|Claim): /, '').replace(/ Quote from [\s\S]*$/, '');

const overlaps = (
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The card's box lies inside the canvas and clear of the inspector. */
async function inPlainView(page: Page, card: Locator): Promise<boolean> {
  const box = await boxOf(card);
  const canvas = await boxOf(page.getByRole('region', { name: /^Map: / }));
  const panel = await inspector(page).boundingBox();
  const inside =
    box.x >= canvas.x &&
    box.y >= canvas.y &&
    box.x + box.width <= canvas.x + canvas.width &&
    box.y + box.height <= canvas.y + canvas.height;
  return inside && !(panel && overlaps(box, panel));
}

const positions = articleMap.nodes.filter((n: { kind: string }) => n.kind === 'position');

describe('the keyboard on the canvas', () => {
  it('skip link to the first card, arrows along the argument, S on the focused card, focus after connecting', async () => {
    app = await launch();
    const { page } = app;

    // Tab 1 is the skip link; Enter puts focus on the map's first position.
    const skip = page.getByRole('link', { name: 'Skip to the map' });
    const presses = await tabTo(page, skip, { maxPresses: 6 });
    expect(presses).toBeLessThanOrEqual(6);
    expect(await skip.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedName(page)).toMatch(/^Position: /);
    const first = textOfCardName(await focusedName(page));
    expect(positions.map((p: { text: string }) => p.text)).toContain(first);
    // The focused card is the selected one: the inspector shows it.
    await expect
      .poll(() => inspector(page).getByRole('textbox', { name: 'Text', exact: true }).inputValue())
      .toBe(first);

    // ↓ goes to a card that answers it, ↑ comes back.
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focusedName(page)).toMatch(/^Claim: /);
    const reply = textOfCardName(await focusedName(page));
    const answers =
      (await edge(page, reply, 'supports', first).count()) +
      (await edge(page, reply, 'rebuts', first).count());
    expect(answers).toBe(1);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => focusedName(page).then(textOfCardName)).toBe(first);

    // → goes to the next position across the map.
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => focusedName(page)).toMatch(/^Position: /);
    const second = textOfCardName(await focusedName(page));
    expect(second).not.toBe(first);

    // S supports the focused card; after typing, focus is on the new card.
    await page.keyboard.press('s');
    const field = page.getByRole('textbox', { name: 'Claim text' });
    await waitForFocus(field);
    await page.keyboard.press(`Control+a`);
    await page.keyboard.type('Reached with the arrow keys');
    await page.keyboard.press('Enter');
    const added = node(page, 'Claim', 'Reached with the arrow keys');
    await added.waitFor();
    await edge(page, 'Reached with the arrow keys', 'supports', second).waitFor();
    await expect.poll(() => focusedName(page)).toBe('Claim: Reached with the arrow keys');

    // Connecting from the inspector leaves focus on the new relation's kind, not the page.
    const rebuts = inspector(page).getByRole('button', { name: 'It rebuts that' });
    await tabTo(page, rebuts);
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        page.evaluate(() => {
          const el = document.activeElement as HTMLInputElement | null;
          return el && el.type === 'radio' && el.checked ? el.closest('label')?.textContent : null;
        }),
      )
      .toMatch(/rebut/i);
  });

  it('at 1366×768 the legend and overview start folded away, a card selected at the right edge is not left under the inspector, and a new card appears in view', async () => {
    app = await launch({ viewport: { width: 1366, height: 768 } });
    const { page } = app;
    // The legend and the overview map start folded away here, so they cover no card; the
    // toolbar unfolds each.
    const tools = page.getByRole('toolbar', { name: 'Map tools' });
    const legendToggle = tools.getByRole('button', { name: 'Legend', exact: true });
    const overviewToggle = tools.getByRole('button', { name: 'Overview map', exact: true });
    await expect(legendToggle.getAttribute('aria-pressed')).resolves.toBe('false');
    await expect(overviewToggle.getAttribute('aria-pressed')).resolves.toBe('false');
    await expect(page.getByRole('region', { name: 'Legend' }).count()).resolves.toBe(0);
    await expect(page.getByRole('img', { name: 'Map overview' }).count()).resolves.toBe(0);
    await overviewToggle.click();
    await page.getByRole('img', { name: 'Map overview' }).waitFor();
    await overviewToggle.click();
    await expect.poll(() => page.getByRole('img', { name: 'Map overview' }).count()).toBe(0);
    await legendToggle.click();
    await page.getByRole('region', { name: 'Legend' }).getByRole('listitem').first().waitFor();
    await legendToggle.click();
    await expect.poll(() => page.getByRole('region', { name: 'Legend' }).count()).toBe(0);

    // The card drawn furthest right that is still partly on screen.
    const cards = page.getByRole('group', { name: /^(?:Position|Claim): / });
    let target: Locator | null = null;
    let rightmost = -Infinity;
    for (const card of await cards.all()) {
      const box = await card.boundingBox();
      if (!box || box.x > 1366 - 60 || box.y > 768 - 60 || box.y < 80) continue;
      if (box.x + box.width > rightmost) {
        rightmost = box.x + box.width;
        target = card;
      }
    }
    expect(target).not.toBeNull();
    expect(rightmost).toBeGreaterThan(1366 - 340);
    const box = await boxOf(target!);
    await page.mouse.click(box.x + 20, box.y + 12);
    await inspector(page).waitFor();
    await expect.poll(() => inPlainView(page, target!)).toBe(true);

    // A new position, made with P, appears in view, clear of the inspector.
    await page.keyboard.press('Escape');
    await page.keyboard.press('p');
    const field = page.getByRole('textbox', { name: 'Position text' });
    await waitForFocus(field);
    await page.keyboard.press('Control+a');
    await page.keyboard.type('A fifth position');
    await page.keyboard.press('Enter');
    const added = node(page, 'Position', 'A fifth position');
    await added.waitFor();
    await expect.poll(() => inPlainView(page, added)).toBe(true);
  });
});
