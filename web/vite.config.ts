import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

/**
 * The board is built into dist/web and served by the gateway under /board (src/server/board.ts).
 * Everything is bundled: the page loads nothing from another origin.
 */
export default defineConfig({
  root: __dirname,
  base: '/board/',
  plugins: [preact()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    assetsDir: 'assets',
    // No inline scripts or data: URLs for modules, so the page runs under script-src 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
  },
});
