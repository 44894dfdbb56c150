// The resident process (BRIEFWRIGHT_RESIDENT=1), run as a user runs it: the built command in
// child processes, the background process it starts, and what a user checks — the same paper
// and the same messages as without it, edits seen at once, paths taken from the user's folder,
// nobody else's commands obeyed, and no process left behind.
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildOf, endpointPath, exchange, readEndpoint, residentWanted, runFolder, type Endpoint, type Reply } from '../../src/cli/resident-protocol';
import { isRunning } from '../../src/platform/atomic-write';
import { ensureCliBuilt, repo, runCli } from '../fixtures/cli';

const server = join(repo, 'out', 'cli', 'resident.mjs');
const homes: string[] = [];
let dir: string;

async function newHome(): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'briefwright-resident-'));
  homes.push(home);
  return home;
}

function briefwright(home: string, args: string[], options: { cwd?: string; idle?: number; resident?: string } = {}) {
  const run = runCli(args, {
    env: { BRIEFWRIGHT_HOME: home, BRIEFWRIGHT_RESIDENT: options.resident ?? '1', BRIEFWRIGHT_RESIDENT_IDLE: String(options.idle ?? 60) },
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}


async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, ms = 180_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The resident process of `home` once it is up and has said where it listens. */
const started = (home: string, not?: number): Promise<Endpoint> =>
  until('the resident process', () => {
    const endpoint = readEndpoint(home);
    return endpoint && endpoint.pid !== not && isRunning(endpoint.pid) ? endpoint : undefined;
  });

async function ask(endpoint: Endpoint, request: Record<string, unknown>): Promise<Reply[]> {
  const replies: Reply[] = [];
  await exchange(endpoint, { token: endpoint.token, build: buildOf(server)!, ...request } as never, (reply) => replies.push(reply));
  return replies;
}

async function served(endpoint: Endpoint): Promise<number> {
  const [reply] = await ask(endpoint, { status: true });
  if (!reply || !('status' in reply)) throw new Error(`no status: ${JSON.stringify(reply)}`);
  return reply.status.served;
}

const brief = (out: string) => ['generate', '--template', 'pre-visit-brief', '--topics', 'trade,transport', '--from', '2018', '--to', '2019', '--format', 'md', '--out', out];

beforeAll(async () => {
  ensureCliBuilt();
  dir = await mkdtemp(join(tmpdir(), 'briefwright-resident-out-'));
});

afterEach(() => {
  // No test leaves a process running: each one stops the processes it started.
  for (const home of homes) {
    const endpoint = readEndpoint(home);
    if (endpoint && isRunning(endpoint.pid)) process.kill(endpoint.pid, 'SIGTERM');
  }
});

afterAll(async () => {
  for (const home of homes) {
    const endpoint = readEndpoint(home);
    if (endpoint) await until('the process to stop', () => !isRunning(endpoint.pid), 10_000).catch(() => process.kill(endpoint.pid, 'SIGKILL'));
  }
  for (const d of [...homes, dir]) await rm(d, { recursive: true, force: true });
});

describe('BRIEFWRIGHT_RESIDENT', () => {
  it('is on for 1, on, yes and true, and off when unset or anything else', () => {
    for (const on of ['1', 'on', 'YES', ' true ']) expect(residentWanted({ BRIEFWRIGHT_RESIDENT: on })).toBe(true);
    for (const off of [undefined, '', '0', 'off', 'no', 'false', 'maybe']) expect(residentWanted({ BRIEFWRIGHT_RESIDENT: off })).toBe(false);
  });

  it('unset, the command starts no process and writes nothing in the user folder', async () => {
    const home = await newHome();
    const out = join(dir, 'plain.md');
    expect(briefwright(home, brief(out), { resident: '' }).code).toBe(0);
    await expect(stat(runFolder(home))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('the resident process', () => {
  it('starts with the first command, which does not wait for it, and serves the next with the same paper and message', async () => {
    const home = await newHome();
    const first = briefwright(home, brief(join(dir, 'first.md')));
    expect(first.code).toBe(0);
    const endpoint = await started(home);
    expect(await served(endpoint)).toBe(0);

    const second = briefwright(home, brief(join(dir, 'second.md')));
    expect(second.code).toBe(0);
    expect(await served(endpoint)).toBe(1);
    expect(second.stdout).toBe(first.stdout.replace('first.md', 'second.md'));
    expect(await readFile(join(dir, 'second.md'), 'utf8')).toBe(await readFile(join(dir, 'first.md'), 'utf8'));
    const markdown = await readFile(join(dir, 'second.md'), 'utf8');
    expect(markdown).toContain('$19.885 billion');
    expect(markdown).toContain('2,388 trains');
  });

  it('keeps its address and token to the user: the run folder and the endpoint file are the owner’s only', async () => {
    if (process.platform === 'win32') return;
    const home = await newHome();
    briefwright(home, ['templates']);
    await started(home);
    expect((await stat(runFolder(home))).mode & 0o777).toBe(0o700);
    expect((await stat(endpointPath(home))).mode & 0o777).toBe(0o600);
  });

  it('gives a user error as the command does: exit 1, the message, no file', async () => {
    const home = await newHome();
    const out = join(dir, 'never.pdf');
    const cold = briefwright(home, ['generate', '--template', 'pre-visit-brif', '--out', out]);
    const endpoint = await started(home);
    const warm = briefwright(home, ['generate', '--template', 'pre-visit-brif', '--out', out]);
    expect(await served(endpoint)).toBe(1);
    expect(warm.code).toBe(1);
    expect(warm.stderr).toBe(cold.stderr);
    expect(warm.stderr).toMatch(/unknown template "pre-visit-brif"/);
    await expect(stat(out)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('takes relative paths from the folder the command was run in', async () => {
    const home = await newHome();
    const here = await mkdtemp(join(dir, 'cwd-'));
    briefwright(home, ['templates']);
    const endpoint = await started(home);
    const run = briefwright(home, brief('relative.md'), { cwd: here });
    expect(run.code).toBe(0);
    expect(await served(endpoint)).toBe(1);
    expect(await readFile(join(here, 'relative.md'), 'utf8')).toContain('Alataw Pass');
  });

  it('reads the user’s templates afresh for every command: an edit shows in the next paper', async () => {
    const home = await newHome();
    await mkdir(join(home, 'templates'), { recursive: true });
    const template = (word: string) => `---\nid: note\nname: Note\n---\n# ${word}\n`;
    await writeFile(join(home, 'templates', 'note.hbs'), template('Before'));
    const out = join(dir, 'note.md');
    briefwright(home, ['generate', '--template', 'note', '--out', out]);
    const endpoint = await started(home);
    await writeFile(join(home, 'templates', 'note.hbs'), template('After'));
    expect(briefwright(home, ['generate', '--template', 'note', '--out', out]).code).toBe(0);
    expect(await served(endpoint)).toBe(1);
    expect(await readFile(out, 'utf8')).toContain('# After');
  });

  it('refuses a request without its token and goes on serving', async () => {
    const home = await newHome();
    briefwright(home, ['templates']);
    const endpoint = await started(home);
    const replies = await ask({ ...endpoint, token: 'f'.repeat(64) }, { run: { argv: ['templates'], cwd: dir } });
    expect(replies).toEqual([{ refused: 'wrong token' }]);
    expect(await served(endpoint)).toBe(0);
    expect(briefwright(home, ['templates']).code).toBe(0);
    expect(await served(endpoint)).toBe(1);
  });

  it('retires when a command of another build reaches it, and the command starts one of its own', async () => {
    const home = await newHome();
    briefwright(home, ['templates']);
    const old = await started(home);
    expect(await ask(old, { build: 'another build', status: true })).toEqual([{ stale: true }]);
    await until('the old process to quit', () => !isRunning(old.pid));
    expect(readEndpoint(home)).toBeUndefined();
    expect(briefwright(home, ['templates']).code).toBe(0);
    const fresh = await started(home, old.pid);
    expect(fresh.token).not.toBe(old.token);
  });

  it('quits after the idle time and clears its endpoint file', async () => {
    const home = await newHome();
    briefwright(home, ['templates'], { idle: 1 });
    const endpoint = await started(home);
    await until('the idle process to quit', () => !isRunning(endpoint.pid));
    expect(readEndpoint(home)).toBeUndefined();
  });

  it('when the process named in the endpoint file is gone, the command runs itself and starts a new one', async () => {
    const home = await newHome();
    briefwright(home, ['templates']);
    const gone = await started(home);
    process.kill(gone.pid, 'SIGKILL');
    await until('the process to die', () => !isRunning(gone.pid));
    const out = join(dir, 'after-crash.md');
    const run = briefwright(home, brief(out));
    expect(run.code).toBe(0);
    expect(await readFile(out, 'utf8')).toContain('2,388 trains');
    await started(home, gone.pid);
  });

  it('writes no paper for a command whose user stopped it (Ctrl-C closes the connection) before the paper was written', async () => {
    const home = await newHome();
    briefwright(home, ['templates']);
    const endpoint = await started(home);
    // What a client stopped with Ctrl-C leaves on the wire: its request, then the connection closed.
    const out = join(dir, 'stopped.md');
    const request = { token: endpoint.token, build: buildOf(server), run: { argv: brief(out), cwd: dir } };
    await new Promise<void>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: endpoint.port }, () => socket.end(`${JSON.stringify(request)}\n`, () => socket.destroy()));
      socket.on('error', reject).on('close', () => resolve());
    });
    await until('the stopped command to end', async () => (await served(endpoint)) === 1);
    await expect(stat(out)).rejects.toMatchObject({ code: 'ENOENT' });
    // The same command, not stopped, writes it.
    expect(briefwright(home, brief(out)).code).toBe(0);
    expect(await readFile(out, 'utf8')).toContain('2,388 trains');
  });
});
