// Lint rules, including the layering rules: which of our layers each layer may import, and
// where Node, the DOM and Electron may be used (docs/architecture.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layers are sibling folders of src/: an import of another layer climbs out (`../core/…`, `../../app`).
const CORE = 'core';
const PLATFORM = 'platform';
const APP = 'app';
const MAIN = 'main';
const WEB = 'web';
const CLI = 'cli';
const HOSTS = [MAIN, WEB, CLI];
const RENDERER = 'renderer';
const PRELOAD = 'preload';
const NODE_BUILTINS = (message) => ({ group: ['node:*'], message: `${message}.` });
// Case-sensitive: the page's own `../App` is not the application layer.
const restricted = (layers, message) => layers.map((name) => ({ regex: `^(\\.\\./)+${name}(/|$)`, caseSensitive: true, message: `${message}.` }));

/** The imports a layer may not make: our other layers, and (unless allowed) Node, the DOM's React, Electron. */
function layer(files, message, forbidden, { node = false, dom = false, electron = true } = {}) {
  const patterns = [
    ...restricted(forbidden, message),
    ...(node ? [NODE_BUILTINS(message)] : []),
    ...(dom ? [{ group: ['react', 'react-dom', 'react-dom/*'], message: `${message}: it does not touch the DOM.` }] : []),
    ...(electron ? [{ group: ['electron', 'electron/*'], message: `${message}: it runs outside Electron.` }] : []),
  ];
  return { files: [files], rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

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
  // The layers (docs/architecture.md): each may import only the layers below it.
  //   shared   — the API's types and schemas, the formats and template vocabulary: runs anywhere
  //   core     — the pipeline (facts, templates, document, writers): runs anywhere
  //   platform — the file system: settings storage, atomic writes, workspace and user folders, the rule for links
  //   app      — the application: the API's handlers and what they need to make papers and show facts
  //   main, web, cli — the hosts; preload — Electron's bridge; renderer — the page
  layer('src/shared/**/*.ts', 'src/shared runs anywhere and imports nothing of ours but src/shared', [CORE, PLATFORM, APP, ...HOSTS, RENDERER, PRELOAD], { node: true, dom: true }),
  layer('src/core/**/*.ts', 'src/core runs anywhere: it imports only src/core and src/shared, and no Node built-ins', [PLATFORM, APP, ...HOSTS, RENDERER, PRELOAD], { node: true, dom: true }),
  layer('src/platform/**/*.ts', 'src/platform is below the application: it imports src/core and src/shared', [APP, ...HOSTS, RENDERER, PRELOAD]),
  layer('src/app/**/*.ts', 'src/app is below the hosts: it imports src/platform, src/core and src/shared', [...HOSTS, RENDERER, PRELOAD]),
  layer('src/main/**/*.ts', 'the main process imports src/app, src/platform, src/core and src/shared, never another host or the page', [WEB, CLI, RENDERER, PRELOAD], { electron: false }),
  layer('src/web/**/*.ts', 'the web host imports src/app, src/platform, src/core and src/shared, never another host or the page', [MAIN, CLI, RENDERER, PRELOAD]),
  layer('src/cli/**/*.ts', 'the command line imports src/app, src/platform, src/core and src/shared, never another host or the page', [MAIN, WEB, RENDERER, PRELOAD]),
  layer('src/preload/**/*.ts', 'the preload is Electron\'s bridge: it imports only electron and src/shared', [CORE, PLATFORM, APP, ...HOSTS, RENDERER], { node: true, electron: false }),
  layer('src/renderer/**/*.{ts,tsx}', 'the page reaches everything through the API: it imports only src/shared', [CORE, PLATFORM, APP, ...HOSTS, PRELOAD], { node: true }),
  {
    files: ['src/core/**/*.ts', 'src/shared/**/*.ts'],
    languageOptions: { globals: { window: 'off', document: 'off', navigator: 'off' } },
    rules: {
      // Node's and the DOM's globals: what the host must hand core instead (src/core/host.ts).
      'no-restricted-globals': ['error',
        { name: 'window', message: 'src/core does not touch the DOM.' },
        { name: 'document', message: 'src/core does not touch the DOM.' },
        { name: 'navigator', message: 'src/core does not touch the DOM.' },
        { name: 'localStorage', message: 'src/core does not touch the DOM.' },
        { name: 'fetch', message: 'src/core never reaches the network.' },
        { name: 'Buffer', message: 'src/core runs anywhere: Uint8Array, not Node\'s Buffer.' },
        { name: 'process', message: 'src/core runs anywhere: what it needs of the process comes from its host (src/core/host.ts).' },
        { name: 'require', message: 'src/core runs anywhere: it imports, and reads files through its host (src/core/host.ts).' },
        { name: '__dirname', message: 'src/core runs anywhere: it reads files through its host (src/core/host.ts).' },
        { name: 'setImmediate', message: 'src/core runs anywhere: no Node timers.' },
      ],
    },
  },
);
