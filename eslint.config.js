// Lint, including the layer rules of HOUSE_STYLE §1: the folder says where code runs,
// and these rules keep each layer to what it may import.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Each rule is a list of regular expressions over the import specifier.
const NODE = '^(node:|(assert|buffer|child_process|cluster|crypto|dgram|dns|events|fs|http|https|http2|module|net|os|path|perf_hooks|process|readline|stream|tls|tty|url|util|v8|vm|worker_threads|zlib)(/|$))';
const ELECTRON = '^electron(/|$)';
const NATIVE = '^(better-sqlite3|serialport|@serialport/|node-hid|@pokusew/pcsclite|ws$|iconv-lite|@napi-rs/canvas)';
const folder = (name) => `(^|/)${name}(/|$)`;

const forbid = (message, ...regexes) => ({
  'no-restricted-imports': ['error', { patterns: regexes.map((regex) => ({ regex, message })) }],
});

export const layerRules = [
  {
    // The page: no Node, no Electron, no native modules; the core only through the typed client.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.{ts,tsx}'],
    rules: forbid(
      'the renderer runs in the page: use the kiosk client (electron/common/rpc.ts), not Node, Electron or the core',
      NODE, ELECTRON, NATIVE, folder('electron/core'), folder('electron/main'), folder('native'), folder('scripts'),
    ),
  },
  {
    files: ['electron/common/**/*.ts'],
    ignores: ['electron/common/**/*.test.ts'],
    rules: forbid('electron/common is pure TypeScript that runs anywhere', NODE, ELECTRON, NATIVE, folder('core'), folder('main'), folder('native')),
  },
  {
    files: ['electron/core/**/*.ts', 'electron/browser-shell/**/*.ts', 'native/**/*.ts'],
    rules: forbid('the core runs in plain Node: it must never import electron', ELECTRON, folder('main'), folder('preload'), folder('renderer')),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: forbid('the preload exposes named functions only: no Node, no core', NODE, NATIVE, folder('core'), folder('native')),
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
