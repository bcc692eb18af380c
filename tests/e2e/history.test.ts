import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addClaim,
  allEdges,
  allNodes,
  articleText,
  boxOf,
  dragConnect,
  edge,
  inspector,
  launch,
  mapTitle,
  MOD,
  node,
  startBlankMap,
  tool,
  waitForEdge,
  waitForFocus,
  type App,
} from './helpers';

let app: App;
afterEach(async () => {
  await app?.close();
});

const undoKey = (page: Page) => page.keyboard.press(`${MOD}+z`);
const redoKey = (page: Page) => page.keyboard.press(`${MOD}+Shift+z`);
const redoKeyY = (page: Page) => page.keyboard.press(`${MOD}+y`);

/** The text the inspector shows for the one selected node. */
const inspectedText = (page: Page) =>
  inspector(page).getByRole('textbox', { name: 'Text', exact: true }).inputValue();

describe('undo and redo on a new map', () => {
  beforeEach(async () => {
    app = await launch();
    await startBlankMap(app.page);
  });

  it('starts with nothing to undo or redo', async () => {
    await expect(tool(app.page, 'Undo').isDisabled()).resolves.toBe(true);
    await expect(tool(app.page, 'Redo').isDisabled()).resolves.toBe(true);
  });

  it('undoes adding a node with Ctrl+Z and redoes it with Ctrl+Shift+Z and Ctrl+Y', async () => {
    const { page } = app;
    await page.keyboard.press('c');
    await waitForFocus(page.getByRole('textbox', { name: 'Claim text' }));
    await page.keyboard.press('Enter'); // keep the suggested text
    await node(page, 'Claim', 'New claim').waitFor();

    await undoKey(page);
    await expect.poll(() => allNodes(page).count()).toBe(0);
    await expect(tool(page, 'Undo').isDisabled()).resolves.toBe(true);
    await redoKey(page);
    await node(page, 'Claim', 'New claim').waitFor();
    await expect(tool(page, 'Redo').isDisabled()).resolves.toBe(true);
    await undoKey(page);
    await expect.poll(() => allNodes(page).count()).toBe(0);
    await redoKeyY(page);
    await node(page, 'Claim', 'New claim').waitFor();
  });

  it('takes back typing a text in one undo step, however long the text', async () => {
    const { page } = app;
    const alpha = await addClaim(page, 'Alpha');
    await alpha.dblclick();
    await waitForFocus(page.getByRole('textbox', { name: 'Claim text' }));
    const long = 'A much longer replacement, typed one key at a time';
    await page.keyboard.type(long);
    await page.keyboard.press('Enter');
    await node(page, 'Claim', long).waitFor();

    await undoKey(page);
    await node(page, 'Claim', 'Alpha').waitFor();
    await redoKeyY(page);
    await node(page, 'Claim', long).waitFor();
  });

  it('takes back an inspector text edit in one step', async () => {
    const { page } = app;
    const alpha = await addClaim(page, 'Alpha');
    await alpha.click();
    const text = inspector(page).getByRole('textbox', { name: 'Text', exact: true });
    await text.click();
    await page.keyboard.press(`${MOD}+a`);
    await page.keyboard.type('Edited in the inspector');
    await page.keyboard.press('Enter');
    await node(page, 'Claim', 'Edited in the inspector').waitFor();
    // Leave the field (so that Ctrl+Z is the map's undo, not the field's).
    await node(page, 'Claim', 'Edited in the inspector').click();
    await undoKey(page);
    await node(page, 'Claim', 'Alpha').waitFor();
    await expect.poll(() => inspectedText(page)).toBe('Alpha');
  });

  it('undoes and redoes a connection with the toolbar buttons', async () => {
    const { page } = app;
    await addClaim(page, 'Alpha');
    await addClaim(page, 'Beta');
    await dragConnect(page, node(page, 'Claim', 'Alpha'), 'support', node(page, 'Claim', 'Beta'));
    await waitForEdge(edge(page, 'Alpha', 'supports', 'Beta'));

    await tool(page, 'Undo').click();
    await expect.poll(() => allEdges(page).count()).toBe(0);
    await expect(allNodes(page).count()).resolves.toBe(2);
    await tool(page, 'Redo').click();
    await waitForEdge(edge(page, 'Alpha', 'supports', 'Beta'));
  });

  it('undoes and redoes flipping an edge', async () => {
    const { page } = app;
    await addClaim(page, 'Alpha');
    await addClaim(page, 'Beta');
    await dragConnect(page, node(page, 'Claim', 'Alpha'), 'support', node(page, 'Claim', 'Beta'));
    await waitForEdge(edge(page, 'Alpha', 'supports', 'Beta'));
    // The new connection is selected: its kind is changed in the inspector.
    await inspector(page).getByRole('radio', { name: 'Rebuttal' }).check();
    await waitForEdge(edge(page, 'Alpha', 'rebuts', 'Beta'));

    await undoKey(page);
    await waitForEdge(edge(page, 'Alpha', 'supports', 'Beta'));
    await redoKey(page);
    await waitForEdge(edge(page, 'Alpha', 'rebuts', 'Beta'));
    await expect(allEdges(page).count()).resolves.toBe(1);
  });

  it('undoes and redoes a change of kind made in the inspector', async () => {
    const { page } = app;
    const alpha = await addClaim(page, 'Alpha');
    await alpha.click();
    await inspector(page)
      .getByRole('combobox', { name: 'Kind' })
      .selectOption({ label: 'Position' });
    await node(page, 'Position', 'Alpha').waitFor();
    await tool(page, 'Undo').click();
    await node(page, 'Claim', 'Alpha').waitFor();
    await tool(page, 'Redo').click();
    await node(page, 'Position', 'Alpha').waitFor();
  });

  it('undoes a reply (new claim and its edge) in one step', async () => {
    const { page } = app;
    const parent = await addClaim(page, 'Parent', 'Position');
    await parent.click();
    await page.keyboard.press('r');
    await waitForFocus(page.getByRole('textbox', { name: 'Claim text' }));
    await page.keyboard.press('Enter');
    await waitForEdge(edge(page, 'New rebuttal', 'rebuts', 'Parent'));

    await undoKey(page);
    await expect.poll(() => allNodes(page).count()).toBe(1);
    await expect(allEdges(page).count()).resolves.toBe(0);
    await redoKey(page);
    await waitForEdge(edge(page, 'New rebuttal', 'rebuts', 'Parent'));
  });

  it('undoes deleting a node together with its edges, and redoes it', async () => {
    const { page } = app;
    await addClaim(page, 'Alpha');
    await addClaim(page, 'Beta');
    await addClaim(page, 'Gamma');
    await dragConnect(page, node(page, 'Claim', 'Alpha'), 'support', node(page, 'Claim', 'Beta'));
    await waitForEdge(edge(page, 'Alpha', 'supports', 'Beta'));
    await dragConnect(page, node(page, 'Claim', 'Gamma'), 'rebuttal', node(page, 'Claim', 'Beta'));
    await waitForEdge(edge(page, 'Gamma', 'rebuts', 'Beta'));

    await node(page, 'Claim', 'Beta').click();
    await page.keyboard.press('Delete');
    await node(page, 'Claim', 'Beta').waitFor({ state: 'detached' });
    await expect.poll(() => allEdges(page).count()).toBe(0);

    await undoKey(page);
    await node(page, 'Claim', 'Beta').waitFor();
    await waitForEdge(edge(page, 'Alpha', 'supports', 'Beta'));
    await waitForEdge(edge(page, 'Gamma', 'rebuts', 'Beta'));
    await redoKeyY(page);
    await node(page, 'Claim', 'Beta').waitFor({ state: 'detached' });
    await expect.poll(() => allEdges(page).count()).toBe(0);
  });

  it('undoes a paste in one step', async () => {
    const { page } = app;
    await addClaim(page, 'Alpha');
    await addClaim(page, 'Beta');
    await dragConnect(page, node(page, 'Claim', 'Alpha'), 'support', node(page, 'Claim', 'Beta'));
    await waitForEdge(edge(page, 'Alpha', 'supports', 'Beta'));
    await node(page, 'Claim', 'Alpha').click();
    await node(page, 'Claim', 'Beta').click({ modifiers: ['Shift'] });
    await inspector(page).getByRole('button', { name: 'Delete 2 selected' }).waitFor();
    await page.keyboard.press(`${MOD}+c`);
    await page.keyboard.press(`${MOD}+v`);
    await expect.poll(() => allNodes(page).count()).toBe(4);
    await expect.poll(() => allEdges(page).count()).toBe(2);

    await undoKey(page);
    await expect.poll(() => allNodes(page).count()).toBe(2);
    await expect(allEdges(page).count()).resolves.toBe(1);
    await redoKey(page);
    await expect.poll(() => allNodes(page).count()).toBe(4);
    await expect(allEdges(page).count()).resolves.toBe(2);
  });

  it('undoes renaming the map', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Rename map: Untitled map' }).click();
    const field = page.getByRole('textbox', { name: 'Map title' });
    await waitForFocus(field);
    await field.fill('Bike lanes');
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Map: Bike lanes' }).waitFor();
    await expect(mapTitle(page)).resolves.toBe('Bike lanes');
    await undoKey(page);
    await page.getByRole('region', { name: 'Map: Untitled map' }).waitFor();
    await redoKey(page);
    await page.getByRole('region', { name: 'Map: Bike lanes' }).waitFor();
  });

  it('never changes the selection when undoing', async () => {
    const { page } = app;
    await addClaim(page, 'Alpha');
    await addClaim(page, 'Beta');
    // Edit Alpha, then select Beta: undoing the edit must leave Beta selected.
    await node(page, 'Claim', 'Alpha').dblclick();
    await waitForFocus(page.getByRole('textbox', { name: 'Claim text' }));
    await page.keyboard.type('Alpha edited');
    await page.keyboard.press('Enter');
    await node(page, 'Claim', 'Alpha edited').waitFor();
    await node(page, 'Claim', 'Beta').click();
    await expect.poll(() => inspectedText(page)).toBe('Beta');

    await undoKey(page);
    await node(page, 'Claim', 'Alpha').waitFor();
    await expect.poll(() => inspectedText(page)).toBe('Beta');
    await redoKey(page);
    await node(page, 'Claim', 'Alpha edited').waitFor();
    await expect.poll(() => inspectedText(page)).toBe('Beta');
  });
});

describe('undo and dragging on the article map', () => {
  beforeEach(async () => {
    app = await launch();
  });

  it('selecting nodes is never an undo step', async () => {
    const { page } = app;
    await expect(tool(page, 'Undo').isDisabled()).resolves.toBe(true);
    await node(page, 'Position', articleText('pos-demand')).click();
    await node(page, 'Position', articleText('pos-cooperative')).click();
    await node(page, 'Position', articleText('pos-unilateral')).click({ modifiers: ['Shift'] });
    await page.keyboard.press('Escape');
    await expect(tool(page, 'Undo').isDisabled()).resolves.toBe(true);
  });

  it('a card follows the pointer from a drag’s first move; a press that shakes by a pixel moves nothing', async () => {
    const { page } = app;
    const text = articleText('pos-cooperative');
    // Where the card is drawn, from another card (selecting may pan the view; both move alike).
    const place = () =>
      page.evaluate(
        (labels) => {
          const [box, ref] = labels.map((label) =>
            [...document.querySelectorAll('.react-flow__node')]
              .find((n) => n.getAttribute('aria-label')?.startsWith(label))!
              .getBoundingClientRect(),
          );
          return [Math.round(box!.x - ref!.x), Math.round(box!.y - ref!.y)];
        },
        [`Position: ${text}`, `Position: ${articleText('pos-unilateral')}`],
      );
    const frames = () =>
      page.evaluate(
        () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
      );
    const before = await place();
    const start = await boxOf(node(page, 'Position', text));
    const grab = { x: start.x + start.width * 0.4, y: start.y + 10 };

    // A click whose hand shook: pressed, moved one pixel, let go. Nothing moves or is undoable.
    await page.mouse.move(grab.x, grab.y);
    await page.mouse.down();
    await page.mouse.move(grab.x + 1, grab.y);
    await page.mouse.up();
    await frames();
    await expect.poll(place).toEqual(before);
    await expect(tool(page, 'Undo').isDisabled()).resolves.toBe(true);

    // One move while pressed: the card is drawn moved by it before any other move or the drop.
    const now = await boxOf(node(page, 'Position', text));
    const from = { x: now.x + now.width * 0.4, y: now.y + 10 };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x - 60, from.y + 40);
    await frames();
    await expect.poll(place).toEqual([before[0]! - 60, before[1]! + 40]);
    await page.mouse.up();
    await expect(tool(page, 'Undo').isDisabled()).resolves.toBe(false);
    await undoKey(page);
    await expect.poll(place).toEqual(before);
  });

  it('a drag is exactly one undo step, and undoing it leaves the node selected', async () => {
    const { page } = app;
    const text = articleText('pos-demand');
    const target = node(page, 'Position', text);
    // Where the card sits on the map, measured from another card: selecting a card may pan the
    // view to keep it clear of the inspector, which moves both alike.
    // Both boxes are read in one go, in one frame: the view may be gliding meanwhile.
    const place = async () => {
      const boxes = await page.evaluate(
        (labels) =>
          labels.map((label) => {
            const el = [...document.querySelectorAll('.react-flow__node')].find((n) =>
              n.getAttribute('aria-label')?.startsWith(label),
            )!;
            const r = el.getBoundingClientRect();
            return { x: r.x, y: r.y };
          }),
        [`Position: ${text}`, `Position: ${articleText('pos-unilateral')}`],
      );
      const [box, ref] = boxes as [{ x: number; y: number }, { x: number; y: number }];
      return [Math.round(box.x - ref.x), Math.round(box.y - ref.y)];
    };
    /** The place once the view has stopped gliding: the same on two reads 200 ms apart. */
    const settledPlace = async () => {
      let last = await place();
      for (;;) {
        await page.waitForTimeout(200);
        const now = await place();
        if (now[0] === last[0] && now[1] === last[1]) return now;
        last = now;
      }
    };
    const before = await place();
    const start = await boxOf(target);
    await expect(tool(page, 'Undo').isDisabled()).resolves.toBe(true);

    // Grab the node near its top edge (its kind label), away from handles and edge buttons.
    const grab = { x: start.x + start.width * 0.4, y: start.y + 10 };
    await page.mouse.move(grab.x, grab.y);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++) {
      await page.mouse.move(grab.x - 8 * i, grab.y + 5 * i);
    }
    await page.mouse.up();
    await expect.poll(async () => (await place())[0]! - before[0]!).toBeLessThan(-100);
    const moved = await settledPlace();
    await expect.poll(() => inspectedText(page)).toBe(text);
    await expect(tool(page, 'Undo').isDisabled()).resolves.toBe(false);

    await undoKey(page);
    await expect.poll(place).toEqual(before);
    // Exactly one step: nothing is left to undo.
    await expect(tool(page, 'Undo').isDisabled()).resolves.toBe(true);
    // Undo never touches the selection.
    await expect.poll(() => inspectedText(page)).toBe(text);

    await redoKey(page);
    await expect.poll(place).toEqual(moved);
  });
});
