import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMap } from '../../src/io/parse';
import type { ClashMap } from '../../src/model/map';
import { openSession, type Session } from './browser';
import { edgeProblems, measureEdges } from './edgeGeometry';
import { generateMap } from '../../bench/generate';
import { LARGE_MAP_NODES, OVERVIEW_MAX_NODES } from '../../src/components/MapCanvas';
import { serializeMap } from '../../src/io/serialize';
import { chooseFile, dragNode, edge, fileFromText, inspector, tabTo, tool } from './helpers';
import { CONNECT_LIST_MAX } from '../../src/components/Inspector';

const article = parseMap(readFileSync('public/maps/cartel-drone-strikes.clashmap.json', 'utf8'));
if (!article.ok) throw new Error('the shipped article map does not parse');
const map: ClashMap = article.map;

/** How one kind of edge is drawn, as read from the page (see edgeLook and legendLook). */
interface DrawnEdge {
  stroke: string;
  dashes: string;
  /** The marker at the line's end: its outline(s) as SVG path data, and its fill. */
  markerPaths: string[];
  markerFill: string;
}

/** Runs in the page: how a canvas edge (its group) is drawn, marker included. */
function edgeLook(group: Element): DrawnEdge {
  const line = group.querySelector('path[marker-end]');
  if (!line) throw new Error('the edge has no path with a marker');
  const id = /^url\(["']?#([^"')]+)["']?\)$/.exec(line.getAttribute('marker-end') ?? '')?.[1];
  const marker = id ? document.getElementById(id) : null;
  if (!marker) throw new Error(`the edge's marker ${id} is not in the page`);
  const paths = Array.from(marker.querySelectorAll('path'));
  return {
    stroke: getComputedStyle(line).stroke,
    dashes: getComputedStyle(line).strokeDasharray,
    markerPaths: paths.map((p) => p.getAttribute('d') ?? ''),
    markerFill: paths.length ? getComputedStyle(paths[0]!).fill : 'none',
  };
}

/** Runs in the page: how a legend entry draws its sample line and marker, and its sign. */
function legendLook(entry: Element): DrawnEdge & { sign: string; signBackground: string } {
  const shapes = Array.from(entry.querySelectorAll('svg *')).filter(
    (e) => e instanceof SVGGeometryElement,
  );
  const line = shapes.find((e) => getComputedStyle(e).stroke !== 'none');
  if (!line) throw new Error('the legend entry draws no line');
  const marker = shapes.filter((e) => e !== line && getComputedStyle(e).fill !== 'none');
  const sign = Array.from(entry.querySelectorAll('span')).find(
    (e) => e.textContent?.trim() && getComputedStyle(e).backgroundColor !== 'rgba(0, 0, 0, 0)',
  );
  return {
    stroke: getComputedStyle(line).stroke,
    dashes: getComputedStyle(line).strokeDasharray,
    markerPaths: marker.map((p) => p.getAttribute('d') ?? ''),
    markerFill: marker.length ? getComputedStyle(marker[0]!).fill : 'none',
    sign: sign?.textContent?.trim() ?? '',
    signBackground: sign ? getComputedStyle(sign).backgroundColor : '',
  };
}

/**
 * A marker's outline whatever its position and size: the path data with every point moved so
 * the outline's box starts at 0,0 and scaled so its longer side is 1.
 */
function shapeOf(paths: string[]): string {
  const points = paths.flatMap((d) =>
    Array.from(d.matchAll(/(-?[\d.]+)[ ,]+(-?[\d.]+)/g), (m) => [Number(m[1]), Number(m[2])]),
  );
  const xs = points.map(([x]) => x!);
  const ys = points.map(([, y]) => y!);
  const [minX, minY] = [Math.min(...xs), Math.min(...ys)];
  const size = Math.max(Math.max(...xs) - minX, Math.max(...ys) - minY) || 1;
  const at = (x: string, y: string) =>
    `${+((Number(x) - minX) / size).toFixed(3)},${+((Number(y) - minY) / size).toFixed(3)}`;
  return paths
    .map((d) => d.replace(/(-?[\d.]+)[ ,]+(-?[\d.]+)/g, (_, x: string, y: string) => at(x, y)))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** What a reader compares: colour, dashes, the marker's shape and colour. */
const look = (drawn: DrawnEdge) => ({
  stroke: drawn.stroke,
  dashes: drawn.dashes,
  marker: shapeOf(drawn.markerPaths),
  markerFill: drawn.markerFill,
});

/** Runs in the page: the box a node kind is drawn with (its first element with a background). */
function boxLook(root: Element) {
  const box = [root, ...Array.from(root.querySelectorAll('*'))].find(
    (e) => getComputedStyle(e).backgroundColor !== 'rgba(0, 0, 0, 0)',
  );
  if (!box) throw new Error('nothing with a background');
  const style = getComputedStyle(box);
  return {
    background: style.backgroundColor,
    borderColor: style.borderTopColor,
    borderStyle: style.borderTopStyle,
    borderWidth: style.borderTopWidth,
  };
}

/** Opens the legend or the overview map from the toolbar, as a reader would (they start folded). */
async function unfold(page: Session['page'], tool: 'Legend' | 'Overview map') {
  const toggle = page
    .getByRole('toolbar', { name: 'Map tools' })
    .getByRole('button', { name: tool, exact: true });
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
}

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

  it('starts with the legend and the overview map folded, covering no card; opened, they stay open after a reload', async () => {
    const { page } = session;
    await expect(page.getByRole('region', { name: 'Legend' }).count()).resolves.toBe(0);
    await expect(page.getByRole('img', { name: 'Map overview' }).count()).resolves.toBe(0);
    await unfold(page, 'Legend');
    await unfold(page, 'Overview map');
    await page.reload();
    await page.getByRole('region', { name: 'Legend' }).waitFor();
    await page.getByRole('img', { name: 'Map overview' }).waitFor();
  });

  it('keeps the skip link out of sight until the first Tab, then shows it in full', async () => {
    const { page } = session;
    const link = page.getByRole('link', { name: 'Skip to the map' });
    const hidden = (await link.boundingBox())!;
    expect(hidden.width * hidden.height).toBeLessThanOrEqual(1);
    expect(await tabTo(page, link, { maxPresses: 6 })).toBeLessThanOrEqual(6);
    const shown = (await link.boundingBox())!;
    expect(shown.width).toBeGreaterThan(100);
    expect(shown.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Escape');
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
    await unfold(session.page, 'Legend');
    await expect(legend.innerText()).resolves.toMatch(/supports[\s\S]*rebuts/);
  });

  it('routes every edge clear of the cards it does not connect, on a line of its own, with its badge by its target; after Fit View too', async () => {
    const { page } = session;
    expect(edgeProblems(await measureEdges(page), map)).toEqual([]);
    await page.getByRole('button', { name: 'Fit View' }).click();
    await page.waitForTimeout(500);
    const fitted = await measureEdges(page);
    expect(fitted.zoom).toBeLessThan(1);
    expect(edgeProblems(fitted, map)).toEqual([]);
  });

  it('legend draws each kind of edge as the canvas does: colour, dashes, marker and sign', async () => {
    const { page } = session;
    await unfold(page, 'Legend');
    const legend = page.getByRole('region', { name: 'Legend' });
    const seen: Record<string, ReturnType<typeof look> & { sign: string }> = {};
    for (const [word, labelName] of [
      ['supports', /^Select: “[\s\S]*” supports “[\s\S]*”$/],
      ['rebuts', /^Select: “[\s\S]*” rebuts “[\s\S]*”$/],
    ] as const) {
      const entry = legend.getByRole('listitem').filter({ hasText: new RegExp(`${word}\\s*$`) });
      await expect(entry.count(), `legend entry “${word}”`).resolves.toBe(1);
      const sample = await entry.evaluate(legendLook);
      // A real edge of this kind (named “…” supports “…”), and the sign on a real edge's label.
      const drawn = await page
        .getByRole('group', { name: new RegExp(`^“[\\s\\S]*” ${word} “[\\s\\S]*”$`) })
        .first()
        .evaluate(edgeLook);
      const label = await page
        .getByRole('button', { name: labelName })
        .first()
        .evaluate((el) => ({
          sign: el.textContent?.trim() ?? '',
          background: getComputedStyle(el).backgroundColor,
        }));
      expect(
        { ...look(sample), sign: sample.sign, signBackground: sample.signBackground },
        `the legend's “${word}” against a ${word} edge on the canvas`,
      ).toEqual({ ...look(drawn), sign: label.sign, signBackground: label.background });
      seen[word] = { ...look(sample), sign: sample.sign };
    }
    // The kinds differ by line, marker and sign as well as by colour (for colour-blind readers).
    const { supports, rebuts } = seen;
    expect(supports!.stroke).not.toBe(rebuts!.stroke);
    expect(supports!.dashes).not.toBe(rebuts!.dashes);
    expect(supports!.marker).not.toBe(rebuts!.marker);
    expect(supports!.sign).not.toBe(rebuts!.sign);
  });

  it('legend draws positions and quoted claims as the canvas does', async () => {
    const { page } = session;
    await unfold(page, 'Legend');
    const legend = page.getByRole('region', { name: 'Legend' });
    const claim = map.nodes.find((n) => n.kind === 'claim' && n.evidence.length > 0)!;
    const position = map.nodes.find((n) => n.kind === 'position')!;
    for (const [word, name] of [
      ['Position', `Position: ${position.text}`],
      ['Claim with quote', `Claim: ${claim.text}`],
    ] as const) {
      const entry = legend
        .getByRole('listitem')
        .filter({ hasText: new RegExp(`^\\s*${word}\\s*$`) });
      await expect(entry.count(), `legend entry “${word}”`).resolves.toBe(1);
      const swatch = await entry.evaluate(boxLook);
      const drawn = await page.getByRole('group', { name, exact: false }).first().evaluate(boxLook);
      expect(swatch, `the legend's “${word}” against one on the canvas`).toEqual(drawn);
    }
  });

  it('has named controls: zoom, fit view and the overview map', async () => {
    for (const name of ['Zoom In', 'Zoom Out', 'Fit View']) {
      await expect(session.page.getByRole('button', { name }).count(), name).resolves.toBe(1);
    }
    await unfold(session.page, 'Overview map');
    await expect(session.page.getByRole('img', { name: 'Map overview' }).count()).resolves.toBe(1);
  });

  it('leaves the overview map out of a map above its limit, and says so', async () => {
    const { page } = session;
    await unfold(page, 'Overview map');
    const big = generateMap(OVERVIEW_MAX_NODES + 1);
    await chooseFile(
      page,
      () => tool(page, 'Open map').click(),
      fileFromText('big.clashmap.json', serializeMap(big)),
    );
    const limit = OVERVIEW_MAX_NODES.toLocaleString('en-US');
    const count = big.nodes.length.toLocaleString('en-US');
    await page
      .getByRole('status')
      .filter({ hasText: `No overview map above ${limit} cards (this map has ${count})` })
      .waitFor({ timeout: 60_000 });
    await expect(page.getByRole('img', { name: 'Map overview' }).count()).resolves.toBe(0);
  });

  it('draws a large map zoomed out as boxes, and zooming in brings the text back', async () => {
    const { page } = session;
    const big = generateMap(LARGE_MAP_NODES + 100);
    const first = big.nodes[0]!;
    await chooseFile(
      page,
      () => tool(page, 'Open map').click(),
      fileFromText('large.clashmap.json', serializeMap(big)),
    );
    const card = page.getByRole('group', { name: `Position: ${first.text}`, exact: false });
    const text = card.getByText(first.text, { exact: true });
    await text.waitFor({ timeout: 60_000 });
    const badges = page.locator('.cm-edge-label');
    await expect.poll(() => badges.first().isVisible()).toBe(true);
    // The card's size on the canvas (its size on screen over the zoom), which zooming out keeps.
    const canvasSize = () =>
      card.evaluate((el) => {
        const viewport = el.closest('.react-flow__viewport')!;
        const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
        const box = el.getBoundingClientRect();
        return `${Math.round(box.width / zoom)}×${Math.round(box.height / zoom)}`;
      });
    const near = await canvasSize();
    const zoomOut = page.getByRole('button', { name: 'Zoom Out' });
    // Out until a card's text would be under 6 px high: the card is drawn, its text is not.
    for (let i = 0; i < 8; i++) await zoomOut.click();
    await expect.poll(() => text.isVisible()).toBe(false);
    await expect.poll(() => card.isVisible()).toBe(true);
    await expect.poll(canvasSize).toBe(near);
    // Its relations are still drawn, without their badges.
    await expect.poll(() => page.locator('.cm-canvas path.cm-edge').count()).toBeGreaterThan(0);
    await expect.poll(() => badges.first().isVisible()).toBe(false);
    for (let i = 0; i < 8; i++) await page.getByRole('button', { name: 'Zoom In' }).click();
    await expect.poll(() => text.isVisible()).toBe(true);
    await expect.poll(() => badges.first().isVisible()).toBe(true);
  });

  it('connects a card of a large map to any other from the inspector, finding it by its words', async () => {
    const { page } = session;
    const big = generateMap(LARGE_MAP_NODES + 100);
    const from = big.nodes[0]!;
    const to = big.nodes.find((n, i) => i > 250 && n.kind === 'claim')!;
    await chooseFile(
      page,
      () => tool(page, 'Open map').click(),
      fileFromText('connect.clashmap.json', serializeMap(big)),
    );
    const card = page.getByRole('group', { name: `Position: ${from.text}`, exact: false });
    await card.waitFor({ timeout: 60_000 });
    await card.locator('.cm-node__kind').click();
    const panel = inspector(page);
    const list = panel.getByRole('combobox', { name: 'Connect this node to' });
    // A list of a few dozen nodes at a time, not of every node on the map.
    await expect.poll(() => list.locator('option').count()).toBe(CONNECT_LIST_MAX);
    await panel.getByRole('searchbox', { name: 'Find the node to connect to' }).fill(to.text);
    // (A long text is cut short in the list.)
    await expect
      .poll(async () => (await list.locator('option').allTextContents()).map((t) => t.slice(0, 60)))
      .toEqual([to.text.slice(0, 60)]);
    await panel.getByRole('button', { name: 'It supports that' }).click();
    await expect.poll(() => edge(page, from.text, 'supports', to.text).count()).toBe(1);
    // Taking it back leaves nothing unsaved for the next test's Open.
    await page.keyboard.press('Control+z');
    const undo = page.getByRole('button', { name: 'Undo', exact: true });
    await expect.poll(() => undo.isDisabled()).toBe(true);
  });

  it('draws a large map’s dashed relations solid while a card is dragged, and dashed again after the drop', async () => {
    const { page } = session;
    const big = generateMap(LARGE_MAP_NODES + 100);
    await chooseFile(
      page,
      () => tool(page, 'Open map').click(),
      fileFromText('dragged.clashmap.json', serializeMap(big)),
    );
    const card = page.getByRole('group', { name: `Position: ${big.nodes[0]!.text}`, exact: false });
    await card.waitFor({ timeout: 60_000 });
    const dashed = page.locator('.cm-canvas path.cm-edge--rebuttal').first();
    const dashes = () => dashed.evaluate((path) => getComputedStyle(path).strokeDasharray);
    await expect.poll(dashes).not.toBe('none');
    const grip = (await card.locator('.cm-node__kind').boundingBox())!;
    await page.mouse.move(grip.x + 8, grip.y + grip.height / 2);
    await page.mouse.down();
    await page.mouse.move(grip.x + 40, grip.y + 30, { steps: 8 });
    await expect.poll(dashes).toBe('none');
    await page.mouse.up();
    await expect.poll(dashes).not.toBe('none');
    // The drop moved the card; taking it back leaves nothing unsaved for the next test's Open.
    await page.keyboard.press('Control+z');
    const undo = page.getByRole('button', { name: 'Undo', exact: true });
    await expect.poll(() => undo.isDisabled()).toBe(true);
  });

  it('routes the relations of a map of over 1,000 of them between its cards', async () => {
    const { page } = session;
    const big = generateMap(1_200);
    expect(big.edges.length).toBeGreaterThan(1_000);
    await chooseFile(
      page,
      () => tool(page, 'Open map').click(),
      fileFromText('routed.clashmap.json', serializeMap(big)),
    );
    const first = page.getByRole('group', {
      name: `Position: ${big.nodes[0]!.text}`,
      exact: false,
    });
    await first.waitFor({ timeout: 60_000 });
    // Routed lines run straight between rounded corners (M, L and Q); a line not yet routed is
    // a curve (C) from card to card.
    const lines = () =>
      page
        .locator('.cm-canvas path.cm-edge')
        .evaluateAll((paths) => paths.map((p) => p.getAttribute('d') ?? ''));
    const routed = async () => {
      const all = await lines();
      return all.length > 0 && all.every((d) => /^M[^C]*$/.test(d));
    };
    await expect.poll(routed).toBe(true);
    // Routed again once a card is dropped somewhere else.
    const before = await lines();
    await dragNode(page, first, 0, 60);
    await expect.poll(async () => (await lines()).join() !== before.join()).toBe(true);
    await expect.poll(routed).toBe(true);
    // Taking the move back leaves nothing unsaved for the next test's Open.
    await page.keyboard.press('Control+z');
    const undo = page.getByRole('button', { name: 'Undo', exact: true });
    await expect.poll(() => undo.isDisabled()).toBe(true);
  });

  it('after Auto-layout of a map of over 1,000 relations, each line runs from its card to its card', async () => {
    const { page } = session;
    const big = generateMap(1_200);
    const ends = new Map(big.edges.map((e) => [e.id, e]));
    await chooseFile(
      page,
      () => tool(page, 'Open map').click(),
      fileFromText('relaid.clashmap.json', serializeMap(big)),
    );
    const first = page.getByRole('group', {
      name: `Position: ${big.nodes[0]!.text}`,
      exact: false,
    });
    await first.waitFor({ timeout: 60_000 });
    /**
     * The drawn lines (both cards in view) that do not start at their card and end at the other,
     * and how many are not routed.
     */
    const loose = async () => {
      const drawn = await measureEdges(page);
      const off: string[] = [];
      let checked = 0;
      const gap = (p: { x: number; y: number }, id: string) => {
        const r = drawn.cards[id]!;
        return Math.hypot(
          Math.max(r.x - p.x, 0, p.x - (r.x + r.width)),
          Math.max(r.y - p.y, 0, p.y - (r.y + r.height)),
        );
      };
      for (const [id, points] of Object.entries(drawn.edges)) {
        const edge = ends.get(id)!;
        if (!drawn.cards[edge.from] || !drawn.cards[edge.to] || points.length < 2) continue;
        checked++;
        if (gap(points[0]!, edge.from) > 4 || gap(points.at(-1)!, edge.to) > 16) off.push(id);
      }
      if (checked === 0) return ['no line drawn between two cards in view'];
      // Routed lines run straight between rounded corners; a curve (C) is a line not routed.
      const curves = await page
        .locator('.cm-canvas path.cm-edge')
        .evaluateAll((paths) => paths.filter((p) => /C/.test(p.getAttribute('d') ?? '')).length);
      return curves > 0 ? [...off, `${curves} lines not routed`] : off;
    };
    await expect.poll(loose, { timeout: 30_000 }).toEqual([]);
    const placeOf = () =>
      first.evaluate((el) => (el.closest('.react-flow__node') as HTMLElement).style.transform);
    const opened = await placeOf();
    // A card dragged away; the layout puts it back where the map opened with it (the map was
    // made by the same layout), and its lines follow it there.
    await dragNode(page, first, 0, 240);
    await expect.poll(placeOf).not.toBe(opened);
    await expect.poll(loose, { timeout: 30_000 }).toEqual([]);
    await tool(page, 'Auto-layout').click();
    await expect.poll(placeOf, { timeout: 30_000 }).toBe(opened);
    await expect.poll(loose, { timeout: 30_000 }).toEqual([]);
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    const undo = page.getByRole('button', { name: 'Undo', exact: true });
    await expect.poll(() => undo.isDisabled()).toBe(true);
  });

  it('opens a 5,000-card map on its first cards, not on the relations that cross above them', async () => {
    const { page } = session;
    await chooseFile(
      page,
      () => tool(page, 'Open map').click(),
      fileFromText('huge.clashmap.json', serializeMap(generateMap(5000))),
    );
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 60_000 })
      .toMatch(/5,000 nodes/);
    // Framed once its lines are routed (in the worker): the progress note then goes.
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Laying out' }).count(), {
        timeout: 60_000,
      })
      .toBe(0);
    // Hundreds of relations cross above the cards; the first view must still show cards.
    const card = page.getByRole('group', { name: /^(?:Position|Claim): / }).first();
    await card.waitFor({ timeout: 60_000 });
    const box = await card.boundingBox();
    const pane = await page.locator('.react-flow').boundingBox();
    expect(box && pane && box.y >= pane.y && box.y < pane.y + pane.height).toBe(true);
  });

  it('opens a 10,000-card map, the node limit, and draws the cards in view', async () => {
    const { page } = session;
    await chooseFile(
      page,
      () => tool(page, 'Open map').click(),
      fileFromText('limit.clashmap.json', serializeMap(generateMap(10_000))),
    );
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 120_000 })
      .toMatch(/10,000 nodes/);
    await page
      .getByRole('group', { name: /^(?:Position|Claim): / })
      .first()
      .waitFor({ timeout: 120_000 });
  });

  it('logs no errors', () => {
    expect(session.errors).toEqual([]);
  });
});

describe('on a 390×844 phone', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession({ width: 390, height: 844 });
    await session.page.goto(session.baseURL);
    await session.page.getByRole('region', { name: /^Map:/ }).waitFor();
  });
  afterAll(async () => {
    await session.close();
  });

  const pageWidths = () =>
    session.page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));

  it('does not scroll sideways, and the title takes at most two lines', async () => {
    const { scroll, client } = await pageWidths();
    expect(scroll).toBe(client);
    const title = session.page.getByRole('heading', { level: 1 });
    const box = await title.boundingBox();
    const fontSize = await title.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(box!.height).toBeLessThan(fontSize * 3);
    expect(box!.x + box!.width).toBeLessThanOrEqual(client);
  });

  const toolbar = () => session.page.getByRole('toolbar', { name: 'Map tools' });
  const moreTools = () => toolbar().getByRole('button', { name: 'More tools', exact: true });
  const menu = () => session.page.getByRole('menu', { name: 'More tools' });

  it('starts with the legend folded away; the tools menu unfolds it and its title folds it', async () => {
    const legend = session.page.getByRole('region', { name: 'Legend' });
    const toggle = menu().getByRole('menuitemcheckbox', { name: 'Legend', exact: true });
    await expect(legend.count()).resolves.toBe(0);
    await moreTools().click();
    await expect(toggle.getAttribute('aria-checked')).resolves.toBe('false');
    await toggle.click();
    await menu().waitFor({ state: 'detached' });
    await expect.poll(() => legend.getByRole('listitem').count()).toBe(4);
    await legend.getByRole('button', { name: /^Legend/ }).click();
    await expect.poll(() => legend.count()).toBe(0);
    await moreTools().click();
    await expect(toggle.getAttribute('aria-checked')).resolves.toBe('false');
    await session.page.keyboard.press('Escape');
    await menu().waitFor({ state: 'detached' });
  });

  it('keeps the commonest tools in one row that fits, and every other tool in a menu run by keyboard', async () => {
    const { page } = session;
    // The bar: one row, inside the screen, nothing scrolled out of sight.
    const inBar = await toolbar().getByRole('button').all();
    const names = await Promise.all(inBar.map((b) => b.getAttribute('aria-label')));
    expect(names).toEqual(['Undo', 'Add claim', 'Search', 'Present', 'More tools']);
    for (const button of inBar) {
      const box = await button.boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
      // Big enough for a finger.
      expect(box!.height).toBeGreaterThanOrEqual(44);
    }
    const { scroll, client } = await pageWidths();
    expect(scroll).toBe(client);

    // The menu: opened from the keyboard, with every other tool, inside the screen.
    await moreTools().focus();
    await page.keyboard.press('Enter');
    await menu().waitFor();
    await expect(moreTools().getAttribute('aria-expanded')).resolves.toBe('true');
    const items = menu().getByRole(/* both kinds */ 'menuitem');
    const checks = menu().getByRole('menuitemcheckbox');
    const listed = [
      ...(await items.evaluateAll((all) => all.map((el) => el.getAttribute('aria-label')))),
      ...(await checks.evaluateAll((all) => all.map((el) => el.getAttribute('aria-label')))),
    ];
    for (const name of [
      'New map',
      'Open map',
      'Save map',
      'Save as',
      'Import from another tool',
      'Export',
      'Copy share link',
      'Redo',
      'Add position',
      'Add supporting claim',
      'Add rebutting claim',
      'Delete selection',
      'Auto-layout',
      'Fit map to view',
      'Print handout',
      'Keyboard shortcuts',
      'Outline view',
      'Source text',
      'Show which claims stand',
      'Show quotes as cards',
      'Legend',
      'Overview map',
      'Presentation steps',
    ]) {
      expect(listed, name).toContain(name);
    }
    const box = await menu().boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    expect(box!.y + box!.height).toBeLessThanOrEqual(844);
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    await expect.poll(focused).toBe('New map');
    await page.keyboard.press('ArrowDown');
    await expect.poll(focused).toBe('Open map');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect.poll(focused).toBe('Keyboard shortcuts');
    await page.keyboard.press('Home');
    await page.keyboard.press('End');
    await expect.poll(focused).toBe('Keyboard shortcuts');
    // Enter runs the item; the dialog gives focus back to the menu button.
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await menu().waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor({ state: 'detached' });
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('More tools');
    // Escape closes the menu and gives focus back to its button.
    await page.keyboard.press('ArrowDown');
    await menu().waitFor();
    await page.keyboard.press('Escape');
    await menu().waitFor({ state: 'detached' });
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('More tools');
  });

  it('logs no errors', () => {
    expect(session.errors).toEqual([]);
  });
});
