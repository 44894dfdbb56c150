// Bundles the worker that makes papers for the web host (src/app/paper-worker.ts) into
// out/web/paper-worker.mjs. `npm run web` builds it with the host; the tests and the benchmarks
// that start the host from its sources build it first, so that they run today's worker.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { nodeBundle } from './node-bundle.mjs';

export const PAPER_WORKER = 'out/web/paper-worker.mjs';

export async function buildPaperWorker() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  await build({ entryPoints: ['src/app/paper-worker.ts'], outfile: PAPER_WORKER, absWorkingDir: root, ...nodeBundle, packages: 'external' });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildPaperWorker();
