// The esbuild plugin both bundlers share (build-node.mjs, build-electron.mjs): zod's index
// re-exports every one of its 50-odd locales (`z.locales`, 370 KB of JavaScript), so a bundle
// would parse them all at every start. The kiosk sets no locale and shows its own messages,
// never zod's; zod uses English by default. So its locales module keeps English only.
import path from 'node:path';

export function zodEnglishPlugin(root) {
  const english = path.join(root, 'node_modules/zod/v4/locales/en.js');
  return {
    name: 'zod-english-only',
    setup(b) {
      b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
        /[/\\]node_modules[/\\]zod[/\\]v4[/\\](classic|core)$/.test(args.resolveDir) ? { path: 'zod-locales', namespace: 'zod-english-only' } : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, () => ({
        contents: `export { default as en } from ${JSON.stringify(english)};`,
        loader: 'js',
        resolveDir: root,
      }));
    },
  };
}
