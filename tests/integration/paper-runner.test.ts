// Papers made on worker threads (src/app/paper-runner.ts), as both hosts make them: a paper of
// about 100 pages is running while other calls are answered; a page's newer preview stops its
// older one (and only its own); a paper the caller abandons, or that runs past the time or memory
// budget, is stopped with a sentence saying why, and the next paper is made as before; a worker
// loads the workspace again after the user changes it. Orders of events are asserted, never
// durations: the machine's speed decides none of these tests.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeStressFolder } from '../../bench/generate-workspace';
import { createApi, type Api } from '../../src/app/api';
import { inProcessRunner, workerRunner, type PaperRunner } from '../../src/app/paper-runner';
import { loadPaperState, type PaperJob, type PaperSettings, type PaperSetup } from '../../src/app/papers';
import { PAPER_WORKER } from '../../src/web/server';

const SETTINGS: PaperSettings = { now: '2026-11-22T10:00:00.000Z', author: '', organisation: '', marking: 'OFFICIAL', locale: 'en-GB' };
let work: string;
let home: string;
let stress: string;
let stressTopics: string[];
let setup: PaperSetup;

/** The ~100-page paper of the benchmarks: the bundled workspace and 1,000 generated facts, every fact printed. */
const longPaper = (): PaperJob => ({ kind: 'preview', request: { template: 'bench-stress', topics: stressTopics }, settings: SETTINGS });
const shortPaper = (): PaperJob => ({ kind: 'preview', request: { template: 'pre-visit-brief', topics: ['trade'], from: '2018', to: '2019' }, settings: SETTINGS });

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'briefwright-runner-'));
  home = join(work, 'home');
  stress = join(work, 'stress');
  await mkdir(home);
  stressTopics = await writeStressFolder(stress);
  setup = { userFolder: home, extraFolders: [stress], generation: 0 };
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('the worker pool', () => {
  let runner: PaperRunner;
  beforeAll(() => {
    runner = workerRunner({ entry: PAPER_WORKER, size: 2 });
    runner.warm(setup);
  });
  afterAll(() => runner.close());

  it('makes the same paper as the host thread would', async () => {
    const [inWorker, inProcess] = await Promise.all([
      runner.run(setup, shortPaper()),
      inProcessRunner(loadPaperState).run(setup, shortPaper()),
    ]);
    expect(inWorker.ok && inProcess.ok).toBe(true);
    if (!inWorker.ok || !inProcess.ok) return;
    const [a, b] = [inWorker.result, inProcess.result] as { pageCount: number; title: string; problems: unknown[]; pdf: Uint8Array }[];
    expect(a!.pageCount).toBe(b!.pageCount);
    expect(a!.title).toBe(b!.title);
    expect(a!.problems).toEqual(b!.problems);
    expect(a!.pdf.byteLength).toBeGreaterThan(10_000);
  });

  it('a page’s newer preview stops its older one; another page’s preview is left to finish', async () => {
    const order: string[] = [];
    const older = runner.run(setup, longPaper(), { lane: 'page-a' }).then((o) => (order.push('older'), o));
    const otherPage = runner.run(setup, shortPaper(), { lane: 'page-b' }).then((o) => (order.push('other page'), o));
    const newer = runner.run(setup, shortPaper(), { lane: 'page-a' }).then((o) => (order.push('newer'), o));
    const [o, other, n] = await Promise.all([older, otherPage, newer]);
    expect(o).toMatchObject({ ok: false, stopped: 'superseded', problems: [{ message: 'this preview was replaced by a newer one before it was finished' }] });
    expect(other.ok).toBe(true);
    expect(n.ok).toBe(true);
    // The older was stopped as soon as the newer came, not made to the end first.
    expect(order[0]).toBe('older');
  });

  it('a paper its caller abandons is stopped, and the pool goes on making papers', async () => {
    const abandon = new AbortController();
    const running = runner.run(setup, longPaper(), { signal: abandon.signal });
    setTimeout(() => abandon.abort(), 50);
    expect(await running).toMatchObject({ ok: false, stopped: 'abandoned', problems: [{ message: 'the request was abandoned before the paper was finished' }] });
    expect((await runner.run(setup, shortPaper())).ok).toBe(true);
  });

  it('a paper past its time budget is stopped with a sentence that says how to go on', async () => {
    const outcome = await runner.run(setup, longPaper(), { timeLimitMs: 100 });
    expect(outcome).toMatchObject({ ok: false, stopped: 'time' });
    expect(!outcome.ok && outcome.problems[0]!.message).toBe(
      'the paper took longer than the time budget of 0.1 seconds and was stopped: choose fewer topics, a shorter range or leave facts out, or raise the time budget in Settings',
    );
    expect((await runner.run(setup, shortPaper(), { timeLimitMs: 600_000 })).ok).toBe(true);
  });

  it('a paper that needs more memory than a worker may have is stopped, and the app goes on', async () => {
    const small = workerRunner({ entry: PAPER_WORKER, size: 1, memoryMb: 48 });
    try {
      const outcome = await small.run(setup, longPaper());
      expect(outcome).toMatchObject({ ok: false, stopped: 'memory' });
      expect(!outcome.ok && outcome.problems[0]!.message).toMatch(/^the paper needed more memory than one paper may use \(48 MB\) and was stopped: choose fewer topics/);
    } finally {
      await small.close();
    }
    expect((await runner.run(setup, shortPaper())).ok).toBe(true);
  });

  it('a template error comes back as the user’s problem, with its line', async () => {
    const outcome = await runner.run(setup, { kind: 'preview', request: { template: 'pre-visit-brief' }, templateText: '---\nid: pre-visit-brief\nname: Broken\n---\n# {{#each}}\n', settings: SETTINGS });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.fault).toBeUndefined();
    expect(!outcome.ok && outcome.problems[0]).toMatchObject({ severity: 'error', line: expect.any(Number) });
  });

  it('closing the pool stops what it is making', async () => {
    const closing = workerRunner({ entry: PAPER_WORKER, size: 1 });
    const running = closing.run(setup, longPaper());
    const queued = closing.run(setup, shortPaper());
    await closing.close();
    expect(await running).toMatchObject({ ok: false, stopped: 'abandoned' });
    expect(await queued).toMatchObject({ ok: false, stopped: 'abandoned' });
  });
});

describe('the API with papers made on workers', () => {
  let api: Api;
  beforeAll(() => {
    api = createApi({ userFolder: home, extraFolders: [stress], now: () => new Date(SETTINGS.now), logError: () => undefined, runner: workerRunner({ entry: PAPER_WORKER, size: 2 }) });
  });
  afterAll(() => api.close());

  it('answers other calls while a ~100-page preview is being made', async () => {
    const order: string[] = [];
    const preview = api.handle('preview', { request: { template: 'bench-stress', topics: stressTopics } }, { client: 'a' }).then((r) => (order.push('preview'), r));
    // Let the preview reach its worker before asking the rest.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const others = Promise.all([api.handle('listTopics', {}), api.handle('queryFacts', { topics: ['trade'], limit: 5 }), api.handle('getSettings', {})]).then((r) => (order.push('others'), r));
    const [answer, rest] = await Promise.all([preview, others]);
    expect(rest.every((r) => r.ok)).toBe(true);
    expect(answer.ok).toBe(true);
    if (answer.ok) expect(answer.result.pageCount).toBeGreaterThan(60);
    expect(order).toEqual(['others', 'preview']);
  });

  it('a superseded preview answers `superseded`, so the page drops it without showing a problem', async () => {
    const older = api.handle('preview', { request: { template: 'bench-stress', topics: stressTopics } }, { client: 'b' });
    const newer = api.handle('preview', { request: { template: 'pre-visit-brief', topics: ['trade'] } }, { client: 'b' });
    expect(await older).toMatchObject({ ok: false, superseded: true });
    expect((await newer).ok).toBe(true);
  });

  it('a saved template reaches the workers: the next preview is made from it, and saving reports its trial run', async () => {
    const text = '---\nid: note-to-file\nname: Note to file\n---\n# A note to file\n\nFirst version.\n';
    expect((await api.handle('saveTemplate', { id: 'note-to-file', text })).ok).toBe(true);
    const first = await api.handle('preview', { request: { template: 'note-to-file' } });
    expect(first.ok && first.result.title).toBe('A note to file');
    const saved = await api.handle('saveTemplate', { id: 'note-to-file', text: text.replace('# A note to file', '# A revised note') });
    expect(saved.ok).toBe(true);
    const second = await api.handle('preview', { request: { template: 'note-to-file' } });
    expect(second.ok && second.result.title).toBe('A revised note');
    // Line 9 never closes its expression: the trial run, made on a worker, says where.
    const broken = await api.handle('saveTemplate', { id: 'note-to-file', text: `${text}\nSome text {{template.name}\n` });
    expect(broken.ok && broken.result.problems).toEqual([expect.objectContaining({ severity: 'error', line: 9, message: expect.stringMatching(/^template syntax/) })]);
  });

  it('the time budget in the settings is the limit each paper is made within (60 seconds unless set)', async () => {
    const limits: (number | undefined)[] = [];
    const pool = workerRunner({ entry: PAPER_WORKER, size: 1 });
    const watched: PaperRunner = { ...pool, run: (s, job, control) => (limits.push(control?.timeLimitMs), pool.run(s, job, control)) };
    const timed = createApi({ userFolder: home, now: () => new Date(SETTINGS.now), logError: () => undefined, runner: watched });
    try {
      expect((await timed.handle('preview', { request: { template: 'pre-visit-brief' } })).ok).toBe(true);
      const current = await timed.handle('getSettings', {});
      if (!current.ok) throw new Error('no settings');
      const { userFolder: _folder, problems: _problems, ...settings } = current.result;
      expect((await timed.handle('saveSettings', { ...settings, timeBudget: 5 })).ok).toBe(true);
      expect((await timed.handle('export', { request: { template: 'pre-visit-brief' }, format: 'md' })).ok).toBe(true);
      expect(await timed.handle('saveSettings', { ...settings, timeBudget: 0 })).toMatchObject({ ok: false, problems: [{ message: '"timeBudget" must be at least 1 (got 0)' }] });
      expect((await timed.handle('saveSettings', settings)).ok).toBe(true);
    } finally {
      await timed.close();
    }
    expect(limits).toEqual([60_000, 5_000]);
  });
});
