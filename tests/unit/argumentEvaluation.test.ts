import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Edge, EdgeKind } from '../../src/model/edge';
import { evaluateMap, explain, type Evaluation, type Label } from '../../src/model/evaluate';
import type { ClashMap } from '../../src/model/map';
import type { MapNode } from '../../src/model/node';
import { evaluateMap as evaluateBeforeArguments } from './helpers/evaluateV4';
import { parseSuccess } from './helpers/maps';

/**
 * The grounded labelling, generalised to arguments (issue 16): an argument stands when all of its
 * premises stand and every undercutter falls; a claim stands when it has no supporting argument
 * or one of them stands, and every rebutter falls; contraries attack each other.
 */

type Map = Pick<ClashMap, 'nodes' | 'edges'>;

const claim = (id: string): MapNode => ({
  id,
  kind: 'claim',
  text: id.toUpperCase(),
  evidence: [],
});
const argument = (id: string, scheme?: string): MapNode => ({
  id,
  kind: 'argument',
  text: `Argument ${id}`,
  evidence: [],
  ...(scheme ? { scheme } : {}),
});

/** `a>b` rebuts, `a+b` supports, `a~b` contrary, `a:g` premise of g, `g=b` g concludes b, `a/g` undercuts g. */
function map(claims: string, arguments_: string, arrows: string): Map {
  const nodes = [
    ...claims.split(' ').filter(Boolean).map(claim),
    ...arguments_
      .split(' ')
      .filter(Boolean)
      .map((id) => argument(id)),
  ];
  const kinds: Record<string, EdgeKind> = {
    '>': 'rebuttal',
    '+': 'support',
    '~': 'contrary',
    ':': 'premise',
    '=': 'concludes',
    '/': 'undercut',
  };
  const edges: Edge[] = arrows
    .split(' ')
    .filter(Boolean)
    .map((arrow, i) => {
      const sign = /[>+~:=/]/.exec(arrow)![0];
      const [from, to] = arrow.split(sign) as [string, string];
      return { id: `e${i}`, from, to, kind: kinds[sign]! };
    });
  return { nodes, edges };
}

const labels = (evaluation: Evaluation): Record<string, Label> =>
  Object.fromEntries([...evaluation.nodes].map(([id, { label }]) => [id, label]));

describe('linked premises', () => {
  const linked = map('p q c', 'g', 'p:g q:g g=c');

  it('hold the conclusion up only together', () => {
    expect(labels(evaluateMap(linked))).toEqual({
      p: 'stands',
      q: 'stands',
      c: 'stands',
      g: 'stands',
    });
    // One premise down, the argument falls, and with it the conclusion it alone supported.
    const struck = evaluateMap(linked, { q: 'falls' });
    expect(labels(struck)).toMatchObject({ p: 'stands', g: 'falls', c: 'falls' });
    expect(explain(struck, 'g', linked)).toBe(
      'falls: its premise “Q” falls, and it needs all of its premises',
    );
    expect(explain(struck, 'c', linked)).toBe(
      'falls: its only supporter, the argument from “P” and “Q”, falls',
    );
  });

  it('differ from convergent reasons, where one reason is enough', () => {
    const convergent = map('p q c', '', 'p+c q+c');
    expect(evaluateMap(convergent, { q: 'falls' }).nodes.get('c')?.label).toBe('stands');
    expect(evaluateMap(linked, { q: 'falls' }).nodes.get('c')?.label).toBe('falls');
  });

  it('explain a standing argument and its conclusion by the premises', () => {
    const evaluation = evaluateMap(linked);
    expect(explain(evaluation, 'g', linked)).toBe(
      'stands: its premises “P” and “Q” both stand, and nothing undercuts it',
    );
    expect(explain(evaluation, 'c', linked)).toBe(
      'stands: supported by the argument from “P” and “Q”, which stands, and nothing rebuts it',
    );
  });
});

describe('undercuts', () => {
  it('bring the argument down, not its premises or its conclusion', () => {
    const undercut = map('p c u', 'g', 'p:g g=c u/g');
    const evaluation = evaluateMap(undercut);
    expect(labels(evaluation)).toEqual({ p: 'stands', c: 'falls', u: 'stands', g: 'falls' });
    expect(explain(evaluation, 'g', undercut)).toBe('falls: undercut by “U”, which stands');
    // A rebuttal of the premise instead would bring the premise down too.
    expect(evaluateMap(map('p c u', 'g', 'p:g g=c u>p')).nodes.get('p')?.label).toBe('falls');
  });

  it('leave a conclusion standing on another argument', () => {
    const two = map('p q c u', 'g h', 'p:g g=c q:h h=c u/g');
    expect(labels(evaluateMap(two))).toMatchObject({ g: 'falls', h: 'stands', c: 'stands' });
  });

  it('stop counting when the undercutter itself falls', () => {
    const answered = map('p c u v', 'g', 'p:g g=c u/g v>u');
    expect(labels(evaluateMap(answered))).toMatchObject({ u: 'falls', g: 'stands', c: 'stands' });
    expect(explain(evaluateMap(answered), 'g', answered)).toBe(
      'stands: its premise “P” stands, and “U”, which undercuts it, falls',
    );
  });

  it("say when a claim stands because its only attacker's inference is undercut", () => {
    const shielded = map('c r p u', 'g', 'r>c p:g g=r u/g');
    const evaluation = evaluateMap(shielded);
    expect(labels(evaluation)).toMatchObject({ r: 'falls', c: 'stands' });
    expect(explain(evaluation, 'c', shielded)).toBe(
      'stands: its only rebutter, “R”, falls: its inference is undercut by “U”',
    );
  });
});

describe('contraries', () => {
  const pair = map('a b', '', 'a~b');

  it('make both claims undecided until one of them is settled', () => {
    const evaluation = evaluateMap(pair);
    expect(labels(evaluation)).toEqual({ a: 'undecided', b: 'undecided' });
    expect(explain(evaluation, 'a', pair)).toBe(
      'undecided: it and “B” are contraries, and nothing settles which of them stands',
    );
    // Written either way round, the same.
    expect(labels(evaluateMap(map('a b', '', 'b~a')))).toEqual(labels(evaluation));
  });

  it('are settled by a rebuttal of one side or by a what-if', () => {
    expect(labels(evaluateMap(map('a b x', '', 'a~b x>b')))).toEqual({
      a: 'stands',
      b: 'falls',
      x: 'stands',
    });
    expect(labels(evaluateMap(pair, { a: 'stands' }))).toEqual({ a: 'stands', b: 'falls' });
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

/**
 * The three-valued labelling computed the slow, obvious way: start with everything undecided and
 * apply the rule until nothing changes (the least fixed point of a monotone operator).
 */
function bruteForce(m: Map): Record<string, Label> {
  const label: Record<string, Label> = {};
  for (const node of m.nodes) label[node.id] = 'undecided';
  const into = (id: string, kinds: readonly EdgeKind[]) =>
    m.edges.filter((e) => e.to === id && kinds.includes(e.kind)).map((e) => e.from);
  const attackers = (id: string) => [
    ...into(id, ['rebuttal', 'undercut']),
    ...m.edges.filter((e) => e.kind === 'contrary' && e.from === id).map((e) => e.to),
    ...into(id, ['contrary']),
  ];
  for (let changed = true; changed;) {
    changed = false;
    for (const node of m.nodes) {
      if (label[node.id] !== 'undecided') continue;
      const attackerIds = attackers(node.id);
      const attacks = attackerIds.map((a) => label[a]);
      const supporterIds = into(node.id, ['support', 'concludes']);
      // A supporter that also attacks the node can never hold it up (docs/evaluation.md): to
      // help it must stand, and then its attack defeats the node. It still makes it supported.
      // So can an argument one of whose premises attacks the node.
      const helpers = supporterIds
        .filter((s) => !attackerIds.includes(s))
        .filter((s) => !into(s, ['premise']).some((p) => attackerIds.includes(p)))
        .map((s) => label[s]);
      const premises = into(node.id, ['premise']).map((p) => label[p]);
      let next: Label = 'undecided';
      if (
        attacks.some((l) => l === 'stands') ||
        premises.some((l) => l === 'falls') ||
        (supporterIds.length > 0 && helpers.every((l) => l === 'falls'))
      )
        next = 'falls';
      else if (
        attacks.every((l) => l === 'falls') &&
        premises.every((l) => l === 'stands') &&
        (supporterIds.length === 0 || helpers.some((l) => l === 'stands'))
      )
        next = 'stands';
      if (next !== 'undecided') {
        label[node.id] = next;
        changed = true;
      }
    }
  }
  return label;
}

/** Small random maps with claims, arguments (each with premises and one conclusion) and every kind. */
const randomMap = fc
  .record({
    claims: fc.integer({ min: 1, max: 7 }),
    arguments: fc.array(
      fc.record({
        premises: fc.uniqueArray(fc.nat(6), { minLength: 1, maxLength: 3 }),
        conclusion: fc.nat(6),
      }),
      { maxLength: 3 },
    ),
    plain: fc.array(
      fc.record({
        from: fc.nat(6),
        to: fc.nat(9),
        kind: fc.constantFrom<EdgeKind>('support', 'rebuttal', 'contrary', 'undercut'),
      }),
      { maxLength: 12 },
    ),
  })
  .map(({ claims, arguments: args, plain }): Map => {
    const nodes: MapNode[] = Array.from({ length: claims }, (_, i) => claim(`c${i}`));
    const edges: Edge[] = [];
    const seen = new Set<string>();
    const add = (from: string, to: string, kind: EdgeKind) => {
      const key = `${from} ${to} ${kind}`;
      if (from === to || seen.has(key)) return;
      seen.add(key);
      edges.push({ id: `e${edges.length}`, from, to, kind });
    };
    args.forEach(({ premises, conclusion }, i) => {
      const ps = [...new Set(premises.map((p) => p % claims))];
      const c = conclusion % claims;
      if (ps.includes(c)) return;
      nodes.push(argument(`g${i}`));
      for (const p of ps) add(`c${p}`, `g${i}`, 'premise');
      add(`g${i}`, `c${c}`, 'concludes');
    });
    const argumentIds = nodes.filter((n) => n.kind === 'argument').map((n) => n.id);
    for (const { from, to, kind } of plain) {
      const source = `c${from % claims}`;
      if (kind === 'undercut') {
        if (argumentIds.length > 0) add(source, argumentIds[to % argumentIds.length]!, kind);
      } else add(source, `c${to % claims}`, kind);
    }
    return { nodes, edges };
  });

describe('the generalised labelling, on small random maps', () => {
  it('is the least fixed point of the rule, found by brute force', () => {
    fc.assert(
      fc.property(randomMap, (m) => {
        expect(labels(evaluateMap(m))).toEqual(bruteForce(m));
      }),
      { seed: 1616, numRuns: 600 },
    );
  });

  it("is Dung's grounded extension when there is no support", () => {
    const attacksOnly = fc
      .record({
        n: fc.integer({ min: 1, max: 8 }),
        attacks: fc.array(fc.tuple(fc.nat(7), fc.nat(7)), { maxLength: 16 }),
      })
      .map(({ n, attacks }) =>
        map(
          Array.from({ length: n }, (_, i) => `a${i}`).join(' '),
          '',
          [...new Set(attacks.map(([f, t]) => `a${f % n}>a${t % n}`))]
            .filter((arrow) => arrow.split('>')[0] !== arrow.split('>')[1])
            .join(' '),
        ),
      );
    fc.assert(
      fc.property(attacksOnly, (m) => {
        // Grounded extension: iterate F(S) = { a | every attacker of a is attacked by S } from ∅.
        const attackersOf = (a: string) => m.edges.filter((e) => e.to === a).map((e) => e.from);
        let extension = new Set<string>();
        for (;;) {
          const next = new Set(
            m.nodes
              .map((node) => node.id)
              .filter((a) =>
                attackersOf(a).every((b) => attackersOf(b).some((c) => extension.has(c))),
              ),
          );
          if (next.size === extension.size) break;
          extension = next;
        }
        const evaluation = evaluateMap(m);
        const standing = m.nodes.filter((n) => evaluation.nodes.get(n.id)?.label === 'stands');
        expect(new Set(standing.map((n) => n.id))).toEqual(extension);
      }),
      { seed: 1617, numRuns: 400 },
    );
  });

  it('gives a one-premise argument the meaning of a plain support', () => {
    fc.assert(
      fc.property(randomMap, (m) => {
        // Replace every plain support by a one-premise argument: the claims keep their labels.
        const nodes = [...m.nodes];
        const edges: Edge[] = [];
        m.edges.forEach((edge, i) => {
          if (edge.kind !== 'support') return void edges.push(edge);
          nodes.push(argument(`s${i}`));
          edges.push({ id: `sp${i}`, from: edge.from, to: `s${i}`, kind: 'premise' });
          edges.push({ id: `sc${i}`, from: `s${i}`, to: edge.to, kind: 'concludes' });
        });
        const before = evaluateMap(m);
        const after = evaluateMap({ nodes, edges });
        for (const node of m.nodes)
          expect(after.nodes.get(node.id)?.label).toBe(before.nodes.get(node.id)?.label);
      }),
      { seed: 1618, numRuns: 300 },
    );
  });
});

describe('every map without arguments', () => {
  // Every map file the project holds: the shipped maps and all the fixtures.
  const files = [
    ...readdirSync('public/maps').map((f) => `public/maps/${f}`),
    ...readdirSync('tests/fixtures').map((f) => `tests/fixtures/${f}`),
    ...readdirSync('tests/fixtures/compare').map((f) => `tests/fixtures/compare/${f}`),
    ...readdirSync('tests/fixtures/rounds').map((f) => `tests/fixtures/rounds/${f}`),
  ]
    .filter((path) => path.endsWith('.clashmap.json') && !path.includes('format-v5'))
    // frank's map is invalid on purpose (the compare tests use it for the refusal).
    .filter((path) => !path.endsWith('frank.clashmap.json'));

  it.each(files)('%s is labelled exactly as before arguments, with the same reasons', (path) => {
    const m = parseSuccess(readFileSync(path, 'utf8'));
    const now = evaluateMap(m);
    const before = evaluateBeforeArguments(m);
    expect(now.nodes.size).toBe(before.nodes.size);
    for (const [id, old] of before.nodes) {
      const entry = now.nodes.get(id)!;
      expect(entry.label, id).toBe(old.label);
      // The reasons are the same, but an undecided reason now also lists undecided premises.
      const reason: Record<string, unknown> = { ...entry.reason };
      if (reason.kind === 'dependsOnUndecided') {
        expect(reason.premises).toEqual([]);
        delete reason.premises;
      }
      expect(reason, id).toEqual(old.reason);
    }
  });

  it('covers the shipped article map and at least a dozen fixtures', () => {
    expect(files).toContain('public/maps/cartel-drone-strikes.clashmap.json');
    expect(files.length).toBeGreaterThanOrEqual(12);
  });
});
