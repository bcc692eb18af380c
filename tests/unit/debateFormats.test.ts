import { describe, expect, it } from 'vitest';
import {
  DEBATE_FORMATS,
  lastRebuttals,
  LINCOLN_DOUGLAS,
  nextGroupOf,
  POLICY,
  PUBLIC_FORUM_CON_FIRST,
  PUBLIC_FORUM_PRO_FIRST,
  speechesOf,
  speechGroups,
  type DebateFormat,
} from '../../src/model/debateFormats';

const ids = (format: DebateFormat) => speechesOf(format).map((s) => s.id);
const minutes = (format: DebateFormat) =>
  Object.fromEntries(format.periods.map((p) => [p.id, p.minutes]));

describe('debate formats are tables', () => {
  it('policy: eight speeches, eight-minute constructives, three-minute cross-examinations, five-minute rebuttals, eight minutes of prep', () => {
    expect(ids(POLICY)).toEqual(['1AC', '1NC', '2AC', '2NC', '1NR', '1AR', '2NR', '2AR']);
    expect(minutes(POLICY)).toEqual({
      '1AC': 8,
      'CX-1AC': 3,
      '1NC': 8,
      'CX-1NC': 3,
      '2AC': 8,
      'CX-2AC': 3,
      '2NC': 8,
      'CX-2NC': 3,
      '1NR': 5,
      '1AR': 5,
      '2NR': 5,
      '2AR': 5,
    });
    expect(POLICY.prepMinutes).toBe(8);
  });

  it('policy: the 2NC and 1NR are one turn, the negative block', () => {
    expect(speechGroups(POLICY).map((g) => g.name)).toEqual([
      'the 1AC',
      'the 1NC',
      'the 2AC',
      'the negative block (2NC and 1NR)',
      'the 1AR',
      'the 2NR',
      'the 2AR',
    ]);
    const twoAC = speechGroups(POLICY)[2]!;
    expect(nextGroupOf(POLICY, twoAC, 'neg')?.speeches.map((s) => s.id)).toEqual(['2NC', '1NR']);
    expect(lastRebuttals(POLICY).map((s) => s.id)).toEqual(['2NR', '2AR']);
  });

  it('Lincoln–Douglas: five speeches, and each case starts from a value and a criterion', () => {
    expect(ids(LINCOLN_DOUGLAS)).toEqual(['AC', 'NC', '1AR', 'NR', '2AR']);
    expect(LINCOLN_DOUGLAS.startingSheets.aff.slice(0, 2)).toEqual(['Value', 'Criterion']);
    expect(LINCOLN_DOUGLAS.startingSheets.neg.slice(0, 2)).toEqual(['Value', 'Criterion']);
    expect(lastRebuttals(LINCOLN_DOUGLAS).map((s) => s.id)).toEqual(['NR', '2AR']);
  });

  it('Public Forum: the same speeches in either order, pro and con as the two sides', () => {
    expect(ids(PUBLIC_FORUM_PRO_FIRST)).toEqual(['PC', 'CC', 'PR', 'CR', 'PS', 'CS', 'PFF', 'CFF']);
    expect(ids(PUBLIC_FORUM_CON_FIRST)).toEqual(['CC', 'PC', 'CR', 'PR', 'CS', 'PS', 'CFF', 'PFF']);
    for (const format of [PUBLIC_FORUM_PRO_FIRST, PUBLIC_FORUM_CON_FIRST]) {
      expect(format.sideNames).toEqual({ aff: 'Pro', neg: 'Con' });
      expect(format.periods.filter((p) => p.kind === 'cross-examination')).toHaveLength(3);
    }
  });

  it('lists every format by id, each speech id once per format', () => {
    expect([...DEBATE_FORMATS.keys()]).toEqual([
      'policy',
      'lincoln-douglas',
      'public-forum-pro-first',
      'public-forum-con-first',
    ]);
    for (const format of DEBATE_FORMATS.values()) {
      const periodIds = format.periods.map((p) => p.id);
      expect(new Set(periodIds).size, format.id).toBe(periodIds.length);
    }
  });

  it('needs nothing but a table for a new format: its turns and last speeches follow', () => {
    const parliamentary: DebateFormat = {
      id: 'test-parli',
      name: 'Test parliamentary',
      sideNames: { aff: 'Government', neg: 'Opposition' },
      periods: [
        { id: 'PMC', name: 'Prime Minister Constructive', side: 'aff', kind: 'speech', minutes: 7 },
        { id: 'LOC', name: 'Leader of Opposition', side: 'neg', kind: 'speech', minutes: 8 },
        { id: 'MG', name: 'Member of Government', side: 'aff', kind: 'speech', minutes: 8 },
        {
          id: 'MO',
          name: 'Member of Opposition',
          side: 'neg',
          kind: 'speech',
          minutes: 8,
          group: 'the opposition block',
        },
        {
          id: 'LOR',
          name: 'Leader of Opposition Rebuttal',
          side: 'neg',
          kind: 'speech',
          minutes: 4,
          group: 'the opposition block',
        },
        { id: 'PMR', name: 'Prime Minister Rebuttal', side: 'aff', kind: 'speech', minutes: 5 },
      ],
      prepMinutes: 0,
      startingSheets: { aff: [], neg: [] },
    };
    expect(speechGroups(parliamentary).map((g) => g.name)).toEqual([
      'the PMC',
      'the LOC',
      'the MG',
      'the opposition block (MO and LOR)',
      'the PMR',
    ]);
    expect(lastRebuttals(parliamentary).map((s) => s.id)).toEqual(['LOR', 'PMR']);
  });
});
