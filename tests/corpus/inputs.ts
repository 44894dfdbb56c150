// What a user may give a template's inputs (`--set key=value`, `--input FILE.yaml`) that it
// cannot take: a required input left out, a date that does not exist, a choice it does not
// offer, a key it does not have, an inputs file that is not YAML, not UTF-8, or far too big;
// what a message quotes of an input is shown escaped and capped.
// Each case generates the team template `memo` over an earlier brief at {out}/brief.md, and must
// stop with exactly these lines on stderr and leave the brief as it was; `{root}/inputs.yaml` is
// the case's inputs file.
import type { Content } from './harness';
import { usage } from './outcome';

export interface InputCase {
  did: string;
  /** After `generate --workspace {ws} --template memo --format md --out {out}/brief.md`. */
  args: string[];
  /** Files below the case's root (the inputs file: `inputs.yaml`). */
  files?: Record<string, Content>;
  /** Exactly what stderr says (the run fails, and the earlier brief stays)… */
  stderr?: string;
  /** …or, for what is only unusual, the brief it writes over the earlier one. */
  writes?: string;
  process?: true;
}

/** The team template every case fills: one required input, a date, a list and a choice. */
export const memoTemplate = `---
id: memo
name: Memo
inputs:
  - { key: subject, label: Subject, required: true }
  - { key: date, label: Date of visit, type: date }
  - { key: points, label: Points, type: list }
  - { key: marking, label: Handling marking, type: choice, options: [OFFICIAL, RESTRICTED], default: OFFICIAL }
---
# {{inputs.subject}}

{{#each inputs.points}}
- {{this}}
{{/each}}
`;

const memo = (message: string) => `{ws}/templates/memo.hbs: ${message}\n`;
const INPUTS = 'subject, date, points, marking';
const subject = ['--set', 'subject=Rail freight'];
const inputsFile = (text: Content) => ({ 'inputs.yaml': text });

export const inputCases: InputCase[] = [
  // --set
  {
    did: 'leaving out the required subject names it and says how to give it',
    args: [],
    stderr: memo('missing required input "subject" (Subject): give it with --set subject=…'),
    process: true,
  },
  {
    did: '--set subject= (empty) is the required input still missing',
    args: ['--set', 'subject='],
    stderr: memo('missing required input "subject" (Subject): give it with --set subject=…'),
  },
  {
    did: '--set date=2024-02-30 names the day February does not have',
    args: [...subject, '--set', 'date=2024-02-30'],
    stderr: memo('input "date": "2024-02-30" is not a date: 2024-02 has no day 30'),
  },
  {
    did: '--set date=next week asks for a date',
    args: [...subject, '--set', 'date=next week'],
    stderr: memo('input "date": "next week" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD'),
  },
  {
    did: '--set marking=SECRET lists the markings the template offers',
    args: [...subject, '--set', 'marking=SECRET'],
    stderr: memo('input "marking" must be one of OFFICIAL, RESTRICTED (got "SECRET")'),
  },
  {
    did: '--set colour=red (an input the template does not have) lists its inputs',
    args: [...subject, '--set', 'colour=red'],
    stderr: memo(`template "memo" has no input "colour" (inputs: ${INPUTS})`),
  },
  {
    did: '--set subject (no =) asks for key=value',
    args: ['--set', 'subject'],
    stderr: usage('--set takes key=value (got "subject")'),
  },
  {
    did: '--set =Rail (no key) asks for key=value',
    args: ['--set', '=Rail'],
    stderr: usage('--set takes key=value (got "=Rail")'),
  },
  {
    did: '--set with a subject of 2,001 characters gives the limit',
    args: ['--set', `subject=${'x'.repeat(2001)}`],
    stderr: usage('--set input "subject" has a text of 2001 characters; an input holds at most 2000'),
  },
  {
    did: '--set points=… 101 times gives the limit of a list',
    args: [...subject, ...Array.from({ length: 101 }, (_, i) => ['--set', `points=Point ${i + 1}`]).flat()],
    stderr: usage('--set input "points" has 101 items; a list input holds at most 100'),
  },

  // --input
  {
    did: '--input naming a file that does not exist says so',
    args: ['--input', '{root}/inputs.yaml'],
    stderr: usage('cannot read --input file "{root}/inputs.yaml" (no such file)'),
  },
  {
    did: '--input naming a folder asks for a YAML file',
    args: ['--input', '{root}'],
    stderr: usage('--input "{root}" is a folder: name a YAML file'),
  },
  {
    did: '--input with a list left open is reported where it opens',
    files: inputsFile('subject: Rail freight\npoints: [Khorgos, Altynkol\n'),
    args: ['--input', '{root}/inputs.yaml'],
    stderr: '{root}/inputs.yaml:2:9: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]\n',
    process: true,
  },
  {
    did: '--input that is a list, not key: value lines, says what it should be',
    files: inputsFile('- Rail freight\n- Khorgos\n'),
    args: ['--input', '{root}/inputs.yaml'],
    stderr: '{root}/inputs.yaml:1:1: an input file is a mapping of input keys to values (key: value)\n',
  },
  {
    did: '--input with a mapping as a value is reported at that value',
    files: inputsFile('subject:\n  title: Rail freight\n'),
    args: ['--input', '{root}/inputs.yaml'],
    stderr: '{root}/inputs.yaml:2:3: input "subject" is text, not a mapping\n',
  },
  {
    did: '--input with a mapping in a list is reported at that item',
    files: inputsFile('subject: Rail freight\npoints:\n  - Khorgos\n  - { name: Altynkol }\n'),
    args: ['--input', '{root}/inputs.yaml'],
    stderr: '{root}/inputs.yaml:4:5: input "points": item 2 is text, not a mapping or a list\n',
  },
  {
    did: '--input with a __proto__ key is an input the template does not have, like any other',
    files: inputsFile('subject: Rail freight\n__proto__: [Khorgos]\n'),
    args: ['--input', '{root}/inputs.yaml'],
    stderr: `{root}/inputs.yaml:2:1: template "memo" has no input "__proto__" (inputs: ${INPUTS})\n`,
  },
  {
    did: '--input with a list of 101 points gives the limit, at the list',
    files: inputsFile(`subject: Rail freight\npoints:\n${'  - A point\n'.repeat(101)}`),
    args: ['--input', '{root}/inputs.yaml'],
    stderr: '{root}/inputs.yaml:3:3: input "points" has 101 items; a list input holds at most 100\n',
  },
  {
    did: '--input with a date given as a list says it is not a date',
    files: inputsFile('subject: Rail freight\ndate: [2024-05-01, 2024-05-02]\n'),
    args: ['--input', '{root}/inputs.yaml'],
    stderr: '{root}/inputs.yaml:2:7: input "date": "2024-05-01, 2024-05-02" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD\n',
  },
  {
    did: '--input saved as Latin-1 points at the first byte that is not UTF-8',
    files: inputsFile(Buffer.from('subject: Caf\u00e9 talks\n', 'latin1')),
    args: ['--input', '{root}/inputs.yaml'],
    stderr: '{root}/inputs.yaml:1:13: file is not UTF-8 text (byte 0xE9 here is not UTF-8; the file may be Latin-1 or Windows-1252): save it as UTF-8\n',
  },
  {
    did: '--input saved as UTF-16 asks for UTF-8',
    files: inputsFile(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('subject: Rail freight\n', 'utf16le')])),
    args: ['--input', '{root}/inputs.yaml'],
    stderr: '{root}/inputs.yaml:1:1: file is UTF-16 text (it starts with a UTF-16 byte-order mark): save it as UTF-8\n',
  },
  {
    did: '--input of aliases that expand a billion times is refused at the first alias',
    files: inputsFile('a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nsubject: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n'),
    args: ['--input', '{root}/inputs.yaml'],
    stderr: '{root}/inputs.yaml:2:8: YAML: the aliases (*name) in this file expand too far: write the values out instead\n',
  },
  {
    did: '--input of 2 MB is too large for an inputs file',
    files: inputsFile({ size: 2 * 1024 * 1024 }),
    args: ['--input', '{root}/inputs.yaml'],
    stderr: usage('--input "{root}/inputs.yaml" is too large for an inputs file (2.0 MB; the limit is 1 MB)'),
  },

  // What a message quotes from an input: escaped and capped
  {
    did: '--set marking= with an escape sequence lists the markings and shows the value escaped',
    args: [...subject, '--set', 'marking=\u001b[5mSECRET'],
    stderr: memo('input "marking" must be one of OFFICIAL, RESTRICTED (got "\\x1b[5mSECRET")'),
    process: true,
  },
  {
    did: '--set date= of 1,500 characters quotes its first 120 and counts the rest',
    args: [...subject, '--set', `date=${'2'.repeat(1500)}`],
    stderr: memo(`input "date": "${'2'.repeat(120)}…" (1380 more characters) is not a date: use YYYY, YYYY-MM or YYYY-MM-DD`),
  },
  {
    did: '--input with a key holding a bidi override names it with the override shown',
    files: inputsFile('subject: Rail freight\n"\u202ecolour": red\n'),
    args: ['--input', '{root}/inputs.yaml'],
    stderr: `{root}/inputs.yaml:2:1: template "memo" has no input "\\u202ecolour" (inputs: ${INPUTS})\n`,
  },
  {
    did: '--input with a key of 900 characters quotes its first 120',
    files: inputsFile(`subject: Rail freight\n${'k'.repeat(900)}: red\n`),
    args: ['--input', '{root}/inputs.yaml'],
    stderr: `{root}/inputs.yaml:2:1: template "memo" has no input "${'k'.repeat(120)}…" (780 more characters) (inputs: ${INPUTS})\n`,
  },

  // Unusual but sound: this one is read
  {
    did: '--input saved with a BOM and CRLF line endings is read as it is, and the brief written',
    files: inputsFile('\uFEFFsubject: Rail freight\r\npoints:\r\n  - Khorgos\r\n  - Altynkol\r\n'),
    args: ['--input', '{root}/inputs.yaml'],
    writes: '# Rail freight\n\n- Khorgos\n- Altynkol\n',
  },
];
