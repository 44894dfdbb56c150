// The client side of the resident process (see resident-protocol.ts): hands a command to the
// user folder's resident process and prints what it answers. Where there is none yet, or it
// belongs to another build, the client starts one in the background and says so by resolving
// to undefined: the caller then runs the command itself, so no command ever waits for a start.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs';
import { userFolder } from '../platform/user-folder';
import { buildOf, exchange, readEndpoint, residentWanted, runFolder, startingPath, type Reply } from './resident-protocol';

/** A start younger than this is still under way: another client does not start a second process. */
const START_GRACE_MS = 15_000;

export interface ClientOptions {
  /** The resident process's script (out/cli/resident.mjs); its build must match the process's. */
  server: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  out?: (text: string) => void;
  err?: (text: string) => void;
}

/**
 * Runs `argv` in the resident process: its exit code, or undefined where the caller must run the
 * command itself (not asked for, no process, another build, a process that failed before saying
 * anything).
 */
export async function viaResident(argv: string[], options: ClientOptions): Promise<number | undefined> {
  const env = options.env ?? process.env;
  if (!residentWanted(env)) return undefined;
  const out = options.out ?? ((text: string) => process.stdout.write(text));
  const err = options.err ?? ((text: string) => process.stderr.write(text));
  const folder = userFolder(env);
  const build = buildOf(options.server);
  if (build === undefined) return undefined;

  const endpoint = readEndpoint(folder);
  if (endpoint) {
    let code: number | undefined;
    let spoke = false;
    let retired = false;
    const onReply = (reply: Reply) => {
      if ('out' in reply && typeof reply.out === 'string') {
        spoke = true;
        out(reply.out);
      } else if ('err' in reply && typeof reply.err === 'string') {
        spoke = true;
        err(reply.err);
      } else if ('exit' in reply && Number.isInteger(reply.exit)) code = reply.exit;
      else if ('stale' in reply) retired = true;
    };
    const request = { token: endpoint.token, build, run: { argv, cwd: options.cwd ?? process.cwd() } };
    const reached = await exchange(endpoint, request, onReply).then(
      () => true,
      () => false,
    );
    if (code !== undefined) return code;
    if (spoke) {
      // Output is already printed: running the command again would print it twice.
      err('briefwright: the resident process stopped before the command finished; run it again.\n');
      return 2;
    }
    // Refused, retired (another build) or gone: start a new one unless it is one of ours still at work.
    if (reached && !retired) return undefined;
  }
  start(folder, options.server, env);
  return undefined;
}

/** Starts the resident process in the background, detached from this command's terminal. */
function start(folder: string, server: string, env: NodeJS.ProcessEnv): void {
  try {
    mkdirSync(runFolder(folder), { recursive: true, mode: 0o700 });
    const marker = startingPath(folder);
    const since = statSync(marker, { throwIfNoEntry: false })?.mtimeMs;
    if (since !== undefined && Date.now() - since < START_GRACE_MS) return;
    rmSync(marker, { force: true });
    closeSync(openSync(marker, 'wx', 0o600));
  } catch {
    // Another client made the marker a moment ago, or the folder cannot be written: either way
    // this command goes on without a resident process.
    return;
  }
  const child = spawn(process.execPath, [server], { cwd: folder, env, detached: true, stdio: 'ignore', windowsHide: true });
  child.on('error', () => undefined);
  child.unref();
}
