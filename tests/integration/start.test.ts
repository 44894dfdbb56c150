// `npm start` where the Electron binary is missing (as on a machine that installed offline):
// one clear sentence pointing to the browser mode, exit 1, and no stack trace.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const hasBinary = (() => {
  try {
    const path = require('electron') as unknown;
    return typeof path === 'string' && existsSync(path);
  } catch {
    return false;
  }
})();

it.skipIf(hasBinary)(
  `npm start without the Electron binary says so in one sentence and points to npm run web${hasBinary ? ' (skipped: the Electron binary is installed here)' : ''}`,
  () => {
    const run = spawnSync(process.execPath, ['scripts/start.mjs'], {
      cwd: repo,
      encoding: 'utf8',
      // Never try to download in a test.
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      'The Electron binary is not installed (it could not be downloaded), so the desktop app cannot start; run `npm run web` to use briefwright in your browser.',
    ]);
  },
);
