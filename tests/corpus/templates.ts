// What a template a colleague shares may get wrong: Handlebars syntax, helpers and partials that
// do not exist, a partial that includes itself, loops that would run for hours, front matter
// that is not what a template says about itself, helpers given what they cannot print (a record
// for a number, a month 13, a currency named "constructor"), and values that would leak how the
// app is built. Each case is a team folder `{ws}` whose templates/t.hbs (body from line 5) is
// generated to Markdown over an earlier brief at {out}/brief.md: it must stop with exactly these
// lines on stderr, naming the template file, line and column where there is one, and leave the
// earlier brief as it was — or, for what only looks odd, write exactly the brief expected.
import type { Content } from './harness';
import { TEMPLATES } from './outcome';

export interface TemplateCase {
  did: string;
  /** templates/t.hbs and any partials, below {ws}. */
  files: Record<string, Content>;
  /** Exactly what stderr says, line by line; `{ws}` is the folder (none when the brief is written). */
  stderr: string[];
  /** For what only looks odd: the brief it writes over the earlier one, exactly. */
  writes?: string;
  /** Checked with `validate --workspace {ws}` rather than generated (then stderr ends with validate's summary). */
  validate?: true;
  process?: true;
}

/** templates/t.hbs: front matter (id t) on lines 1–4, then `body` from line 5. */
const template = (body: string, frontMatter = 'id: t\nname: Team brief\n'): Record<string, Content> => ({
  'templates/t.hbs': `---\n${frontMatter}---\n${body}`,
});

/** A template whose front matter is broken does not load; `generate` says why, then that it has no such template. */
const notLoaded = `briefwright: unknown template "t" (templates: ${TEMPLATES}; a template file above did not load)`;

/** A team source, and a fact of it whose figure is in `unit` (indicator `odd`, in the same unit). */
const figureIn = (unit: string): Record<string, Content> => ({
  'sources/team-note.md': '---\nid: team-note\ntitle: Team note\nauthor: unknown\npublisher: unknown\nkind: report\ndate: 2024-03-01\n---\nTwo crossings opened in 2023.\n',
  'indicators.yaml': `- id: odd\n  name: Odd units\n  unit: "${unit}"\n  topics: [transport]\n`,
  'facts/team.yaml': `- id: crossings-2023\n  statement: Two crossings opened in 2023.\n  topics: [transport]\n  when: 2023\n  kind: outcome\n  source: team-note\n  evidence: Two crossings opened in 2023.\n  metric: { indicator: odd, value: 2, unit: "${unit}", period: 2023 }\n`,
});

/** A template calling `call` on line 7, column 1. */
const calling = (call: string) => template(`# Trade\n\n${call}\n`);
/** What the template says when the call on line 7 fails. */
const at7 = (message: string) => [`{ws}/templates/t.hbs:7:1: ${message}`];

export const templateCases: TemplateCase[] = [
  // Syntax
  {
    did: 'an {{#each}} never closed is reported where it opens',
    files: template('# Trade\n\n{{#each (facts topic="trade")}}\n- {{fact this}}\n'),
    stderr: ['{ws}/templates/t.hbs:7:1: template syntax: {{#each}} is never closed: end it with {{/each}}'],
    process: true,
  },
  {
    did: 'a {{/each}} that closes nothing says so at its place',
    files: template('# Trade\n\nSome text.\n{{/each}}\n'),
    stderr: ['{ws}/templates/t.hbs:8:1: template syntax: {{/each}} closes no block: remove it, or open the block with {{#each …}}'],
  },
  {
    did: 'an {{#if}} closed by {{/each}} names both',
    files: template('# Trade\n\n{{#each (facts)}}\n{{#if isOutcome}}\n- {{fact this}}\n{{/each}}\n'),
    stderr: ['{ws}/templates/t.hbs:8:4: template syntax: {{#if}} is closed by {{/each}}: the names must match'],
  },
  {
    did: 'a second {{else}} in one {{#if}} is reported at that {{else}}',
    files: template('# Trade\n{{#if meta.author}}\nBy {{meta.author}}\n{{else}}\nAnonymous\n{{else}}\nUnknown\n{{/if}}\n'),
    stderr: ['{ws}/templates/t.hbs:10:1: template syntax: {{else}} is not inside a block it could belong to (a second {{else}}, or one outside {{#if}} or {{#each}}?)'],
  },
  {
    did: 'a {{ never closed points at the {{, not at the end of the file',
    files: template('# Trade\n\nPrepared by {{meta.author\n\nMore text.\n'),
    stderr: ['{ws}/templates/t.hbs:7:13: template syntax: this {{ is never closed: end it with }}'],
  },
  {
    did: 'a value closed with }}} instead of }} says what was expected',
    files: template('# Trade\n\nPrepared by {{meta.author}}}\n'),
    stderr: ['{ws}/templates/t.hbs:7:26: template syntax: expected }} or ( or a name or a quoted text, found }}}'],
  },
  {
    did: 'a decorator ({{* …}}) is refused at its place',
    files: template('# Trade\n{{* inline}}\n'),
    stderr: ['{ws}/templates/t.hbs:6:1: decorators are not supported in templates'],
  },

  // Helpers, partials, fields
  {
    did: 'a misspelt helper (fakt) suggests the one meant',
    files: template('# Trade\n\n{{#each (facts topic="trade")}}\n- {{fakt this}}\n{{/each}}\n'),
    stderr: ['{ws}/templates/t.hbs:8:3: unknown helper "fakt" (did you mean "fact"?)'],
    process: true,
  },
  {
    did: 'a partial that does not exist is reported at its place',
    files: template('# Trade\n\n{{> cover-feilds}}\n'),
    stderr: ['{ws}/templates/t.hbs:7:1: unknown partial "cover-feilds" (did you mean "cover-fields"?)'],
  },
  {
    did: 'a field that is not in the data is reported at its place',
    files: template('# {{inputs.title}}\n'),
    stderr: ['{ws}/templates/t.hbs:5:3: unknown field "inputs.title" (not in this template\'s data)'],
  },
  {
    did: 'a helper given the wrong thing (a number for a fact) says what it expects',
    files: template('# Trade\n\n{{fact 123}}\n'),
    stderr: ['{ws}/templates/t.hbs:7:1: fact: expects a fact from `facts` (or a fact id in the selection)'],
  },
  {
    did: 'a citation of a fact that does not exist is reported at the template line that wrote it',
    files: template('# Trade\n\nAs reported :cite[no-such-fact].\n'),
    stderr: ['{ws}/templates/t.hbs:7:13: unknown fact "no-such-fact" in :cite[no-such-fact] (in the Markdown the template produced, line 3)'],
  },

  // Helpers given what they cannot print: each says what it expects, at the call
  {
    did: 'money given a record (a key figure) says it expects a number, not "[object Object]"',
    files: calling('{{money (latest "trade-turnover")}}'),
    stderr: at7('money: expects a number, got a record'),
    process: true,
  },
  {
    did: 'money with currency="constructor" is refused, not printed as native code',
    files: calling('{{money 5 currency="constructor"}}'),
    stderr: at7('money: currency must be a three-letter code such as USD, EUR or GBP, got the text "constructor"'),
  },
  {
    did: 'money with currency="__proto__" is refused, not looked up on the prototype',
    files: calling('{{money 5 currency="__proto__"}}'),
    stderr: at7('money: currency must be a three-letter code such as USD, EUR or GBP, got the text "__proto__"'),
  },
  {
    did: 'money with currency="toString" is refused too',
    files: calling('{{money 5 currency="toString"}}'),
    stderr: at7('money: currency must be a three-letter code such as USD, EUR or GBP, got the text "toString"'),
  },
  {
    did: 'number given a list of facts says it got a list',
    files: calling('{{number (facts topic="trade")}}'),
    stderr: at7('number: expects a number, got a list'),
  },
  {
    did: 'percent given a word says it got that text',
    files: calling('{{percent "half"}}'),
    stderr: at7('percent: expects a number, got the text "half"'),
  },
  {
    did: 'quantity without a unit asks for one, not "5 undefined"',
    files: calling('{{quantity 5}}'),
    stderr: at7('quantity: expects a unit as text (as in {{quantity 1000 "tonnes"}}), got nothing'),
  },
  {
    did: 'quantity given a record for its unit says it got a record',
    files: calling('{{quantity 5 (latest "trade-turnover")}}'),
    stderr: at7('quantity: expects a unit as text (as in {{quantity 1000 "tonnes"}}), got a record'),
  },
  {
    did: 'upper given a record says it expects text, not "[OBJECT OBJECT]"',
    files: calling('{{upper (latest "trade-turnover")}}'),
    stderr: at7('upper: expects text, got a record'),
  },
  {
    did: 'join given a list of facts says to print a field of each',
    files: calling('{{join (facts topic="trade") ", "}}'),
    stderr: at7('join: expects a list of text, got a list of records (print a field of each with {{#each}})'),
  },
  {
    did: 'plural given a list for its count says it expects a count',
    files: calling('{{plural (facts) "train"}}'),
    stderr: at7('plural: expects a count, got a list'),
  },
  {
    did: 'topicLabel given a record says it expects a topic id',
    files: calling('{{topicLabel (latest "trade-turnover")}}'),
    stderr: at7('topicLabel: expects a topic id, got a record'),
  },
  {
    did: 'series given a list says it expects an indicator id',
    files: template('# Trade\n\n{{#with (series (facts))}}{{name}}{{/with}}\n'),
    stderr: at7('series: expects an indicator id, got a list'),
  },
  {
    did: 'chart with type="pie" names the types there are',
    files: calling('{{chart indicator="trade-turnover" type="pie"}}'),
    stderr: at7('chart: type must be "bar" or "line", got the text "pie"'),
  },
  {
    did: 'chart of indicator "constructor" is an unknown indicator, not a prototype',
    files: calling('{{chart indicator="constructor"}}'),
    stderr: at7('chart: unknown indicator "constructor"'),
  },
  {
    did: 'facts with a record for its topic says what a topic filter takes',
    files: template('# Trade\n\n{{#each (facts topic=(latest "trade-turnover"))}}\n- {{fact this}}\n{{/each}}\n'),
    stderr: at7('facts: topic expects an id, several as "a,b", or a list of ids, got a record'),
  },
  {
    did: 'facts with limit="many" asks for a number',
    files: template('# Trade\n\n{{#each (facts limit="many")}}\n- {{fact this}}\n{{/each}}\n'),
    stderr: at7('facts: expects a number for limit, got the text "many"'),
  },
  {
    did: 'facts with order="newest" names the orders there are',
    files: template('# Trade\n\n{{#each (facts order="newest")}}\n- {{fact this}}\n{{/each}}\n'),
    stderr: at7('facts: order must be "asc" or "desc" or "significance", got the text "newest"'),
  },
  {
    did: 'byYear given a key figure says it expects a list of facts',
    files: template('# Trade\n\n{{#each (byYear (latest "trade-turnover"))}}\n{{year}}\n{{/each}}\n'),
    stderr: at7('byYear: expects a list of facts, as (byYear (facts …)) gives, got a record'),
  },
  {
    did: 'gt given a list says it expects a number, rather than being quietly false',
    files: template('# Trade\n\n{{#if (gt (facts) 3)}}Many.{{/if}}\n'),
    stderr: at7('gt: expects a number, got a list'),
  },

  // Dates in templates: never rolled over into a month that exists, and reported at the line
  {
    did: 'date "2020-13" names the month that does not exist, at the call, not "January 2021"',
    files: calling('{{date "2020-13"}}'),
    stderr: at7('date: "2020-13" is not a date: month 13 does not exist'),
    process: true,
  },
  {
    did: 'date "2019-02-30" names the day February does not have, not "2 March"',
    files: calling('{{date "2019-02-30"}}'),
    stderr: at7('date: "2019-02-30" is not a date: 2019-02 has no day 30'),
  },
  {
    did: 'date "2020-1x" is reported at its line, not as "far too much text"',
    files: calling('{{date "2020-1x"}}'),
    stderr: at7('date: "2020-1x" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD'),
  },
  {
    did: 'date given a record says it expects a date',
    files: calling('{{date (latest "trade-turnover")}}'),
    stderr: at7('date: expects a date (YYYY, YYYY-MM or YYYY-MM-DD), got a record'),
  },
  {
    did: 'dateRange that ends before it starts says so at the call',
    files: calling('{{dateRange "2020" "2019"}}'),
    stderr: at7('dateRange: period ends (2019) before it starts (2020)'),
  },
  {
    did: 'dateRange with an impossible end date names it',
    files: calling('{{dateRange "2018" "2019-13"}}'),
    stderr: at7('dateRange: "2019-13" is not a date: month 13 does not exist'),
  },
  {
    did: 'a bad date on line 9 inside a loop is reported at line 9',
    files: template('# Trade\n\n{{#each (facts topic="trade" limit=1)}}\n- {{fact this}}\n  {{date "2024-00"}}\n{{/each}}\n'),
    stderr: ['{ws}/templates/t.hbs:9:3: date: "2024-00" is not a date: month 00 does not exist'],
  },

  // What a message quotes from a template: capped, and never an escape sequence
  {
    did: 'a date of 10,000 characters is quoted to its first 120 and counted',
    files: calling(`{{date "${'9'.repeat(10_000)}"}}`),
    stderr: at7(`date: "${'9'.repeat(120)}…" (9880 more characters) is not a date: use YYYY, YYYY-MM or YYYY-MM-DD`),
  },
  {
    did: 'an escape sequence in a helper argument is shown escaped, not sent to the terminal',
    files: calling('{{date "\u001b[2J\u001b]0;pwned\u0007 2020"}}'),
    stderr: at7('date: "\\x1b[2J\\x1b]0;pwned\\x07 2020" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD'),
    process: true,
  },
  {
    did: 'a bidi override in a currency is shown as \\u202e, so the line reads as it is',
    files: calling('{{money 5 currency="\u202eDSU"}}'),
    stderr: at7('money: currency must be a three-letter code such as USD, EUR or GBP, got the text "\\u202eDSU"'),
  },

  // Units and currencies from the workspace that share a name with JavaScript's own
  {
    did: 'an indicator whose unit is "__proto__" prints the word, never a prototype',
    files: { ...figureIn('__proto__'), ...template('# Odd\n\n{{#each (facts indicator="odd")}}\n- {{figure}}\n{{/each}}\n') },
    stderr: [],
    writes: '# Odd\n\n- 2 \\_\\_proto\\_\\_\n',
  },
  {
    did: 'an indicator whose unit is "constructor" prints the word, never native code',
    files: { ...figureIn('constructor'), ...template('# Odd\n\n{{#each (facts indicator="odd")}}\n- {{figure}}\n{{/each}}\n{{quantity 1 "toString"}}; {{quantity 3 "hasOwnProperty"}}\n') },
    stderr: [],
    writes: '# Odd\n\n- 2 constructor\n1 toString; 3 hasOwnProperty\n',
  },

  // Runaway templates
  {
    did: 'a partial that includes itself stops, naming the partial and where it includes itself',
    files: { ...template('# Trade\n\n{{> again}}\n'), 'templates/partials/again.hbs': 'Once more:\n{{> again}}\n' },
    stderr: ['{ws}/templates/partials/again.hbs:2:1: partial "again" calls itself without end (over 64 deep): give its {{> again}} a condition that stops'],
    process: true,
  },
  {
    did: 'two partials that include each other stop with the one that went too deep',
    files: {
      ...template('# Trade\n\n{{> ping}}\n'),
      'templates/partials/ping.hbs': 'ping {{> pong}}\n',
      'templates/partials/pong.hbs': 'pong {{> ping}}\n',
    },
    stderr: ['{ws}/templates/partials/pong.hbs:1:6: partial "ping" calls itself without end (over 64 deep): give its {{> ping}} a condition that stops'],
  },
  {
    did: 'three loops over every fact, each writing a line, stop at 20 million characters, inside the innermost loop',
    files: template(`# Trade\n\n{{#each (facts)}}{{#each (facts)}}{{#each (facts)}}${'A line of text that repeats. '.repeat(8)}\n{{/each}}{{/each}}{{/each}}\n`),
    stderr: ['{ws}/templates/t.hbs:7:52: the template produces far too much text (over 20 million characters): is a loop running away?'],
    process: true,
  },
  {
    did: 'four loops over every fact that write nothing stop at two million steps, at the innermost loop',
    files: template('# Trade\n\n{{#with (facts) as |all|}}{{#each all}}{{#each all}}{{#each all}}{{#each all}}{{/each}}{{/each}}{{/each}}{{/each}}{{/with}}\n'),
    stderr: ['{ws}/templates/t.hbs:7:66: the template takes far too many steps (over 2,000,000): is a loop inside a loop running away?'],
  },

  // Front matter
  {
    did: 'a template without front matter says what it starts with, then that it did not load',
    files: { 'templates/t.hbs': '# Trade\n\n{{#each (facts)}}\n- {{fact this}}\n{{/each}}\n' },
    stderr: ['{ws}/templates/t.hbs:1:1: a template starts with YAML front matter between two "---" lines (id, name, inputs, …)', notLoaded],
  },
  {
    did: 'an empty template file says what a template starts with',
    files: { 'templates/t.hbs': '' },
    stderr: ['{ws}/templates/t.hbs:1:1: a template starts with YAML front matter between two "---" lines (id, name, inputs, …)', notLoaded],
  },
  {
    did: 'a YAML mistake in the front matter is reported at its line in the template file',
    files: template('# Trade\n', 'id: t\nname: [Team brief\n'),
    stderr: ['{ws}/templates/t.hbs:3:7: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]', notLoaded],
  },
  {
    did: 'maxPages: many asks for a number, at the value',
    files: template('# Trade\n', 'id: t\nname: Team brief\nmaxPages: many\n'),
    stderr: ['{ws}/templates/t.hbs:4:11: `maxPages` must be a number (found the text "many") in "t"', notLoaded],
  },
  {
    did: 'a front matter field no template has (colour) is reported at its key',
    files: template('# Trade\n', 'id: t\nname: Team brief\ncolour: red\n'),
    stderr: ['{ws}/templates/t.hbs:4:1: unknown field `colour` in "t"', notLoaded],
  },
  {
    did: 'a template id that is a path (../../etc/passwd) is refused as an id',
    files: template('# Trade\n', 'id: ../../etc/passwd\nname: Team brief\n'),
    stderr: ['{ws}/templates/t.hbs:2:5: `id`: must be an id: lower-case letters, digits and single hyphens, like "trade-turnover-2023" in "../../etc/passwd"', notLoaded],
  },
  {
    did: 'a choice input without options asks for them',
    files: template('# Trade\n', 'id: t\nname: Team brief\ninputs:\n  - { key: kind, label: Kind, type: choice }\n'),
    stderr: ['{ws}/templates/t.hbs:5:5: `inputs.options`: a choice input lists its `options` in "t"', notLoaded],
  },
  {
    did: 'a partial with a syntax error, included by the template, is reported in the partial',
    files: { ...template('# Trade\n\n{{> summary}}\n'), 'templates/partials/summary.hbs': 'Summary:\n{{#each (facts)}}\n- {{fact this}}\n' },
    stderr: ['{ws}/templates/partials/summary.hbs:2:1: template syntax: {{#each}} is never closed: end it with {{/each}}'],
  },
  {
    did: 'validate reports two templates with one id, and a broken partial that no template includes',
    files: {
      ...template('# First\n'),
      'templates/u.hbs': '---\nid: t\nname: Another brief\n---\n# Second\n',
      'templates/partials/unused.hbs': 'Unused {{#if meta.author}}',
    },
    stderr: [
      '{ws}/templates/u.hbs:2:1: duplicate template id "t" (first in {ws}/templates/t.hbs); this one is ignored: give it another id',
      '{ws}/templates/partials/unused.hbs:1:8: template syntax: {{#if}} is never closed: end it with {{/if}}',
    ],
    validate: true,
  },
  {
    did: 'a template saved as Latin-1 points at the first byte that is not UTF-8',
    files: { 'templates/t.hbs': Buffer.from('---\nid: t\nname: Caf\u00e9 brief\n---\n# Trade\n', 'latin1') },
    stderr: [
      'briefwright: warning: 1 problem in the workspace; the affected records are left out (run "briefwright validate" for details)',
      '{ws}/templates/t.hbs:3:10: file is not UTF-8 text (byte 0xE9 here is not UTF-8; the file may be Latin-1 or Windows-1252): save it as UTF-8',
      notLoaded,
    ],
  },
];
