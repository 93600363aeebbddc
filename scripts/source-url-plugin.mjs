// The esbuild plugin both bundlers share (build-node.mjs, build-electron.mjs): source files
// find their data (SQL migrations, the matter catalog, package.json) through import.meta.url,
// which in a bundle is the bundle's. For each .ts file that mentions it, `rewrite` gets the
// file's text and its path from the project root (a JSON string literal) and returns the text
// with the uses it must change pointed at `__kioskSourceUrl(<that path>)`, which each bundle's
// banner defines as the source file's URL under the installed tree.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export function sourceUrlPlugin(root, rewrite) {
  return {
    name: 'source-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        const contents = await readFile(args.path, 'utf8');
        if (!contents.includes('import.meta.url')) return undefined;
        const relative = JSON.stringify(path.relative(root, args.path).split(path.sep).join('/'));
        return { contents: rewrite(contents, relative), loader: 'ts' };
      });
    },
  };
}
