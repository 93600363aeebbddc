/** Vite turns an imported asset into its bundled URL. */
declare module '*.wav' {
  const url: string;
  export default url;
}

/** The face-presence model, inlined at build time (scripts/face-model-plugin.mjs). */
declare module 'virtual:face-detector-model' {
  export const weightSpecs: unknown;
  export const weightsBase64: string;
}
