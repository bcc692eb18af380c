import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importKialo, kialoDiscussionUrl } from '../../../src/io/formats/kialo';
import { evaluateMap } from '../../../src/model/evaluate';
import { imported, lossAbout, messages } from './expectations';

/*
 * The two real Kialo exports in tests/fixtures/third-party/kialo (origins in the README there),
 * checked against the counts in its expected.json, which were taken from the files themselves.
 */

const DIR = 'tests/fixtures/third-party/kialo';

interface Expected {
  title: string;
  numberedLines: number;
  thesis: number;
  internalLinks: number;
  claims: number;
  supportRelations: number;
  attackRelations: number;
  seeDiscussionLinks: number;
  maxDepth: number;
}

const EXPECTED = (
  JSON.parse(readFileSync(`${DIR}/expected.json`, 'utf8')) as { files: Record<string, Expected> }
).files;

describe.each(Object.keys(EXPECTED))('the real Kialo export %s', (file) => {
  const expected = EXPECTED[file]!;
  const read = () => readFileSync(`${DIR}/${file}`, 'utf8');

  it('comes in with its title, every claim once, and a support or rebuttal per Pro or Con line', async () => {
    const { map } = imported(await importKialo(read()));
    expect(map.title).toBe(expected.title);
    expect(map.nodes).toHaveLength(expected.claims);
    expect(map.nodes.filter((n) => n.kind === 'position')).toHaveLength(expected.thesis);
    expect(map.edges.filter((e) => e.kind === 'support')).toHaveLength(expected.supportRelations);
    expect(map.edges.filter((e) => e.kind === 'rebuttal')).toHaveLength(expected.attackRelations);
    expect(Math.max(...map.nodes.map((n) => n.id.split('.').length))).toBe(expected.maxDepth);
    // "-> See N.N." lines are links to claims, never claims of their own.
    expect(map.nodes.filter((n) => n.text.includes('-> See'))).toEqual([]);
    const { losses } = imported(await importKialo(read()));
    expect(messages(losses).join('\n')).not.toMatch(/other discussions/);
    expect(expected.seeDiscussionLinks).toBe(0);
  });

  it('evaluates: every claim gets a label', async () => {
    const { map } = imported(await importKialo(read()));
    expect(evaluateMap(map).nodes.size).toBe(expected.claims);
  });
});

describe('Kialo links to other discussions', () => {
  const TEXT = [
    'Discussion Title: Should the US strike Mexican cartels with drones?',
    '',
    '1. The US should strike cartels in Mexico with drones.',
    '1.1. Pro: Strikes would stem the flow of fentanyl.',
    '1.1.1. Con: -> See discussion #6148: Should hate speech be illegal?',
    '1.2. Con: -> See discussion #10134',
    '1.3. Pro: -> See discussion #42: [Is the drug war winnable?](https://www.kialo.com/is-the-drug-war-winnable-42)',
    '1.3.1. Con: Nobody has won it yet.',
    '',
  ].join('\n');

  it('become a line in the notes of the claim they answer, with the address, and no claim of their own', async () => {
    const { map } = imported(await importKialo(TEXT));
    expect(map.nodes.map((n) => n.id)).toEqual(['1', '1.1', '1.3.1']);
    expect(map.nodes.find((n) => n.id === '1.1')!.notes).toBe(
      'Con: See discussion #6148: Should hate speech be illegal? (https://www.kialo.com/should-hate-speech-be-illegal-6148)',
    );
    expect(map.nodes.find((n) => n.id === '1')!.notes).toBe(
      'Con: See discussion #10134\n' +
        'Pro: See discussion #42: Is the drug war winnable? (https://www.kialo.com/is-the-drug-war-winnable-42)',
    );
    expect(map.edges.map((e) => `${e.from} -> ${e.to} (${e.kind})`)).toEqual([
      '1.1 -> 1 (support)',
    ]);
  });

  it('are reported, with what leaving them out as reasons does to which claims stand', async () => {
    const { losses } = imported(await importKialo(TEXT));
    const loss = lossAbout(losses, 'Links to other discussions ("-> See discussion #N: …")');
    expect(loss.path).toBe('line 5, line 6, line 7');
    // As standing rebuttals the other discussions would make 1.1 and the thesis fall; left
    // out, both stand.
    expect(loss.message).toBe(
      'Links to other discussions ("-> See discussion #N: …") are not claims of this one: each became a line in the notes of the claim it answers, with the discussion\'s address; were each counted as a reason that stands: this changes which claims stand: “The US should strike cartels in Mexico with drones.” stood and now falls; “Strikes would stem the flow of fentanyl.” stood and now falls',
    );
    expect(lossAbout(losses, 'Claims under a link to another discussion').path).toBe('line 8');
  });

  it('derive the address from the title as Kialo names its discussions', () => {
    expect(kialoDiscussionUrl('6148', 'Should hate speech be illegal?')).toBe(
      'https://www.kialo.com/should-hate-speech-be-illegal-6148',
    );
    expect(kialoDiscussionUrl('10134', 'Should Hate Speech Be Legally Protected?')).toBe(
      'https://www.kialo.com/should-hate-speech-be-legally-protected-10134',
    );
    expect(kialoDiscussionUrl('1', '?!')).toBeUndefined();
  });
});
