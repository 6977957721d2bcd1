// Lint enforces the process boundary: shared/ is imported by both sides, so it may not
// reach into Electron or Node; the renderer may not either.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeOnly = {
  patterns: [
    { group: ['node:*'], message: 'shared/ and renderer/ run in the browser too: no Node built-ins.' },
    { group: ['electron', 'electron/*'], message: 'Only electron/main.ts and electron/preload.ts may import electron.' },
    { group: ['**/electron/**', '../electron/*'], message: 'The renderer and shared/ never import main-process code.' },
  ],
  paths: ['fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'stream', 'url', 'util', 'events', 'buffer'].map((name) => ({
    name,
    message: 'shared/ and renderer/ run in the browser too: no Node built-ins.',
  })),
};

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', nodeOnly] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // Playwright reads fixture dependencies from the destructuring pattern, `{}` included.
    files: ['e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    // Services are plain Node so they run (and are tested) without Electron.
    files: ['electron/services/**/*.ts', 'electron/emulator/**/*.ts', 'electron/cli/**/*.ts', 'electron/backend/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Services are plain Node: no electron import.' }] }],
    },
  },
);
