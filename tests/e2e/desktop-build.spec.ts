// The desktop app's main process makes papers on worker threads built by `npm run build`
// (out/main/paper-worker.js and the chunks it shares with out/main/index.js). Electron cannot
// start here, but these files are plain Node: a worker from the built output makes a paper in
// every format, as the desktop app's would. And the built page carries the same
// Content-Security-Policy the hosts send.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { CONTENT_SECURITY_POLICY, PAGE_META_POLICY } from '../../src/app/content-security';
import { EXPORT_FORMATS } from '../../src/shared/api';
import { workerRunner } from '../../src/app/paper-runner';
import { countPdfPages } from '../../src/app/pdf-pages';

test('the desktop build’s paper worker makes the pre-visit brief in every format', async () => {
  const home = await mkdtemp(join(tmpdir(), 'briefwright-desktop-build-'));
  const runner = workerRunner({ entry: 'out/main/paper-worker.js', size: 1 });
  try {
    const setup = { userFolder: home, extraFolders: [], generation: 0 };
    const settings = { now: '2026-11-22T10:00:00.000Z', author: '', organisation: '', marking: 'OFFICIAL', locale: 'en-GB' };
    for (const format of EXPORT_FORMATS) {
      const outcome = await runner.run(setup, { kind: 'export', request: { template: 'pre-visit-brief', topics: ['trade'] }, format, settings });
      expect(outcome.ok ? '' : outcome.problems.map((p) => p.message).join('\n'), format).toBe('');
      if (!outcome.ok) continue;
      const { bytes, fileName } = outcome.result as { bytes: Uint8Array; fileName: string };
      expect(fileName).toBe(`2026-11-22 Visit of the Foreign Minister to Astana – Pre-visit brief.${format}`);
      const text = new TextDecoder().decode(bytes);
      if (format === 'pdf') expect(text.startsWith('%PDF') && countPdfPages(bytes)).toBeGreaterThan(1);
      if (format === 'docx') expect(text.startsWith('PK\u0003\u0004')).toBe(true);
      if (format === 'html' || format === 'md') expect(text, format).toContain('Visit of the Foreign Minister to Astana');
    }
    const preview = await runner.run(setup, { kind: 'preview', request: { template: 'sector-one-pager', topics: ['energy'] }, settings });
    expect(preview.ok && (preview.result as { pageCount: number }).pageCount).toBe(1);
  } finally {
    await runner.close();
    await rm(home, { recursive: true, force: true });
  }
});

test('the built page carries the policy the hosts send, from its one statement', async () => {
  const html = await readFile('out/renderer/index.html', 'utf8');
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1]?.replace(/&quot;/g, '"');
  expect(meta).toBe(PAGE_META_POLICY);
  // Everything the header says, but what a <meta> may not: the page may not be framed (header only).
  expect(CONTENT_SECURITY_POLICY).toBe(`${PAGE_META_POLICY.replace("; form-action 'none'", '')}; frame-ancestors 'none'; form-action 'none'`);
});
