import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { App } from './App';
import { createClashmapStore } from './store/store';
import { StoreProvider } from './store/StoreContext';
import { registerSW } from 'virtual:pwa-register';
import { applyTheme } from './app/theme';
import { applyTextSize } from './app/textSize';

// Offline support: the service worker only exists in the production build.
if (import.meta.env.PROD && 'serviceWorker' in navigator) registerSW({ immediate: true });

// The chosen (or the system's) colour theme and the chosen text size, before the first paint.
applyTheme();
applyTextSize();

const store = createClashmapStore();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
