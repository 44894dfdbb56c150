// The web host under load: while one page's preview of a ~100-page paper is being made, how fast
// the host answers everything else — the same page's fact list and settings, another page's
// one-page preview — and how fast a page's newer preview replaces its older one. Papers made on
// worker threads (how the hosts make them now) side by side with papers made on the host's own
// thread (how they were made before), over HTTP as the page calls. The host runs on a thread of
// its own, as it does in its own process: the calls are made from this one, which a paper made on
// the host's thread cannot hold up. Target: every unrelated call answers in under 200 ms while
// the long paper is being made.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { inProcessRunner, workerRunner, type PaperRunner } from '../src/app/paper-runner';
import { loadPaperState, type PaperSetup, type PaperState } from '../src/app/papers';
import { startWebHost, PAPER_WORKER } from '../src/web/server';
import { writeStressFolder } from './generate-workspace';
import { ms, verdict, writeResults, type Cell } from './report';

const TARGET = 200;
const ROUNDS = 5;
const SHORT = { request: { template: 'pre-visit-brief', topics: ['trade'], from: '2018', to: '2019' } };

interface HostData {
  mode: 'workers' | 'host-thread';
  home: string;
  stress: string;
  renderer: string;
}

interface Host {
  port: number;
  token: string;
  stop(): Promise<void>;
}

interface Answer {
  ms: number;
  superseded: boolean;
  pages?: number;
}

interface Figures {
  longAlone: number[];
  longPages: number;
  unrelated: number[];
  otherPreview: number[];
  replaced: number[];
  supersededAnswer: number[];
}

/** The way papers were made before: on the host's thread, against a workspace loaded once. */
function onHostThread(): PaperRunner {
  let loaded: { generation: number; state: Promise<PaperState> } | undefined;
  return inProcessRunner((setup: PaperSetup) => {
    if (loaded?.generation !== setup.generation) loaded = { generation: setup.generation, state: loadPaperState(setup) };
    return loaded.state;
  });
}

/** The host's thread: starts the web host, says where it listens, and stops when told. */
async function serve(data: HostData): Promise<void> {
  const runner = data.mode === 'workers' ? workerRunner({ entry: PAPER_WORKER }) : onHostThread();
  const host = await startWebHost({ port: 0, userFolder: data.home, rendererDir: data.renderer, extraFolders: [data.stress], runner });
  parentPort!.postMessage({ port: host.port, token: host.token });
  parentPort!.once('message', () => void host.close().then(() => process.exit(0)));
}

async function startHost(data: HostData): Promise<Host> {
  const thread = new Worker(fileURLToPath(import.meta.url), { workerData: data });
  const { port, token } = await new Promise<{ port: number; token: string }>((resolve, reject) => {
    thread.once('message', resolve);
    thread.once('error', reject);
  });
  return {
    port,
    token,
    stop: async () => {
      const exited = new Promise((resolve) => thread.once('exit', resolve));
      thread.postMessage('stop');
      await exited;
    },
  };
}

async function call(host: Host, channel: string, payload: unknown, page: string): Promise<Answer> {
  const start = performance.now();
  const response = await fetch(`http://127.0.0.1:${host.port}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}`, 'X-Briefwright-Page': page },
    body: JSON.stringify(payload),
  });
  const body = (await response.json()) as { ok: boolean; superseded?: boolean; result?: { pageCount?: number } };
  if (!body.ok && !body.superseded) throw new Error(`${channel} failed: ${JSON.stringify(body).slice(0, 300)}`);
  return { ms: performance.now() - start, superseded: body.superseded === true, ...(body.result?.pageCount ? { pages: body.result.pageCount } : {}) };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const slowest = (values: number[]) => (values.length ? Math.max(...values) : NaN);
const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

async function measure(data: HostData, long: unknown): Promise<Figures> {
  const host = await startHost(data);
  const figures: Figures = { longAlone: [], longPages: 0, unrelated: [], otherPreview: [], replaced: [], supersededAnswer: [] };
  const calls: [string, unknown][] = [
    ['listTopics', {}],
    ['queryFacts', { topics: ['trade'], limit: 50 }],
    ['getSettings', {}],
    ['listTemplates', {}],
  ];
  try {
    // Warm: the workspace loaded everywhere, fonts and templates compiled.
    await call(host, 'listTopics', {}, 'warm');
    await call(host, 'preview', SHORT, 'warm');
    await call(host, 'preview', long, 'warm');
    for (let round = 0; round < ROUNDS; round++) {
      const alone = await call(host, 'preview', long, 'page-a');
      figures.longAlone.push(alone.ms);
      figures.longPages = alone.pages ?? 0;

      // The same page's other calls, one after another, for as long as its long preview runs.
      // Every call asked before the paper was finished counts, however long it waited.
      let done = false;
      const making = call(host, 'preview', long, 'page-a').finally(() => (done = true));
      await pause(100);
      for (let i = 0; !done; i++) {
        const [channel, payload] = calls[i % calls.length]!;
        figures.unrelated.push((await call(host, channel, payload, 'page-a')).ms);
      }
      await making;

      // Another page's one-page preview while the long one is made.
      const again = call(host, 'preview', long, 'page-a');
      await pause(100);
      figures.otherPreview.push((await call(host, 'preview', SHORT, 'page-b')).ms);
      await again;

      // The same page changes its mind: its newer preview replaces the long one.
      const older = call(host, 'preview', long, 'page-a');
      await pause(300);
      const asked = performance.now();
      const newer = call(host, 'preview', SHORT, 'page-a');
      if ((await older).superseded) figures.supersededAnswer.push(performance.now() - asked);
      figures.replaced.push((await newer).ms);
      // A fresh worker took the stopped one's place: let it load before the next round.
      await pause(2_000);
    }
  } finally {
    await host.stop();
  }
  return figures;
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'briefwright-bench-load-'));
  const home = join(work, 'home');
  const stress = join(work, 'stress');
  await mkdir(home);
  const topics = await writeStressFolder(stress);
  const long = { request: { template: 'bench-stress', topics: topics } };
  const folders = { home, stress, renderer: join(work, 'no-renderer') };
  const now = await measure({ mode: 'workers', ...folders }, long);
  const before = await measure({ mode: 'host-thread', ...folders }, long);
  await rm(work, { recursive: true, force: true });

  const rows: Cell[][] = [
    ['the ~100-page preview on its own (median)', ms(median(now.longAlone)), ms(median(before.longAlone)), '—', ''],
    [
      'the same page’s other calls meanwhile (fact list, topics, settings, templates): median / slowest',
      `${ms(median(now.unrelated))} / ${ms(slowest(now.unrelated))} (${now.unrelated.length} calls)`,
      `${ms(median(before.unrelated))} / ${ms(slowest(before.unrelated))} (${before.unrelated.length} calls)`,
      `${TARGET} ms`,
      verdict(slowest(now.unrelated), TARGET),
    ],
    ['another page’s one-page preview meanwhile (median)', ms(median(now.otherPreview)), ms(median(before.otherPreview)), '—', ''],
    ['the same page’s newer one-page preview, asked while its long one is made (median)', ms(median(now.replaced)), ms(median(before.replaced)), '—', ''],
    [
      'the long one’s answer, counted from when the newer one was asked (median)',
      now.supersededAnswer.length ? `${ms(median(now.supersededAnswer))} (stopped: "replaced")` : '—',
      before.supersededAnswer.length ? ms(median(before.supersededAnswer)) : 'never stopped: made to the end',
      '—',
      '',
    ],
  ];

  writeResults({
    name: 'load',
    title: 'The hosts under load: other calls while a ~100-page paper is made',
    description:
      'The web host, over HTTP as the page calls it, with the bundled workspace and 1,000 generated facts (bench/generate-workspace.ts, seed 7) and a template that prints every fact: ' +
      `a paper of ${now.longPages} pages. Papers made on worker threads (src/app/paper-runner.ts: how both hosts make them now) against papers made on the host's own thread (how they were made before). ` +
      `The host runs on a thread of its own and the calls come from another, as from a page. ${ROUNDS} rounds each, after a warm-up; the calls made while the long paper is made run one after another until it is finished.`,
    tables: [{ title: 'Answers while a ~100-page preview is made', columns: ['measure', 'worker threads (now)', "host's thread (before)", 'target', ''], rows }],
    notes: [
      '- Worker threads: one per core but the one the host answers on, at least two, at most four; each holds the workspace (loaded again when the user changes it) and makes a throwaway paper when it starts, so that its first real one is not slow.',
      "- On the host's thread, a call waits for the paper being made to be finished: its slowest answer is most of the paper's time.",
      "- A replaced preview is stopped where it has got to (its worker is ended, and a fresh one loads the workspace in its place); on the host's thread it could only be made to the end, and the newer one waited for it.",
      "- On its own, the long paper is slower on workers: stopping a replaced preview ends the worker that had made long papers, and the engine's code of the one that makes the next is not yet compiled for them (a worker's first long paper takes about twice as long as its later ones). The busiest idle worker is chosen first to keep this rare in use; here, every round ends by replacing a long preview.",
    ],
  });
}

if (isMainThread) await main();
else await serve(workerData as HostData);
