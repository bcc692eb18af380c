import { evaluateMap, reasonInWords, type Label } from '../model/evaluate';
import type { ClashMap } from '../model/map';
import type { MapNode } from '../model/node';
import { maximumAssignment } from './assignment';
import { diffRelations, type RelationDiff, type RelationStatus } from './relations';
import { decisionKey, defaultSettings, type CompareSettings, type ScoreWeights } from './settings';
import {
  pairSimilarity,
  prepareMap,
  similarityMatrix,
  termWeights,
  type PairSimilarity,
  type PreparedMap,
} from './similarity';

/** A model node and the student's node taken to say the same thing. */
export interface NodeMatch {
  model: string;
  student: string;
  /** 0 to 1; for a teacher's match, the similarity the texts have anyway. */
  similarity: number;
  by: 'similarity' | 'teacher';
  /** Why they were matched, in words. */
  why: string;
}

/** A position whose label differs between the maps, with each map's reason. */
export interface LabelDiff {
  model: string;
  student: string;
  modelLabel: Label;
  studentLabel: Label;
  modelReason: string;
  studentReason: string;
}

/** One score with the words that explain it. */
export interface Score {
  value: number;
  explanation: string;
}

export interface Scores {
  claimRecall: Score;
  claimPrecision: Score;
  relationRecall: Score;
  relationPrecision: Score;
  relationF1: Score;
  combined: Score;
}

/** A student's map against the model: what matched, what differs, and the scores. */
export interface Comparison {
  model: ClashMap;
  student: ClashMap;
  /** In model order. */
  matched: NodeMatch[];
  /** Model node ids with no match, in model order. */
  missing: string[];
  /** Student node ids with no match, in the student's order. */
  extra: string[];
  relations: RelationDiff[];
  labels: LabelDiff[];
  scores: Scores;
  /** How alike a model node and a student node are (for a teacher choosing a match by hand). */
  similarity: (modelId: string, studentId: string) => PairSimilarity;
}

/** What a relation difference is worth, as a share of a relation drawn as in the model. */
export const RELATION_CREDIT: Readonly<Record<RelationStatus, number>> = {
  present: 1,
  wrongKind: 0.5,
  reversed: 0.5,
  partial: 0.5,
  missing: 0,
  extra: 0,
};

const QUOTED_LENGTH = 60;

/** “Text cut at a word…”, for explanations. */
export function quoteText(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= QUOTED_LENGTH) return `“${flat}”`;
  const cut = flat.slice(0, QUOTED_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `“${(space > QUOTED_LENGTH / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…”`;
}

function listOf(texts: readonly string[], max = 3): string {
  const shown = texts.slice(0, texts.length <= max ? max : max - 1);
  const rest = texts.length - shown.length;
  const parts = rest > 0 ? [...shown, `${rest} more`] : shown;
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

const percent = (value: number) => `${Math.round(value * 100)}%`;
const fixed = (value: number) => value.toFixed(2);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Why two nodes were matched, in words. */
export function matchReason(similarity: PairSimilarity, by: NodeMatch['by']): string {
  const parts: string[] = [];
  if (similarity.shared.length > 0) {
    const words = similarity.shared.slice(0, 4).map((w) => `“${w}”`);
    parts.push(`shared words ${listOf(words, 4)}`);
  }
  if (similarity.evidence) parts.push(similarity.evidence.why);
  const detail = parts.length > 0 ? `: ${parts.join('; ')}` : '';
  return by === 'teacher'
    ? `matched by the teacher (similarity ${fixed(similarity.score)}${detail})`
    : `similarity ${fixed(similarity.score)}${detail}`;
}

interface Matching {
  pairs: Array<{ model: number; student: number; by: NodeMatch['by'] }>;
}

function matchNodes(
  model: PreparedMap,
  student: PreparedMap,
  matrix: Float64Array,
  settings: CompareSettings,
): Matching {
  const cols = student.nodes.length;
  const byText = new Map<string, number[]>();
  student.nodes.forEach((node, j) => {
    const k = decisionKey(node.text);
    const list = byText.get(k);
    if (list) list.push(j);
    else byText.set(k, [j]);
  });
  const forcedModel = new Set<number>();
  const forcedStudent = new Set<number>();
  const forbidden = new Set<number>();
  const pairs: Matching['pairs'] = [];
  // The latest decision wins where two contradict.
  for (let d = settings.decisions.length - 1; d >= 0; d--) {
    const decision = settings.decisions[d]!;
    const row = model.index.get(decision.model);
    const students = byText.get(decisionKey(decision.student));
    if (row === undefined || students === undefined) continue;
    if (!decision.match) {
      for (const col of students) forbidden.add(row * cols + col);
      continue;
    }
    const col = students.find((j) => !forcedStudent.has(j) && !forbidden.has(row * cols + j));
    if (forcedModel.has(row) || col === undefined) continue;
    forcedModel.add(row);
    forcedStudent.add(col);
    pairs.push({ model: row, student: col, by: 'teacher' });
  }
  const assigned = maximumAssignment(model.nodes.length, cols, (i, j) => {
    if (forcedModel.has(i) || forcedStudent.has(j) || forbidden.has(i * cols + j)) return 0;
    const score = matrix[i * cols + j]!;
    return score >= settings.threshold ? score : 0;
  });
  for (const [i, j] of assigned) pairs.push({ model: i, student: j, by: 'similarity' });
  pairs.sort((a, b) => a.model - b.model);
  return { pairs };
}

function relationScores(relations: readonly RelationDiff[], model: ClashMap, student: ClashMap) {
  let modelCredit = 0;
  let studentCredit = 0;
  const counts = new Map<RelationStatus, number>();
  for (const diff of relations) {
    const credit = RELATION_CREDIT[diff.status];
    if (diff.model.length > 0) modelCredit += credit;
    if (diff.student.length > 0) studentCredit += credit;
    counts.set(diff.status, (counts.get(diff.status) ?? 0) + 1);
  }
  const recall = model.edges.length === 0 ? 1 : Math.min(1, modelCredit / model.edges.length);
  const precision =
    student.edges.length === 0
      ? model.edges.length === 0
        ? 1
        : 0
      : Math.min(1, studentCredit / student.edges.length);
  const f1 = recall + precision === 0 ? 0 : (2 * recall * precision) / (recall + precision);
  return { recall, precision, f1, modelCredit, studentCredit, counts };
}

function labelDiffs(
  model: ClashMap,
  student: ClashMap,
  matched: readonly NodeMatch[],
): LabelDiff[] {
  const kinds = new Map(model.nodes.map((n) => [n.id, n.kind]));
  const positions = matched.filter((m) => kinds.get(m.model) === 'position');
  if (positions.length === 0) return [];
  const modelEvaluation = evaluateMap(model);
  const studentEvaluation = evaluateMap(student);
  const diffs: LabelDiff[] = [];
  for (const match of positions) {
    const a = modelEvaluation.nodes.get(match.model)!;
    const b = studentEvaluation.nodes.get(match.student)!;
    if (a.label === b.label) continue;
    diffs.push({
      model: match.model,
      student: match.student,
      modelLabel: a.label,
      studentLabel: b.label,
      modelReason: reasonInWords(modelEvaluation, match.model, model),
      studentReason: reasonInWords(studentEvaluation, match.student, student),
    });
  }
  return diffs;
}

function explainScores(
  model: ClashMap,
  student: ClashMap,
  matched: readonly NodeMatch[],
  missing: readonly string[],
  extra: readonly string[],
  relations: readonly RelationDiff[],
  weights: ScoreWeights,
): Scores {
  const textOf = (map: ClashMap) => {
    const table = new Map<string, MapNode>(map.nodes.map((n) => [n.id, n]));
    return (id: string) => quoteText(table.get(id)?.text ?? id);
  };
  const modelText = textOf(model);
  const studentText = textOf(student);
  const found = matched.length;
  const recall = model.nodes.length === 0 ? 1 : found / model.nodes.length;
  const precision =
    student.nodes.length === 0 ? (model.nodes.length === 0 ? 1 : 0) : found / student.nodes.length;
  const claimRecall: Score = {
    value: recall,
    explanation:
      model.nodes.length === 0
        ? 'The model has no claims or positions to find.'
        : `Found ${found} of the model’s ${plural(model.nodes.length, 'claim')} and positions (${percent(recall)}).` +
          (missing.length > 0 ? ` Missing: ${listOf(missing.map(modelText))}.` : ''),
  };
  const claimPrecision: Score = {
    value: precision,
    explanation:
      student.nodes.length === 0
        ? 'The student’s map has no claims or positions.'
        : `${found} of the student’s ${plural(student.nodes.length, 'claim')} and positions match the model (${percent(precision)}).` +
          (extra.length > 0
            ? ` Not in the model: ${listOf(extra.map(studentText))}.`
            : ' None is beyond the model.'),
  };
  const r = relationScores(relations, model, student);
  const n = (status: RelationStatus) => r.counts.get(status) ?? 0;
  const tally = [
    `${n('present')} as in the model`,
    n('wrongKind') > 0 ? `${n('wrongKind')} of the wrong kind` : '',
    n('reversed') > 0 ? `${n('reversed')} reversed` : '',
    n('partial') > 0 ? `${n('partial')} partial (through a node in between)` : '',
    n('missing') > 0 ? `${n('missing')} missing` : '',
    n('extra') > 0 ? `${n('extra')} extra` : '',
  ].filter(Boolean);
  const half =
    n('wrongKind') + n('reversed') + n('partial') > 0
      ? '; each difference that is near worth half'
      : '';
  const relationRecall: Score = {
    value: r.recall,
    explanation:
      model.edges.length === 0
        ? 'The model has no relations to find.'
        : `Credit ${fixed(r.modelCredit)} of the model’s ${plural(model.edges.length, 'relation')} (${percent(r.recall)})${half}.`,
  };
  const relationPrecision: Score = {
    value: r.precision,
    explanation:
      student.edges.length === 0
        ? 'The student’s map has no relations.'
        : `Credit ${fixed(r.studentCredit)} of the student’s ${plural(student.edges.length, 'relation')} (${percent(r.precision)}).`,
  };
  const relationF1: Score = {
    value: r.f1,
    explanation: `Relations: ${listOf(tally, 6)}. Recall ${fixed(r.recall)} and precision ${fixed(r.precision)} give F1 ${fixed(r.f1)} (their harmonic mean).`,
  };
  const total = weights.claimRecall + weights.claimPrecision + weights.relations;
  const combinedValue =
    total === 0
      ? 0
      : (weights.claimRecall * recall +
          weights.claimPrecision * precision +
          weights.relations * r.f1) /
        total;
  const combined: Score = {
    value: combinedValue,
    explanation:
      total === 0
        ? 'Every weight is 0, so there is no combined score.'
        : `(${weights.claimRecall} × claim recall ${fixed(recall)} + ${weights.claimPrecision} × claim precision ${fixed(precision)} + ${weights.relations} × relation F1 ${fixed(r.f1)}) ÷ ${fixed(total)}, the weights’ total = ${fixed(combinedValue)}.`,
  };
  return { claimRecall, claimPrecision, relationRecall, relationPrecision, relationF1, combined };
}

/** A model read once, to compare many students' maps against it. */
export interface PreparedModel {
  prepared: PreparedMap;
}

/** Reads the model once for a class of comparisons. */
export function prepareModel(model: ClashMap): PreparedModel {
  return { prepared: prepareMap(model) };
}

/**
 * Compares a student's map with the model: matches their nodes (teacher's decisions first, then
 * optimal assignment by similarity above the threshold), then their relations, their positions'
 * labels and the scores.
 */
export function compareMaps(
  modelMap: ClashMap | PreparedModel,
  studentMap: ClashMap,
  settings: CompareSettings = defaultSettings(),
): Comparison {
  const model = 'prepared' in modelMap ? modelMap.prepared : prepareMap(modelMap);
  const student = prepareMap(studentMap);
  const weights = termWeights([model, student]);
  const matrix = similarityMatrix(model, student, weights, settings.threshold);
  const matching = matchNodes(model, student, matrix, settings);
  const similarity = (modelId: string, studentId: string) => {
    const a = model.index.get(modelId);
    const b = student.index.get(studentId);
    if (a === undefined) throw new RangeError(`the model has no node "${modelId}"`);
    if (b === undefined) throw new RangeError(`the student’s map has no node "${studentId}"`);
    return pairSimilarity(weights, model.nodes[a]!, student.nodes[b]!);
  };
  const matched = matching.pairs.map(({ model: i, student: j, by }): NodeMatch => {
    const pair = pairSimilarity(weights, model.nodes[i]!, student.nodes[j]!);
    return {
      model: model.nodes[i]!.id,
      student: student.nodes[j]!.id,
      similarity: pair.score,
      by,
      why: matchReason(pair, by),
    };
  });
  const matchedModel = new Set(matched.map((m) => m.model));
  const matchedStudent = new Set(matched.map((m) => m.student));
  const missing = model.nodes.filter((n) => !matchedModel.has(n.id)).map((n) => n.id);
  const extra = student.nodes.filter((n) => !matchedStudent.has(n.id)).map((n) => n.id);
  const relations = diffRelations(
    model.map,
    studentMap,
    new Map(matched.map((m) => [m.student, m.model])),
  );
  return {
    model: model.map,
    student: studentMap,
    matched,
    missing,
    extra,
    relations,
    labels: labelDiffs(model.map, studentMap, matched),
    scores: explainScores(
      model.map,
      studentMap,
      matched,
      missing,
      extra,
      relations,
      settings.weights,
    ),
    similarity,
  };
}
