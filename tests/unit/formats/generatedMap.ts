import { readFileSync } from 'node:fs';
import type { ClashMap } from '../../../src/model/map';
import type { MapNode } from '../../../src/model/node';
import { ARTICLE_TEXT_PATH } from '../helpers/maps';

/** A small deterministic pseudo-random generator (mulberry32), so generated maps never change. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACTORS = [
  'the United States',
  'Mexico',
  'the Sinaloa cartel',
  'the Jalisco cartel',
  'Congress',
  'the Pentagon',
  'the CIA',
  'the Mexican army',
  'border communities',
  'US consumers',
  'the State Department',
  'local police',
];
const VERBS = [
  'would weaken',
  'cannot stop',
  'would provoke',
  'depends on',
  'undermines',
  'strengthens',
  'has already tried to curb',
  'would be blamed for',
  'finances',
  'is unlikely to accept',
  'would quickly replace',
  'has no legal authority over',
];
const OBJECTS = [
  'fentanyl trafficking',
  'the flow of precursor chemicals from Asia',
  'cooperation on extradition',
  'the market for synthetic opioids',
  'public support for intervention',
  'intelligence sharing between both governments',
  'weapons smuggling across the border',
  'the rule of law in Sinaloa',
  'civilian trust in the government',
  'the profits of money laundering',
  'a wider war in northern Mexico',
  'the 2026 trade negotiations',
];
const REASONS = [
  'because demand in the US stays high',
  'since cartels operate as decentralised franchises',
  'as past kingpin arrests showed',
  'because strikes would kill bystanders',
  'given that sovereignty is a red line for Mexico',
  'because prices barely moved after earlier crackdowns',
  'since most weapons are bought legally in Texas and Arizona',
  'as the 2019 Culiacán operation showed',
  'because the evidence comes from anonymous officials',
  'given how quickly new routes open',
];
const SPEAKERS = [
  'Claudia Sheinbaum, President of Mexico',
  'Pete Hegseth, Secretary of Defense',
  'Daniel DePetris, Defense Priorities',
  'NBC News report',
  'Dave DeCamp, Antiwar.com',
  'Wall Street Journal report',
];

const pick = <T>(next: () => number, list: readonly T[]): T =>
  list[Math.floor(next() * list.length)]!;
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function sentence(next: () => number): string {
  const base = `${capitalize(pick(next, ACTORS))} ${pick(next, VERBS)} ${pick(next, OBJECTS)}`;
  return next() < 0.6 ? `${base} ${pick(next, REASONS)}.` : `${base}.`;
}

/**
 * A realistic debate map of `size` nodes: about one in ten a position, the rest claims of one
 * or two sentences, each claim supporting or rebutting an earlier node (and a quarter of them a
 * second one), with a verbatim quote from the shipped article on about a third of the nodes.
 */
export function generatedMap(size: number, seed = 1): ClashMap {
  const next = random(seed);
  const article = readFileSync(ARTICLE_TEXT_PATH, 'utf8');
  const sentences = article
    .split(/(?<=[.!?”])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 20 && s.length < 400);
  const nodes: MapNode[] = [];
  const edges: ClashMap['edges'] = [];
  const positions = Math.max(1, Math.round(size / 10));
  for (let i = 0; i < size; i++) {
    const isPosition = i < positions;
    const text = next() < 0.5 ? sentence(next) : `${sentence(next)} ${sentence(next)}`;
    const node: MapNode = {
      id: isPosition ? `pos-${i + 1}` : `claim-${i + 1}`,
      kind: isPosition ? 'position' : 'claim',
      text,
      evidence: [],
    };
    if (next() < 0.35) {
      const quote = pick(next, sentences);
      const start = article.indexOf(quote);
      node.evidence.push({
        id: `q${i + 1}`,
        sourceId: 'article',
        quote,
        start,
        end: start + quote.length,
        speaker: pick(next, SPEAKERS),
      });
    }
    nodes.push(node);
    if (!isPosition) {
      const targets = new Set([Math.floor(next() * i)]);
      if (next() < 0.25) targets.add(Math.floor(next() * i));
      for (const t of targets) {
        edges.push({
          id: `e-${i + 1}-${t + 1}`,
          from: node.id,
          to: nodes[t]!.id,
          kind: next() < 0.55 ? 'support' : 'rebuttal',
        });
      }
    }
  }
  return {
    format: 'clashmap',
    version: 5,
    title: 'US drone strikes on Mexican cartels: the full debate',
    description: 'A generated map for measuring share links.',
    sources: [
      {
        id: 'article',
        title: 'Report: Trump Administration Considers Drone Strikes on Mexican Cartels',
        author: 'Dave DeCamp',
        publisher: 'Antiwar.com',
        text: article,
      },
    ],
    nodes,
    edges,
  };
}
