// The `briefwright` command (DESIGN.md §6): parses flags, opens the workspace and hands the
// work to core. Exit 0 on success, 1 on a user error (with file:line:column where there is
// one), 2 on an internal fault. Nothing here prints a stack trace.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatDiagnostic, hasErrors } from '../core/diagnostics';
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
  facts: factsCommand,
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
