import type { Locator } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addClaim,
  allEdges,
  allNodes,
  boxOf,
  center,
  dragConnect,
  dragNode,
  edge,
  emptyCanvasPoint,
  inspector,
  launch,
  MOD,
  node,
  notice,
  startBlankMap,
  tool,
  type App,
  waitForEdge,
  waitForFocus,
} from './helpers';

let app: App;
beforeEach(async () => {
  app = await launch();
  await startBlankMap(app.page);
});
afterEach(async () => {
  await app?.close();
});

describe('adding nodes', () => {
  it('adds a position and a claim from the toolbar, typing their text at once', async () => {
    const { page } = app;
    await tool(page, 'Add position').click();
    const positionField = page.getByRole('textbox', { name: 'Position text' });
    await expect
      .poll(() => positionField.evaluate((el) => el === document.activeElement))
      .toBe(true);
    await page.keyboard.type('Cities should ban cars downtown');
    await page.keyboard.press('Enter');
    await node(page, 'Position', 'Cities should ban cars downtown').waitFor();

    await tool(page, 'Add claim').click();
    await waitForFocus(page.getByRole('textbox', { name: 'Claim text' }));
    await page.keyboard.type('Traffic deaths fall when cars are banned');
    await page.keyboard.press('Enter');
    await node(page, 'Claim', 'Traffic deaths fall when cars are banned').waitFor();

    await expect.poll(() => allNodes(page).count()).toBe(2);
    await expect(page.getByRole('textbox', { name: /text$/ }).count()).resolves.toBe(0);
    expect(app.errors).toEqual([]);
  });

  it('adds a position with P and a claim with C', async () => {
    const { page } = app;
    await page.keyboard.press('p');
    await waitForFocus(page.getByRole('textbox', { name: 'Position text' }));
    await page.keyboard.type('Keyed position');
    await page.keyboard.press('Enter');
    await node(page, 'Position', 'Keyed position').waitFor();

    await page.keyboard.press('c');
    await waitForFocus(page.getByRole('textbox', { name: 'Claim text' }));
    await page.keyboard.type('Keyed claim');
    await page.keyboard.press('Enter');
    await node(page, 'Claim', 'Keyed claim').waitFor();
    await expect.poll(() => allNodes(page).count()).toBe(2);
  });

  it('keeps typing in a new card when its key comes right after Enter on the last one', async () => {
    // The browser's clock is held, so that the frame in which the committed card would take
    // the focus back comes only after the next key has opened a new card: however fast or slow
    // the machine, the keys arrive in that order.
    await app.close();
    app = await launch({ beforeOpen: ({ context }) => context.clock.install() });
    const { page, context } = app;
    await startBlankMap(page);
    await page.keyboard.press('p');
    await waitForFocus(page.getByRole('textbox', { name: 'Position text' }));
    await page.keyboard.type('Fast position');
    await context.clock.pauseAt(Date.now() + 60_000);
    await page.keyboard.press('Enter');
    await page.keyboard.press('c');
    const claim = page.getByRole('textbox', { name: 'Claim text' });
    await waitForFocus(claim);
    await context.clock.runFor(500);
    await expect.poll(() => claim.evaluate((el) => el === document.activeElement)).toBe(true);
    await context.clock.resume();
    await page.keyboard.type('Fast claim');
    await page.keyboard.press('Enter');
    await node(page, 'Claim', 'Fast claim').waitFor();
  });

  it('adds a claim where the empty canvas is double-clicked', async () => {
    const { page } = app;
    const at = await emptyCanvasPoint(page);
    await page.mouse.dblclick(at.x, at.y);
    await waitForFocus(page.getByRole('textbox', { name: 'Claim text' }));
    await page.keyboard.type('Double-clicked claim');
    await page.keyboard.press('Enter');
    const added = node(page, 'Claim', 'Double-clicked claim');
    await added.waitFor();
    const box = await boxOf(added);
    // The node's top-left corner is where the canvas was double-clicked.
    expect(Math.abs(box.x - at.x)).toBeLessThan(30);
    expect(Math.abs(box.y - at.y)).toBeLessThan(30);
  });

  it('does not add a node when a node (rather than the canvas) is double-clicked', async () => {
    const { page } = app;
    const alpha = await addClaim(page, 'Alpha');
    await alpha.dblclick();
    await waitForFocus(page.getByRole('textbox', { name: 'Claim text' }));
    await page.keyboard.press('Escape');
    await expect.poll(() => allNodes(page).count()).toBe(1);
  });
});

/** Pairs of cards whose boxes on screen overlap, by their text. */
async function overlappingCards(page: App['page']): Promise<string[]> {
  return page.locator('.react-flow__node').evaluateAll((els) => {
    const boxes = els.map((el) => ({
      name: el.querySelector('.cm-node__text')?.textContent ?? '?',
      r: el.getBoundingClientRect(),
    }));
    const pairs: string[] = [];
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1))
        if (
          a.r.left < b.r.right &&
          b.r.left < a.r.right &&
          a.r.top < b.r.bottom &&
          b.r.top < a.r.bottom
        )
          pairs.push(`${a.name} × ${b.name}`);
    return pairs;
  });
}

describe('cards make room', () => {
  it('a card whose text grows pushes the card below it down, and it stays so after a reload', async () => {
    const { page } = app;
    const alpha = await addClaim(page, 'Alpha');
    const beta = await addClaim(page, 'Beta');
    const gap = (await boxOf(beta)).y - ((await boxOf(alpha)).y + (await boxOf(alpha)).height);
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(gap).toBeLessThan(60); // Beta was placed just below Alpha

    await alpha.dblclick();
    const field = page.getByRole('textbox', { name: 'Claim text' });
    await waitForFocus(field);
    const long =
      'Alpha grows to a claim long enough to wrap onto many lines of its card ' +
      'and more '.repeat(12);
    await page.keyboard.type(long);
    await page.keyboard.press('Enter');
    const grown = node(page, 'Claim', long.trim());
    await grown.waitFor();
    await expect.poll(() => overlappingCards(page)).toEqual([]);
    const alphaBox = await boxOf(grown);
    const betaBox = await boxOf(beta);
    // Alpha kept its place; Beta moved down, just below it.
    expect(betaBox.y).toBeGreaterThan(alphaBox.y + alphaBox.height - 1);
    expect(betaBox.y - (alphaBox.y + alphaBox.height)).toBeLessThan(60);

    await app.reload();
    await grown.waitFor();
    await expect.poll(() => overlappingCards(page)).toEqual([]);
  });

  it('a card keeps its size while it is typed in: the editor grows over the card below, which moves on Enter', async () => {
    const { page } = app;
    const alpha = await addClaim(page, 'Alpha');
    const beta = await addClaim(page, 'Beta');
    const alphaBefore = await boxOf(alpha);
    const betaBefore = await boxOf(beta);

    await alpha.dblclick();
    const field = page.getByRole('textbox', { name: 'Claim text' });
    await waitForFocus(field);
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' grows by a sentence long enough to wrap onto several more lines');
    // Every line typed is in view in the editor, which now reaches over Beta...
    const editor = await field.boundingBox();
    expect(editor!.y + editor!.height).toBeGreaterThan(alphaBefore.y + alphaBefore.height + 20);
    expect(await field.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(1);
    // ...while neither card has moved or changed its size.
    expect(await boxOf(alpha)).toEqual(alphaBefore);
    expect(await boxOf(beta)).toEqual(betaBefore);

    await page.keyboard.press('Enter');
    await expect.poll(async () => (await boxOf(beta)).y).toBeGreaterThan(betaBefore.y + 20);
    await expect.poll(() => overlappingCards(page)).toEqual([]);
  });

  it('a card dropped onto another keeps its place, and the covered card moves down', async () => {
    const { page } = app;
    const alpha = await addClaim(page, 'Alpha');
    const beta = await addClaim(page, 'Beta');
    const before = await boxOf(beta);
    const alphaBefore = await boxOf(alpha);
    // Drop Beta a little above Alpha's middle, half over it.
    const dy = alphaBefore.y + 10 - before.y;
    await dragNode(page, beta, 40, dy);
    await expect.poll(() => overlappingCards(page)).toEqual([]);
    const dropped = await boxOf(beta);
    expect(Math.abs(dropped.y - (before.y + dy))).toBeLessThan(4);
    expect(Math.abs(dropped.x - (before.x + 40))).toBeLessThan(4);
    expect((await boxOf(alpha)).y).toBeGreaterThan(dropped.y + dropped.height - 1);
  });
});

describe('auto-layout', () => {
  /** Where a card is on the map (the canvas's own coordinates, whatever the zoom). */
  const placeOf = (card: Locator) =>
    card.evaluate((el) => (el.closest('.react-flow__node') as HTMLElement).style.transform);

  it('lays the map out on its first use, as one step that undo takes back', async () => {
    const { page } = app;
    await addClaim(page, 'Alpha');
    const beta = await addClaim(page, 'Beta');
    await dragNode(page, beta, 420, 260);
    const dragged = await placeOf(beta);
    await tool(page, 'Auto-layout').click();
    await expect.poll(() => placeOf(beta)).not.toBe(dragged);
    await expect.poll(() => overlappingCards(page)).toEqual([]);
    await tool(page, 'Undo').click();
    await expect.poll(() => placeOf(beta)).toBe(dragged);
    expect(app.errors).toEqual([]);
  });
});

describe('text size', () => {
  it('Smaller and Larger size the cards’ text in steps, the cards make room, and the choice outlives a reload', async () => {
    const { page } = app;
    const alpha = await addClaim(page, 'Alpha is a claim of a few words');
    await addClaim(page, 'Beta sits below it');
    const textSize = () =>
      alpha.locator('.cm-node__text').evaluate((el) => getComputedStyle(el).fontSize);
    await expect(textSize()).resolves.toBe('15px');
    const larger = tool(page, 'Larger text');
    const smaller = tool(page, 'Smaller text');
    for (let step = 0; step < 3; step++) await larger.click();
    await expect(textSize()).resolves.toBe('22.5px');
    await expect(larger.isDisabled()).resolves.toBe(true);
    await expect.poll(() => overlappingCards(page)).toEqual([]);

    await app.reload();
    await expect.poll(textSize).toBe('22.5px');
    await expect.poll(() => overlappingCards(page)).toEqual([]);
    // From the keyboard too: the button keeps its focus, so Enter steps again.
    await smaller.focus();
    for (let step = 0; step < 4; step++) await page.keyboard.press('Enter');
    await expect(textSize()).resolves.toBe('13.5px');
    await expect(smaller.isDisabled()).resolves.toBe(true);
  });
});

describe('editing text in place', () => {
  it('double-click edits the text and Enter commits it', async () => {
    const { page } = app;
    const alpha = await addClaim(page, 'Alpha');
    await alpha.dblclick();
    const field = page.getByRole('textbox', { name: 'Claim text' });
    await waitForFocus(field);
    await expect(field.inputValue()).resolves.toBe('Alpha');
    // The old text is selected, so typing replaces it.
    await page.keyboard.type('Alpha, revised');
    await page.keyboard.press('Enter');
    await node(page, 'Claim', 'Alpha, revised').waitFor();
    await expect(node(page, 'Claim', 'Alpha').count()).resolves.toBe(0);
  });

  it('Enter and F2 on a selected node start editing it', async () => {
    const { page } = app;
    const alpha = await addClaim(page, 'Alpha');
    await alpha.click();
    await page.keyboard.press('Enter');
    const field = page.getByRole('textbox', { name: 'Claim text' });
    await waitForFocus(field);
    await page.keyboard.type('Edited after Enter');
    await page.keyboard.press('Enter');
    const edited = node(page, 'Claim', 'Edited after Enter');
    await edited.waitFor();

    await edited.click();
    await page.keyboard.press('F2');
    await waitForFocus(field);
    await page.keyboard.type('Edited after F2');
    await page.keyboard.press('Enter');
    await node(page, 'Claim', 'Edited after F2').waitFor();
  });

  it('Shift+Enter starts a new line instead of committing', async () => {
    const { page } = app;
    await addClaim(page, 'Alpha');
    await node(page, 'Claim', 'Alpha').dblclick();
    const field = page.getByRole('textbox', { name: 'Claim text' });
    await waitForFocus(field);
    await page.keyboard.type('First line');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('second line');
    await expect(field.inputValue()).resolves.toBe('First line\nsecond line');
    await page.keyboard.press('Enter');
    await field.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getByRole('group', { name: /^Claim: First line\s+second line$/ }).count())
      .toBe(1);
  });

  it('Escape cancels the edit and keeps the old text', async () => {
    const { page } = app;
    const alpha = await addClaim(page, 'Alpha');
    await alpha.dblclick();
    const field = page.getByRole('textbox', { name: 'Claim text' });
    await waitForFocus(field);
    await page.keyboard.type('Never mind');
    await page.keyboard.press('Escape');
    await field.waitFor({ state: 'detached' });
    await node(page, 'Claim', 'Alpha').waitFor();
    await expect(node(page, 'Claim', 'Never mind').count()).resolves.toBe(0);
    // The cancelled edit left no undo step: one undo takes back an earlier change, so the
    // node no longer reads "Alpha" (a no-op step would have left it unchanged).
    await page.keyboard.press(`${MOD}+z`);
    await expect.poll(() => node(page, 'Claim', 'Alpha').count()).toBe(0);
  });

  it('clicking elsewhere commits the edit', async () => {
    const { page } = app;
    const alpha = await addClaim(page, 'Alpha');
    await alpha.dblclick();
    const field = page.getByRole('textbox', { name: 'Claim text' });
    await waitForFocus(field);
    await page.keyboard.type('Committed by clicking away');
    const away = await emptyCanvasPoint(page);
    await page.mouse.click(away.x, away.y);
    await field.waitFor({ state: 'detached' });
    await node(page, 'Claim', 'Committed by clicking away').waitFor();
    await expect.poll(() => allNodes(page).count()).toBe(1);
  });

  it('changes a node’s kind in the inspector', async () => {
    const { page } = app;
    const alpha = await addClaim(page, 'Alpha');
    await alpha.click();
    const kind = inspector(page).getByRole('combobox', { name: 'Kind' });
    await kind.selectOption({ label: 'Position' });
    await node(page, 'Position', 'Alpha').waitFor();
    await expect(node(page, 'Claim', 'Alpha').count()).resolves.toBe(0);
    await kind.selectOption({ label: 'Claim' });
    await node(page, 'Claim', 'Alpha').waitFor();
  });
});

describe('connecting', () => {
  beforeEach(async () => {
    await addClaim(app.page, 'Alpha');
    await addClaim(app.page, 'Beta');
  });

  it('connects two nodes by dragging the support handle', async () => {
    const { page } = app;
    await dragConnect(page, node(page, 'Claim', 'Alpha'), 'support', node(page, 'Claim', 'Beta'));
    await waitForEdge(edge(page, 'Alpha', 'supports', 'Beta'));
    await expect(allEdges(page).count()).resolves.toBe(1);
  });

  it('connects two nodes by dragging the rebuttal handle', async () => {
    const { page } = app;
    await dragConnect(page, node(page, 'Claim', 'Beta'), 'rebuttal', node(page, 'Claim', 'Alpha'));
    await waitForEdge(edge(page, 'Beta', 'rebuts', 'Alpha'));
    await expect(allEdges(page).count()).resolves.toBe(1);
  });

  it('one click on an edge’s badge selects the edge and never changes its kind', async () => {
    const { page } = app;
    await dragConnect(page, node(page, 'Claim', 'Alpha'), 'support', node(page, 'Claim', 'Beta'));
    await waitForEdge(edge(page, 'Alpha', 'supports', 'Beta'));
    await node(page, 'Claim', 'Alpha').click();
    await expect
      .poll(() => inspector(page).getByRole('radio', { name: 'Support' }).count())
      .toBe(0);
    const badge = page.getByRole('button', { name: 'Select: “Alpha” supports “Beta”' });
    for (let click = 0; click < 2; click++) {
      await badge.click();
      await expect.poll(() => badge.getAttribute('aria-pressed')).toBe('true');
      // Selected, so the inspector shows the relation; still a support.
      await expect(
        inspector(page).getByRole('radio', { name: 'Support' }).isChecked(),
      ).resolves.toBe(true);
      await waitForEdge(edge(page, 'Alpha', 'supports', 'Beta'));
    }
    await expect(allEdges(page).count()).resolves.toBe(1);
  });

  it('flips an edge’s kind with the inspector’s radio buttons', async () => {
    const { page } = app;
    await dragConnect(page, node(page, 'Claim', 'Alpha'), 'support', node(page, 'Claim', 'Beta'));
    await waitForEdge(edge(page, 'Alpha', 'supports', 'Beta'));
    // The new connection is selected, so the inspector shows it.
    const panel = inspector(page);
    const rebuttal = panel.getByRole('radio', { name: 'Rebuttal' });
    const support = panel.getByRole('radio', { name: 'Support' });
    await expect(support.isChecked()).resolves.toBe(true);
    await rebuttal.check();
    await waitForEdge(edge(page, 'Alpha', 'rebuts', 'Beta'));
    await expect(rebuttal.isChecked()).resolves.toBe(true);
    await support.check();
    await waitForEdge(edge(page, 'Alpha', 'supports', 'Beta'));
  });

  it('refuses a self-loop and says why', async () => {
    const { page } = app;
    const alpha = node(page, 'Claim', 'Alpha');
    await dragConnect(page, alpha, 'support', alpha);
    await notice(page, 'A node cannot support or rebut itself.').waitFor();
    await expect(allEdges(page).count()).resolves.toBe(0);
  });

  it('refuses a duplicate connection and says why', async () => {
    const { page } = app;
    const alpha = node(page, 'Claim', 'Alpha');
    const beta = node(page, 'Claim', 'Beta');
    await dragConnect(page, alpha, 'support', beta);
    await waitForEdge(edge(page, 'Alpha', 'supports', 'Beta'));
    await dragConnect(page, alpha, 'support', beta);
    await notice(page, 'These nodes are already connected by a support edge.').waitFor();
    await expect(allEdges(page).count()).resolves.toBe(1);
  });
});

describe('replying', () => {
  it('S adds a supporting claim to the selected node, ready for typing', async () => {
    const { page } = app;
    const parent = await addClaim(page, 'Parent', 'Position');
    await parent.click();
    await page.keyboard.press('s');
    const field = page.getByRole('textbox', { name: 'Claim text' });
    await waitForFocus(field);
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('A reason for it');
    await page.keyboard.press('Enter');
    await node(page, 'Claim', 'A reason for it').waitFor();
    await waitForEdge(edge(page, 'A reason for it', 'supports', 'Parent'));
    await expect(allEdges(page).count()).resolves.toBe(1);
  });

  it('R adds a rebutting claim to the selected node, ready for typing', async () => {
    const { page } = app;
    const parent = await addClaim(page, 'Parent', 'Position');
    await parent.click();
    await page.keyboard.press('r');
    const field = page.getByRole('textbox', { name: 'Claim text' });
    await waitForFocus(field);
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('A reason against it');
    await page.keyboard.press('Enter');
    await node(page, 'Claim', 'A reason against it').waitFor();
    await waitForEdge(edge(page, 'A reason against it', 'rebuts', 'Parent'));
    await expect(allEdges(page).count()).resolves.toBe(1);
  });
});

describe('selecting and deleting', () => {
  beforeEach(async () => {
    const { page } = app;
    await addClaim(page, 'Alpha');
    await addClaim(page, 'Beta');
    await addClaim(page, 'Gamma');
    await dragConnect(page, node(page, 'Claim', 'Alpha'), 'support', node(page, 'Claim', 'Beta'));
    await waitForEdge(edge(page, 'Alpha', 'supports', 'Beta'));
    await dragConnect(page, node(page, 'Claim', 'Gamma'), 'rebuttal', node(page, 'Claim', 'Beta'));
    await waitForEdge(edge(page, 'Gamma', 'rebuts', 'Beta'));
    await page.keyboard.press('Escape');
  });

  it('shift-click adds a node to the selection, and takes it out again', async () => {
    const { page } = app;
    await node(page, 'Claim', 'Alpha').click();
    await expect(
      inspector(page).getByRole('textbox', { name: 'Text', exact: true }).inputValue(),
    ).resolves.toBe('Alpha');
    await node(page, 'Claim', 'Gamma').click({ modifiers: ['Shift'] });
    await inspector(page).getByRole('button', { name: 'Delete 2 selected' }).waitFor();
    // Shift-clicked again, it leaves the selection.
    await node(page, 'Claim', 'Gamma').click({ modifiers: ['Shift'] });
    await expect
      .poll(() => inspector(page).getByRole('textbox', { name: 'Text', exact: true }).inputValue())
      .toBe('Alpha');
    await page.keyboard.press('Escape');
    await inspector(page).waitFor({ state: 'detached' });
  });

  it('a shift-drag on empty canvas selects the nodes inside the box', async () => {
    const { page } = app;
    const boxes = await Promise.all(
      ['Alpha', 'Beta', 'Gamma'].map((t) => boxOf(node(page, 'Claim', t))),
    );
    const left = Math.min(...boxes.map((b) => b.x)) - 30;
    const top = Math.min(...boxes.map((b) => b.y)) - 30;
    const right = Math.max(...boxes.map((b) => b.x + b.width)) + 30;
    const bottom = Math.max(...boxes.map((b) => b.y + b.height)) + 30;
    await page.keyboard.down('Shift');
    await page.mouse.move(left, top);
    await page.mouse.down();
    await page.mouse.move((left + right) / 2, (top + bottom) / 2, { steps: 6 });
    await page.mouse.move(right, bottom, { steps: 6 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await inspector(page)
      .getByRole('heading', { name: /^\d+ selected$/ })
      .waitFor();
    // The three nodes (and perhaps the edges between them) are selected.
    await expect(
      inspector(page)
        .getByRole('button', { name: /^Delete \d+ selected$/ })
        .innerText(),
    ).resolves.toMatch(/^Delete (3|5) selected$/);
    await expect(page.locator('.react-flow__node.selected').count()).resolves.toBe(3);
  });

  it('Delete removes the selected node and its edges', async () => {
    const { page } = app;
    await node(page, 'Claim', 'Beta').click();
    await page.keyboard.press('Delete');
    await node(page, 'Claim', 'Beta').waitFor({ state: 'detached' });
    await expect(allEdges(page).count()).resolves.toBe(0);
    await expect(allNodes(page).count()).resolves.toBe(2);
  });

  it('Backspace removes the selected node and its edges', async () => {
    const { page } = app;
    await node(page, 'Claim', 'Alpha').click();
    await page.keyboard.press('Backspace');
    await node(page, 'Claim', 'Alpha').waitFor({ state: 'detached' });
    await expect.poll(() => allEdges(page).count()).toBe(1);
    await waitForEdge(edge(page, 'Gamma', 'rebuts', 'Beta'));
    await expect(allNodes(page).count()).resolves.toBe(2);
  });

  it('copies and pastes the selected nodes with the edges among them', async () => {
    const { page } = app;
    await node(page, 'Claim', 'Alpha').click();
    await node(page, 'Claim', 'Beta').click({ modifiers: ['Shift'] });
    await inspector(page).getByRole('button', { name: 'Delete 2 selected' }).waitFor();
    await page.keyboard.press(`${MOD}+c`);
    await page.keyboard.press(`${MOD}+v`);
    await expect.poll(() => node(page, 'Claim', 'Alpha').count()).toBe(2);
    await expect(node(page, 'Claim', 'Beta').count()).resolves.toBe(2);
    await expect(node(page, 'Claim', 'Gamma').count()).resolves.toBe(1);
    // Alpha→Beta came along; Gamma→Beta did not, since Gamma was not copied.
    await expect(edge(page, 'Alpha', 'supports', 'Beta').count()).resolves.toBe(2);
    await expect(edge(page, 'Gamma', 'rebuts', 'Beta').count()).resolves.toBe(1);
    // The copies are selected and drawn offset from the originals, not on top of them.
    await inspector(page).getByRole('button', { name: 'Delete 2 selected' }).waitFor();
    const [a, b] = await Promise.all(
      (await node(page, 'Claim', 'Alpha').all()).map((n) => boxOf(n)),
    );
    const shift = { x: center(b!).x - center(a!).x, y: center(b!).y - center(a!).y };
    expect(Math.hypot(shift.x, shift.y)).toBeGreaterThan(10);
  });
});
