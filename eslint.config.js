// Lint rules, including the layering rules of DESIGN.md §2: `core` runs anywhere, so it may
// not import electron, the DOM-bound renderer, or any host.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Stripping control characters from untrusted text is deliberate here.
      'no-control-regex': 'off',
    },
  },
  {
    // Playwright fixtures take their dependencies as a destructured object, often empty.
    files: ['tests/e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['src/core/**/*.ts', 'src/shared/**/*.ts'],
    languageOptions: { globals: { window: 'off', document: 'off', navigator: 'off' } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*'], message: 'src/core and src/shared run outside Electron: no electron imports.' },
          { group: ['**/main/**', '**/preload/**', '**/renderer/**', '**/web/**', '**/cli/**'], message: 'src/core imports nothing of ours outside src/core (src/shared may import only core types).' },
          { group: ['react', 'react-dom', 'react-dom/*'], message: 'src/core and src/shared do not touch the DOM.' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'window', message: 'src/core does not touch the DOM.' },
        { name: 'document', message: 'src/core does not touch the DOM.' },
        { name: 'navigator', message: 'src/core does not touch the DOM.' },
        { name: 'localStorage', message: 'src/core does not touch the DOM.' },
        { name: 'fetch', message: 'src/core never reaches the network.' },
      ],
    },
  },
);
