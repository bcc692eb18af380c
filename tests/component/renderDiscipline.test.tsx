import { act, render } from '@testing-library/react';
import { ReactFlowProvider, type NodeProps } from '@xyflow/react';
import { memo, type ComponentType } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClashMap } from '../../src/model/map';
import type { ArgumentFlowNode } from '../../src/store/flowAdapter';
import { createClashmapStore } from '../../src/store/store';
import { StoreProvider } from '../../src/store/StoreContext';

// Count the renders of each node component that get past React.memo, exactly as the real one
// would: the wrapper is memoised with the same (default) comparison and renders the real node.
const renders = new Map<string, number>();
vi.mock('../../src/components/nodes/ArgumentNode', async (importOriginal) => {
  const original = await importOriginal<{
    ArgumentNode: ComponentType<NodeProps<ArgumentFlowNode>>;
  }>();
  const Real = original.ArgumentNode;
  const Counted = memo(function Counted(props: NodeProps<ArgumentFlowNode>) {
    renders.set(props.id, (renders.get(props.id) ?? 0) + 1);
    return <Real {...props} />;
  });
  return { ArgumentNode: Counted };
});

const { MapCanvas } = await import('../../src/components/MapCanvas');

const map: ClashMap = {
  format: 'clashmap',
  version: 5,
  title: 'Render discipline',
  sources: [],
  nodes: Array.from({ length: 30 }, (_, i) => ({
    id: `n${i}`,
    kind: i < 3 ? ('position' as const) : ('claim' as const),
    text: `Node ${i}`,
    evidence: [],
    position: { x: (i % 5) * 320, y: Math.floor(i / 5) * 200 },
  })),
  edges: Array.from({ length: 27 }, (_, i) => ({
    id: `e${i}`,
    from: `n${i + 3}`,
    to: `n${i % 3}`,
    kind: i % 2 ? ('rebuttal' as const) : ('support' as const),
  })),
};

function setup() {
  const store = createClashmapStore(map);
  render(
    <StoreProvider store={store}>
      <div style={{ width: 1600, height: 1200 }}>
        <ReactFlowProvider>
          <MapCanvas />
        </ReactFlowProvider>
      </div>
    </StoreProvider>,
  );
  return store;
}

async function settle() {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
}

describe('render discipline', () => {
  beforeEach(() => renders.clear());

  it('dragging one node re-renders only that node', async () => {
    const store = setup();
    await settle();
    renders.clear();
    for (let step = 1; step <= 10; step++) {
      act(() => {
        store.getState().applyNodeChanges([
          {
            type: 'position',
            id: 'n7',
            position: { x: 640 + step * 5, y: 200 + step * 3 },
            dragging: true,
          },
        ]);
      });
    }
    await settle();
    expect([...renders.keys()]).toEqual(['n7']);
  });

  it('a selection change re-renders at most the two nodes involved', async () => {
    const store = setup();
    await settle();
    act(() => store.getState().select(['n4']));
    await settle();
    renders.clear();
    act(() => store.getState().select(['n9']));
    await settle();
    expect([...renders.keys()].sort()).toEqual(['n4', 'n9']);
  });

  it('editing one node’s text re-renders only that node', async () => {
    const store = setup();
    await settle();
    renders.clear();
    act(() => store.getState().updateNode('n12', { text: 'Edited' }));
    await settle();
    expect([...renders.keys()]).toEqual(['n12']);
  });
});
