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
  joined: string;
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
      joined: read.length > 0 ? read.map((w) => w.stem).join(' ') : normaliseText(node.text),
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

/** Levenshtein distance, one row at a time. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = new Int32Array(b.length + 1);
  let current = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

/** 1 for the same string, 0 for nothing in common: one minus the edit distance over the longer length. */
export function editRatio(a: string, b: string): number {
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

/** Document frequencies over both maps, as inverse weights: rare words say more. */
export interface TermWeights {
  vectors: Map<NodeFeatures, Map<string, number>>;
}

/** TF-IDF vectors (L2-normalised) for every node of both maps, with IDF over both maps' nodes. */
export function termWeights(maps: readonly PreparedMap[]): TermWeights {
  const df = new Map<string, number>();
  let documents = 0;
  for (const map of maps) {
    for (const node of map.nodes) {
      documents++;
      for (const term of new Set(node.stems)) df.set(term, (df.get(term) ?? 0) + 1);
    }
  }
  const vectors = new Map<NodeFeatures, Map<string, number>>();
  for (const map of maps) {
    for (const node of map.nodes) {
      const vector = new Map<string, number>();
      for (const term of node.stems) vector.set(term, (vector.get(term) ?? 0) + 1);
      let norm = 0;
      for (const [term, tf] of vector) {
        const weight = tf * (Math.log((documents + 1) / ((df.get(term) ?? 0) + 1)) + 1);
        vector.set(term, weight);
        norm += weight * weight;
      }
      norm = Math.sqrt(norm);
      if (norm > 0) for (const [term, weight] of vector) vector.set(term, weight / norm);
      vectors.set(node, vector);
    }
  }
  return { vectors };
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, weight] of small) dot += weight * (large.get(term) ?? 0);
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

const combine = (text: number, evidence: number) =>
  1 - (1 - text) * (1 - EVIDENCE_WEIGHT * evidence);

/** The similarity of two nodes, with its parts (for explanations). */
export function pairSimilarity(
  weights: TermWeights,
  a: NodeFeatures,
  b: NodeFeatures,
): PairSimilarity {
  const va = weights.vectors.get(a) ?? new Map<string, number>();
  const vb = weights.vectors.get(b) ?? new Map<string, number>();
  const cos = cosine(va, vb);
  const edit = editRatio(a.joined, b.joined);
  const evidence = evidenceLink(a, b);
  const shared = [...va.keys()]
    .filter((term) => vb.has(term))
    .sort((x, y) => (va.get(y) ?? 0) - (va.get(x) ?? 0))
    .map((term) => a.words.get(term) ?? term);
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
  for (let i = 0; i < rows; i++) {
    const na = a.nodes[i]!;
    const va = weights.vectors.get(na)!;
    for (let j = 0; j < cols; j++) {
      const nb = b.nodes[j]!;
      if (na.kind !== nb.kind) continue;
      const cos = cosine(va, weights.vectors.get(nb)!);
      const evidence =
        na.quotes.length > 0 && nb.quotes.length > 0 ? (evidenceLink(na, nb)?.strength ?? 0) : 0;
      const best = combine(COSINE_WEIGHT * cos + EDIT_WEIGHT, evidence);
      if (best < floor) continue;
      matrix[i * cols + j] = combine(
        COSINE_WEIGHT * cos + EDIT_WEIGHT * editRatio(na.joined, nb.joined),
        evidence,
      );
    }
  }
  return matrix;
}

/** Whether two nodes are of kinds that may be matched (a position only with a position). */
export const sameKind = (a: Pick<MapNode, 'kind'>, b: Pick<MapNode, 'kind'>) => a.kind === b.kind;
