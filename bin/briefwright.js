#!/usr/bin/env node
// Entry point of the `briefwright` command: runs the bundle built by `npm install` (prepare).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../out/cli/briefwright.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('briefwright is not built yet: run `npm install` (or `npm run build:cli`) in the project folder.\n');
  process.exit(2);
}
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));
