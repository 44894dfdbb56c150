// `briefwright generate` (../../README.md, "The command line"): a paper from flags, from a saved
// brief (`generate NAME.brief.yaml`, whose fields the flags beside it override), or one paper per
// topic into a folder (`--each-topic`) or into one PDF behind a contents page (`--each-topic
// --combined`, core/pack). Every way is one run: the choices are settled and checked
// first (a fault there writes nothing), the workspace and templates are opened once, then each
// paper is made and written atomically, one after another.
import { mkdir, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { inputChecks, inTemplate, selectFacts, type BriefRequest, type InputValue } from '../core/brief';
import { BriefError, formatDiagnostic, hasErrors, type Diagnostic } from '../core/diagnostics';
import { quote } from '../core/quote';
import { BRIEF_EXTENSION, readSavedBrief, titleOfFile, unknownExclusions, type ReadBrief, type SavedBrief } from '../core/saved-brief';
import { didYouMean } from '../core/suggest';
import { loadTemplates, type Template, type TemplateSet } from '../core/templates/template';
import type { Workspace } from '../core/workspace/load';
import { parseYaml } from '../core/workspace/yaml';
import type { StyleTokens } from '../core/writers/style';
import { renderBrief, type RenderedBrief } from '../core/write';
import { writeFileAtomic } from '../platform/atomic-write';
import { fileFailure } from '../platform/file-errors';
import { FORMATS, FORMAT_IDS, formatOfExtension, isFormatId, type FormatId } from '../shared/formats';
import { MAX_INPUT_CHARS, checkInputs } from '../shared/inputs';
import { listFlag, openWorkspaceFlag, parseCommandLine, readNamedTextFile, reportWorkspaceProblems, STOPPED, UsageError, type Io, type NamedFile } from './command';

const FLAGS = {
  template: { type: 'string' },
  topics: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  set: { type: 'string', multiple: true },
  input: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  exclude: { type: 'string' },
  workspace: { type: 'string', multiple: true },
  author: { type: 'string' },
  organisation: { type: 'string' },
  'max-pages': { type: 'string' },
  'each-topic': { type: 'boolean' },
  combined: { type: 'boolean' },
} as const;

type Flags = ReturnType<typeof parseCommandLine<typeof FLAGS>>['values'];

const INPUT_FILE: NamedFile = { name: '--input', reading: '--input file', expected: 'a YAML file', kind: 'an inputs file', maxBytes: 1024 * 1024 };
// As large as the app lets a saved brief be: its last export lists the facts it printed.
const BRIEF_FILE: NamedFile = { name: 'the saved brief', reading: 'the saved brief', expected: `a file ending in ${BRIEF_EXTENSION}`, kind: 'a saved brief', maxBytes: 2 * 1024 * 1024 };

/** A file whose values are the template's inputs: an `--input` file, or a saved brief's `inputs:`. */
interface InputSource {
  path: string;
  values: Record<string, unknown>;
  /** Where the value at a path below the input's key starts in the file. */
  locate: (at: readonly (string | number)[], options?: { key?: boolean }) => { line: number; column: number };
}

interface OpenedBrief {
  path: string;
  brief: SavedBrief;
  read: ReadBrief;
}

/** One paper to make: its topics (else the request's) and the file it goes to. */
interface Paper {
  topics?: string[];
  out: string;
  /** The file as the user would name it (relative where they gave it so). */
  shown: string;
}

export async function generateCommand(args: string[], io: Io): Promise<number> {
  const { values: flags, positionals } = parseCommandLine(args, FLAGS);
  const briefPath = briefArgument(positionals);
  const saved = briefPath === undefined ? undefined : await openSavedBrief(briefPath, io);
  const templateId = flags.template ?? saved?.brief.template;
  if (!templateId) throw new UsageError('--template is required (run "briefwright templates" to list them)');
  const maxPages = flags['max-pages'] === undefined ? undefined : Number(flags['max-pages']);
  if (maxPages !== undefined && !(Number.isInteger(maxPages) && maxPages >= 1 && maxPages <= 100_000)) {
    throw new UsageError(`--max-pages takes a whole number of pages from 1 to 100000 (got ${quote(flags['max-pages']!)})`);
  }
  const eachTopic = flags['each-topic'] === true;
  const combined = flags.combined === true;
  if (combined && !eachTopic) throw new UsageError('--combined goes with --each-topic: it joins the paper of each topic into one PDF behind a contents page');
  const format = combined ? combinedFormat(flags) : chooseFormat(flags, saved?.brief, eachTopic);
  const target = combined ? { ...(await outputFile(flags.out, undefined, format)), kind: 'pack' as const } : eachTopic ? await outputFolder(flags.out) : await outputFile(flags.out, saved?.path, format);

  const inputFile = flags.input ? await readInputFile(flags.input) : undefined;

  const workspace = await openWorkspaceFlag(flags.workspace);
  reportWorkspaceProblems(workspace, io);
  const exclude = chooseExclusions(flags, saved, workspace, io);
  const templates = loadTemplates(workspace.otherFiles);
  const template = chooseTemplate(templateId, saved && flags.template === undefined ? saved : undefined, workspace, templates);
  const sources: InputSource[] = [];
  if (saved) sources.push({ path: saved.path, values: briefInputsFor(saved, template, flags.template !== undefined, io), locate: (at, options) => saved.read.locate(['inputs', ...at], options) });
  if (inputFile) sources.push(inputFile);
  const { inputs, owner, setKeys } = gatherInputs(sources, flags.set ?? []);
  const briefTopics = saved && flags.topics === undefined ? saved.brief.topics : [];
  const checked = checkTemplateInputs(template, workspace, inputs, owner, setKeys);
  const faults = [...(saved ? unknownBriefTopics(saved, briefTopics, workspace) : []), ...checked.problems];
  if (faults.length > 0) throw new BriefError(faults);
  const values = checked.values;
  const topics = flags.topics !== undefined ? listFlag(flags.topics) : briefTopics;
  const from = flags.from ?? saved?.brief.from;
  const to = flags.to ?? saved?.brief.to;
  const request: BriefRequest = {
    template: templateId,
    ...(topics.length > 0 ? { topics } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    // Checked against the template above.
    inputs: values as Record<string, InputValue>,
    exclude,
  };
  const options = {
    ...(flags.author ? { author: flags.author } : {}),
    ...(flags.organisation ? { organisation: flags.organisation } : {}),
    ...(maxPages !== undefined ? { maxPages } : {}),
  };
  const ran = saved ? `, from the saved brief ${saved.path}` : '';
  const make = (paper: Paper): Promise<RenderedBrief> => renderBrief(workspace, templates, paper.topics ? { ...request, topics: paper.topics } : request, format, options);
  const report = (diagnostics: readonly Diagnostic[]) => {
    for (const d of diagnostics) io.err(`${formatDiagnostic(d)}\n`);
  };

  if (target.kind === 'file') {
    const rendered = await make(target);
    report([...workspace.style.diagnostics, ...rendered.diagnostics]);
    if (await io.stopped?.()) return STOPPED;
    await writePaper(target, rendered.bytes);
    io.out(`Wrote ${target.shown} (${describe(rendered)})${ran}\n`);
    return 0;
  }

  // One paper per topic: the topics chosen, else every topic of the workspace in its order.
  const chosen = [...new Set(topics.length > 0 ? topics : [...workspace.topics.keys()])];
  // What every paper shares (a date, a topic that does not exist) fails before any is made.
  const problems: Diagnostic[] = [];
  for (const topic of chosen) selectFacts(workspace, template, { ...request, topics: [topic] }, problems);
  if (problems.length > 0) throw new BriefError([...new Map(problems.map((p) => [p.message, p])).values()]);
  report(workspace.style.diagnostics);
  const papers = (n: number) => `${n} paper${n === 1 ? '' : 's'}`;
  if (target.kind === 'pack') return writePack(target, chosen, { make, report, io, ran, papers, templateName: template.name, style: workspace.style.tokens, label: (id) => workspace.topics.get(id)?.label ?? id });
  try {
    await mkdir(target.out, { recursive: true });
  } catch (error) {
    const failure = fileFailure(error);
    if (failure) throw new BriefError([{ severity: 'error', file: '', message: `cannot make the folder "${target.shown}": ${failure.reason}` }]);
    throw error;
  }
  const failed: string[] = [];
  let fault = false;
  for (const topic of chosen) {
    const name = `${topic}.${FORMATS[format].extension}`;
    const paper: Paper = { topics: [topic], out: join(target.out, name), shown: join(target.shown, name) };
    try {
      const rendered = await make(paper);
      report(rendered.diagnostics);
      if (await io.stopped?.()) return STOPPED;
      await writePaper(paper, rendered.bytes);
      io.out(`${topic}: wrote ${paper.shown} (${describe(rendered)})\n`);
    } catch (error) {
      failed.push(topic);
      if (reportFailure(topic, error, io)) fault = true;
    }
  }
  const written = chosen.length - failed.length;
  if (failed.length === 0) {
    io.out(`Wrote ${papers(written)} into ${target.shown}, one per topic${ran}\n`);
    return 0;
  }
  io.err(`briefwright: ${failed.length} of ${papers(chosen.length)} failed (${failed.join(', ')}); ${written} written into ${target.shown}\n`);
  return fault ? 2 : 1;
}

/** Says why a topic's paper failed; true when it was a fault of ours, not the user's. */
function reportFailure(topic: string, error: unknown, io: Io): boolean {
  if (error instanceof BriefError) {
    io.err(`${topic}: failed: ${error.diagnostics.map(formatDiagnostic).join('; ')}\n`);
    return false;
  }
  io.err(`${topic}: failed: internal error: ${error instanceof Error ? error.message : String(error)} (please report this with the command you ran)\n`);
  return true;
}

interface PackRun {
  make: (paper: Paper) => Promise<RenderedBrief>;
  report: (diagnostics: readonly Diagnostic[]) => void;
  io: Io;
  /** How the run began, for its last line: `, from the saved brief …`. */
  ran: string;
  papers: (n: number) => string;
  templateName: string;
  style: StyleTokens;
  /** A topic's name as the workspace gives it. */
  label: (topic: string) => string;
}

/**
 * `--each-topic --combined`: the paper of each topic, made one after another, joined behind a
 * contents page into one PDF, written atomically. A paper that fails is left out and said; when
 * every paper fails, nothing is written. Each paper written is a line with its pages in the file.
 */
async function writePack(target: Paper, chosen: readonly string[], run: PackRun): Promise<number> {
  const { make, report, io, ran, papers } = run;
  const made: { topic: string; rendered: RenderedBrief }[] = [];
  const failed: string[] = [];
  let fault = false;
  for (const topic of chosen) {
    try {
      const rendered = await make({ topics: [topic], out: target.out, shown: target.shown });
      report(rendered.diagnostics);
      made.push({ topic, rendered });
    } catch (error) {
      failed.push(topic);
      if (reportFailure(topic, error, io)) fault = true;
    }
    if (await io.stopped?.()) return STOPPED;
  }
  if (made.length === 0) {
    io.err(`briefwright: no paper was made (${failed.length} failed); nothing written to ${target.shown}\n`);
    return fault ? 2 : 1;
  }
  // Loaded with the first pack: the PDF reader it needs is no part of any other command.
  const { packPapers } = await import('../core/pack');
  const pack = await packPapers(
    made.map(({ topic, rendered }) => ({
      topic: { id: topic, label: run.label(topic) },
      bytes: rendered.bytes,
      meta: rendered.document.meta,
      page: rendered.document.page,
    })),
    { templateName: run.templateName, style: run.style },
  );
  if (await io.stopped?.()) return STOPPED;
  await writePaper(target, pack.bytes);
  made.forEach(({ topic, rendered }, i) => {
    const start = pack.starts[i]!;
    const end = start + pack.pages[i]! - 1;
    io.out(`${topic}: ${start === end ? `page ${start}` : `pages ${start}–${end}`} of ${target.shown} (${describe(rendered)})\n`);
  });
  const total = pack.contentsPages + pack.pages.reduce((sum, n) => sum + n, 0);
  const contents = pack.contentsPages === 1 ? 'a contents page' : `${pack.contentsPages} pages of contents`;
  const summary = `${contents} and ${papers(made.length)}, one per topic, ${total} pages`;
  if (failed.length === 0) {
    io.out(`Wrote ${target.shown}: ${summary}${ran}\n`);
    return 0;
  }
  io.err(`briefwright: ${failed.length} of ${papers(chosen.length)} failed (${failed.join(', ')}); ${target.shown} holds the other ${made.length}\n`);
  return fault ? 2 : 1;
}

/**
 * `--combined` makes one PDF: a --format of another kind, or an --out not ending in .pdf, is a
 * mistake said as such rather than a file named .docx that holds a PDF.
 */
function combinedFormat(flags: Flags): FormatId {
  if (flags.format !== undefined && flags.format !== 'pdf') {
    throw new UsageError(`--combined makes one PDF with a contents page; it cannot be ${quote(flags.format)} (leave out --combined for a folder of ${flags.format} files, one per topic)`);
  }
  if (flags.out === undefined) throw new UsageError('--out FILE.pdf is required with --combined: the PDF the papers go into');
  if (formatOfExtension(extname(flags.out).slice(1)) !== 'pdf') throw new UsageError(`--combined makes one PDF: --out names a file ending in .pdf (got "${flags.out}")`);
  return 'pdf';
}

/** The saved brief among the values given without a flag; any other such value is a mistake. */
function briefArgument(positionals: readonly string[]): string | undefined {
  for (const value of positionals) {
    if (value.endsWith(BRIEF_EXTENSION)) continue;
    if (/\.ya?ml$/i.test(value)) throw new UsageError(`"${value}" is not a saved brief: a saved brief's file name ends in ${BRIEF_EXTENSION} (give an inputs file with --input)`);
    throw new UsageError(`unexpected argument "${value}": every value follows its flag (--template ID, --out FILE, …)`);
  }
  if (positionals.length > 1) throw new UsageError(`generate runs one saved brief at a time (given: ${positionals.map((p) => `"${p}"`).join(', ')})`);
  return positionals[0];
}

/** Reads a saved brief: its errors stop the command, its warnings are printed and it is used. */
async function openSavedBrief(path: string, io: Io): Promise<OpenedBrief> {
  const read = readSavedBrief(path, await readNamedTextFile(path, BRIEF_FILE));
  if (!read.brief || hasErrors(read.diagnostics)) throw new BriefError(read.diagnostics);
  for (const d of read.diagnostics) io.err(`${formatDiagnostic(d)}\n`);
  return { path, brief: read.brief, read };
}

/**
 * The paper's format: --format, else what the --out file's ending names, else the saved brief's
 * format, else PDF where there is a default (a brief, or a folder of papers, which has no ending
 * to tell).
 */
function chooseFormat(flags: Flags, brief: SavedBrief | undefined, eachTopic: boolean): FormatId {
  if (flags.format !== undefined) {
    if (isFormatId(flags.format)) return flags.format;
    throw new UsageError(`unknown format ${quote(flags.format)} (formats: ${FORMAT_IDS.join(', ')})`);
  }
  const named = flags.out !== undefined && !eachTopic ? formatOfExtension(extname(flags.out).slice(1)) : undefined;
  if (named) return named;
  if (brief?.format) return brief.format;
  if (brief || eachTopic) return 'pdf';
  if (flags.out === undefined) throw new UsageError('--out FILE is required');
  const endings = FORMAT_IDS.map((id) => `.${FORMATS[id].extension}`);
  throw new UsageError(
    `cannot tell the format from "${flags.out}": give --format (${FORMAT_IDS.join(', ')}) or an --out ending in ${endings.slice(0, -1).join(', ')} or ${endings.at(-1)}`,
  );
}

/** The file of a single paper: --out, else beside the saved brief and named after it (visit.brief.yaml → visit.pdf). */
async function outputFile(given: string | undefined, briefPath: string | undefined, format: FormatId): Promise<Paper & { kind: 'file' }> {
  if (given === undefined && briefPath === undefined) throw new UsageError('--out FILE is required');
  const shown = given ?? join(dirname(briefPath!), `${titleOfFile(briefPath!)}.${FORMATS[format].extension}`);
  const out = resolve(shown);
  const folder = await stat(dirname(out)).catch(() => undefined);
  if (!folder) throw new UsageError(`the output folder "${dirname(shown)}" does not exist`);
  if (!folder.isDirectory()) throw new UsageError(`the output folder "${dirname(shown)}" is a file, not a folder`);
  if (await stat(out).then((s) => s.isDirectory()).catch(() => false)) {
    throw new UsageError(given === undefined ? `"${shown}", where the paper would go, is a folder: name a file with --out` : `--out "${shown}" is a folder: name a file`);
  }
  return { kind: 'file', out, shown };
}

/** The folder of `--each-topic`: made when missing, but never a file's place. */
async function outputFolder(given: string | undefined): Promise<{ kind: 'folder'; out: string; shown: string }> {
  if (given === undefined) throw new UsageError('--out DIR is required with --each-topic: the folder the papers go into');
  const out = resolve(given);
  const info = await stat(out).catch(() => undefined);
  if (info && !info.isDirectory()) throw new UsageError(`--out "${given}" is a file: with --each-topic, --out names the folder the papers go into (made if missing)`);
  return { kind: 'folder', out, shown: given };
}

async function writePaper(paper: Paper, bytes: Uint8Array): Promise<void> {
  try {
    await writeFileAtomic(paper.out, bytes);
  } catch (error) {
    const failure = fileFailure(error);
    if (failure) throw new BriefError([{ severity: 'error', file: '', message: `cannot write "${paper.shown}": ${failure.reason}` }]);
    throw error;
  }
}

const describe = (paper: RenderedBrief): string =>
  `${paper.format.toUpperCase()}, ${paper.document.notes.length} citations from ${paper.document.sources.length} sources, ${paper.facts.length} facts selected`;

async function readInputFile(path: string): Promise<InputSource> {
  const parsed = parseYaml(path, await readNamedTextFile(path, INPUT_FILE));
  if (hasErrors(parsed.diagnostics)) throw new BriefError(parsed.diagnostics);
  const value = parsed.value ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new BriefError([{ severity: 'error', file: path, line: 1, column: 1, message: 'an input file is a mapping of input keys to values (key: value)' }]);
  }
  // Without a prototype, so that a key like "__proto__" is an input like any other.
  const values: Record<string, unknown> = Object.assign(Object.create(null), value);
  return { path, values, locate: (at, options) => parsed.locate(at, options) };
}

/**
 * The inputs of the request: each file's values over the one before (the saved brief's, then
 * --input's), and --set over both. `owner` says which file gave a key's value, to place a
 * problem with it at its line and column there.
 */
function gatherInputs(sources: readonly InputSource[], sets: readonly string[]) {
  // Without a prototype, so that a key like "__proto__" is an input like any other (and reported as unknown).
  const inputs: Record<string, unknown> = Object.create(null);
  const owner = new Map<string, InputSource>();
  for (const source of sources) {
    for (const [key, value] of Object.entries(source.values)) {
      inputs[key] = value;
      owner.set(key, source);
    }
  }
  const setKeys = new Set<string>();
  for (const pair of sets) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set takes key=value (got ${quote(pair)})`);
    const key = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1);
    if (value.length > MAX_INPUT_CHARS) throw new UsageError(`--set input ${quote(key)} has a text of ${value.length} characters; an input holds at most ${MAX_INPUT_CHARS}`);
    // A key set twice on the command line builds a list (for list inputs); --set replaces what a file says.
    const previous = inputs[key];
    inputs[key] = setKeys.has(key) ? [...(Array.isArray(previous) ? previous : [previous]), value] : value;
    setKeys.add(key);
    owner.delete(key);
  }
  return { inputs, owner, setKeys };
}

/**
 * The facts left out: --exclude's (each must exist: a mistyped id is a bad flag), else the saved
 * brief's (one that is gone from the workspace is a warning at its line, and left aside).
 */
function chooseExclusions(flags: Flags, saved: OpenedBrief | undefined, workspace: Workspace, io: Io): string[] {
  if (flags.exclude !== undefined || !saved) {
    const exclude = listFlag(flags.exclude);
    for (const id of exclude) {
      if (!workspace.factsById.has(id)) throw new UsageError(`--exclude: unknown fact ${quote(id)}${didYouMean(id, workspace.factsById.keys())} (run "briefwright facts" to list them)`);
    }
    return exclude;
  }
  const known = (id: string) => workspace.factsById.has(id);
  for (const d of unknownExclusions(saved.path, saved.read, known)) io.err(`${formatDiagnostic(d)}\n`);
  return saved.brief.exclude.filter(known);
}

/**
 * The template, or the reason there is none: a template that is not there may be one whose file
 * is broken (say what is wrong with it); one a saved brief names is placed at its line.
 */
function chooseTemplate(id: string, namedBy: OpenedBrief | undefined, workspace: Workspace, templates: TemplateSet): Template {
  const template = templates.templates.get(id);
  if (template) return template;
  const templateProblems = [...workspace.diagnostics.filter((d) => d.file.endsWith('.hbs')), ...templates.diagnostics].filter((d) => d.severity === 'error');
  const known = [...templates.templates.keys()].sort().join(', ');
  const where = namedBy ? { file: namedBy.path, ...namedBy.read.locate(['template']) } : { file: '' };
  const broken = templateProblems.length > 0 ? '; a template file above did not load' : '';
  throw new BriefError([...templateProblems, { severity: 'error', ...where, message: `unknown template ${quote(id)} (templates: ${known}${broken})` }]);
}

/**
 * A saved brief's inputs for the paper's template. With --template naming another template than
 * the brief's, the inputs that template does not take are left out, each with a warning at its
 * line (they were the brief's template's); otherwise every input is checked as it stands.
 */
function briefInputsFor(saved: OpenedBrief, template: Template, overridden: boolean, io: Io): Record<string, unknown> {
  const inputs = saved.brief.inputs;
  if (!overridden || template.id === saved.brief.template) return inputs;
  const declared = new Set(template.inputs.map((i) => i.key));
  const kept: Record<string, unknown> = Object.create(null);
  for (const [key, value] of Object.entries(inputs)) {
    if (declared.has(key)) kept[key] = value;
    else {
      const where = saved.read.locate(['inputs', key], { key: true });
      io.err(`${formatDiagnostic({ severity: 'warning', file: saved.path, ...where, message: `template ${quote(template.id)} has no input ${quote(key)} (the brief's template ${quote(saved.brief.template)} had it); it is left out` })}\n`);
    }
  }
  return kept;
}

/** A saved brief's topics that are not in the workspace, each at its line. */
function unknownBriefTopics(saved: OpenedBrief, topics: readonly string[], workspace: Workspace): Diagnostic[] {
  const known = [...workspace.topics.keys()].join(', ');
  return topics.flatMap((topic, index) =>
    workspace.topics.has(topic) ? [] : [{ severity: 'error' as const, file: saved.path, ...saved.read.locate(['topics', index]), message: `unknown topic ${quote(topic)} (topics: ${known})` }],
  );
}

/**
 * The inputs checked against the template, and their problems. More than an input holds, given
 * with --set, is a usage error; a value a file gave is placed at its line and column there; the
 * rest is the template's to ask for.
 */
function checkTemplateInputs(
  template: Template,
  workspace: Workspace,
  inputs: Record<string, unknown>,
  owner: Map<string, InputSource>,
  setKeys: Set<string>,
): { values: Record<string, unknown>; problems: Diagnostic[] } {
  const { values, problems } = checkInputs(template.inputs, inputs, inputChecks(workspace));
  const overLimit = problems.find((p) => typeof p.at[0] === 'string' && setKeys.has(p.at[0]) && / holds at most /.test(p.message));
  if (overLimit) throw new UsageError(`--set ${overLimit.message}`);
  const placed = problems.map((p): Diagnostic => {
    const message = inTemplate(template, p.message);
    const source = typeof p.at[0] === 'string' ? owner.get(p.at[0]) : undefined;
    if (!source) return { severity: 'error', file: template.file, message };
    const unknownKey = p.message.startsWith('there is no input') || / has no column /.test(p.message);
    return { severity: 'error', file: source.path, ...source.locate(p.at, { key: unknownKey }), message };
  });
  return { values: Object.assign(inputs, values), problems: placed };
}
