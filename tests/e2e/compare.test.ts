import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launch, saveByDownload, type App } from './helpers';

// The fixture class of the unit tests: five students' maps of the article (the app's own map,
// the model answer here) and one file that does not open.
const STUDENTS = ['alice', 'bob', 'carol', 'dan', 'eve', 'frank'].map((name) => ({
  name: `${name}.clashmap.json`,
  mimeType: 'application/json',
  buffer: readFileSync(`tests/fixtures/compare/${name}.clashmap.json`),
}));

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** Serious and critical axe-core violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(() =>
    (
      window as unknown as {
        axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> };
      }
    ).axe
      .run(document, { resultTypes: ['violations'] })
      .then((r) => r.violations),
  )) as { id: string; impact: string | null; nodes: { target: string[] }[] }[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} at ${v.nodes[0]?.target.join(' ')}`);
}

let app: App;
beforeEach(async () => {
  app = await launch();
});
afterEach(async () => {
  await app?.close();
});

const view = (page: Page) => page.getByRole('region', { name: 'Compare maps' });

async function openWithClass(page: Page) {
  await page.getByRole('button', { name: 'Compare with students’ maps' }).click();
  await view(page).waitFor();
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    view(page).getByRole('button', { name: 'Add students’ maps…' }).click(),
  ]);
  await chooser.setFiles(STUDENTS);
  await view(page).getByRole('table', { name: 'Students' }).waitFor();
}

const rowNames = (page: Page) =>
  view(page).getByRole('table', { name: 'Students' }).locator('tbody th').allInnerTexts();

describe('the compare view', () => {
  it('compares a class, lists the file that does not open, and sorts the table', async () => {
    const { page } = app;
    await openWithClass(page);
    const failed = view(page).getByRole('region', { name: 'Files that did not open' });
    await expect.poll(() => failed.innerText()).toContain('frank.clashmap.json');
    expect(await failed.innerText()).toContain('nodes[0].text: must not be empty');
    // Best combined score first.
    expect(await rowNames(page)).toEqual([
      'alice.clashmap.json',
      'carol.clashmap.json',
      'eve.clashmap.json',
      'bob.clashmap.json',
      'dan.clashmap.json',
    ]);
    await view(page).getByRole('button', { name: 'Student', exact: true }).click();
    expect(await rowNames(page)).toEqual([
      'alice.clashmap.json',
      'bob.clashmap.json',
      'carol.clashmap.json',
      'dan.clashmap.json',
      'eve.clashmap.json',
    ]);
    expect(
      await view(page)
        .getByRole('columnheader', { name: /^Student/ })
        .getAttribute('aria-sort'),
    ).toBe('ascending');
    // The teacher's weights: claim recall alone makes the combined score.
    await view(page).getByText('Matching threshold and score weights').click();
    await view(page).getByRole('spinbutton', { name: 'Weight of claim precision' }).fill('0');
    await view(page).getByRole('spinbutton', { name: 'Weight of relation F1' }).fill('0');
    const aliceRow = view(page).getByRole('row', { name: /alice\.clashmap\.json/ });
    await expect.poll(() => aliceRow.getByRole('cell').first().innerText()).toBe('20%');
    expect(await view(page).getByRole('region', { name: 'Model answer' }).innerText()).toContain(
      'Missed by everyone: 15 of 25 claims and positions, 21 of 31 relations.',
    );
    // The model as a heatmap: three of the five found the unilateral position.
    expect(
      await view(page)
        .getByRole('button', {
          name: /^Model position: The US should strike cartels.*found by 3 of 5 students\)$/,
        })
        .count(),
    ).toBe(1);
  });

  it('confirms a match and makes one by hand, then exports the CSV and the decisions', async () => {
    const { page } = app;
    await openWithClass(page);
    await view(page).getByRole('button', { name: 'Show dan.clashmap.json' }).click();
    const match = view(page).getByRole('region', { name: 'Match' });

    // Confirm: Dan's "Sheinbaum said no" was matched by its quote.
    await view(page)
      .getByRole('button', { name: /^Model claim: Mexico categorically rejects strikes/ })
      .click();
    await expect.poll(() => match.innerText()).toContain('Matched with “Sheinbaum said no”');
    await match.getByRole('button', { name: 'Confirm match' }).click();
    await match.getByRole('button', { name: 'Undo my match' }).waitFor();
    expect(await match.innerText()).toContain('matched by the teacher');

    // Make: Dan's position is worded too far from the model's for matching to pair them.
    await view(page)
      .getByRole('button', { name: /^Student position: Work with the Mexican government/ })
      .click();
    expect(await match.innerText()).toContain('Not in the model.');
    const choice = match.getByRole('combobox', { name: 'Match with' });
    const option = choice.getByRole('option', {
      name: /^“The US should act against the cartels only in coordination…” \(0\.\d\d\)$/,
    });
    await choice.selectOption((await option.getAttribute('value'))!);
    await match.getByRole('button', { name: 'Make match' }).click();
    await expect.poll(() => match.innerText()).toContain('matched by the teacher');
    // Now his position is compared: it stands for him, and falls in the model.
    const differences = view(page).getByRole('region', { name: 'Differences' });
    expect(await differences.innerText()).toMatch(
      /“The US should act against the cartels only in coordination…” falls in the model \(.*\) but stands in the student’s map/,
    );

    const csv = await saveByDownload(page, () =>
      view(page).getByRole('button', { name: 'Export CSV' }).click(),
    );
    expect(csv.name).toBe('cartel-drone-strikes-class.csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'student,combined,claim recall,claim precision,relation recall,relation precision,relation F1,matched,missing,extra,relations missing,relations extra,wrong kind,reversed,partial,labels differ,error',
    );
    expect(lines).toHaveLength(7);
    // Dan's row counts the match made by hand: two matched, none extra, one label differing.
    expect(lines.find((l) => l.startsWith('dan.clashmap.json,'))).toMatch(
      /^dan\.clashmap\.json,[\d.]+,0\.08,1,0,0,0,2,23,0,31,1,0,0,0,1,$/,
    );
    expect(lines.find((l) => l.startsWith('frank.clashmap.json,'))).toContain(
      'nodes[0].text: must not be empty',
    );

    const decisions = await saveByDownload(page, () =>
      view(page).getByRole('button', { name: 'Save decisions' }).click(),
    );
    expect(decisions.name).toBe('cartel-drone-strikes.compare.json');
    expect(JSON.parse(decisions.text).decisions).toEqual([
      { model: 'claim-wont-happen', student: 'Sheinbaum said no', match: true },
      {
        model: 'pos-cooperative',
        student: 'Work with the Mexican government instead of acting alone',
        match: true,
      },
    ]);

    // The decisions are reused: close the view, open it again with Dan's map, and his position
    // is still matched by hand.
    await view(page).getByRole('button', { name: 'Close compare view' }).click();
    await page.getByRole('button', { name: 'Compare with students’ maps' }).click();
    const [again] = await Promise.all([
      page.waitForEvent('filechooser'),
      view(page).getByRole('button', { name: 'Add students’ maps…' }).click(),
    ]);
    await again.setFiles([STUDENTS[3]!]);
    await view(page)
      .getByRole('button', { name: /^Student position: Work with the Mexican government/ })
      .click();
    await match.getByRole('button', { name: 'Undo my match' }).waitFor();
    expect(await match.innerText()).toContain('matched by the teacher');
  });

  it('takes students’ files dropped on it, and names what is wrong in a decisions file', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Compare with students’ maps' }).click();
    await view(page).waitFor();
    const files = [STUDENTS[1]!, STUDENTS[5]!].map((f) => ({
      name: f.name,
      text: f.buffer.toString('utf8'),
    }));
    const transfer = await page.evaluateHandle((list) => {
      const data = new DataTransfer();
      for (const f of list)
        data.items.add(new File([f.text], f.name, { type: 'application/json' }));
      return data;
    }, files);
    await view(page).dispatchEvent('dragover', { dataTransfer: transfer });
    await view(page).dispatchEvent('drop', { dataTransfer: transfer });
    await view(page).getByRole('button', { name: 'Show bob.clashmap.json' }).waitFor();
    expect(
      await view(page).getByRole('region', { name: 'Files that did not open' }).innerText(),
    ).toContain('frank.clashmap.json');

    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      view(page).getByRole('button', { name: 'Open decisions…' }).click(),
    ]);
    await chooser.setFiles({
      name: 'model.compare.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({ format: 'clashmap-compare', version: 1, decisions: [{ model: 'x' }] }),
      ),
    });
    const status = view(page).getByRole('status');
    await expect.poll(() => status.innerText()).toContain('decisions[0].student: is missing');
    expect(await status.innerText()).toContain(
      'model.compare.json is not a compare settings file Clashmap can use:',
    );
  });

  it('has no serious accessibility problem, with a class compared and a card selected', async () => {
    const { page } = app;
    await openWithClass(page);
    await view(page)
      .getByRole('button', { name: /^Model position: The US should strike cartels/ })
      .click();
    await view(page).getByText('Matching threshold and score weights').click();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('walks the differences from the keyboard and shows each on the map', async () => {
    const { page } = app;
    await openWithClass(page);
    await view(page).getByRole('button', { name: 'Show bob.clashmap.json' }).click();
    const differences = view(page).getByRole('region', { name: 'Differences' });
    const first = differences.getByRole('button', { name: 'Show on map' }).first();
    await first.focus();
    await page.keyboard.press('ArrowDown');
    const focusedDescription = () =>
      page.evaluate(() => {
        const id = document.activeElement?.getAttribute('aria-describedby');
        return id ? document.getElementById(id)?.textContent : null;
      });
    expect(await focusedDescription()).toMatch(
      /^Missing: “Fight cartels with intelligence-led arrests/,
    );
    // Bob's wrong kind: the difference names it; "Show on map" brings its model claim into focus.
    let presses = 0;
    while (!/^Wrong kind/.test((await focusedDescription()) ?? '') && presses++ < 40)
      await page.keyboard.press('ArrowDown');
    expect(await focusedDescription()).toMatch(
      /^Wrong kind: “Drone strikes on cartels would help stem the flow of…” supports/,
    );
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.querySelector('span')?.textContent))
      .toMatch(/^Model (claim|position): /);
    const lit = await view(page).locator('.cm-cmp-pane--model [aria-pressed="true"]').count();
    expect(lit).toBe(2);
    // Escape clears the highlight, then closes the view and gives focus back to the toolbar.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect.poll(() => view(page).count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Compare with students’ maps',
    );
  });
});
