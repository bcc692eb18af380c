import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMap } from '../../src/io/parse';
import type { ClashMap } from '../../src/model/map';
import { openSession, type Session } from './browser';

const article = parseMap(readFileSync('public/maps/cartel-drone-strikes.clashmap.json', 'utf8'));
if (!article.ok) throw new Error('the shipped article map does not parse');
const map: ClashMap = article.map;

describe('first launch', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession();
    await session.page.goto(session.baseURL);
    await session.page.getByRole('region', { name: /^Map:/ }).waitFor();
  });
  afterAll(async () => {
    await session.close();
  });

  it('opens the article map with its title', async () => {
    await expect(session.page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      map.title,
    );
    await expect(session.page.title()).resolves.toBe(
      'cartel-drone-strikes.clashmap.json · Clashmap',
    );
  });

  it('shows the four positions and every claim, named for assistive technology', async () => {
    const positions = map.nodes.filter((n) => n.kind === 'position');
    const claims = map.nodes.filter((n) => n.kind === 'claim');
    expect(positions).toHaveLength(4);
    for (const node of [...positions, ...claims]) {
      const kind = node.kind === 'position' ? 'Position' : 'Claim';
      const element = session.page.getByRole('group', { name: `${kind}: ${node.text}` });
      await expect(element.count(), node.text).resolves.toBe(1);
      await expect(element.isVisible(), node.text).resolves.toBe(true);
    }
  });

  it('puts all four positions in the first view at a readable size', async () => {
    const viewport = session.page.viewportSize()!;
    for (const node of map.nodes.filter((n) => n.kind === 'position')) {
      const text = session.page
        .getByRole('group', { name: `Position: ${node.text}` })
        .locator('.cm-node__text');
      const box = await text.boundingBox();
      expect(box, node.text).not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
      expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
      const fontSize = await text.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      const zoom = await session.page
        .locator('.react-flow__viewport')
        .evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
      expect(fontSize * zoom).toBeGreaterThanOrEqual(12);
    }
  });

  it('shows each claim with its quote and speaker', async () => {
    const claim = map.nodes.find((n) => n.kind === 'claim' && n.evidence.length > 0)!;
    const node = session.page.getByRole('group', { name: `Claim: ${claim.text}`, exact: false });
    const text = await node.first().innerText();
    expect(text).toContain(claim.evidence[0]!.quote);
    expect(text).toContain(claim.evidence[0]!.speaker);
  });

  it('draws every edge, labelled with its kind, and explains the styles in a legend', async () => {
    const edges = session.page.locator('.react-flow__edge');
    await expect(edges.count()).resolves.toBe(map.edges.length);
    const rebuttals = await session.page.getByRole('group', { name: / rebuts / }).count();
    expect(rebuttals).toBe(map.edges.filter((e) => e.kind === 'rebuttal').length);
    const legend = session.page.getByRole('region', { name: 'Legend' });
    await expect(legend.innerText()).resolves.toMatch(/supports[\s\S]*rebuts/);
  });

  it('has named controls: zoom, fit view and the overview map', async () => {
    for (const name of ['Zoom In', 'Zoom Out', 'Fit View']) {
      await expect(session.page.getByRole('button', { name }).count(), name).resolves.toBe(1);
    }
    await expect(session.page.getByRole('img', { name: 'Map overview' }).count()).resolves.toBe(1);
  });

  it('logs no errors', () => {
    expect(session.errors).toEqual([]);
  });
});
