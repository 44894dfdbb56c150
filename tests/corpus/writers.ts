// What text and page settings a colleague's template or facts may bring that a writer cannot
// lay out or encode: a pasted hash or address with no break in it, a link address holding a
// character XML forbids, margins that leave no room for a table, a paper of thousands of pages
// (stopped at the page budget, before it is laid out). Each case is a team folder
// `{ws}` generated to one format over an earlier paper in {out}: it either writes a paper that
// holds every letter of what it was given (read back with pdf.js, or unzipped and parsed as XML)
// or stops with exactly these lines on stderr, naming the template and line, and leaves the
// earlier paper as it was.
import type { Content } from './harness';

export interface WriterCase {
  did: string;
  /** Files below {ws}: templates/t.hbs and any facts and sources. */
  files: Record<string, Content>;
  format: 'pdf' | 'docx';
  /** More flags for `generate` (`--max-pages 2`); the template is `t` unless `--template` is given. */
  args?: string[];
  /** The paper is written, and its text (every XML part, for a DOCX) holds each of these, whole and in order. */
  holds?: string[];
  /** Text a page break repeats (a table's header row), taken out before looking. */
  repeats?: string[];
  /** Or it stops, with exactly these lines on stderr (`{ws}` is the folder). */
  stderr?: string[];
}

/** A 10,000-letter run with no break opportunity: a pasted hash. */
export const HASH = 'a1b2c3d4e5'.repeat(1000);
/** A long address with no break in it. */
const ADDRESS = `https://example.org/${'x'.repeat(2000)}`;

/** templates/t.hbs: front matter on lines 1–4 (`front` adds to it), the body from line 5. */
const template = (body: string, front = ''): Record<string, Content> => ({
  'templates/t.hbs': `---\nid: t\nname: Team paper\n${front}---\n${body}`,
});

/** A team source and fact whose statement is `text` (topic trade, 2024). */
const factSaying = (text: string): Record<string, Content> => ({
  'sources/team-note.md': `---\nid: team-note\ntitle: Team note\nauthor: unknown\npublisher: unknown\nkind: report\ndate: 2024-03-01\n---\n${text}\n`,
  'facts/team.yaml': `- id: pasted\n  statement: "${text}"\n  topics: [trade]\n  when: 2024\n  kind: outcome\n  source: team-note\n  evidence: "${text}"\n`,
});

const budget = (pages: string, budgetPages: number, count: string) =>
  `the paper would run to about ${pages} pages, over the page budget of ${budgetPages}; this line of the template makes most of it (${count} items). Choose fewer topics or a shorter range, or raise the budget (Settings, "Page budget"; generate --max-pages N)`;

export const writerCases: WriterCase[] = [
  {
    did: 'a 10,000-letter word in a heading, a paragraph, a list, a callout and a table cell prints whole in the PDF',
    files: template(`# Hash ${HASH}\n\n${HASH}\n\n- ${HASH}\n\n:::callout{title="Pasted"}\n${HASH}\n:::\n\n| Key | Value |\n|:--|:--|\n| hash | ${HASH} |\n`),
    format: 'pdf',
    holds: [HASH, HASH, HASH, HASH, HASH],
    repeats: ['KeyValue'],
  },
  {
    did: 'a 10,000-letter word in a fact prints whole in the chronology’s table (PDF)',
    files: { ...factSaying(`Trade hash ${HASH} was pasted in 2024.`), ...template('# Facts\n\n{{#each (facts)}}\n| When | What |\n|:--|:--|\n| {{when}} | {{fact this}} |\n{{/each}}\n') },
    format: 'pdf',
    holds: [HASH],
    repeats: ['WhenWhat'],
  },
  {
    did: 'the same word prints whole in a DOCX, where Word breaks it itself',
    files: template(`# Hash\n\n${HASH}\n\n| Key | Value |\n|:--|:--|\n| hash | ${HASH} |\n`),
    format: 'docx',
    holds: [HASH, HASH],
  },
  {
    did: 'a 2,000-character address prints whole in the PDF after its link text',
    files: template(`# Links\n\nSee [the page](${ADDRESS}).\n`),
    format: 'pdf',
    holds: ['See the page', ADDRESS],
  },
  {
    did: 'a link address holding U+FFFF and U+FFFE gives a DOCX whose every part is well-formed, the address printed without them',
    files: template('# Links\n\nSee [the page](https://example.org/a\uffffb\ufffec).\n'),
    format: 'docx',
    holds: ['See the page', '(https://example.org/abc)'],
  },
  {
    did: 'a link text and a heading holding U+FFFF, C1 controls and a byte-order mark give a well-formed DOCX, without them',
    files: template('# Head\uffff\u0085ing\ufeff\n\nSee [the\u0090 page\uffff](https://example.org/).\n'),
    format: 'docx',
    holds: ['Heading', 'See the page'],
  },
  {
    did: 'margins that leave 10 mm of the width are refused at the template’s front matter, before a paper is written',
    files: template('# Table\n\n| a | b |\n|--|--|\n| 1 | 2 |\n', 'page:\n  margins: { top: 20, right: 100, bottom: 20, left: 100 }\n'),
    format: 'pdf',
    stderr: [
      '{ws}/templates/t.hbs:5:53: `page.margins.left`: the left and right margins leave 10 mm of the page\'s 210 mm for text: leave at least 80 mm in "t"',
      'briefwright: unknown template "t" (templates: chronology, key-figures, pre-visit-brief, sector-one-pager, talking-points; a template file above did not load)',
    ],
  },
  {
    did: 'margins that leave 10 mm of a landscape page’s height are refused too',
    files: template('# Table\n\n| a | b |\n|--|--|\n| 1 | 2 |\n', 'page:\n  orientation: landscape\n  margins: { top: 100, right: 20, bottom: 100, left: 20 }\n'),
    format: 'docx',
    stderr: [
      '{ws}/templates/t.hbs:6:19: `page.margins.top`: the top and bottom margins leave 10 mm of the page\'s 210 mm for text: leave at least 80 mm in "t"',
      'briefwright: unknown template "t" (templates: chronology, key-figures, pre-visit-brief, sector-one-pager, talking-points; a template file above did not load)',
    ],
  },
  {
    did: 'two loops in loops (every fact for every fact, twice) are stopped at the default page budget, at the first line that makes the paper, before layout',
    files: template('# Every pair, twice\n\n{{#each (facts)}}\n{{#each (facts)}}\n- {{statement}}\n{{/each}}\n{{/each}}\n{{#each (facts)}}\n{{#each (facts)}}\n- {{id}}: {{statement}}\n{{/each}}\n{{/each}}\n'),
    format: 'pdf',
    stderr: [`{ws}/templates/t.hbs:9:1: ${budget('833', 500, '17,956')}`],
  },
  {
    did: 'one loop in a loop (about 380 pages) is stopped at a budget of 100 given with --max-pages',
    files: template('# Every pair\n\n{{#each (facts)}}\n{{#each (facts)}}\n- {{statement}}\n{{/each}}\n{{/each}}\n'),
    format: 'docx',
    args: ['--max-pages', '100'],
    stderr: [`{ws}/templates/t.hbs:9:1: ${budget('382', 100, '17,956')}`],
  },
  {
    did: 'a budget given with --max-pages stops the bundled chronology (4 pages) at 2, naming its table row',
    files: {},
    format: 'pdf',
    args: ['--template', 'chronology', '--max-pages', '2'],
    stderr: [`templates/chronology.hbs:27:1: ${budget('4', 2, '11')}`],
  },
  {
    did: 'the same chronology is written with a budget of 10 pages',
    files: {},
    format: 'docx',
    args: ['--template', 'chronology', '--max-pages', '10'],
    holds: ['Chronology', 'Reported by April 2019 (est.)'],
  },
  {
    did: '--max-pages that is not a whole number from 1 to 100000 is a usage error',
    files: {},
    format: 'pdf',
    args: ['--template', 'chronology', '--max-pages', '2.5'],
    stderr: ['briefwright: --max-pages takes a whole number of pages from 1 to 100000 (got "2.5")', 'Run "briefwright --help" for usage.'],
  },
  {
    did: 'wide but workable margins (90 mm of text on A4) keep every cell of a table in the PDF',
    files: template('# Table\n\n| Indicator | Figure |\n|:--|--:|\n| Trade turnover | $41 billion |\n| Freight | 13.98 million tonnes |\n', 'page:\n  margins: { top: 20, right: 60, bottom: 20, left: 60 }\n'),
    format: 'pdf',
    holds: ['Trade turnover', '$41 billion', 'Freight', '13.98 million tonnes'],
  },
];
