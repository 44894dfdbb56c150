// What a user may get wrong on the command line: dates that do not exist, ids that do not, paths
// that lead out of where they should or nowhere, output folders that are missing or locked.
// Each case runs the real command; `{out}`, `{ws}`, `{root}` are the case's own folders, `{ro}`
// a folder it cannot write to. Every case exits 1 and leaves every folder as it was — but for
// listings of workspace data that would drive a terminal (escape sequences, bidi overrides, line
// breaks in a statement), which succeed with exactly the text expected, shown escaped.
import type { Content } from './harness';
import { LAYOUT, TEMPLATES, TOPICS, located, refusal, usage } from './outcome';

export interface CliCase {
  /** What the user did and what they get, as the test is named. */
  did: string;
  args: string[];
  /** Files written before the run, below the case's root (`out/…`, `ws/…`). */
  files?: Record<string, Content>;
  /** The folder the command runs in, below the case's root (default: the project). */
  cwd?: string;
  /** Exactly what stderr says ({…} filled in), or a pattern when part of it is the machine's. */
  stderr: string | RegExp;
  /** For a command that succeeds (exit 0): exactly what it prints, or a pattern. */
  stdout?: string | RegExp;
}

const chronology = (...more: string[]) => ['generate', '--template', 'chronology', ...more];

/**
 * A team source and a fact whose statement holds what a terminal would act on: colour escapes,
 * a bidi override (U+202E), an 8-bit CSI (U+009B), a line break, DEL and a carriage return.
 */
const hostileFact = {
  'ws/sources/team-note.md':
    '---\nid: team-note\ntitle: "Team note \\e]0;pwned\\a"\nauthor: unknown\npublisher: unknown\nkind: report\ndate: 2024-03-01\n---\nThe new crossing at Khorgos opened in December 2023.\n',
  'ws/facts/team.yaml':
    '- id: crossing-opened\n  statement: "A new \\e[31mcrossing\\e[0m \\u202eat Khorgos\\u009b2J opened.\\nAll\\r is well.\\x7f"\n  topics: [transport]\n  when: 2023-12\n  kind: outcome\n  source: team-note\n  evidence: The new crossing at Khorgos opened in December 2023.\n',
};

/** A team template whose body calls a helper that does not exist (line 8, column 3). */
const brokenTemplate = '---\nid: broken\nname: Broken\n---\n# Title\n\n{{#each (facts topic="trade")}}\n- {{fakt this}}\n{{/each}}\n';

export const cliCases: CliCase[] = [
  // Dates
  {
    did: 'generate --from 2019-13-45 names the impossible month and writes nothing',
    args: chronology('--from', '2019-13-45', '--out', '{out}/brief.pdf'),
    stderr: refusal('--from: "2019-13-45" is not a date: month 13 does not exist'),
  },
  {
    did: 'generate --to 2019-02-30 names the day February does not have',
    args: chronology('--to', '2019-02-30', '--out', '{out}/brief.pdf'),
    stderr: refusal('--to: "2019-02-30" is not a date: 2019-02 has no day 30'),
  },
  {
    did: 'generate --from 2020 --to 2019 says the range ends before it starts',
    args: chronology('--from', '2020', '--to', '2019', '--out', '{out}/brief.pdf'),
    stderr: refusal('the range ends (2019) before it starts (2020)'),
  },
  {
    did: 'facts --from "last year" asks for a date in YYYY, YYYY-MM or YYYY-MM-DD',
    args: ['facts', '--from', 'last year'],
    stderr: usage('--from: "last year" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD'),
  },
  {
    did: 'facts --to 2019-13-45 names the flag and the impossible month',
    args: ['facts', '--to', '2019-13-45'],
    stderr: usage('--to: "2019-13-45" is not a date: month 13 does not exist'),
  },

  // Ids
  {
    did: 'generate --template pre-visit (a mistyped id) lists the templates there are',
    args: ['generate', '--template', 'pre-visit', '--out', '{out}/brief.pdf'],
    stderr: refusal(`unknown template "pre-visit" (templates: ${TEMPLATES})`),
  },
  {
    did: 'generate --template ../../etc/passwd is an unknown template, not a path',
    args: ['generate', '--template', '../../etc/passwd', '--out', '{out}/brief.pdf'],
    stderr: refusal(`unknown template "../../etc/passwd" (templates: ${TEMPLATES})`),
  },
  {
    did: 'generate --template /etc/passwd (an absolute path) is an unknown template too',
    args: ['generate', '--template', '/etc/passwd', '--format', 'md', '--out', '{out}/brief.md'],
    stderr: refusal(`unknown template "/etc/passwd" (templates: ${TEMPLATES})`),
  },
  {
    did: 'generate --topics trde lists the topics there are',
    args: chronology('--topics', 'trde', '--out', '{out}/brief.pdf'),
    stderr: refusal(`unknown topic "trde" (topics: ${TOPICS})`),
  },
  {
    did: 'generate --exclude with a fact id that does not exist says so before writing',
    args: chronology('--exclude', 'trade-turnover-2099-zz', '--out', '{out}/brief.pdf'),
    stderr: usage('--exclude: unknown fact "trade-turnover-2099-zz" (run "briefwright facts" to list them)'),
  },
  {
    did: 'generate the one-topic sector one-pager with two topics asks for exactly one',
    args: ['generate', '--template', 'sector-one-pager', '--topics', 'trade,energy', '--out', '{out}/brief.pdf'],
    stderr: refusal('template "sector-one-pager" is about one topic: choose exactly one (chosen: trade, energy)'),
  },
  {
    did: 'facts --entity chna suggests the entity meant',
    args: ['facts', '--entity', 'chna'],
    stderr: usage('unknown entity "chna" (did you mean "china"?)'),
  },
  {
    did: 'facts --kind rumour lists the kinds there are',
    args: ['facts', '--kind', 'rumour'],
    stderr: usage('unknown kind "rumour" (kinds: outcome, forecast, plan, claim, context)'),
  },

  // Workspace folders
  {
    did: 'generate --workspace ../.. (up out of the folder, into one that is no workspace) reads nothing there',
    files: { 'deep/er/.keep': '' },
    cwd: 'deep/er',
    args: chronology('--workspace', '../..', '--out', '{out}/brief.pdf'),
    stderr: usage(`--workspace "../..": not a workspace folder: it holds none of ${LAYOUT}`),
  },
  {
    did: 'generate --workspace with a folder that does not exist stops before writing',
    args: chronology('--workspace', '{root}/no-such-folder', '--out', '{out}/brief.pdf'),
    stderr: usage('--workspace "{root}/no-such-folder": workspace folder not found'),
  },
  {
    did: 'generate --workspace naming a file says it is a file',
    files: { 'notes.yaml': 'a: b\n' },
    args: chronology('--workspace', '{root}/notes.yaml', '--out', '{out}/brief.pdf'),
    stderr: usage('--workspace "{root}/notes.yaml": this is a file, not a workspace folder'),
  },
  {
    did: 'templates --workspace with a folder that does not exist is a bad flag',
    args: ['templates', '--workspace', '{root}/gone'],
    stderr: usage('--workspace "{root}/gone": workspace folder not found'),
  },
  {
    did: 'validate --workspace with a folder that does not exist is a bad flag',
    args: ['validate', '--workspace', '{root}/gone'],
    stderr: usage('--workspace "{root}/gone": workspace folder not found'),
  },

  {
    did: 'generate --input naming a named pipe refuses it rather than wait for ever',
    files: { 'inputs.yaml': { fifo: true } },
    args: chronology('--input', '{root}/inputs.yaml', '--out', '{out}/brief.pdf'),
    stderr: usage('--input "{root}/inputs.yaml" is not a file (a named pipe or a device?): name a YAML file'),
  },
  {
    did: 'generate --input /dev/zero refuses the device rather than read without end',
    args: chronology('--input', '/dev/zero', '--out', '{out}/brief.pdf'),
    stderr: usage('--input "/dev/zero" is not a file (a named pipe or a device?): name a YAML file'),
  },

  // Output files and folders
  {
    did: 'generate --out into a folder that does not exist names the folder',
    args: chronology('--out', '{root}/no-such-folder/brief.pdf'),
    stderr: usage('the output folder "{root}/no-such-folder" does not exist'),
  },
  {
    did: 'generate --out under a file (as if it were a folder) says the file is no folder',
    files: { 'report.pdf': 'not a folder' },
    args: chronology('--out', '{root}/report.pdf/brief.pdf'),
    stderr: usage('the output folder "{root}/report.pdf" is a file, not a folder'),
  },
  {
    did: 'generate --out naming an existing folder asks for a file name',
    args: chronology('--format', 'pdf', '--out', '{out}'),
    stderr: usage('--out "{out}" is a folder: name a file'),
  },
  {
    did: 'generate --out into a folder the user cannot write to says permission denied and leaves nothing',
    args: chronology('--format', 'md', '--out', '{ro}/brief.md'),
    stderr: refusal('cannot write "{ro}/brief.md": permission denied'),
  },
  {
    did: 'generate with a broken template over an existing brief leaves the old brief byte for byte',
    files: { 'out/brief.pdf': '%PDF-1.7 the brief from last week', 'ws/templates/broken.hbs': brokenTemplate },
    args: ['generate', '--workspace', '{ws}', '--template', 'broken', '--out', '{out}/brief.pdf'],
    stderr: located('{ws}/templates/broken.hbs:8:3: unknown helper "fakt" (did you mean "fact"?)'),
  },
  {
    did: 'generate --out brief.rtf asks for --format or a known extension',
    args: chronology('--out', '{out}/brief.rtf'),
    stderr: usage('cannot tell the format from "{out}/brief.rtf": give --format (pdf, docx, html, md) or an --out ending in .pdf, .docx, .html or .md'),
  },
  {
    did: 'generate --format rtf lists the formats there are',
    args: chronology('--format', 'rtf', '--out', '{out}/brief.pdf'),
    stderr: usage('unknown format "rtf" (formats: pdf, docx, html, md)'),
  },

  // What reaches the terminal: workspace data and arguments shown escaped, quoted values capped
  {
    did: 'facts lists a statement holding escape sequences, a bidi override and a line break, all shown escaped, on its own line',
    files: hostileFact,
    args: ['facts', '--workspace', '{ws}', '--source', 'team-note'],
    stderr: '',
    stdout:
      '2023-12      A new \\x1b[31mcrossing\\x1b[0m \\u202eat Khorgos\\u009b2J opened.\\nAll\\r is well.\\u007f\n' +
      '             crossing-opened · Team note \\x1b]0;pwned\\x07\n\n1 fact\n',
  },
  {
    did: 'facts --json writes the same statement as JSON escapes, which read back as the same text',
    files: hostileFact,
    args: ['facts', '--workspace', '{ws}', '--source', 'team-note', '--json'],
    stderr: '',
    stdout: `[
  {
    "id": "crossing-opened",
    "statement": "A new \\u001b[31mcrossing\\u001b[0m \\u202eat Khorgos\\u009b2J opened.\\nAll\\r is well.\\u007f",
    "topics": [
      "transport"
    ],
    "when": "2023-12",
    "kind": "outcome",
    "source": "team-note",
    "evidence": "The new crossing at Khorgos opened in December 2023.",
    "entities": [],
    "estimated": false,
    "origin": {
      "file": "{ws}/facts/team.yaml",
      "line": 1,
      "column": 3,
      "layer": "{ws}"
    }
  }
]
`,
  },
  {
    did: 'validate names a workspace whose name sets the window title with the escape shown',
    files: { 'ws/workspace.yaml': 'name: "\\e]0;pwned\\a Team"\n' },
    args: ['validate', '--workspace', '{ws}'],
    stderr: '',
    stdout: /^Workspace "\\x1b\]0;pwned\\x07 Team" is valid: \d+ facts, \d+ sources, \d+ topics, \d+ indicators, \d+ entities, \d+ templates\.\n$/,
  },
  {
    did: 'facts --kind with an escape sequence names the kind escaped',
    args: ['facts', '--kind', '\u001b[2Jrumour'],
    stderr: usage('unknown kind "\\x1b[2Jrumour" (kinds: outcome, forecast, plan, claim, context)'),
  },
  {
    did: 'facts --kind of 10,000 characters quotes its first 120 and counts the rest',
    args: ['facts', '--kind', 'k'.repeat(10_000)],
    stderr: usage(`unknown kind "${'k'.repeat(120)}…" (9880 more characters) (kinds: outcome, forecast, plan, claim, context)`),
  },
  {
    did: 'generate --template with a bidi override names the template escaped',
    args: ['generate', '--template', 'chrono\u202eygolo', '--out', '{out}/brief.pdf'],
    stderr: refusal(`unknown template "chrono\\u202eygolo" (templates: ${TEMPLATES})`),
  },
  {
    did: 'generate --template of 5,000 characters quotes its first 120',
    args: ['generate', '--template', 't'.repeat(5000), '--out', '{out}/brief.pdf'],
    stderr: refusal(`unknown template "${'t'.repeat(120)}…" (4880 more characters) (templates: ${TEMPLATES})`),
  },
  {
    did: 'generate --set with an escape sequence in the key names the input escaped',
    args: chronology('--set', '\u001b[31mcolour=red', '--out', '{out}/brief.pdf'),
    stderr: located('templates/chronology.hbs: template "chronology" has no input "\\x1b[31mcolour" (inputs: marking)'),
  },
  {
    did: 'generate --set with a newline in a value without a key shows the newline as \\n',
    args: ['generate', '--template', 'chronology', '--set', '=red\nerror: all is well', '--out', '{out}/brief.pdf'],
    stderr: usage('--set takes key=value (got "=red\\nerror: all is well")'),
  },
  {
    did: 'an unknown command of 3,000 characters with an escape is escaped and capped',
    args: [`\u001b[8m${'x'.repeat(3000)}`],
    stderr: usage(`unknown command "\\x1b[8m${'x'.repeat(116)}…" (2884 more characters) (commands: generate, facts, templates, validate)`),
  },

  // Flags themselves
  {
    did: 'generate --templat (a mistyped flag) names it',
    args: ['generate', '--templat', 'chronology', '--out', '{out}/brief.pdf'],
    stderr: usage('unknown flag --templat'),
  },
  {
    did: 'generate without --template says how to list the templates',
    args: ['generate', '--out', '{out}/brief.pdf'],
    stderr: usage('--template is required (run "briefwright templates" to list them)'),
  },
  {
    did: 'generate without --out asks for it',
    args: ['generate', '--template', 'chronology'],
    stderr: usage('--out FILE is required'),
  },
  {
    did: 'generate --out … --template with no value after it says the flag needs one',
    args: ['generate', '--out', '{out}/brief.pdf', '--template'],
    stderr: usage('--template needs a value'),
  },
  {
    did: 'generate with a stray word (a value without its flag) says where values go',
    args: ['generate', '--template', 'chronology', 'trade', '--out', '{out}/brief.pdf'],
    stderr: usage('unexpected argument "trade": every value follows its flag (--template ID, --out FILE, …)'),
  },
  {
    did: 'an unknown command lists the commands there are',
    args: ['generat', '--template', 'chronology'],
    stderr: usage('unknown command "generat" (commands: generate, facts, templates, validate)'),
  },
];
