import { layoutMap } from '../layout/layoutMap';
import type { Point } from '../model/node';
import { openMapBytes, type OpenResult } from './openBytes';

/** What the main thread asks the reading worker: read these bytes as a Clashmap map. */
export interface OpenRequest {
  bytes: Uint8Array;
}

/**
 * The map read (or why not), and, when some of its nodes have no saved position, where the
 * automatic layout puts them, with estimated sizes, as the store's own first layout does.
 */
export interface OpenAnswer {
  result: OpenResult;
  layout?: Map<string, Point>;
}

/** Reads `bytes` as a file the user opens (see readMapFile), and lays its unplaced nodes out. */
export function answerOpen(bytes: Uint8Array): OpenAnswer {
  const result = openMapBytes(bytes, { brokenQuotes: 'warn' });
  const answer: OpenAnswer = { result };
  if (result.ok && !result.map.nodes.every((n) => n.position))
    answer.layout = layoutMap(result.map);
  return answer;
}
