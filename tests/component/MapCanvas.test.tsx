import { render, screen, within } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { MapCanvas } from '../../src/components/MapCanvas';
import type { ClashMap } from '../../src/model/map';
import { createClashmapStore } from '../../src/store/store';
import { StoreProvider } from '../../src/store/StoreContext';

const map: ClashMap = {
  format: 'clashmap',
  version: 5,
  title: 'School uniforms',
  sources: [{ id: 's', title: 'Debate notes', text: 'Uniforms cut costs for families.' }],
  nodes: [
    { id: 'p', kind: 'position', text: 'Schools should require uniforms', evidence: [] },
    {
      id: 'c1',
      kind: 'claim',
      text: 'Uniforms save families money',
      evidence: [
        {
          id: 'q1',
          sourceId: 's',
          quote: 'Uniforms cut costs',
          start: 0,
          end: 18,
          speaker: 'A parent',
        },
      ],
    },
    { id: 'c2', kind: 'claim', text: 'Uniforms stifle self-expression', evidence: [] },
  ],
  edges: [
    { id: 'e1', from: 'c1', to: 'p', kind: 'support' },
    { id: 'e2', from: 'c2', to: 'p', kind: 'rebuttal' },
  ],
};

function renderCanvas() {
  const store = createClashmapStore(map);
  return render(
    <StoreProvider store={store}>
      <div style={{ width: 1000, height: 800 }}>
        <ReactFlowProvider>
          <MapCanvas />
        </ReactFlowProvider>
      </div>
    </StoreProvider>,
  );
}

describe('MapCanvas', () => {
  it('names the map region and every node by kind and text', async () => {
    renderCanvas();
    expect(screen.getByRole('region', { name: 'Map: School uniforms' })).toBeTruthy();
    expect(
      await screen.findByRole('group', { name: /^Position: Schools should require uniforms/ }),
    ).toBeTruthy();
    expect(
      screen.getByRole('group', { name: /^Claim: Uniforms stifle self-expression$/ }),
    ).toBeTruthy();
  });

  it('shows a claim with its quote and speaker', async () => {
    renderCanvas();
    const claim = await screen.findByRole('group', {
      name: /^Claim: Uniforms save families money/,
    });
    expect(claim.getAttribute('aria-label')).toBe(
      'Claim: Uniforms save families money Quote from A parent: “Uniforms cut costs”',
    );
    expect(within(claim).getByText('“Uniforms cut costs”')).toBeTruthy();
    expect(within(claim).getByText('— A parent')).toBeTruthy();
  });

  it('explains support and rebuttal in a legend (which loads when first shown)', async () => {
    renderCanvas();
    const legend = await screen.findByRole('region', { name: 'Legend' });
    expect(legend.textContent).toContain('supports');
    expect(legend.textContent).toContain('rebuts');
  });

  it('renders text from the map as text, never as markup', async () => {
    const store = createClashmapStore({
      ...map,
      nodes: [{ id: 'x', kind: 'claim', text: '<img src=x onerror=alert(1)>', evidence: [] }],
      edges: [],
    });
    const { container } = render(
      <StoreProvider store={store}>
        <ReactFlowProvider>
          <MapCanvas />
        </ReactFlowProvider>
      </StoreProvider>,
    );
    expect(await screen.findByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
  });
});
