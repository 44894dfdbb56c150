// The resident process's program (out/cli/resident.mjs), started in the background by the first
// command run with BRIEFWRIGHT_RESIDENT=1. It has no terminal: it says nothing, and quits when
// idle, when retired by a newer build, or on SIGTERM/SIGINT, clearing its endpoint file.
import { fileURLToPath } from 'node:url';
import { renderBrief } from '../core/write';
import { loadTemplates } from '../core/templates/template';
import { FORMAT_IDS } from '../shared/formats';
import { userFolder } from '../platform/user-folder';
import { openWorkspace } from '../platform/workspace-folder';
import { useNodeHost } from '../platform/core-host';
import { main } from './main';
import { buildOf, idleMilliseconds } from './resident-protocol';
import { serveResident } from './resident-server';

/**
 * Makes the bundled pre-visit brief in every format, in memory, so that the first command the
 * process serves is as quick as the later ones: until it is done the process has not said where
 * it listens, and commands run as they would without it. Nothing is written; the user's files
 * are not read.
 */
async function warmUp(): Promise<void> {
  const workspace = await openWorkspace({ user: false });
  const templates = loadTemplates(workspace.otherFiles);
  for (const format of FORMAT_IDS) {
    await renderBrief(workspace, templates, { template: 'pre-visit-brief', topics: [...workspace.topics.keys()] }, format).catch(() => undefined);
  }
}

useNodeHost();
const build = buildOf(fileURLToPath(import.meta.url));
const resident = build === undefined ? undefined : await serveResident({ folder: userFolder(), build, run: main, idleMs: idleMilliseconds(process.env), warmUp });
if (resident) {
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, () => void resident.close());
  await resident.closed;
}
process.exit(0);
