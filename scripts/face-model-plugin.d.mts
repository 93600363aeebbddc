import type { Plugin } from 'vite';
export function faceModelPlugin(): Plugin;
