import type { ClashMap } from '../model/map';
import type { MapNode, NodeKind } from '../model/node';
import type { Source } from '../model/source';
import { normaliseText, quoteKey, stemmedWords } from './text';

/** How much the wording counts against the order of words (edit ratio) in a text's similarity. */
const COSINE_WEIGHT = 0.7;
const EDIT_WEIGHT = 1 - COSINE_WEIGHT;
/** How far shared evidence lifts a pair: the same quote takes a pair with no shared word to 0.7. */
const EVIDENCE_WEIGHT = 0.7;
/** Quotes shorter than this are not taken as evidence by containment ("Mexico" is in every quote). */
const MIN_CONTAINED_QUOTE = 20;

/** A quote as matching sees it. */
interface QuoteFeature {
  key: string;
  /** Ways to recognise its source in another map: its address, title or text. */
  source: readonly string[];
  start?: number | undefined;
  end?: number | undefined;
}

/** One node of a map, read once for matching. */
export interface NodeFeatures {
  id: string;
  kind: NodeKind;
  text: string;
  stems: readonly string[];
  /** The word each stem was first read from in this text. */
  words: ReadonlyMap<string, string>;
  /** The stems in order, as numbers (for the edit distance). */
  sequence: Int32Array;
  /** The normalised text, for texts with no word that counts ("So it is."). */
  bare: string;
  quotes: readonly QuoteFeature[];
}

/** A map read once for matching: its nodes' stems and quotes. */
export interface PreparedMap {
  map: ClashMap;
  nodes: readonly NodeFeatures[];
  index: ReadonlyMap<string, number>;
}

function sourceKeys(source: Source): string[] {
  const keys = [`title:${quoteKey(source.title)}`];
  if (source.url)
    keys.push(`url:${source.url.replace(/^https?:\/\/(www\.)?/i, '').replace(/\/+$/, '')}`);
  if (source.text) keys.push(`text:${source.text.length}:${quoteKey(source.text.slice(0, 400))}`);
  return keys;
}

// Stems as numbers, shared by every map read, so that two maps' sequences compare as numbers.
const TERM_NUMBERS = new Map<string, number>();
const TERM_NAMES: string[] = [];
function termNumber(term: string): number {
  let n = TERM_NUMBERS.get(term);
  if (n === undefined) {
    n = TERM_NAMES.length;
    TERM_NUMBERS.set(term, n);
    TERM_NAMES.push(term);
  }
  return n;
}

/** Reads a map's nodes for matching (stems, quotes and their sources). */
export function prepareMap(map: ClashMap): PreparedMap {
  const sources = new Map<string, string[]>();
  for (const source of map.sources) sources.set(source.id, sourceKeys(source));
  const nodes = map.nodes.map((node): NodeFeatures => {
    const read = stemmedWords(node.text);
    const words = new Map<string, string>();
    for (const { stem, word } of read) if (!words.has(stem)) words.set(stem, word);
    return {
      id: node.id,
      kind: node.kind,
      text: node.text,
      stems: read.map((w) => w.stem),
      words,
      sequence: Int32Array.from(read, (w) => termNumber(w.stem)),
      bare: normaliseText(node.text),
      quotes: node.evidence.map((e) => ({
        key: quoteKey(e.quote),
        source: sources.get(e.sourceId) ?? [],
        start: e.start,
        end: e.end,
      })),
    };
  });
  return { map, nodes, index: new Map(nodes.map((n, i) => [n.id, i])) };
}

/**
 * Levenshtein distance between two sequences (strings or arrays of numbers), one row at a time.
 * With `limit`, gives up as soon as the distance must exceed it and returns `limit + 1`.
 */
export function editDistance(
  a: ArrayLike<unknown>,
  b: ArrayLike<unknown>,
  limit = Infinity,
): number {
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = new Int32Array(b.length + 1);
  let current = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMinimum = i;
    const ca = a[i - 1];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (ca === b[j - 1] ? 0 : 1);
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    // Distances never shrink from one row to the next, so the final one is at least this.
    if (rowMinimum > limit) return limit + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

/** 1 for the same sequence, 0 for nothing in common: one minus the edit distance over the longer length. */
export function editRatio(a: ArrayLike<unknown>, b: ArrayLike<unknown>): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 0 : 1 - editDistance(a, b) / longer;
}

/** What two nodes' quotes have in common: a strength from 0 to 1 and why, in words. */
export interface EvidenceLink {
  strength: number;
  why: string;
}

function sameSource(a: QuoteFeature, b: QuoteFeature): boolean {
  return a.source.some((key) => b.source.includes(key));
}

/** The strongest thing two nodes' quotes share: the same quote, overlapping spans of one source, or one quote inside the other. */
export function evidenceLink(a: NodeFeatures, b: NodeFeatures): EvidenceLink | null {
  let best: EvidenceLink | null = null;
  const consider = (strength: number, why: string) => {
    if (best === null || strength > best.strength) best = { strength, why };
  };
  for (const qa of a.quotes) {
    for (const qb of b.quotes) {
      if (qa.key !== '' && qa.key === qb.key) {
        consider(1, 'the same quote');
        continue;
      }
      if (
        qa.start !== undefined &&
        qa.end !== undefined &&
        qb.start !== undefined &&
        qb.end !== undefined &&
        sameSource(qa, qb)
      ) {
        const overlap = Math.min(qa.end, qb.end) - Math.max(qa.start, qb.start);
        if (overlap > 0) {
          const shorter = Math.min(qa.end - qa.start, qb.end - qb.start);
          consider(0.5 + 0.5 * (overlap / shorter), 'overlapping quotes from the same source');
        }
        continue;
      }
      const [shortKey, longKey] =
        qa.key.length <= qb.key.length ? [qa.key, qb.key] : [qb.key, qa.key];
      if (shortKey.length >= MIN_CONTAINED_QUOTE && longKey.includes(shortKey))
        consider(0.8, 'one quote contains the other');
    }
  }
  return best;
}

/** A node's TF-IDF vector: its distinct term numbers, ascending, and their weights (L2-normalised). */
interface TermVector {
  terms: Int32Array;
  weights: Float64Array;
}

/** TF-IDF vectors for the nodes of the maps compared, IDF over all their nodes: rare words say more. */
export interface TermWeights {
  vectors: Map<NodeFeatures, TermVector>;
}

/** TF-IDF vectors (L2-normalised) for every node of both maps, with IDF over both maps' nodes. */
export function termWeights(maps: readonly PreparedMap[]): TermWeights {
  const df = new Map<number, number>();
  let documents = 0;
  const counted = new Map<NodeFeatures, Map<number, number>>();
  for (const map of maps) {
    for (const node of map.nodes) {
      documents++;
      const tf = new Map<number, number>();
      for (const term of node.sequence) tf.set(term, (tf.get(term) ?? 0) + 1);
      for (const term of tf.keys()) df.set(term, (df.get(term) ?? 0) + 1);
      counted.set(node, tf);
    }
  }
  const vectors = new Map<NodeFeatures, TermVector>();
  for (const [node, tf] of counted) {
    const terms = Int32Array.from(tf.keys()).sort();
    const weights = new Float64Array(terms.length);
    let norm = 0;
    terms.forEach((term, k) => {
      const weight = tf.get(term)! * (Math.log((documents + 1) / (df.get(term)! + 1)) + 1);
      weights[k] = weight;
      norm += weight * weight;
    });
    norm = Math.sqrt(norm);
    if (norm > 0) for (let k = 0; k < weights.length; k++) weights[k]! /= norm;
    vectors.set(node, { terms, weights });
  }
  return { vectors };
}

const EMPTY_VECTOR: TermVector = { terms: new Int32Array(0), weights: new Float64Array(0) };

// How many distinct terms the last `cosine` found in both vectors (read right after the call;
// a module variable rather than a returned object, because the matrix calls this 10,000 times
// per student).
let lastCommon = 0;

// Both term lists are ascending, so the dot product is one merge.
function cosine(a: TermVector, b: TermVector): number {
  let dot = 0;
  let common = 0;
  let i = 0;
  let j = 0;
  while (i < a.terms.length && j < b.terms.length) {
    const x = a.terms[i]!;
    const y = b.terms[j]!;
    if (x === y) {
      dot += a.weights[i++]! * b.weights[j++]!;
      common++;
    } else if (x < y) i++;
    else j++;
  }
  lastCommon = common;
  return Math.min(1, dot);
}

/** How alike two nodes are, and the parts that make up the score. */
export interface PairSimilarity {
  /** The score matching uses, 0 to 1. */
  score: number;
  /** TF-IDF cosine of their stemmed words. */
  cosine: number;
  /** Edit-distance ratio of their stemmed words in order. */
  edit: number;
  evidence: EvidenceLink | null;
  /** Words both texts use (as the first text writes them; synonyms count), the rarest first. */
  shared: string[];
}

/**
 * The edit ratio of two texts' stems in order, word by word (a character-level distance on
 * 30-word claims costs a hundred times more and adds nothing the stems miss). Two texts with no
 * word that counts are alike only when they read the same.
 */
function wordEditRatio(a: NodeFeatures, b: NodeFeatures): number {
  if (a.sequence.length === 0 && b.sequence.length === 0) return a.bare === b.bare ? 1 : 0;
  return editRatio(a.sequence, b.sequence);
}

const combine = (text: number, evidence: number) =>
  1 - (1 - text) * (1 - EVIDENCE_WEIGHT * evidence);

/** The similarity of two nodes, with its parts (for explanations). */
export function pairSimilarity(
  weights: TermWeights,
  a: NodeFeatures,
  b: NodeFeatures,
): PairSimilarity {
  const va = weights.vectors.get(a) ?? EMPTY_VECTOR;
  const vb = weights.vectors.get(b) ?? EMPTY_VECTOR;
  const cos = cosine(va, vb);
  const edit = wordEditRatio(a, b);
  const evidence = evidenceLink(a, b);
  const inB = new Set(vb.terms);
  const shared = [...va.terms.keys()]
    .filter((k) => inB.has(va.terms[k]!))
    .sort((x, y) => va.weights[y]! - va.weights[x]!)
    .map((k) => a.words.get(TERM_NAMES[va.terms[k]!]!) ?? TERM_NAMES[va.terms[k]!]!);
  return {
    score: combine(COSINE_WEIGHT * cos + EDIT_WEIGHT * edit, evidence?.strength ?? 0),
    cosine: cos,
    edit,
    evidence,
    shared,
  };
}

/**
 * The score of every pair of nodes of the same kind (rows: the first map's nodes, columns: the
 * second's), exact wherever it could reach `floor`; pairs that cannot (whatever their edit
 * ratio) hold 0, which is what matching gives them anyway. The edit distance, the costly part,
 * is only computed where it could make a difference.
 */
export function similarityMatrix(
  a: PreparedMap,
  b: PreparedMap,
  weights: TermWeights,
  floor: number,
): Float64Array {
  const rows = a.nodes.length;
  const cols = b.nodes.length;
  const matrix = new Float64Array(rows * cols);
  const vb = b.nodes.map((node) => weights.vectors.get(node) ?? EMPTY_VECTOR);
  for (let i = 0; i < rows; i++) {
    const na = a.nodes[i]!;
    const va = weights.vectors.get(na) ?? EMPTY_VECTOR;
    for (let j = 0; j < cols; j++) {
      const nb = b.nodes[j]!;
      if (na.kind !== nb.kind) continue;
      const cos = cosine(va, vb[j]!);
      const evidence =
        na.quotes.length > 0 && nb.quotes.length > 0 ? (evidenceLink(na, nb)?.strength ?? 0) : 0;
      const longer = Math.max(na.sequence.length, nb.sequence.length);
      // Every distinct term of one text that the other lacks costs at least one edit.
      const unshared = Math.max(va.terms.length, vb[j]!.terms.length) - lastCommon;
      const editBound = longer === 0 ? 1 : 1 - unshared / longer;
      if (combine(COSINE_WEIGHT * cos + EDIT_WEIGHT * editBound, evidence) < floor) continue;
      // The largest distance that still lets the pair reach the floor: beyond it, stop counting.
      const textNeeded = 1 - (1 - floor) / (1 - EVIDENCE_WEIGHT * evidence);
      const editNeeded = (textNeeded - COSINE_WEIGHT * cos) / EDIT_WEIGHT;
      let edit: number;
      if (longer === 0) edit = wordEditRatio(na, nb);
      else {
        const limit = editNeeded <= 0 ? Infinity : Math.floor((1 - editNeeded) * longer + 1e-9);
        const distance = editDistance(na.sequence, nb.sequence, limit);
        if (distance > limit) continue;
        edit = 1 - distance / longer;
      }
      matrix[i * cols + j] = combine(COSINE_WEIGHT * cos + EDIT_WEIGHT * edit, evidence);
    }
  }
  return matrix;
}

/** Whether two nodes are of kinds that may be matched (a position only with a position). */
export const sameKind = (a: Pick<MapNode, 'kind'>, b: Pick<MapNode, 'kind'>) => a.kind === b.kind;
