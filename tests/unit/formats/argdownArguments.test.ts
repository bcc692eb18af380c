import { readFileSync } from 'node:fs';
import {
  ArgdownApplication,
  DataPlugin,
  FrontMatterSettingsModes,
  ModelPlugin,
  ParserPlugin,
} from '@argdown/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportArgdown, importArgdown } from '../../../src/io/formats/argdown';
import { parseMap } from '../../../src/io/parse';
import type { Edge } from '../../../src/model/edge';
import { evaluateMap } from '../../../src/model/evaluate';
import type { ClashMap } from '../../../src/model/map';
import type { MapNode } from '../../../src/model/node';
import { textProblem } from '../../../src/model/text';
import { exported, imported, lossAbout, messages } from './expectations';

// Issue 16: arguments (premise–conclusion structures), undercuts and contraries, read from the
// Argdown project's own files (tests/fixtures/third-party/argdown, origins in its README) and
// written back so that Argdown's parser and Clashmap's importer read the same structure.

const DIR = 'tests/fixtures/third-party/argdown/';

interface Expected {
  statements: number;
  statementsMarkedNotInMap?: number;
  arguments: number;
  argumentsWithPcs: number;
  linkedArguments: number;
  premisesPerArgument?: Record<string, number>;
  inferenceSteps: number;
  inferenceRules: string[];
  declaredRelations: {
    support: number;
    attack: number;
    undercut: number;
    contrary: number;
    contradictory: number;
  };
  declaredRelationsRestatingAPcs?: number;
  symmetricConflicts: number;
}
const EXPECTED = (
  JSON.parse(readFileSync(`${DIR}expected.json`, 'utf8')) as { files: Record<string, Expected> }
).files;

/**
 * Where a Clashmap map differs from the relations as written, file by file, and why: what
 * Clashmap cannot hold (reported as a loss), or how Argdown's own model reads them.
 */
const ADJUSTMENTS: Record<
  string,
  { support?: number; attack?: number; undercut?: number; madeArguments?: number; why: string }
> = {
  'Populism-Core-Argument-Argdown-Example.argdown': {
    support: -7 - 2,
    why: "7 supports restate a structure ('[Power] <+ <Core Argument>', whose conclusion is [Power]); 2 support an argument as a whole ('+> <Islam>'), which does not say which premise, reported",
  },
  'argdown-primer.argdown': {
    attack: -1,
    undercut: 1,
    why: '[Intro] -> <Argument 1> attacks a reconstructed argument as a whole: an undercut of its inference',
  },
  'legalisation-softdrugs.argdown': {
    support: -1,
    undercut: -1,
    madeArguments: 1,
    why: '<Poor reason> undercuts <Alcohol and tobacco analogy>, which has no structure: its support becomes a one-premise argument that is undercut; <Addiction no reason to ban> undercuts an argument that only attacks, which Clashmap cannot hold, reported',
  },
};

/**
 * Premises an inference's {uses: […]} leaves out: they are not linked to the argument (reported).
 * The Turnover Argument's rule says {uses: [1,2,3,4]} over five premises.
 */
const UNUSED_PREMISES: Record<string, number> = {
  'greenspan-schefczyk_hardwrap.argdown: Turnover Argument': 1,
};

/** The schemes Clashmap reads, where they differ from the rule as written (data left out). */
const SCHEMES: Record<string, string[]> = {
  // Argdown turns the ArgVu shortcodes into symbols.
  'argdown-primer.argdown': ['Some inference rule: p ∧ (p → q) → q'],
  // Argdown splits rules at commas ("1,2)" becomes "1" and "2)"); they are joined with ", ".
  'intro.argdown': ['Some inference rule (Some additional info: 1, 2)'],
};

const count = (edges: Edge[], kind: Edge['kind']) => edges.filter((e) => e.kind === kind).length;

/** The argument nodes of one Argdown argument: its steps, named "Title (step k of n)" and "Title". */
function argumentGroups(map: ClashMap): Map<string, MapNode[]> {
  const groups = new Map<string, MapNode[]>();
  for (const node of map.nodes) {
    if (node.kind !== 'argument' || node.id.endsWith('-inference')) continue;
    const name = node.text.replace(/ \(step \d+ of \d+\)$/, '');
    groups.set(name, [...(groups.get(name) ?? []), node]);
  }
  return groups;
}

/** The premises of an Argdown argument: those of its steps, less its intermediary conclusions. */
function premisesOf(map: ClashMap, steps: MapNode[]): Set<string> {
  const ids = new Set(steps.map((s) => s.id));
  const premises = new Set(
    map.edges.filter((e) => e.kind === 'premise' && ids.has(e.to)).map((e) => e.from),
  );
  for (const e of map.edges) if (e.kind === 'concludes' && ids.has(e.from)) premises.delete(e.to);
  return premises;
}

describe.each(Object.keys(EXPECTED))('the Argdown project’s %s', (file) => {
  const expected = EXPECTED[file]!;
  const adjust = ADJUSTMENTS[file] ?? { why: '' };
  const load = async () => imported(await importArgdown(readFileSync(DIR + file, 'utf8')));

  it('imports every statement, and every argument without a structure as a claim', async () => {
    const { map } = await load();
    const statements = map.nodes.filter((n) => n.kind !== 'argument').length;
    expect(statements).toBe(expected.statements + expected.arguments - expected.argumentsWithPcs);
  }, 60_000); // the first import loads @argdown/core, slow on a busy machine

  it('makes an argument node for each inference step, with its premises linked', async () => {
    const { map } = await load();
    const argumentNodes = map.nodes.filter((n) => n.kind === 'argument');
    expect(argumentNodes).toHaveLength(expected.inferenceSteps + (adjust.madeArguments ?? 0));
    const groups = argumentGroups(map);
    expect(groups.size).toBe(expected.argumentsWithPcs);
    const linked = [...groups.values()].filter((steps) => premisesOf(map, steps).size >= 2);
    expect(linked).toHaveLength(expected.linkedArguments);
    for (const [title, premises] of Object.entries(expected.premisesPerArgument ?? {}))
      expect([title, premisesOf(map, groups.get(title) ?? []).size]).toEqual([
        title,
        premises - (UNUSED_PREMISES[`${file}: ${title}`] ?? 0),
      ]);
    // Each step concludes exactly one statement and rests on at least one.
    for (const node of argumentNodes) {
      expect(map.edges.filter((e) => e.kind === 'concludes' && e.from === node.id)).toHaveLength(1);
      expect(
        map.edges.filter((e) => e.kind === 'premise' && e.to === node.id).length,
      ).toBeGreaterThan(0);
    }
  });

  it('names each argument’s scheme by its inference rule', async () => {
    const { map } = await load();
    const schemes = map.nodes.flatMap((n) =>
      n.kind === 'argument' && n.scheme !== undefined ? [n.scheme] : [],
    );
    const rules =
      SCHEMES[file] ?? expected.inferenceRules.map((r) => r.replace(/\s*\{[^}]*\}\s*$/, ''));
    expect([...new Set(schemes)].sort()).toEqual([...new Set(rules)].sort());
  });

  it('keeps the relations as written, less what it reports', async () => {
    const { map, losses } = await load();
    const declared = expected.declaredRelations;
    expect({
      support: count(map.edges, 'support'),
      rebuttal: count(map.edges, 'rebuttal'),
      undercut: count(map.edges, 'undercut'),
      contrary: count(map.edges, 'contrary'),
    }).toEqual({
      support: declared.support + (adjust.support ?? 0),
      rebuttal: declared.attack + (adjust.attack ?? 0),
      undercut: declared.undercut + (adjust.undercut ?? 0),
      contrary: expected.symmetricConflicts,
    });
    // Every report says, last, whether what was lost changes which claims stand.
    expect(messages(losses).at(-1)).toMatch(/^(Which claims stand is unchanged|This changes)/);
  });
});

describe('Argdown import of arguments, read the way Argdown reads them', () => {
  it('takes a step’s premises from {uses: […]}, or from the statements since the last inference', async () => {
    const text = [
      '<Chain>',
      '',
      '(1) A',
      '(2) B',
      '----',
      '(3) C',
      '(4) D',
      '-- Modus ponens {uses: [1,4]} --',
      '(5) E',
      '----',
      '(6) F',
      '',
    ].join('\n');
    const { map } = imported(await importArgdown(text));
    const textOf = (id: string) => map.nodes.find((n) => n.id === id)!.text;
    const steps = map.nodes
      .filter((n) => n.kind === 'argument')
      .map((step) => ({
        text: step.text,
        scheme: step.kind === 'argument' ? step.scheme : undefined,
        premises: map.edges
          .filter((e) => e.kind === 'premise' && e.to === step.id)
          .map((e) => textOf(e.from)),
        conclusion: textOf(map.edges.find((e) => e.kind === 'concludes' && e.from === step.id)!.to),
      }));
    expect(steps).toEqual([
      { text: 'Chain (step 1 of 3)', scheme: undefined, premises: ['A', 'B'], conclusion: 'C' },
      {
        text: 'Chain (step 2 of 3)',
        scheme: 'Modus ponens',
        premises: ['A', 'D'],
        conclusion: 'E',
      },
      { text: 'Chain', scheme: undefined, premises: ['E'], conclusion: 'F' },
    ]);
  });

  it('reads a strict file’s attacks between statements as contraries, and a loose file’s as rebuttals', async () => {
    const body = ['[H1]: Epidemic influence.', '  - [H2]: Rough examination.', ''];
    const strict = imported(
      await importArgdown(['===', 'model:', '  mode: strict', '===', '', ...body].join('\n')),
    );
    expect(strict.map.edges.map((e) => [e.from, e.to, e.kind])).toEqual([['H2', 'H1', 'contrary']]);
    // Contraries attack each other: both stay undecided, whichever was written first.
    expect(evaluateMap(strict.map).nodes.get('H1')?.label).toBe('undecided');
    expect(evaluateMap(strict.map).nodes.get('H2')?.label).toBe('undecided');
    const loose = imported(await importArgdown(body.join('\n')));
    expect(loose.map.edges.map((e) => [e.from, e.to, e.kind])).toEqual([['H2', 'H1', 'rebuttal']]);
  });

  it('reads semmelweis_betz’s rival hypotheses as pairwise conflicts', async () => {
    const { map } = imported(
      await importArgdown(readFileSync(`${DIR}semmelweis_betz.argdown`, 'utf8')),
    );
    const conflicts = map.edges
      .filter((e) => e.kind === 'contrary')
      .map((e) => [e.from, e.to].sort().join(' >< '));
    for (const pair of [
      'Epidemic-Influence-Hypothesis >< Rough-Examination-Hypothesis',
      'Cadavric-Substance-Hypothesis >< Epidemic-Influence-Hypothesis',
      'Cadavric-Substance-Hypothesis >< Rough-Examination-Hypothesis',
    ])
      expect(conflicts).toContain(pair);
  });

  it('makes a one-premise argument to undercut an argument written without a structure', async () => {
    const { map, losses } = imported(
      await importArgdown(readFileSync(`${DIR}legalisation-softdrugs.argdown`, 'utf8')),
    );
    const made = map.nodes.find((n) => n.id === 'Alcohol-and-tobacco-analogy-inference')!;
    expect(made.kind).toBe('argument');
    expect(
      map.edges
        .filter((e) => e.to === made.id || e.from === made.id)
        .map((e) => [e.from, e.to, e.kind]),
    ).toEqual([
      ['Alcohol-and-tobacco-analogy', made.id, 'premise'],
      [made.id, 'Legalisation-of-Soft-Drugs', 'concludes'],
      ['Poor-reason', made.id, 'undercut'],
    ]);
    expect(lossAbout(losses, 'An undercut of an argument that supports nothing').path).toBe(
      'line 116',
    );
  });

  it('keeps {isInMap: false} statements an argument uses, and leaves out the others, saying what that changes', async () => {
    const censorship = imported(
      await importArgdown(readFileSync(`${DIR}state-censorship.argdown`, 'utf8')),
    );
    expect(censorship.map.nodes.map((n) => n.id)).toEqual(
      expect.arrayContaining(['IRC-legislation', 'Causal-link']),
    );
    expect(lossAbout(censorship.losses, '{isInMap: false}').path).toBe('line 71, line 106');

    const { map, losses } = imported(
      await importArgdown('[A]: Strikes work.\n  - [B]: They do not. {isInMap: false}\n'),
    );
    expect(map.nodes.map((n) => n.id)).toEqual(['A']);
    expect(messages(losses)).toContain(
      'Statements marked {isInMap: false} were left out, with their relations',
    );
    expect(messages(losses).at(-1)).toBe(
      'This changes which claims stand: “Strikes work.” fell and now stands; “They do not.” stood and is not in the map',
    );
  });

  it('says when a lost undercut of an attack changes which claims stand', async () => {
    const text = [
      '[T]: Ban it.',
      '  - <Attack>: It harms.',
      '    <_ <Cut>: Harm is no reason.',
      '',
    ].join('\n');
    const { losses } = imported(await importArgdown(text));
    // Without the undercut the attack defeats the thesis; the author meant it to fail.
    expect(messages(losses).at(-1)).toBe(
      'This changes which claims stand: “Ban it.” stood and now falls',
    );
  });
});

/** A Clashmap map with edges compared as sets, a conflict either way round. */
function shape(map: ClashMap) {
  return {
    nodes: map.nodes,
    edges: map.edges
      .map((e) => {
        const [a, b] = e.kind === 'contrary' ? [e.from, e.to].sort() : [e.from, e.to];
        return `${a} -> ${b} (${e.kind})`;
      })
      .sort(),
  };
}

async function roundTrip(map: ClashMap) {
  const { text, losses } = exported(exportArgdown(map));
  const back = imported(await importArgdown(text));
  return { text, losses, back: back.map, importLosses: back.losses };
}

function readV5(): ClashMap {
  const parsed = parseMap(readFileSync('tests/fixtures/format-v5.clashmap.json', 'utf8'));
  if (!parsed.ok) throw new Error('the v5 fixture should parse');
  return parsed.map;
}

/** What @argdown/core itself reads from a text: structures, rules and relations. */
function argdownModel(text: string) {
  const app = new ArgdownApplication({ log: () => {}, setLevel: () => {} } as never);
  app.addPlugin(new ParserPlugin(), 'parse-input');
  app.addPlugin(
    new DataPlugin({ frontMatterSettingsMode: FrontMatterSettingsModes.IGNORE }),
    'build-model',
  );
  app.addPlugin(new ModelPlugin(), 'build-model');
  const response = app.run({ input: text, process: ['parse-input', 'build-model'] });
  return {
    arguments: Object.values(response.arguments ?? {}).map((a) => ({
      title: a.title,
      pcs: a.pcs.map((s) => [s.role, s.title]),
      rules: a.pcs.flatMap((s) => {
        const { inference } = s as { inference?: { inferenceRules?: string[] } };
        return inference ? [inference.inferenceRules] : [];
      }),
    })),
    relations: (response.relations ?? []).map((r) => [
      r.relationType,
      r.from!.type,
      (r.from as { title?: string }).title,
      r.to!.type,
      (r.to as { title?: string; argumentTitle?: string }).title ??
        (r.to as { argumentTitle?: string }).argumentTitle,
    ]),
  };
}

describe('Argdown export of arguments', () => {
  it('writes the v5 fixture’s arguments as structures that Argdown reads as the same arguments', () => {
    const { text, losses } = exported(exportArgdown(readV5()));
    expect(text).toContain(
      [
        '<arg-labs>: Strikes on labs cut supply',
        '',
        '(1) [labs]',
        '(2) [hit]',
        '-- Cause to Effect --',
        '(3) [flow]',
      ].join('\n'),
    );
    expect(text).toContain(
      '[rebuild]: Cartels rebuild a lab within days, elsewhere.\n  _> <arg-labs>',
    );
    expect(text).toContain('[supply]: Cutting supply lowers use.\n  >< [demand]');
    const model = argdownModel(text);
    expect(model.arguments).toEqual([
      {
        title: 'arg-labs',
        pcs: [
          ['premise', 'labs'],
          ['premise', 'hit'],
          ['main-conclusion', 'flow'],
        ],
        rules: [['Cause to Effect']],
      },
      {
        title: 'arg-demand',
        pcs: [
          ['premise', 'supply'],
          ['main-conclusion', 'strike'],
        ],
        rules: [[]],
      },
    ]);
    expect(model.relations).toEqual(
      expect.arrayContaining([
        ['undercut', 'equivalence-class', 'rebuild', 'inference', 'arg-labs'],
        ['contradictory', 'equivalence-class', 'supply', 'equivalence-class', 'demand'],
        ['support', 'equivalence-class', 'flow', 'equivalence-class', 'strike'],
      ]),
    );
    expect(messages(losses)).toEqual([
      'Argdown writes a conflict (contrary) only as a contradiction (><), which Argdown reads as stronger (one of the two must be true); Clashmap reads it back as a conflict',
      'Edge ids are not kept in Argdown; imported edges get new ids',
      'Which claims stand is unchanged by these losses',
    ]);
  });

  it('says when what it writes as another kind changes which claims stand', async () => {
    // A turn attacks its target and what the target supports; Argdown writes it as an attack,
    // which leaves the position standing on its other supporter.
    const claim = (id: string, text: string) => ({
      id,
      kind: 'claim' as const,
      text,
      evidence: [],
    });
    const map: ClashMap = {
      format: 'clashmap',
      version: 5,
      title: 'Turn',
      sources: [],
      nodes: [
        { id: 'p', kind: 'position', text: 'Strike', evidence: [] },
        claim('a', 'Strikes stem the flow'),
        claim('b', 'Strikes deter'),
        claim('t', 'Strikes increase the flow'),
      ],
      edges: [
        { id: 'e1', from: 'a', to: 'p', kind: 'support' },
        { id: 'e2', from: 'b', to: 'p', kind: 'support' },
        { id: 'e3', from: 't', to: 'a', kind: 'turns' },
      ],
    };
    const { losses, back } = await roundTrip(map);
    expect(messages(losses).at(-1)).toBe(
      'This changes which claims stand: “Strike” fell and now stands',
    );
    // And so it does, read back.
    expect(evaluateMap(map).nodes.get('p')?.label).toBe('falls');
    expect(evaluateMap(back).nodes.get('p')?.label).toBe('stands');
  });

  it('keeps the v5 fixture’s nodes, linked premises, schemes, undercut and conflict', async () => {
    const map = readV5();
    const { back, importLosses } = await roundTrip(map);
    expect(shape(back)).toEqual(shape(map));
    expect(importLosses).toEqual([]);
  });

  it('writes a scheme Argdown would not read back as written in the inference’s data too', async () => {
    const map = readV5();
    const schemes = [
      'Modus ponens, Specification',
      'a,b',
      'p .^. q',
      'x -- y',
      'Effect {of} cause',
      'Cause to  Effect',
    ];
    for (const scheme of schemes) {
      const changed: ClashMap = {
        ...map,
        nodes: map.nodes.map((n) => (n.id === 'arg-labs' ? { ...n, scheme } : n)),
      };
      const { text, back } = await roundTrip(changed);
      expect(back.nodes.find((n) => n.id === 'arg-labs')).toMatchObject({ scheme });
      if (scheme === 'Modus ponens, Specification') expect(text).toContain(`-- ${scheme} --`);
    }
  });
});

describe('Argdown round trip of maps with arguments (property, 60 generated maps)', () => {
  const word = fc.constantFrom(
    'strikes',
    'labs',
    'a  gap',
    ' lead',
    'tab\there',
    'line\nbreak',
    '(1)',
    '--',
    '<a>',
    '[b]',
    '{c}',
    '.A.',
    ',',
    '_>',
    'é',
    '🇲🇽',
  );
  const prose = fc
    .array(word, { minLength: 1, maxLength: 5 })
    .map((w) => w.join(' '))
    .filter((s) => s.trim() !== '' && textProblem(s) === null);
  const scheme = fc.option(
    fc
      .array(fc.constantFrom('Modus', 'ponens', ',', ', ', '--', '.^.', '{x}', 'Cause', '-', "'"), {
        minLength: 1,
        maxLength: 4,
      })
      .map((w) => w.join(' ').trim())
      .filter((s) => s !== '' && s.length <= 120 && textProblem(s) === null),
    { nil: undefined },
  );
  const mapArb = fc
    .record({
      claims: fc.array(prose, { minLength: 3, maxLength: 6 }),
      args: fc.array(
        fc.record({
          text: prose,
          scheme,
          premises: fc.uniqueArray(fc.nat(5), { minLength: 1, maxLength: 3 }),
          conclusion: fc.nat(5),
          undercutBy: fc.option(fc.nat(5), { nil: undefined }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      conflicts: fc.array(fc.tuple(fc.nat(5), fc.nat(5)), { maxLength: 2 }),
      rebuttals: fc.array(fc.tuple(fc.nat(5), fc.nat(5)), { maxLength: 2 }),
    })
    .map(({ claims, args, conflicts, rebuttals }) => {
      const n = claims.length;
      const nodes: MapNode[] = claims.map((text, i) => ({
        id: `c${i}`,
        kind: i === 0 ? 'position' : 'claim',
        text,
        evidence: [],
      }));
      const edges: Edge[] = [];
      const keys = new Set<string>();
      const add = (from: string, to: string, kind: Edge['kind']) => {
        const key = kind === 'contrary' ? [from, to].sort().join() + kind : `${from},${to},${kind}`;
        if (from === to || keys.has(key)) return;
        keys.add(key);
        edges.push({ id: `e${edges.length + 1}`, from, to, kind });
      };
      args.forEach((a, k) => {
        const conclusion = `c${a.conclusion % n}`;
        const premises = [...new Set(a.premises.map((p) => `c${p % n}`))].filter(
          (p) => p !== conclusion,
        );
        if (premises.length === 0) return;
        const id = `a${k}`;
        nodes.push({
          id,
          kind: 'argument',
          text: a.text,
          evidence: [],
          ...(a.scheme ? { scheme: a.scheme } : {}),
        });
        for (const p of premises) add(p, id, 'premise');
        add(id, conclusion, 'concludes');
        if (a.undercutBy !== undefined) add(`c${a.undercutBy % n}`, id, 'undercut');
      });
      for (const [a, b] of conflicts) add(`c${a % n}`, `c${b % n}`, 'contrary');
      for (const [a, b] of rebuttals) add(`c${a % n}`, `c${b % n}`, 'rebuttal');
      const map: ClashMap = {
        format: 'clashmap',
        version: 5,
        title: 'Generated',
        sources: [],
        nodes,
        edges,
      };
      return map;
    });

  it('keeps every node (text exactly, scheme), linked premise, undercut and conflict', async () => {
    await fc.assert(
      fc.asyncProperty(mapArb, async (map) => {
        const parsed = parseMap(JSON.stringify(map));
        fc.pre(parsed.ok);
        const { back } = await roundTrip(map);
        expect(shape(back)).toEqual(shape(map));
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
