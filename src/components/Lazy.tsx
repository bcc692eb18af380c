import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react';

/**
 * Parts of the app that load when first used (dialogs, panels, the presenter). Once visited,
 * the service worker has them all; before that, or on a server that has just gone down, a
 * chunk may fail to load. Then the import is tried again a few times (the connection may be
 * back), and if it still fails, that part says so, and the rest of the app, with the map and
 * every edit, carries on: a failed chunk never blanks the page.
 */

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function retrying<T>(factory: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await factory();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await wait(Math.min(1000 * 2 ** (attempt - 1), 8000));
    }
  }
}

/** React.lazy, with the import tried again when it fails. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function lazyPart<C extends ComponentType<any>>(factory: () => Promise<{ default: C }>) {
  return lazy(() => retrying(factory));
}

class PartBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <p className="cm-part-failed" role="alert">
        This part of Clashmap could not be loaded: the connection is down. Your map and your edits
        are safe; reload the page once you are back online.
      </p>
    );
  }
}

/** Where a lazily loaded part is shown: nothing while it loads, a message if it cannot. */
export function Lazy({ children }: { children: ReactNode }) {
  return (
    <PartBoundary>
      <Suspense fallback={null}>{children}</Suspense>
    </PartBoundary>
  );
}
