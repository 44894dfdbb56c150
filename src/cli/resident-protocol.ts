// The resident process (opt-in: BRIEFWRIGHT_RESIDENT=1). A `briefwright` command pays for a
// cold start every time: Node, then our code, the workspace, Handlebars and the writers, all
// compiled and run for the first time. With the resident process the first command starts a
// background `briefwright` that stays warm, and the commands after it hand their arguments to
// it and print what it answers. It serves one user folder and one build, and quits when idle.
//
// What the client and the process share, and nothing more: the client imports this module and
// Node's built-ins only, so that handing a command over costs almost nothing.
//
// The protocol: one TCP connection on 127.0.0.1 per command, one JSON line from the client (the
// request, with the token from the endpoint file), then JSON lines back (output, then the exit
// code), then the process closes the connection. The endpoint file is readable by its owner only,
// as the web host keeps its per-launch token: another user of the machine can reach the port
// but cannot make the process do anything.
import { readFileSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

const RESIDENT_ENV = 'BRIEFWRIGHT_RESIDENT';
/** Seconds without a command after which the resident process quits (default 900). */
const IDLE_ENV = 'BRIEFWRIGHT_RESIDENT_IDLE';
const DEFAULT_IDLE_SECONDS = 15 * 60;

/** Whether the user asked for the resident process (`BRIEFWRIGHT_RESIDENT=1`, `on`, `yes`, `true`). */
export const residentWanted = (env: NodeJS.ProcessEnv): boolean => /^(1|on|yes|true)$/i.test(env[RESIDENT_ENV]?.trim() ?? '');

export function idleMilliseconds(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env[IDLE_ENV]);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_IDLE_SECONDS) * 1000;
}

/** Where a running resident process says how to reach it. */
export interface Endpoint {
  port: number;
  /** 64 hex characters; every request must carry it. */
  token: string;
  pid: number;
  build: string;
}

export const runFolder = (folder: string): string => join(folder, 'run');
export const endpointPath = (folder: string): string => join(runFolder(folder), 'resident.json');
/** Made by a client that starts the process, so that the commands right after it do not start more. */
export const startingPath = (folder: string): string => join(runFolder(folder), 'resident.starting');

/** The endpoint of the user folder's resident process, if its file is there and well formed. */
export function readEndpoint(folder: string): Endpoint | undefined {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(endpointPath(folder), 'utf8'));
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const { port, token, pid, build } = value as Record<string, unknown>;
  if (!Number.isInteger(port) || (port as number) <= 0 || (port as number) > 65535) return undefined;
  if (typeof token !== 'string' || !/^[0-9a-f]{64}$/.test(token)) return undefined;
  if (!Number.isInteger(pid) || typeof build !== 'string') return undefined;
  return { port: port as number, token, pid: pid as number, build };
}

/**
 * Which build of the command a file belongs to: its size and modification time. The build
 * (npm install, npm run build:cli) rewrites every file of out/cli, so a process started from an
 * older build is told apart from the client's, and retired, before it serves anyone.
 */
export function buildOf(file: string): string | undefined {
  const info = statSync(file, { throwIfNoEntry: false });
  return info ? `${info.size}:${Math.trunc(info.mtimeMs)}` : undefined;
}

export type Request =
  | { token: string; build: string; run: { argv: string[]; cwd: string } }
  | { token: string; build: string; status: true };

export type Reply =
  | { out: string }
  | { err: string }
  | { exit: number }
  /** The process belongs to another build; it quits after saying so. */
  | { stale: true }
  | { refused: string }
  | { status: { pid: number; served: number; build: string } };

/** A request line longer than this is not one of ours. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

/**
 * Sends `request` to the endpoint and hands each reply to `onReply` as it arrives. Resolves when
 * the process closes the connection; rejects when it cannot be reached within `connectMs`.
 */
export function exchange(endpoint: Pick<Endpoint, 'port'>, request: Request, onReply: (reply: Reply) => void, connectMs = 2000): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: endpoint.port });
    let connected = false;
    const timer = setTimeout(() => socket.destroy(new Error('the resident process did not answer')), connectMs);
    socket.setNoDelay(true);
    socket.on('connect', () => {
      connected = true;
      clearTimeout(timer);
      socket.write(`${JSON.stringify(request)}\n`);
    });
    let pending = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      pending += chunk;
      let end: number;
      while ((end = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 1);
        let reply: Reply;
        try {
          reply = JSON.parse(line) as Reply;
        } catch {
          continue;
        }
        onReply(reply);
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      if (!connected) reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      if (connected) resolve();
      else reject(new Error('the resident process closed the connection'));
    });
  });
}
