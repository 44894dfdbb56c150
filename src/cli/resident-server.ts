// The resident process itself (see resident-protocol.ts): listens on 127.0.0.1, runs each
// command it is handed with the `briefwright` command's own `main`, in the client's folder, one
// at a time, and sends back the output and the exit code. It reads the workspace and templates
// afresh for every command, as a cold command does, so an edit is seen at once; what it keeps
// warm is the code. It quits when idle, when a client of another build reaches it, when another
// resident process has taken its place in the user folder, and on SIGTERM or SIGINT.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { isAbsolute } from 'node:path';
import { isRunning, writeFileAtomic } from '../platform/atomic-write';
import type { Io } from './command';
import { endpointPath, MAX_REQUEST_BYTES, readEndpoint, runFolder, startingPath, type Endpoint, type Reply, type Request } from './resident-protocol';

export interface ServeOptions {
  /** The user folder served; the endpoint file goes in its `run` folder. */
  folder: string;
  build: string;
  /** The command: `main` of src/cli/main.ts. */
  run: (argv: string[], io: Io) => Promise<number>;
  idleMs: number;
  /** How long a client may take to send its request. */
  requestMs?: number;
  /** Run before the endpoint is published: commands until then run without the process. */
  warmUp?: () => Promise<void>;
}

export interface Resident {
  endpoint: Endpoint;
  /** Resolves once the process has stopped serving and cleared its endpoint file. */
  closed: Promise<void>;
  close: () => Promise<void>;
}

/** Starts serving; resolves undefined when a live resident process of this build already serves the folder. */
export async function serveResident(options: ServeOptions): Promise<Resident | undefined> {
  const { folder, build } = options;
  const existing = readEndpoint(folder);
  if (existing && existing.build === build && existing.pid !== process.pid && isRunning(existing.pid)) {
    await rm(startingPath(folder), { force: true });
    return undefined;
  }
  const token = randomBytes(32).toString('hex');
  const expected = Buffer.from(token);
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => resolve());
  });
  await options.warmUp?.().catch(() => undefined);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const endpoint: Endpoint = { port, token, pid: process.pid, build };
  await mkdir(runFolder(folder), { recursive: true, mode: 0o700 });
  await writeFileAtomic(endpointPath(folder), new TextEncoder().encode(`${JSON.stringify(endpoint)}\n`), { mode: 0o600 });
  await rm(startingPath(folder), { force: true });

  let served = 0;
  let queue = Promise.resolve();
  let idle: NodeJS.Timeout | undefined;
  let closing: Promise<void> | undefined;
  let closedResolve: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (closedResolve = resolve));

  const close = (): Promise<void> =>
    (closing ??= (async () => {
      clearTimeout(idle);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await queue;
      // Clear the endpoint only while it is still ours: a newer process may have written its own.
      if (readEndpoint(folder)?.token === token) await rm(endpointPath(folder), { force: true });
      closedResolve();
    })());

  /** Quits after `idleMs` without a command, and at once if another process now owns the endpoint. */
  const rearm = () => {
    clearTimeout(idle);
    idle = setTimeout(() => void close(), options.idleMs);
    idle.unref?.();
  };
  rearm();
  // Two clients may start two processes at the same moment: the one whose endpoint did not stick retires.
  setTimeout(() => {
    if (readEndpoint(folder)?.token !== token) void close();
  }, 2000).unref();

  const authentic = (candidate: unknown): boolean => {
    if (typeof candidate !== 'string') return false;
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  const handle = (socket: Socket, request: Request) => {
    const send = (reply: Reply) => {
      if (!socket.destroyed) socket.write(`${JSON.stringify(reply)}\n`);
    };
    if (!authentic(request.token)) return answer(socket, { refused: 'wrong token' });
    if (request.build !== build) {
      answer(socket, { stale: true });
      return void close();
    }
    if ('status' in request) return answer(socket, { status: { pid: process.pid, served, build } });
    const { argv, cwd } = request.run ?? {};
    if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string') || typeof cwd !== 'string' || !isAbsolute(cwd)) {
      return answer(socket, { refused: 'malformed request' });
    }
    clearTimeout(idle);
    queue = queue.then(async () => {
      try {
        process.chdir(cwd);
      } catch {
        // The client's folder is gone: the client runs the command itself and says so in its own words.
        send({ refused: 'cannot enter the working folder' });
        return;
      }
      let code: number;
      try {
        // A client that has gone (its user pressed Ctrl-C) gets no paper written behind its back.
        code = await options.run(argv, { out: (text) => send({ out: text }), err: (text) => send({ err: text }), stopped: () => hungUp(socket) });
      } catch (error) {
        // `main` answers every failure itself; this is a fault in the process, reported as the command reports one.
        send({ err: `briefwright: internal error: ${error instanceof Error ? error.message : String(error)}\n` });
        code = 2;
      }
      served += 1;
      send({ exit: code });
    });
    void queue.finally(() => {
      socket.end();
      if (!closing) rearm();
    });
  };

  server.on('connection', (socket) => {
    socket.setNoDelay(true);
    socket.setEncoding('utf8');
    let pending = '';
    let taken = false;
    const timer = setTimeout(() => socket.destroy(), options.requestMs ?? 5000);
    socket.on('error', () => undefined);
    socket.on('data', (chunk: string) => {
      if (taken) return;
      pending += chunk;
      const end = pending.indexOf('\n');
      if (end < 0) {
        if (pending.length > MAX_REQUEST_BYTES) socket.destroy();
        return;
      }
      taken = true;
      clearTimeout(timer);
      let request: Request;
      try {
        request = JSON.parse(pending.slice(0, end)) as Request;
        if (!request || typeof request !== 'object') throw new Error('not an object');
      } catch {
        answer(socket, { refused: 'malformed request' });
        return;
      }
      handle(socket, request);
    });
  });

  return { endpoint, closed, close };
}

/** Sends the one reply a request gets and closes the connection. */
function answer(socket: Socket, reply: Reply): void {
  socket.end(`${JSON.stringify(reply)}\n`);
}

/**
 * Whether the client has closed its end. A long paper is made without a turn of the event loop,
 * so its hang-up may not be read yet: two turns let the loop poll the socket first.
 */
async function hungUp(socket: Socket): Promise<boolean> {
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
  return socket.destroyed || socket.readableEnded;
}
