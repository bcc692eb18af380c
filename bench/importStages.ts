// The map import pipeline, stage by stage, for timing. `parseMap` runs these same stages in
// this order; here each is timed on its own, and the count caps (5,000 nodes, 20,000 edges)
// can be lifted so that a 10,000-node document can be timed through the same code.
import { z } from '../src/model/zod';
import { decodeMapBytes } from '../src/io/decode';
import { parseJsonText } from '../src/io/jsonText';
import { migrate, type RawDocument } from '../src/io/migrations';
import { parseMap } from '../src/io/parse';
import { edgeSchema } from '../src/model/edge';
import { checkQuotes, checkStructure } from '../src/model/invariants';
import { mapSchema, type ClashMap } from '../src/model/map';
import { mapNodeSchema } from '../src/model/node';

export interface StageTimes {
  decode: number;
  json: number;
  migrate: number;
  schema: number;
  invariants: number;
  total: number;
}

/** What the app runs when a file is opened: bytes to a validated map (quotes checked as warnings). */
export function openPipeline(bytes: Uint8Array): boolean {
  const decoded = decodeMapBytes(bytes);
  if (!decoded.ok) return false;
  return parseMap(decoded.text, { brokenQuotes: 'warn' }).ok;
}

const uncappedSchema = z.extend(mapSchema, {
  nodes: z.array(mapNodeSchema),
  edges: z.array(edgeSchema),
});

/**
 * The stages of `parseMap` (decode, JSON syntax and structure, migration, schema, invariants),
 * each timed, with the count caps lifted when `uncapped`. Throws if a stage rejects the input.
 */
export function timedStages(bytes: Uint8Array, uncapped = false): StageTimes {
  const t0 = performance.now();
  const decoded = decodeMapBytes(bytes);
  if (!decoded.ok) throw new Error(`decode: ${decoded.error.kind}`);
  const t1 = performance.now();
  const json = parseJsonText(decoded.text);
  if (!json.ok) throw new Error('json: not a map');
  const t2 = performance.now();
  const doc = json.value as RawDocument;
  const migrated = migrate(doc, doc.version as number);
  if (!migrated.ok) throw new Error(`migrate: ${migrated.reason}`);
  const t3 = performance.now();
  const parsed = (uncapped ? uncappedSchema : mapSchema).safeParse(migrated.document);
  if (!parsed.success) throw new Error(`schema: ${parsed.error.issues[0]?.message}`);
  const t4 = performance.now();
  const map = parsed.data as ClashMap;
  const problems = checkStructure(map);
  if (problems.length > 0) throw new Error(`invariants: ${problems[0]?.message}`);
  checkQuotes(map);
  const t5 = performance.now();
  return {
    decode: t1 - t0,
    json: t2 - t1,
    migrate: t3 - t2,
    schema: t4 - t3,
    invariants: t5 - t4,
    total: t5 - t0,
  };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median time of `runs` calls after `warmup` untimed ones. */
export function timeRuns(fn: () => unknown, runs: number, warmup = 2): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** Median of each stage, and the fastest whole run, over `runs` runs after `warmup` untimed ones. */
export function timeStages(
  bytes: Uint8Array,
  uncapped: boolean,
  runs: number,
  warmup = 2,
): StageTimes & { fastest: number } {
  for (let i = 0; i < warmup; i++) timedStages(bytes, uncapped);
  const all: StageTimes[] = [];
  for (let i = 0; i < runs; i++) all.push(timedStages(bytes, uncapped));
  const pick = (key: keyof StageTimes) => median(all.map((t) => t[key]));
  return {
    decode: pick('decode'),
    json: pick('json'),
    migrate: pick('migrate'),
    schema: pick('schema'),
    invariants: pick('invariants'),
    total: pick('total'),
    fastest: Math.min(...all.map((t) => t.total)),
  };
}
