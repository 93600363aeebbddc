/** Vite turns an imported asset into its bundled URL. */
declare module '*.wav' {
  const url: string;
  export default url;
}
