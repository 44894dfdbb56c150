// What a template a colleague shares may get wrong: Handlebars syntax, helpers and partials that
// do not exist, a partial that includes itself, loops that would run for hours, front matter
// that is not what a template says about itself. Each case is a team folder `{ws}` whose
// templates/t.hbs (body from line 5) is generated to Markdown over an earlier brief at
// {out}/brief.md: it must stop with exactly these lines on stderr, naming the template file,
// line and column where there is one, and leave the earlier brief as it was.
import type { Content } from './harness';
import { TEMPLATES } from './outcome';

export interface TemplateCase {
  did: string;
  /** templates/t.hbs and any partials, below {ws}. */
  files: Record<string, Content>;
  /** Exactly what stderr says, line by line; `{ws}` is the folder. */
  stderr: string[];
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
