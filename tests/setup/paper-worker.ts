// Tests that start the web host, or drive the worker pool, need the worker that makes papers
// built from today's sources (out/web/paper-worker.mjs): built once before they run.
// @ts-expect-error: a plain ES module of the build scripts, without types
import { buildPaperWorker } from '../../scripts/build-worker.mjs';

export default async function setup(): Promise<void> {
  await (buildPaperWorker as () => Promise<void>)();
}
