import type { ZodMiniType } from 'zod/mini';
import type { MapChange } from './change';
import { edgeSchema } from './edge';
import { quoteMismatch, type Evidence } from './evidence';
import { LIMITS } from './limits';
import type { ClashMap } from './map';
import { mapNodeSchema, pointSchema, type MapNode } from './node';
import { connectionProblem } from './operations';
import { presentationSchema } from './presentation';
import { edgeRoundIssue, formatOfMap, nodeRoundIssues, roundSchema } from './round';
import type { Issue } from './issue';
import { sourceSchema, type Source } from './source';
import { proseSchema } from './text';
import { z } from './zod';

const titleSchema = proseSchema(LIMITS.titleLength, { allowEmpty: false });
/** A node's place, checked where the node schema checks it (so a refusal reads the same). */
const placeSchema = z.strictObject({ position: z.optional(pointSchema) });

/**
 * True when `to` is `from` moved: every field but its position is the very same value. The rest
 * of a record already in the map passed its checks, so only the new place needs one (a layout
 * or a drag of many cards moves thousands of nodes in one change).
 */
function movedOnly(from: MapNode, to: MapNode): boolean {
  const a = from as Readonly<Record<string, unknown>>;
  const b = to as Readonly<Record<string, unknown>>;
  for (const key in b) if (key !== 'position' && b[key] !== a[key]) return false;
  for (const key in a) if (key !== 'position' && !(key in b)) return false;
  return true;
}
const fineCoordinate = (n: unknown) =>
  typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= LIMITS.coordinate;
/**
 * True when `position` plainly passes `placeSchema` (no place, or a point of two coordinates in
 * range and nothing else): a layout moves thousands of nodes, and the schema would parse each.
 * Anything else goes to the schema, which words the refusal.
 */
function plainPlace(position: unknown): boolean {
  if (position === undefined) return true;
  if (typeof position !== 'object' || position === null) return false;
  let keys = 0;
  for (const key in position) {
    if (key !== 'x' && key !== 'y') return false;
    keys++;
  }
  const { x, y } = position as { x?: unknown; y?: unknown };
  return keys === 2 && fineCoordinate(x) && fineCoordinate(y);
}
const descriptionSchema = proseSchema(LIMITS.descriptionLength);

/**
 * Why a record would not pass the file format's own checks (length limits and the like), in
 * words for the user, or null.
 */
export function recordProblem(schema: ZodMiniType, value: unknown, what = 'value'): string | null {
  const result = schema.safeParse(value);
  if (result.success) return null;
  const issue = result.error.issues[0]!;
  const where = issue.path.filter((p) => typeof p === 'string').join(' ') || what;
  return `The ${where} ${issue.message}.`;
}

const sameEvidence = (a: Evidence, b: Evidence) =>
  a.sourceId === b.sourceId &&
  a.quote === b.quote &&
  a.start === b.start &&
  a.end === b.end &&
  a.speaker === b.speaker;

/** Quotes that are new in `to` (a quote kept as it was is not checked again: it may be flagged). */
function newQuotes(to: MapNode, from: MapNode | undefined): Evidence[] {
  if (!from) return to.evidence;
  return to.evidence.filter((e) => !from.evidence.some((old) => sameEvidence(old, e)));
}

function quoteProblem(evidence: Evidence, sources: ReadonlyMap<string, Source>): string | null {
  const source = sources.get(evidence.sourceId);
  if (!source) return 'That source is not in this map.';
  const mismatch = quoteMismatch(evidence, source);
  return mismatch ? `The quote ${mismatch}.` : null;
}

// How a change's message names a round field of a node.
const ROUND_FIELD_WORDS: ReadonlyMap<string, string> = new Map([
  ['speech', 'speech'],
  ['side', 'side'],
  ['sheet', 'sheet'],
  ['conceded', 'speech it was crossed out in'],
]);

function roundIssueWords(issue: Issue): string {
  const field = issue.path.split('.').pop() ?? '';
  const words = ROUND_FIELD_WORDS.get(field);
  return words ? `The ${words} ${issue.message}.` : `${capitalise(issue.message)}.`;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Why `change`, which turned some map into `map`, may not be committed, or null when it may.
 * The one check every edit passes before it commits: each record it adds or updates must pass
 * its schema, and the map must still keep its invariants where the change touched it (edge ends,
 * self-loops, duplicates, quotes, sources still quoted, steps naming nodes). Linear in the size
 * of the change, plus one pass over the edges or nodes when the change removes nodes or sources.
 */
export function changeProblem(map: ClashMap, change: MapChange): string | null {
  const nodeIds = new Set<string>();
  const needNodeIds = () => {
    if (nodeIds.size === 0) for (const node of map.nodes) nodeIds.add(node.id);
    return nodeIds;
  };
  let sourcesById: Map<string, Source> | null = null;
  let nodesById: Map<string, MapNode> | null = null;
  const nodeById = (id: string) =>
    (nodesById ??= new Map(map.nodes.map((n) => [n.id, n] as const))).get(id);
  const format = formatOfMap(map);
  const sources = () => (sourcesById ??= new Map(map.sources.map((s) => [s.id, s])));

  const nodes: Array<{ to: MapNode; from?: MapNode }> = [
    ...[...change.nodes.added.values()].map(({ record }) => ({ to: record })),
    ...[...change.nodes.updated.values()],
  ];
  for (const { to, from } of nodes) {
    if (from && movedOnly(from, to)) {
      if (plainPlace(to.position)) continue;
      const problem = recordProblem(placeSchema, { position: to.position }, 'node');
      if (problem) return problem;
      continue;
    }
    const problem = recordProblem(mapNodeSchema, to, 'node');
    if (problem) return problem;
    const roundIssue = nodeRoundIssues(to, 'node', format, nodeById)[0];
    if (roundIssue) return roundIssueWords(roundIssue);
    for (const evidence of newQuotes(to, from)) {
      const bad = quoteProblem(evidence, sources());
      if (bad) return bad;
    }
  }

  const edges = [
    ...[...change.edges.added.values()].map(({ record }) => record),
    ...[...change.edges.updated.values()].map(({ to }) => to),
  ];
  for (const edge of edges) {
    const problem =
      recordProblem(edgeSchema, edge, 'connection') ??
      connectionProblem(map, edge.from, edge.to, edge.kind, edge.id);
    if (problem) return problem;
    const roundIssue = edgeRoundIssue(edge, 'edge', format, nodeById);
    if (roundIssue) return roundIssueWords(roundIssue);
  }

  const changedSources = [
    ...[...change.sources.added.values()].map(({ record }) => record),
    ...[...change.sources.updated.values()].map(({ to }) => to),
  ];
  for (const source of changedSources) {
    const problem = recordProblem(sourceSchema, source, 'source');
    if (problem) return problem;
  }

  if (change.nodes.removed.size > 0) {
    const ids = needNodeIds();
    const dangling = map.edges.find((e) => !ids.has(e.from) || !ids.has(e.to));
    if (dangling) return 'A connection would be left without one of its ends.';
    const sheetless = map.nodes.find((n) => n.kind === 'claim' && n.sheet && !ids.has(n.sheet));
    if (sheetless) return 'A claim would be left on a sheet that is not on the map.';
  }
  if (change.sources.removed.size > 0) {
    const gone = change.sources.removed;
    if (
      map.nodes.some((n) =>
        n.evidence.some((e) => gone.has(e.sourceId) && !sources().has(e.sourceId)),
      )
    )
      return 'A node still quotes that source; remove those quotes first.';
  }

  if (change.fields) {
    const { from, to } = change.fields;
    if (to.title !== from.title) {
      const problem = recordProblem(titleSchema, to.title, 'title');
      if (problem) return problem;
    }
    if (to.description !== from.description && to.description !== undefined) {
      const problem = recordProblem(descriptionSchema, to.description, 'description');
      if (problem) return problem;
    }
    if (to.presentation !== from.presentation && to.presentation !== undefined) {
      const problem = recordProblem(presentationSchema, to.presentation, 'presentation');
      if (problem) return problem;
    }
    if (to.round !== from.round) {
      if (to.round !== undefined) {
        const problem = recordProblem(roundSchema, to.round, 'round');
        if (problem) return problem;
      }
      // Another format has other speeches: every node's speech is checked against it again.
      if (to.round?.format !== from.round?.format) {
        for (const node of map.nodes) {
          const issue = nodeRoundIssues(node, 'node', format, nodeById)[0];
          if (issue) return roundIssueWords(issue);
        }
      }
    }
  }
  if (map.presentation && (change.fields || change.nodes.removed.size > 0)) {
    const ids = needNodeIds();
    for (const step of map.presentation.steps)
      if (step.nodes.some((id) => !ids.has(id)))
        return 'A presentation step would show a node that is not on the map.';
  }
  return null;
}
