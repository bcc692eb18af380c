/**
 * Debate formats as data. Each format is one table: its speeches and cross-examinations in the
 * order they are given, who gives each and for how long, each side's preparation time, and the
 * sheets a new round starts with. Everything the flow knows about a format (which speech answers
 * which, the negative block, the last rebuttals, the timers) is read from its table, so adding a
 * format means adding a table to DEBATE_FORMATS.
 */

/** The two sides of a round. Public Forum's pro and con are stored as aff and neg. */
export const SIDES = ['aff', 'neg'] as const;
export type Side = (typeof SIDES)[number];

/** The other side. */
export const opponentOf = (side: Side): Side => (side === 'aff' ? 'neg' : 'aff');

/** One period of a round: a speech, or a cross-examination (which makes no arguments). */
export interface Period {
  /** How a flow column and a file name it: "1AC", "2NR". Unique within the format. */
  readonly id: string;
  /** Its full name: "First Affirmative Constructive". */
  readonly name: string;
  /** Who speaks (for a cross-examination: who asks is the other side). */
  readonly side: Side;
  readonly kind: 'speech' | 'cross-examination';
  readonly minutes: number;
  /**
   * Consecutive speeches of one side with the same group count as one speech for answering
   * (policy's negative block: the 2NC and the 1NR). The group's name is used in sentences.
   */
  readonly group?: string;
}

/** One format's table. */
export interface DebateFormat {
  readonly id: string;
  readonly name: string;
  /** What each side is called in this format. */
  readonly sideNames: { readonly aff: string; readonly neg: string };
  readonly periods: readonly Period[];
  /** Preparation time per side, in minutes, to use between speeches. */
  readonly prepMinutes: number;
  /**
   * The sheets a new round starts with, per side (each becomes a position): policy's
   * advantages and off-case arguments, Lincoln–Douglas's value and criterion.
   */
  readonly startingSheets: { readonly aff: readonly string[]; readonly neg: readonly string[] };
}

const speech = (id: string, name: string, side: Side, minutes: number, group?: string): Period => ({
  id,
  name,
  side,
  kind: 'speech',
  minutes,
  ...(group ? { group } : {}),
});

const crossEx = (id: string, name: string, side: Side, minutes: number): Period => ({
  id,
  name,
  side,
  kind: 'cross-examination',
  minutes,
});

const BLOCK = 'the negative block';

/** Policy (CX) debate: eight-minute constructives, five-minute rebuttals, eight minutes of prep. */
export const POLICY: DebateFormat = {
  id: 'policy',
  name: 'Policy',
  sideNames: { aff: 'Affirmative', neg: 'Negative' },
  periods: [
    speech('1AC', 'First Affirmative Constructive', 'aff', 8),
    crossEx('CX-1AC', 'Cross-examination of the 1AC', 'neg', 3),
    speech('1NC', 'First Negative Constructive', 'neg', 8),
    crossEx('CX-1NC', 'Cross-examination of the 1NC', 'aff', 3),
    speech('2AC', 'Second Affirmative Constructive', 'aff', 8),
    crossEx('CX-2AC', 'Cross-examination of the 2AC', 'neg', 3),
    speech('2NC', 'Second Negative Constructive', 'neg', 8, BLOCK),
    crossEx('CX-2NC', 'Cross-examination of the 2NC', 'aff', 3),
    speech('1NR', 'First Negative Rebuttal', 'neg', 5, BLOCK),
    speech('1AR', 'First Affirmative Rebuttal', 'aff', 5),
    speech('2NR', 'Second Negative Rebuttal', 'neg', 5),
    speech('2AR', 'Second Affirmative Rebuttal', 'aff', 5),
  ],
  prepMinutes: 8,
  startingSheets: { aff: ['Advantage 1'], neg: ['Off-case 1'] },
};

/** Lincoln–Douglas: one debater a side, each case built on a value and a criterion. */
export const LINCOLN_DOUGLAS: DebateFormat = {
  id: 'lincoln-douglas',
  name: 'Lincoln–Douglas',
  sideNames: { aff: 'Affirmative', neg: 'Negative' },
  periods: [
    speech('AC', 'Affirmative Constructive', 'aff', 6),
    crossEx('CX-AC', 'Cross-examination of the AC', 'neg', 3),
    speech('NC', 'Negative Constructive', 'neg', 7),
    crossEx('CX-NC', 'Cross-examination of the NC', 'aff', 3),
    speech('1AR', 'First Affirmative Rebuttal', 'aff', 4),
    speech('NR', 'Negative Rebuttal', 'neg', 6),
    speech('2AR', 'Second Affirmative Rebuttal', 'aff', 3),
  ],
  prepMinutes: 4,
  startingSheets: {
    aff: ['Value', 'Criterion', 'Contention 1'],
    neg: ['Value', 'Criterion', 'Contention 1'],
  },
};

/** Public Forum with the pro team speaking first (the coin toss decides which). */
export const PUBLIC_FORUM_PRO_FIRST: DebateFormat = {
  id: 'public-forum-pro-first',
  name: 'Public Forum (pro speaks first)',
  sideNames: { aff: 'Pro', neg: 'Con' },
  periods: [
    speech('PC', 'Pro Constructive', 'aff', 4),
    speech('CC', 'Con Constructive', 'neg', 4),
    crossEx('CF1', 'First Crossfire', 'aff', 3),
    speech('PR', 'Pro Rebuttal', 'aff', 4),
    speech('CR', 'Con Rebuttal', 'neg', 4),
    crossEx('CF2', 'Second Crossfire', 'aff', 3),
    speech('PS', 'Pro Summary', 'aff', 3),
    speech('CS', 'Con Summary', 'neg', 3),
    crossEx('GCF', 'Grand Crossfire', 'aff', 3),
    speech('PFF', 'Pro Final Focus', 'aff', 2),
    speech('CFF', 'Con Final Focus', 'neg', 2),
  ],
  prepMinutes: 3,
  startingSheets: { aff: ['Contention 1'], neg: ['Contention 1'] },
};

/** Public Forum with the con team speaking first. */
export const PUBLIC_FORUM_CON_FIRST: DebateFormat = {
  id: 'public-forum-con-first',
  name: 'Public Forum (con speaks first)',
  sideNames: { aff: 'Pro', neg: 'Con' },
  periods: [
    speech('CC', 'Con Constructive', 'neg', 4),
    speech('PC', 'Pro Constructive', 'aff', 4),
    crossEx('CF1', 'First Crossfire', 'neg', 3),
    speech('CR', 'Con Rebuttal', 'neg', 4),
    speech('PR', 'Pro Rebuttal', 'aff', 4),
    crossEx('CF2', 'Second Crossfire', 'neg', 3),
    speech('CS', 'Con Summary', 'neg', 3),
    speech('PS', 'Pro Summary', 'aff', 3),
    crossEx('GCF', 'Grand Crossfire', 'neg', 3),
    speech('CFF', 'Con Final Focus', 'neg', 2),
    speech('PFF', 'Pro Final Focus', 'aff', 2),
  ],
  prepMinutes: 3,
  startingSheets: { aff: ['Contention 1'], neg: ['Contention 1'] },
};

/** Every format, by id; the first is the one a round without a named format is taken to use. */
export const DEBATE_FORMATS: ReadonlyMap<string, DebateFormat> = new Map(
  [POLICY, LINCOLN_DOUGLAS, PUBLIC_FORUM_PRO_FIRST, PUBLIC_FORUM_CON_FIRST].map((f) => [f.id, f]),
);

/** The ids of every format, for messages and schemas. */
export const DEBATE_FORMAT_IDS = [...DEBATE_FORMATS.keys()] as [string, ...string[]];

/** The format a map's round uses when it names none. */
export const DEFAULT_DEBATE_FORMAT = POLICY;

/** The format with this id, if there is one. */
export const debateFormat = (id: string): DebateFormat | undefined => DEBATE_FORMATS.get(id);

/** The format's speeches (not its cross-examinations), in order. */
export function speechesOf(format: DebateFormat): readonly Period[] {
  return format.periods.filter((p) => p.kind === 'speech');
}

/** The speech with this id in the format, if any (cross-examinations are not speeches). */
export function speechOf(format: DebateFormat, id: string): Period | undefined {
  return format.periods.find((p) => p.kind === 'speech' && p.id === id);
}

/**
 * A turn at the lectern for answering purposes: one speech, or a group of consecutive speeches of
 * one side that count together (the negative block). Listed in speaking order.
 */
export interface SpeechGroup {
  /** Its position in the round (0 first). */
  readonly index: number;
  readonly side: Side;
  readonly speeches: readonly Period[];
  /** "the 2NR", "the negative block (2NC and 1NR)". */
  readonly name: string;
}

const groupCache = new WeakMap<DebateFormat, SpeechGroup[]>();

/** The format's speeches gathered into groups that count as one for answering. */
export function speechGroups(format: DebateFormat): readonly SpeechGroup[] {
  const cached = groupCache.get(format);
  if (cached) return cached;
  const groups: { side: Side; group?: string; speeches: Period[] }[] = [];
  for (const period of speechesOf(format)) {
    const last = groups[groups.length - 1];
    if (
      last &&
      period.group !== undefined &&
      last.group === period.group &&
      last.side === period.side
    ) {
      last.speeches.push(period);
    } else {
      groups.push({
        side: period.side,
        ...(period.group !== undefined ? { group: period.group } : {}),
        speeches: [period],
      });
    }
  }
  const result = groups.map((g, index) => ({
    index,
    side: g.side,
    speeches: g.speeches,
    name:
      g.speeches.length === 1
        ? `the ${g.speeches[0]!.id}`
        : `${g.group ?? 'the group'} (${g.speeches.map((s) => s.id).join(' and ')})`,
  }));
  groupCache.set(format, result);
  return result;
}

/** The group a speech belongs to, if the speech is in the format. */
export function groupOfSpeech(format: DebateFormat, speechId: string): SpeechGroup | undefined {
  return speechGroups(format).find((g) => g.speeches.some((s) => s.id === speechId));
}

/** The first group after `group` given by `side`, if any. */
export function nextGroupOf(
  format: DebateFormat,
  group: SpeechGroup,
  side: Side,
): SpeechGroup | undefined {
  return speechGroups(format).find((g) => g.index > group.index && g.side === side);
}

/** The last speech each side gives: policy's 2NR and 2AR. New arguments there are out of order. */
export function lastRebuttals(format: DebateFormat): readonly Period[] {
  const speeches = speechesOf(format);
  const last = new Set(SIDES.map((side) => speeches.filter((s) => s.side === side).at(-1)));
  return speeches.filter((s) => last.has(s));
}

/** Where a speech falls in the round (0 first), or -1 when the format has no such speech. */
export function speechIndex(format: DebateFormat, speechId: string): number {
  return speechesOf(format).findIndex((s) => s.id === speechId);
}
