// Memory under load: 500 papers made one after another in one process, as the app makes them
// (tests/fixtures/generations.ts: previews and exports of every bundled template in every
// format, through the app's API), with the process's memory sampled every 25 papers after a full
// garbage collection; and the peak memory of a process that makes one ~300-page PDF.
// Each request is a task of its own, as in the app. Targets: memory flat over the 500 papers (no
// growth after the warm-up beyond noise); the 300-page paper under 1 GB at its peak.
import { spawnSync } from 'node:child_process';
import { generateRepeatedly, makeLongPaper, slope, type MemorySample } from '../tests/fixtures/generations';
import { ms, verdict, writeResults, type Cell } from './report';
import { useNodeHost } from '../src/platform/core-host';

useNodeHost();

const GENERATIONS = 500;
const EVERY = 25;
/** Papers before the curve is judged: templates compiled, fonts loaded, caches filled. */
const WARM_UP = 100;
/** Facts that make a paper of about 300 pages (generate.bench.ts, scaling). */
const LONG_PAPER_FACTS = 5000;
const PEAK_TARGET = 1024 ** 3;
/** Growth that still counts as flat, bytes per paper, as tests/integration/faults/memory.test.ts has them. */
const FLAT_HEAP = 20 * 1024;
const FLAT_RSS = 100 * 1024;

const mb = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(1)} MB`;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

// The long paper runs in a process of its own (this bundle, asked for it), so that its peak is its own.
if (process.argv[2] === 'long-paper') {
  process.stdout.write(`${JSON.stringify(await makeLongPaper(LONG_PAPER_FACTS))}\n`);
  process.exit(0);
}

const started = performance.now();
const samples = await generateRepeatedly({ count: GENERATIONS, sampleEvery: EVERY });
const elapsed = performance.now() - started;
console.log(`${GENERATIONS} papers in ${ms(elapsed)}`);

const long = spawnSync(process.execPath, ['--expose-gc', process.argv[1]!, 'long-paper'], { encoding: 'utf8', timeout: 600_000 });
if (long.status !== 0) throw new Error(`the long paper failed: ${long.stderr}`);
const paper = JSON.parse(long.stdout.trim().split('\n').pop()!) as { pages: number; bytes: number; milliseconds: number; maxRss: number };

const warm = samples.filter((s) => s.generation >= WARM_UP);
const first = warm[0]!;
const last = warm[warm.length - 1]!;
const heapSlope = slope(warm, (s) => s.heapUsed);
const rssSlope = slope(warm, (s) => s.rss);
const peakRss = Math.max(...samples.map((s) => s.rss));

const curveRows: Cell[][] = samples.map((s: MemorySample) => [s.generation, mb(s.rss), mb(s.heapUsed), mb(s.external)]);
const summaryRows: Cell[][] = [
  ['RSS', mb(first.rss), mb(last.rss), mb(last.rss - first.rss), `${kb(rssSlope)} per paper`, mb(peakRss), verdict(rssSlope, FLAT_RSS)],
  ['heap used (after a full collection)', mb(first.heapUsed), mb(last.heapUsed), mb(last.heapUsed - first.heapUsed), `${kb(heapSlope)} per paper`, '', verdict(heapSlope, FLAT_HEAP)],
  ['outside the heap (buffers)', mb(first.external), mb(last.external), mb(last.external - first.external), `${kb(slope(warm, (s) => s.external))} per paper`, '', ''],
];
const paperRows: Cell[][] = [[`~300 pages (${LONG_PAPER_FACTS.toLocaleString('en')} facts)`, paper.pages, mb(paper.bytes), ms(paper.milliseconds), mb(paper.maxRss), '1 GB', verdict(paper.maxRss, PEAK_TARGET)]];

/** The RSS curve at a glance, one block per sample. */
const sparkline = (values: number[]): string => {
  const blocks = '▁▂▃▄▅▆▇█';
  const low = Math.min(...values);
  const high = Math.max(...values);
  return values.map((v) => blocks[high === low ? 0 : Math.round(((v - low) / (high - low)) * (blocks.length - 1))]).join('');
};

writeResults({
  name: 'memory',
  title: 'Memory: 500 papers in one process, and one 300-page paper',
  description: `${GENERATIONS} papers made one after another in one process through the app's API (previews, and exports to PDF, DOCX, HTML and Markdown, of every bundled template in turn), the memory sampled every ${EVERY} papers after a full garbage collection (\`node --expose-gc\`); then, in a process of its own, one PDF of every fact of a generated workspace, with the process's peak resident memory (\`process.resourceUsage().maxRSS\`).`,
  tables: [
    {
      title: `Memory after warm-up (papers ${first.generation} to ${last.generation}); the slope is a least-squares fit over those samples; flat means under ${kb(FLAT_HEAP)} per paper for the heap, ${kb(FLAT_RSS)} for RSS`,
      columns: ['memory', `after ${first.generation}`, `after ${last.generation}`, 'growth', 'slope', 'peak', ''],
      rows: summaryRows,
    },
    { title: `The curve: memory after every ${EVERY} papers`, columns: ['papers', 'RSS', 'heap used', 'outside the heap'], rows: curveRows },
    { title: 'One long paper, in a process of its own (target: peak under 1 GB)', columns: ['paper', 'PDF pages', 'PDF size', 'time', 'peak RSS', 'target', ''], rows: paperRows },
  ],
  notes: [
    `- RSS after every ${EVERY} papers: ${sparkline(samples.map((s) => s.rss))} (${mb(Math.min(...samples.map((s) => s.rss)))} to ${mb(peakRss)}); the ${GENERATIONS} papers took ${ms(elapsed)}.`,
    '- The first samples rise while templates are compiled, fonts loaded and the caches that make later papers faster fill (shaped words, compiled templates, the workspace); after that the curve is judged.',
    '- RSS also holds memory the allocator keeps for reuse after a collection, so it moves by a few megabytes between samples; the heap after a full collection is what the process still holds on to.',
  ],
});
