// Memory under load: papers made one after another in one process leave memory flat, and a
// 300-page paper stays under 1 GB at its peak. Each runs in a process of its own
// (tests/fixtures/memory-driver.ts, bundled here, run with --expose-gc) so that the numbers are
// the pipeline's, not this test runner's. A control keeps every result, as a leaking app would,
// and must be caught by the same measure.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { repo } from '../../fixtures/cli';
import { slope, type LongPaper, type MemorySample } from '../../fixtures/generations';

const driver = join(repo, 'out', 'faults', 'memory-driver.mjs');

/** Papers before memory is judged: templates compiled, fonts loaded, caches filled (the curve levels off by then). */
const WARM_UP = 100;
/**
 * Papers made, and how often memory is sampled. The resident set rises and falls by some 20 MB
 * over about 40 papers (the allocator taking arenas and giving them back): sampled every 10 of
 * 100 papers, that cycle alone gave slopes from 50 to 190 KB a paper; sampled every 5 of 100,
 * over two and a half cycles, it gives a few tens.
 */
const PAPERS = 200;
const SAMPLE_EVERY = 5;
/**
 * Flat, for the heap left after a full collection: under 20 KB a paper. Once warm it grows by
 * 2–7 KB a paper (V8's own bookkeeping); a paper's Document kept by mistake is 30–140 KB, a
 * kept result (the paper's bytes as base64) more.
 */
const FLAT_HEAP = 20 * 1024;
/**
 * Flat, for the resident set: under 100 KB a paper. It moves by a few megabytes between samples
 * (memory the allocator keeps for reuse); the chart pixels resvg held on to, one 7 MB picture
 * every 25 papers, grew it by 280 KB a paper.
 */
const FLAT_RSS = 100 * 1024;
const ONE_GB = 1024 ** 3;

function run(args: string[]): unknown {
  const result = spawnSync(process.execPath, ['--expose-gc', driver, ...args], { cwd: repo, encoding: 'utf8', timeout: 480_000 });
  if (result.status !== 0) throw new Error(`memory-driver ${args.join(' ')} failed (${result.status ?? result.signal}): ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const curve = (samples: MemorySample[]) => samples.map((s) => `${s.generation}: ${(s.rss / 1024 ** 2).toFixed(0)} MB RSS, ${(s.heapUsed / 1024 ** 2).toFixed(1)} MB heap`).join('\n');

beforeAll(async () => {
  await build({
    entryPoints: { 'memory-driver': join(repo, 'tests', 'fixtures', 'memory-driver.ts') },
    outdir: join(repo, 'out', 'faults'),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
});

describe('papers made one after another in one process', () => {
  it(`${PAPERS} previews and exports of every template in every format: memory stays flat after the warm-up`, () => {
    const { samples } = run(['generations', String(PAPERS), String(SAMPLE_EVERY)]) as { samples: MemorySample[] };
    const warm = samples.filter((s) => s.generation >= WARM_UP);
    expect(warm.length).toBeGreaterThanOrEqual(20);
    const heap = slope(warm, (s) => s.heapUsed);
    const rss = slope(warm, (s) => s.rss);
    expect(heap, `heap grows ${kb(heap)} a paper:\n${curve(samples)}`).toBeLessThan(FLAT_HEAP);
    expect(rss, `RSS grows ${kb(rss)} a paper:\n${curve(samples)}`).toBeLessThan(FLAT_RSS);
  });

  it('control: a process that keeps every result is caught by the same measure', () => {
    const { samples, kept } = run(['generations', '70', '10', 'leak']) as { samples: MemorySample[]; kept: number };
    expect(kept).toBe(70);
    const heap = slope(samples.filter((s) => s.generation >= 20), (s) => s.heapUsed);
    expect(heap, `heap grows ${kb(heap)} a paper:\n${curve(samples)}`).toBeGreaterThan(FLAT_HEAP);
  });
});

describe('a 300-page paper', () => {
  it('is made as PDF in a process whose memory peaks under 1 GB', () => {
    const paper = run(['long-paper', '5000']) as LongPaper;
    expect(paper.pages).toBeGreaterThanOrEqual(250);
    expect(paper.maxRss, `peak ${(paper.maxRss / 1024 ** 2).toFixed(0)} MB for ${paper.pages} pages`).toBeLessThan(ONE_GB);
  });
});
