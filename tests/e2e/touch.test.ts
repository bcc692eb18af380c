import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import {
  articleText,
  boxOf,
  center,
  edge,
  inspector,
  node,
  tool,
  waitForEdge,
  waitForFocus,
} from './helpers';

// A 768×1024 tablet in class, used with a finger: every control is big enough to hit, and a
// map is edited with taps alone (and the on-screen keyboard for text).

/** Visible controls smaller than 44 × 44 px, by name. */
function smallControls(session: Session) {
  return session.page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, select, input, [role="button"]')]
      .filter((el) => {
        if (el.matches('input[type="checkbox"], input[type="radio"]')) return false;
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden' || Number(style.opacity) === 0) return false;
        // On screen, not a visually hidden control (the skip link, before it has focus).
        if (r.width <= 2 || r.height <= 2) return false;
        if (r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth)
          return false;
        return r.width < 43.5 || r.height < 43.5; // a zoomed canvas gives 43.99
      })
      .map((el) => {
        const r = el.getBoundingClientRect();
        const name = el.getAttribute('aria-label') ?? el.textContent ?? el.tagName;
        return `${name.slice(0, 40)} (${Math.round(r.width)}×${Math.round(r.height)})`;
      }),
  );
}

describe('on a 768×1024 tablet, by touch', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession({ width: 768, height: 1024, touch: true });
    await session.page.goto(session.baseURL);
    await session.page.getByRole('region', { name: /^Map:/ }).waitFor();
    await node(session.page, 'Position', articleText('pos-unilateral')).waitFor();
  });
  afterAll(async () => {
    await session.close();
  });

  it('the screen reports a coarse pointer, as a tablet does', async () => {
    await expect(
      session.page.evaluate(() => matchMedia('(pointer: coarse)').matches),
    ).resolves.toBe(true);
  });

  it('every control on screen is at least 44 × 44 px, with a card and then an edge selected', async () => {
    const { page } = session;
    expect(await smallControls(session)).toEqual([]);
    const position = node(page, 'Position', articleText('pos-unilateral'));
    await position.tap();
    await inspector(page).waitFor();
    expect(await smallControls(session)).toEqual([]);

    // The selected card's connection handles, on its right side, take a touch 18 px beside
    // their centre: outward, and towards each other. No edge's badge covers them.
    for (const kind of ['support', 'rebuttal']) {
      const handle = position.locator(`.cm-handle--${kind}`);
      const at = center(await boxOf(handle));
      for (const [dx, dy] of [
        [18, 0],
        [0, kind === 'support' ? 18 : -18],
      ] as const) {
        const hit = await page.evaluate(
          ({ x, y, kind }) =>
            document.elementFromPoint(x, y)?.closest(`.cm-handle--${kind}`) !== null,
          { x: at.x + dx, y: at.y + dy, kind },
        );
        expect(hit, `${kind} at (${dx}, ${dy})`).toBe(true);
      }
    }
    await page.keyboard.press('Escape');
    await inspector(page).waitFor({ state: 'detached' });
  });

  it('adds a supporting claim with taps, and a tap on its badge selects the new relation', async () => {
    const { page } = session;
    // The first position: in view on a tablet's first screen.
    const target = articleText('pos-unilateral');
    await node(page, 'Position', target).tap();
    await inspector(page).waitFor();
    await tool(page, 'Add supporting claim').tap();
    const field = page.getByRole('textbox', { name: 'Claim text' });
    await waitForFocus(field);
    await page.keyboard.type('Tapped in on a tablet');
    await page.keyboard.press('Enter');
    await field.waitFor({ state: 'detached' });
    const relation = edge(page, 'Tapped in on a tablet', 'supports', target);
    await waitForEdge(relation);
    const badge = page.getByRole('button', {
      name: `Select: “Tapped in on a tablet” supports “${target}”`,
    });
    // The badge sits by its target, the position, which the new card may have pushed out of
    // view: Fit brings the whole map back, as a reader on a tablet would.
    await tool(page, 'Fit map to view').tap();
    await expect.poll(async () => (await badge.boundingBox())?.y ?? -1).toBeGreaterThan(0);
    const box = await boxOf(badge);
    expect(box.width).toBeGreaterThanOrEqual(43.5);
    expect(box.height).toBeGreaterThanOrEqual(43.5);
    await badge.tap();
    await expect.poll(() => badge.getAttribute('aria-pressed')).toBe('true');
    await expect(
      inspector(page).getByRole('heading', { name: 'Connection', exact: true }).isVisible(),
    ).resolves.toBe(true);
    expect(await smallControls(session)).toEqual([]);
  });

  it('logs no errors', () => {
    expect(session.errors).toEqual([]);
  });
});
