// A worker thread that makes papers for a host (src/app/paper-runner.ts): it loads the workspace
// the jobs name, keeps it while their setup (folders, generation) stays the same, and answers each
// job with its outcome. Told to warm, it loads the workspace and makes a throwaway paper before
// any job comes. The bytes of a paper are handed over, not copied.
import { parentPort } from 'node:worker_threads';
import { useNodeHost } from '../platform/core-host';
import { failedOutcome, loadPaperState, runPaperJob, warmUp, type PaperOutcome, type PaperSetup, type PaperState } from './papers';
import type { FromWorker, ToWorker } from './paper-runner';

useNodeHost();

let loaded: { key: string; state: Promise<PaperState> } | undefined;
/** The first workspace loaded also warms the PDF engine (once: later loads find it warm). */
let warming: Promise<void> | undefined;

function stateFor(setup: PaperSetup): Promise<PaperState> {
  const key = JSON.stringify([setup.userFolder, setup.extraFolders, setup.generation]);
  if (loaded?.key !== key) {
    const state = loadPaperState(setup);
    loaded = { key, state };
    // A load that failed (a folder unreadable for a moment) is tried again by the next job.
    state.catch(() => {
      if (loaded?.state === state) loaded = undefined;
    });
  }
  return loaded.state;
}

function transferable(outcome: PaperOutcome): ArrayBuffer[] {
  if (!outcome.ok) return [];
  const result = outcome.result as { pdf?: Uint8Array; bytes?: Uint8Array };
  const bytes = result.pdf ?? result.bytes;
  return bytes && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : [];
}

const port = parentPort;
if (!port) throw new Error('paper-worker runs as a worker thread');

port.on('message', (message: ToWorker) => {
  if (message.type === 'warm') {
    const state = stateFor(message.setup);
    warming ??= state.then(warmUp, () => undefined);
    return;
  }
  void (async () => {
    let outcome: PaperOutcome;
    try {
      outcome = await runPaperJob(await stateFor(message.setup), message.job);
    } catch (error) {
      outcome = failedOutcome(error);
    }
    port.postMessage({ id: message.id, outcome } satisfies FromWorker, transferable(outcome));
  })();
});
