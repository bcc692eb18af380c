import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launch, tool, type App } from './helpers';

// A round saved by Flower (tests/fixtures/third-party/README.md), imported and flowed on.
const FLOWER = readFileSync('tests/fixtures/third-party/flower/flow.json');

let app: App;
beforeEach(async () => {
  app = await launch();
});
afterEach(async () => {
  await app?.close();
});

async function importFlowerRound() {
  const { page } = app;
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import from another tool' }).click();
  await (
    await chooser
  ).setFiles({ name: 'flow.json', mimeType: 'application/json', buffer: FLOWER });
  const dialog = page.getByRole('alertdialog', { name: 'Import flow.json' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Open the imported map' }).click();
  await expect
    .poll(() => page.getByRole('heading', { level: 1 }).textContent())
    .toBe('Flower flow: Aff: cartel cooperation, DA: sovereignty backlash');
}

describe('the flow view', () => {
  it('shows an imported round as sheets, flags drops, and flows an answer by keyboard', async () => {
    const { page } = app;
    await importFlowerRound();
    await tool(page, 'Flow view').click();
    const flow = page.getByRole('region', { name: 'Flow', exact: true });
    await flow.waitFor();
    const tabs = flow.getByRole('tablist', { name: 'Sheets' }).getByRole('tab');
    await expect
      .poll(() => tabs.allTextContents(), { timeout: 10_000 })
      .toEqual(['Aff: cartel cooperation', 'DA: sovereignty backlash']);
    // The arrow keys move between sheets.
    await tabs.first().focus();
    await page.keyboard.press('ArrowRight');
    await expect(tabs.nth(1).getAttribute('aria-selected')).resolves.toBe('true');
    await page.keyboard.press('ArrowLeft');

    const card = (text: string) => flow.getByRole('button', { name: new RegExp(`^${text}`) });
    await expect(card('Alt cause: corruption').textContent()).resolves.toContain(
      'dropped by the 2AC',
    );
    // Choose the dropped card, then answer it from the keyboard: the speech is the 2AC.
    await card('Alt cause: corruption').click();
    const form = flow.getByRole('form', { name: 'Add an argument' });
    await expect(form.getByLabel('Speech').inputValue()).resolves.toBe('2AC');
    await form.getByLabel('Argument').click();
    await page.keyboard.type('Corruption falls with vetted units');
    await page.keyboard.press('Enter');
    await card('Corruption falls with vetted units').waitFor();
    await expect(card('Alt cause: corruption').textContent()).resolves.not.toContain('dropped');

    // Flowing goes on from the same field, ready for the next argument.
    await expect
      .poll(() =>
        page.evaluate(
          () => document.activeElement?.getAttribute('id') ?? document.activeElement?.tagName,
        ),
      )
      .toBe(await form.getByLabel('Argument').getAttribute('id'));
    // Back on the map, the new argument is there, answering the card it answered.
    await page.keyboard.press('Escape');
    await expect.poll(() => flow.count()).toBe(0);
    await page
      .getByRole('group', {
        name: '“Corruption falls with vetted units” rebuts “Alt cause: corruption”',
      })
      .waitFor();
    expect(app.errors).toEqual([]);
  });
});
