import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { App } from './App';
import { createClashmapStore } from './store/store';
import { StoreProvider } from './store/StoreContext';
import { applyTheme } from './app/theme';
import { applyTextSize } from './app/textSize';
import { installRelationStyles } from './components/relationStyles';
import { afterFirstMapDrawn, whenQuiet } from './app/afterFirstMap';
import { loadFileAccess } from './io/fileAccess';
import { loadPrintParts } from './components/printParts';

// The chosen (or the system's) colour theme, the chosen text size and the relation kinds'
// colours and lines (from their registry), before the first paint.
applyTheme();
installRelationStyles();
applyTextSize();

const store = createClashmapStore();

// What is not needed to show the map loads once it is drawn: the file picker library, what
// printing draws besides the canvas (the outline, the handout's pages), and, once the person
// has left the app be for a moment, offline support (the service worker only exists in the
// production build; precaching the app, 2 MB on a first visit, would compete with the first
// load and with what is done right after it).
afterFirstMapDrawn(store, () => {
  void loadFileAccess();
  void loadPrintParts();
  if (import.meta.env.PROD && 'serviceWorker' in navigator)
    whenQuiet(store, () => {
      void import('virtual:pwa-register').then(({ registerSW }) => registerSW({ immediate: true }));
    });
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
