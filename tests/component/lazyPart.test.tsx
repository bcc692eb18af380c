import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Lazy, lazyPart } from '../../src/components/Lazy';

describe('a part of the app that loads when first used', () => {
  it('is tried again when its chunk fails to load, and shows once it loads', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let calls = 0;
    const Part = lazyPart(async () => {
      calls++;
      if (calls < 3) throw new TypeError('Failed to fetch dynamically imported module');
      return { default: () => <p>The panel</p> };
    });
    render(
      <Lazy>
        <Part />
      </Lazy>,
    );
    await vi.advanceTimersByTimeAsync(5000);
    expect(await screen.findByText('The panel')).toBeTruthy();
    expect(calls).toBe(3);
    vi.useRealTimers();
  });

  it('says so when it cannot be loaded at all, and the rest of the page stays', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const Part = lazyPart(async () => {
      throw new TypeError('Failed to fetch dynamically imported module');
    });
    render(
      <div>
        <p>The map</p>
        <Lazy>
          <Part />
        </Lazy>
      </div>,
    );
    await vi.advanceTimersByTimeAsync(60_000);
    expect((await screen.findByRole('alert')).textContent).toMatch(/could not be loaded/);
    expect(screen.getByText('The map')).toBeTruthy();
    vi.useRealTimers();
  });
});
