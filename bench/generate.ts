// Seeded synthetic argument maps for the benchmark. Deterministic: the same size and seed
// always give the same map, byte for byte, so runs on different days compare like with like.
import type { Edge, EdgeKind } from '../src/model/edge';
import type { Evidence } from '../src/model/evidence';
import { CURRENT_VERSION, MAP_FORMAT, type ClashMap } from '../src/model/map';
import type { MapNode } from '../src/model/node';
import type { Source } from '../src/model/source';

/** mulberry32: a tiny, fast, well-mixed 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the policy would reduce harm increase costs for states because evidence shows that ' +
  'federal funding local communities enforcement treatment demand supply cartel border ' +
  'trade tariffs sanctions military strikes diplomacy treaty sovereignty civilians risk ' +
  'escalation deterrence incentives markets prices regulation oversight courts congress ' +
  'president authority precedent allies partners intelligence surveillance privacy ' +
  'security budget deficit taxes growth jobs wages workers employers schools hospitals ' +
  'clinics prevention overdose deaths rates data studies survey experts critics ' +
  'supporters opponents argue claim suggest estimate report find warn concede admit ' +
  'insist unlikely likely significant modest dramatic gradual immediate long-term ' +
  'short-term unintended consequences benefits outweigh exceed fail succeed work backfire ' +
  'displace shift undermine strengthen weaken protect expose ignore address solve ' +
  'mexico united states government agencies public opinion voters election mandate'
).split(' ');

const SPEAKERS = [
  'Daniel DePetris',
  'A senior official',
  'Critics',
  'The editorial board',
  'Dr. Ruiz',
];

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function sentence(rand: () => number, minWords: number, maxWords: number): string {
  const count = minWords + Math.floor(rand() * (maxWords - minWords + 1));
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    let word = WORDS[Math.floor(rand() * WORDS.length)]!;
    if (i > 2 && i < count - 1 && rand() < 0.08) word += ',';
    words.push(word);
  }
  return `${capitalize(words.join(' '))}.`;
}

export interface GenerateOptions {
  seed?: number;
  /** Share of tree edges added again as cross-links between subtrees. */
  crossLinkRate?: number;
  /** Share of claims that carry one quote from the shared source. */
  quoteRate?: number;
}

/**
 * A map shaped like a real debate: a few positions, each heading a tree of claims that support
 * or rebut their parent (depth 1-4, 2-5 replies per expanded node), about 10% extra cross-links
 * between subtrees, 8-25 word texts, and about 40% of claims quoting a span of one shared source
 * text. No node has a saved position, so the app lays the map out itself.
 */
export function generateMap(nodeCount: number, options: GenerateOptions = {}): ClashMap {
  const seed = options.seed ?? 20_240_601 + nodeCount;
  const crossLinkRate = options.crossLinkRate ?? 0.1;
  const quoteRate = options.quoteRate ?? 0.4;
  const rand = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));

  // A shared source text long enough that quotes come from all over it.
  const sentences: string[] = [];
  const sentenceStarts: number[] = [];
  let text = '';
  const sentenceCount = Math.min(4000, 60 + Math.ceil(nodeCount / 4));
  for (let i = 0; i < sentenceCount; i++) {
    const s = sentence(rand, 10, 30);
    const sep = i === 0 ? '' : i % 6 === 0 ? '\n\n' : ' ';
    text += sep;
    sentenceStarts.push(text.length);
    sentences.push(s);
    text += s;
  }
  const source: Source = {
    id: 'src-1',
    title: `Synthetic debate source (${nodeCount} nodes)`,
    author: 'Bench Generator',
    publisher: 'Clashmap bench',
    published: '2024-06-01',
    url: 'https://example.org/bench/source',
    text,
  };
  let quotesMade = 0;
  const quoteFromSource = (): Evidence => {
    const i = Math.floor(rand() * sentences.length);
    const s = sentences[i]!;
    const words = s.split(' ');
    // A whole sentence or a run of its words, always a real span of the text.
    const from = rand() < 0.5 ? 0 : int(0, Math.max(0, words.length - 6));
    const to = Math.min(words.length, from + int(6, 24));
    const prefix = words.slice(0, from).join(' ');
    const start = sentenceStarts[i]! + (from === 0 ? 0 : prefix.length + 1);
    const quote = words.slice(from, to).join(' ');
    return {
      id: `q${++quotesMade}`,
      sourceId: source.id,
      quote,
      start,
      end: start + quote.length,
      speaker: SPEAKERS[Math.floor(rand() * SPEAKERS.length)]!,
    };
  };

  // A tree of depth <= 4 with 2-5 replies per node holds about 200 nodes on average, so bigger
  // maps get more positions (columns), as a long debate does.
  const positionCount = Math.min(nodeCount, Math.max(3, Math.ceil(nodeCount / 150)));
  const nodes: MapNode[] = [];
  const edges: Edge[] = [];
  const treeOf: number[] = []; // which position's tree each node belongs to
  const edgeKeys = new Set<string>();
  const addEdge = (from: string, to: string, kind: EdgeKind) => {
    const key = `${from}>${to}`;
    if (from === to || edgeKeys.has(key)) return false;
    edgeKeys.add(key);
    edges.push({ id: `e${edges.length + 1}`, from, to, kind });
    return true;
  };

  interface Open {
    index: number;
    depth: number;
  }
  const frontier: Open[] = [];
  const addPosition = (p: number) => {
    nodes.push({
      id: `p${p + 1}`,
      kind: 'position',
      text: sentence(rand, 8, 20),
      evidence: [],
      ...(rand() < 0.5 ? { tags: [WORDS[Math.floor(rand() * WORDS.length)]!] } : {}),
    });
    treeOf.push(p);
    frontier.push({ index: nodes.length - 1, depth: 0 });
  };
  let positionsMade = 0;
  while (positionsMade < positionCount) addPosition(positionsMade++);
  // Grow the trees: expand a random open node (depth < 4) with 2-5 replies until the map is full.
  while (nodes.length < nodeCount) {
    if (frontier.length === 0) addPosition(positionsMade++); // every tree is full: open another
    const pick = Math.floor(rand() * frontier.length);
    const parent = frontier[pick]!;
    frontier[pick] = frontier[frontier.length - 1]!;
    frontier.pop();
    const replies = Math.min(int(2, 5), nodeCount - nodes.length);
    for (let r = 0; r < replies; r++) {
      const id = `c${nodes.length + 1}`;
      const quoted = rand() < quoteRate;
      nodes.push({
        id,
        kind: 'claim',
        text: sentence(rand, 8, 25),
        evidence: quoted ? [quoteFromSource()] : [],
      });
      treeOf.push(treeOf[parent.index]!);
      addEdge(id, nodes[parent.index]!.id, rand() < 0.6 ? 'support' : 'rebuttal');
      if (parent.depth + 1 < 4) frontier.push({ index: nodes.length - 1, depth: parent.depth + 1 });
    }
  }
  // Cross-links: a claim answers a node made earlier in another position's tree. Pointing only
  // to earlier nodes keeps the graph acyclic, as most real maps are.
  const treeEdges = edges.length;
  const wanted = Math.round(treeEdges * crossLinkRate);
  for (let tries = 0, added = 0; added < wanted && tries < wanted * 20; tries++) {
    const from = int(positionsMade, nodes.length - 1);
    const to = int(0, from - 1);
    if (treeOf[from] === treeOf[to] || nodes[from]!.kind !== 'claim') continue;
    if (addEdge(nodes[from]!.id, nodes[to]!.id, rand() < 0.5 ? 'support' : 'rebuttal')) added++;
  }

  return {
    format: MAP_FORMAT,
    version: CURRENT_VERSION,
    title: `Synthetic debate, ${nodeCount.toLocaleString('en-US')} nodes (seed ${seed})`,
    description: 'Generated by bench/generate.ts for npm run bench.',
    sources: [source],
    nodes,
    edges,
  };
}
