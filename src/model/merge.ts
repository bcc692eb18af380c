import { argumentsBrokenBy } from './arguments';
import type { Edge } from './edge';
import { checkStructure } from './invariants';
import type { ClashMap } from './map';
import type { MapNode } from './node';
import { relationKind } from './relations/registry';
import type { Source } from './source';

/**
 * Merging two versions of one map that share an ancestor (two tabs, later two peers), and the
 * repair pass that makes a merged map whole again. Both are deterministic: the same three maps
 * give the same result on every machine, so every copy that merges them agrees.
 */

interface Identified {
  id: string;
}

/** JSON with object keys sorted: two records are the same when their canonical texts are. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            .filter(([, field]) => field !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

const same = (a: unknown, b: unknown) => a === b || canonical(a) === canonical(b);

/** Whether a value is a list of records with ids, such as a node's quotes. */
function isTable(value: unknown): value is Identified[] {
  return (
    Array.isArray(value) &&
    value.every(
      (item) =>
        typeof item === 'object' &&
        item !== null &&
        typeof (item as Record<string, unknown>).id === 'string',
    )
  );
}

/**
 * Field by field (a list of records with ids that both changed is merged record by record): what `theirs` changed from `base` and `mine` did not is taken from theirs;
 * everything else stays as mine has it (both changed a field: mine wins).
 */
function mergeFields<T extends object>(base: T, mine: T, theirs: T): T {
  const b = base as Record<string, unknown>;
  const m = mine as Record<string, unknown>;
  const t = theirs as Record<string, unknown>;
  let result: Record<string, unknown> | null = null;
  const keys = new Set([...Object.keys(b), ...Object.keys(t)]);
  for (const key of [...keys].sort()) {
    if (same(t[key], b[key])) continue;
    if (!same(m[key], b[key])) {
      // Both changed a list of records with ids (a node's quotes): merge it record by record.
      if (isTable(b[key]) && isTable(m[key]) && isTable(t[key])) {
        result ??= { ...m };
        result[key] = mergeTable(b[key], m[key], t[key]);
      }
      continue;
    }
    result ??= { ...m };
    if (t[key] === undefined) delete result[key];
    else result[key] = t[key];
  }
  return (result ?? mine) as T;
}

/**
 * One table: mine, with what theirs changed since base. A record either side removed is gone
 * (a removal wins over an edit, as in Yjs); records only they added are placed after the record
 * that precedes them in theirs.
 */
function mergeTable<T extends Identified>(
  base: readonly T[],
  mine: readonly T[],
  theirs: readonly T[],
): T[] {
  const baseById = new Map(base.map((r) => [r.id, r]));
  const mineIds = new Set(mine.map((r) => r.id));
  const theirsById = new Map(theirs.map((r) => [r.id, r]));
  const result: T[] = [];
  for (const record of mine) {
    const was = baseById.get(record.id);
    const now = theirsById.get(record.id);
    if (was && !now) continue; // they removed it
    result.push(was && now ? mergeFields(was, record, now) : record);
  }
  theirs.forEach((record, i) => {
    if (baseById.has(record.id) || mineIds.has(record.id)) return;
    let at = 0;
    for (let j = i - 1; j >= 0; j--) {
      const before = result.findIndex((r) => r.id === theirs[j]!.id);
      if (before >= 0) {
        at = before + 1;
        break;
      }
    }
    // Records added on both sides at one spot are ordered by id, so every copy agrees.
    while (
      at < result.length &&
      !baseById.has(result[at]!.id) &&
      !theirsById.has(result[at]!.id) &&
      result[at]!.id < record.id
    )
      at++;
    result.splice(at, 0, record);
  });
  return result;
}

/** What the repair pass changed, in words, one line per fix. */
export interface Repaired {
  map: ClashMap;
  repairs: string[];
}

const short = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);

/**
 * Makes a merged map whole: drops relations whose end is gone and repeated relations, restores
 * a source that a quote still cites (from `sourcesKnown`), and drops presentation steps and
 * what-ifs naming removed nodes. Says what it did. The order of fixes is fixed, so every copy
 * repairs the same map the same way.
 */
export function repairMap(map: ClashMap, sourcesKnown: readonly Source[] = []): Repaired {
  const repairs: string[] = [];
  const nodesById = new Map<string, MapNode>(map.nodes.map((n) => [n.id, n]));

  const seen = new Set<string>();
  const edges: Edge[] = [];
  for (const edge of map.edges) {
    const from = nodesById.get(edge.from);
    const to = nodesById.get(edge.to);
    const noun = relationKind(edge.kind).names.noun;
    if (!from || !to || edge.from === edge.to) {
      const end = from ?? to;
      repairs.push(
        end
          ? `A ${noun} of “${short(end.text)}” was removed: the node at its other end was deleted.`
          : `A ${noun} was removed: both of its nodes were deleted.`,
      );
      continue;
    }
    const key = `${edge.from}\u0000${edge.to}\u0000${edge.kind}`;
    if (seen.has(key)) {
      repairs.push(`A repeated ${noun} from “${short(from.text)}” was removed.`);
      continue;
    }
    seen.add(key);
    edges.push(edge);
  }

  // An argument whose last premise or whose conclusion someone else deleted cannot stand alone.
  let nodes = map.nodes;
  const broken = argumentsBrokenBy({ nodes, edges }, new Set(), new Set());
  if (broken.size > 0) {
    nodes = nodes.filter((node) => !broken.has(node.id));
    const kept = edges.filter((edge) => !broken.has(edge.from) && !broken.has(edge.to));
    edges.length = 0;
    edges.push(...kept);
    repairs.push(
      broken.size === 1
        ? 'An argument that had lost its premises or its conclusion was removed.'
        : `${broken.size} arguments that had lost their premises or their conclusion were removed.`,
    );
  }

  // A claim whose sheet someone else deleted stays on the map, on no sheet.
  if (nodes.some((n) => n.kind === 'claim' && n.sheet && !nodesById.get(n.sheet))) {
    nodes = nodes.map((node) => {
      if (node.kind !== 'claim' || node.sheet === undefined || nodesById.has(node.sheet))
        return node;
      const { sheet: _gone, ...kept } = node;
      return kept;
    });
    repairs.push('Claims on a deleted sheet were kept, on no sheet.');
  }

  let sources = map.sources;
  const sourceIds = new Set(sources.map((s) => s.id));
  for (const node of map.nodes) {
    for (const evidence of node.evidence) {
      if (sourceIds.has(evidence.sourceId)) continue;
      const known = sourcesKnown.find((s) => s.id === evidence.sourceId);
      if (!known) continue;
      sources = [...sources, known];
      sourceIds.add(known.id);
      repairs.push(`The source “${short(known.title)}” was kept: a quote still cites it.`);
    }
  }

  let presentation = map.presentation;
  if (presentation) {
    let changed = false;
    const steps = presentation.steps.flatMap((step) => {
      const nodes = step.nodes.filter((id) => nodesById.has(id));
      if (nodes.length === step.nodes.length) return [step];
      changed = true;
      return nodes.length ? [{ ...step, nodes }] : [];
    });
    if (changed) {
      repairs.push('Presentation steps that showed deleted nodes were updated.');
      presentation = { steps };
    }
  }

  let assumptions = map.assumptions;
  if (assumptions?.some((a) => !nodesById.has(a.node))) {
    assumptions = assumptions.filter((a) => nodesById.has(a.node));
    repairs.push('What-ifs on deleted nodes were dropped.');
  }

  if (!repairs.length) return { map, repairs };
  const repaired: ClashMap = { ...map, nodes, edges, sources };
  if (presentation === undefined) delete repaired.presentation;
  else repaired.presentation = presentation;
  if (assumptions === undefined) delete repaired.assumptions;
  else repaired.assumptions = assumptions;
  return { map: repaired, repairs };
}

/**
 * Three-way merge: `mine` with every change `theirs` made since `base` that does not clash with
 * one of mine (where both changed the same field of the same record, mine is kept), then
 * repaired. Null when even the repaired map breaks a rule (it is then for the user to choose).
 */
export function mergeMaps(base: ClashMap, mine: ClashMap, theirs: ClashMap): Repaired | null {
  // Presentation steps are records with ids: `steps` is merged step by step like a table.
  const flat = (map: ClashMap) => ({
    title: map.title,
    description: map.description,
    steps: map.presentation?.steps,
    assumptions: map.assumptions,
    round: map.round,
  });
  const flatFields = mergeFields(flat(base), flat(mine), flat(theirs));
  const fields = {
    ...flatFields,
    presentation: flatFields.steps ? { steps: flatFields.steps } : undefined,
  };
  const merged: ClashMap = {
    ...mine,
    title: fields.title,
    sources: mergeTable(base.sources, mine.sources, theirs.sources),
    nodes: mergeTable(base.nodes, mine.nodes, theirs.nodes),
    edges: mergeTable(base.edges, mine.edges, theirs.edges),
  };
  for (const key of ['description', 'presentation', 'assumptions', 'round'] as const) {
    if (fields[key] === undefined) delete merged[key];
    else (merged as unknown as Record<string, unknown>)[key] = fields[key];
  }
  const result = repairMap(merged, [...theirs.sources, ...base.sources, ...mine.sources]);
  return checkStructure(result.map).length ? null : result;
}
