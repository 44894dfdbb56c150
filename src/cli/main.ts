// The `briefwright` command (docs/architecture.md, "Hosts, the API and the command line"; the
// README lists its flags): parses flags, opens the workspace and hands the work to core. Exit 0 on
// success, 1 on a user error (with file:line:column where there is one), 2 on an internal fault.
// Nothing here prints a stack trace. `generate` has a file of its own (generate.ts); what every
// command shares is command.ts.
import { BriefError, formatDiagnostic, hasErrors } from '../core/diagnostics';
import { loadTemplates } from '../core/templates/template';
import { useNodeHost } from '../platform/core-host';
import { FORMAT_IDS } from '../shared/formats';
import { queryFacts } from '../core/facts/query';
import { FACT_KINDS, type FactKind } from '../core/facts/schema';
import { quote, visible } from '../core/quote';
import { trialRunAll } from '../app/template-check';
import { checkDateFlags, listFlag, openWorkspaceFlag, parseFlags, reportWorkspaceProblems, requireKnown, UsageError, type Io } from './command';
import { formatFactTable } from './format';
import { generateCommand } from './generate';

const defaultIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

const USAGE = `Usage:
  briefwright generate --template ID [--topics a,b] [--from DATE] [--to DATE]
                       [--set key=value]... [--input FILE.yaml] [--exclude FACT,…]
                       [--format ${FORMAT_IDS.join('|')}] --out FILE [--workspace DIR] [--max-pages N]
  briefwright generate BRIEF.brief.yaml [--out FILE] [any flag above overrides the brief]
  briefwright generate --template ID --each-topic [--topics a,b] [--format F] --out DIR
  briefwright generate --template ID --each-topic [--topics a,b] --combined --out FILE.pdf
  briefwright facts    [--topics a,b] [--from DATE] [--to DATE] [--entity ID] [--search TEXT] [--json]
  briefwright templates [--json]
  briefwright validate [--workspace DIR]

DATE is YYYY, YYYY-MM or YYYY-MM-DD. --workspace DIR adds a folder on top of the bundled workspace.
--format defaults from the --out extension (with a saved brief: its format, else PDF).
--max-pages N stops a paper that would run past about N pages (default 500) before it is laid out.
A saved brief's fields are the defaults; a flag beside it overrides its field (--input and --set
over its inputs, --exclude replaces its list). Without --out its paper goes beside it:
visit.brief.yaml → visit.pdf.
--each-topic makes one paper per topic (--topics, else every topic) into the folder DIR (made if
missing), each named for its topic (DIR/trade.pdf); one failing does not stop the others.
--combined, with --each-topic, joins those papers into one PDF instead: a contents page listing
each paper and the page of the file it starts on (each a link, each paper a bookmark), then each
paper as it prints alone, in the order of --topics; a paper that fails is left out and said.
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
    // `briefwright generate --help`: the usage, as for `briefwright --help`.
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(USAGE);
      return 0;
    }
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
