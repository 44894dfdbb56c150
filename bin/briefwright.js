#!/usr/bin/env node
// Entry point of the `briefwright` command: runs the bundle built by `npm install` (prepare).
// With BRIEFWRIGHT_RESIDENT=1 the command is first offered to the user's resident process
// (src/cli/resident-protocol.ts), which runs it warm; it runs here when there is none yet.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = (name) => fileURLToPath(new URL(`../out/cli/${name}.mjs`, import.meta.url));
const bundle = built('briefwright');
if (!existsSync(bundle)) {
  process.stderr.write('briefwright is not built yet: run `npm install` (or `npm run build:cli`) in the project folder.\n');
  process.exit(2);
}
const argv = process.argv.slice(2);
let code;
if (process.env.BRIEFWRIGHT_RESIDENT) {
  const { viaResident } = await import(pathToFileURL(built('client')).href);
  code = await viaResident(argv, { server: built('resident') });
}
if (code === undefined) {
  const { main } = await import(pathToFileURL(bundle).href);
  code = await main(argv);
}
process.exitCode = code;
