// Bundles the `briefwright` command into out/cli so that `npx briefwright` starts fast and
// needs no TypeScript loader. Runs on `npm install` (prepare) and before the tests.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'out/cli/briefwright.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
