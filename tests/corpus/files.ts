// What a shared workspace folder may hold that is wrong: fact, source and vocabulary files with
// YAML mistakes, wrong types, missing fields, duplicate ids, ids that point nowhere, files that
// are huge, empty, or not UTF-8, and text that would drive a terminal (escape sequences, bidi
// overrides) or bury a message (a key of 2 MB): a message shows such text escaped and capped. Each case is a folder checked with `briefwright validate
// --workspace {ws}`: the problems it must list, each at its file, line and column (`{ws}` is the
// folder), or, for what is only unusual (a BOM, CRLF, an empty file), that the folder is valid.
import type { Content } from './harness';

export interface FileCase {
  did: string;
  /** The workspace folder's files. */
  files: Record<string, Content>;
  /** Exactly the problems `validate` lists, in order; none means the folder is valid. */
  problems: string[];
  /** Also run through the built command in a child process (a representative few: it is slower). */
  process?: true;
}

/** A team's own source document, which the fixture facts quote. */
export const teamSource = `---
id: team-note
title: Team note on the rail corridor
author: unknown
publisher: unknown
kind: report
date: 2024-03-01
---
The new crossing at Khorgos opened in December 2023. Freight trains now run daily.
`;

/** One sound fact, line by line: id 1, statement 2, topics 3, when 4, kind 5, source 6, evidence 7. */
export const goodFact = `- id: crossing-opened
  statement: A new border crossing at Khorgos opened in December 2023.
  topics: [transport]
  when: 2023-12
  kind: outcome
  source: team-note
  evidence: The new crossing at Khorgos opened in December 2023.
`;

/** The sound fact with one line of it changed, as a curator's slip would change it. */
const edited = (from: string, to: string): string => {
  if (!goodFact.includes(from)) throw new Error(`the fixture fact has no "${from}"`);
  return goodFact.replace(from, to);
};

/** The team folder with `facts/team.yaml` as given. */
const withFacts = (facts: Content, more: Record<string, Content> = {}): Record<string, Content> => ({
  'sources/team-note.md': teamSource,
  'facts/team.yaml': facts,
  ...more,
});

const left = (message: string) => `${message} (fact "crossing-opened"; left out)`;
const bom = (text: string) => `\uFEFF${text}`;
const crlf = (text: string) => text.replace(/\n/g, '\r\n');

export const fileCases: FileCase[] = [
  // YAML syntax
  {
    did: 'a fact file with a list left open ([transport) is reported where the bracket opens',
    files: withFacts(edited('topics: [transport]', 'topics: [transport')),
    problems: ['{ws}/facts/team.yaml:3:11: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    process: true,
  },
  {
    did: 'a fact file with a quote left open is reported where the quote opens',
    files: withFacts(edited('statement: A new', 'statement: "A new')),
    problems: ['{ws}/facts/team.yaml:2:14: YAML: Missing closing "quote'],
  },
  {
    did: 'a fact file indented with a tab points at the tab',
    files: withFacts(edited('  kind: outcome', '\tkind: outcome')),
    problems: ['{ws}/facts/team.yaml:5:1: YAML: a tab indents this line: indent with spaces only'],
  },
  {
    did: 'a fact that gives `kind` twice names the key, at the second one',
    files: withFacts(edited('  kind: outcome\n', '  kind: outcome\n  kind: plan\n')),
    problems: ['{ws}/facts/team.yaml:6:3: YAML: the key "kind" is given twice (each key once per record)'],
  },
  {
    did: 'a fact file of aliases that expand a billion times is refused at the first alias',
    files: withFacts('a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n'),
    problems: ['{ws}/facts/team.yaml:2:8: YAML: the aliases (*name) in this file expand too far: write the values out instead'],
    process: true,
  },
  {
    did: 'a fact file of 100,000 nested brackets is reported, not a crash',
    files: withFacts(`- ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`),
    problems: ['{ws}/facts/team.yaml:1:3: YAML: the file nests too deeply (a bracket opened again and again?)'],
    process: true,
  },

  // Wrong shapes and types
  {
    did: 'a fact file that is one mapping, not a list of records, says what it should be',
    files: withFacts('id: crossing-opened\nstatement: A new border crossing at Khorgos opened in December 2023.\n'),
    problems: ['{ws}/facts/team.yaml:1:1: expected a list of records (each starting with "- id: …")'],
  },
  {
    did: 'topics given as a word rather than a list are reported at the value',
    files: withFacts(edited('topics: [transport]', 'topics: transport')),
    problems: ['{ws}/facts/team.yaml:3:11: `topics` must be a list (found the text "transport") in "crossing-opened"'],
  },
  {
    did: 'a figure written as text ("41 billion") asks for a plain number',
    files: withFacts(`${goodFact}  metric: { indicator: trade-turnover, value: 41 billion, unit: USD, period: 2023 }\n`),
    problems: ['{ws}/facts/team.yaml:8:47: `metric.value`: value must be a plain number (no units, no commas) in "crossing-opened"'],
  },
  {
    did: 'a kind that does not exist (outcom) lists the kinds',
    files: withFacts(edited('kind: outcome', 'kind: outcom')),
    problems: ['{ws}/facts/team.yaml:5:9: `kind` must be one of outcome, forecast, plan, claim, context in "crossing-opened"'],
  },
  {
    did: 'a fact dated 2019-13-45 names the impossible month at the date',
    files: withFacts(edited('when: 2023-12', 'when: 2019-13-45')),
    problems: ['{ws}/facts/team.yaml:4:9: `when`: "2019-13-45" is not a date: month 13 does not exist in "crossing-opened"'],
  },
  {
    did: 'a period that ends before it starts is reported at its end',
    files: withFacts(edited('when: 2023-12', 'when: { from: 2023, to: 2021 }')),
    problems: ['{ws}/facts/team.yaml:4:27: `when.to`: period ends (2021) before it starts (2023) in "crossing-opened"'],
  },
  {
    did: 'a fact without its evidence says the field is missing, at the record',
    files: withFacts(edited('  evidence: The new crossing at Khorgos opened in December 2023.\n', '')),
    problems: ['{ws}/facts/team.yaml:1:3: `evidence` is missing in "crossing-opened"'],
  },
  {
    did: 'a field the schema does not know (colour) is reported at its key',
    files: withFacts(`${goodFact}  colour: red\n`),
    problems: ['{ws}/facts/team.yaml:8:3: unknown field `colour` in "crossing-opened"'],
  },
  {
    did: 'a fact file of 5,000 words lists the first 50 and counts the rest',
    files: withFacts('- crossing\n'.repeat(5000)),
    problems: [
      ...Array.from({ length: 50 }, (_, i) => `{ws}/facts/team.yaml:${i + 1}:3: expected a record (\`id: …\` and its fields), found the text "crossing"`),
      '{ws}/facts/team.yaml: and 4950 more records with problems in this file (fix the ones listed first)',
    ],
  },

  // Ids: duplicates and references that lead nowhere
  {
    did: 'the same fact id twice in a file is reported at the second, naming the first',
    files: withFacts(`${goodFact}${goodFact}`),
    problems: ['{ws}/facts/team.yaml:8:3: duplicate fact id "crossing-opened" (first defined at {ws}/facts/team.yaml:1:3); this one is ignored'],
  },
  {
    did: 'a topic that does not exist (transprt) suggests the one meant',
    files: withFacts(edited('topics: [transport]', 'topics: [transprt]')),
    problems: [`{ws}/facts/team.yaml:1:3: ${left('unknown topic "transprt" (did you mean "transport"?)')}`],
  },
  {
    did: 'a source that does not exist (team-notes) suggests the one meant',
    files: withFacts(edited('source: team-note', 'source: team-notes')),
    problems: [`{ws}/facts/team.yaml:1:3: ${left('unknown source "team-notes" (did you mean "team-note"?)')}`],
  },
  {
    did: 'an entity and an indicator that do not exist are both reported',
    files: withFacts(`${edited('topics: [transport]', 'topics: [transport]\n  entities: [khorgoss]')}  metric: { indicator: crossings, value: 1, unit: crossings, period: 2023 }\n`),
    problems: [
      `{ws}/facts/team.yaml:1:3: ${left('unknown entity "khorgoss" (did you mean "khorgos"?)')}`,
      `{ws}/facts/team.yaml:1:3: ${left('unknown indicator "crossings"')}`,
    ],
  },
  {
    did: 'a figure in euros for an indicator in dollars is reported',
    files: withFacts(`${goodFact}  metric: { indicator: trade-turnover, value: 5, unit: EUR, period: 2023 }\n`),
    problems: [`{ws}/facts/team.yaml:1:3: ${left('metric unit "EUR" differs from indicator "trade-turnover", which is in "USD"')}`],
  },
  {
    did: 'evidence that is not word for word in its source says so and names the source file',
    files: withFacts(edited('evidence: The new crossing', 'evidence: A new crossing')),
    problems: [
      `{ws}/facts/team.yaml:1:3: ${left('evidence is not found verbatim in source "team-note" ({ws}/sources/team-note.md); copy the span exactly, curly quotes and dashes included')}`,
    ],
  },

  // Sources
  {
    did: 'a source without front matter says what it starts with',
    files: withFacts(goodFact, { 'sources/team-note.md': 'The new crossing at Khorgos opened in December 2023.\n' }),
    problems: [
      '{ws}/sources/team-note.md:1:1: a source file starts with YAML front matter between two "---" lines (id, title, author, publisher, date or estimate)',
      `{ws}/facts/team.yaml:1:3: ${left('unknown source "team-note"')}`,
    ],
  },
  {
    did: 'a source with both a date and an estimate asks for exactly one',
    files: withFacts(goodFact, { 'sources/team-note.md': teamSource.replace('date: 2024-03-01\n', 'date: 2024-03-01\nestimate: { date: 2024, basis: A guess. }\n') }),
    problems: [
      '{ws}/sources/team-note.md:7:7: `date`: a source gives exactly one of `date` (when the text gives it) and `estimate` (our estimate and its basis) in "team-note"',
      `{ws}/facts/team.yaml:1:3: ${left('unknown source "team-note"')}`,
    ],
  },
  {
    did: 'a YAML mistake in a source\'s front matter is reported at its line in the file',
    files: withFacts(goodFact, { 'sources/team-note.md': teamSource.replace('title: Team note on the rail corridor', 'title: "Team note on the rail corridor') }),
    problems: ['{ws}/sources/team-note.md:3:8: YAML: Missing closing "quote', `{ws}/facts/team.yaml:1:3: ${left('unknown source "team-note"')}`],
  },
  {
    did: 'a source dated 2024-02-30 names the day February does not have',
    files: withFacts(goodFact, { 'sources/team-note.md': teamSource.replace('date: 2024-03-01', 'date: 2024-02-30') }),
    problems: ['{ws}/sources/team-note.md:7:7: `date`: "2024-02-30" is not a date: 2024-02 has no day 30 in "team-note"', `{ws}/facts/team.yaml:1:3: ${left('unknown source "team-note"')}`],
  },
  {
    did: 'two sources with one id are reported at the second',
    files: withFacts(goodFact, { 'sources/team-note-copy.md': teamSource }),
    problems: ['{ws}/sources/team-note.md:1:1: duplicate source id "team-note" (first defined at {ws}/sources/team-note-copy.md:1:1); this one is ignored'],
  },

  // Vocabularies and the workspace's own file
  {
    did: 'a topic id given twice in topics.yaml is reported at the second',
    files: { 'topics.yaml': '- id: rail\n  label: Rail\n- id: rail\n  label: Railways\n' },
    problems: ['{ws}/topics.yaml:3:3: duplicate topic id "rail" (first defined at {ws}/topics.yaml:1:3); this one is ignored'],
  },
  {
    did: 'an entity of a type that does not exist (planet) lists the types',
    files: { 'entities.yaml': '- { id: mars, name: Mars, type: planet }\n' },
    problems: ['{ws}/entities.yaml:1:33: `type` must be one of country, organisation, person, place, project, programme, event in "mars"'],
  },
  {
    did: 'an indicator naming a topic that does not exist suggests the one meant',
    files: { 'indicators.yaml': '- id: crossings\n  name: Border crossings\n  unit: crossings\n  topics: [transprt]\n' },
    problems: ['{ws}/indicators.yaml:1:3: indicator "crossings" names unknown topic "transprt" (did you mean "transport"?)'],
  },
  {
    did: 'a topic without a label says the label is missing',
    files: { 'topics.yaml': '- id: rail\n' },
    problems: ['{ws}/topics.yaml:1:3: `label` is missing in "rail"'],
  },
  {
    did: 'a workspace.yaml whose name is a list asks for text',
    files: { 'workspace.yaml': 'name: [Rail, Roads]\n' },
    problems: ['{ws}/workspace.yaml:1:7: `name`: name must be text'],
  },

  // What a message quotes from the files: escaped, so nothing reaches the terminal raw, and capped
  {
    did: 'a field named with an escape sequence that sets the window title is shown escaped',
    files: withFacts(`${goodFact}  "\u001b]0;pwned\u0007": red\n`),
    problems: ['{ws}/facts/team.yaml:8:3: unknown field `\\x1b]0;pwned\\x07` in "crossing-opened"'],
    process: true,
  },
  {
    did: 'a date that clears the screen (ESC [2J) is shown escaped, at the date',
    files: withFacts(edited('when: 2023-12', 'when: "\\e[2J2023"')),
    problems: ['{ws}/facts/team.yaml:4:9: `when`: "\\x1b[2J2023" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD in "crossing-opened"'],
  },
  {
    did: 'a bidi override (U+202E) and a C1 control (U+009B) in a value are shown as \\u202e and \\u009b',
    files: withFacts(edited('topics: [transport]', 'topics: "\u202etransport\u009b31m"')),
    problems: ['{ws}/facts/team.yaml:3:11: `topics` must be a list (found the text "\\u202etransport\\u009b31m") in "crossing-opened"'],
    process: true,
  },
  {
    did: 'a line break inside a quoted value is shown as \\n, keeping the message on one line',
    files: withFacts(edited('topics: [transport]', 'topics: "transport\\nerror: all is well"')),
    problems: ['{ws}/facts/team.yaml:3:11: `topics` must be a list (found the text "transport\\nerror: all is well") in "crossing-opened"'],
  },
  {
    did: 'a key given twice that would make the terminal blink is named escaped',
    files: withFacts(edited('  kind: outcome\n', '  kind: outcome\n  "\u001b[5mkind": 1\n  "\u001b[5mkind": 2\n')),
    problems: ['{ws}/facts/team.yaml:7:3: YAML: the key "\\x1b[5mkind" is given twice (each key once per record)'],
  },
  {
    did: 'a fact file whose name holds an escape sequence is named with it escaped',
    files: withFacts(goodFact, { 'facts/\u001b[31mred.yaml': '- [transport\n' }),
    problems: ['{ws}/facts/\\x1b[31mred.yaml:1:3: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
  },
  {
    did: 'a field whose name is 2 MB long is quoted to its first 120 characters and counted',
    files: withFacts(`${goodFact}  ${'k'.repeat(2 * 1024 * 1024)}: red\n`),
    problems: [`{ws}/facts/team.yaml:8:3: unknown field \`${'k'.repeat(120)}…\` (2097032 more characters) in "crossing-opened"`],
    process: true,
  },
  {
    did: 'a fact id of 100,000 characters is quoted to its first 120 wherever a message names it',
    files: withFacts(edited('id: crossing-opened', `id: ${'a'.repeat(100_000)}`).replace('topics: [transport]', 'topics: [transprt]')),
    problems: [`{ws}/facts/team.yaml:1:3: unknown topic "transprt" (did you mean "transport"?) (fact "${'a'.repeat(120)}…" (99880 more characters); left out)`],
  },
  {
    did: 'an unknown field of 904 characters in a source, starting with an escape, is escaped and capped',
    files: withFacts(goodFact, { 'sources/team-note.md': teamSource.replace('kind: report\n', `kind: report\n"\u001b[1m${'x'.repeat(900)}": 1\n`) }),
    problems: [
      `{ws}/sources/team-note.md:7:1: unknown field \`\\x1b[1m${'x'.repeat(116)}…\` (784 more characters) in "team-note"`,
      `{ws}/facts/team.yaml:1:3: ${left('unknown source "team-note"')}`,
    ],
  },

  // Size and encoding
  {
    did: 'a 50 MB facts file is refused with its size, not read',
    files: withFacts(goodFact, { 'facts/huge.yaml': { size: 50 * 1024 * 1024 } }),
    problems: ['{ws}/facts/huge.yaml: file is too large (50.0 MB; the limit is 8 MB): split it into smaller files'],
    process: true,
  },
  {
    did: 'a facts file that is one 10 MB line is refused with its size',
    files: withFacts(goodFact, { 'facts/line.yaml': `- ${'x'.repeat(10 * 1024 * 1024)}` }),
    problems: ['{ws}/facts/line.yaml: file is too large (10.0 MB; the limit is 8 MB): split it into smaller files'],
  },
  {
    did: 'a fact file saved as UTF-16 asks for UTF-8',
    files: withFacts(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(goodFact, 'utf16le')])),
    problems: ['{ws}/facts/team.yaml:1:1: file is UTF-16 text (it starts with a UTF-16 byte-order mark): save it as UTF-8'],
    process: true,
  },
  {
    did: 'a fact file saved as Latin-1 points at the first byte that is not UTF-8',
    files: withFacts(Buffer.from(edited('A new border crossing', 'A new café-side border crossing'), 'latin1')),
    problems: ['{ws}/facts/team.yaml:2:23: file is not UTF-8 text (byte 0xE9 here is not UTF-8; the file may be Latin-1 or Windows-1252): save it as UTF-8'],
  },
  {
    did: 'a source saved as Latin-1 is refused and its facts are left out',
    files: withFacts(goodFact, { 'sources/team-note.md': Buffer.from(teamSource.replace('The new crossing', 'Caf\u00e9 news. The new crossing'), 'latin1') }),
    problems: [
      '{ws}/sources/team-note.md:9:4: file is not UTF-8 text (byte 0xE9 here is not UTF-8; the file may be Latin-1 or Windows-1252): save it as UTF-8',
      `{ws}/facts/team.yaml:1:3: ${left('unknown source "team-note"')}`,
    ],
  },

  // Unusual but sound: these load
  {
    did: 'facts, a source, topics and a template saved with a BOM and CRLF line endings load as they are',
    files: {
      'sources/team-note.md': bom(crlf(teamSource)),
      'facts/team.yaml': bom(crlf(goodFact)),
      'topics.yaml': bom(crlf('- id: rail\n  label: Rail\n')),
      'templates/team.hbs': bom(crlf('---\nid: team\nname: Team brief\n---\n# {{workspace.name}}\n\n{{#each (facts topic="transport")}}\n- {{fact this}}\n{{/each}}\n')),
    },
    problems: [],
    process: true,
  },
  {
    did: 'an empty facts file is a file with no facts yet',
    files: withFacts(goodFact, { 'facts/empty.yaml': '' }),
    problems: [],
  },
  {
    did: 'a facts file of comments only is a file with no facts yet',
    files: withFacts(goodFact, { 'facts/notes.yaml': '# Facts from the March visit go here.\n\n' }),
    problems: [],
  },
];
