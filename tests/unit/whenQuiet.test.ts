import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LATEST_MS, QUIET_MS, whenQuiet } from '../../src/app/afterFirstMap';
import { createClashmapStore } from '../../src/store/store';

describe('whenQuiet: background work waits until the person leaves the app be', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const setUp = () => {
    const store = createClashmapStore();
    const target = new EventTarget();
    const then = vi.fn();
    whenQuiet(store, then, target);
    return { store, target, then };
  };

  it('runs once nothing has happened for the quiet time, and only once', () => {
    const { then } = setUp();
    vi.advanceTimersByTime(QUIET_MS - 1);
    expect(then).not.toHaveBeenCalled();
    vi.advanceTimersByTime(10);
    expect(then).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(LATEST_MS);
    expect(then).toHaveBeenCalledTimes(1);
  });

  it('waits again after each key, press or wheel', () => {
    const { target, then } = setUp();
    for (const type of ['keydown', 'pointerdown', 'wheel']) {
      vi.advanceTimersByTime(QUIET_MS - 100);
      target.dispatchEvent(new Event(type));
    }
    vi.advanceTimersByTime(QUIET_MS - 100);
    expect(then).not.toHaveBeenCalled();
    vi.advanceTimersByTime(200);
    expect(then).toHaveBeenCalledTimes(1);
  });

  it('waits while a map is being laid out', () => {
    const { store, then } = setUp();
    store.setState({ layoutPending: true });
    vi.advanceTimersByTime(QUIET_MS * 3);
    expect(then).not.toHaveBeenCalled();
    store.setState({ layoutPending: false });
    vi.advanceTimersByTime(QUIET_MS + 10);
    expect(then).toHaveBeenCalledTimes(1);
  });

  it('runs at the latest after LATEST_MS, however busy, and then stops listening', () => {
    const { target, then } = setUp();
    for (let t = 0; t < LATEST_MS; t += 1000) {
      target.dispatchEvent(new Event('keydown'));
      vi.advanceTimersByTime(1000);
    }
    vi.advanceTimersByTime(10);
    expect(then).toHaveBeenCalledTimes(1);
    target.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(QUIET_MS * 2);
    expect(then).toHaveBeenCalledTimes(1);
  });
});
