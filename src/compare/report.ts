import type { ClashMap } from '../model/map';
import { relationKind, type EdgeKind } from '../model/relations/registry';
import { compareMaps, prepareModel, quoteText, type Comparison } from './compare';
import type { RelationDiff, RelationStatus } from './relations';
import type { CompareSettings } from './settings';

/** One student's result as `clashmap compare --json` prints it. */
export interface ComparisonJson {
  student: string;
  matched: Array<{
    model: string;
    student: string;
    similarity: number;
    by: 'similarity' | 'teacher';
  }>;
  missing: string[];
  extra: string[];
  relations: Record<Exclude<RelationStatus, 'present'>, Array<[string, string]>>;
  labels: Array<{ model: string; student: string; modelLabel: string; studentLabel: string }>;
  scores: Record<keyof Comparison['scores'], number>;
}

const round = (value: number) => Math.round(value * 1000) / 1000;

function endsOf(diff: RelationDiff): [string, string] {
  if (diff.status === 'extra') return [diff.student[0]!.from, diff.student[0]!.to];
  return diff.ends!;
}

/**
 * The machine-readable report: matched pairs with their similarity, missing (model ids) and
 * extra (student ids) nodes, relation differences as [from, to] node ids (the model's ids and
 * direction, except `extra`, which is in the student's ids), differing labels and the scores.
 */
export function comparisonJson(name: string, comparison: Comparison): ComparisonJson {
  const relations: ComparisonJson['relations'] = {
    missing: [],
    extra: [],
    wrongKind: [],
    reversed: [],
    partial: [],
  };
  for (const diff of comparison.relations) {
    if (diff.status !== 'present') relations[diff.status].push(endsOf(diff));
  }
  const scores = Object.fromEntries(
    Object.entries(comparison.scores).map(([k, s]) => [k, round(s.value)]),
  ) as ComparisonJson['scores'];
  return {
    student: name,
    matched: comparison.matched.map((m) => ({
      model: m.model,
      student: m.student,
      similarity: round(m.similarity),
      by: m.by,
    })),
    missing: comparison.missing,
    extra: comparison.extra,
    relations,
    labels: comparison.labels.map((l) => ({
      model: l.model,
      student: l.student,
      modelLabel: l.modelLabel,
      studentLabel: l.studentLabel,
    })),
    scores,
  };
}

/** One student's file in a class: compared, or refused with the lines that say why. */
export type ClassEntry =
  | { name: string; ok: true; comparison: Comparison }
  | { name: string; ok: false; errors: string[] };

/** A class compared against one model: each student's result and, per model node and relation, how many found it. */
export interface ClassComparison {
  model: ClashMap;
  entries: ClassEntry[];
  /** Per model node id: how many students' maps have a match for it. */
  nodeFound: Map<string, number>;
  /** Per model edge id: how many drew it as in the model, and how many drew it nearly (wrong kind, reversed, partial). */
  edgeFound: Map<string, { exact: number; near: number }>;
  /** How many students' maps were compared (those that opened). */
  compared: number;
}

/** A student's file as the caller opened it: a map, or the lines that say why it did not open. */
export type StudentFile =
  { name: string; ok: true; map: ClashMap } | { name: string; ok: false; errors: string[] };

/** Compares every student's map that opened with the model; the others are listed with their errors. */
export function compareClass(
  model: ClashMap,
  students: readonly StudentFile[],
  settings: CompareSettings,
): ClassComparison {
  const prepared = prepareModel(model);
  const nodeFound = new Map(model.nodes.map((n) => [n.id, 0]));
  const edgeFound = new Map(model.edges.map((e) => [e.id, { exact: 0, near: 0 }]));
  let compared = 0;
  const entries = students.map((file): ClassEntry => {
    if (!file.ok) return file;
    const comparison = compareMaps(prepared, file.map, settings);
    compared++;
    for (const m of comparison.matched) nodeFound.set(m.model, (nodeFound.get(m.model) ?? 0) + 1);
    // Each model relation counts once per student, at the best the student did: a shortcut
    // across a model path of two gives each of the two a near find, unless drawn exactly too.
    const best = new Map<string, 'exact' | 'near'>();
    for (const diff of comparison.relations) {
      if (diff.status === 'missing' || diff.status === 'extra') continue;
      for (const edge of diff.model) {
        if (diff.status === 'present') best.set(edge.id, 'exact');
        else if (!best.has(edge.id)) best.set(edge.id, 'near');
      }
    }
    for (const [id, how] of best) {
      const tally = edgeFound.get(id);
      if (tally) tally[how]++;
    }
    return { name: file.name, ok: true, comparison };
  });
  return { model, entries, nodeFound, edgeFound, compared };
}

/** The model's nodes and relations that no student found, not even nearly (ids, in model order). */
export function missedByEveryone(result: ClassComparison): { nodes: string[]; edges: string[] } {
  return {
    nodes: result.model.nodes
      .filter((n) => (result.nodeFound.get(n.id) ?? 0) === 0)
      .map((n) => n.id),
    edges: result.model.edges
      .filter((e) => {
        const tally = result.edgeFound.get(e.id);
        return !tally || tally.exact + tally.near === 0;
      })
      .map((e) => e.id),
  };
}

/** "Missed by everyone: 15 of 25 claims and positions, 21 of 31 relations." */
export function missedSentence(result: ClassComparison): string {
  const missed = missedByEveryone(result);
  return `Missed by everyone: ${missed.nodes.length} of ${result.model.nodes.length} claims and positions, ${missed.edges.length} of ${result.model.edges.length} relations.`;
}

const CSV_COLUMNS = [
  'student',
  'combined',
  'claim recall',
  'claim precision',
  'relation recall',
  'relation precision',
  'relation F1',
  'matched',
  'missing',
  'extra',
  'relations missing',
  'relations extra',
  'wrong kind',
  'reversed',
  'partial',
  'labels differ',
  'error',
] as const;

/** A CSV field: quoted when it holds a comma, quote or line break; a leading =, +, - or @ is defused so a spreadsheet shows it as text. */
export function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per student (those that did not open carry their error), with a header row. */
export function classCsv(result: ClassComparison): string {
  const rows: (string | number)[][] = [[...CSV_COLUMNS]];
  for (const entry of result.entries) {
    if (!entry.ok) {
      rows.push([entry.name, ...CSV_COLUMNS.slice(1, -1).map(() => ''), entry.errors.join(' ')]);
      continue;
    }
    const c = entry.comparison;
    const s = c.scores;
    const count = (status: RelationStatus) => c.relations.filter((r) => r.status === status).length;
    rows.push([
      entry.name,
      round(s.combined.value),
      round(s.claimRecall.value),
      round(s.claimPrecision.value),
      round(s.relationRecall.value),
      round(s.relationPrecision.value),
      round(s.relationF1.value),
      c.matched.length,
      c.missing.length,
      c.extra.length,
      count('missing'),
      count('extra'),
      count('wrongKind'),
      count('reversed'),
      count('partial'),
      c.labels.length,
      '',
    ]);
  }
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

const RELATION_WORDS: Record<RelationStatus, string> = {
  present: 'as in the model',
  missing: 'missing',
  extra: 'extra',
  wrongKind: 'wrong kind',
  reversed: 'reversed',
  partial: 'partial',
};

/** One relation difference in words, naming the nodes by their text. */
export function describeRelation(diff: RelationDiff, comparison: Comparison): string {
  const modelText = new Map(comparison.model.nodes.map((n) => [n.id, n.text]));
  const studentText = new Map(comparison.student.nodes.map((n) => [n.id, n.text]));
  const m = (id: string) => quoteText(modelText.get(id) ?? id);
  const s = (id: string) => quoteText(studentText.get(id) ?? id);
  const verb = (kind: EdgeKind) => relationKind(kind).names.verb;
  const [me] = diff.model;
  const [se] = diff.student;
  switch (diff.status) {
    case 'present':
      return `${m(me!.from)} ${verb(me!.kind)} ${m(me!.to)}, as in the model`;
    case 'missing':
      return `missing: ${m(me!.from)} ${verb(me!.kind)} ${m(me!.to)}`;
    case 'extra':
      return `extra: ${s(se!.from)} ${verb(se!.kind)} ${s(se!.to)}, which the model does not have`;
    case 'wrongKind':
      return `wrong kind: ${m(me!.from)} ${verb(me!.kind)} ${m(me!.to)} in the model, but ${verb(se!.kind)} it in the student’s map`;
    case 'reversed':
      return `reversed: the model has ${m(me!.from)} ${verb(me!.kind)} ${m(me!.to)}; the student drew it the other way (${s(se!.from)} ${verb(se!.kind)} ${s(se!.to)})`;
    case 'partial':
      return diff.via?.in === 'student'
        ? `partial: the model joins ${m(me!.from)} to ${m(me!.to)} directly; the student goes through ${s(diff.via.id)}`
        : `partial: the student joins ${s(se!.from)} to ${s(se!.to)} directly; the model goes through ${m(diff.via!.id)}`;
    default: {
      const unknown: never = diff.status;
      throw new TypeError(`unknown relation status ${String(unknown)}`);
    }
  }
}

export { RELATION_WORDS };
