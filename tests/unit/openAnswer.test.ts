import { describe, expect, it } from 'vitest';
import { generateMap } from '../../bench/generate';
import { answerOpen } from '../../src/io/openAnswer';
import { serializeMap } from '../../src/io/serialize';
import { createClashmapStore } from '../../src/store/store';
import { selectFlowNodes } from '../../src/store/canvasProjection';
import type { ClashmapStore } from '../../src/store/store';

const bytesOf = (text: string) => new TextEncoder().encode(text);

/** Where the canvas draws each card, by id. */
const drawn = (store: ClashmapStore) =>
  new Map(selectFlowNodes(store.getState()).map((n) => [n.id, n.position]));

/** The canvas measures the first `count` cards, each 37 px taller than estimated. */
function measureFirst(store: ClashmapStore, count: number) {
  const nodes = selectFlowNodes(store.getState()).slice(0, count);
  store.getState().applyNodeChanges(
    nodes.map((n) => ({
      type: 'dimensions' as const,
      id: n.id,
      dimensions: { width: n.width ?? 280, height: (n.height ?? 80) + 37 },
    })),
  );
  store.getState().relayoutWithSizes(store.getState().measured);
}

describe('a large file read in the worker', () => {
  it('opens the map the main thread would have read, laid out where the store would have laid it', () => {
    const map = generateMap(600);
    const answer = answerOpen(bytesOf(serializeMap(map)));
    expect(answer.result.ok).toBe(true);
    if (!answer.result.ok) return;
    expect(answer.layout?.size).toBe(map.nodes.length);

    const here = createClashmapStore();
    here.getState().openMap(answer.result.map, 'big.clashmap.json', { savedToFile: true });
    // The answer crosses to the page by structured clone, as the worker's postMessage sends it.
    const sent = structuredClone(answer);
    const there = createClashmapStore();
    if (!sent.result.ok) return;
    there.getState().openMap(sent.result.map, 'big.clashmap.json', {
      savedToFile: true,
      layout: sent.layout,
    });
    expect(drawn(there)).toEqual(drawn(here));
    // Measured, its cards move as they would have: the layout counts as made with estimates.
    measureFirst(here, 40);
    measureFirst(there, 40);
    expect(drawn(there)).toEqual(drawn(here));
    expect(there.getState().map).toEqual(here.getState().map);
  });

  it('says why a file is refused, as the main thread would, with no layout', () => {
    const answer = answerOpen(bytesOf('{"format": "clashmap", "version": 1, "nodes": 3}'));
    expect(answer.result.ok).toBe(false);
    expect(answer.layout).toBeUndefined();
    expect(structuredClone(answer)).toEqual(answer);
  });

  it('gives no layout for a map whose every node has its place', () => {
    const map = generateMap(30);
    const placed = {
      ...map,
      nodes: map.nodes.map((n, i) => ({ ...n, position: { x: i * 10, y: i * 20 } })),
    };
    expect(answerOpen(bytesOf(serializeMap(placed))).layout).toBeUndefined();
  });
});
