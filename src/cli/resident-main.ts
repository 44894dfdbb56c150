// The resident process's program (out/cli/resident.mjs), started in the background by the first
// command run with BRIEFWRIGHT_RESIDENT=1. It has no terminal: it says nothing, and quits when
// idle, when retired by a newer build, or on SIGTERM/SIGINT, clearing its endpoint file.
import { fileURLToPath } from 'node:url';
import { userFolder } from '../node/user-folder';
import { main } from './main';
import { buildOf, idleMilliseconds } from './resident-protocol';
import { serveResident } from './resident-server';

const build = buildOf(fileURLToPath(import.meta.url));
const resident = build === undefined ? undefined : await serveResident({ folder: userFolder(), build, run: main, idleMs: idleMilliseconds(process.env) });
if (resident) {
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, () => void resident.close());
  await resident.closed;
}
process.exit(0);
