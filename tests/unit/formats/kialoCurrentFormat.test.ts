import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importKialo } from '../../../src/io/formats/kialo';
import { imported, lossAbout, messages } from './expectations';

/*
 * Kialo's current text export (2025): "Discussion Name:" with the title on the next line, each
 * claim's "Question:", "Thesis:", "Pro:" or "Con:" on its numbered line and its text indented on
 * the lines after, [n] footnotes and a "Sources:" list of them. No real export in this shape with
 * a licence that allows keeping it was found, so the file is hand-written in that shape (see
 * tests/fixtures/third-party/README.md, section Kialo).
 */

const FIXTURE = 'tests/fixtures/formats/kialo-2025-handwritten.txt';

describe('Kialo import of the current export format', () => {
  it('reads the title on the line after "Discussion Name:", the question, theses and indented claims', async () => {
    const { map } = imported(await importKialo(readFileSync(FIXTURE, 'utf8')));
    expect(map.title).toBe('What should the US do about the cartels?');
    expect(map.description).toBe('What should the US do about the cartels that traffic fentanyl?');
    expect(map.nodes.map((n) => [n.id, n.kind, n.text])).toEqual([
      ['1.1', 'position', 'The US should strike cartel laboratories in Mexico with drones.'],
      ['1.1.1', 'claim', 'Strikes would stem the flow of fentanyl into the US. [1]'],
      ['1.1.1.1', 'claim', 'Cartels rebuild a laboratory within days,\nsomewhere else. [2]'],
      ['1.1.2', 'claim', 'Mexico rejects any foreign military action on its soil. [3]'],
      ['1.2', 'position', 'The US should act only together with the Mexican government.'],
      ['1.2.2', 'claim', 'Joint operations have leaked to the cartels before. [2][3]'],
    ]);
    expect(map.edges.map((e) => `${e.from} -> ${e.to} (${e.kind})`)).toEqual([
      '1.1.1 -> 1.1 (support)',
      '1.1.1.1 -> 1.1.1 (rebuttal)',
      '1.1.2 -> 1.1 (rebuttal)',
      '1.1.2 -> 1.2 (support)',
      '1.2.2 -> 1.2 (rebuttal)',
    ]);
  });

  it('keeps the sources each claim cites in its notes, and the link to another discussion', async () => {
    const { map, losses } = imported(await importKialo(readFileSync(FIXTURE, 'utf8')));
    const notes = new Map(map.nodes.map((n) => [n.id, n.notes]));
    expect(notes.get('1.2.2')).toBe(
      'Sources:\n[2] https://www.crisisgroup.org/latin-america-caribbean/mexico\n[3] https://www.gob.mx/presidencia',
    );
    expect(notes.get('1.1')).toBe(
      'Con: See discussion #42: Is the drug war winnable? (https://www.kialo.com/is-the-drug-war-winnable-42)',
    );
    expect(lossAbout(losses, 'Footnotes ([n])').path).toBe('line 8, line 10, line 13, line 21');
    expect(messages(losses).join('\n')).not.toContain('"Sources:" list');
  });
});
