import { useEffect } from 'react';
import { TIMER_KEYS, type TimerAction } from '../../app/keyTable';
import type { DebateFormat } from '../../model/debateFormats';
import { clockText, currentPeriod, isRunning, phaseOf, timeLeft } from '../../model/roundTimers';
import { namedClocks, timersFor, useTimerStore } from './timerStore';
import './timers.css';

const keyOf = (action: TimerAction) => TIMER_KEYS.find((k) => k.action === action)!.label;

/**
 * The round's clocks, shown in the flow view and in Present: the current speech's timer and
 * each side's prep time, each with its buttons and keys (app/keyTable.ts, TIMER_KEYS). In its
 * last thirty seconds a clock turns to its warning colour and says so in words, and a screen
 * reader is told once; and again when the time is up.
 */
export function RoundTimers({ format }: { format: DebateFormat }) {
  const stored = useTimerStore((s) => s.timers);
  const now = useTimerStore((s) => s.now);
  const announcement = useTimerStore((s) => s.announcement);
  const act = useTimerStore((s) => s.act);
  const tick = useTimerStore((s) => s.tick);
  const timers = timersFor(stored, format);
  const running =
    isRunning(timers.speech) || isRunning(timers.prep.aff) || isRunning(timers.prep.neg);

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => tick(format), 250);
    return () => clearInterval(timer);
  }, [running, tick, format]);

  const period = currentPeriod(timers, format);
  const clocks = namedClocks(timers, format);

  const go = (action: TimerAction) => act(action, format);
  return (
    <div className="cm-timers" role="group" aria-label="Timers">
      {clocks.map(({ id, name, clock }) => {
        const left = timeLeft(clock, now);
        const phase = phaseOf(left);
        const on = isRunning(clock);
        const action: TimerAction =
          id === 'speech' ? 'speech' : id === 'aff' ? 'prepAff' : 'prepNeg';
        return (
          <div
            key={id}
            className={`cm-timer cm-timer--${phase}${on ? ' is-running' : ''}${id === 'speech' ? ' cm-timer--speech' : ''}`}
          >
            {id === 'speech' && (
              <button
                type="button"
                className="cm-timer__step"
                aria-label={`Previous speech (${keyOf('previousSpeech')})`}
                onClick={() => go('previousSpeech')}
              >
                ‹
              </button>
            )}
            <span className="cm-timer__name">
              {id === 'speech' ? (
                <abbr title={period.name}>{period.id}</abbr>
              ) : (
                // "Aff prep", "Con prep": short, the full name is the timer's own.
                <abbr title={name}>{`${name.slice(0, 3)} prep`}</abbr>
              )}
            </span>
            <span role="timer" aria-label={`${name} time left`} className="cm-timer__time">
              {clockText(left)}
            </span>
            {phase === 'warning' && <span className="cm-timer__warning">30 seconds</span>}
            {phase === 'over' && <span className="cm-timer__warning">Time</span>}
            <button
              type="button"
              aria-pressed={on}
              aria-label={`${on ? 'Pause' : 'Start'} ${id === 'speech' ? `the ${period.id} timer` : name} (${keyOf(action)})`}
              onClick={() => go(action)}
            >
              {on ? 'Pause' : 'Start'}
            </button>
            {id === 'speech' && (
              <button
                type="button"
                className="cm-timer__step"
                aria-label={`Next speech (${keyOf('nextSpeech')})`}
                onClick={() => go('nextSpeech')}
              >
                ›
              </button>
            )}
          </div>
        );
      })}
      <p className="cm-visually-hidden" aria-live="assertive" aria-atomic="true">
        {announcement}
      </p>
    </div>
  );
}
