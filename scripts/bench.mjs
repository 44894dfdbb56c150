// `npm run bench [name…]`: bundles every bench/*.bench.ts (or the named ones) with esbuild into
// out/bench/, runs each in its own node process, then rewrites bench/RESULTS.md from the
// results each bench wrote to bench/results/<name>.json (see bench/report.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { buildPaperWorker } from './build-worker.mjs';
import { nodeBundle } from './node-bundle.mjs';

const only = process.argv.slice(2);
const benches = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();
if (benches.length === 0) {
  console.error(only.length ? `no bench named ${only.join(', ')} in bench/` : 'no bench/*.bench.ts files');
  process.exit(1);
}

await build({
  entryPoints: Object.fromEntries(benches.map((name) => [name, `bench/${name}.bench.ts`])),
  outdir: 'out/bench',
  outExtension: { '.js': '.mjs' },
  ...nodeBundle,
  packages: 'external',
});
// The web host the benches start makes its papers on this worker.
await buildPaperWorker();

// Other work on the machine skews timings: note how busy it was.
const busy = loadavg().map((l) => l.toFixed(1)).join(', ');
const failed = [];
for (const name of benches) {
  console.log(`\n=== ${name}`);
  // --expose-gc: measure() collects garbage before each run (see bench/report.ts).
  const run = spawnSync(process.execPath, ['--enable-source-maps', '--expose-gc', `out/bench/${name}.mjs`], { stdio: 'inherit', env: { ...process.env, BENCH_RESULTS_DIR: 'bench/results' } });
  if (run.status !== 0) failed.push(name);
}

// RESULTS.md: every result file, including benches not run this time (with their own dates).
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 1024 ** 3).toFixed(1)} GB memory, ${platform()} ${release()} ${arch()}`;
const results = existsSync('bench/results')
  ? readdirSync('bench/results')
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => JSON.parse(readFileSync(join('bench/results', f), 'utf8')))
  : [];
const cell = (c) => String(c).replace(/\|/g, '\\|');
const lines = [
  '# Benchmark results',
  '',
  'Written by `npm run bench` (scripts/bench.mjs); do not edit by hand.',
  '',
  `- Date: ${new Date().toISOString().slice(0, 10)}`,
  `- Node: ${process.version}`,
  `- Machine: ${machine}`,
  `- Load average when the run started (1, 5, 15 min): ${busy}`,
  '',
];
for (const r of results) {
  lines.push(`## ${r.title}`, '', `\`bench/${r.name}.bench.ts\`, measured ${r.measuredAt.slice(0, 16).replace('T', ' ')} UTC with Node ${r.node}.`, '', r.description, '');
  for (const t of r.tables) {
    lines.push(`**${t.title}**`, '', `| ${t.columns.map(cell).join(' | ')} |`, `|${t.columns.map(() => ' --- ').join('|')}|`);
    for (const row of t.rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
    lines.push('');
  }
  for (const note of r.notes ?? []) lines.push(note);
  if (r.notes?.length) lines.push('');
}
writeFileSync('bench/RESULTS.md', `${lines.join('\n').trimEnd()}\n`);
console.log(`\nbench/RESULTS.md written (${results.length} bench${results.length === 1 ? '' : 'es'}).`);
if (failed.length) {
  console.error(`failed: ${failed.join(', ')}`);
  process.exit(1);
}
