// What every bench shares: timing (median of several runs after a warm-up) and the results
// file the runner (scripts/bench.mjs) turns into bench/RESULTS.md. A bench is a file
// bench/<name>.bench.ts that measures, prints its tables and calls writeResults(name, …).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface Timing {
  /** Wall-clock time. */
  median: number;
  min: number;
  max: number;
  /**
   * CPU time of the process (all its threads, the garbage collector's included). On a busy
   * machine it shows what the code costs when wall-clock time is inflated by other work.
   */
  cpuMedian: number;
  runs: number;
}

export const medianOf = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** A full garbage collection, where the runner allows it (node --expose-gc), so that each run starts from the same heap. */
const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** Runs `fn` `warmup` times unmeasured, then `runs` times; milliseconds. */
export function measure(fn: () => unknown, { runs = 5, warmup = 1 }: { runs?: number; warmup?: number } = {}): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    collect();
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { median: medianOf(times), min: Math.min(...times), max: Math.max(...times), cpuMedian: medianOf(cpu), runs };
}

const TIME = '/usr/bin/time';
const hasTime = existsSync(TIME);

/**
 * Runs a command as a user would (a whole process): its wall-clock time and, where GNU time is
 * installed, the CPU time it and its children used, in milliseconds. `output` (a file or a
 * folder) is removed first, so that an earlier run's cannot pass for this one's; throws when the
 * command fails or does not write it.
 */
export function timed(command: string, args: string[], output: string, env: NodeJS.ProcessEnv = process.env): { wall: number; cpu?: number } {
  rmSync(output, { recursive: true, force: true });
  const [file, argv] = hasTime ? [TIME, ['-f', 'cpu %U %S', command, ...args]] : [command, args];
  const start = performance.now();
  const run = spawnSync(file, argv, { env, encoding: 'utf8', timeout: 300_000 });
  const wall = performance.now() - start;
  if (run.status !== 0 || !existsSync(output)) {
    throw new Error(`${command} ${args.join(' ')} failed (${run.status ?? run.signal}): ${(run.stderr || run.stdout || '').slice(0, 500)}`);
  }
  const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(run.stderr ?? '');
  return cpu ? { wall, cpu: (Number(cpu[1]) + Number(cpu[2])) * 1000 } : { wall };
}

/** Whether a program is installed (it runs with these arguments). */
export function available(command: string, args: string[]): boolean {
  return spawnSync(command, args, { encoding: 'utf8' }).status === 0;
}

export type Cell = string | number;

export interface Table {
  title: string;
  columns: string[];
  rows: Cell[][];
}

export interface BenchResults {
  /** The bench's name: its file is bench/<name>.bench.ts. */
  name: string;
  title: string;
  /** What is measured, in a sentence or two (Markdown). */
  description: string;
  tables: Table[];
  /** Anything a reader needs to judge the figures (Markdown lines). */
  notes?: string[];
  measuredAt: string;
  node: string;
}

/** Milliseconds as text: "0.42 ms", "37 ms", "1.84 s". */
export function ms(value: number): string {
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  if (value >= 10) return `${value.toFixed(0)} ms`;
  return `${value.toFixed(2)} ms`;
}

export function verdict(value: number, target: number): string {
  return value <= target ? 'met' : 'MISSED';
}

/** A table as aligned plain text, for the terminal. */
function formatTable(table: Table): string {
  const cells = [table.columns, ...table.rows.map((r) => r.map(String))];
  const widths = table.columns.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? '').length)));
  const line = (r: Cell[]) => r.map((c, i) => String(c).padEnd(widths[i]!)).join('  ').trimEnd();
  return [table.title, line(table.columns), widths.map((w) => '-'.repeat(w)).join('  '), ...table.rows.map(line)].join('\n');
}

/** Prints the tables and writes bench/results/<name>.json (or $BENCH_RESULTS_DIR/<name>.json). */
export function writeResults(results: Omit<BenchResults, 'measuredAt' | 'node'>): void {
  const full: BenchResults = { ...results, measuredAt: new Date().toISOString(), node: process.version };
  for (const table of full.tables) console.log(`\n${formatTable(table)}`);
  for (const note of full.notes ?? []) console.log(note);
  const dir = process.env.BENCH_RESULTS_DIR ?? join('bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${full.name}.json`), `${JSON.stringify(full, null, 2)}\n`);
}

/** The flags of a headless Chromium print of `html` to `pdf`, with its own profile: the same for every bench that compares with Chromium. */
export function chromiumPrintArgs(profile: string, html: string, pdf: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-pdf-header-footer',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    `--user-data-dir=${profile}`,
    `--print-to-pdf=${pdf}`,
    html,
  ];
}
