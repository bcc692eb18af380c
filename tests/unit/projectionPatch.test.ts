import { describe, expect, it } from 'vitest';
import { generateMap } from '../../bench/generate';
import { newProjectionMemo, selectFlowNodes } from '../../src/store/canvasProjection';
import { createClashmapStore, type ClashmapStore } from '../../src/store/store';

/** The flow nodes made afresh, with no earlier projection to start from. */
const afresh = (store: ClashmapStore) =>
  selectFlowNodes({ ...store.getState(), projection: newProjectionMemo() });

const drag = (id: string, x: number, y: number, dragging: boolean) => ({
  type: 'position' as const,
  id,
  position: { x, y },
  dragging,
});

describe('the canvas projection after a drag tick, a selection or the editor opening', () => {
  it('gives what a projection made afresh gives, keeping every other card’s object', () => {
    const store = createClashmapStore(generateMap(300));
    const ids = store.getState().map.nodes.map((n) => n.id);
    let before = selectFlowNodes(store.getState());
    const steps: Array<[string, () => void, string[]]> = [
      ['select one', () => store.getState().select([ids[5]!]), [ids[5]!]],
      [
        'select another',
        () => store.getState().select([ids[9]!, ids[12]!]),
        [ids[5]!, ids[9]!, ids[12]!],
      ],
      ['drag', () => store.getState().applyNodeChanges([drag(ids[9]!, 40, 50, true)]), [ids[9]!]],
      [
        'drag on',
        () => store.getState().applyNodeChanges([drag(ids[9]!, 44, 58, true)]),
        [ids[9]!],
      ],
      // Editing a card selects it alone.
      ['edit', () => store.getState().startEditing(ids[12]!), [ids[9]!, ids[12]!]],
      ['stop', () => store.getState().stopEditing(), [ids[12]!]],
    ];
    for (const [what, act, touched] of steps) {
      act();
      const after = selectFlowNodes(store.getState());
      expect(after, what).toEqual(afresh(store));
      after.forEach((node, i) => {
        if (!touched.includes(node.id)) expect(node, `${what}: ${node.id}`).toBe(before[i]);
      });
      expect(
        touched.some((id) => after[ids.indexOf(id)] !== before[ids.indexOf(id)]),
        what,
      ).toBe(true);
      before = after;
    }
  });
});
