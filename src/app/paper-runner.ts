// Where papers are made. A host's thread answers every call of the app, so a paper that takes
// seconds must not be made on it: `workerRunner` makes papers on a small pool of worker threads,
// each with the workspace loaded, and can stop one midway: a preview replaced by a newer one from
// the same page, a request its caller abandoned, a paper over its time or memory budget. The
// stopped worker is replaced by a fresh one, which loads the workspace ahead of the next job.
// `inProcessRunner` makes papers on the caller's thread, for the CLI and the tests, which have
// nothing else to answer meanwhile; it cannot stop a paper once started.
import { availableParallelism } from 'node:os';
import { resolve as absolute } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Problem } from '../shared/api';
import { failedOutcome, runPaperJob, type PaperJob, type PaperOutcome, type PaperSetup, type PaperState } from './papers';
import { useNodeHost } from '../platform/core-host';

export interface RunControl {
  /** Jobs that share a lane replace one another: a newer one stops the older, queued or running (one page's previews). */
  lane?: string;
  /** The caller gave up (the page closed the request): the job is stopped. */
  signal?: AbortSignal;
  /** The time budget: a job running longer is stopped. */
  timeLimitMs?: number;
}

export interface PaperRunner {
  run<J extends PaperJob>(setup: PaperSetup, job: J, control?: RunControl): Promise<PaperOutcome<J['kind']>>;
  /** Loads the workspace ahead of the first job, so that it starts at once. */
  warm(setup: PaperSetup): void;
  close(): Promise<void>;
}

/** The most heap one paper may use before it is stopped; a 300-page paper needs about 600 MB. */
const PAPER_MEMORY_MB = 2048;

/** One worker per core but the one the host answers on; at least two, so an export never waits behind a preview. */
const defaultPoolSize = (): number => Math.min(4, Math.max(2, availableParallelism() - 1));

const stopProblem = (message: string, file = ''): Problem => ({ severity: 'error', file, message });

/** Why a job was stopped, in the user's words. */
export function stoppedOutcome(reason: 'superseded' | 'abandoned' | 'time' | 'memory', control: RunControl = {}, memoryMb = PAPER_MEMORY_MB): PaperOutcome & { ok: false } {
  const fewer = 'choose fewer topics, a shorter range or leave facts out';
  const message =
    reason === 'superseded'
      ? 'this preview was replaced by a newer one before it was finished'
      : reason === 'abandoned'
        ? 'the request was abandoned before the paper was finished'
        : reason === 'time'
          ? `the paper took longer than the time budget of ${formatSeconds(control.timeLimitMs ?? 0)} and was stopped: ${fewer}, or raise the time budget in Settings`
          : `the paper needed more memory than one paper may use (${memoryMb.toLocaleString('en')} MB) and was stopped: ${fewer}`;
  return { ok: false, problems: [stopProblem(message)], stopped: reason };
}

const formatSeconds = (ms: number): string => {
  const seconds = Math.round(ms / 100) / 10;
  return `${seconds.toLocaleString('en')} second${seconds === 1 ? '' : 's'}`;
};

/** Makes papers on the calling thread against the state it is given (the API's own loaded workspace). */
export function inProcessRunner(stateOf: (setup: PaperSetup) => Promise<PaperState>): PaperRunner {
  useNodeHost();
  return {
    async run(setup, job, control = {}) {
      if (control.signal?.aborted) return stoppedOutcome('abandoned');
      return runPaperJob(await stateOf(setup), job);
    },
    warm() {},
    async close() {},
  };
}

export interface WorkerRunnerOptions {
  /** The built worker entry (src/app/paper-worker.ts): out/web/paper-worker.mjs, out/main/paper-worker.js. */
  entry: string;
  /** Workers at most (`defaultPoolSize()`). */
  size?: number;
  /** Heap limit of each worker, in MB (`PAPER_MEMORY_MB`). */
  memoryMb?: number;
}

/** A message to a worker, and its answer. */
export type ToWorker = { type: 'warm'; setup: PaperSetup } | { type: 'job'; id: number; setup: PaperSetup; job: PaperJob };
export interface FromWorker {
  id: number;
  outcome: PaperOutcome;
}

interface Pending {
  id: number;
  setup: PaperSetup;
  job: PaperJob;
  control: RunControl;
  resolve: (outcome: PaperOutcome) => void;
  done: boolean;
  slot?: Slot;
  timer?: ReturnType<typeof setTimeout>;
  unlisten?: () => void;
}

interface Slot {
  worker: Worker;
  job?: Pending;
  /** Stopped on purpose (a job cancelled, the runner closed): whatever it still says is ignored. */
  retired?: boolean;
  /** Papers it has made: the engine's code is compiled for what it has done, so the busiest idle worker goes first. */
  made: number;
}

export function workerRunner(options: WorkerRunnerOptions): PaperRunner {
  const entry = absolute(options.entry);
  const size = Math.max(1, options.size ?? defaultPoolSize());
  const memoryMb = options.memoryMb ?? PAPER_MEMORY_MB;
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  let nextId = 1;
  let lastSetup: PaperSetup | undefined;
  let closed = false;

  function spawn(): Slot {
    const worker = new Worker(entry, { resourceLimits: { maxOldGenerationSizeMb: memoryMb } });
    const slot: Slot = { worker, made: 0 };
    worker.on('message', (message: FromWorker) => {
      const pending = slot.job;
      if (slot.retired || !pending || pending.id !== message.id) return;
      slot.job = undefined;
      slot.made++;
      finish(pending, message.outcome);
      pump();
    });
    // An uncaught error or a heap over its limit ends the worker: the job it ran fails, a new worker takes its place.
    let failure: Error | undefined;
    worker.on('error', (error) => {
      failure = error;
    });
    worker.on('exit', (code) => {
      if (slot.retired) return;
      const pending = slot.job;
      slots.splice(slots.indexOf(slot), 1);
      if (pending) {
        const outOfMemory = (failure as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
        const message = failure?.message ?? `the worker making papers stopped (exit code ${code})`;
        finish(
          pending,
          outOfMemory
            ? stoppedOutcome('memory', pending.control, memoryMb)
            : {
                ok: false,
                problems: [stopProblem(`internal error: ${message.split('\n')[0]}`)],
                fault: { message, ...(failure?.stack ? { stack: failure.stack } : {}) },
              },
        );
      }
      pump();
    });
    if (lastSetup) worker.postMessage({ type: 'warm', setup: lastSetup } satisfies ToWorker);
    slots.push(slot);
    return slot;
  }

  /** Stops the worker running `slot`'s job and puts a fresh one, warming, in its place. */
  function replace(slot: Slot): void {
    slots.splice(slots.indexOf(slot), 1);
    slot.job = undefined;
    slot.retired = true;
    void slot.worker.terminate();
    if (!closed) spawn();
  }

  function finish(pending: Pending, outcome: PaperOutcome): void {
    if (pending.done) return;
    pending.done = true;
    clearTimeout(pending.timer);
    pending.unlisten?.();
    pending.resolve(outcome);
  }

  function stop(pending: Pending, outcome: PaperOutcome): void {
    if (pending.done) return;
    const queued = queue.indexOf(pending);
    if (queued >= 0) queue.splice(queued, 1);
    const slot = pending.slot;
    finish(pending, outcome);
    if (slot && slot.job === pending) replace(slot);
    pump();
  }

  function pump(): void {
    while (!closed && queue.length > 0) {
      let slot = slots.filter((s) => !s.job).sort((a, b) => b.made - a.made)[0];
      if (!slot && slots.length < size) {
        try {
          slot = spawn();
        } catch (error) {
          // No worker can start (its file is missing): every waiting job fails with the reason, none hangs.
          for (const pending of queue.splice(0)) finish(pending, failedOutcome(error));
          return;
        }
      }
      if (!slot) return;
      const pending = queue.shift()!;
      slot.job = pending;
      pending.slot = slot;
      const limit = pending.control.timeLimitMs;
      if (limit !== undefined) pending.timer = setTimeout(() => stop(pending, stoppedOutcome('time', pending.control)), limit);
      slot.worker.postMessage({ type: 'job', id: pending.id, setup: pending.setup, job: pending.job } satisfies ToWorker);
    }
  }

  return {
    run(setup, job, control = {}) {
      if (closed) return Promise.resolve(stoppedOutcome('abandoned'));
      if (control.signal?.aborted) return Promise.resolve(stoppedOutcome('abandoned'));
      lastSetup = setup;
      return new Promise((resolve) => {
        const pending: Pending = { id: nextId++, setup, job, control, resolve: resolve as (o: PaperOutcome) => void, done: false };
        if (control.lane !== undefined) {
          const older = [...queue, ...slots.map((s) => s.job)].filter((p): p is Pending => p !== undefined && p.control.lane === control.lane);
          for (const p of older) stop(p, stoppedOutcome('superseded'));
        }
        const signal = control.signal;
        if (signal) {
          const onAbort = () => stop(pending, stoppedOutcome('abandoned'));
          signal.addEventListener('abort', onAbort, { once: true });
          pending.unlisten = () => signal.removeEventListener('abort', onAbort);
        }
        queue.push(pending);
        pump();
      });
    },

    warm(setup) {
      if (closed) return;
      lastSetup = setup;
      if (slots.length === 0) {
        try {
          spawn();
        } catch {
          // The first job says why no worker starts.
        }
      } else for (const slot of slots) slot.worker.postMessage({ type: 'warm', setup } satisfies ToWorker);
    },

    async close() {
      closed = true;
      for (const pending of queue.splice(0)) finish(pending, stoppedOutcome('abandoned'));
      const workers = slots.splice(0).map((slot) => {
        if (slot.job) finish(slot.job, stoppedOutcome('abandoned'));
        slot.retired = true;
        return slot.worker.terminate();
      });
      await Promise.all(workers);
    },
  };
}
