// Bundles the web host (`npm run web`) into out/web/server.mjs and the worker that makes its
// papers into out/web/paper-worker.mjs, like the CLI: it starts fast and needs no TypeScript
// loader. When the app's pages were never built (out/renderer), builds them
// too; once they exist they are left alone (`npm run build` rebuilds them).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { build } from 'esbuild';
import { buildPaperWorker } from './build-worker.mjs';
import { nodeBundle } from './node-bundle.mjs';

await build({
  entryPoints: ['src/web/main.ts'],
  outfile: 'out/web/server.mjs',
  ...nodeBundle,
  packages: 'external',
});
// The host makes papers on worker threads, from this file beside it.
await buildPaperWorker();

if (!existsSync('out/renderer/index.html')) {
  process.stderr.write('Building the app\'s pages (out/renderer) once…\n');
  // Its progress goes to stderr: stdout carries only the address the host prints.
  const result = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { stdio: ['ignore', 2, 2] });
  if (result.status !== 0) process.stderr.write('Building the pages failed; the web host starts without them (run `npm run build` to see why).\n');
}
