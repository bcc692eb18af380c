import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Inspector } from '../../src/components/Inspector';
import { LIMITS } from '../../src/model/limits';
import { StoreProvider } from '../../src/store/StoreContext';
import { createClashmapStore } from '../../src/store/store';

// The inspector adds a quote through the store's one checked path; when that path refuses it,
// the user is told why and the quote they typed stays in the form.
describe('adding a quote in the inspector', () => {
  function open(quotes: number) {
    const store = createClashmapStore();
    const text = 'The cartels will adapt to any strike. Demand drives supply.';
    store.getState().openMap(
      {
        version: 3,
        title: 'Quotes',
        sources: [{ id: 'src', title: 'An article', text }],
        nodes: [
          {
            id: 'claim',
            kind: 'claim',
            text: 'A claim',
            evidence: Array.from({ length: quotes }, (_, i) => ({
              id: `q${i}`,
              sourceId: 'src',
              quote: 'Demand drives supply.',
              start: text.indexOf('Demand'),
              end: text.length,
              speaker: 'A reporter',
            })),
          },
        ],
        edges: [],
      } as never,
      null,
    );
    store.getState().select(['claim']);
    render(
      <StoreProvider store={store}>
        <Inspector />
      </StoreProvider>,
    );
    fireEvent.change(screen.getByLabelText('New quote'), {
      target: { value: 'The cartels will adapt to any strike.' },
    });
    fireEvent.change(screen.getByLabelText('Speaker'), { target: { value: 'An analyst' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add quote' }));
    return store;
  }

  it('adds it, anchored in the source, and empties the form', () => {
    const store = open(1);
    const evidence = store.getState().map.nodes[0]!.evidence;
    expect(evidence).toHaveLength(2);
    expect(evidence[1]).toMatchObject({ quote: 'The cartels will adapt to any strike.', start: 0 });
    expect((screen.getByLabelText('New quote') as HTMLTextAreaElement).value).toBe('');
  });

  it('keeps the typed quote when the card already holds as many quotes as a card may', () => {
    const store = open(LIMITS.evidencePerNode);
    expect(store.getState().map.nodes[0]!.evidence).toHaveLength(LIMITS.evidencePerNode);
    expect(store.getState().notice?.text).toMatch(/quotes/);
    expect((screen.getByLabelText('New quote') as HTMLTextAreaElement).value).toBe(
      'The cartels will adapt to any strike.',
    );
  });
});
