import { createContext, useContext } from 'react';

/** True inside views that show the map without editing it (the presentation). */
export const ReadOnlyContext = createContext(false);

export const useReadOnly = () => useContext(ReadOnlyContext);
