import { useEffect, useState } from 'react';
import { useClashmap } from '../store/StoreContext';
import type { ClashmapStore } from '../store/store';

/** How long start-up may take before work that waits for the first map runs anyway. */
const LONGEST_WAIT_MS = 10_000;

/** Runs `then` when the browser is next idle (at most two seconds from now). */
export function whenIdle(then: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(then, { timeout: 2000 });
  else setTimeout(then, 0);
}

/**
 * Runs `then` once, when the browser is idle after the first map is drawn: a map has been
 * opened and laid out with its measured sizes. A start that opens no map (a link that cannot
 * be read, say) runs it after LONGEST_WAIT_MS.
 */
export function afterFirstMapDrawn(store: ClashmapStore, then: () => void): void {
  const startRevision = store.getState().revision;
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    unsubscribe();
    clearTimeout(timer);
    whenIdle(then);
  };
  const unsubscribe = store.subscribe((state) => {
    if (state.revision !== startRevision && !state.layoutPending) run();
  });
  const timer = setTimeout(run, LONGEST_WAIT_MS);
}

/** How long the person must leave the app be (no key, press or wheel; no map being laid out). */
export const QUIET_MS = 3_000;
/** The longest `whenQuiet` waits, however busy the person is. */
export const LATEST_MS = 60_000;
const BUSY_EVENTS = ['pointerdown', 'keydown', 'wheel'] as const;

/**
 * Runs `then` once the person has left the app be for QUIET_MS (no key, press or wheel, and no
 * map being laid out), and the browser is idle; at the latest after LATEST_MS. For background
 * work that would otherwise share the machine with their first moves: copying the app for
 * offline use on a first visit made a 1,000-node map opened right away take 430 to 590 ms
 * instead of 310 (on a 2-core machine).
 */
export function whenQuiet(
  store: ClashmapStore,
  then: () => void,
  target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> = window,
): void {
  let quiet: ReturnType<typeof setTimeout> | undefined;
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    clearTimeout(quiet);
    clearTimeout(latest);
    for (const type of BUSY_EVENTS) target.removeEventListener(type, busy, true);
    whenIdle(then);
  };
  const busy = () => {
    clearTimeout(quiet);
    quiet = setTimeout(() => (store.getState().layoutPending ? busy() : run()), QUIET_MS);
  };
  const latest = setTimeout(run, LATEST_MS);
  for (const type of BUSY_EVENTS) target.addEventListener(type, busy, true);
  busy();
}

/**
 * True from when the browser is first idle after the first map's layout, and from then on
 * (another map opened later finds it true): for parts loaded then rather than with the app.
 */
export function useReadyAfterFirstLayout(): boolean {
  const laidOut = useClashmap((s) => !s.layoutPending);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (laidOut && !ready) whenIdle(() => setReady(true));
  }, [laidOut, ready]);
  return ready;
}
