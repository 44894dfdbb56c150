// A batch: the sector one-pager of every topic of the bundled workspace (nine), made by one
// `briefwright generate --each-topic` command, against the same nine papers made by nine pandoc
// runs (DOCX, from our Markdown) and nine headless Chromium prints (PDF, from our HTML), as
// generate.bench.ts compares single papers; and against nine `briefwright generate` commands,
// which is what --each-topic saves; and the same nine joined behind a contents page into one PDF
// (`--each-topic --combined`), which costs the joining on top of the batch. Target (issue 18): the one command is faster than both
// pandoc's nine runs and Chromium's nine prints. Wall-clock medians; the machine is shared, so
// each round runs ours and theirs one after another, to meet the same load.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspace } from '../src/platform/workspace-folder';
import { useNodeHost } from '../src/platform/core-host';
import { available, chromiumPrintArgs, medianOf as median, ms, timed, verdict, writeResults, type Cell } from './report';

useNodeHost();

const ROUNDS = 3;
const CHROMIUM = '/usr/bin/chromium';
const TEMPLATE = 'sector-one-pager';

const build = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
if (build.status !== 0) throw new Error('npm run build:cli failed');
const work = mkdtempSync(join(tmpdir(), 'briefwright-bench-batch-'));
const env = { ...process.env, BRIEFWRIGHT_HOME: join(work, 'home') };
const topics = [...(await openWorkspace({ user: false })).topics.keys()];
const loadBefore = loadavg()[0]!;
console.log(`work folder ${work}; ${topics.length} topics; load average ${loadBefore.toFixed(2)}`);

const briefwright = (args: string[], output: string) => timed(process.execPath, ['bin/briefwright.js', 'generate', '--template', TEMPLATE, ...args], output, env);
const batch = (format: 'pdf' | 'docx') => briefwright(['--each-topic', '--format', format, '--out', join(work, `ours-${format}`)], join(work, `ours-${format}`, `${topics.at(-1)}.${format}`));
const pack = join(work, 'ours-combined.pdf');
const combined = () => briefwright(['--each-topic', '--combined', '--out', pack], pack);

// Their inputs: our Markdown and our HTML of each one-pager.
briefwright(['--each-topic', '--format', 'md', '--out', join(work, 'md')], join(work, 'md', `${topics.at(-1)}.md`));
briefwright(['--each-topic', '--format', 'html', '--out', join(work, 'html')], join(work, 'html', `${topics.at(-1)}.html`));

const hasPandoc = available('pandoc', ['--version']);
const hasChromium = existsSync(CHROMIUM);
const notes: string[] = [];
if (!hasPandoc) notes.push('- pandoc is not installed (`apt-get install pandoc`): its runs are skipped.');
if (!hasChromium) notes.push(`- Chromium is not installed at ${CHROMIUM} (\`apt-get install chromium\`): its prints are skipped.`);

/** Nine runs of a command, one per topic: the sum of their times. */
function nine(run: (topic: string) => { wall: number; cpu?: number }): { wall: number; cpu?: number } {
  let wall = 0;
  let cpu: number | undefined = 0;
  for (const topic of topics) {
    const t = run(topic);
    wall += t.wall;
    cpu = cpu === undefined || t.cpu === undefined ? undefined : cpu + t.cpu;
  }
  return cpu === undefined ? { wall } : { wall, cpu };
}


type Series = { wall: number[]; cpu: number[] };
const series = (): Series => ({ wall: [], cpu: [] });
const runs = { pdf: series(), combined: series(), docx: series(), cold: series(), pandoc: series(), chromium: series() };
for (let round = 0; round <= ROUNDS; round++) {
  // Round 0 warms the file cache and is not counted.
  const take = (into: Series, t: { wall: number; cpu?: number }) => {
    if (round === 0) return;
    into.wall.push(t.wall);
    if (t.cpu !== undefined) into.cpu.push(t.cpu);
  };
  take(runs.pdf, batch('pdf'));
  take(runs.combined, combined());
  take(runs.docx, batch('docx'));
  mkdirSync(join(work, 'cold'), { recursive: true });
  take(runs.cold, nine((topic) => briefwright(['--topics', topic, '--format', 'pdf', '--out', join(work, 'cold', `${topic}.pdf`)], join(work, 'cold', `${topic}.pdf`))));
  if (hasPandoc) {
    mkdirSync(join(work, 'pandoc'), { recursive: true });
    take(runs.pandoc, nine((topic) => timed('pandoc', ['-f', 'markdown', '-t', 'docx', '-o', join(work, 'pandoc', `${topic}.docx`), join(work, 'md', `${topic}.md`)], join(work, 'pandoc', `${topic}.docx`))));
  }
  if (hasChromium) {
    // One profile for the round's nine prints, as a script printing a batch would use.
    const profile = join(work, `chromium-profile-${round}`);
    mkdirSync(join(work, 'chromium'), { recursive: true });
    take(runs.chromium, nine((topic) => timed(CHROMIUM, chromiumPrintArgs(profile, join(work, 'html', `${topic}.html`), join(work, 'chromium', `${topic}.pdf`)), join(work, 'chromium', `${topic}.pdf`))));
    rmSync(profile, { recursive: true, force: true });
  }
  console.log(`round ${round} done`);
}

function pages(folder: string): string {
  const counts = readdirSync(folder)
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => Number(/^Pages:\s+(\d+)/m.exec(spawnSync('pdfinfo', [join(folder, f)], { encoding: 'utf8' }).stdout ?? '')?.[1] ?? NaN));
  const total = counts.reduce((a, b) => a + b, 0);
  return Number.isNaN(total) ? '' : `${counts.length} papers, ${total} pages`;
}

/** The pages of one PDF, as pdfinfo counts them. */
function pagesOf(file: string): string {
  const count = /^Pages:\s+(\d+)/m.exec(spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout ?? '')?.[1];
  return count ? `one PDF, ${count} pages` : '';
}

const row = (what: string, s: Series, detail = ''): Cell[] =>
  s.wall.length ? [what, ms(median(s.wall)), ms(Math.min(...s.wall)), s.cpu.length ? ms(median(s.cpu)) : 'n/a', detail] : [what, 'skipped', '', '', ''];
const wholeRows: Cell[][] = [
  row('briefwright generate --each-topic, PDF (one process)', runs.pdf, pages(join(work, 'ours-pdf'))),
  row('briefwright generate --each-topic --combined, one PDF with a contents page (one process)', runs.combined, pagesOf(pack)),
  row('briefwright generate --each-topic, DOCX (one process)', runs.docx),
  row('nine briefwright generate, PDF (one process each)', runs.cold, pages(join(work, 'cold'))),
  row('nine pandoc runs, DOCX', runs.pandoc),
  row('nine Chromium prints, PDF', runs.chromium, hasChromium ? pages(join(work, 'chromium')) : ''),
];

const versusRows: Cell[][] = [];
const versus = (ours: string, mine: Series, theirs: string, other: Series) => {
  if (!mine.wall.length || !other.wall.length) return;
  const value = median(mine.wall) / median(other.wall);
  // On a shared machine wall-clock time includes waiting for a core: CPU time tells the work apart.
  const cpu = mine.cpu.length && other.cpu.length ? `${(median(mine.cpu) / median(other.cpu)).toFixed(2)}×` : 'n/a';
  versusRows.push([ours, theirs, ms(median(mine.wall)), ms(median(other.wall)), `${value.toFixed(2)}×`, cpu, '< 1×', verdict(value, 1)]);
};
versus('--each-topic, PDF', runs.pdf, 'nine Chromium prints', runs.chromium);
versus('--each-topic, PDF', runs.pdf, 'nine pandoc runs', runs.pandoc);
versus('--each-topic, DOCX', runs.docx, 'nine pandoc runs', runs.pandoc);
versus('--each-topic, DOCX', runs.docx, 'nine Chromium prints', runs.chromium);
versus('--each-topic, PDF', runs.pdf, 'nine briefwright generate', runs.cold);
versus('--each-topic --combined', runs.combined, 'nine Chromium prints', runs.chromium);

const loadAfter = loadavg()[0]!;
notes.push(
  `- Load average (1 min) ${loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after the bench, on ${process.env.BENCH_MACHINE_NOTE ?? 'a machine shared with other work'}: wall-clock times include waiting for a core.`,
  `- Ours: \`node bin/briefwright.js generate --template ${TEMPLATE} --each-topic --format F --out DIR\`, which opens the workspace and templates once and makes the ${topics.length} papers one after another. Theirs start from our files: pandoc converts each one-pager's \`--format md\` output (\`pandoc -f markdown -t docx\`), Chromium prints each one's \`--format html\` output (\`--headless --print-to-pdf\`, the flags of generate.bench.ts, one profile for a round's nine prints). A row of nine is the sum of nine whole processes.`,
  '- CPU is that of the process and its children as GNU time reports it (Chromium\'s helper processes included).',
);

writeResults({
  name: 'each-topic',
  title: 'A batch: nine sector one-pagers in one command, against nine pandoc runs and nine Chromium prints',
  description: `Medians of wall-clock times over ${ROUNDS} rounds after a warm-up round, each round running every row once.`,
  tables: [
    { title: `Whole processes: the ${topics.length} one-pagers, median and best of ${ROUNDS}, and the CPU time used`, columns: ['how', 'median', 'best', 'CPU (median)', ''], rows: wholeRows },
    { title: 'The one command against nine runs of theirs (target: faster than both)', columns: ['ours', 'theirs', 'ours', 'theirs', 'ours/theirs', 'CPU ours/theirs', 'target (wall-clock)', ''], rows: versusRows },
  ],
  notes,
});
rmSync(work, { recursive: true, force: true });
