import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSession, type Session } from './browser';

const article = JSON.parse(
  readFileSync('public/maps/cartel-drone-strikes.clashmap.json', 'utf8'),
) as {
  sources: { id: string; text: string }[];
  nodes: {
    id: string;
    kind: string;
    text: string;
    evidence: { quote: string; start: number; end: number; speaker: string }[];
  }[];
};
const articleText = article.sources[0]!.text;

/** Selects `needle` in the source panel's text the way a mouse drag would, then releases. */
async function selectInSource(page: Page, needle: string) {
  const text = page.locator('.cm-source-text');
  await text.evaluate((root, wanted) => {
    // Walk the rendered text to find where the passage starts and ends (it may span highlights).
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    let all = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push(n as Text);
      all += n.textContent;
    }
    const at = all.indexOf(wanted);
    if (at < 0) throw new Error(`not in the source panel: ${wanted}`);
    const locate = (offset: number): [Text, number] => {
      let seen = 0;
      for (const node of nodes) {
        const length = node.textContent!.length;
        if (offset <= seen + length) return [node, offset - seen];
        seen += length;
      }
      throw new Error('offset out of range');
    };
    const range = document.createRange();
    range.setStart(...locate(at));
    range.setEnd(...locate(at + wanted.length));
    const selection = getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  }, needle);
  await text.dispatchEvent('mouseup');
}

describe('the source beside the map', () => {
  let session: Session;
  let page: Page;
  beforeEach(async () => {
    session = await openSession({ width: 1600, height: 1000 });
    page = session.page;
    await page.goto(session.baseURL);
    await page.getByRole('region', { name: /^Map:/ }).waitFor();
    await page.getByRole('button', { name: 'Source text' }).click();
    await page.getByRole('complementary', { name: 'Source' }).waitFor();
  });
  afterEach(async () => {
    expect(session.errors).toEqual([]);
    await session.close();
  });

  it('highlights every quote of the article map, each leading to its node and back', async () => {
    const quotes = article.nodes.flatMap((n) => n.evidence.map((e) => ({ node: n, ...e })));
    const marks = page.locator('mark.cm-quote-mark');
    // Every quoted character is inside a highlight.
    const highlighted = await marks.evaluateAll((els) => els.map((el) => el.textContent).join('|'));
    for (const quote of quotes) {
      const words = quote.quote.split(/\s+/).slice(0, 3).join(' ');
      expect(highlighted, quote.quote).toContain(words.slice(0, 12));
    }
    // Clicking a highlight selects its node.
    const rupture = article.nodes.find((n) => n.id === 'claim-rupture-relations')!;
    await page
      .getByRole('button', { name: /quoted for: Unilateral strikes would significantly rupture/ })
      .click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await expect
      .poll(() => inspector.getByRole('textbox', { name: 'Text' }).inputValue())
      .toBe(rupture.text);
    // Selecting a node marks its quotes in the text.
    const demand = article.nodes.find((n) => n.id === 'claim-profits-outweigh-risk')!;
    await page.keyboard.press('Control+f');
    await page
      .getByRole('searchbox', { name: 'Find nodes by text, quote or speaker' })
      .fill('profits outweigh');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => inspector.getByRole('textbox', { name: 'Text' }).inputValue())
      .toBe(demand.text);
    const active = page.locator('mark.cm-quote-mark.is-active');
    await expect.poll(() => active.count()).toBeGreaterThan(0);
    await expect(active.first().textContent()).resolves.toContain(
      'If demand for the drug is still high',
    );
    await expect.poll(() => active.first().isVisible()).toBe(true);
  });

  it('makes a new claim from a selected sentence, with exact offsets in the saved file', async () => {
    const sentence = 'Daniel DePetris, a fellow at Defense Priorities, pointed out in a post on X';
    await selectInSource(page, sentence);
    const actions = page.getByRole('group', { name: 'Selected text' });
    await expect(actions.textContent()).resolves.toContain(sentence.slice(0, 40));
    await actions
      .getByRole('combobox', { name: 'Speaker' })
      .fill('Dave DeCamp, Antiwar.com (author)');
    await actions.getByRole('button', { name: 'New claim from quote' }).click();
    await page.keyboard.type('Analysts doubt strikes would cut supply');
    await page.keyboard.press('Enter');
    const claim = page.getByRole('group', {
      name: /^Claim: Analysts doubt strikes would cut supply Quote from Dave DeCamp/,
    });
    await expect.poll(() => claim.count()).toBe(1);
    // The new quote is highlighted and leads back to the new node.
    await page
      .getByRole('button', { name: /quoted for: Analysts doubt strikes would cut supply/ })
      .first()
      .click();
    await expect
      .poll(() =>
        page
          .getByRole('complementary', { name: 'Inspector' })
          .getByRole('textbox', { name: 'Text' })
          .inputValue(),
      )
      .toBe('Analysts doubt strikes would cut supply');
    // The saved file records the source, the exact span and the speaker.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save map', exact: true }).click();
    const file = JSON.parse(
      readFileSync((await (await download).path())!, 'utf8'),
    ) as typeof article;
    const saved = file.nodes.find((n) => n.text === 'Analysts doubt strikes would cut supply')!;
    const start = articleText.indexOf(sentence);
    expect(saved.evidence).toEqual([
      {
        id: expect.stringMatching(/^q-[0-9a-z]{20}$/),
        sourceId: 'article',
        quote: sentence,
        start,
        end: start + sentence.length,
        speaker: 'Dave DeCamp, Antiwar.com (author)',
      },
    ]);
  });

  it('adds a quote to the selected node, offering the speakers already in the map', async () => {
    const target = article.nodes.find((n) => n.id === 'pos-cooperative')!;
    await page.getByRole('group', { name: new RegExp(`^Position: ${target.text}`) }).click();
    await selectInSource(
      page,
      'Mexico coordinates and collaborates, but does not subordinate itself',
    );
    const actions = page.getByRole('group', { name: 'Selected text' });
    const speakers = await actions
      .locator('datalist option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(speakers).toContain('Claudia Sheinbaum, President of Mexico');
    await actions
      .getByRole('combobox', { name: 'Speaker' })
      .fill('Claudia Sheinbaum, President of Mexico');
    await actions.getByRole('button', { name: 'Add quote to selected node' }).click();
    await expect
      .poll(() =>
        page
          .getByRole('group', {
            name: new RegExp(`^Position: ${target.text} Quote from Claudia Sheinbaum`),
          })
          .count(),
      )
      .toBe(1);
  });

  it('flags a quote that no longer matches its source and re-anchors it', async () => {
    // Insert a sentence at the start of the article: every quote's offsets are now wrong.
    await page.getByRole('button', { name: 'Edit source' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit source' });
    const text = dialog.getByRole('textbox', { name: 'Full text' });
    await text.press('Control+Home');
    await text.pressSequentially('Editor’s note: updated. ');
    await dialog.getByRole('button', { name: 'Save source' }).click();
    const rupture = article.nodes.find((n) => n.id === 'claim-rupture-relations')!;
    const node = page.getByRole('group', {
      name: new RegExp(`^Claim: ${rupture.text}.* Warning: 1 quote does not match the source\\.$`),
    });
    await expect.poll(() => node.count()).toBe(1);
    await expect(node.textContent()).resolves.toContain('A quote does not match its source');
    await node.click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await expect(inspector.getByRole('note').textContent()).resolves.toContain(
      'does not match source',
    );
    await inspector.getByRole('button', { name: 'Re-anchor quote 1' }).click();
    const fixed = page.getByRole('group', {
      name: new RegExp(`^Claim: ${rupture.text} Quote from [^]*”$`),
    });
    await expect.poll(() => fixed.count()).toBe(1);
    await expect(inspector.getByRole('note').count()).resolves.toBe(0);
    // Undo brings the flag back: re-anchoring is one step.
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => node.count()).toBe(1);
  });

  it('adds a quote by its citation when the full text is not at hand, marked not checked until the text is added', async () => {
    const rupture = article.nodes.find((n) => n.id === 'claim-rupture-relations')!;
    const card = page.getByRole('group', { name: new RegExp(`^Claim: ${rupture.text}`) });
    await card.click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await inspector
      .getByRole('combobox', { name: 'Source' })
      .selectOption({ label: 'A new source, by its citation…' });
    const citation = inspector.getByRole('group', { name: 'Citation of the new source' });
    await citation.getByRole('textbox', { name: 'Title' }).fill('Morning radio interview');
    await citation.getByRole('textbox', { name: 'Author' }).fill('B. Host');
    await citation.getByRole('textbox', { name: 'URL' }).fill('https://example.com/radio');
    await citation.getByRole('textbox', { name: 'Date' }).fill('2025-05');
    const quote = 'Strikes would not stop the flow.';
    await inspector.getByRole('textbox', { name: 'New quote' }).fill(quote);
    await inspector.getByRole('textbox', { name: 'Speaker', exact: true }).fill('A. Analyst');
    await inspector.getByRole('button', { name: 'Add quote' }).click();

    const unchecked = `Quote from A. Analyst: “${quote}” (not checked against a text)`;
    await expect.poll(() => card.getAttribute('aria-label')).toContain(unchecked);
    await expect(card.innerText()).resolves.toContain('not checked');
    const note = inspector.getByRole('note').filter({ hasText: 'Not checked against a text' });
    await expect(note.textContent()).resolves.toContain('From Morning radio interview');

    // The transcript turns up: pasted as the source's text, it checks the quote.
    await page
      .getByRole('complementary', { name: 'Source' })
      .getByRole('combobox', { name: 'Source' })
      .selectOption({ label: 'Morning radio interview' });
    await page.getByRole('button', { name: 'Edit source' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit source' });
    await dialog
      .getByRole('textbox', { name: 'Full text' })
      .fill(`Host: Would strikes work? Analyst: ${quote} Demand drives it.`);
    await dialog.getByRole('button', { name: 'Save source' }).click();
    await expect.poll(() => card.getAttribute('aria-label')).not.toContain('not checked');
    await expect.poll(() => note.count()).toBe(0);
    await expect(inspector.innerText()).resolves.toContain(
      'From Morning radio interview, characters 35–67',
    );
  });

  it('shows quotes as debate cards on request: tag, full citation, quote', async () => {
    const toggle = page.getByRole('button', { name: 'Show quotes as cards' });
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('false');
    await toggle.click();
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('true');
    const rupture = article.nodes.find((n) => n.id === 'claim-rupture-relations')!;
    const node = page.getByRole('group', { name: new RegExp(`^Claim: ${rupture.text}`) });
    await expect
      .poll(() => node.innerText())
      .toContain(
        'NBC News report (citing current and former US officials) — Dave DeCamp, “Report: Trump Administration Considers Drone Strikes on Mexican Cartels”, Antiwar.com',
      );
  });

  it('links a source URL only when it is http(s)', async () => {
    await page.getByRole('button', { name: 'Edit source' }).click();
    let dialog = page.getByRole('dialog', { name: 'Edit source' });
    await dialog.getByRole('textbox', { name: 'URL' }).fill('javascript:alert(1)');
    await dialog.getByRole('button', { name: 'Save source' }).click();
    await expect(dialog.getByRole('alert').textContent()).resolves.toContain('http:// or https://');
    await dialog.getByRole('textbox', { name: 'URL' }).fill('https://example.org/report');
    await dialog.getByRole('button', { name: 'Save source' }).click();
    const link = page
      .getByRole('complementary', { name: 'Source' })
      .getByRole('link', { name: 'https://example.org/report' });
    await expect(link.getAttribute('target')).resolves.toBe('_blank');
    await expect(link.getAttribute('rel')).resolves.toContain('noopener');
    dialog = page.getByRole('dialog', { name: 'Add a source' });
    await page.getByRole('button', { name: 'Add source' }).click();
    await dialog.getByRole('textbox', { name: 'Title' }).fill('Second report');
    await dialog
      .getByRole('textbox', { name: 'Full text' })
      .fill('Another text with ünïcode — and “quotes”.');
    await dialog.getByRole('button', { name: 'Save source' }).click();
    await expect(page.getByRole('combobox', { name: 'Source' }).inputValue()).resolves.not.toBe(
      'article',
    );
  });
});
