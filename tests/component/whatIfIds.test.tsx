import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { NodeEvaluation } from '../../src/components/evaluation/Scoreboard';
import type { MapNode } from '../../src/model/node';
import { StoreProvider } from '../../src/store/StoreContext';
import { createClashmapStore } from '../../src/store/store';

// Node ids are user data: a node may be called `constructor` or `__proto__`, and its what-if
// switch must read as any other node's.
describe('the what-if switch of a node whose id is a word objects know', () => {
  it.each(['constructor', 'toString', '__proto__'])(
    '%s starts on "Follow the rule", and can be assumed',
    async (id) => {
      const store = createClashmapStore();
      const node = (nodeId: string, kind: MapNode['kind'], text: string): MapNode => ({
        id: nodeId,
        kind,
        text,
        evidence: [],
      });
      store.getState().openMap(
        {
          version: 3,
          title: 'Ids',
          sources: [],
          nodes: [node('pos', 'position', 'A position'), node(id, 'claim', 'A claim')],
          edges: [{ id: 'e', from: id, to: 'pos', kind: 'rebuttal' }],
        } as never,
        null,
      );
      if (!store.getState().labelsOn) store.getState().toggleLabels();
      render(
        <StoreProvider store={store}>
          <NodeEvaluation id={id} />
        </StoreProvider>,
      );
      // The evaluation loads when labels are first shown.
      const follow = (await screen.findByRole('radio', {
        name: 'Follow the rule',
      })) as HTMLInputElement;
      expect(follow.checked).toBe(true);
      fireEvent.click(screen.getByRole('radio', { name: 'Assume it falls (strike it)' }));
      expect(store.getState().assumptions.get(id)).toBe('falls');
      expect(
        (screen.getByRole('radio', { name: 'Assume it falls (strike it)' }) as HTMLInputElement)
          .checked,
      ).toBe(true);
    },
  );
});
