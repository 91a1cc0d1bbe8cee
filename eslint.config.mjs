// Lint: typescript-eslint plus the project's folder boundaries (docs/architecture.md), enforced rather than
// remembered. Package boundaries use no-restricted-imports; folder direction uses import-x/no-restricted-paths,
// which resolves every relative import to the file it names.
import fs from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'net',
  'crypto',
  'url',
  'util',
  'events',
  'stream',
];
const restrict = (groups, message) => ({ group: groups, message });
// `electron` the package, not this repository's electron/ folder (whose relative paths end in /electron/...).
const electronPackage = { name: 'electron', message: 'electron belongs in electron/main and electron/preload only.' };
const koffiPackage = { name: 'koffi', message: 'koffi belongs in electron/core/ffi/ only.' };
const tests = ['**/*.test.ts', '**/*.test.tsx', '**/*.spec.ts', '**/test-support/**', 'e2e/**', 'bench/**'];

/** Every renderer feature folder: each may use another only through that one's index.ts. */
const features = fs
  .readdirSync(new URL('./renderer/src/features', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

/** Folder rules: a file under `target` must not import a file under `from` (except what `except` names). */
const zones = [
  {
    target: './shared',
    from: './',
    except: ['./shared', './node_modules'],
    message: 'shared/ imports nothing outside itself.',
  },
  ...['main', 'preload', 'server', 'cli'].map((door) => ({
    target: './electron/core',
    from: `./electron/${door}`,
    message: 'electron/core is Electron-free and never imports a front door (main, preload, server, cli).',
  })),
  {
    target: './electron/core/ffi',
    from: './electron/core',
    except: ['./ffi'],
    message: 'electron/core/ffi is the lowest layer: it imports nothing from platform/ or the rest of core.',
  },
  ...features.map((f) => ({
    target: `./renderer/src/features/${f}`,
    from: './renderer/src/features',
    except: [`./${f}`, ...features.filter((g) => g !== f).map((g) => `./${g}/index.ts`)],
    message: "A feature uses another feature only through that feature's index.ts.",
  })),
  {
    target: './renderer/src/features',
    from: './renderer/src',
    except: ['./features', './store', './ui', './api.ts', './i18n.ts'],
    message: 'Features import the store, ui/, api and i18n, never the window root (App, views/).',
  },
];

export default tseslint.config(
  {
    ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.wine-node/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Node's globals (process, Buffer, __dirname) only where Node runs: not in shared/ (pure) or renderer/ (browser).
  { ignores: ['shared/**', 'renderer/**'], languageOptions: { globals: { ...globals.node } } },
  { files: ['shared/**'], languageOptions: { globals: { ...globals.es2021 } } },
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] })],
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [koffiPackage, electronPackage] }],
      'import-x/no-restricted-paths': ['error', { zones }],
    },
  },
  {
    // Production code never imports test helpers.
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    ignores: tests,
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...zones,
            ...['./electron/test-support', './shared/test-support'].map((from) => ({
              target: './',
              from,
              message: 'Test helpers (test-support/) are for tests only.',
            })),
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [koffiPackage, electronPackage],
          patterns: [
            restrict(['react', 'react-dom', ...nodeBuiltins], 'shared/ is pure: no electron, node, react or DOM.'),
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [koffiPackage, electronPackage],
          patterns: [restrict(nodeBuiltins, 'renderer/ runs in a sandbox: no electron or node.')],
        },
      ],
    },
  },
  {
    // koffi is allowed in ffi/ (and electron nowhere in core).
    files: ['electron/core/ffi/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronPackage] }] },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [koffiPackage] }] },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
