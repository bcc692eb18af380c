/// <reference lib="webworker" />
import type { ClashMap } from '../model/map';
import { layoutMap } from './layoutMap';
import type { Size } from './nodeSize';

export interface LayoutRequest {
  map: ClashMap;
  sizes: ReadonlyMap<string, Size>;
}

// Maps cross to the worker and back by structured clone. Layout runs here so that a large map never blocks typing or panning.
self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { map, sizes } = event.data;
  const positions = layoutMap(map, { sizeOf: (id) => sizes.get(id) });
  self.postMessage(positions);
};
