import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importKialo } from '../../../src/io/formats/kialo';
import { argumentOf, imported, lossAbout, messages, refused } from './expectations';

const FIXTURE = 'tests/fixtures/formats/drone-strikes.kialo.txt';

describe('Kialo import of a discussion export', () => {
  it('turns the thesis into a position and Pro/Con claims into supports and rebuttals', async () => {
    const { map } = imported(await importKialo(readFileSync(FIXTURE, 'utf8')));
    expect(map.title).toBe('Should the US use drone strikes against Mexican cartels?');
    const { positions, claims, edges } = argumentOf(map);
    expect(positions).toEqual([
      ['1', 'The US should use drone strikes against cartels in Mexico, unilaterally if need be.'],
    ]);
    expect(claims.map(([id]) => id)).toEqual([
      '1.1',
      '1.1.1',
      '1.1.1.1',
      '1.1.2',
      '1.2',
      '1.3',
      '1.3.1',
      '1.3.1.1',
      '1.4',
      '1.4.1',
    ]);
    expect(edges).toEqual([
      '1.1 -> 1 (support)',
      '1.1.1 -> 1 (rebuttal)',
      '1.1.1 -> 1.1 (rebuttal)',
      '1.1.1.1 -> 1.1.1 (support)',
      '1.1.1.1 -> 1.1.2 (support)',
      '1.1.2 -> 1.1 (rebuttal)',
      '1.2 -> 1 (support)',
      '1.3 -> 1 (rebuttal)',
      '1.3.1 -> 1.3 (rebuttal)',
      '1.3.1.1 -> 1.3.1 (rebuttal)',
      '1.4 -> 1 (rebuttal)',
      '1.4.1 -> 1.4 (support)',
    ]);
  });

  it('follows "-> See" links to the existing claim instead of making a new one', async () => {
    const { map } = imported(await importKialo(readFileSync(FIXTURE, 'utf8')));
    expect(map.nodes.some((n) => n.text.includes('-> See'))).toBe(false);
    // 1.5. Con: -> See 1.1.1. — the demand claim also rebuts the thesis directly.
    expect(map.edges.filter((e) => e.from === '1.1.1').map((e) => e.to)).toEqual(['1.1', '1']);
  });

  it('keeps claims that run over several lines, and turns Markdown links into words', async () => {
    const { map, losses } = imported(await importKialo(readFileSync(FIXTURE, 'utf8')));
    const byId = new Map(map.nodes.map((n) => [n.id, n]));
    expect(byId.get('1.3')!.text).toBe(
      'Mexico rejects any unilateral US military action.\n' +
        'Sheinbaum: "We reject any form of intervention or interference."\n' +
        'She added that Mexico coordinates and collaborates, but does not subordinate itself.',
    );
    expect(byId.get('1.2')).toEqual({
      id: '1.2',
      kind: 'claim',
      text: 'The administration has already designated the cartels as terrorist organizations, a step toward military action.',
      evidence: [],
      notes: 'Links: https://en.wikipedia.org/wiki/Foreign_Terrorist_Organization_(United_States)',
    });
    expect(losses.map((l) => [l.path, l.message])).toEqual([
      [
        'line 9',
        'Markdown links became plain words; their addresses are in the node notes; which claims stand does not change',
      ],
      [
        '',
        'A Kialo text export has no votes, impact ratings, claim authors or comments, so the map has none of them; Clashmap weighs no claim, so which claims stand does not change',
      ],
    ]);
  });

  it('reads a multi-thesis discussion: the question becomes the description, the theses positions', async () => {
    const text = [
      'Discussion Title: What should the US do about the cartels?',
      '',
      '1. How should the US respond to the cartels?',
      '1.1. Thesis: Strike them with drones.',
      '1.1.1. Pro: Strikes would disrupt production.',
      '1.2. Thesis: Work only with the Mexican government.',
      '1.2.1. Con: -> See 1.1.1.',
      '',
    ].join('\n');
    const { map, losses } = imported(await importKialo(text));
    expect(map.description).toBe('How should the US respond to the cartels?');
    expect(argumentOf(map)).toEqual({
      positions: [
        ['1.1', 'Strike them with drones.'],
        ['1.2', 'Work only with the Mexican government.'],
      ],
      claims: [['1.1.1', 'Strikes would disrupt production.']],
      edges: ['1.1.1 -> 1.1 (support)', '1.1.1 -> 1.2 (rebuttal)'],
      quotes: [
        ['1.1', []],
        ['1.1.1', []],
        ['1.2', []],
      ],
    });
    expect(lossAbout(losses, 'multi-thesis').path).toBe('line 3');
  });

  it('reads the older "Thesis:" form, blank lines between claims, and a Sources list', async () => {
    const text = [
      'Discussion Name: Drone strikes',
      '',
      '1. Thesis: Strike the cartels.',
      '',
      '1.1. Con: It would rupture relations.',
      '',
      '1.1.1. Pro: Mexico has said so.',
      '1.1.1.1. Con: -> See 1.9.',
      '',
      'Sources:',
      '1. https://news.antiwar.com/',
    ].join('\n');
    const { map, losses } = imported(await importKialo(text));
    expect(map.title).toBe('Drone strikes');
    expect(map.nodes.map((n) => [n.id, n.kind, n.text])).toEqual([
      ['1', 'position', 'Strike the cartels.'],
      ['1.1', 'claim', 'It would rupture relations.'],
      ['1.1.1', 'claim', 'Mexico has said so.'],
    ]);
    expect(messages(losses)).toEqual([
      'The "Sources:" list at the end of the export was not imported; which claims stand does not change',
      'Links ("-> See N.") to claims the export does not have were left out; Clashmap cannot tell whether this changes which claims stand',
      'A Kialo text export has no votes, impact ratings, claim authors or comments, so the map has none of them; Clashmap weighs no claim, so which claims stand does not change',
    ]);
  });

  it('reads a numbered list inside a claim as part of its text', async () => {
    const text = [
      'Discussion Title: Lists',
      '',
      '1. Strike the cartels.',
      '1.1. Pro: Three reasons:',
      '1. they kill Americans,',
      '2. they corrupt officials.',
      '1.2. Con: It is illegal.',
    ].join('\n');
    const { map } = imported(await importKialo(text));
    expect(map.nodes.map((n) => n.text)).toEqual([
      'Strike the cartels.',
      'Three reasons:\n1. they kill Americans,\n2. they corrupt officials.',
      'It is illegal.',
    ]);
  });
});

describe('Kialo import refuses what is not a Kialo export, and names the place', () => {
  it('refuses text that does not start like a Kialo export', async () => {
    expect(refused(await importKialo('Hello there,\nthis is a letter.\n'))).toEqual([
      {
        path: 'line 1',
        message:
          'expected "Discussion Title: …" or the thesis numbered "1."; is this a Kialo discussion export (.txt)?',
      },
    ]);
    expect(refused(await importKialo('Discussion Title: Empty\n\n'))[0]!.message).toMatch(
      /no claims numbered like "1\."/,
    );
  });

  it('refuses a claim whose parent is missing', async () => {
    const text = 'Discussion Title: T\n\n1. Thesis.\n1.1. Pro: Fine.\n1.3.2. Con: Orphan.\n';
    expect(refused(await importKialo(text))).toEqual([
      { path: 'line 5', message: 'claim 1.3.2. has no parent: there is no claim 1.3.' },
    ]);
  });

  it('refuses a claim number used twice', async () => {
    const text = 'Discussion Title: T\n\n1. Thesis.\n1.1. Pro: One.\n1.1. Con: Two.\n';
    expect(refused(await importKialo(text))).toEqual([
      { path: 'line 5', message: 'claim 1.1. appears twice (first on line 4)' },
    ]);
  });
});
