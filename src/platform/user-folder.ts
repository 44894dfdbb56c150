// Where a user's own files live. Its own module, with nothing but Node's built-ins behind it, so
// that the resident-process client (src/cli/resident-client.ts) can find it without loading the
// rest of the command.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where a user's own templates, facts and settings live. */
export function userFolder(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BRIEFWRIGHT_HOME) return resolve(env.BRIEFWRIGHT_HOME);
  if (process.platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'briefwright');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'briefwright');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'briefwright');
}

