import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ClashmapState, ClashmapStore } from './store';

const StoreContext = createContext<ClashmapStore | null>(null);

export function StoreProvider({ store, children }: { store: ClashmapStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** The store instance itself, for actions and imperative reads. */
export function useClashmapStore(): ClashmapStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useClashmapStore must be used inside <StoreProvider>');
  return store;
}

/** Subscribes to a slice of the store; pass a stable selector. */
export function useClashmap<T>(selector: (state: ClashmapState) => T): T {
  return useStore(useClashmapStore(), selector);
}
