// No loss (docs/architecture.md, "Safety and tests"): an export that fails or is killed at any step
// leaves the file that was there before exactly as it was, and no half-written file; exports racing
// to the same file end with one of them whole. The app's export runs in this process with faults
// injected; the command runs in child processes that a preload kills at a chosen step (SIGKILL:
// nothing can clean up after it) or holds until all of them write at once.
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, open, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApi, type Api } from '../../../src/app/api';
import { writeFileAtomic, writeFileAtomicSync } from '../../../src/platform/atomic-write';
import { ensureCliBuilt, runCli, startCli } from '../../fixtures/cli';
import { readPdf, squash } from '../../fixtures/read-pdf';

// The PDF writer, able to fail once it has done its work (as a writer that throws late would).
const writer = vi.hoisted(() => ({ fail: false }));
vi.mock('../../../src/core/writers/pdf', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/core/writers/pdf')>();
  return {
    ...real,
    renderPdf: async (...args: Parameters<typeof real.renderPdf>) => {
      const bytes = await real.renderPdf(...args);
      if (writer.fail) throw new Error('the PDF writer failed');
      return bytes;
    },
  };
});

const NOW = new Date('2026-11-22T10:00:00Z');
const fixture = (name: string) => new URL(`../../fixtures/${name}`, import.meta.url).href;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const request = (topic: string) => ({ template: 'pre-visit-brief', topics: [topic] });
/** One-topic pre-visit briefs: eight different papers. */
const TOPICS = ['trade', 'transport', 'energy', 'agriculture', 'finance', 'industry', 'science', 'diplomacy'];

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'briefwright-faults-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});
afterEach(() => {
  writer.fail = false;
  vi.restoreAllMocks();
});

/** A fresh folder holding only `brief.pdf`: a real paper (the chronology), the user's previous export. */
async function folderWithPreviousExport(name: string): Promise<{ folder: string; target: string; previous: Buffer }> {
  const folder = join(work, name);
  await mkdir(folder, { recursive: true });
  const target = join(folder, 'brief.pdf');
  const api = createApi({ userFolder: join(work, 'home'), now: () => NOW, chooseSavePath: async () => target, logError: () => undefined });
  expect(await api.handle('export', { request: { template: 'chronology' }, format: 'pdf' })).toMatchObject({ ok: true });
  return { folder, target, previous: await readFile(target) };
}

/** The previous export is byte for byte what it was, and still reads as the chronology it was. */
async function expectPreviousIntact(target: string, previous: Buffer): Promise<void> {
  const now = await readFile(target);
  expect(sha256(now)).toBe(sha256(previous));
  expect(squash((await readPdf(new Uint8Array(now))).text)).toMatch(/^Chronology/);
}

const temporaries = async (folder: string) => (await readdir(folder)).filter((f) => f.endsWith('.partial'));

describe("the app's export, failing part-way", () => {
  let api: Api;
  let target: string;
  let folder: string;
  let previous: Buffer;
  const logged: unknown[] = [];

  beforeAll(async () => {
    ({ folder, target, previous } = await folderWithPreviousExport('in-process'));
    api = createApi({ userFolder: join(work, 'home'), now: () => NOW, chooseSavePath: async () => target, logError: (e) => logged.push(e) });
  });

  it('the writer throws: the export is refused, the previous file is unchanged and no temporary file is left', async () => {
    writer.fail = true;
    const result = await api.handle('export', { request: request('trade'), format: 'pdf' });
    expect(result.ok).toBe(false);
    expect(logged).toEqual([expect.objectContaining({ message: 'the PDF writer failed' })]);
    await expectPreviousIntact(target, previous);
    expect(await temporaries(folder)).toEqual([]);
  });

  it('the disk fills up half-way through the file: the user is told, the previous file is unchanged, no temporary file is left', async () => {
    const probe = await open(target, 'r');
    const FileHandle = Object.getPrototypeOf(probe) as { writeFile: (this: Awaited<ReturnType<typeof open>>, data: Uint8Array) => Promise<void> };
    await probe.close();
    const realWriteFile = FileHandle.writeFile;
    let halfWritten = 0;
    vi.spyOn(FileHandle, 'writeFile').mockImplementation(async function (this: Awaited<ReturnType<typeof open>>, data: Uint8Array) {
      halfWritten = Math.floor(data.byteLength / 2);
      await realWriteFile.call(this, data.subarray(0, halfWritten));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
    });
    const result = await api.handle('export', { request: request('trade'), format: 'pdf' });
    expect(halfWritten).toBeGreaterThan(0);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.message).toBe(`cannot write "${target}": the disk is full`);
    await expectPreviousIntact(target, previous);
    expect(await temporaries(folder)).toEqual([]);
  });
});

describe('the command, killed at each step of writing the file', () => {
  const FROZEN = { BRIEFWRIGHT_FROZEN_TIME: NOW.toISOString() };
  const home = () => ({ BRIEFWRIGHT_HOME: join(work, 'cli-home') });
  const generate = (target: string, env: NodeJS.ProcessEnv = {}, node: string[] = []) =>
    runCli(['generate', '--template', 'pre-visit-brief', '--topics', 'trade,transport', '--out', target], {
      node: ['--import', fixture('frozen-clock.mjs'), ...node],
      env: { ...home(), ...FROZEN, ...env },
    });

  beforeAll(() => ensureCliBuilt());

  it.each(['opened', 'mid-write', 'synced', 'before-rename'])(
    'killed when the temporary file is %s: the previous file is intact; the next export clears the leftover and writes the whole file',
    async (step) => {
      const { folder, target, previous } = await folderWithPreviousExport(`killed-${step}`);

      const killed = generate(target, { BRIEFWRIGHT_KILL_AT: step }, ['--import', fixture('kill-during-write.mjs')]);
      expect(killed.signal).toBe('SIGKILL');
      await expectPreviousIntact(target, previous);
      // The kill came where it was meant to: the leftover shows how far the write had got.
      const [leftover, ...more] = await temporaries(folder);
      expect(more).toEqual([]);
      expect(leftover).toMatch(/^\.brief\.pdf\..+\.partial$/);
      const partial = await readFile(join(folder, leftover!));

      const next = generate(target);
      expect(next.status).toBe(0);
      const written = await readFile(target);
      expect(squash((await readPdf(new Uint8Array(written))).text)).toContain('Visit of the Foreign Minister to Astana');
      expect(await readdir(folder)).toEqual(['brief.pdf']);

      // Same request, same (frozen) clock: the killed run was writing these very bytes.
      if (step === 'opened') expect(partial.length).toBe(0);
      if (step === 'mid-write') expect(sha256(partial)).toBe(sha256(written.subarray(0, Math.floor(written.length / 2))));
      if (step === 'synced' || step === 'before-rename') expect(sha256(partial)).toBe(sha256(written));
    },
    60_000,
  );
});

describe('leftovers are cleared only when no writer owns them', () => {
  it('the next write removes temporary files of ended processes and abandoned ones, and keeps those of live writers and of other files', async () => {
    const folder = join(work, 'sweep');
    await mkdir(folder, { recursive: true });
    const target = join(folder, 'brief.pdf');
    // A process id that is surely not running: a child that has exited.
    const ended = runCli(['--help'], { env: {} }).pid!;
    const host = await hostTag();
    const names = {
      endedProcess: `.brief.pdf.${ended}-${host}-0badc0de.partial`,
      liveProcess: `.brief.pdf.${process.ppid}-${host}-00c0ffee.partial`,
      otherMachine: `.brief.pdf.${ended}-abcdef-12345678.partial`,
      otherMachineOld: `.brief.pdf.${ended}-abcdef-87654321.partial`,
      olderVersionOld: '.brief.pdf.0123456789ab.partial',
      otherFile: `.notes.pdf.${ended}-${host}-0badc0de.partial`,
    };
    for (const name of Object.values(names)) await writeFile(join(folder, name), 'leftover');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    for (const name of [names.otherMachineOld, names.olderVersionOld]) await utimes(join(folder, name), twoDaysAgo, twoDaysAgo);

    await writeFileAtomic(target, new TextEncoder().encode('the new brief'));
    expect(await readFile(target, 'utf8')).toBe('the new brief');
    expect((await readdir(folder)).sort()).toEqual(['brief.pdf', names.liveProcess, names.otherFile, names.otherMachine].sort());
  });

  it('the synchronous write (the last one before the app quits) clears them too', async () => {
    const folder = join(work, 'sweep-sync');
    await mkdir(folder, { recursive: true });
    const target = join(folder, 'window.json');
    const ended = runCli(['--help'], { env: {} }).pid!;
    const host = await hostTag();
    await writeFile(join(folder, `.window.json.${ended}-${host}-0badc0de.partial`), '{"wid');
    writeFileAtomicSync(target, new TextEncoder().encode('{"width":800}'));
    expect(await readdir(folder)).toEqual(['window.json']);
    expect(await readFile(target, 'utf8')).toBe('{"width":800}');
  });

  it('an error while writing names the file the user asked for, not the temporary file', async () => {
    const folder = join(work, 'read-only');
    await mkdir(folder, { recursive: true });
    const target = join(folder, 'missing-folder', 'brief.pdf');
    const error = await writeFileAtomic(target, new Uint8Array([1])).catch((e: NodeJS.ErrnoException) => e);
    expect(error).toMatchObject({ code: 'ENOENT', path: target });
    expect((error as Error).message).not.toContain('.partial');
  });
});

describe('names and permissions the user chose', () => {
  it('a legal name of 250 characters is written (its temporary file is named within the limit)', async () => {
    const folder = join(work, 'long-name');
    await mkdir(folder, { recursive: true });
    const target = join(folder, `${'Visit of the Minister to Astana, '.repeat(8).slice(0, 246)}.pdf`);
    await writeFileAtomic(target, new TextEncoder().encode('the brief'));
    expect(await readFile(target, 'utf8')).toBe('the brief');
    expect(await temporaries(folder)).toEqual([]);
  });

  it('a file the user made read-only is not replaced, and the API says why', async () => {
    const { folder, target, previous } = await folderWithPreviousExport('read-only-file');
    await chmod(target, 0o444);
    const api = createApi({ userFolder: join(work, 'home'), now: () => NOW, chooseSavePath: async () => target, logError: () => undefined });
    const answer = await api.handle('export', { request: request('trade'), format: 'pdf' });
    expect(answer).toMatchObject({ ok: false });
    expect(JSON.stringify(answer)).toContain('the file is read-only');
    await expectPreviousIntact(target, previous);
    expect(await temporaries(folder)).toEqual([]);
  });
});

/** This machine's tag in temporary names, as this process writes them. */
async function hostTag(): Promise<string> {
  const folder = await mkdtemp(join(work, 'probe-'));
  const name = await writeProbe(folder, join(folder, 'brief.pdf'));
  return name.split('.')[3]!.split('-')[1]!;
}

/** The name this process gives a temporary file of `target` (seen while the write is under way). */
async function writeProbe(folder: string, target: string): Promise<string> {
  const probe = await open(target, 'w');
  await probe.close();
  let seen = '';
  const spy = vi.spyOn(Object.getPrototypeOf(probe) as { sync: () => Promise<void> }, 'sync').mockImplementation(async function () {
    // The file's sync (the folder's, after the rename, finds none).
    seen ||= (await readdir(folder)).find((f) => f.endsWith('.partial')) ?? '';
  });
  await writeFileAtomic(target, new Uint8Array([1]));
  spy.mockRestore();
  expect(seen).toMatch(new RegExp(`^\\.brief\\.pdf\\.${process.pid}-[0-9a-f]{6}-[0-9a-f]{8}\\.partial$`));
  return seen;
}

describe('exports racing to the same file', () => {
  it('eight exports at once from the app: the file is exactly one of the eight papers, and nothing else is left', async () => {
    const folder = join(work, 'race-in-process');
    await mkdir(folder, { recursive: true });
    const target = join(folder, 'brief.pdf');
    const saving = createApi({ userFolder: join(work, 'home'), now: () => NOW, chooseSavePath: async () => target, logError: () => undefined });
    const downloading = createApi({ userFolder: join(work, 'home'), now: () => NOW, logError: () => undefined });
    const expected = new Set<string>();
    for (const topic of TOPICS) {
      const download = await downloading.handle('export', { request: request(topic), format: 'pdf' });
      if (!download.ok || download.result.status !== 'download') throw new Error(`download of ${topic} failed`);
      expected.add(sha256(Buffer.from(download.result.data, 'base64')));
    }
    expect(expected.size).toBe(TOPICS.length);

    const results = await Promise.all(TOPICS.map((topic) => saving.handle('export', { request: request(topic), format: 'pdf' })));
    expect(results.every((r) => r.ok && r.result.status === 'saved')).toBe(true);
    expect(expected.has(sha256(await readFile(target)))).toBe(true);
    expect(await readdir(folder)).toEqual(['brief.pdf']);
  });

  it('eight `briefwright generate` processes writing at the same moment: one whole paper, nothing else left', async () => {
    ensureCliBuilt();
    const folder = join(work, 'race-cli');
    const arrivals = join(work, 'race-cli-arrivals');
    for (const dir of [folder, arrivals]) await mkdir(dir, { recursive: true });
    const target = join(folder, 'brief.pdf');
    const env = {
      BRIEFWRIGHT_HOME: join(work, 'cli-home'),
      BRIEFWRIGHT_BARRIER_FOLDER: folder,
      BRIEFWRIGHT_BARRIER_DIR: arrivals,
      BRIEFWRIGHT_BARRIER_COUNT: String(TOPICS.length),
    };
    const runs = TOPICS.map((topic) =>
      startCli(['generate', '--template', 'pre-visit-brief', '--topics', topic, '--out', target], { node: ['--import', fixture('write-barrier.mjs')], env }),
    );
    const ends = await Promise.all(runs.map((r) => r.done));
    expect(ends.map((e) => e.code)).toEqual(TOPICS.map(() => 0));
    // All eight were held until the last arrived, then wrote; each kept a copy of its whole paper.
    const kept = (await readdir(arrivals)).filter((f) => f.endsWith('.bytes'));
    expect((await readdir(arrivals)).filter((f) => f.endsWith('.arrived'))).toHaveLength(TOPICS.length);
    const whole = new Set(await Promise.all(kept.map(async (f) => sha256(await readFile(join(arrivals, f))))));
    expect(whole.size).toBe(TOPICS.length);
    expect(whole.has(sha256(await readFile(target)))).toBe(true);
    expect(await readdir(folder)).toEqual(['brief.pdf']);
  });
});
