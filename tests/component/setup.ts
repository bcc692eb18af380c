import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// React Flow measures nodes with ResizeObserver and DOM geometry that jsdom lacks.
// The observer must call back asynchronously, as browsers do, or nodes stay hidden.
class AsyncResizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    setTimeout(
      () => this.callback([{ target } as ResizeObserverEntry], this as unknown as ResizeObserver),
      0,
    );
  }
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver = AsyncResizeObserver as unknown as typeof ResizeObserver;

class DOMMatrixReadOnlyShim {
  m22: number;
  constructor(transform?: string) {
    const scale = transform?.match(/scale\(([1-9.])\)/)?.[1];
    this.m22 = scale !== undefined ? +scale : 1;
  }
}
(globalThis as Record<string, unknown>).DOMMatrixReadOnly ??= DOMMatrixReadOnlyShim;

Object.defineProperties(globalThis.HTMLElement.prototype, {
  offsetHeight: { get: () => 120, configurable: true },
  offsetWidth: { get: () => 280, configurable: true },
});
(globalThis.SVGElement.prototype as unknown as { getBBox: () => DOMRect }).getBBox = () =>
  ({ x: 0, y: 0, width: 0, height: 0 }) as DOMRect;

afterEach(() => cleanup());
