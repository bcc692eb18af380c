import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bindStore } from '../../src/doc/yjsBinding';
import { parseMap } from '../../src/io/parse';
import { serializeMap } from '../../src/io/serialize';
import type { ClashMap } from '../../src/model/map';
import { createClashmapStore } from '../../src/store/store';

// A flowed round shared in a class session: the round's own fields must travel like the rest.

function roundMap(): ClashMap {
  const result = parseMap(readFileSync('tests/fixtures/format-v4.clashmap.json', 'utf8'));
  if (!result.ok) throw new Error('the version-4 fixture does not open');
  // What-ifs are each person's own and are not shared; everything else is.
  const { assumptions: _own, ...shared } = result.map;
  return shared;
}

function share(map: ClashMap) {
  const ana = { store: createClashmapStore(map), doc: new Y.Doc() };
  bindStore(ana.store, ana.doc, 'Ana');
  const ben = { store: createClashmapStore(), doc: new Y.Doc() };
  Y.applyUpdate(ben.doc, Y.encodeStateAsUpdate(ana.doc));
  bindStore(ben.store, ben.doc, 'Ana');
  return { ana, ben };
}

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

describe('a debate round shared through Yjs', () => {
  it('arrives whole: sides, speeches, sheets, concessions, the flow kinds and the round', () => {
    const { ana, ben } = share(roundMap());
    expect(serializeMap(ben.store.getState().map)).toBe(serializeMap(ana.store.getState().map));
    expect(ben.store.getState().map.round).toEqual({
      format: 'policy',
      aff: 'Northside AB',
      neg: 'Lakeview CD',
    });
  });

  it("carries one person's crossing-out to the other", () => {
    const { ana, ben } = share(roundMap());
    ana.store.getState().updateNode('neg-no-solve', { conceded: '2AR' });
    sync(ana.doc, ben.doc);
    const node = ben.store.getState().map.nodes.find((n) => n.id === 'neg-no-solve');
    expect(node?.conceded).toBe('2AR');
  });
});
