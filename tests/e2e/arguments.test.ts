import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  edge,
  inspector,
  launch,
  node,
  startBlankMap,
  tabTo,
  tool,
  type App,
  waitForEdge,
  waitForFocus,
} from './helpers';

/**
 * Issue 16 on the canvas: claims that support a conclusion only together (one argument, drawn
 * as a junction), an undercut of the step from reasons to conclusion, and contraries, made by
 * mouse and by keyboard, and judged as the rule says.
 */

let app: App;
afterEach(async () => {
  await app?.close();
});

const P = 'Strikes on the labs would cut the fentanyl supply';
const A = 'The labs can be found from the air';
const B = 'Destroyed labs make less fentanyl';
const U = 'Cartels rebuild a lab within days, elsewhere';

/** The argument junction joining `premises` to `conclusion`, by its accessible name. */
function argument(page: Page, premises: string[], conclusion: string, undercutBy?: string) {
  const joined =
    premises.length === 1
      ? `“${premises[0]}” supports`
      : `${premises
          .slice(0, -1)
          .map((p) => `“${p}”`)
          .join(', ')} and “${premises[premises.length - 1]}” together support`;
  const tail = undercutBy ? `; undercut by “${undercutBy}”` : '';
  return page.getByRole('group', {
    name: `Argument: ${joined} “${conclusion}”${tail}`,
    exact: true,
  });
}

async function typeInto(page: Page, field: 'Claim text' | 'Position text', text: string) {
  await waitForFocus(page.getByRole('textbox', { name: field }));
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** The label a card shows when "which claims stand" is on. */
const labelOf = (page: Page, kind: 'Position' | 'Claim', text: string) =>
  node(page, kind, text).locator('.cm-label').innerText();

describe('arguments on the canvas', () => {
  it('by mouse: two supports become one argument, it is undercut, two claims are contraries, and the labels follow', async () => {
    app = await launch();
    const { page } = app;
    await startBlankMap(page);
    await tool(page, 'Add position').click();
    await typeInto(page, 'Position text', P);
    await tool(page, 'Add supporting claim').click();
    await typeInto(page, 'Claim text', A);
    await node(page, 'Position', P).click();
    await tool(page, 'Add supporting claim').click();
    await typeInto(page, 'Claim text', B);
    await waitForEdge(edge(page, B, 'supports', P));

    // Select both reasons and link them (the inspector offers it for several cards): the two
    // supports become one argument.
    await node(page, 'Claim', A).click();
    await expect(
      inspector(page).getByRole('button', { name: 'Support together' }).count(),
    ).resolves.toBe(0);
    await node(page, 'Claim', B).click({ modifiers: ['Shift'] });
    await inspector(page).getByRole('button', { name: 'Support together' }).click();
    await argument(page, [A, B], P).waitFor();
    await expect.poll(() => edge(page, A, 'supports', P).count()).toBe(0);
    await expect.poll(() => edge(page, B, 'supports', P).count()).toBe(0);
    await expect(inspector(page).getByRole('heading', { name: 'Argument' }).count()).resolves.toBe(
      1,
    );

    // With labels on, everything stands; one premise struck down brings the argument and its
    // conclusion with it, though the other premise still stands.
    await tool(page, 'Show which claims stand').click();
    await expect.poll(() => labelOf(page, 'Position', P)).toMatch(/Stands/);

    // The junction is selected: Undercut adds the objection to the inference.
    await inspector(page).getByRole('button', { name: 'Undercut this argument' }).click();
    await typeInto(page, 'Claim text', U);
    await argument(page, [A, B], P, U).waitFor();
    await expect.poll(() => labelOf(page, 'Position', P)).toMatch(/Falls/);
    await expect.poll(() => labelOf(page, 'Claim', A)).toMatch(/Stands/);
    await expect.poll(() => labelOf(page, 'Claim', B)).toMatch(/Stands/);

    // The undercut and a premise cannot both be true: contraries leave both undecided, and the
    // position with them.
    await node(page, 'Claim', U).click();
    await node(page, 'Claim', B).click({ modifiers: ['Shift'] });
    await inspector(page).getByRole('button', { name: 'Mark as contraries' }).click();
    // Contraries have no direction: the line may run either way.
    const conflict = (from: string, to: string) =>
      page.getByRole('group', { name: `“${from}” conflicts with “${to}”`, exact: true });
    await conflict(U, B).or(conflict(B, U)).waitFor({ state: 'attached' });
    await expect.poll(() => labelOf(page, 'Claim', U)).toMatch(/Undecided/);
    await expect.poll(() => labelOf(page, 'Claim', B)).toMatch(/Undecided/);
    await expect.poll(() => labelOf(page, 'Position', P)).toMatch(/Undecided/);

    // A scheme, chosen in the inspector, shows on the junction.
    await argument(page, [A, B], P, U).click();
    const scheme = inspector(page).getByRole('combobox', { name: 'Scheme' });
    await scheme.fill('Argument From Cause To Effect');
    await scheme.press('Enter');
    await expect
      .poll(() =>
        page.getByRole('group', { name: /^Argument \(Argument From Cause To Effect\): / }).count(),
      )
      .toBe(1);
    await expect(page.locator('.cm-junction__scheme').innerText()).resolves.toBe(
      'Argument From Cause To Effect',
    );
    expect(app.errors).toEqual([]);
  });

  it('by keyboard alone: Shift+Space chooses the reasons, J links them, U undercuts a support line', async () => {
    app = await launch();
    const { page } = app;
    await startBlankMap(page);
    await page.keyboard.press('p');
    await typeInto(page, 'Position text', P);
    await page.keyboard.press('s');
    await typeInto(page, 'Claim text', A);
    // Find the position again (Ctrl+F), S again for the second reason.
    await page.keyboard.press('Control+f');
    const box = page.getByRole('searchbox', { name: 'Find nodes by text, quote or speaker' });
    await waitForFocus(box);
    await page.keyboard.type('fentanyl supply');
    await page.getByRole('list', { name: 'Search results' }).getByRole('button').first().waitFor();
    await page.keyboard.press('Enter');
    await box.waitFor({ state: 'detached' });
    await expect
      .poll(() => inspector(page).getByRole('heading').first().innerText())
      .toBe('Position');
    await page.keyboard.press('s');
    await typeInto(page, 'Claim text', B);
    await waitForEdge(edge(page, B, 'supports', P));

    // B is selected; Tab to A's card and add it to the selection with Shift+Space.
    await tabTo(page, node(page, 'Claim', A));
    await page.keyboard.press('Shift+Space');
    await expect
      .poll(() => inspector(page).getByRole('heading').first().innerText())
      .toBe('2 selected');
    await page.keyboard.press('j');
    await argument(page, [B, A], P)
      .or(argument(page, [A, B], P))
      .waitFor();

    // Undo takes the argument back to two plain supports, and redo links them again.
    await page.keyboard.press('Control+z');
    await waitForEdge(edge(page, A, 'supports', P));
    await page.keyboard.press('Control+y');
    await expect.poll(() => edge(page, A, 'supports', P).count()).toBe(0);

    // A plain support can be undercut too: select its line's badge from the keyboard, press U.
    await page.keyboard.press('c');
    await typeInto(page, 'Claim text', 'Strikes are a cheap way to cut supply');
    await page.keyboard.press('s');
    await typeInto(page, 'Claim text', 'Drones cost little to fly');
    const badge = page.getByRole('button', {
      name: 'Select: “Drones cost little to fly” supports “Strikes are a cheap way to cut supply”',
    });
    await tabTo(page, badge);
    await page.keyboard.press('Enter');
    await page.keyboard.press('u');
    await typeInto(page, 'Claim text', 'The drones are not the cost that matters');
    await argument(
      page,
      ['Drones cost little to fly'],
      'Strikes are a cheap way to cut supply',
      'The drones are not the cost that matters',
    ).waitFor();
    await expect
      .poll(() =>
        edge(
          page,
          'Drones cost little to fly',
          'supports',
          'Strikes are a cheap way to cut supply',
        ).count(),
      )
      .toBe(0);

    // The help lists the new keys.
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help.innerText()).resolves.toMatch(/Support together/);
    await expect(help.innerText()).resolves.toMatch(/Undercut the selected support/);
    expect(app.errors).toEqual([]);
  });
});
