import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MapNode } from '../../src/model/node';
import { ARTICLE_TEXT_PATH, readArticleMap } from './helpers/maps';

const map = readArticleMap();
const positions = map.nodes.filter((n) => n.kind === 'position');
const claims = map.nodes.filter((n) => n.kind === 'claim');
const article = map.sources.find((s) => s.id === 'article');

describe('the shipped article map', () => {
  it('quotes one source whose text is the whole article, byte for byte', () => {
    expect(map.sources).toHaveLength(1);
    expect(article?.text).toBeDefined();
    const bytes = Buffer.from(article!.text!, 'utf8');
    expect(bytes.equals(readFileSync(ARTICLE_TEXT_PATH))).toBe(true);
  });

  it('names the article: title, author and publisher', () => {
    expect(article).toMatchObject({
      title: 'Report: Trump Administration Considers Drone Strikes on Mexican Cartels',
      author: 'Dave DeCamp',
      publisher: 'Antiwar.com',
    });
  });

  it('has every quote exactly equal to its span of the source text', () => {
    const quotes = map.nodes.flatMap((node) => node.evidence.map((e) => ({ node: node.id, ...e })));
    expect(quotes.length).toBeGreaterThan(0);
    for (const quote of quotes) {
      const source = map.sources.find((s) => s.id === quote.sourceId);
      expect(source?.text?.slice(quote.start, quote.end), `${quote.node}: ${quote.quote}`).toBe(
        quote.quote,
      );
    }
  });

  it('says who speaks in every quote', () => {
    for (const node of map.nodes) {
      for (const e of node.evidence) expect(e.speaker.trim(), node.id).not.toBe('');
    }
  });

  it('has four positions: unilateral strikes, cooperation with Mexico, root causes, demand', () => {
    expect(positions).toHaveLength(4);
    const topics: Array<[string, RegExp]> = [
      ['unilateral strikes', /\bunilateral/i],
      [
        'cooperation with Mexico',
        /coordination with the Mexican government|cooperat\w* with Mexico/i,
      ],
      ['root causes', /root causes|intelligence-led arrests/i],
      ['demand', /\bdemand\b/i],
    ];
    for (const [topic, pattern] of topics) {
      const matching = positions.filter((p) => pattern.test(p.text));
      expect(
        matching.map((p) => p.id),
        topic,
      ).toHaveLength(1);
    }
  });

  it('has at least twelve claims, each backed by at least one quote', () => {
    expect(claims.length).toBeGreaterThanOrEqual(12);
    for (const claim of claims) expect(claim.evidence.length, claim.id).toBeGreaterThan(0);
  });

  it('has both supports and rebuttals', () => {
    const kinds = new Set(map.edges.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(['rebuttal', 'support']);
  });

  it('connects every node to the debate', () => {
    const touched = new Set(map.edges.flatMap((e) => [e.from, e.to]));
    const loose = map.nodes.filter((n) => !touched.has(n.id)).map((n) => n.id);
    expect(loose).toEqual([]);
  });

  it('lets every claim reach a position by following what it supports or rebuts', () => {
    const byId = new Map(map.nodes.map((n) => [n.id, n]));
    const reachesPosition = (start: MapNode): boolean => {
      const seen = new Set<string>();
      const queue = [start.id];
      while (queue.length > 0) {
        const id = queue.shift()!;
        if (byId.get(id)?.kind === 'position') return true;
        if (seen.has(id)) continue;
        seen.add(id);
        for (const edge of map.edges) if (edge.from === id) queue.push(edge.to);
      }
      return false;
    };
    expect(claims.filter((c) => !reachesPosition(c)).map((c) => c.id)).toEqual([]);
  });
});
