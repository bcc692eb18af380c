import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Edge } from '../../src/model/edge';
import {
  evaluateMap,
  explain,
  type Assumption,
  type Evaluation,
  type Label,
} from '../../src/model/evaluate';
import type { ClashMap } from '../../src/model/map';
import type { MapNode } from '../../src/model/node';
import { readArticleMap } from './helpers/maps';

type Framework = Pick<ClashMap, 'nodes' | 'edges'>;

/**
 * A small framework from a compact spec: `ids` space-separated (a leading `P:` makes a position),
 * `arrows` like `a>b` (a rebuts b) and `a+b` (a supports b). Node text is the id in capitals.
 */
function framework(ids: string, arrows = ''): Framework {
  const nodes: MapNode[] = ids.split(' ').map((spec) => {
    const id = spec.replace(/^P:/, '');
    const kind = spec.startsWith('P:') ? 'position' : 'claim';
    return { id, kind, text: id.toUpperCase(), evidence: [] };
  });
  const edges: Edge[] = arrows
    .split(' ')
    .filter(Boolean)
    .map((arrow, i) => {
      const [from, to] = arrow.split(/[>+]/) as [string, string];
      return { id: `e${i}`, from, to, kind: arrow.includes('>') ? 'rebuttal' : 'support' };
    });
  return { nodes, edges };
}

const labels = (evaluation: Evaluation): Record<string, Label> =>
  Object.fromEntries([...evaluation.nodes].map(([id, { label }]) => [id, label]));

const reasonOf = (evaluation: Evaluation, id: string) => evaluation.nodes.get(id)!.reason;

describe('evaluateMap on frameworks with known answers', () => {
  it('labels an empty map with nothing', () => {
    expect(evaluateMap({ nodes: [], edges: [] }).nodes.size).toBe(0);
  });

  it('takes a lone node as given', () => {
    const evaluation = evaluateMap(framework('a'));
    expect(evaluation.nodes.get('a')).toEqual({ label: 'stands', reason: { kind: 'given' } });
  });

  it('reinstates along a chain: a rebuts b rebuts c', () => {
    const evaluation = evaluateMap(framework('a b c', 'a>b b>c'));
    expect(labels(evaluation)).toEqual({ a: 'stands', b: 'falls', c: 'stands' });
    expect(reasonOf(evaluation, 'b')).toEqual({ kind: 'rebutted', by: ['a'] });
    expect(reasonOf(evaluation, 'c')).toEqual({ kind: 'unrebutted', rebuttersFall: ['b'] });
  });

  it('alternates down a long chain of rebuttals', () => {
    const ids = Array.from({ length: 9 }, (_, i) => `n${i}`);
    const arrows = ids.slice(1).map((id, i) => `${ids[i]}>${id}`);
    const evaluation = evaluateMap(framework(ids.join(' '), arrows.join(' ')));
    expect(ids.map((id) => evaluation.nodes.get(id)!.label)).toEqual(
      ids.map((_, i) => (i % 2 === 0 ? 'stands' : 'falls')),
    );
  });

  it('leaves an odd cycle of rebuttals undecided', () => {
    const evaluation = evaluateMap(framework('a b c', 'a>b b>c c>a'));
    expect(labels(evaluation)).toEqual({ a: 'undecided', b: 'undecided', c: 'undecided' });
    expect(reasonOf(evaluation, 'a')).toEqual({
      kind: 'cycle',
      with: ['c', 'b'],
      size: 3,
      through: 'rebuttal',
    });
  });

  it('leaves an even cycle of rebuttals undecided (the sceptical choice)', () => {
    const evaluation = evaluateMap(framework('a b', 'a>b b>a'));
    expect(labels(evaluation)).toEqual({ a: 'undecided', b: 'undecided' });
    expect(reasonOf(evaluation, 'b')).toEqual({
      kind: 'cycle',
      with: ['a'],
      size: 2,
      through: 'rebuttal',
    });
  });

  it('leaves a node rebutted by an undecided node undecided, and names the cycle', () => {
    const evaluation = evaluateMap(framework('a b c d', 'a>b b>a b>c c>d'));
    expect(labels(evaluation)).toEqual({
      a: 'undecided',
      b: 'undecided',
      c: 'undecided',
      d: 'undecided',
    });
    expect(reasonOf(evaluation, 'c')).toEqual({
      kind: 'dependsOnUndecided',
      rebutters: ['b'],
      supporters: [],
      premises: [],
      cycle: ['a', 'b'],
      cycleSize: 2,
      through: 'rebuttal',
    });
    expect(reasonOf(evaluation, 'd')).toMatchObject({ rebutters: ['c'], cycle: ['a', 'b'] });
  });

  it('lets a standing rebutter decide a node that an undecided one also rebuts', () => {
    const evaluation = evaluateMap(framework('a b c s', 'a>b b>a b>c s>c'));
    expect(labels(evaluation)).toMatchObject({ c: 'falls' });
    expect(reasonOf(evaluation, 'c')).toEqual({ kind: 'rebutted', by: ['s'] });
  });

  it('settles a cycle broken from outside', () => {
    const evaluation = evaluateMap(framework('a b c', 'a>b b>a c>b'));
    expect(labels(evaluation)).toEqual({ a: 'stands', b: 'falls', c: 'stands' });
  });

  it('carries support along a chain, and a rebuttal cuts it at the end', () => {
    const evaluation = evaluateMap(framework('a b c r', 'a+b b+c r>c'));
    expect(labels(evaluation)).toEqual({ a: 'stands', b: 'stands', c: 'falls', r: 'stands' });
    expect(reasonOf(evaluation, 'b')).toEqual({ kind: 'supported', by: ['a'], rebuttersFall: [] });
  });

  it('brings down a whole support chain when its root is rebutted', () => {
    const evaluation = evaluateMap(framework('a b c r', 'a+b b+c r>a'));
    expect(labels(evaluation)).toEqual({ a: 'falls', b: 'falls', c: 'falls', r: 'stands' });
    expect(reasonOf(evaluation, 'c')).toEqual({
      kind: 'supportersFall',
      supporters: ['b'],
      alsoRebut: [],
    });
  });

  it('makes a node fall when all of its supporters fall', () => {
    const evaluation = evaluateMap(framework('t s1 s2 r', 's1+t s2+t r>s1 r>s2'));
    expect(labels(evaluation)).toMatchObject({ t: 'falls', s1: 'falls', s2: 'falls' });
    expect(reasonOf(evaluation, 't')).toEqual({
      kind: 'supportersFall',
      supporters: ['s1', 's2'],
      alsoRebut: [],
    });
  });

  it('needs only one standing supporter', () => {
    const evaluation = evaluateMap(framework('t s1 s2 r', 's1+t s2+t r>s1'));
    expect(labels(evaluation)).toMatchObject({ t: 'stands', s1: 'falls', s2: 'stands' });
    expect(reasonOf(evaluation, 't')).toEqual({ kind: 'supported', by: ['s2'], rebuttersFall: [] });
  });

  it('leaves a circle of claims that only support each other undecided', () => {
    const evaluation = evaluateMap(framework('a b', 'a+b b+a'));
    expect(labels(evaluation)).toEqual({ a: 'undecided', b: 'undecided' });
    expect(reasonOf(evaluation, 'a')).toMatchObject({ kind: 'cycle', through: 'support' });
  });

  it('does not accept a self-defending node sceptically: a supports d, d rebuts b, b rebuts a', () => {
    const evaluation = evaluateMap(framework('a b d', 'a+d d>b b>a'));
    expect(labels(evaluation)).toEqual({ a: 'undecided', b: 'undecided', d: 'undecided' });
    expect(reasonOf(evaluation, 'a')).toMatchObject({ kind: 'cycle', size: 3, through: 'mixed' });
  });

  it('accepts a node that defends itself once something outside backs its defender', () => {
    // d also has a supporter nobody rebuts, so d stands, b falls and a is reinstated.
    const evaluation = evaluateMap(framework('a b d e', 'a+d e+d d>b b>a'));
    expect(labels(evaluation)).toEqual({ a: 'stands', b: 'falls', d: 'stands', e: 'stands' });
  });

  it('counts a supporter that also rebuts as no help at all', () => {
    // x both supports and rebuts t. When x stands its rebuttal wins; when x is undecided, t can
    // still never stand (x would have to stand to help), so t falls.
    expect(labels(evaluateMap(framework('t x', 'x+t x>t')))).toEqual({ t: 'falls', x: 'stands' });
    const evaluation = evaluateMap(framework('t x y', 'x+t x>t x>y y>x'));
    expect(labels(evaluation)).toMatchObject({ t: 'falls', x: 'undecided' });
    expect(reasonOf(evaluation, 't')).toEqual({
      kind: 'supportersFall',
      supporters: [],
      alsoRebut: ['x'],
    });
    expect(explain(evaluation, 't', framework('t x y'))).toBe(
      'falls: “X” both supports and rebuts it, so cannot hold it up',
    );
  });

  it('ignores repeated edges and edges whose ends are missing', () => {
    const map = framework('t s r', 's+t r>s');
    map.edges.push({ id: 'again', from: 's', to: 't', kind: 'support' });
    map.edges.push({ id: 'dangling', from: 'ghost', to: 't', kind: 'rebuttal' });
    expect(labels(evaluateMap(map))).toEqual({ t: 'falls', s: 'falls', r: 'stands' });
  });

  it('lists nodes in map order', () => {
    expect([...evaluateMap(framework('c a b', 'a>b')).nodes.keys()]).toEqual(['c', 'a', 'b']);
  });
});

describe('what-if assumptions', () => {
  it('overrides the rule and ripples: striking the head of a chain flips the rest', () => {
    const map = framework('a b c', 'a>b b>c');
    const evaluation = evaluateMap(map, { a: 'falls' });
    expect(labels(evaluation)).toEqual({ a: 'falls', b: 'stands', c: 'falls' });
    expect(reasonOf(evaluation, 'a')).toEqual({ kind: 'assumed', value: 'falls' });
    expect(reasonOf(evaluation, 'b')).toEqual({ kind: 'unrebutted', rebuttersFall: ['a'] });
  });

  it('resolves a cycle when one member is conceded', () => {
    const map = framework('a b c d', 'a>b b>c c>a c>d');
    const evaluation = evaluateMap(map, new Map([['a', 'stands' as Assumption]]));
    expect(labels(evaluation)).toEqual({ a: 'stands', b: 'falls', c: 'stands', d: 'falls' });
  });

  it('keeps an assumed node fixed even against a standing rebutter', () => {
    const evaluation = evaluateMap(framework('a b c', 'a>b b>c'), { b: 'stands' });
    expect(labels(evaluation)).toEqual({ a: 'stands', b: 'stands', c: 'falls' });
    expect(reasonOf(evaluation, 'b')).toEqual({ kind: 'assumed', value: 'stands' });
  });

  it('refuses a value that is neither stands nor falls', () => {
    expect(() => evaluateMap(framework('a'), { a: 'maybe' as Assumption })).toThrow(TypeError);
  });

  it('ignores assumptions about ids the map does not have, and leaves the map untouched', () => {
    const map = framework('a b', 'a>b');
    const before = structuredClone(map);
    expect(labels(evaluateMap(map, { ghost: 'falls' }))).toEqual({ a: 'stands', b: 'falls' });
    expect(map).toEqual(before);
  });
});

describe('explain', () => {
  const map = framework('P:pos a b c s x y', 'a>pos b>a c+b s>c x>y y>x');
  map.nodes.find((n) => n.id === 'a')!.text = 'Unilateral strikes would rupture relations';
  const evaluation = evaluateMap(map);
  const say = (id: string, on = evaluation) => explain(on, id, map);

  it('uses the words of the issue', () => {
    const rebutted = evaluateMap(framework('t a', 'a>t'));
    const named = framework('t a', 'a>t');
    named.nodes[1]!.text = 'Unilateral strikes would rupture relations';
    expect(explain(rebutted, 't', named)).toBe(
      'falls: rebutted by “Unilateral strikes would rupture relations”, which stands',
    );
    const orphan = framework('t s1 s2 r', 's1+t s2+t r>s1 r>s2');
    expect(explain(evaluateMap(orphan), 't', orphan)).toBe('falls: all of its supporters fall');
  });

  it('explains every kind of reason in one sentence', () => {
    expect(say('pos')).toBe(
      'falls: rebutted by “Unilateral strikes would rupture relations”, which stands',
    );
    expect(say('a')).toBe('stands: taken as given, and “B”, which rebuts it, falls');
    expect(say('b')).toBe('falls: its only supporter, “C”, falls');
    expect(say('c')).toBe('falls: rebutted by “S”, which stands');
    expect(say('s')).toBe('stands: nothing rebuts it, so it is taken as given');
    expect(say('x')).toBe('undecided: part of a rebuttal cycle with “Y”');
    expect(say('a', evaluateMap(map, { a: 'stands' }))).toBe('stands: you assumed it stands');
  });

  it('names what an undecided node hangs on, and the cycle behind it', () => {
    const chain = framework('a b c d', 'a>b b>a b>c c>d');
    const evaluation = evaluateMap(chain);
    expect(explain(evaluation, 'd', chain)).toBe(
      'undecided: rebutted by “C”, which is undecided because of a rebuttal cycle between “A” and “B”',
    );
    const supported = framework('a b c', 'a>b b>a b+c');
    expect(explain(evaluateMap(supported), 'c', supported)).toBe(
      'undecided: its supporter “B” is undecided because of a rebuttal cycle between “A” and “B”',
    );
  });

  it('counts the rest when many nodes are involved, and shortens long texts', () => {
    const many = framework('t r1 r2 r3 r4 q', 'r1>t r2>t r3>t r4>t q>r1');
    many.nodes[2]!.text = `A very long claim ${'that goes on and on '.repeat(10)}`;
    const evaluation = evaluateMap(many);
    expect(explain(evaluation, 't', many)).toBe(
      'falls: rebutted by “A very long claim that goes on and on that goes on and on that goes on and on…” and 2 others, which all stand',
    );
    const ring = framework('a b c d e', 'a>b b>c c>d d>e e>a');
    expect(explain(evaluateMap(ring), 'a', ring)).toBe(
      'undecided: part of a rebuttal cycle with “E”, “B” and 2 others',
    );
  });

  it('refuses an id the evaluation does not have', () => {
    expect(() => explain(evaluation, 'ghost', map)).toThrow('no node has the id "ghost"');
  });
});

describe('the shipped article map', () => {
  const map = readArticleMap();
  const evaluation = evaluateMap(map);

  it('gives each position the verdict docs/evaluation.md reports', () => {
    const positions = map.nodes.filter((n) => n.kind === 'position').map((n) => n.id);
    expect(
      Object.fromEntries(positions.map((id) => [id, evaluation.nodes.get(id)!.label])),
    ).toEqual({
      'pos-unilateral': 'falls',
      'pos-cooperative': 'falls',
      'pos-root-causes': 'stands',
      'pos-demand': 'stands',
    });
    expect(reasonOf(evaluation, 'pos-cooperative')).toEqual({
      kind: 'rebutted',
      by: ['claim-collusion'],
    });
  });

  it('lets cooperation stand once the collusion claim is struck', () => {
    const whatIf = evaluateMap(map, { 'claim-collusion': 'falls' });
    expect(whatIf.nodes.get('pos-cooperative')!.label).toBe('stands');
  });
});

// ---------------------------------------------------------------------------------------------
// Independent references, written from the definitions rather than from the algorithm above.

type Three = 'stands' | 'falls' | 'undecided';
interface Small {
  n: number;
  edges: Array<{ from: number; to: number; kind: 'support' | 'rebuttal' }>;
  assumptions: Map<number, Assumption>;
}

const toMap = ({ n, edges }: Small): Framework => ({
  nodes: Array.from({ length: n }, (_, i) => ({
    id: `n${i}`,
    kind: 'claim' as const,
    text: `N${i}`,
    evidence: [],
  })),
  edges: edges.map((e, i) => ({ id: `e${i}`, from: `n${e.from}`, to: `n${e.to}`, kind: e.kind })),
});

const assumptionsOf = (small: Small) =>
  new Map([...small.assumptions].map(([i, value]) => [`n${i}`, value] as const));

const labelList = (small: Small): Three[] => {
  const evaluation = evaluateMap(toMap(small), assumptionsOf(small));
  return Array.from({ length: small.n }, (_, i) => evaluation.nodes.get(`n${i}`)!.label);
};

/** The acceptance condition of node `a` under a two-valued interpretation (true = stands). */
function accepts(small: Small, a: number, truth: (node: number) => boolean): boolean {
  const into = small.edges.filter((e) => e.to === a);
  const supporters = into.filter((e) => e.kind === 'support');
  const noRebutterStands = into.every((e) => e.kind !== 'rebuttal' || !truth(e.from));
  return noRebutterStands && (supporters.length === 0 || supporters.some((e) => truth(e.from)));
}

/**
 * The ADF's three-valued operator: a node is true if its condition holds in every two-valued
 * completion of `v` over its parents, false if in none, undecided otherwise. Brute force over
 * completions, so it knows nothing of counters or supporters that also rebut.
 */
function gamma(small: Small, v: readonly Three[]): Three[] {
  return v.map((_, a) => {
    const assumed = small.assumptions.get(a);
    if (assumed !== undefined) return assumed;
    const open = [...new Set(small.edges.filter((e) => e.to === a).map((e) => e.from))].filter(
      (p) => v[p] === 'undecided',
    );
    let someTrue = false;
    let someFalse = false;
    for (let bits = 0; bits < 1 << open.length; bits++) {
      const truth = (node: number) => {
        const at = open.indexOf(node);
        return at >= 0 ? ((bits >> at) & 1) === 1 : v[node] === 'stands';
      };
      if (accepts(small, a, truth)) someTrue = true;
      else someFalse = true;
    }
    return someTrue && someFalse ? 'undecided' : someTrue ? 'stands' : 'falls';
  });
}

/** The grounded interpretation: iterate the operator from all-undecided until it stops moving. */
function groundedReference(small: Small): Three[] {
  let v: Three[] = Array.from({ length: small.n }, () => 'undecided');
  for (;;) {
    const next = gamma(small, v);
    if (next.every((label, i) => label === v[i])) return v;
    v = next;
  }
}

/** Dung's grounded labelling: iterate the characteristic function from the empty set. */
function dungGrounded(small: Small): Three[] {
  const attackers = (a: number) => small.edges.filter((e) => e.to === a).map((e) => e.from);
  let inSet = new Set<number>();
  for (;;) {
    const attacked = new Set(small.edges.filter((e) => inSet.has(e.from)).map((e) => e.to));
    const next = new Set<number>();
    for (let a = 0; a < small.n; a++) if (attackers(a).every((b) => attacked.has(b))) next.add(a);
    if (next.size === inSet.size) break;
    inSet = next;
  }
  const out = new Set(small.edges.filter((e) => inSet.has(e.from)).map((e) => e.to));
  return Array.from({ length: small.n }, (_, a) =>
    inSet.has(a) ? 'stands' : out.has(a) ? 'falls' : 'undecided',
  );
}

/** Random frameworks of up to `maxNodes` nodes; no self-loops, as the model's invariants require. */
const smallFramework = (
  maxNodes: number,
  kinds: Array<'support' | 'rebuttal'> = ['support', 'rebuttal'],
  maxAssumptions = 2,
) =>
  fc.integer({ min: 1, max: maxNodes }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc
        .uniqueArray(
          fc.record({
            from: fc.nat(n - 1),
            to: fc.nat(n - 1),
            kind: fc.constantFrom(...kinds),
          }),
          { selector: (e) => `${e.from} ${e.to} ${e.kind}`, maxLength: n * 3 },
        )
        .map((edges) => edges.filter((e) => e.from !== e.to)),
      assumptions: fc
        .array(fc.tuple(fc.nat(n - 1), fc.constantFrom<Assumption>('stands', 'falls')), {
          maxLength: maxAssumptions,
        })
        .map((list) => new Map(list)),
    }),
  );

describe('evaluateMap against the definitions (property tests)', () => {
  it('coincides with Dung’s grounded extension when there are no support edges', () => {
    fc.assert(
      fc.property(smallFramework(10, ['rebuttal'], 0), (small) => {
        expect(labelList(small)).toEqual(dungGrounded(small));
      }),
      { seed: 20240611, numRuns: 1000 },
    );
  });

  it('is the least fixpoint of the three-valued operator (naive iteration agrees)', () => {
    fc.assert(
      fc.property(smallFramework(8), (small) => {
        expect(labelList(small)).toEqual(groundedReference(small));
      }),
      { seed: 20240612, numRuns: 1000 },
    );
  });

  it('is a fixpoint, and below every other fixpoint (checked exhaustively on tiny maps)', () => {
    fc.assert(
      fc.property(smallFramework(5), (small) => {
        const ours = labelList(small);
        expect(gamma(small, ours)).toEqual(ours);
        const values: Three[] = ['stands', 'falls', 'undecided'];
        for (let code = 0; code < 3 ** small.n; code++) {
          const w = Array.from(
            { length: small.n },
            (_, i) => values[Math.floor(code / 3 ** i) % 3]!,
          );
          if (!gamma(small, w).every((label, i) => label === w[i])) continue;
          ours.forEach((label, i) => {
            if (label !== 'undecided') expect(w[i]).toBe(label);
          });
        }
      }),
      { seed: 20240613, numRuns: 200 },
    );
  });

  it('gives every label the rule forces from its neighbours’ labels, and no other', () => {
    fc.assert(
      fc.property(smallFramework(30), (small) => {
        const ours = labelList(small);
        for (let a = 0; a < small.n; a++) {
          if (small.assumptions.has(a)) continue;
          const into = small.edges.filter((e) => e.to === a);
          const rebutters = into.filter((e) => e.kind === 'rebuttal').map((e) => ours[e.from]);
          const dual = (from: number) => into.some((e) => e.from === from && e.kind === 'rebuttal');
          const supports = into.filter((e) => e.kind === 'support');
          const forcedStands =
            rebutters.every((l) => l === 'falls') &&
            (supports.length === 0 || supports.some((e) => ours[e.from] === 'stands'));
          const forcedFalls =
            rebutters.some((l) => l === 'stands') ||
            (supports.length > 0 &&
              supports.every((e) => dual(e.from) || ours[e.from] === 'falls'));
          expect(ours[a]).toBe(forcedStands ? 'stands' : forcedFalls ? 'falls' : 'undecided');
        }
      }),
      { seed: 20240614, numRuns: 300 },
    );
  });

  it('gives reasons that agree with the labels they cite', () => {
    fc.assert(
      fc.property(smallFramework(20), (small) => {
        const map = toMap(small);
        const evaluation = evaluateMap(map, assumptionsOf(small));
        const label = (id: string) => evaluation.nodes.get(id)!.label;
        for (const [id, { label: own, reason }] of evaluation.nodes) {
          expect(explain(evaluation, id, map).startsWith(`${own}: `)).toBe(true);
          switch (reason.kind) {
            case 'rebutted':
              expect(reason.by.length).toBeGreaterThan(0);
              reason.by.forEach((by) => expect(label(by)).toBe('stands'));
              break;
            case 'supported':
              expect(reason.by.length).toBeGreaterThan(0);
              reason.by.forEach((by) => expect(label(by)).toBe('stands'));
              reason.rebuttersFall.forEach((r) => expect(label(r)).toBe('falls'));
              break;
            case 'unrebutted':
              reason.rebuttersFall.forEach((r) => expect(label(r)).toBe('falls'));
              break;
            case 'supportersFall':
              reason.supporters.forEach((s) => expect(label(s)).toBe('falls'));
              break;
            case 'cycle':
              expect(reason.size).toBeGreaterThan(1);
              reason.with.forEach((w) => expect(label(w)).toBe('undecided'));
              break;
            case 'dependsOnUndecided':
              expect(reason.rebutters.length + reason.supporters.length).toBeGreaterThan(0);
              [...reason.rebutters, ...reason.supporters, ...reason.cycle].forEach((u) =>
                expect(label(u)).toBe('undecided'),
              );
              break;
          }
        }
      }),
      { seed: 20240615, numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------

/**
 * A 5,000-node map shaped like a big debate: a forest of support and rebuttal trees under 50
 * positions, cross-links between branches, and rings of rebuttals that stay undecided.
 */
function bigMap(): Framework {
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const nodes: MapNode[] = [];
  const edges: Edge[] = [];
  const edge = (from: number, to: number, kind: Edge['kind']) =>
    edges.push({ id: `e${edges.length}`, from: `n${from}`, to: `n${to}`, kind });
  for (let i = 0; i < 5000; i++) {
    nodes.push({
      id: `n${i}`,
      kind: i < 50 ? 'position' : 'claim',
      text: `Node ${i}`,
      evidence: [],
    });
    if (i >= 50)
      edge(
        i,
        Math.floor(random() * Math.min(i, 50 + (i - 50) / 3)),
        random() < 0.5 ? 'support' : 'rebuttal',
      );
    if (i >= 100 && random() < 0.6)
      edge(i, Math.floor(random() * i), random() < 0.7 ? 'rebuttal' : 'support');
  }
  for (let start = 200; start + 3 < 5000; start += 250) {
    const size = start % 500 === 200 ? 3 : 2;
    for (let k = 0; k < size; k++) edge(start + k, start + ((k + 1) % size), 'rebuttal');
  }
  return { nodes, edges };
}

describe('a map at the size limit', () => {
  it('labels all 5,000 nodes, with every verdict represented', () => {
    const map = bigMap();
    const evaluation = evaluateMap(map);
    expect(evaluation.nodes.size).toBe(5000);
    const counts = { stands: 0, falls: 0, undecided: 0 };
    for (const { label } of evaluation.nodes.values()) counts[label]++;
    expect(counts.stands + counts.falls + counts.undecided).toBe(5000);
    expect(Math.min(counts.stands, counts.falls, counts.undecided)).toBeGreaterThan(0);
    for (const node of map.nodes) expect(explain(evaluation, node.id, map)).toMatch(/^\w+: /);
  });

  it('copes with 5,000-node cycles and chains without running out of stack', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `n${i}`);
    const ring = framework(
      ids.join(' '),
      ids.map((id, i) => `${id}+${ids[(i + 1) % 5000]}`).join(' '),
    );
    expect(reasonOf(evaluateMap(ring), 'n0')).toMatchObject({ kind: 'cycle', size: 5000 });
    ring.edges.pop(); // n4999 no longer supports n0, which is now given and carries the chain
    expect(new Set(Object.values(labels(evaluateMap(ring))))).toEqual(new Set(['stands']));

    // A chain of rebuttals hanging from a two-node cycle: undecided all the way down.
    const chain = framework(
      `x ${ids.join(' ')}`,
      ['x>n0', 'n0>x', ...ids.slice(1).map((id, i) => `${ids[i]}>${id}`)].join(' '),
    );
    expect(reasonOf(evaluateMap(chain), 'n4999')).toEqual({
      kind: 'dependsOnUndecided',
      rebutters: ['n4998'],
      supporters: [],
      premises: [],
      cycle: ['x', 'n0'],
      cycleSize: 2,
      through: 'rebuttal',
    });
  });
});
