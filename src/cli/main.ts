// The `briefwright` command (docs/architecture.md, "Hosts, the API and the command line"; the
// README lists its flags): parses flags, opens the workspace and hands the work to core. Exit 0 on
// success, 1 on a user error (with file:line:column where there is one), 2 on an internal fault.
// Nothing here prints a stack trace.
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { inputChecks, inTemplate, type InputValue } from '../core/brief';
import { renderBrief } from '../core/write';
import { BriefError, formatDiagnostic, hasErrors, type Diagnostic } from '../core/diagnostics';
import { loadTemplates } from '../core/templates/template';
import { parseYaml } from '../core/workspace/yaml';
import { writeFileAtomic } from '../platform/atomic-write';
import { useNodeHost } from '../platform/core-host';
import { fileFailure } from '../platform/file-errors';
import { MAX_INPUT_CHARS, checkInputs } from '../shared/inputs';
import { FORMATS, FORMAT_IDS, formatOfExtension, isFormatId } from '../shared/formats';
import { queryFacts } from '../core/facts/query';
import { parseDate } from '../core/facts/dates';
import { FACT_KINDS, type FactKind } from '../core/facts/schema';
import { quote, visible } from '../core/quote';
import { didYouMean } from '../core/suggest';
import type { Workspace } from '../core/workspace/load';
import { trialRunAll } from '../app/template-check';
import { decodeText, openWorkspace, workspaceFolderProblem } from '../platform/workspace-folder';
import { formatFactTable } from './format';

export class UsageError extends Error {}

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /**
   * Whether the user has stopped the command (the resident process's client was interrupted):
   * a paper is then not written, as a cold command stopped with Ctrl-C writes none.
   */
  stopped?: () => boolean | Promise<boolean>;
}

/** The exit status of a command stopped by the user (SIGINT's, as a shell reports it). */
export const STOPPED = 130;

const defaultIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

const USAGE = `Usage:
  briefwright generate --template ID [--topics a,b] [--from DATE] [--to DATE]
                       [--set key=value]... [--input FILE.yaml] [--format ${FORMAT_IDS.join('|')}]
                       --out FILE [--workspace DIR] [--max-pages N]
  briefwright facts    [--topics a,b] [--from DATE] [--to DATE] [--entity ID] [--search TEXT] [--json]
  briefwright templates [--json]
  briefwright validate [--workspace DIR]

DATE is YYYY, YYYY-MM or YYYY-MM-DD. --workspace DIR adds a folder on top of the bundled workspace.
--max-pages N stops a paper that would run past about N pages (default 500) before it is laid out.
`;

type Command = (args: string[], io: Io) => Promise<number>;

const commands: Record<string, Command> = {
  generate: generateCommand,
  facts: factsCommand,
  templates: templatesCommand,
  validate: validateCommand,
};

/** Runs the command line `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[], given: Io = defaultIo): Promise<number> {
  useNodeHost();
  const [name, ...rest] = argv;
  // Everything the command writes passes here: workspace data (a fact, a file name, a template's
  // description) can hold escape sequences, and none may reach the terminal as such. Listings
  // keep their lines; JSON keeps its meaning (what this escapes, JSON reads as the same characters).
  const io: Io = { ...given, out: (text) => given.out(visible(text, { lines: true })), err: (text) => given.err(visible(text, { lines: true })) };
  try {
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      io.out(USAGE);
      return name ? 0 : 1;
    }
    const command = commands[name];
    if (!command) throw new UsageError(`unknown command ${quote(name)} (commands: ${Object.keys(commands).join(', ')})`);
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`briefwright: ${error.message}\nRun "briefwright --help" for usage.\n`);
      return 1;
    }
    if (error instanceof BriefError) {
      for (const d of error.diagnostics) io.err(`${d.file ? '' : 'briefwright: '}${formatDiagnostic(d)}\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`briefwright: internal error: ${message}\nPlease report this with the command you ran.\n`);
    return 2;
  }
}

/** node:util parseArgs, with its errors turned into one plain sentence. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true }).values;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(
      message
        .replace(/^Unknown option '(.+?)'.*$/s, 'unknown flag $1')
        .replace(/^Option '(-[^' ]+)(?: <value>)?' argument missing.*$/s, '$1 needs a value')
        .replace(/^Unexpected argument '(.*)'.*$/s, 'unexpected argument "$1": every value follows its flag (--template ID, --out FILE, …)')
        .replace(/\. To specify a positional.*$/s, ''),
    );
  }
}

export const listFlag = (value: string | undefined): string[] =>
  value ? value.split(',').map((v) => v.trim()).filter(Boolean) : [];

export function requireKnown(kind: string, ids: readonly string[], known: Map<string, unknown>): void {
  for (const id of ids) {
    if (known.has(id)) continue;
    // A short vocabulary is listed; a long one would bury the message.
    const hint = known.size <= 20 ? ` (known: ${[...known.keys()].join(', ')})` : didYouMean(id, known.keys()) || ` (none of the ${known.size} known)`;
    throw new UsageError(`unknown ${kind} ${quote(id)}${hint}`);
  }
}

/** A DATE flag that is not a date is a bad flag, named as such. */
function checkDateFlags(flags: { from?: string; to?: string }): void {
  for (const name of ['from', 'to'] as const) {
    const value = flags[name];
    if (value === undefined) continue;
    const parsed = parseDate(value);
    if ('error' in parsed) throw new UsageError(`--${name}: ${parsed.error}`);
  }
}

/** The workspace with the folders of `--workspace` on top; a folder that is not there, or not a workspace, is a bad flag. */
async function openWorkspaceFlag(folders: readonly string[] | undefined): Promise<Workspace> {
  for (const folder of folders ?? []) {
    const problem = await workspaceFolderProblem(folder);
    if (problem) throw new UsageError(`--workspace "${folder}": ${problem}`);
  }
  return openWorkspace({ extra: folders ?? [] });
}

/** Warns once on stderr when the workspace has problems, so output stays usable but honest. */
export function reportWorkspaceProblems(workspace: Workspace, io: Io): void {
  const errors = workspace.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0) {
    io.err(`briefwright: warning: ${errors} problem${errors === 1 ? '' : 's'} in the workspace; the affected records are left out (run "briefwright validate" for details)\n`);
  }
}

async function factsCommand(args: string[], io: Io): Promise<number> {
  const flags = parseFlags(args, {
    topics: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    entity: { type: 'string', multiple: true },
    kind: { type: 'string' },
    source: { type: 'string' },
    search: { type: 'string' },
    json: { type: 'boolean' },
    workspace: { type: 'string', multiple: true },
  });
  checkDateFlags(flags);
  const workspace = await openWorkspaceFlag(flags.workspace);
  reportWorkspaceProblems(workspace, io);
  const topics = listFlag(flags.topics);
  requireKnown('topic', topics, workspace.topics);
  const entities = (flags.entity ?? []).flatMap(listFlag);
  requireKnown('entity', entities, workspace.entities);
  const sources = listFlag(flags.source);
  requireKnown('source', sources, workspace.sources);
  const kinds = listFlag(flags.kind);
  for (const kind of kinds) {
    if (!(FACT_KINDS as readonly string[]).includes(kind)) throw new UsageError(`unknown kind ${quote(kind)} (kinds: ${FACT_KINDS.join(', ')})`);
  }
  const result = queryFacts(workspace, {
    topics,
    entities,
    sources,
    kinds: kinds as FactKind[],
    ...(flags.from ? { from: flags.from } : {}),
    ...(flags.to ? { to: flags.to } : {}),
    ...(flags.search ? { text: flags.search } : {}),
  });
  if ('error' in result) throw new UsageError(result.error);
  if (flags.json) {
    io.out(`${JSON.stringify(result.facts, null, 2)}\n`);
  } else {
    io.out(formatFactTable(workspace, result.facts));
  }
  return 0;
}

async function validateCommand(args: string[], io: Io): Promise<number> {
  const flags = parseFlags(args, { workspace: { type: 'string', multiple: true } });
  const workspace = await openWorkspaceFlag(flags.workspace);
  // Templates too: their front matter, and (for any not bundled) a trial run of their body.
  const templates = loadTemplates(workspace.otherFiles);
  const diagnostics = [...workspace.diagnostics, ...templates.diagnostics, ...trialRunAll(workspace, templates, {})];
  for (const d of diagnostics) io.err(`${formatDiagnostic(d)}\n`);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const summary = `${workspace.facts.length} facts, ${workspace.sources.size} sources, ${workspace.topics.size} topics, ${workspace.indicators.size} indicators, ${workspace.entities.size} entities, ${templates.templates.size} templates`;
  if (hasErrors(diagnostics)) {
    io.err(`briefwright: the workspace has ${errors} error${errors === 1 ? '' : 's'}${warnings ? ` and ${warnings} warning${warnings === 1 ? '' : 's'}` : ''} (${summary} load)\n`);
    return 1;
  }
  io.out(`Workspace ${quote(workspace.name)} is valid: ${summary}${warnings ? `; ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}.\n`);
  return 0;
}

async function generateCommand(args: string[], io: Io): Promise<number> {
  const flags = parseFlags(args, {
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
  });
  if (!flags.template) throw new UsageError('--template is required (run "briefwright templates" to list them)');
  const maxPages = flags['max-pages'] === undefined ? undefined : Number(flags['max-pages']);
  if (maxPages !== undefined && !(Number.isInteger(maxPages) && maxPages >= 1 && maxPages <= 100_000)) {
    throw new UsageError(`--max-pages takes a whole number of pages from 1 to 100000 (got ${quote(flags['max-pages']!)})`);
  }
  if (!flags.out) throw new UsageError('--out FILE is required');
  const out = resolve(flags.out);
  const format = flags.format === undefined ? formatOfExtension(extname(out).slice(1)) : isFormatId(flags.format) ? flags.format : undefined;
  if (!format) {
    const endings = FORMAT_IDS.map((id) => `.${FORMATS[id].extension}`);
    throw new UsageError(
      flags.format
        ? `unknown format ${quote(flags.format)} (formats: ${FORMAT_IDS.join(', ')})`
        : `cannot tell the format from "${flags.out}": give --format (${FORMAT_IDS.join(', ')}) or an --out ending in ${endings.slice(0, -1).join(', ')} or ${endings.at(-1)}`,
    );
  }
  const folder = await stat(dirname(out)).catch(() => undefined);
  if (!folder) throw new UsageError(`the output folder "${dirname(flags.out)}" does not exist`);
  if (!folder.isDirectory()) throw new UsageError(`the output folder "${dirname(flags.out)}" is a file, not a folder`);
  if (await stat(out).then((s) => s.isDirectory()).catch(() => false)) {
    throw new UsageError(`--out "${flags.out}" is a folder: name a file`);
  }
  // Without a prototype, so that a key like "__proto__" is an input like any other (and reported as unknown).
  const file = flags.input ? await readInputFile(flags.input) : undefined;
  const inputs: Record<string, unknown> = Object.assign(Object.create(null), file?.values);
  const setKeys = new Set<string>();
  for (const pair of flags.set ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set takes key=value (got ${quote(pair)})`);
    const key = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1);
    if (value.length > MAX_INPUT_CHARS) throw new UsageError(`--set input ${quote(key)} has a text of ${value.length} characters; an input holds at most ${MAX_INPUT_CHARS}`);
    setKeys.add(key);
    const previous = inputs[key];
    // A key set twice on the command line builds a list (for list inputs); --set replaces what the file says.
    const setBefore = previous !== undefined && !Object.hasOwn(file?.values ?? {}, key);
    inputs[key] = setBefore ? [...(Array.isArray(previous) ? previous : [previous]), value] : value;
    if (file && Object.hasOwn(file.values, key)) delete file.values[key];
  }

  const workspace = await openWorkspaceFlag(flags.workspace);
  reportWorkspaceProblems(workspace, io);
  const exclude = listFlag(flags.exclude);
  for (const id of exclude) {
    if (!workspace.factsById.has(id)) throw new UsageError(`--exclude: unknown fact ${quote(id)}${didYouMean(id, workspace.factsById.keys())} (run "briefwright facts" to list them)`);
  }
  const templates = loadTemplates(workspace.otherFiles);
  // A template that is not there may be one whose file is broken: say what is wrong with it.
  const templateProblems = [...workspace.diagnostics.filter((d) => d.file.endsWith('.hbs')), ...templates.diagnostics].filter((d) => d.severity === 'error');
  if (!templates.templates.has(flags.template) && templateProblems.length > 0) {
    const known = [...templates.templates.keys()].sort().join(', ');
    throw new BriefError([
      ...templateProblems,
      { severity: 'error', file: '', message: `unknown template ${quote(flags.template)} (templates: ${known}; a template file above did not load)` },
    ]);
  }
  const template = templates.templates.get(flags.template);
  if (template) {
    const { values, problems } = checkInputs(template.inputs, inputs, inputChecks(workspace));
    // More than an input holds, given with --set, is a usage error; a value the file gave is
    // placed at its line and column there; the rest is the template's to ask for.
    const overLimit = problems.find((p) => typeof p.at[0] === 'string' && setKeys.has(p.at[0]) && / holds at most /.test(p.message));
    if (overLimit) throw new UsageError(`--set ${overLimit.message}`);
    const placed = problems.map((p): Diagnostic => {
      const message = inTemplate(template, p.message);
      const fromFile = file && typeof p.at[0] === 'string' && Object.hasOwn(file.values, p.at[0]);
      if (!fromFile) return { severity: 'error', file: template.file, message };
      const unknownKey = p.message.startsWith('there is no input') || / has no column /.test(p.message);
      return { severity: 'error', file: file.path, ...file.locate(p.at, { key: unknownKey }), message };
    });
    if (placed.length > 0) throw new BriefError(placed);
    Object.assign(inputs, values);
  }
  const brief = await renderBrief(
    workspace,
    templates,
    {
      template: flags.template,
      ...(flags.topics ? { topics: listFlag(flags.topics) } : {}),
      ...(flags.from ? { from: flags.from } : {}),
      ...(flags.to ? { to: flags.to } : {}),
      // Checked against the template above; with an unknown template, renderBrief reports that.
      inputs: inputs as Record<string, InputValue>,
      exclude,
    },
    format,
    {
      ...(flags.author ? { author: flags.author } : {}),
      ...(flags.organisation ? { organisation: flags.organisation } : {}),
      ...(maxPages !== undefined ? { maxPages } : {}),
    },
  );
  for (const d of [...workspace.style.diagnostics, ...brief.diagnostics]) io.err(`${formatDiagnostic(d)}\n`);
  if (await io.stopped?.()) return STOPPED;
  try {
    await writeFileAtomic(out, brief.bytes);
  } catch (error) {
    const failure = fileFailure(error);
    if (failure) throw new BriefError([{ severity: 'error', file: '', message: `cannot write "${flags.out}": ${failure.reason}` }]);
    throw error;
  }
  io.out(`Wrote ${flags.out} (${format.toUpperCase()}, ${brief.document.notes.length} citations from ${brief.document.sources.length} sources, ${brief.facts.length} facts selected)\n`);
  return 0;
}

interface InputFile {
  path: string;
  /** The file's mapping of input keys to values, as YAML gives them (checked against the template later). */
  values: Record<string, unknown>;
  locate: (at: (string | number)[], options?: { key?: boolean }) => { line: number; column: number };
}

async function readInputFile(path: string): Promise<InputFile> {
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new UsageError(`--input "${path}" is a folder: name a YAML file`);
    if (!info.isFile()) throw new UsageError(`--input "${path}" is not a file (a named pipe or a device?): name a YAML file`);
    // Inputs are a few lines; anything near this is not an inputs file.
    if (info.size > 1024 * 1024) throw new UsageError(`--input "${path}" is too large for an inputs file (${(info.size / 1048576).toFixed(1)} MB; the limit is 1 MB)`);
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (fileFailure(error)?.reason ?? 'unreadable');
    throw new UsageError(`cannot read --input file "${path}" (${why})`);
  }
  const decoded = decodeText(bytes);
  if ('error' in decoded) throw new BriefError([{ severity: 'error', file: path, line: decoded.line, column: decoded.column, message: decoded.error }]);
  const parsed = parseYaml(path, decoded.text);
  if (hasErrors(parsed.diagnostics)) throw new BriefError(parsed.diagnostics);
  const value = parsed.value ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new BriefError([{ severity: 'error', file: path, line: 1, column: 1, message: 'an input file is a mapping of input keys to values (key: value)' }]);
  }
  // Without a prototype, so that a key like "__proto__" is an input like any other.
  const values: Record<string, unknown> = Object.assign(Object.create(null), value);
  return { path, values, locate: (at, options) => parsed.locate(at, options) };
}

async function templatesCommand(args: string[], io: Io): Promise<number> {
  const flags = parseFlags(args, { json: { type: 'boolean' }, workspace: { type: 'string', multiple: true } });
  const workspace = await openWorkspaceFlag(flags.workspace);
  const set = loadTemplates(workspace.otherFiles);
  for (const d of set.diagnostics) io.err(`${formatDiagnostic(d)}\n`);
  const templates = [...set.templates.values()].sort((a, b) => a.name.localeCompare(b.name));
  if (flags.json) {
    io.out(`${JSON.stringify(templates.map(({ body: _b, text: _t, ...meta }) => meta), null, 2)}\n`);
    return 0;
  }
  for (const t of templates) {
    const inputs = t.inputs.map((i) => `${i.key}${i.required ? '*' : ''}`).join(', ');
    io.out(`${t.id.padEnd(20)} ${visible(t.name)}${t.layer === 'bundled' ? '' : ` (${visible(t.layer)})`}\n${' '.repeat(21)}${visible(t.description)}\n${' '.repeat(21)}inputs: ${inputs || 'none'}\n`);
  }
  io.out(`\n${templates.length} templates (* = required input)\n`);
  return 0;
}
