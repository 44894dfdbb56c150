// A brief saved in the app is the same paper on the command line: the app's API saves it into
// the user folder, `briefwright generate` runs that file, and the two papers are the same bytes
// (both clocks stopped at one instant). Then the paper the app exported is recorded in the brief,
// and the command line still runs it.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createApi } from '../../src/app/api';
import { ensureCliBuilt, runCli } from '../fixtures/cli';

const FROZEN = '2026-03-02T09:00:00Z';
const frozenClock = fileURLToPath(new URL('../fixtures/frozen-clock.mjs', import.meta.url));
let home: string;

beforeAll(async () => {
  ensureCliBuilt();
  home = await mkdtemp(join(tmpdir(), 'briefwright-roundtrip-'));
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

it('the app saves a brief, and the command line makes the same paper from that file, byte for byte', async () => {
  // The app's clock stands still at the command line's instant: the package's file times match too.
  vi.useFakeTimers({ now: new Date(FROZEN), toFake: ['Date'] });
  const api = createApi({ userFolder: home, now: () => new Date(FROZEN) });
  const request = {
    template: 'pre-visit-brief',
    topics: ['trade', 'energy'],
    from: '2015',
    to: '2024',
    inputs: { visit: 'Visit of the Trade Minister to Astana', objectives: ['Agree the grain corridor'], qa: [{ question: 'Why now?', answer: 'The corridor opens in May.' }] },
    exclude: ['trade-turnover-2018-zx'],
  };
  const saved = await api.handle('saveBrief', { brief: { title: 'Astana, trade and energy', request }, name: 'astana' });
  if (!saved.ok) throw new Error(saved.problems.map((p) => p.message).join('\n'));
  const exported = await api.handle('export', { request, format: 'pdf', brief: saved.result.path });
  if (!exported.ok || exported.result.status !== 'download') throw new Error('the app did not export');
  await api.close();
  vi.useRealTimers();

  for (const format of ['pdf', 'md'] as const) {
    const out = join(home, `astana.${format}`);
    const run = runCli(['generate', saved.result.path, '--out', out], {
      node: ['--import', frozenClock],
      env: { BRIEFWRIGHT_HOME: home, BRIEFWRIGHT_FROZEN_TIME: FROZEN },
      timeout: 120_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    if (format === 'pdf') expect(Buffer.compare(await readFile(out), Buffer.from(exported.result.data, 'base64'))).toBe(0);
    else expect(await readFile(out, 'utf8')).toContain('Visit of the Trade Minister to Astana');
  }
});
