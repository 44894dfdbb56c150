// Offline (docs/architecture.md, "Safety and tests"): making a paper never opens a network
// connection or resolves a name. The real command runs with tripwires preloaded
// (tests/fixtures/network-tripwire.mjs) on every way JavaScript reaches the network, and, where
// strace is installed, under strace too, which sees the system calls of native code as well. The
// app's preview and export run in this process with the same tripwires. Control cases make an
// attempt on purpose and see it caught, so that a tripwire that had stopped working could not let
// these tests pass.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../../src/app/api';
import { ensureCliBuilt, runCli } from '../../fixtures/cli';
import { installTripwires } from '../../fixtures/network-tripwire.mjs';
import { readDocx } from '../../fixtures/read-docx';
import { readPdf, squash } from '../../fixtures/read-pdf';

const tripwire = new URL('../../fixtures/network-tripwire.mjs', import.meta.url).href;
const hasStrace = spawnSync('strace', ['-f', '-qq', '-o', '/dev/null', 'true']).status === 0;
let work: string;

/**
 * Network system calls in an strace log: any connect(), and any socket() but a netlink route
 * socket. That one is the kernel's own table of network interfaces, read on loading by
 * @resvg/resvg-js (detect-libc calls process.report.getReport(), which lists interfaces); it
 * sends nothing off the machine and resolves no name.
 */
function networkCalls(trace: string): string[] {
  return trace
    .split('\n')
    .filter((line) => /\b(socket|connect)\(/.test(line))
    .filter((line) => !/\bsocket\(AF_NETLINK, [^)]*NETLINK_ROUTE\)/.test(line));
}

interface Run {
  code: number | null;
  stderr: string;
  attempts: string[];
  syscalls?: string[];
}

/** `briefwright …args` with the tripwires preloaded (and under strace where there is one). */
async function generateOffline(name: string, args: string[], extraNode: string[] = []): Promise<Run> {
  const log = join(work, `${name}.attempts`);
  const trace = join(work, `${name}.strace`);
  await writeFile(log, '');
  const run = runCli(args, {
    node: ['--import', tripwire, ...extraNode],
    env: { BRIEFWRIGHT_HOME: join(work, 'home'), BRIEFWRIGHT_TRIPWIRE_LOG: log },
    ...(hasStrace ? { wrapper: ['strace', '-f', '-qq', '--seccomp-bpf', '-e', 'trace=socket,connect', '-o', trace] } : {}),
    timeout: 120_000,
  });
  const attempts = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
  return {
    code: run.status,
    stderr: run.stderr,
    attempts,
    ...(hasStrace ? { syscalls: networkCalls(await readFile(trace, 'utf8')) } : {}),
  };
}

/**
 * A template that names remote addresses every way Markdown can (a link, an autolink, a
 * reference, raw HTML with an image and a script): they stay text or link targets, never fetched.
 */
const REMOTE_TEMPLATE = `---
id: remote-refs
name: Remote references
---
# Remote references

See [the ministry](https://example.com/ministry), <https://example.com/auto> and [a reference][ref].

[ref]: http://example.org/reference

<img src="https://example.com/tracker.png"> <script src="https://example.com/x.js"></script>

{{#each (facts topic="trade" limit=3)}}
- {{fact this}}
{{/each}}

::sources
`;

beforeAll(async () => {
  ensureCliBuilt();
  work = await mkdtemp(join(tmpdir(), 'briefwright-offline-'));
  await mkdir(join(work, 'team', 'templates'), { recursive: true });
  await writeFile(join(work, 'team', 'templates', 'remote-refs.hbs'), REMOTE_TEMPLATE);
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('briefwright generate makes no network attempt', () => {
  const runs = new Map<string, Run>();
  const papers = [
    { format: 'pdf', args: ['--template', 'pre-visit-brief', '--topics', 'trade,transport,energy'] },
    { format: 'docx', args: ['--template', 'pre-visit-brief', '--topics', 'trade,transport,energy'] },
    { format: 'html', args: ['--template', 'sector-one-pager', '--topics', 'trade'] },
    { format: 'md', args: ['--template', 'chronology'] },
    { format: 'pdf', args: ['--template', 'remote-refs', '--workspace', 'TEAM'], name: 'remote-refs' },
  ];

  beforeAll(async () => {
    for (const paper of papers) {
      const name = paper.name ?? paper.format;
      const out = join(work, `${name}.${paper.format}`);
      const args = paper.args.map((a) => (a === 'TEAM' ? join(work, 'team') : a));
      runs.set(name, await generateOffline(name, ['generate', ...args, '--out', out]));
    }
  });

  it.each(papers.map((p) => [p.name ?? p.format]))('%s: the paper is written and no tripwire was touched', async (name) => {
    const run = runs.get(name)!;
    expect(run.stderr).not.toMatch(/network attempt/);
    expect(run.code).toBe(0);
    expect(run.attempts).toEqual([]);
    const format = papers.find((p) => (p.name ?? p.format) === name)!.format;
    const bytes = new Uint8Array(await readFile(join(work, `${name}.${format}`)));
    if (format === 'pdf') {
      const text = squash((await readPdf(bytes)).text);
      expect(text).toContain(name === 'remote-refs' ? 'the ministry' : 'Sources');
    }
    if (format === 'docx') expect((await readDocx(bytes)).text).toContain('Sources');
    if (format === 'html') expect(Buffer.from(bytes).toString('utf8')).toMatch(/^<!DOCTYPE html>/i);
    if (format === 'md') expect(Buffer.from(bytes).toString('utf8')).toContain('# Chronology');
  });

  it.skipIf(!hasStrace).each(papers.map((p) => [p.name ?? p.format]))(`%s: no system call opens a socket (strace)${hasStrace ? '' : ' (skipped: strace is not installed)'}`, (name) => {
    expect(runs.get(name)!.syscalls).toEqual([]);
  });
});

describe('the tripwires catch what they are there for (controls)', () => {
  it('an attempt made during a real generate is recorded and refused', async () => {
    // A second preload makes one request while the command runs, as a stray dependency would.
    const stray = `data:text/javascript,${encodeURIComponent("setTimeout(() => fetch('http://127.0.0.1:9/').catch(() => {}), 0);")}`;
    const run = await generateOffline('control-cli', ['generate', '--template', 'chronology', '--out', join(work, 'control.md')], ['--import', stray]);
    expect(run.code).toBe(0);
    expect(run.attempts).toEqual(['network attempt: fetch http://127.0.0.1:9/']);
  });

  it('every kind of attempt is caught in a process of its own: sockets, names, HTTP, UDP, fetch, tools, workers', async () => {
    const script = join(work, 'attempts.mjs');
    await writeFile(
      script,
      `import net from 'node:net';
import tls from 'node:tls';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import http2 from 'node:http2';
import dgram from 'node:dgram';
import { execFile, execFileSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { connect } from 'node:net';
const tries = {
  socket: () => new net.Socket().connect(9, '127.0.0.1'),
  'net.connect': () => connect(9, '127.0.0.1'),
  tls: () => tls.connect(443, 'example.com'),
  lookup: () => dns.promises.lookup('example.com'),
  resolve: () => new dns.Resolver().resolve4('example.com', () => {}),
  http: () => http.get('http://example.com/'),
  https: () => https.request('https://example.com/'),
  http2: () => http2.connect('https://example.com'),
  udp: () => dgram.createSocket('udp4'),
  fetch: () => fetch('https://example.com/'),
  curl: () => execFileSync('curl', ['https://example.com/']),
  shell: () => new Promise((resolve, reject) => execFile('sh', ['-c', 'wget https://example.com/'], (e) => (e ? reject(e) : resolve()))),
  worker: () => new Promise((resolve, reject) => {
    const w = new Worker("require('node:net').connect(9, '127.0.0.1')", { eval: true });
    w.on('error', reject);
    w.on('exit', resolve);
  }),
};
const caught = [];
for (const [name, attempt] of Object.entries(tries)) {
  try {
    await attempt();
  } catch (error) {
    if (error.code === 'EBRIEFWRIGHTOFFLINE') caught.push(name);
  }
}
process.stdout.write(caught.join(','));
`,
    );
    const log = join(work, 'control-kinds.attempts');
    await writeFile(log, '');
    const run = spawnSync(process.execPath, ['--import', tripwire, script], { encoding: 'utf8', env: { ...process.env, BRIEFWRIGHT_TRIPWIRE_LOG: log }, timeout: 30_000 });
    expect(run.stdout.split(',')).toEqual(['socket', 'net.connect', 'tls', 'lookup', 'resolve', 'http', 'https', 'http2', 'udp', 'fetch', 'curl', 'shell', 'worker']);
    const lines = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
    expect(lines).toHaveLength(13);
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/dns\.promises\.lookup example\.com/), expect.stringMatching(/curl https:\/\/example\.com/)]));
  });

  it.skipIf(!hasStrace)(`strace sees a connection that bypasses the JavaScript tripwires${hasStrace ? '' : ' (skipped: strace is not installed)'}`, () => {
    const trace = join(work, 'control.strace');
    const run = spawnSync('strace', ['-f', '-qq', '--seccomp-bpf', '-e', 'trace=socket,connect', '-o', trace, process.execPath, '-e', "require('node:net').connect(9, '127.0.0.1').on('error', () => {})"], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(0);
    const calls = networkCalls(spawnSync('cat', [trace], { encoding: 'utf8' }).stdout);
    expect(calls.some((c) => /socket\(AF_INET,/.test(c))).toBe(true);
    expect(calls.some((c) => /connect\(.*127\.0\.0\.1/.test(c))).toBe(true);
  });
});

describe("the app's preview and export make no network attempt", () => {
  const attempts: string[] = [];
  let uninstall: () => void = () => undefined;
  let folder: string;
  const request = { template: 'pre-visit-brief', topics: ['trade', 'transport'], from: '2018', to: '2019' };

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'briefwright-offline-api-'));
    uninstall = installTripwires((line) => attempts.push(line));
  });
  afterAll(async () => {
    uninstall();
    await rm(folder, { recursive: true, force: true });
  });

  it('preview, then export to PDF, DOCX, HTML and Markdown: every file written, no attempt', async () => {
    let target = '';
    const api = createApi({ userFolder: join(folder, 'home'), chooseSavePath: async () => target, logError: () => undefined });
    const preview = await api.handle('preview', { request });
    expect(preview.ok).toBe(true);
    for (const format of ['pdf', 'docx', 'html', 'md'] as const) {
      target = join(folder, `brief.${format}`);
      const result = await api.handle('export', { request, format });
      expect(result).toEqual({ ok: true, result: { status: 'saved', path: target, lastExport: expect.objectContaining({ format }) } });
    }
    expect(squash((await readPdf(new Uint8Array(await readFile(join(folder, 'brief.pdf'))))).text)).toContain('19.885 billion');
    expect(attempts).toEqual([]);
  });

  it('control: with the same tripwires, a request and a name lookup are recorded and refused', async () => {
    const before = attempts.length;
    await expect(fetch('http://127.0.0.1:9/')).rejects.toMatchObject({ code: 'EBRIEFWRIGHTOFFLINE' });
    const { lookup } = await import('node:dns/promises');
    await expect(lookup('example.com')).rejects.toMatchObject({ code: 'EBRIEFWRIGHTOFFLINE' });
    expect(attempts.slice(before)).toEqual(['network attempt: fetch http://127.0.0.1:9/', 'network attempt: dns.promises.lookup example.com']);
  });
});
