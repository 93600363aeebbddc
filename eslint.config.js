// Lint, including the layer rules of HOUSE_STYLE §1: the folder says where code runs,
// and these rules keep each layer to what it may import.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Each rule is a list of regular expressions over the import specifier.
const NODE = '^(node:|(assert|buffer|child_process|cluster|crypto|dgram|dns|events|fs|http|https|http2|module|net|os|path|perf_hooks|process|readline|stream|tls|tty|url|util|v8|vm|worker_threads|zlib)(/|$))';
const ELECTRON = '^electron(/|$)';
const NATIVE = '^(better-sqlite3|serialport|@serialport/|node-hid|@pokusew/pcsclite|ws$|iconv-lite|@napi-rs/canvas)';
const folder = (name) => `(^|/)${name}(/|$)`;

// Each group is [message, ...regexes]; one rule per file set, as a later config object's
// no-restricted-imports replaces an earlier one's for the files both match.
const forbid = (...groups) => ({
  'no-restricted-imports': ['error', { patterns: groups.flatMap(([message, ...regexes]) => regexes.map((regex) => ({ regex, message }))) }],
});

// The kiosk's runtime (common, core, both shells) never imports scripts/ (simulators, dev
// and ops tools), so a bundle holds only what a kiosk runs (HOUSE_STYLE §7): the shells
// load the demo composition by a path computed at run time, only for a demo config.
const SCRIPTS = folder('scripts');
const NOT_SCRIPTS = ['the kiosk never imports scripts/: the shells load the demo composition (scripts/sim/demo.ts) by a computed path, only in demo mode', SCRIPTS];
const NO_ELECTRON = ['the core runs in plain Node: it must never import electron', ELECTRON, folder('main'), folder('preload'), folder('renderer')];

export const layerRules = [
  {
    // The page: no Node, no Electron, no native modules; the core only through the typed client.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.{ts,tsx}'],
    rules: forbid([
      'the renderer runs in the page: use the kiosk client (electron/common/rpc.ts), not Node, Electron or the core',
      NODE, ELECTRON, NATIVE, folder('electron/core'), folder('electron/main'), folder('native'), folder('scripts'),
    ]),
  },
  {
    files: ['electron/common/**/*.ts'],
    ignores: ['electron/common/**/*.test.ts'],
    rules: forbid(['electron/common is pure TypeScript that runs anywhere', NODE, ELECTRON, NATIVE, folder('core'), folder('main'), folder('native')], NOT_SCRIPTS),
  },
  {
    files: ['electron/core/**/*.ts', 'electron/browser-shell/**/*.ts'],
    rules: forbid(NO_ELECTRON, NOT_SCRIPTS),
  },
  {
    files: ['native/**/*.ts'],
    rules: forbid(NO_ELECTRON),
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: forbid(NOT_SCRIPTS),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: forbid(['the preload exposes named functions only: no Node, no core', NODE, NATIVE, folder('core'), folder('native')]),
  },
  {
    // no-restricted-imports does not look at import(): a literal import('…/scripts/…') is how the simulators got into main.cjs.
    files: ['electron/common/**/*.ts', 'electron/core/**/*.ts', 'electron/browser-shell/**/*.ts', 'electron/main/**/*.ts'],
    rules: {
      // esquery's /regex/ cannot hold a slash: \W stands for the path separators around scripts.
      'no-restricted-syntax': ['error', { selector: 'ImportExpression > Literal[value=/(^|\\W)scripts\\W/]', message: NOT_SCRIPTS[0] }],
    },
  },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-electron/', 'release/', 'var/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', URL: 'readonly', window: 'readonly', document: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
  {
    // CommonJS on purpose (preloaded with `node -r` before any ESM loads).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __filename: 'readonly', __dirname: 'readonly', process: 'readonly', setTimeout: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  ...layerRules,
);
