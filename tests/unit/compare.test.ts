import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { maximumAssignment } from '../../src/compare/assignment';
import { compareMaps } from '../../src/compare/compare';
import { comparisonJson, csvField } from '../../src/compare/report';
import {
  defaultSettings,
  parseSettings,
  serializeSettings,
  settingsPathFor,
  withDecision,
  withoutDecision,
  type CompareSettings,
} from '../../src/compare/settings';
import {
  pairSimilarity,
  prepareMap,
  similarityMatrix,
  termWeights,
} from '../../src/compare/similarity';
import { stems } from '../../src/compare/text';
import { parseMap } from '../../src/io/parse';
import { ARTICLE_MAP_PATH } from './helpers/maps';
import { makeMap, quote, type EdgeSpec } from './helpers/compareMaps';

const pairs = (c: ReturnType<typeof compareMaps>) => c.matched.map((m) => [m.model, m.student]);

describe('matching reworded claims', () => {
  const model = makeMap([
    [
      'pos',
      'position',
      'The US should strike cartels in Mexico with drones, unilaterally if need be.',
    ],
    [
      'flow',
      'claim',
      'Drone strikes on cartels would help stem the flow of fentanyl across the border',
      [quote('q1', 'launching drone strikes against the cartels to stem the flow of fentanyl')],
    ],
    ['rupture', 'claim', 'Unilateral strikes would significantly rupture US–Mexico relations'],
    [
      'demand',
      'claim',
      'While US demand for fentanyl persists, cartels will keep making and smuggling it',
      [quote('q2', 'if the demand for fentanyl still exists, someone will make it')],
    ],
    ['reject', 'claim', 'Mexico rejects any form of foreign intervention or interference'],
  ]);

  it('matches synonyms, a new word order and a dropped quote, and leaves an unrelated claim extra', () => {
    const student = makeMap([
      // Synonyms: attack for strike, reduce for stem, narcotics for drugs.
      [
        's-flow',
        'claim',
        'Attacking the cartels with drones would reduce the fentanyl coming over the border',
      ],
      // Word order, and "damaged" for "rupture".
      [
        's-rupture',
        'claim',
        'Relations between Mexico and the United States would be badly damaged by unilateral strikes',
      ],
      // The same claim without the model's quote.
      [
        's-demand',
        'claim',
        'As long as Americans demand fentanyl, cartels will keep making it and smuggling it',
      ],
      ['s-cats', 'claim', 'Cats make better pets than dogs'],
      [
        's-pos',
        'position',
        'America should use drones against Mexican cartels, alone if necessary',
      ],
    ]);
    const result = compareMaps(model, student);
    expect(pairs(result)).toEqual([
      ['pos', 's-pos'],
      ['flow', 's-flow'],
      ['rupture', 's-rupture'],
      ['demand', 's-demand'],
    ]);
    expect(result.missing).toEqual(['reject']);
    expect(result.extra).toEqual(['s-cats']);
    expect(result.matched.every((m) => m.by === 'similarity')).toBe(true);
    expect(result.matched.find((m) => m.model === 'rupture')!.why).toMatch(
      /^similarity 0\.\d\d: shared words .*“relations”/,
    );
  });

  it('takes the same quote as strong evidence when the wording shares little', () => {
    const student = makeMap([
      [
        's1',
        'claim',
        'This would be good for public health',
        [quote('x', 'Launching drone strikes against the cartels to stem the flow of fentanyl')],
      ],
    ]);
    const result = compareMaps(model, student);
    expect(pairs(result)).toEqual([['flow', 's1']]);
    expect(result.matched[0]!.why).toContain('the same quote');
    // Without the quote, the same words match nothing.
    const bare = makeMap([['s1', 'claim', 'This would be good for public health']]);
    expect(compareMaps(model, bare).matched).toEqual([]);
  });

  it('counts overlapping spans of the same source as evidence', () => {
    const text =
      'Officials said strikes would stem the flow. Mexico said it rejects any intervention.';
    const withSource = (start: number, end: number, claim: string) => ({
      ...makeMap([['c', 'claim', claim]]),
      sources: [{ id: 'src', title: 'Same report', text }],
    });
    const a = withSource(0, 43, 'Strikes would stem the flow of drugs');
    a.nodes[0]!.evidence = [
      { id: 'q', sourceId: 'src', quote: text.slice(0, 43), start: 0, end: 43, speaker: 'x' },
    ];
    const b = withSource(15, 43, 'Something else entirely here');
    b.nodes[0]!.evidence = [
      { id: 'q', sourceId: 'src', quote: text.slice(15, 43), start: 15, end: 43, speaker: 'x' },
    ];
    const result = compareMaps(a, b);
    expect(pairs(result)).toEqual([['c', 'c']]);
    expect(result.matched[0]!.why).toContain('overlapping quotes from the same source');
  });

  it('never matches a position with a claim on its own', () => {
    const student = makeMap([
      ['s', 'claim', 'Mexico rejects any form of foreign intervention or interference'],
    ]);
    const onlyPosition = makeMap([
      ['p', 'position', 'Mexico rejects any form of foreign intervention or interference'],
    ]);
    expect(compareMaps(onlyPosition, student).matched).toEqual([]);
  });

  it('reads negations, "US" and contractions as words that count', () => {
    expect(stems("The U.S. won't strike; Mexico doesn't believe us")).toEqual([
      'usa',
      'not',
      'strike',
      'mexico',
      'not',
      'believ',
    ]);
  });

  it('takes the best pairing overall, not the best pair first', () => {
    // The single best pair is a–x (0.77); taking it first would leave b with only y (0.14, under
    // the threshold). The optimal assignment pairs a–y (0.48) and b–x (0.70) and matches both.
    const m = makeMap([
      ['a', 'claim', 'Cartels smuggle fentanyl across the border'],
      ['b', 'claim', 'Cartels smuggle guns into Mexico'],
    ]);
    const s = makeMap([
      ['x', 'claim', 'Cartels smuggle fentanyl and guns across the border into Mexico'],
      ['y', 'claim', 'Cartels move fentanyl over the southern border'],
    ]);
    const result = compareMaps(m, s);
    expect(result.similarity('a', 'x').score).toBeGreaterThan(result.similarity('b', 'x').score);
    expect(result.similarity('b', 'y').score).toBeLessThan(defaultSettings().threshold);
    expect(pairs(result)).toEqual([
      ['a', 'y'],
      ['b', 'x'],
    ]);
  });
});

describe('edge cases', () => {
  it('compares empty maps without dividing by nothing', () => {
    const empty = makeMap([]);
    const one = makeMap([['a', 'claim', 'Drone strikes would stop the flow']]);
    const both = compareMaps(empty, empty);
    expect(both.scores.combined.value).toBe(1);
    expect(both.scores.claimRecall.explanation).toBe(
      'The model has no claims or positions to find.',
    );
    const noStudent = compareMaps(one, empty);
    expect(noStudent.missing).toEqual(['a']);
    expect(noStudent.scores.claimPrecision.value).toBe(0);
    expect(Number.isFinite(noStudent.scores.combined.value)).toBe(true);
  });

  it('a spreadsheet reads a student file named like a formula as text', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('-1+2')).toBe("'-1+2");
    expect(csvField(0.5)).toBe('0.5');
  });
});

describe('the similarity matrix', () => {
  it('is exact wherever a pair reaches the floor, and 0 elsewhere, whatever it skips', () => {
    const article = parseMap(readFileSync(ARTICLE_MAP_PATH, 'utf8'), { brokenQuotes: 'warn' });
    if (!article.ok) throw new Error('the article map does not open');
    const model = prepareMap(article.map);
    // Students: the article reworded by dropping and swapping words, with half its quotes.
    const student = prepareMap({
      ...article.map,
      nodes: article.map.nodes.map((n, i) => {
        const words = n.text.split(' ');
        words.splice(i % words.length, 1);
        words.reverse();
        return { ...n, id: `s-${n.id}`, text: words.join(' '), evidence: i % 2 ? n.evidence : [] };
      }),
    });
    const weights = termWeights([model, student]);
    for (const floor of [0.2, 0.35, 0.6]) {
      const matrix = similarityMatrix(model, student, weights, floor);
      let above = 0;
      model.nodes.forEach((a, i) =>
        student.nodes.forEach((b, j) => {
          const cell = matrix[i * student.nodes.length + j]!;
          const exact = a.kind === b.kind ? pairSimilarity(weights, a, b).score : 0;
          if (exact >= floor) {
            above++;
            expect(cell).toBeCloseTo(exact, 12);
          } else expect(cell).toBe(0);
        }),
      );
      expect(above).toBeGreaterThan(0);
    }
  });
});

describe('maximumAssignment', () => {
  function bruteForce(w: number[][]): number {
    const rows = w.length;
    const cols = w[0]?.length ?? 0;
    const best = (row: number, used: number): number => {
      if (row === rows) return 0;
      let top = best(row + 1, used); // this row unpaired
      for (let j = 0; j < cols; j++) {
        if (used & (1 << j)) continue;
        const gain = w[row]![j]! > 0 ? w[row]![j]! : 0;
        top = Math.max(top, gain + best(row + 1, used | (1 << j)));
      }
      return top;
    };
    return best(0, 0);
  }

  it('finds the largest total weight, as brute force does, on small matrices', () => {
    const matrix = fc
      .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }))
      .chain(([r, c]) =>
        fc.array(
          fc.array(fc.double({ min: -0.2, max: 1, noNaN: true }), { minLength: c, maxLength: c }),
          {
            minLength: r,
            maxLength: r,
          },
        ),
      );
    fc.assert(
      fc.property(matrix, (w) => {
        const found = maximumAssignment(w.length, w[0]!.length, (i, j) => w[i]![j]!);
        const rowsUsed = new Set(found.map(([i]) => i));
        const colsUsed = new Set(found.map(([, j]) => j));
        expect(rowsUsed.size).toBe(found.length);
        expect(colsUsed.size).toBe(found.length);
        for (const [i, j] of found) expect(w[i]![j]!).toBeGreaterThan(0);
        const total = found.reduce((sum, [i, j]) => sum + w[i]![j]!, 0);
        expect(total).toBeCloseTo(bruteForce(w), 9);
      }),
      { numRuns: 300 },
    );
  });

  it('beats the greedy choice', () => {
    const w = [
      [0.9, 0.8],
      [0.85, 0.1],
    ];
    expect(maximumAssignment(2, 2, (i, j) => w[i]![j]!)).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });
});

describe('relation differences', () => {
  // The same four texts in both maps, under different ids, so matching is certain.
  const NODES = {
    a: 'Drone strikes would stop the fentanyl flow',
    b: 'Mexico rejects foreign intervention',
    c: 'Demand for drugs keeps the cartels in business',
    d: 'Intelligence-led arrests work better than force',
  };
  const modelOf = (edges: EdgeSpec[]) =>
    makeMap(
      Object.entries(NODES).map(([id, text]) => [id, 'claim', text]),
      edges,
    );
  const studentOf = (edges: EdgeSpec[]) =>
    makeMap(
      Object.entries(NODES).map(([id, text]) => [`s${id}`, 'claim', text]),
      edges.map(([f, t, k]) => [`s${f}`, `s${t}`, k]),
    );
  const diff = (model: EdgeSpec[], student: EdgeSpec[]) => {
    const result = compareMaps(modelOf(model), studentOf(student));
    expect(result.matched).toHaveLength(4);
    return {
      list: result.relations.map((r) => [
        r.status,
        r.model.map((e) => e.id),
        r.student.map((e) => e.id),
      ]),
      json: comparisonJson('student', result).relations,
      scores: result.scores,
    };
  };

  it('present: the same ends, direction and kind', () => {
    expect(diff([['a', 'b', 'support']], [['a', 'b', 'support']]).list).toEqual([
      ['present', ['a>b'], ['sa>sb']],
    ]);
  });

  it('missing and extra', () => {
    const { list, json } = diff([['a', 'b', 'support']], [['c', 'd', 'rebuttal']]);
    expect(list).toEqual([
      ['missing', ['a>b'], []],
      ['extra', [], ['sc>sd']],
    ]);
    expect(json.missing).toEqual([['a', 'b']]);
    expect(json.extra).toEqual([['sc', 'sd']]);
  });

  it('an extra relation from a node the model does not have', () => {
    const student = studentOf([]);
    student.nodes.push({
      id: 'sz',
      kind: 'claim',
      text: 'Cats make better pets than dogs',
      evidence: [],
    });
    student.edges.push({ id: 'z', from: 'sz', to: 'sa', kind: 'support' });
    const result = compareMaps(modelOf([]), student);
    expect(result.relations.map((r) => [r.status, r.ends])).toEqual([['extra', null]]);
  });

  it('wrong kind: support where the model has a rebuttal', () => {
    const { list, json } = diff([['a', 'b', 'rebuttal']], [['a', 'b', 'support']]);
    expect(list).toEqual([['wrongKind', ['a>b'], ['sa>sb']]]);
    expect(json.wrongKind).toEqual([['a', 'b']]);
  });

  it('reversed: the same ends the other way round', () => {
    const { list, json } = diff([['a', 'b', 'support']], [['b', 'a', 'support']]);
    expect(list).toEqual([['reversed', ['a>b'], ['sb>sa']]]);
    expect(json.reversed).toEqual([['a', 'b']]);
  });

  it('a pair with both kinds is two agreements, not two wrong kinds', () => {
    const both: EdgeSpec[] = [
      ['a', 'b', 'support'],
      ['a', 'b', 'rebuttal'],
    ];
    expect(diff(both, [...both].reverse()).list.map(([s]) => s)).toEqual(['present', 'present']);
  });

  it('partial: the student goes A→B→C where the model has A→C', () => {
    const { list, json, scores } = diff(
      [['a', 'c', 'support']],
      [
        ['a', 'b', 'support'],
        ['b', 'c', 'support'],
      ],
    );
    expect(list).toEqual([['partial', ['a>c'], ['sa>sb', 'sb>sc']]]);
    expect(json.partial).toEqual([['a', 'c']]);
    // Half credit for the model's one relation; the student's two relations share that half.
    expect(scores.relationRecall.value).toBe(0.5);
    expect(scores.relationPrecision.value).toBe(0.25);
  });

  it('partial: the student goes A→C where the model has A→B→C', () => {
    const { list, json } = diff(
      [
        ['a', 'b', 'support'],
        ['b', 'c', 'support'],
      ],
      [['a', 'c', 'support']],
    );
    expect(list).toEqual([
      ['missing', ['a>b'], []],
      ['missing', ['b>c'], []],
      ['partial', ['a>b', 'b>c'], ['sa>sc']],
    ]);
    expect(json.partial).toEqual([['a', 'c']]);
  });

  it('no partial credit for a path of three', () => {
    const { list } = diff(
      [['a', 'd', 'support']],
      [
        ['a', 'b', 'support'],
        ['b', 'c', 'support'],
        ['c', 'd', 'support'],
      ],
    );
    expect(list.map(([s]) => s)).toEqual(['missing', 'extra', 'extra', 'extra']);
  });
});

describe('labels and scores', () => {
  const model = makeMap(
    [
      ['pos', 'position', 'The US should strike the cartels'],
      ['harm', 'claim', 'Strikes would rupture relations with Mexico'],
      ['answer', 'claim', 'Relations with Mexico are already broken'],
    ],
    [
      ['harm', 'pos', 'rebuttal'],
      ['answer', 'harm', 'rebuttal'],
    ],
  );

  it('names each position whose label differs, with both reasons', () => {
    const student = makeMap(
      [
        ['p', 'position', 'The US should strike the cartels'],
        ['h', 'claim', 'Strikes would rupture relations with Mexico'],
      ],
      [['h', 'p', 'rebuttal']],
    );
    const result = compareMaps(model, student);
    expect(result.labels).toEqual([
      {
        model: 'pos',
        student: 'p',
        modelLabel: 'stands',
        studentLabel: 'falls',
        modelReason:
          'taken as given, and “Strikes would rupture relations with Mexico”, which rebuts it, falls',
        studentReason: 'rebutted by “Strikes would rupture relations with Mexico”, which stands',
      },
    ]);
  });

  it('explains every score in words', () => {
    const student = makeMap(
      [
        ['p', 'position', 'The US should strike the cartels'],
        ['h', 'claim', 'Strikes would rupture relations with Mexico'],
        ['x', 'claim', 'Cats make better pets than dogs'],
      ],
      [['h', 'p', 'support']],
    );
    const { scores } = compareMaps(model, student);
    expect(scores.claimRecall.value).toBeCloseTo(2 / 3);
    expect(scores.claimRecall.explanation).toBe(
      'Found 2 of the model’s 3 claims and positions (67%). Missing: “Relations with Mexico are already broken”.',
    );
    expect(scores.claimPrecision.explanation).toBe(
      '2 of the student’s 3 claims and positions match the model (67%). Not in the model: “Cats make better pets than dogs”.',
    );
    expect(scores.relationF1.explanation).toBe(
      'Relations: 0 as in the model, 1 of the wrong kind and 1 missing. Recall 0.25 and precision 0.50 give F1 0.33 (their harmonic mean).',
    );
    expect(scores.combined.explanation).toBe(
      '(0.4 × claim recall 0.67 + 0.2 × claim precision 0.67 + 0.4 × relation F1 0.33) ÷ 1.00, the weights’ total = 0.53.',
    );
    const weighted = compareMaps(model, student, {
      ...defaultSettings(),
      weights: { claimRecall: 1, claimPrecision: 0, relations: 0 },
    });
    expect(weighted.scores.combined.value).toBeCloseTo(2 / 3);
  });
});

describe('the teacher’s decisions', () => {
  const model = makeMap([
    ['flow', 'claim', 'Drone strikes would stem the flow of fentanyl'],
    ['reject', 'claim', 'Mexico rejects foreign intervention'],
  ]);
  const student = makeMap([
    ['s1', 'claim', 'Drone strikes would reduce the flow of fentanyl'],
    ['s2', 'claim', 'Sheinbaum said no'],
  ]);

  it('break a match, make one, and undo a decision', () => {
    let settings: CompareSettings = defaultSettings();
    expect(pairs(compareMaps(model, student, settings))).toEqual([['flow', 's1']]);
    settings = withDecision(settings, {
      model: 'flow',
      student: 'Drone strikes would reduce the flow of fentanyl',
      match: false,
    });
    expect(pairs(compareMaps(model, student, settings))).toEqual([]);
    settings = withDecision(settings, {
      model: 'reject',
      student: 'Sheinbaum said no',
      match: true,
    });
    const made = compareMaps(model, student, settings);
    expect(pairs(made)).toEqual([['reject', 's2']]);
    expect(made.matched[0]!.by).toBe('teacher');
    expect(made.matched[0]!.why).toMatch(/^matched by the teacher/);
    settings = withoutDecision(
      settings,
      'flow',
      'drone strikes would  reduce the flow of fentanyl',
    );
    expect(pairs(compareMaps(model, student, settings))).toEqual([
      ['flow', 's1'],
      ['reject', 's2'],
    ]);
  });

  it('a new match replaces the matches it contradicts', () => {
    let settings = withDecision(defaultSettings(), {
      model: 'flow',
      student: 'Sheinbaum said no',
      match: true,
    });
    settings = withDecision(settings, {
      model: 'reject',
      student: 'Sheinbaum said no',
      match: true,
    });
    expect(settings.decisions).toEqual([
      { model: 'reject', student: 'Sheinbaum said no', match: true },
    ]);
  });

  it('keeps them in a file next to the model that reads back the same', () => {
    const settings = withDecision(
      { ...defaultSettings(), threshold: 0.5 },
      { model: 'reject', student: 'Sheinbaum said no', match: true },
    );
    const text = serializeSettings(settings);
    expect(parseSettings(text)).toEqual({ ok: true, settings });
    expect(settingsPathFor('maps/cartel.clashmap.json')).toBe('maps/cartel.compare.json');
  });

  it('reads the example in docs/compare.md', () => {
    const doc = readFileSync('docs/compare.md', 'utf8');
    const example = /## The settings file\s+```json\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const parsed = parseSettings(example!);
    expect(parsed.ok && parsed.settings.decisions).toHaveLength(2);
  });

  it('names what is wrong in a bad file, and where', () => {
    const bad = JSON.stringify({
      format: 'clashmap-compare',
      version: 1,
      threshold: 2,
      decisions: [{ model: 'a b', student: '', match: 'yes' }],
      extra: 1,
    });
    const result = parseSettings(bad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual(
      expect.arrayContaining([
        { path: 'threshold', message: 'must be between 0 and 1' },
        { path: 'decisions[0].student', message: 'must not be empty' },
        { path: 'decisions[0].match', message: 'must be true (a match) or false (not a match)' },
        { path: '', message: 'has an unknown field "extra"' },
      ]),
    );
    expect(result.issues.find((i) => i.path === 'decisions[0].model')?.message).toMatch(
      /letters, digits/,
    );
    expect(parseSettings('{"format": ')).toEqual({
      ok: false,
      issues: [{ path: '', message: expect.stringMatching(/^line 1, column \d+: /) }],
    });
  });
});
