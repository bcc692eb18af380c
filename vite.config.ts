import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  plugins: [
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
  },
});
