import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMap } from '../../src/io/parse';
import { encodeShareFragment } from '../../src/io/formats/shareLink';
import { openSession, type Session } from './browser';

// Students open the maps their teacher shares on their phones in class: the link opens the
// map, readable with no sideways scrolling, and the presentation runs by touch.

const article = parseMap(readFileSync('public/maps/cartel-drone-strikes.clashmap.json', 'utf8'));
if (!article.ok) throw new Error('the shipped article map does not parse');

/** Whether the page scrolls sideways, and the widest element's right edge. */
const sideways = (session: Session) =>
  session.page.evaluate(() => ({
    scrolls: document.documentElement.scrollWidth > innerWidth,
    width: document.documentElement.scrollWidth,
  }));

describe('a shared map on a 390×844 phone', () => {
  let session: Session;
  beforeAll(async () => {
    const shared = await encodeShareFragment({ ...article.map, title: 'Drone strikes, shared' });
    if (!shared.ok) throw new Error('the article map does not fit a share link');
    session = await openSession({ width: 390, height: 844, touch: true });
    await session.page.goto(`${session.baseURL}${shared.fragment}`);
    await session.page.getByRole('region', { name: 'Map: Drone strikes, shared' }).waitFor();
    await session.page.locator('.react-flow__node').first().waitFor();
  });
  afterAll(async () => {
    await session.close();
  });

  it('opens the link as a shared copy, with its cards on screen and no sideways scrolling', async () => {
    const { page } = session;
    await expect(
      page.getByRole('region', { name: 'Shared copy' }).textContent(),
    ).resolves.toContain('shared copy');
    expect(await sideways(session)).toEqual({ scrolls: false, width: 390 });
    // At least one card is wholly on screen, with text at a readable size.
    const readable = await page.locator('.react-flow__node').evaluateAll((nodes) =>
      nodes.some((n) => {
        const r = n.getBoundingClientRect();
        const text = n.querySelector('.cm-node__text')!;
        const zoom = r.width / (n as HTMLElement).offsetWidth;
        const size = parseFloat(getComputedStyle(text).fontSize) * zoom;
        return (
          r.left >= 0 &&
          r.right <= innerWidth &&
          r.top >= 0 &&
          r.bottom <= innerHeight &&
          size >= 10
        );
      }),
    );
    expect(readable).toBe(true);
  });

  it('presents the shared map by touch: each step fits the screen, and Next and Previous take taps', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Present', exact: true }).tap();
    const presentation = page.getByRole('dialog', { name: 'Presentation' });
    await presentation.waitFor();
    const counter = presentation.locator('.cm-present__counter');
    await expect.poll(() => counter.textContent()).toMatch(/^Step 1 of \d+/);
    const next = presentation.getByRole('button', { name: 'Next step' });
    const box = (await next.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(43.5);
    expect(box.height).toBeGreaterThanOrEqual(43.5);
    await next.tap();
    await expect.poll(() => counter.textContent()).toMatch(/^Step 2 of \d+/);
    // The current cards fit the phone's width.
    await page.waitForTimeout(900); // the camera glides to the step
    const current = await presentation
      .locator('.react-flow__node.is-current')
      .evaluateAll((nodes) =>
        nodes.map((n) => {
          const r = n.getBoundingClientRect();
          return r.left >= -1 && r.right <= innerWidth + 1;
        }),
      );
    expect(current.length).toBeGreaterThan(0);
    expect(current.every(Boolean)).toBe(true);
    expect(await sideways(session)).toEqual({ scrolls: false, width: 390 });
    await presentation.getByRole('button', { name: 'Previous step' }).tap();
    await expect.poll(() => counter.textContent()).toMatch(/^Step 1 of \d+/);
  });

  it('logs no errors', () => {
    expect(session.errors).toEqual([]);
  });
});
