import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addClaim,
  allEdges,
  allNodes,
  ARTICLE_FILE,
  articleMap,
  articleText,
  button,
  chooseFile,
  edge,
  fileFromText,
  launch,
  mapTitle,
  MOD,
  node,
  saveByDownload,
  saveStatusText,
  startBlankMap,
  tool,
  visibleMap,
  waitForEdge,
  waitForFocus,
  waitForMap,
  type App,
  type FileToOpen,
} from './helpers';

const fixture = (name: string): FileToOpen => ({
  name,
  buffer: readFileSync(`tests/e2e/fixtures/${name}`),
});
const UNIFORMS = fixture('school-uniforms.clashmap.json');
const DANGLING = fixture('dangling-edge.clashmap.json');
// Kept inline: a file of this name in the repository would trip the JSON formatter.
const NOT_JSON = fileFromText(
  'not-json.clashmap.json',
  'These are my debate notes, not a map.\nClaim: uniforms are cheaper.\n',
);

let app: App;
beforeEach(async () => {
  app = await launch();
});
afterEach(async () => {
  await app?.close();
});

/** Adds a supporting claim to an article position by selecting it and pressing S. */
async function addReply(page: Page, parentText: string, text: string) {
  await node(page, 'Position', parentText).click();
  await page.keyboard.press('s');
  await waitForFocus(page.getByRole('textbox', { name: 'Claim text' }));
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await waitForEdge(edge(page, text, 'supports', parentText));
}

const openMapTool = (page: Page) => () => tool(page, 'Open map').click();

async function expectUniformsOpen(page: Page) {
  await waitForMap(page, 'School uniforms');
  await node(page, 'Position', 'Schools should require uniforms').waitFor();
  await expect.poll(() => allNodes(page).count()).toBe(3);
  await expect.poll(() => allEdges(page).count()).toBe(2);
  await expect.poll(() => page.title()).toBe('school-uniforms.clashmap.json · Clashmap');
  await expect.poll(() => saveStatusText(page)).toBe('Saved to file');
}

describe('saving and reopening', () => {
  it('save then reopen gives the identical map, and saving again gives the identical file', async () => {
    const { page } = app;
    const parent = articleText('pos-cooperative');
    await addReply(page, parent, 'Joint task forces have worked before');
    await expect.poll(() => saveStatusText(page)).toBe('Unsaved changes');
    const shown = await visibleMap(page);
    expect(shown.nodes).toHaveLength(articleMap.nodes.length + 1);
    expect(shown.edges).toHaveLength(articleMap.edges.length + 1);

    const first = await saveByDownload(page, () => page.keyboard.press(`${MOD}+s`));
    expect(first.name).toBe(ARTICLE_FILE);
    await expect.poll(() => saveStatusText(page)).toBe('Saved to file');
    const saved = JSON.parse(first.text) as { format: string; nodes: unknown[]; edges: unknown[] };
    expect(saved.format).toBe('clashmap');
    expect(saved.nodes).toHaveLength(articleMap.nodes.length + 1);
    expect(saved.edges).toHaveLength(articleMap.edges.length + 1);
    expect(first.text).toContain('Joint task forces have worked before');

    const second = await saveByDownload(page, () => tool(page, 'Save map').click());
    expect(second.name).toBe(ARTICLE_FILE);
    expect(second.text).toBe(first.text);

    // Open the downloaded file (no unsaved changes, so no question is asked).
    await chooseFile(page, openMapTool(page), fileFromText(first.name, first.text));
    await expect.poll(() => saveStatusText(page)).toBe('Saved to file');
    await expect.poll(() => visibleMap(page)).toEqual(shown);
    await expect(mapTitle(page)).resolves.toBe(articleMap.title);
    await expect(page.title()).resolves.toBe(`${ARTICLE_FILE} · Clashmap`);

    const third = await saveByDownload(page, () => tool(page, 'Save map').click());
    expect(third.text).toBe(first.text);
    expect(app.errors).toEqual([]);
  });

  it('names a new map’s file after its title', async () => {
    const { page } = app;
    await startBlankMap(page);
    await expect.poll(() => saveStatusText(page)).toBe('Not saved to a file');
    await page.getByRole('button', { name: 'Rename map: Untitled map' }).click();
    const title = page.getByRole('textbox', { name: 'Map title' });
    await waitForFocus(title);
    await title.fill('Bike lanes: a plan!');
    await page.keyboard.press('Enter');
    await waitForMap(page, 'Bike lanes: a plan!');
    await addClaim(page, 'Protected lanes get more people cycling');

    const saved = await saveByDownload(page, () => tool(page, 'Save map').click());
    expect(saved.name).toBe('bike-lanes-a-plan.clashmap.json');
    expect(JSON.parse(saved.text)).toMatchObject({ title: 'Bike lanes: a plan!' });
    await expect.poll(() => saveStatusText(page)).toBe('Saved to file');
    await expect.poll(() => page.title()).toBe('bike-lanes-a-plan.clashmap.json · Clashmap');
  });

  it('Save as (Ctrl+Shift+S) downloads the map too', async () => {
    const { page } = app;
    await addReply(page, articleText('pos-demand'), 'Treatment beats interdiction');
    const saved = await saveByDownload(page, () => page.keyboard.press(`${MOD}+Shift+s`));
    expect(saved.name).toBe(ARTICLE_FILE);
    expect(saved.text).toContain('Treatment beats interdiction');
    await expect.poll(() => saveStatusText(page)).toBe('Saved to file');
  });
});

describe('opening', () => {
  it('opens a map file with Ctrl+O', async () => {
    const { page } = app;
    await chooseFile(page, () => page.keyboard.press(`${MOD}+o`), UNIFORMS);
    await expectUniformsOpen(page);
    await waitForEdge(
      edge(page, 'Uniforms stifle self-expression', 'rebuts', 'Schools should require uniforms'),
    );
  });

  it('Ctrl+O opens the file picker at once, even before the file library has loaded', async () => {
    // The library (browser-fs-access) loads when the page is idle. On a slow machine it may
    // not be there yet when Open is pressed; a browser opens a picker only for a fresh click
    // or key, so Open must not wait for it. Here its download is held back for 20 s.
    let held = 0;
    const slow = await launch({
      beforeOpen: async (session) => {
        await session.page.route('**/assets/index.modern-*.js', async (route) => {
          held++;
          await new Promise((resolve) => setTimeout(resolve, 20_000));
          await route.continue().catch(() => undefined);
        });
      },
    });
    try {
      const { page } = slow;
      await expect.poll(() => held, { timeout: 30_000 }).toBeGreaterThan(0);
      // This file's other tab is open too: this one is the one the user is looking at.
      await page.bringToFront();
      const started = Date.now();
      await chooseFile(page, () => page.keyboard.press(`${MOD}+o`), UNIFORMS);
      expect(Date.now() - started).toBeLessThan(10_000);
      await expectUniformsOpen(page);
    } finally {
      await slow.close();
    }
  });

  it('opening a file starts a fresh history', async () => {
    const { page } = app;
    await addReply(page, articleText('pos-demand'), 'Treatment beats interdiction');
    await expect(tool(page, 'Undo').isDisabled()).resolves.toBe(false);
    await chooseFile(
      page,
      async () => {
        await tool(page, 'Open map').click();
        await page
          .getByRole('alertdialog', { name: 'Discard unsaved changes?' })
          .getByRole('button', { name: 'Discard changes' })
          .click();
      },
      UNIFORMS,
    );
    await expectUniformsOpen(page);
    await expect(tool(page, 'Undo').isDisabled()).resolves.toBe(true);
    await expect(tool(page, 'Redo').isDisabled()).resolves.toBe(true);
    await page.keyboard.press(`${MOD}+z`);
    await expect.poll(() => allNodes(page).count()).toBe(3);
  });

  it('opens a map file dropped on the window', async () => {
    const { page } = app;
    const dataTransfer = await page.evaluateHandle(
      ({ text, name }) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], name, { type: 'application/json' }));
        return transfer;
      },
      { text: UNIFORMS.buffer.toString('utf8'), name: UNIFORMS.name },
    );
    const canvas = page.getByRole('region', { name: /^Map: / });
    await canvas.dispatchEvent('dragenter', { dataTransfer });
    await canvas.dispatchEvent('dragover', { dataTransfer });
    await canvas.dispatchEvent('drop', { dataTransfer });
    await expectUniformsOpen(page);
  });

  it('asks before discarding unsaved changes: Cancel keeps the map, Discard opens the file', async () => {
    const { page } = app;
    await addReply(page, articleText('pos-demand'), 'Treatment beats interdiction');
    const before = await visibleMap(page);

    let choosers = 0;
    page.on('filechooser', () => choosers++);
    await tool(page, 'Open map').click();
    const confirm = page.getByRole('alertdialog', { name: 'Discard unsaved changes?' });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(choosers).toBe(0);
    await expect.poll(() => visibleMap(page)).toEqual(before);
    await expect.poll(() => saveStatusText(page)).toBe('Unsaved changes');
    await expect(tool(page, 'Undo').isDisabled()).resolves.toBe(false);

    await chooseFile(
      page,
      async () => {
        await tool(page, 'Open map').click();
        await confirm.getByRole('button', { name: 'Discard changes' }).click();
      },
      UNIFORMS,
    );
    await expectUniformsOpen(page);
  });
});

describe('a file that cannot be opened', () => {
  const cases = [
    {
      what: 'a JSON map with a dangling edge',
      file: DANGLING,
      headline: 'This map file has a problem.',
      problems: ['edges[1].to: no node has the id "claim-missing"'],
    },
    {
      what: 'a file that is not JSON',
      file: NOT_JSON,
      headline: 'This file is not valid JSON (line 1, column 1).',
      problems: [/^line 1, column 1: /],
    },
  ];

  for (const { what, file, headline, problems } of cases) {
    it(`shows the problems with ${what} and changes nothing (map, undo, autosave)`, async () => {
      const { page } = app;
      const reply = 'Treatment beats interdiction';
      await addReply(page, articleText('pos-demand'), reply);
      const before = await visibleMap(page);
      // Let the edit reach the browser's storage.
      await page.waitForTimeout(600);

      await chooseFile(
        page,
        async () => {
          await tool(page, 'Open map').click();
          await page
            .getByRole('alertdialog', { name: 'Discard unsaved changes?' })
            .getByRole('button', { name: 'Discard changes' })
            .click();
        },
        file,
      );
      const dialog = page.getByRole('alertdialog', { name: `Could not open ${file.name}` });
      await dialog.waitFor();
      await expect(dialog.innerText()).resolves.toContain(headline);
      await expect(dialog.innerText()).resolves.toContain('The map you had open is unchanged.');
      const lines = await dialog
        .getByRole('list', { name: 'Problems' })
        .getByRole('listitem')
        .allInnerTexts();
      for (const problem of problems) {
        expect(
          lines.some((line) =>
            typeof problem === 'string' ? line === problem : problem.test(line),
          ),
          `${JSON.stringify(lines)} has ${String(problem)}`,
        ).toBe(true);
      }
      await dialog.getByRole('button', { name: 'OK' }).click();
      await dialog.waitFor({ state: 'detached' });

      // The map is as it was, still with unsaved changes.
      await expect.poll(() => visibleMap(page)).toEqual(before);
      await expect(mapTitle(page)).resolves.toBe(articleMap.title);
      await expect.poll(() => saveStatusText(page)).toBe('Unsaved changes');

      // Its history is intact: the edit can still be undone and redone.
      await tool(page, 'Undo').click();
      await expect.poll(() => node(page, 'Claim', reply).count()).toBe(0);
      await tool(page, 'Redo').click();
      await node(page, 'Claim', reply).waitFor();

      // Its autosave is intact: reloading shows the map with the edit.
      await page.waitForTimeout(600);
      await app.reload();
      await node(page, 'Claim', reply).waitFor();
      await expect.poll(() => visibleMap(page)).toEqual(before);
      await expect.poll(() => saveStatusText(page)).toBe('Unsaved changes');
    });
  }
});

describe('new map', () => {
  it('starts an empty, untitled map without asking when nothing is unsaved', async () => {
    const { page } = app;
    await tool(page, 'New map').click();
    await waitForMap(page, 'Untitled map');
    await expect(page.getByRole('alertdialog').count()).resolves.toBe(0);
    await expect.poll(() => allNodes(page).count()).toBe(0);
    await expect(allEdges(page).count()).resolves.toBe(0);
    await expect(mapTitle(page)).resolves.toBe('Untitled map');
    await expect.poll(() => saveStatusText(page)).toBe('Not saved to a file');
    await expect(tool(page, 'Undo').isDisabled()).resolves.toBe(true);

    // The empty canvas says how to start, and the first card takes its place.
    const hint = page.getByRole('region', { name: 'How to start' });
    await hint.waitFor();
    await expect(hint.innerText()).resolves.toContain('Add a position with P or + Position');
    await page.keyboard.press('p');
    await waitForFocus(page.getByRole('textbox', { name: 'Position text' }));
    await hint.waitFor({ state: 'detached' });
  });

  it('asks first when there are unsaved changes', async () => {
    const { page } = app;
    await addReply(page, articleText('pos-demand'), 'Treatment beats interdiction');
    const before = await visibleMap(page);
    await tool(page, 'New map').click();
    const confirm = page.getByRole('alertdialog', { name: 'Discard unsaved changes?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(() => visibleMap(page)).toEqual(before);

    await tool(page, 'New map').click();
    await confirm.getByRole('button', { name: 'Discard changes' }).click();
    await waitForMap(page, 'Untitled map');
    await expect.poll(() => allNodes(page).count()).toBe(0);
    await expect(button(page, 'Rename map: Untitled map').count()).resolves.toBe(1);
  });
});
