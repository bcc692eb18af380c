import { SIDES, type DebateFormat, type Period, type Side } from './debateFormats';

/**
 * A round's clocks: the current period's timer (a speech or a cross-examination, as long as the
 * format says) and each side's preparation time, which is used up a little at a time between
 * speeches. Pure values and functions of the time now (milliseconds), so the flow view and
 * Present show the same clocks, and tests need no waiting.
 */

/** A clock that counts down and can be paused. */
export interface Countdown {
  readonly totalMs: number;
  /** What was left when it was last started or paused. */
  readonly leftMs: number;
  /** When it was started, or null while it is paused. */
  readonly runningSince: number | null;
}

export interface RoundTimers {
  readonly format: string;
  /** The period (speech or cross-examination) being timed. */
  readonly period: string;
  readonly speech: Countdown;
  readonly prep: { readonly aff: Countdown; readonly neg: Countdown };
}

/** A clock shows its warning from this much time left (and says so once). */
export const WARNING_MS = 30_000;

const MINUTE = 60_000;

export const countdown = (totalMs: number): Countdown => ({
  totalMs,
  leftMs: totalMs,
  runningSince: null,
});

/** The time left on a clock now. */
export function timeLeft(clock: Countdown, now: number): number {
  if (clock.runningSince === null) return clock.leftMs;
  return Math.max(0, clock.leftMs - Math.max(0, now - clock.runningSince));
}

export const isRunning = (clock: Countdown): boolean => clock.runningSince !== null;

/** The clock paused now, keeping what is left. */
export function paused(clock: Countdown, now: number): Countdown {
  if (clock.runningSince === null) return clock;
  return { ...clock, leftMs: timeLeft(clock, now), runningSince: null };
}

/** The clock started now (an empty clock does not start). */
export function started(clock: Countdown, now: number): Countdown {
  if (clock.runningSince !== null || clock.leftMs <= 0) return clock;
  return { ...clock, runningSince: now };
}

/** Whether a clock is in its last thirty seconds ('warning') or has run out ('over'). */
export function phaseOf(leftMs: number): 'normal' | 'warning' | 'over' {
  if (leftMs <= 0) return 'over';
  return leftMs <= WARNING_MS ? 'warning' : 'normal';
}

/** "7:59", "0:30": minutes and seconds left, rounded up so that 0:00 means the time is up. */
export function clockText(ms: number): string {
  const seconds = Math.ceil(Math.max(0, ms) / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The period with this id, or the format's first. */
function periodOf(format: DebateFormat, id: string | undefined): Period {
  return format.periods.find((p) => p.id === id) ?? format.periods[0]!;
}

/** The clocks at the start of a round of `format` (or at `period`), all paused. */
export function newTimers(format: DebateFormat, period?: string): RoundTimers {
  const at = periodOf(format, period);
  const prep = countdown(format.prepMinutes * MINUTE);
  return {
    format: format.id,
    period: at.id,
    speech: countdown(at.minutes * MINUTE),
    prep: { aff: prep, neg: prep },
  };
}

/** The period being timed. */
export const currentPeriod = (timers: RoundTimers, format: DebateFormat): Period =>
  periodOf(format, timers.period);

/**
 * Starts or pauses the period's timer. Starting it stops any prep time running: nobody
 * prepares while somebody speaks.
 */
export function toggleSpeech(timers: RoundTimers, now: number): RoundTimers {
  if (isRunning(timers.speech)) return { ...timers, speech: paused(timers.speech, now) };
  return {
    ...timers,
    speech: started(timers.speech, now),
    prep: { aff: paused(timers.prep.aff, now), neg: paused(timers.prep.neg, now) },
  };
}

/**
 * Starts or pauses a side's prep time. Starting it pauses the speech timer and the other
 * side's prep: one clock runs at a time.
 */
export function togglePrep(timers: RoundTimers, side: Side, now: number): RoundTimers {
  const clock = timers.prep[side];
  if (isRunning(clock)) return { ...timers, prep: { ...timers.prep, [side]: paused(clock, now) } };
  const prep = { ...timers.prep };
  for (const other of SIDES) prep[other] = paused(prep[other], now);
  prep[side] = started(clock, now);
  return { ...timers, speech: paused(timers.speech, now), prep };
}

/**
 * Moves to the period `step` places on (or back), its timer set to its length and paused; prep
 * time is kept as it was.
 */
export function stepPeriod(
  timers: RoundTimers,
  format: DebateFormat,
  step: number,
  now: number,
): RoundTimers {
  const at = format.periods.indexOf(currentPeriod(timers, format));
  const to = format.periods[Math.max(0, Math.min(format.periods.length - 1, at + step))]!;
  return {
    ...timers,
    period: to.id,
    speech: countdown(to.minutes * MINUTE),
    prep: { aff: paused(timers.prep.aff, now), neg: paused(timers.prep.neg, now) },
  };
}
