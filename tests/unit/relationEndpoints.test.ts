import { describe, expect, it, vi } from 'vitest';
import { parseMap } from '../../src/io/parse';
import { serializeMap } from '../../src/io/serialize';
import { emptyMap, type ClashMap } from '../../src/model/map';
import { connect } from './opsOnMaps';
import { endpointsAllowed } from '../../src/model/relations/registry';

// The registry's endpoints are enforced wherever an edge is made or read. Today's two kinds
// allow every pair of node kinds, so this file narrows one: a support that may only come from
// a claim, as a future kind with narrower ends would.
vi.mock('../../src/model/relations/support', async (original) => {
  const real = await original<typeof import('../../src/model/relations/support')>();
  return {
    support: {
      ...real.support,
      endpoints: { from: ['claim'], to: ['position', 'claim'] },
    },
  };
});

function twoNodes(): ClashMap {
  return {
    ...emptyMap('Ends'),
    nodes: [
      { id: 'p', kind: 'position', text: 'A position', evidence: [], tags: [] },
      { id: 'c', kind: 'claim', text: 'A claim', evidence: [], tags: [] },
    ],
  } as ClashMap;
}

describe('relation endpoints from the registry', () => {
  it('are read from the kind’s spec', () => {
    expect(endpointsAllowed('support', 'claim', 'position')).toBe(true);
    expect(endpointsAllowed('support', 'position', 'claim')).toBe(false);
    expect(endpointsAllowed('rebuttal', 'position', 'claim')).toBe(true);
  });

  it('refuse a connection between kinds of node the relation does not join, saying why', () => {
    const map = twoNodes();
    const refused = connect(map, 'p', 'c', 'support');
    expect(refused).toEqual({
      ok: false,
      reason: 'A support cannot go from a position (it goes from claim to position or claim).',
    });
    expect(connect(map, 'c', 'p', 'support').ok).toBe(true);
    expect(connect(map, 'p', 'c', 'rebuttal').ok).toBe(true);
  });

  it('refuse such an edge in a file, naming where it is', () => {
    const map: ClashMap = {
      ...twoNodes(),
      edges: [{ id: 'e1', from: 'p', to: 'c', kind: 'support' }],
    };
    const result = parseMap(serializeMap(map));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues).toContainEqual({
      path: 'edges[0]',
      message: 'a support cannot go from a position (it goes from claim to position or claim)',
    });
  });
});
