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
