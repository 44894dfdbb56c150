// The `briefwright` command (DESIGN.md §6): parses flags, opens the workspace and hands the
// work to core. Exit 0 on success, 1 on a user error (with file:line:column where there is
// one), 2 on an internal fault. Nothing here prints a stack trace.
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { FORMATS, renderBrief, type Format, type InputValue } from '../core/brief';
import { BriefError, formatDiagnostic, hasErrors } from '../core/diagnostics';
import { loadTemplates } from '../core/templates/template';
import { parseYaml } from '../core/workspace/yaml';
import { writeFileAtomic } from '../node/atomic-write';
import { queryFacts } from '../core/facts/query';
import { FACT_KINDS, type FactKind } from '../core/facts/schema';
import type { Workspace } from '../core/workspace/load';
import { openWorkspace } from '../node/workspace-folder';
import { formatFactTable } from './format';

export class UsageError extends Error {}

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const defaultIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

const USAGE = `Usage:
  briefwright generate --template ID [--topics a,b] [--from DATE] [--to DATE]
                       [--set key=value]... [--input FILE.yaml] [--format pdf|docx|html|md]
                       --out FILE [--workspace DIR]
  briefwright facts    [--topics a,b] [--from DATE] [--to DATE] [--entity ID] [--search TEXT] [--json]
  briefwright templates [--json]
  briefwright validate [--workspace DIR]

DATE is YYYY, YYYY-MM or YYYY-MM-DD. --workspace DIR adds a folder on top of the bundled workspace.
`;

type Command = (args: string[], io: Io) => Promise<number>;

const commands: Record<string, Command> = {
  generate: generateCommand,
  facts: factsCommand,
  templates: templatesCommand,
  validate: validateCommand,
};

/** Runs the command line `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      io.out(USAGE);
      return name ? 0 : 1;
    }
    const command = commands[name];
    if (!command) throw new UsageError(`unknown command "${name}" (commands: ${Object.keys(commands).join(', ')})`);
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
    throw new UsageError(message.replace(/^Unknown option '(.+?)'.*$/s, 'unknown flag $1').replace(/\. To specify a positional.*$/s, ''));
  }
}

export const listFlag = (value: string | undefined): string[] =>
  value ? value.split(',').map((v) => v.trim()).filter(Boolean) : [];

export function requireKnown(kind: string, ids: readonly string[], known: Map<string, unknown>): void {
  for (const id of ids) {
    if (!known.has(id)) throw new UsageError(`unknown ${kind} "${id}" (known: ${[...known.keys()].join(', ')})`);
  }
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
  const workspace = await openWorkspace({ extra: flags.workspace ?? [] });
  reportWorkspaceProblems(workspace, io);
  const topics = listFlag(flags.topics);
  requireKnown('topic', topics, workspace.topics);
  const entities = (flags.entity ?? []).flatMap(listFlag);
  requireKnown('entity', entities, workspace.entities);
  const sources = listFlag(flags.source);
  requireKnown('source', sources, workspace.sources);
  const kinds = listFlag(flags.kind);
  for (const kind of kinds) {
    if (!(FACT_KINDS as readonly string[]).includes(kind)) throw new UsageError(`unknown kind "${kind}" (kinds: ${FACT_KINDS.join(', ')})`);
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
  const workspace = await openWorkspace({ extra: flags.workspace ?? [] });
  for (const d of workspace.diagnostics) io.err(`${formatDiagnostic(d)}\n`);
  const errors = workspace.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = workspace.diagnostics.length - errors;
  const summary = `${workspace.facts.length} facts, ${workspace.sources.size} sources, ${workspace.topics.size} topics, ${workspace.indicators.size} indicators, ${workspace.entities.size} entities`;
  if (hasErrors(workspace.diagnostics)) {
    io.err(`briefwright: the workspace has ${errors} error${errors === 1 ? '' : 's'}${warnings ? ` and ${warnings} warning${warnings === 1 ? '' : 's'}` : ''} (${summary} load)\n`);
    return 1;
  }
  io.out(`Workspace "${workspace.name}" is valid: ${summary}${warnings ? `; ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}.\n`);
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
  });
  if (!flags.template) throw new UsageError('--template is required (run "briefwright templates" to list them)');
  if (!flags.out) throw new UsageError('--out FILE is required');
  const out = resolve(flags.out);
  const format = (flags.format ?? extname(out).slice(1).toLowerCase()) as Format;
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(
      flags.format
        ? `unknown format "${flags.format}" (formats: ${FORMATS.join(', ')})`
        : `cannot tell the format from "${flags.out}": give --format (${FORMATS.join(', ')}) or an --out ending in .pdf, .docx, .html or .md`,
    );
  }
  const folder = dirname(out);
  if (!(await stat(folder).then((s) => s.isDirectory()).catch(() => false))) {
    throw new UsageError(`the output folder "${dirname(flags.out)}" does not exist`);
  }
  if (await stat(out).then((s) => s.isDirectory()).catch(() => false)) {
    throw new UsageError(`--out "${flags.out}" is a folder: name a file`);
  }
  const inputs: Record<string, InputValue> = flags.input ? await readInputFile(flags.input) : {};
  for (const pair of flags.set ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set takes key=value (got "${pair}")`);
    const key = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1);
    const previous = inputs[key];
    // A key set twice on the command line builds a list (for list inputs).
    inputs[key] = previous === undefined || flags.input ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }

  const workspace = await openWorkspace({ extra: flags.workspace ?? [] });
  reportWorkspaceProblems(workspace, io);
  const templates = loadTemplates(workspace.otherFiles);
  const brief = await renderBrief(
    workspace,
    templates,
    {
      template: flags.template,
      ...(flags.topics ? { topics: listFlag(flags.topics) } : {}),
      ...(flags.from ? { from: flags.from } : {}),
      ...(flags.to ? { to: flags.to } : {}),
      inputs,
      exclude: listFlag(flags.exclude),
    },
    format,
    { ...(flags.author ? { author: flags.author } : {}), ...(flags.organisation ? { organisation: flags.organisation } : {}) },
  );
  for (const d of brief.diagnostics) io.err(`${formatDiagnostic(d)}\n`);
  try {
    await writeFileAtomic(out, brief.bytes);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new UsageError(`cannot write "${flags.out}": permission denied`);
    throw error;
  }
  io.out(`Wrote ${flags.out} (${format.toUpperCase()}, ${brief.document.notes.length} citations from ${brief.document.sources.length} sources, ${brief.facts.length} facts selected)\n`);
  return 0;
}

async function readInputFile(path: string): Promise<Record<string, InputValue>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read --input file "${path}"`);
  }
  const parsed = parseYaml(path, text);
  if (hasErrors(parsed.diagnostics)) throw new BriefError(parsed.diagnostics);
  const value = parsed.value ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new BriefError([{ severity: 'error', file: path, line: 1, column: 1, message: 'an input file is a mapping of input keys to values (key: value)' }]);
  }
  const inputs: Record<string, InputValue> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (Array.isArray(v)) inputs[key] = v.map(String);
    else if (v !== null && typeof v === 'object') {
      throw new BriefError([{ severity: 'error', file: path, ...parsed.locate([key]), message: `input "${key}" must be text or a list of text` }]);
    } else inputs[key] = v === null ? '' : String(v);
  }
  return inputs;
}

async function templatesCommand(args: string[], io: Io): Promise<number> {
  const flags = parseFlags(args, { json: { type: 'boolean' }, workspace: { type: 'string', multiple: true } });
  const workspace = await openWorkspace({ extra: flags.workspace ?? [] });
  const set = loadTemplates(workspace.otherFiles);
  for (const d of set.diagnostics) io.err(`${formatDiagnostic(d)}\n`);
  const templates = [...set.templates.values()].sort((a, b) => a.name.localeCompare(b.name));
  if (flags.json) {
    io.out(`${JSON.stringify(templates.map(({ body: _b, text: _t, ...meta }) => meta), null, 2)}\n`);
    return 0;
  }
  for (const t of templates) {
    const inputs = t.inputs.map((i) => `${i.key}${i.required ? '*' : ''}`).join(', ');
    io.out(`${t.id.padEnd(20)} ${t.name}${t.layer === 'bundled' ? '' : ` (${t.layer})`}\n${' '.repeat(21)}${t.description}\n${' '.repeat(21)}inputs: ${inputs || 'none'}\n`);
  }
  io.out(`\n${templates.length} templates (* = required input)\n`);
  return 0;
}
