import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';
import { articleMap } from './helpers';

const SHOTS = 'tests/e2e/screenshots';

async function counter(page: Page): Promise<{ step: number; total: number }> {
  const text = (await page.locator('.cm-present__counter').textContent()) ?? '';
  const match = /Step (\d+) of (\d+)/.exec(text);
  if (!match) throw new Error(`no step counter in "${text}"`);
  return { step: Number(match[1]), total: Number(match[2]) };
}

/** Visible nodes of the presentation, and whether every current one is on screen and readable. */
async function stage(page: Page) {
  return page.locator('.cm-present').evaluate((root) => {
    const nodes = [...root.querySelectorAll<HTMLElement>('.react-flow__node')];
    const current = nodes.filter((n) => n.classList.contains('is-current'));
    const zoom = new DOMMatrixReadOnly(
      getComputedStyle(root.querySelector('.react-flow__viewport')!).transform,
    ).a;
    const readable = current.every((n) => {
      const text = n.querySelector<HTMLElement>('.cm-node__text')!;
      return parseFloat(getComputedStyle(text).fontSize) * zoom >= 24;
    });
    const onScreen = current.every((n) => {
      const r = n.querySelector('.cm-node__text')!.getBoundingClientRect();
      return r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight;
    });
    // The caption covers no part of any card that is drawn (the map is clipped to its band).
    const caption = root.querySelector('[role="status"]')!.getBoundingClientRect();
    const flow = root.querySelector('.react-flow')!.getBoundingClientRect();
    const captionClear = nodes.every((n) => {
      const r = n.getBoundingClientRect();
      const left = Math.max(r.left, flow.left, caption.left);
      const right = Math.min(r.right, flow.right, caption.right);
      const top = Math.max(r.top, flow.top, caption.top);
      const bottom = Math.min(r.bottom, flow.bottom, caption.bottom);
      return !(left < right && top < bottom);
    });
    /** Ids of cards wholly inside the map's band. */
    const inView = nodes
      .filter((n) => {
        const r = n.getBoundingClientRect();
        return (
          r.left >= flow.left &&
          r.top >= flow.top &&
          r.right <= flow.right &&
          r.bottom <= flow.bottom
        );
      })
      .map((n) => n.dataset.id!);
    const currentIds = current.map((n) => n.dataset.id!);
    return {
      visible: nodes.length,
      current: current.length,
      readable,
      onScreen,
      zoom,
      captionClear,
      inView,
      currentIds,
    };
  });
}

/**
 * The camera glides to each step; wait until it has settled: its transform unchanged for 120 ms
 * (at most 5 s in all). Watched in the page, frame by frame, in one call: asking from here every
 * 120 ms cost a round trip a time and up to two waits after the glide had ended.
 */
async function settle(page: Page) {
  await page.locator('.cm-present .react-flow__viewport').evaluate(
    (el) =>
      new Promise<void>((resolve) => {
        let last = getComputedStyle(el).transform;
        let since = performance.now();
        const check = (now: number) => {
          const transform = getComputedStyle(el).transform;
          if (transform !== last) {
            last = transform;
            since = now;
          }
          if (now - since >= 120) resolve();
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
        setTimeout(resolve, 5000);
      }),
  );
}

describe('presenting a map in class', () => {
  let session: Session;
  let page: Page;
  beforeEach(async () => {
    session = await openSession({ width: 1920, height: 1080 });
    page = session.page;
    await page.goto(session.baseURL);
    await page.getByRole('region', { name: /^Map:/ }).waitFor();
    await page.locator('.react-flow__node').first().waitFor();
  });
  afterEach(async () => {
    expect(session.errors).toEqual([]);
    await session.close();
  });

  it('steps through every default step from the keyboard, readable at each, then leaves with Escape', async () => {
    mkdirSync(SHOTS, { recursive: true });
    // The camera's 700 ms glide to each of some twenty steps is run on the page's clock rather
    // than waited for (that was most of this test's time); the clock follows real time
    // otherwise. Installed before the app loads, so that its animation timers are the clock's.
    await session.context.clock.install();
    await page.reload();
    await page.locator('.react-flow__node').first().waitFor();
    const glide = async () => {
      await session.context.clock.runFor(800);
      await settle(page);
    };
    await page.keyboard.press('F5');
    const presentation = page.getByRole('dialog', { name: 'Presentation' });
    await presentation.waitFor();
    await glide();
    const { total } = await counter(page);
    expect(total).toBeGreaterThanOrEqual(8);
    let previous = 0;
    const keys = ['ArrowRight', ' ', 'PageDown'];
    for (let step = 1; step <= total; step++) {
      expect((await counter(page)).step).toBe(step);
      const now = await stage(page);
      expect(now.visible, `step ${step}`).toBeGreaterThan(previous);
      expect(now.current, `step ${step}`).toBeGreaterThan(0);
      expect(now.readable, `step ${step} text at least 24 px`).toBe(true);
      expect(now.onScreen, `step ${step} framed`).toBe(true);
      expect(now.captionClear, `step ${step}: the caption covers no card`).toBe(true);
      if (step === 1) {
        // Captions use the position's words.
        const caption = (await page.locator('.cm-present').getByRole('status').textContent()) ?? '';
        const first = now.currentIds[0]!;
        const position = articleMap.nodes.find((n: { id: string }) => n.id === first);
        expect(position?.kind).toBe('position');
        expect(caption).toContain(position!.text.slice(0, 30));
        expect(caption).not.toMatch(/Position \d/);
      }
      if (step === 2) {
        // A reply step frames the replies with the card they answer.
        const answered = articleMap.edges
          .filter((e: { from: string }) => now.currentIds.includes(e.from))
          .map((e: { to: string }) => e.to);
        expect(answered.length).toBeGreaterThan(0);
        for (const id of [...now.currentIds, ...answered]) expect(now.inView, id).toContain(id);
      }
      previous = now.visible;
      if (step === 1 || step === Math.ceil(total / 2) || step === total) {
        await page.screenshot({ path: `${SHOTS}/present-step-${step}.png` });
      }
      if (step < total) {
        await page.keyboard.press(keys[step % keys.length]!);
        await glide();
      }
    }
    expect(previous).toBe(25); // every node of the article map by the last step
    // Past the end stays at the end; Home and End jump; Left and PageUp go back.
    await page.keyboard.press('ArrowRight');
    expect((await counter(page)).step).toBe(total);
    await page.keyboard.press('Home');
    expect((await counter(page)).step).toBe(1);
    await page.keyboard.press('End');
    expect((await counter(page)).step).toBe(total);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('PageUp');
    expect((await counter(page)).step).toBe(total - 2);
    // Escape leaves; the editor is back.
    await page.keyboard.press('Escape');
    await expect.poll(() => presentation.count()).toBe(0);
    await expect(page.getByRole('toolbar', { name: 'Map tools' }).isVisible()).resolves.toBe(true);
  });

  it('jumps to a typed step number, blanks the screen with B, and switches to the dark theme', async () => {
    await page.getByRole('button', { name: 'Present', exact: true }).click();
    await page.getByRole('dialog', { name: 'Presentation' }).waitFor();
    await page.keyboard.press('4');
    await expect(page.locator('.cm-present__counter').textContent()).resolves.toContain(
      'Go to step 4',
    );
    await page.keyboard.press('Enter');
    expect((await counter(page)).step).toBe(4);
    await page.keyboard.press('b');
    const blank = page.getByRole('img', { name: /Screen blanked/ });
    await expect(blank.isVisible()).resolves.toBe(true);
    await page.keyboard.press('b');
    await expect(blank.count()).resolves.toBe(0);
    await page.keyboard.press('t');
    await expect(page.locator('.cm-present').getAttribute('data-theme')).resolves.toBe('dark');
    const background = await page
      .locator('.cm-present')
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).toBe('rgb(0, 0, 0)');
  });

  it('moves to each step at once, without a glide, for a person who asks for reduced motion', async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.keyboard.press('F5');
    await page.getByRole('dialog', { name: 'Presentation' }).waitFor();
    const view = page.locator('.cm-present .react-flow__viewport');
    const transform = () => view.evaluate((el) => getComputedStyle(el).transform);
    await settle(page);
    const first = await transform();
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await counter(page)).step).toBe(2);
    // Two frames on, the view is where it stays (a glide takes 700 ms to get there).
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    const shown = await transform();
    expect(shown).not.toBe(first);
    await page.waitForTimeout(800);
    await expect(transform()).resolves.toBe(shown);
  });

  it('shows the step note in a presenter window', async () => {
    await page.getByRole('button', { name: 'Presentation steps' }).click();
    const panel = page.getByRole('complementary', { name: 'Presentation steps' });
    const note = panel.getByRole('textbox', { name: 'Note for step 1', exact: true });
    await note.fill('Ask the class: who gains from strikes?');
    await panel.getByRole('heading', { name: 'Presentation steps' }).click(); // leave the field: commits
    await page.keyboard.press('F5');
    await page.getByRole('dialog', { name: 'Presentation' }).waitFor();
    const popup = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Presenter notes' }).click();
    const notes = await popup;
    await expect
      .poll(() => notes.locator('body').innerText())
      .toContain('Ask the class: who gains from strikes?');
    await expect(notes.locator('body').innerText()).resolves.toContain('Step 1 of');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => notes.locator('body').innerText()).toContain('Step 2 of');
    // Styled under the page's content security policy (a stylesheet, not inline styles).
    await expect(
      notes.locator('body').evaluate((body) => getComputedStyle(body).backgroundColor),
    ).resolves.toBe('rgb(17, 17, 17)');
    // The same keys, pressed in the notes window, drive the slides.
    await notes.bringToFront();
    await notes.keyboard.press('ArrowRight');
    await expect.poll(async () => (await counter(page)).step).toBe(3);
    await expect.poll(() => notes.locator('body').innerText()).toContain('Step 3 of');
    await notes.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await counter(page)).step).toBe(2);
  });

  it('reorders steps in the editor and saves them in the map file', async () => {
    await page.getByRole('button', { name: 'Presentation steps' }).click();
    const panel = page.getByRole('complementary', { name: 'Presentation steps' });
    const titles = async () =>
      panel
        .getByRole('listitem')
        .filter({ has: page.getByRole('button', { name: /^Move step/ }) })
        .evaluateAll((items) => items.map((li) => li.getAttribute('aria-label')));
    // The panel loads when first opened: wait for its steps before reading them.
    await panel.getByRole('button', { name: 'Move step 2 up' }).waitFor();
    const before = await titles();
    expect(before.length).toBeGreaterThan(3);
    await panel.getByRole('button', { name: 'Move step 2 up' }).click();
    const after = await titles();
    expect(after[0]!.replace(/^Step 1: /, '')).toBe(before[1]!.replace(/^Step 2: /, ''));
    await panel.getByRole('button', { name: 'Remove step 3' }).click();
    expect(await titles()).toHaveLength(before.length - 1);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save map', exact: true }).click();
    const file = JSON.parse(readFileSync((await (await download).path())!, 'utf8')) as {
      presentation?: { steps: { title?: string; nodes: string[] }[] };
    };
    expect(file.presentation?.steps).toHaveLength(before.length - 1);
    expect(file.presentation!.steps[0]!.title).toBe(before[1]!.replace(/^Step 2: /, ''));
    // Presenting now follows the teacher's order.
    await page.keyboard.press('F5');
    await expect(page.locator('.cm-present__counter').textContent()).resolves.toContain(
      `of ${before.length - 1} · ${file.presentation!.steps[0]!.title}`,
    );
  });

  it("the browser's own Print menu prints the map and the outline after it", async () => {
    // Print (Ctrl+P, the browser's menu) gives the page no time to load anything: the outline,
    // which loads after the first map is drawn, is ready by then.
    const firstPosition = articleMap.nodes.find((n) => n.kind === 'position')!;
    await page.emulateMedia({ media: 'print' });
    const outline = page.locator('.cm-print-outline');
    await expect.poll(() => outline.isVisible(), { timeout: 10_000 }).toBe(true);
    await expect(outline.textContent()).resolves.toContain(firstPosition.text);
    await expect(page.locator('.cm-canvas').isVisible()).resolves.toBe(true);
  });

  it('prints a handout with one position per A4 page, every word at 8 pt or more, then the outline', async () => {
    // The browser's Print dialog cannot be driven headless: the test takes its place and
    // looks at the page as the printer would lay it out.
    await page.evaluate(() => {
      window.print = () => {
        document.documentElement.dataset.printRequests = String(
          Number(document.documentElement.dataset.printRequests ?? 0) + 1,
        );
      };
    });
    await page.getByRole('button', { name: 'Print handout', exact: true }).click();
    await expect
      .poll(() => page.evaluate(() => document.documentElement.dataset.printRequests))
      .toBe('1');
    await page.emulateMedia({ media: 'print' });
    const pages = await page.locator('.cm-handout__page').evaluateAll((sections) =>
      Promise.all(
        sections.map((section) => {
          const img = section.querySelector('img')!;
          const svg = decodeURIComponent(img.src.slice(img.src.indexOf(',') + 1));
          const viewBox = /viewBox="[^ ]+ [^ ]+ ([\d.]+) ([\d.]+)"/.exec(svg)!;
          const fontSizes = [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
          const r = section.getBoundingClientRect();
          const drawing = img.getBoundingClientRect();
          return {
            heading: section.querySelector('h2')!.textContent ?? '',
            landscape: section.classList.contains('cm-handout__page--landscape'),
            scale: img.getBoundingClientRect().width / Number(viewBox[1]),
            smallestText: Math.min(...fontSizes),
            width: drawing.width,
            height: r.height + (section.querySelector('h1')?.getBoundingClientRect().height ?? 0),
            svg,
          };
        }),
      ),
    );
    const positions = articleMap.nodes.filter((n) => n.kind === 'position');
    // One page (or more) per position, in order, each headed with the position's words.
    positions.forEach((position, i) =>
      expect(
        pages.some((p) => p.heading.startsWith(`Position ${i + 1} of 4: ${position.text}`)),
      ).toBe(true),
    );
    for (const p of pages) {
      // 8 pt is 10.67 CSS px: the smallest text on the page, as printed.
      expect(p.smallestText * p.scale, p.heading).toBeGreaterThanOrEqual(10.6);
      // Inside an A4 page's 12 mm margins (703 × 1032 CSS px, or turned).
      expect(p.width, p.heading).toBeLessThanOrEqual(p.landscape ? 1032 : 703);
      expect(p.height, p.heading).toBeLessThanOrEqual(p.landscape ? 703 : 1032);
    }
    // Every card is on some page (its first words, as the SVG writes text: escaped, in lines).
    const drawn = pages.map((p) => p.svg).join('\n');
    for (const node of articleMap.nodes) {
      const words = node.text.split(' ').slice(0, 2).join(' ');
      expect(drawn.includes(words.replace(/&/g, '&amp;')), node.text).toBe(true);
    }
    // The map canvas itself does not print; the outline follows the map pages.
    await expect(page.locator('.cm-canvas').isVisible()).resolves.toBe(false);
    await expect(page.locator('.cm-print-outline').isVisible()).resolves.toBe(true);
  });
});
