import type { ClashMap } from '../model/map';
import type { Point } from '../model/node';
import type { LayoutRequest } from './layout.worker';
import type { Size } from './nodeSize';

/** Lays out every node of the map in a Web Worker, off the main thread. */
export function layoutInWorker(
  map: ClashMap,
  sizes: ReadonlyMap<string, Size>,
): Promise<Map<string, Point>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), {
      type: 'module',
      name: 'clashmap-layout',
    });
    worker.onmessage = (event: MessageEvent<Map<string, Point>>) => {
      resolve(event.data);
      worker.terminate();
    };
    worker.onerror = (event) => {
      reject(new Error(event.message || 'the layout worker failed'));
      worker.terminate();
    };
    const request: LayoutRequest = { map, sizes };
    worker.postMessage(request);
  });
}
