import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const NO_COLOURS = fileURLToPath(new URL('src/vendor/d3ColorNone.ts', import.meta.url));
const VIEW_INTERPOLATORS = fileURLToPath(
  new URL('src/vendor/d3InterpolateViews.ts', import.meta.url),
);

/**
 * React Flow pans and zooms with d3-zoom, which animates through d3-transition and
 * d3-interpolate; both import d3-color to interpolate CSS colours (its parser and its table of
 * 148 named colours: 4.5 kB of the initial JavaScript, gzipped). React Flow animates only the
 * view's x, y and zoom, which are numbers, so those two packages get a d3-color that knows no
 * colours (src/vendor/d3ColorNone.ts). Anything else that imports d3-color gets the real one.
 * Likewise React Flow (@xyflow/system) and d3-transition get only the interpolators a view
 * transition uses (src/vendor/d3InterpolateViews.ts): d3-transition's colour, string and
 * transform tweens and the generic interpolate over any value are 1.2 kB gzipped that no view
 * transition runs. d3-zoom imports d3-interpolate's interpolateZoom itself.
 */
function onlyWhatViewTransitionsUse(): Plugin {
  return {
    name: 'clashmap:only-what-view-transitions-use',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer) return null;
      if (source === 'd3-color')
        return /[\\/]node_modules[\\/]d3-(interpolate|transition)[\\/]/.test(importer)
          ? NO_COLOURS
          : null;
      if (source === 'd3-interpolate')
        return /[\\/]node_modules[\\/](d3-transition|@xyflow[\\/]system)[\\/]/.test(importer)
          ? VIEW_INTERPOLATORS
          : null;
      return null;
    },
  };
}

export default defineConfig({
  resolve: {
    alias: [
      // Zustand (the app's, and React Flow's own copy) reads stores through
      // use-sync-external-store's shim, which carries a stand-in for React's
      // useSyncExternalStore for React before 18. React 19 has it, and the shim's own entry
      // would pick React's anyway: the package's plain entry uses React's directly.
      {
        find: /^use-sync-external-store\/shim\/with-selector(\.js)?$/,
        replacement: 'use-sync-external-store/with-selector.js',
      },
    ],
  },
  plugins: [
    onlyWhatViewTransitionsUse(),
    react(),
    // A service worker precaches the app, its bundled maps and its lazy chunks, so that after
    // one visit Clashmap opens, edits, opens files and presents with no network (classrooms).
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false,
      includeAssets: ['icon.svg', 'maps/*.json'],
      manifest: {
        name: 'Clashmap',
        short_name: 'Clashmap',
        description: 'Argument mapping for policy debate',
        start_url: '.',
        display: 'standalone',
        background_color: '#f6f5f1',
        theme_color: '#14365c',
        icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,json,svg,png,woff2}'],
        navigateFallback: 'index.html',
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      },
    }),
  ],
  build: {
    target: 'es2022',
    sourcemap: true,
    // The preload polyfill fetches modulepreload links where a browser ignores them (Safari
    // before 17): the start loads one chunk, which the entry imports anyway, and the lazy
    // chunks' preloads use rel=preload there instead.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // React Flow's ESM build wraps each component in React's memo() (or forwardRef) at the
      // top level, with no /*#__PURE__*/ mark: the bundler kept every component it ships,
      // used or not (the node resizer and toolbars, the edge toolbar...), 3.2 kB of the initial
      // JavaScript gzipped. These three only make a value; calling them does nothing else.
      treeshake: { manualPureFunctions: ['memo', 'forwardRef', 'createContext'] },
      output: {
        // Everything the page loads at start goes into one chunk. Left to itself Rolldown puts
        // each module that lazy chunks share with the start-up code (zod, the relation registry,
        // the round model, React's packages...) in a chunk of its own: a dozen small chunks whose
        // imports, exports and separate compression cost 4.7 kB of the initial JavaScript
        // (gzipped). The lazy chunks import what they share from this one.
        codeSplitting: {
          groups: [{ name: 'initial', tags: ['$initial'] }],
        },
      },
    },
  },
});
