import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is built once and served both by Electron (app:// protocol) and the web host.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true },
});
