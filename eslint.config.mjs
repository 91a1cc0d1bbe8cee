// Lint: typescript-eslint plus the folder boundaries of STYLE.md, enforced rather than remembered.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
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

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.wine-node/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Node's globals (process, Buffer, __dirname) only where Node runs: not in shared/ (pure) or renderer/ (browser).
  { ignores: ['shared/**', 'renderer/**'], languageOptions: { globals: { ...globals.node } } },
  { files: ['shared/**'], languageOptions: { globals: { ...globals.es2021 } } },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(['koffi'], 'koffi belongs in electron/core/ffi/ only.'),
            restrict(['electron'], 'electron belongs in electron/main and electron/preload only.'),
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
          patterns: [
            restrict(
              ['electron', 'koffi', 'react', 'react-dom', ...nodeBuiltins],
              'shared/ is pure: no electron, node, react or DOM.',
            ),
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
          patterns: [
            restrict(['electron', 'koffi', ...nodeBuiltins], 'renderer/ runs in a sandbox: no electron or node.'),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/ffi/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [restrict(['electron'], 'electron belongs in electron/main and electron/preload only.')] },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [restrict(['koffi'], 'koffi belongs in electron/core/ffi/ only.')] },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
