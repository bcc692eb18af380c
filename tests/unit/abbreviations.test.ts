import { describe, expect, it } from 'vitest';
import {
  abbreviationProblem,
  expandBeforeCaret,
  parseAbbreviations,
} from '../../src/views/flow/abbreviations';

const LIST = [
  { short: 'c1', long: 'Contention 1' },
  { short: 'DA', long: 'Disadvantage' },
];

describe('abbreviations expand as a debater types', () => {
  it('expands the word before the caret, whatever its case, and keeps the rest', () => {
    expect(expandBeforeCaret('c1', 2, LIST)).toEqual({ text: 'Contention 1', caret: 12 });
    expect(expandBeforeCaret('the C1', 6, LIST)).toEqual({ text: 'the Contention 1', caret: 16 });
    expect(expandBeforeCaret('da later', 2, LIST)).toEqual({
      text: 'Disadvantage later',
      caret: 12,
    });
  });

  it('leaves a word that is no shorthand, or only ends like one, and an empty list', () => {
    expect(expandBeforeCaret('xc1', 3, LIST)).toBeNull();
    expect(expandBeforeCaret('c1 ', 3, LIST)).toBeNull();
    expect(expandBeforeCaret('', 0, LIST)).toBeNull();
    expect(expandBeforeCaret('c1', 2, [])).toBeNull();
  });

  it('says what is wrong with a new shorthand', () => {
    expect(abbreviationProblem(LIST, '', 'x')).toBe('Type the shorthand.');
    expect(abbreviationProblem(LIST, 'a b', 'x')).toBe('A shorthand is one word, with no spaces.');
    expect(abbreviationProblem(LIST, 'C1', 'x')).toBe('“C1” is already a shorthand.');
    expect(abbreviationProblem(LIST, 'cp', ' ')).toBe('Type what the shorthand stands for.');
    expect(abbreviationProblem(LIST, 'cp', 'Counterplan')).toBeNull();
  });

  it('reads back only well-formed entries from storage', () => {
    expect(parseAbbreviations(JSON.stringify(LIST))).toEqual(LIST);
    expect(parseAbbreviations(null)).toEqual([]);
    expect(parseAbbreviations('{not json')).toEqual([]);
    expect(parseAbbreviations('{"short":"a"}')).toEqual([]);
    expect(
      parseAbbreviations(
        JSON.stringify([LIST[0], { short: 'c1', long: 'again' }, { short: 2 }, null, LIST[1]]),
      ),
    ).toEqual(LIST);
  });
});
