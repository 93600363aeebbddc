import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { faceModelPlugin } from './scripts/face-model-plugin.mjs';

// The renderer is built once into dist/renderer; both shells load it from there.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), faceModelPlugin()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // The face step's lazy chunk (face-api, TensorFlow.js and the model, ~1.6 MB) loads only
    // when a citizen reaches the camera; the main bundle stays as it was.
    chunkSizeWarningLimit: 1700,
  },
});
