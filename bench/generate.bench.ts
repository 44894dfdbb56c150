// Generating papers: the whole `briefwright generate` command per format, a 100-page paper, the
// same papers made by pandoc (DOCX, from our Markdown) and by headless Chromium (PDF, printed
// from our HTML), the pipeline in-process once warm, and how PDF and DOCX scale with length.
// Targets: in-process, a pre-visit brief under 150 ms per format once warm; whole-process, DOCX
// within 2× pandoc's time and PDF under 0.6× Chromium's. Whole-process figures are taken both
// ways a user can run the command: a cold process each time (the default), and with the resident
// process (BRIEFWRIGHT_RESIDENT=1), where each command hands its work to a warm background
// process. Wall-clock medians; the machine is shared, so runs of ours and theirs are interleaved
// to meet the same load.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { prepareBrief, type Format } from '../src/core/brief';
import { writeDocument } from '../src/core/write';
import { FORMAT_IDS } from '../src/shared/formats';
import { loadTemplates } from '../src/core/templates/template';
import { loadWorkspace, type WorkspaceLayer } from '../src/core/workspace/load';
import { countPdfPages } from '../src/app/pdf-pages';
import { openWorkspace } from '../src/platform/workspace-folder';
import { readEndpoint } from '../src/cli/resident-protocol';
import { generateWorkspace, STRESS_TEMPLATE } from './generate-workspace';
import { available, chromiumPrintArgs, measure, medianOf as median, ms, timed, verdict, writeResults, type Cell, type Timing } from './report';
import { useNodeHost } from '../src/platform/core-host';

useNodeHost();

const RUNS = 5;
const CHROMIUM = '/usr/bin/chromium';
const IN_PROCESS_TARGET = 150;
const DOCX_RATIO_TARGET = 2;
const PDF_RATIO_TARGET = 0.6;

/** Facts of a generated workspace (seed 7) that make papers of about 10, 50, 100 and 300 pages on their own. */
const SCALING = [
  { pages: 10, facts: 35 },
  { pages: 50, facts: 420 },
  { pages: 100, facts: 1250 },
  { pages: 300, facts: 5000 },
];
/** Generated facts that, on top of the bundled workspace, make a paper of about 100 pages. */
const STRESS_FACTS = 1000;

const notes: string[] = [];
const ratio = (ours: number, theirs: number): string => `${(ours / theirs).toFixed(2)}×`;

function pageCount(file: string): number {
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = /^Pages:\s+(\d+)/m.exec(info.stdout ?? '');
  return pages ? Number(pages[1]) : countPdfPages(new Uint8Array(readFileSync(file)));
}

/** Writes a layer's files into a folder, for `--workspace`. */
function writeLayer(layer: WorkspaceLayer, dir: string): void {
  for (const file of layer.files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.text);
  }
}

function stressLayer(facts: number): { layer: WorkspaceLayer; topics: string[] } {
  const generated = generateWorkspace({ facts, factsPerFile: 500, seed: 7 });
  generated.layer.files.push({ path: 'templates/bench-stress.hbs', text: STRESS_TEMPLATE });
  return { layer: generated.layer, topics: generated.topics };
}

// ---------------------------------------------------------------------------------------------
// Set-up: the command as `npm install` builds it, an empty user folder, the papers to make.

const build = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
if (build.status !== 0) throw new Error('npm run build:cli failed');
const work = mkdtempSync(join(tmpdir(), 'briefwright-bench-'));
const env = { ...process.env, BRIEFWRIGHT_HOME: join(work, 'home') };
const bundledWorkspace = await openWorkspace({ user: false });
const allTopics = [...bundledWorkspace.topics.keys()];
const stressDir = join(work, 'stress-workspace');
const stress = stressLayer(STRESS_FACTS);
writeLayer(stress.layer, stressDir);

interface Paper {
  name: string;
  args: string[];
}
const papers: Paper[] = [
  { name: 'pre-visit brief, all topics', args: ['--template', 'pre-visit-brief', '--topics', allTopics.join(',')] },
  { name: '~100-page paper', args: ['--template', 'bench-stress', '--topics', stress.topics.join(','), '--workspace', stressDir] },
];
const generate = (paper: Paper, format: Format): { wall: number; cpu?: number } => {
  const output = join(work, `paper.${format}`);
  return timed(process.execPath, ['bin/briefwright.js', 'generate', ...paper.args, '--format', format, '--out', output], output, env);
};
// The same command with the resident process, in a user folder of its own.
const residentHome = join(work, 'home-resident');
const residentEnv = { ...env, BRIEFWRIGHT_HOME: residentHome, BRIEFWRIGHT_RESIDENT: '1', BRIEFWRIGHT_RESIDENT_IDLE: '900' };
const generateResident = (paper: Paper, format: Format): number => {
  const output = join(work, `resident.${format}`);
  return timed(process.execPath, ['bin/briefwright.js', 'generate', ...paper.args, '--format', format, '--out', output], output, residentEnv).wall;
};
/** Waits for the resident process the first command started, then warms it up as a day's use would. */
function residentReady(paper: Paper): void {
  const deadline = Date.now() + 30_000;
  while (!readEndpoint(residentHome)) {
    if (Date.now() > deadline) throw new Error('the resident process did not start');
    spawnSync(process.execPath, ['-e', 'setTimeout(() => {}, 100)']);
  }
  for (let i = 0; i < 3; i++) for (const format of ['pdf', 'docx'] as const) generateResident(paper, format);
}
const residentFormats = ['pdf', 'docx'] as const;
const loadBefore = loadavg()[0]!;
console.log(`work folder ${work}; load average ${loadBefore.toFixed(2)}`);

// ---------------------------------------------------------------------------------------------
// (a) + (b) + (c): whole processes, ours and theirs.

const hasPandoc = available('pandoc', ['--version']);
const hasChromium = existsSync(CHROMIUM);
if (!hasPandoc) notes.push('- pandoc is not installed (`apt-get install pandoc`): the DOCX comparison is skipped.');
if (!hasChromium) notes.push(`- Chromium is not installed at ${CHROMIUM} (\`apt-get install chromium\`): the PDF comparison is skipped.`);

const wholeRows: Cell[][] = [];
const versusRows: Cell[][] = [];
for (const paper of papers) {
  const perFormat = () => Object.fromEntries(FORMAT_IDS.map((f) => [f, [] as number[]])) as Record<Format, number[]>;
  const times = perFormat();
  const cpu = perFormat();
  const pandoc: number[] = [];
  const chromium: number[] = [];
  const resident: Record<'pdf' | 'docx', number[]> = { pdf: [], docx: [] };
  // Their inputs: our Markdown and our HTML of the same paper.
  generate(paper, 'md');
  generate(paper, 'html');
  const markdown = join(work, 'input.md');
  const html = join(work, 'input.html');
  writeFileSync(markdown, readFileSync(join(work, 'paper.md')));
  writeFileSync(html, readFileSync(join(work, 'paper.html')));
  const pandocOut = join(work, 'pandoc.docx');
  const chromiumOut = join(work, 'chromium.pdf');
  const chromiumArgs = (profile: string) => chromiumPrintArgs(profile, html, chromiumOut);
  let ourPages = 0;
  let chromiumPages = 0;
  for (let run = 0; run <= RUNS; run++) {
    // Run 0 warms the file cache and is not counted.
    const take = (list: number[], value: number | undefined) => run > 0 && value !== undefined && list.push(value);
    for (const format of FORMAT_IDS) {
      const t = generate(paper, format);
      take(times[format], t.wall);
      take(cpu[format], t.cpu);
    }
    if (run === 0) ourPages = pageCount(join(work, 'paper.pdf'));
    for (const format of residentFormats) take(resident[format], generateResident(paper, format));
    if (run === 0) residentReady(paper);
    if (hasPandoc) take(pandoc, timed('pandoc', ['-f', 'markdown', '-t', 'docx', '-o', pandocOut, markdown], pandocOut).wall);
    if (hasChromium) {
      const profile = join(work, `chromium-profile-${run}`);
      take(chromium, timed(CHROMIUM, chromiumArgs(profile), chromiumOut).wall);
      rmSync(profile, { recursive: true, force: true });
      if (run === 0) chromiumPages = pageCount(chromiumOut);
    }
  }
  for (const format of FORMAT_IDS) {
    wholeRows.push([
      paper.name,
      format.toUpperCase(),
      ms(median(times[format])),
      ms(Math.min(...times[format])),
      cpu[format].length ? ms(median(cpu[format])) : 'n/a',
      format === 'pdf' ? `${ourPages} pages` : '',
    ]);
  }
  for (const format of residentFormats) {
    wholeRows.push([paper.name, `${format.toUpperCase()}, resident process`, ms(median(resident[format])), ms(Math.min(...resident[format])), 'n/a (done in the resident process)', '']);
  }
  /** One row of (c): our median (cold or resident) against theirs, and the verdict on the target. */
  const versus = (label: string, ours: number, theirs: string, theirMedian: number, target: number, pages = '') =>
    versusRows.push([paper.name, label, `${ms(ours)}${pages}`, theirs, ratio(ours, theirMedian), `≤ ${target}×`, verdict(ours / theirMedian, target)]);
  if (hasPandoc) {
    const theirs = median(pandoc);
    versus('DOCX', median(times.docx), `pandoc ${ms(theirs)}`, theirs, DOCX_RATIO_TARGET);
    versus('DOCX, resident process', median(resident.docx), `pandoc ${ms(theirs)}`, theirs, DOCX_RATIO_TARGET);
    // What no writer can win back: the run that writes Markdown does everything but the writing.
    notes.push(`- ${paper.name}: the MD run, which writes no DOCX at all, already takes ${ratio(median(times.md), theirs)} pandoc's whole DOCX run.`);
  }
  if (hasChromium) {
    const theirs = median(chromium);
    const label = `Chromium ${ms(theirs)} (${chromiumPages} pages)`;
    versus('PDF', median(times.pdf), label, theirs, PDF_RATIO_TARGET, ` (${ourPages} pages)`);
    versus('PDF, resident process', median(resident.pdf), label, theirs, PDF_RATIO_TARGET, ` (${ourPages} pages)`);
  }
  if (paper === papers[1] && (ourPages < 85 || ourPages > 115)) notes.push(`- The "~100-page" paper came out at ${ourPages} pages: adjust STRESS_FACTS.`);
}

// ---------------------------------------------------------------------------------------------
// (d): in-process, warm: the pre-visit brief with every topic.

const templates = loadTemplates(bundledWorkspace.otherFiles);
const request = { template: 'pre-visit-brief', topics: allTopics };
const now = new Date('2026-01-01T00:00:00Z');
let prepared = prepareBrief(bundledWorkspace, templates, request, { now });
const prepare = measure(() => (prepared = prepareBrief(bundledWorkspace, templates, request, { now })), { runs: 21, warmup: 5 });
const warmRows: Cell[][] = [['prepare (template → Markdown → Document)', ms(prepare.median), ms(prepare.cpuMedian), '', '', '']];
for (const format of FORMAT_IDS) {
  const write = await measureAsync(() => writeDocument(prepared, format), { runs: 21, warmup: 5 });
  const whole = await measureAsync(async () => writeDocument(prepareBrief(bundledWorkspace, templates, request, { now }), format), { runs: 21, warmup: 3 });
  warmRows.push([
    `write ${format.toUpperCase()}`,
    ms(write.median),
    ms(write.cpuMedian),
    ms(whole.median),
    ms(whole.cpuMedian),
    verdict(whole.median, IN_PROCESS_TARGET),
  ]);
}

// ---------------------------------------------------------------------------------------------
// (e): scaling, in-process, on generated workspaces alone.

const scalingRows: Cell[][] = [];
for (const size of SCALING) {
  const { layer, topics } = stressLayer(size.facts);
  const workspace = loadWorkspace([layer]);
  const set = loadTemplates(workspace.otherFiles);
  const stressRequest = { template: 'bench-stress', topics };
  const runs = size.pages >= 300 ? 3 : 5;
  // The largest rows run past the app's default page budget on purpose.
  const options = { now, maxPages: 100_000 };
  let paper = prepareBrief(workspace, set, stressRequest, options);
  const prep = measure(() => (paper = prepareBrief(workspace, set, stressRequest, options)), { runs, warmup: 1 });
  let pdfBytes: Uint8Array = new Uint8Array();
  const pdf = await measureAsync(async () => (pdfBytes = await writeDocument(paper, 'pdf')), { runs, warmup: 1 });
  const docx = await measureAsync(() => writeDocument(paper, 'docx'), { runs, warmup: 1 });
  const pages = countPdfPages(pdfBytes);
  scalingRows.push([
    `~${size.pages}`,
    size.facts.toLocaleString('en'),
    pages,
    `${Math.round(paper.markdown.length / 1024)} KB`,
    ms(prep.median),
    ms(pdf.median),
    `${(pdf.median / pages).toFixed(1)} ms`,
    ms(docx.median),
  ]);
  console.log(`scaling: ${pages} pages done`);
}

const loadAfter = loadavg()[0]!;
notes.push(
  `- Load average (1 min) ${loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after the bench, on ${process.env.BENCH_MACHINE_NOTE ?? 'a machine shared with other work'}: wall-clock times include waiting for a core.`,
  '- The MD rows are the floor every format pays in a fresh process: starting node and loading modules, opening the workspace, running the template and reading the Markdown, with cold code.',
  '- Whole process: `node bin/briefwright.js generate … --out FILE` as built by `npm run build:cli`, with an empty user folder; pandoc converts our `--format md` output (`pandoc -f markdown -t docx`), Chromium prints our `--format html` output (`--headless --print-to-pdf`, the flags of the issue, a fresh profile each run). Ours includes opening the workspace; theirs starts from our file.',
  '- Resident process: the same command with `BRIEFWRIGHT_RESIDENT=1`. The first command of the bench starts the process (and runs cold itself); three commands per format warm it up before any is counted, as the commands of a working session would. Its times are the client\'s whole process: starting node, handing over the arguments, the work done in the warm process, the file written. The resident process\'s CPU time is not the client\'s, so it is not shown.',
  `- The ~100-page paper is the bundled workspace plus ${STRESS_FACTS.toLocaleString('en')} generated facts (bench/generate-workspace.ts), with a template that prints every fact of 12 topics year by year, with a chart and a table of key figures per topic.`,
);

writeResults({
  name: 'generate',
  title: 'Generating papers: whole process, against pandoc and Chromium, in-process, scaling',
  description:
    'Medians of wall-clock times. In-process figures are after warm-up in one process (templates compiled, fonts loaded, words shaped); whole-process figures are fresh `node` processes, as a user runs the command.',
  tables: [
    { title: '(a, b) Whole process: `briefwright generate`, wall-clock median and best of 5, and the CPU time it used', columns: ['paper', 'format', 'median', 'best', 'CPU (median)', ''], rows: wholeRows },
    { title: '(c) Against pandoc (DOCX) and headless Chromium (PDF), whole process, median of 5', columns: ['paper', 'format', 'ours', 'theirs', 'ours/theirs', 'target', ''], rows: versusRows },
    {
      title: `(d) In-process, warm: pre-visit brief, all topics (target under ${IN_PROCESS_TARGET} ms per format, request → bytes)`,
      columns: ['step', 'median', 'CPU', 'request → bytes', 'CPU', ''],
      rows: warmRows,
    },
    { title: '(e) Scaling in-process (generated workspace alone), median of 3–5 after a warm-up', columns: ['paper', 'facts', 'PDF pages', 'Markdown', 'prepare', 'PDF', 'PDF per page', 'DOCX'], rows: scalingRows },
  ],
  notes,
});
const residentProcess = readEndpoint(residentHome);
if (residentProcess) process.kill(residentProcess.pid, 'SIGTERM');
rmSync(work, { recursive: true, force: true });

/** `measure` for asynchronous work. */
async function measureAsync(fn: () => Promise<unknown>, { runs = 5, warmup = 1 }: { runs?: number; warmup?: number } = {}): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return { median: median(times), min: times[0]!, max: times[times.length - 1]!, cpuMedian: median(cpu), runs };
}
