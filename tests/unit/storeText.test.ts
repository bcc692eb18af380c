import { describe, expect, it } from 'vitest';
import { parseMap } from '../../src/io/parse';
import { serializeMap } from '../../src/io/serialize';
import { emptyMap } from '../../src/model/map';
import { createClashmapStore } from '../../src/store/store';
import { addSource } from '../../src/store/sourceEdits';

describe('text a user types or pastes', () => {
  it('is cleaned of bidirectional overrides and control characters, so the saved file opens', () => {
    const store = createClashmapStore(emptyMap('Cleaning'));
    const id = store.getState().addNode('claim', { x: 0, y: 0 });
    store
      .getState()
      .updateNode(id, { text: 'Pay \u202Eelbisnopser\u202C now\u0007 \ud800!', notes: 'a\u2066b' });
    const node = store.getState().map.nodes.find((n) => n.id === id)!;
    expect(node.text).toBe('Pay elbisnopser now \uFFFD!');
    expect(node.notes).toBe('ab');
    store.getState().setTitle('\u202Dtitle');
    expect(store.getState().map.title).toBe('title');
    expect(parseMap(serializeMap(store.getState().map)).ok).toBe(true);
  });

  it('over the format’s limits is refused with a reason, and nothing changes', () => {
    const store = createClashmapStore(emptyMap('Limits'));
    const id = store.getState().addNode('claim', { x: 0, y: 0 });
    const before = store.getState().map;
    store.getState().updateNode(id, { text: 'x'.repeat(2_001) });
    expect(store.getState().map).toBe(before);
    expect(store.getState().notice?.text).toBe('The text is longer than 2,000 characters.');
    addSource(store, { title: 'Bad', url: 'javascript:alert(1)' });
    expect(store.getState().map.sources).toHaveLength(0);
    expect(store.getState().notice?.text).toBe('The url must be an http:// or https:// address.');
  });
});
