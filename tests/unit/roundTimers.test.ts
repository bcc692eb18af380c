import { describe, expect, it } from 'vitest';
import { LINCOLN_DOUGLAS, POLICY } from '../../src/model/debateFormats';
import {
  clockText,
  currentPeriod,
  isRunning,
  newTimers,
  phaseOf,
  stepPeriod,
  timeLeft,
  togglePrep,
  toggleSpeech,
} from '../../src/model/roundTimers';
import { applyTimerAction, useTimerStore } from '../../src/components/present/timerStore';

const MIN = 60_000;

describe('a round’s clocks, per format', () => {
  it('start at the first speech with its length, and each side’s prep from the format', () => {
    const policy = newTimers(POLICY);
    expect(policy.period).toBe('1AC');
    expect(timeLeft(policy.speech, 0)).toBe(8 * MIN);
    expect(timeLeft(policy.prep.aff, 0)).toBe(8 * MIN);
    const ld = newTimers(LINCOLN_DOUGLAS);
    expect([ld.period, timeLeft(ld.speech, 0), timeLeft(ld.prep.neg, 0)]).toEqual([
      'AC',
      6 * MIN,
      4 * MIN,
    ]);
  });

  it('count down while running and keep what is left when paused', () => {
    let t = toggleSpeech(newTimers(POLICY), 1_000);
    expect(timeLeft(t.speech, 61_000)).toBe(7 * MIN);
    t = toggleSpeech(t, 61_000);
    expect(isRunning(t.speech)).toBe(false);
    expect(timeLeft(t.speech, 999_999)).toBe(7 * MIN);
    t = toggleSpeech(t, 100_000);
    expect(timeLeft(t.speech, 100_000 + 8 * MIN)).toBe(0);
  });

  it('run one clock at a time: prep pauses the speech and the other side’s prep', () => {
    let t = toggleSpeech(newTimers(POLICY), 0);
    t = togglePrep(t, 'neg', 10_000);
    expect([isRunning(t.speech), isRunning(t.prep.neg)]).toEqual([false, true]);
    expect(timeLeft(t.speech, 50_000)).toBe(8 * MIN - 10_000);
    t = togglePrep(t, 'aff', 40_000);
    expect([isRunning(t.prep.neg), isRunning(t.prep.aff)]).toEqual([false, true]);
    expect(timeLeft(t.prep.neg, 40_000)).toBe(8 * MIN - 30_000);
    t = toggleSpeech(t, 50_000);
    expect(timeLeft(t.prep.aff, 90_000)).toBe(8 * MIN - 10_000);
  });

  it('step through the periods, cross-examinations too, each timer set to its own length', () => {
    let t = toggleSpeech(newTimers(POLICY), 0);
    t = stepPeriod(t, POLICY, 1, 5_000);
    expect([currentPeriod(t, POLICY).id, timeLeft(t.speech, 9e9)]).toEqual(['CX-1AC', 3 * MIN]);
    t = stepPeriod(t, POLICY, 7, 0);
    expect([t.period, timeLeft(t.speech, 0)]).toEqual(['1NR', 5 * MIN]);
    t = stepPeriod(t, POLICY, 99, 0);
    expect(t.period).toBe('2AR');
    t = stepPeriod(t, POLICY, -99, 0);
    expect(t.period).toBe('1AC');
  });

  it('warn in the last thirty seconds, and show minutes and seconds rounded up', () => {
    expect([phaseOf(30_001), phaseOf(30_000), phaseOf(1), phaseOf(0)]).toEqual([
      'normal',
      'warning',
      'warning',
      'over',
    ]);
    expect([clockText(8 * MIN), clockText(30_000), clockText(29_001), clockText(0)]).toEqual([
      '8:00',
      '0:30',
      '0:30',
      '0:00',
    ]);
  });

  it('keys act through one function; the page’s clocks say the warning once', () => {
    const t = applyTimerAction(newTimers(POLICY), 'nextSpeech', POLICY, 0);
    expect(t.period).toBe('CX-1AC');
    const store = useTimerStore;
    store.setState({ timers: null, announcement: '', phases: new Map() });
    store.getState().act('previousSpeech', POLICY, 0);
    store.getState().act('speech', POLICY, 0);
    store.getState().tick(POLICY, 8 * MIN - 31_000);
    expect(store.getState().announcement).toBe('');
    store.getState().tick(POLICY, 8 * MIN - 29_000);
    expect(store.getState().announcement).toBe('30 seconds left: 1AC.');
    store.getState().tick(POLICY, 8 * MIN);
    expect(store.getState().announcement).toBe('Time is up: 1AC.');
    store.getState().act('prepNeg', POLICY, 8 * MIN);
    store.getState().tick(POLICY, 8 * MIN + 8 * MIN - 30_000);
    expect(store.getState().announcement).toBe('30 seconds left: Negative prep.');
  });
});
