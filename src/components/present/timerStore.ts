import { create } from 'zustand';
import type { TimerAction } from '../../app/keyTable';
import { SIDES, type DebateFormat } from '../../model/debateFormats';
import {
  currentPeriod,
  isRunning,
  newTimers,
  phaseOf,
  timeLeft,
  stepPeriod,
  togglePrep,
  toggleSpeech,
  type RoundTimers,
} from '../../model/roundTimers';

/**
 * The round's clocks for this page: one set, shown by the flow view and by Present alike, so a
 * timer started while flowing is still running when the round is presented. Not part of the
 * map, never saved.
 */
interface TimerState {
  timers: RoundTimers | null;
  /** The time the clocks were last read at: a tick while one runs, or a key. */
  now: number;
  /** What a screen reader was last told: a clock's last thirty seconds, or its end. */
  announcement: string;
  /** Each clock's phase when last read (to say a change once), by clock and period. */
  phases: ReadonlyMap<string, string>;
  /** Applies a timer key's action to the clocks of a round of `format`. */
  act: (action: TimerAction, format: DebateFormat, now?: number) => void;
  /** Reads the clocks at `now`: what they show, and what is to be said. */
  tick: (format: DebateFormat, now?: number) => void;
}

/** The clocks for `format`, new when there are none yet or they were for another format. */
export function timersFor(timers: RoundTimers | null, format: DebateFormat): RoundTimers {
  return timers && timers.format === format.id ? timers : newTimers(format);
}

/** The clocks in words, each with the key its phase is kept under. */
export function namedClocks(timers: RoundTimers, format: DebateFormat) {
  const period = currentPeriod(timers, format);
  return [
    { id: 'speech', key: `speech:${period.id}`, name: period.id, clock: timers.speech },
    ...SIDES.map((side) => ({
      id: side,
      key: side,
      name: `${format.sideNames[side]} prep`,
      clock: timers.prep[side],
    })),
  ];
}

/** The phases of the clocks at `now`, and what to say of the running ones that changed. */
function readClocks(
  timers: RoundTimers,
  format: DebateFormat,
  now: number,
  before: ReadonlyMap<string, string>,
): { phases: Map<string, string>; said: string[] } {
  const phases = new Map<string, string>();
  const said: string[] = [];
  for (const { key, name, clock } of namedClocks(timers, format)) {
    const phase = phaseOf(timeLeft(clock, now));
    phases.set(key, phase);
    const was = before.get(key);
    if (was === undefined || was === phase || !isRunning(clock)) continue;
    if (phase === 'warning') said.push(`30 seconds left: ${name}.`);
    if (phase === 'over') said.push(`Time is up: ${name}.`);
  }
  return { phases, said };
}

export const useTimerStore = create<TimerState>()((set, get) => ({
  timers: null,
  now: Date.now(),
  announcement: '',
  phases: new Map(),
  act: (action, format, now = Date.now()) => {
    const timers = applyTimerAction(timersFor(get().timers, format), action, format, now);
    // A clock moved by hand (a new speech) starts its phases afresh: nothing to say.
    set({ timers, now, phases: readClocks(timers, format, now, new Map()).phases });
  },
  tick: (format, now = Date.now()) => {
    const state = get();
    const timers = timersFor(state.timers, format);
    const { phases, said } = readClocks(timers, format, now, state.phases);
    set({ now, phases, ...(said.length > 0 ? { announcement: said.join(' ') } : {}) });
  },
}));

/** What a timer key does to the clocks. */
export function applyTimerAction(
  timers: RoundTimers,
  action: TimerAction,
  format: DebateFormat,
  now: number,
): RoundTimers {
  switch (action) {
    case 'speech':
      return toggleSpeech(timers, now);
    case 'prepAff':
      return togglePrep(timers, 'aff', now);
    case 'prepNeg':
      return togglePrep(timers, 'neg', now);
    case 'nextSpeech':
      return stepPeriod(timers, format, 1, now);
    case 'previousSpeech':
      return stepPeriod(timers, format, -1, now);
    default: {
      const unknown: never = action;
      throw new TypeError(`unknown timer action ${String(unknown)}`);
    }
  }
}
