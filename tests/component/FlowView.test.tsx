import { fireEvent, render, screen, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { useRoundView } from '../../src/components/nodes/cardFlags';
import { parseMap } from '../../src/io/parse';
import { createClashmapStore } from '../../src/store/store';
import { StoreProvider } from '../../src/store/StoreContext';
import { FlowView } from '../../src/views/flow/FlowView';

// The "as of" speech is the page's, shared with the canvas: each test starts from the whole round.
afterEach(() => useRoundView.setState({ asOf: null }));

function renderFlow() {
  const result = parseMap(readFileSync('tests/fixtures/rounds/policy-round.clashmap.json', 'utf8'));
  if (!result.ok) throw new Error('the round fixture does not open');
  const store = createClashmapStore(result.map);
  let closed = 0;
  render(
    <StoreProvider store={store}>
      <FlowView onClose={() => closed++} />
    </StoreProvider>,
  );
  return { store, closed: () => closed };
}

const sheetTab = (name: RegExp) => screen.getByRole('tab', { name });
const card = (text: string) => screen.getByRole('button', { name: new RegExp(`^${text}`) });

describe('the flow view', () => {
  it('has a tab per sheet, and shows the chosen sheet with a column per speech', () => {
    renderFlow();
    const tabs = within(screen.getByRole('tablist', { name: 'Sheets' })).getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual([
      'Advantage 1: joint intelligence stops cartel violence',
      'Disadvantage: sovereignty backlash',
      "Counterplan: fund Mexico's own police instead",
    ]);
    const panel = screen.getByRole('tabpanel');
    const headers = within(panel)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['1AC', '1NC', '2AC', '2NC', '1NR', '1AR', '2NR', '2AR']);
    fireEvent.click(sheetTab(/^Disadvantage/));
    const daHeaders = within(screen.getByRole('tabpanel'))
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(daHeaders).toEqual(['1NC', '2AC', '2NC', '1NR', '1AR', '2NR', '2AR']);
  });

  it('puts an answer in the row of what it answers and shows its flags on the card', () => {
    renderFlow();
    const row = card('Joint task forces cut homicides').closest('tr')!;
    const texts = within(row)
      .getAllByRole('button')
      .map((b) => b.querySelector('.cm-flow-card__text')?.textContent);
    expect(texts).toEqual([
      'Joint task forces cut homicides',
      'Task forces failed in 2008',
      '2008 lacked shared databases; the plan has them',
    ]);
    expect(card('2008 lacked shared databases').textContent).toContain(
      'dropped by the negative block (2NC and 1NR)',
    );
    expect(card('Joint task forces cut homicides').textContent).toContain('extended in the 2AC');
  });

  it('selects the chosen card in the map, so the canvas shows the same selection', () => {
    const { store } = renderFlow();
    fireEvent.click(card('Task forces failed in 2008'));
    expect(store.getState().selectedNodeIds).toEqual(['neg-solv']);
    expect(card('Task forces failed in 2008').getAttribute('aria-pressed')).toBe('true');
  });

  it('adds an answer in the speech where it is due, on the map, and the drop goes away', () => {
    const { store } = renderFlow();
    fireEvent.click(card('2008 lacked shared databases'));
    const form = screen.getByRole('form', { name: 'Add an argument' });
    expect((within(form).getByLabelText('Speech') as HTMLSelectElement).value).toBe('2NC');
    fireEvent.change(within(form).getByLabelText('Argument'), {
      target: { value: 'Shared databases leak to the cartels' },
    });
    fireEvent.submit(form);
    const added = store
      .getState()
      .map.nodes.find((n) => n.text === 'Shared databases leak to the cartels');
    expect(added).toMatchObject({ kind: 'claim', speech: '2NC', sheet: 'adv' });
    expect(store.getState().map.edges.at(-1)).toMatchObject({
      from: added!.id,
      to: 'aff-2008',
      kind: 'rebuttal',
    });
    expect(card('2008 lacked shared databases').textContent).not.toContain('dropped');
    // One undo takes the argument and its answer edge away together.
    store.getState().undo();
    expect(store.getState().map.nodes.some((n) => n.id === added!.id)).toBe(false);
  });

  it('flows by keyboard: Enter stays on the card and speech, Ctrl+Enter answers the new argument next', () => {
    const { store } = renderFlow();
    fireEvent.click(card('Violence spills across the border'));
    const form = screen.getByRole('form', { name: 'Add an argument' });
    const field = within(form).getByLabelText('Argument');
    const speech = () => (within(form).getByLabelText('Speech') as HTMLSelectElement).value;
    expect(speech()).toBe('1NC');
    fireEvent.change(field, { target: { value: 'No spillover: border deaths are flat' } });
    fireEvent.submit(form);
    fireEvent.change(field, { target: { value: 'Violence is local' } });
    fireEvent.submit(form);
    // Both answer the same card in the same speech.
    const answers = store
      .getState()
      .map.edges.filter((e) => e.to === 'adv-impact')
      .map((e) => store.getState().map.nodes.find((n) => n.id === e.from));
    expect(answers.map((n) => [n?.text, n?.speech])).toEqual([
      ['No spillover: border deaths are flat', '1NC'],
      ['Violence is local', '1NC'],
    ]);
    expect(store.getState().selectedNodeIds).toEqual(['adv-impact']);
    fireEvent.change(field, { target: { value: 'Cartels are regional' } });
    fireEvent.keyDown(field, { key: 'Enter', ctrlKey: true });
    const third = store.getState().map.nodes.find((n) => n.text === 'Cartels are regional')!;
    expect(store.getState().selectedNodeIds).toEqual([third.id]);
    // Now answering the new 1NC argument: in the 2AC.
    expect(speech()).toBe('2AC');
  });

  it('shows the round as it stood after a speech', () => {
    renderFlow();
    // The slider's steps are the speeches (the 1NC is the second), then the whole round.
    const slider = screen.getByRole('slider', { name: /^As of/ });
    fireEvent.change(slider, { target: { value: '2' } });
    expect(slider.getAttribute('aria-valuetext')).toBe('after the 1NC');
    expect(screen.queryByRole('button', { name: /^2008 lacked/ })).toBeNull();
    expect(card('Task forces failed in 2008')).toBeTruthy();
    // Nothing is added to a past speech's flow.
    expect(screen.queryByRole('form', { name: 'Add an argument' })).toBeNull();
  });

  it('sums the round up: each flag with the speech made and where the answer was due', () => {
    renderFlow();
    const summary = screen.getByRole('region', { name: 'Round summary' });
    expect(summary.textContent).toContain(
      '10 dropped, 3 extended, 0 crossed out, 1 new in the last rebuttal.',
    );
    // Listed by the speech they happened in: the block dropped what the 2AC said.
    const block = within(summary).getByRole('heading', {
      name: 'The negative block (2NC and 1NR)',
    });
    expect(block.nextElementSibling?.textContent).toContain(
      '“Link turn: joint work builds trust” dropped (made in the 2AC)',
    );
    expect(
      within(summary).getByRole('heading', { name: 'The 2NR' }).nextElementSibling?.textContent,
    ).toContain('“New: the plan also angers Congress” new in the last rebuttal');
    expect(within(summary).getByRole('heading', { name: 'Which positions stand' })).toBeTruthy();
  });

  it('crosses the chosen argument out in a speech, and restores it', () => {
    const { store } = renderFlow();
    fireEvent.click(sheetTab(/^Counterplan/));
    fireEvent.click(card('Permutation: do both'));
    const speech = screen.getByLabelText(
      'Cross out “Permutation: do both” in the',
    ) as HTMLSelectElement;
    // Only speeches from the 2AC, where it was made, on; the round has reached the 2NR.
    expect([...speech.options].map((o) => o.value)).toEqual([
      '2AC',
      '2NC',
      '1NR',
      '1AR',
      '2NR',
      '2AR',
    ]);
    expect(speech.value).toBe('2NR');
    fireEvent.click(screen.getByRole('button', { name: 'Cross out' }));
    expect(store.getState().map.nodes.find((n) => n.id === 'perm')?.conceded).toBe('2NR');
    expect(card('Permutation: do both').textContent).toContain('crossed out in the 2NR (granted)');
    fireEvent.click(screen.getByRole('button', { name: 'Restore it' }));
    expect(store.getState().map.nodes.find((n) => n.id === 'perm')).not.toHaveProperty('conceded');
  });

  it('closes on Escape', () => {
    const { closed } = renderFlow();
    fireEvent.keyDown(screen.getByRole('region', { name: 'Flow' }), { key: 'Escape' });
    expect(closed()).toBe(1);
  });
});
