import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareClass } from '../../src/compare/report';
import { defaultSettings } from '../../src/compare/settings';
import { runCli, type CliIo } from '../../src/cli/main';
import { parseMap } from '../../src/io/parse';
import { ARTICLE_MAP_PATH } from './helpers/maps';

// The class: the shipped article map is the model answer; five students mapped the article, each
// with differences written in on purpose (see each file), and a sixth file that does not open.
const DIR = 'tests/fixtures/compare';
const STUDENTS = ['alice', 'bob', 'carol', 'dan', 'eve'].map((n) => `${DIR}/${n}.clashmap.json`);
const BROKEN = `${DIR}/frank.clashmap.json`;

function run(argv: string[], extra: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    readFile: (path) => {
      if (path in extra) return new TextEncoder().encode(extra[path]);
      return readFileSync(path);
    },
  };
  return { code: runCli(argv, io), out, err };
}

const model = (() => {
  const parsed = parseMap(readFileSync(ARTICLE_MAP_PATH, 'utf8'), { brokenQuotes: 'warn' });
  if (!parsed.ok) throw new Error('the article map does not open');
  return parsed.map;
})();
const modelPairs = model.edges.map((e): [string, string] => [e.from, e.to]);
/** Every model node but these, as the report lists the missing ones. */
const nodesBut = (...found: string[]) =>
  model.nodes.map((n) => n.id).filter((id) => !found.includes(id));
/** Every model relation but these, as the report lists the missing ones. */
const allBut = (...found: [string, string][]) =>
  modelPairs.filter(([f, t]) => !found.some(([a, b]) => a === f && b === t));

describe('a class of five against the article map', () => {
  const { code, out, err } = run(['compare', ARTICLE_MAP_PATH, ...STUDENTS, BROKEN, '--json']);
  const reports = out.map((line) => JSON.parse(line) as Record<string, unknown>);

  it('lists the file that does not open with its error, and compares the others', () => {
    expect(code).toBe(1);
    expect(err).toEqual([
      `${BROKEN}: This map file has a problem.`,
      `${BROKEN}: nodes[0].text: must not be empty`,
    ]);
    expect(reports.map((r) => r.student)).toEqual(STUDENTS);
  });

  it('Alice: five claims reworded, every relation right, the cooperative position judged differently', () => {
    expect(reports[0]).toEqual({
      student: STUDENTS[0],
      matched: [
        { model: 'pos-unilateral', student: 'a-uni', similarity: 0.556, by: 'similarity' },
        { model: 'pos-cooperative', student: 'a-coop', similarity: 1, by: 'similarity' },
        {
          model: 'claim-stem-fentanyl-flow',
          student: 'a-flow',
          similarity: 0.61,
          by: 'similarity',
        },
        {
          model: 'claim-rupture-relations',
          student: 'a-rupture',
          similarity: 0.509,
          by: 'similarity',
        },
        {
          model: 'claim-demand-sustains-supply',
          student: 'a-demand',
          similarity: 0.523,
          by: 'similarity',
        },
      ],
      missing: nodesBut(
        'pos-unilateral',
        'pos-cooperative',
        'claim-stem-fentanyl-flow',
        'claim-rupture-relations',
        'claim-demand-sustains-supply',
      ),
      extra: [],
      relations: {
        missing: allBut(
          ['claim-stem-fentanyl-flow', 'pos-unilateral'],
          ['claim-rupture-relations', 'pos-unilateral'],
          ['claim-rupture-relations', 'pos-cooperative'],
          ['claim-demand-sustains-supply', 'claim-stem-fentanyl-flow'],
        ),
        extra: [],
        wrongKind: [],
        reversed: [],
        partial: [],
      },
      labels: [
        {
          model: 'pos-cooperative',
          student: 'a-coop',
          modelLabel: 'falls',
          studentLabel: 'stands',
        },
      ],
      scores: {
        claimRecall: 0.2,
        claimPrecision: 1,
        relationRecall: 0.129,
        relationPrecision: 1,
        relationF1: 0.229,
        combined: 0.371,
      },
    });
  });

  it('Bob: a support drawn as a rebuttal, a rebuttal drawn backwards, and an off-topic claim', () => {
    expect(reports[1]).toEqual({
      student: STUDENTS[1],
      matched: [
        { model: 'pos-unilateral', student: 'b-uni', similarity: 0.924, by: 'similarity' },
        {
          model: 'claim-stem-fentanyl-flow',
          student: 'b-flow',
          similarity: 0.685,
          by: 'similarity',
        },
        {
          model: 'claim-rupture-relations',
          student: 'b-rupture',
          similarity: 0.857,
          by: 'similarity',
        },
      ],
      missing: nodesBut('pos-unilateral', 'claim-stem-fentanyl-flow', 'claim-rupture-relations'),
      extra: ['b-pets'],
      relations: {
        missing: allBut(
          ['claim-stem-fentanyl-flow', 'pos-unilateral'],
          ['claim-rupture-relations', 'pos-unilateral'],
        ),
        extra: [['b-pets', 'b-uni']],
        wrongKind: [['claim-stem-fentanyl-flow', 'pos-unilateral']],
        reversed: [['claim-rupture-relations', 'pos-unilateral']],
        partial: [],
      },
      labels: [],
      scores: {
        claimRecall: 0.12,
        claimPrecision: 0.75,
        relationRecall: 0.032,
        relationPrecision: 0.333,
        relationF1: 0.059,
        combined: 0.222,
      },
    });
  });

  it('Carol: the profits claim straight to the position, skipping the claim between (partial)', () => {
    expect(reports[2]).toEqual({
      student: STUDENTS[2],
      matched: [
        { model: 'pos-demand', student: 'c-demand', similarity: 0.777, by: 'similarity' },
        {
          model: 'claim-demand-sustains-supply',
          student: 'c-sustains',
          similarity: 0.839,
          by: 'similarity',
        },
        {
          model: 'claim-profits-outweigh-risk',
          student: 'c-profits',
          similarity: 0.65,
          by: 'similarity',
        },
        {
          model: 'claim-already-risk-death',
          student: 'c-already',
          similarity: 0.909,
          by: 'similarity',
        },
      ],
      missing: nodesBut(
        'pos-demand',
        'claim-demand-sustains-supply',
        'claim-profits-outweigh-risk',
        'claim-already-risk-death',
      ),
      extra: [],
      relations: {
        missing: allBut(
          ['claim-demand-sustains-supply', 'pos-demand'],
          ['claim-already-risk-death', 'claim-profits-outweigh-risk'],
        ),
        extra: [],
        wrongKind: [],
        reversed: [],
        partial: [['claim-profits-outweigh-risk', 'pos-demand']],
      },
      labels: [],
      scores: {
        claimRecall: 0.16,
        claimPrecision: 1,
        relationRecall: 0.081,
        relationPrecision: 0.833,
        relationF1: 0.147,
        combined: 0.323,
      },
    });
  });

  it('Dan: a claim in his own words matched by the quote it shares; his position too far from the model’s wording', () => {
    expect(reports[3]).toEqual({
      student: STUDENTS[3],
      matched: [
        { model: 'claim-wont-happen', student: 'd-no', similarity: 0.733, by: 'similarity' },
      ],
      missing: nodesBut('claim-wont-happen'),
      extra: ['d-coop'],
      // The relation to a node the model does not have is extra, in Dan's ids.
      relations: {
        missing: allBut(),
        extra: [['d-no', 'd-coop']],
        wrongKind: [],
        reversed: [],
        partial: [],
      },
      labels: [],
      scores: {
        claimRecall: 0.04,
        claimPrecision: 0.5,
        relationRecall: 0,
        relationPrecision: 0,
        relationF1: 0,
        combined: 0.116,
      },
    });
  });

  it('Dan, once the teacher matches his position: its label differs from the model’s, with reasons', () => {
    const settings = JSON.stringify({
      format: 'clashmap-compare',
      version: 1,
      decisions: [
        {
          model: 'pos-cooperative',
          student: 'Work with the Mexican government instead of acting alone',
          match: true,
        },
      ],
    });
    const { out } = run(['compare', ARTICLE_MAP_PATH, STUDENTS[3]!, '--settings', 'dan.json'], {
      'dan.json': settings,
    });
    expect(out).toContain(
      "    “The US should act against the cartels only in coordination…”: falls in the model (rebutted by “Unilateral action is warranted if Mexico won't deal with its government's…”, which stands);",
    );
    expect(out).toContain(
      '      stands in the student’s map (supported by “Sheinbaum said no”, which stands, and nothing rebuts it)',
    );
    expect(out).toContain('  Relations');
  });

  it('Eve: her relations as in the model but the rupture missing, so the unilateral position stands for her', () => {
    expect(reports[4]).toEqual({
      student: STUDENTS[4],
      matched: [
        { model: 'pos-unilateral', student: 'e-uni', similarity: 0.916, by: 'similarity' },
        {
          model: 'claim-hegseth-threat',
          student: 'e-hegseth',
          similarity: 0.801,
          by: 'similarity',
        },
        { model: 'claim-wont-happen', student: 'e-wont', similarity: 0.739, by: 'similarity' },
      ],
      missing: nodesBut('pos-unilateral', 'claim-hegseth-threat', 'claim-wont-happen'),
      extra: [],
      relations: {
        missing: allBut(
          ['claim-hegseth-threat', 'pos-unilateral'],
          ['claim-hegseth-threat', 'claim-wont-happen'],
          ['claim-wont-happen', 'pos-unilateral'],
        ),
        extra: [],
        wrongKind: [],
        reversed: [],
        partial: [],
      },
      labels: [
        { model: 'pos-unilateral', student: 'e-uni', modelLabel: 'falls', studentLabel: 'stands' },
      ],
      scores: {
        claimRecall: 0.12,
        claimPrecision: 1,
        relationRecall: 0.097,
        relationPrecision: 1,
        relationF1: 0.176,
        combined: 0.319,
      },
    });
  });

  it('counts, for each model claim and relation, how many students found it', () => {
    const students = STUDENTS.map((name) => {
      const parsed = parseMap(readFileSync(name, 'utf8'));
      if (!parsed.ok) throw new Error(name);
      return { name, ok: true as const, map: parsed.map };
    });
    const result = compareClass(model, students, defaultSettings());
    expect(result.compared).toBe(5);
    expect(result.nodeFound.get('pos-unilateral')).toBe(3);
    expect(result.nodeFound.get('claim-wont-happen')).toBe(2);
    expect(result.nodeFound.get('claim-security-dialogue')).toBe(0);
    // Alice drew it as the model does; Bob drew it as a rebuttal (near).
    expect(result.edgeFound.get('e-stem-fentanyl-flow-supports-unilateral')).toEqual({
      exact: 1,
      near: 1,
    });
    // Carol's shortcut is a near find of the relation she skipped.
    expect(result.edgeFound.get('e-demand-sustains-supply-supports-demand')).toEqual({
      exact: 1,
      near: 0,
    });
    expect(result.edgeFound.get('e-profits-outweigh-risk-supports-demand-sustains-supply')).toEqual(
      {
        exact: 0,
        near: 1,
      },
    );
  });

  it('writes one CSV row per student, the broken file with its error', () => {
    const csv = run(['compare', ARTICLE_MAP_PATH, STUDENTS[1]!, BROKEN, '--csv']);
    expect(csv.out.join('\n').split('\n')).toEqual([
      'student,combined,claim recall,claim precision,relation recall,relation precision,relation F1,matched,missing,extra,relations missing,relations extra,wrong kind,reversed,partial,labels differ,error',
      `${STUDENTS[1]},0.222,0.12,0.75,0.032,0.333,0.059,3,22,1,29,1,1,1,0,0,`,
      `${BROKEN},,,,,,,,,,,,,,,,This map file has a problem. nodes[0].text: must not be empty`,
    ]);
  });
});

describe('clashmap compare', () => {
  it('prints each student in words, with every score explained', () => {
    const { code, out } = run(['compare', ARTICLE_MAP_PATH, STUDENTS[1]!]);
    expect(code).toBe(0);
    expect(out.slice(0, 6)).toEqual([
      '',
      `${STUDENTS[1]}: combined 0.22`,
      '  claim recall 0.12: Found 3 of the model’s 25 claims and positions (12%). Missing: “The US should act against the cartels only in coordination…”, “Fight cartels with intelligence-led arrests, investigation…” and 20 more.',
      '  claim precision 0.75: 3 of the student’s 4 claims and positions match the model (75%). Not in the model: “Cats make better pets than dogs”.',
      '  relation F1 0.06: Relations: 0 as in the model, 1 of the wrong kind, 1 reversed, 29 missing and 1 extra. Recall 0.03 and precision 0.33 give F1 0.06 (their harmonic mean).',
      '  combined 0.22: (0.4 × claim recall 0.12 + 0.2 × claim precision 0.75 + 0.4 × relation F1 0.06) ÷ 1.00, the weights’ total = 0.22.',
    ]);
    expect(out).toContain(
      '    wrong kind: “Drone strikes on cartels would help stem the flow of…” supports “The US should strike cartels in Mexico with drones…” in the model, but rebuts it in the student’s map',
    );
  });

  it('ends a class with how many found each claim and relation, and what everyone missed', () => {
    const { out } = run(['compare', ARTICLE_MAP_PATH, ...STUDENTS]);
    const start = out.indexOf('Class: 5 maps compared. Claims and positions, found by how many:');
    expect(start).toBeGreaterThan(0);
    expect(out[start + 1]).toBe('    3  “The US should strike cartels in Mexico with drones…”');
    expect(out).toContain(
      '    1 +1  “Drone strikes on cartels would help stem the flow of…” supports “The US should strike cartels in Mexico with drones…”',
    );
    expect(out[out.length - 1]).toBe(
      'Missed by everyone: 15 of 25 claims and positions, 21 of 31 relations.',
    );
  });

  it('uses the teacher’s decisions kept next to the model', () => {
    const settings = JSON.stringify({
      format: 'clashmap-compare',
      version: 1,
      decisions: [
        { model: 'claim-collusion', student: 'Cats make better pets than dogs', match: true },
      ],
    });
    const path = ARTICLE_MAP_PATH.replace('.clashmap.json', '.compare.json');
    const { code, out } = run(['compare', ARTICLE_MAP_PATH, STUDENTS[1]!, '--json'], {
      [path]: settings,
    });
    expect(code).toBe(0);
    const report = JSON.parse(out[0]!) as { matched: unknown[]; extra: unknown[] };
    expect(report.matched).toContainEqual({
      model: 'claim-collusion',
      student: 'b-pets',
      similarity: expect.any(Number),
      by: 'teacher',
    });
    expect(report.extra).toEqual([]);
  });

  it('names the problem in a bad settings file, and bad usage', () => {
    const bad = run(['compare', ARTICLE_MAP_PATH, STUDENTS[0]!, '--settings', 's.json'], {
      's.json': '{"format": "clashmap-compare", "version": 1, "decisions": [{"model": "x"}]}',
    });
    expect(bad.code).toBe(1);
    expect(bad.err).toEqual([
      's.json: these compare settings have a problem.',
      's.json: decisions[0].student: is missing',
      's.json: decisions[0].match: is missing',
    ]);
    expect(run(['compare', ARTICLE_MAP_PATH]).err[0]).toBe(
      'compare needs a MODEL and at least one STUDENT file',
    );
    expect(run(['compare', ARTICLE_MAP_PATH, STUDENTS[0]!, '--threshold', 'high']).err[0]).toBe(
      '--threshold "high": give a number from 0 to 1',
    );
    expect(run(['compare', ARTICLE_MAP_PATH, STUDENTS[0]!, '--csv', '--json']).code).toBe(2);
  });

  it('a higher threshold leaves the weaker matches unmade', () => {
    const { out } = run([
      'compare',
      ARTICLE_MAP_PATH,
      STUDENTS[3]!,
      '--json',
      '--threshold',
      '0.5',
    ]);
    const report = JSON.parse(out[0]!) as { matched: { model: string }[] };
    expect(report.matched.map((m) => m.model)).toEqual(['claim-wont-happen']);
  });
});
