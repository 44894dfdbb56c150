// Properties of the whole back half of the pipeline, over Markdown built the way the templates
// build it (headings, paragraphs with emphasis, lists, GFM tables, citations, the page-break,
// callout, cover, chart and key-figures directives) with arbitrary values in it — Unicode of
// every plane, control characters, right-to-left text and overrides, emoji, lone surrogates,
// very long words, Markdown and HTML look-alikes — on any page a template may set:
//   1. it goes through the reader and all three writers without throwing, and each writer gives
//      a file of its kind;
//   2. every value, escaped as a template escapes it, reads back unchanged from the Document, the
//      HTML, the DOCX and the PDF (with the normalisations `expected` below spells out).
// The faults these properties found are at the end, each as the case a user would meet.
import { createRequire } from 'node:module';
import fc from 'fast-check';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { Block, Chart, Document, PageSettings } from '../../../src/core/document/model';
import { parseMarkdown, type CiteTarget } from '../../../src/core/document/parse';
import { plainText } from '../../../src/core/document/text';
import { escapeMarkdown, formatQuantity } from '../../../src/core/templates/format';
import { renderDocx } from '../../../src/core/writers/docx';
import { fontSubsets, subsetOf, type FontRole } from '../../../src/core/writers/fonts';
import { renderHtml } from '../../../src/core/writers/html';
import { renderPdf } from '../../../src/core/writers/pdf';
import { tocByEstimate, wantsToc } from '../../../src/core/writers/shared';
import { trueTypeFont } from '../../../src/core/writers/truetype';
import { cite as citeNote, heading, para, sampleBrief, sampleChart, text } from '../../fixtures/documents';
import { paragraphsOf } from '../../fixtures/read-docx';
import { readPdf, squash } from '../../fixtures/read-pdf';

// ---------------------------------------------------------------------------------------------
// Values: what facts, sources, inputs and vocabularies may hold.

const awkward = fc.constantFrom(
  '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\t', '\r\n', '\n\n', '\u000b', '\u2028', '\u2029',
  '\ud800', '\udfff', '\udc00x', '\ufeff', '\ufffe', '\uffff', '\ufffd', '\ue000', '\ue001', '\ue0ff',
  '\u202e', '\u200f', '\u200b', '\u00ad', '\u00a0', '\u2060', 'e\u0301', 'ﬁ',
  'مرحبا بالعالم', 'שלום', '中华人民共和国', 'Қазақстан', 'Ελλάδα', 'Tiếng Việt', 'Łódź', '👩‍👩‍👧', '🇰🇿', '𝔘𝔫𝔦',
  '*', '**', '_', '__', '`', '|', '\\', '[', ']', '(', ')', '<', '>', '&', '&amp;', '&#65;', '#', '- ', '+ ', '1. ', '2) ', '> ', '=== ', '---', '    ',
  ':cite[trade]', '::pagebreak', ':::callout', '{{x}}', '<script>alert(1)</script>', 'javascript:alert(1)', '<https://example.com>', '![x](y)',
);
const longWord = fc.tuple(fc.integer({ min: 60, max: 600 }), fc.constantFrom('x', 'Ж', 'W', '—', '9')).map(([n, c]) => c.repeat(n));
/** Any UTF-16 code units, lone surrogates included (fast-check's own units never split a pair). */
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 24 });
const value = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.oneof(awkward, fc.string({ maxLength: 8 }), longWord), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: codeUnits },
);

// ---------------------------------------------------------------------------------------------
// Markdown as the templates make it: `{{value}}` is escaped, helpers add citations, charts and
// key figures; the rest is the template's own text.

const FACTS = ['trade', 'transport', 'energy'];
const cites: Record<string, CiteTarget> = Object.fromEntries(
  FACTS.map((id, i) => [id, { sourceId: `source-${i + 1}`, source: `Source ${i + 1}, “Report on ${id}”, 2024.` }]),
);

interface Piece {
  markdown: string;
  /** Values printed as text (escaped), each of which must read back unchanged. */
  values: string[];
  charts?: Chart[];
}

const cite = fc.subarray(FACTS, { minLength: 1, maxLength: 2 }).map((ids) => ` :cite[${ids.join(',')}]`);
const inline: fc.Arbitrary<Piece> = fc.tuple(value, fc.constantFrom('plain', 'emphasis', 'strong', 'label', 'fact'), cite).map(([v, how, c]) => {
  const e = escapeMarkdown(v);
  const markdown = { plain: e, emphasis: `*${e}*`, strong: `**${e}**`, label: `**Visit:** ${e}`, fact: `${e}${c}` }[how]!;
  return { markdown, values: [v] };
});
const line = fc.array(inline, { minLength: 1, maxLength: 3 }).map((pieces) => ({ markdown: pieces.map((p) => p.markdown).join(' '), values: pieces.flatMap((p) => p.values) }));
const join = (pieces: Piece[], separator: string, wrap: (markdown: string) => string = (m) => m): Piece => ({
  markdown: wrap(pieces.map((p) => p.markdown).join(separator)),
  values: pieces.flatMap((p) => p.values),
  charts: pieces.flatMap((p) => p.charts ?? []),
});

const chart: fc.Arbitrary<Chart> = fc.record({
  kind: fc.constantFrom('bar' as const, 'line' as const),
  title: value,
  valueLabel: value,
  scale: fc.constantFrom(1, 1e6, 1e9),
  points: fc.array(
    fc.record({
      label: value,
      value: fc.oneof(fc.double({ min: -1e13, max: 1e13, noNaN: true }), fc.constant(0)),
      kind: fc.constantFrom('outcome' as const, 'forecast' as const, 'plan' as const, 'claim' as const, 'context' as const),
      estimated: fc.boolean(),
    }),
    { minLength: 1, maxLength: 8 },
  ),
  caption: value,
  alt: value,
  compact: fc.boolean(),
});

const block: fc.Arbitrary<Piece> = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 3 }), line).map(([level, l]) => ({ ...l, markdown: `${'#'.repeat(level)} ${l.markdown}` })),
  line,
  fc.tuple(fc.boolean(), fc.array(line, { minLength: 1, maxLength: 4 })).map(([ordered, items]) =>
    join(items.map((item, i) => ({ ...item, markdown: `${ordered ? `${i + 1}.` : '-'} ${item.markdown}` })), '\n'),
  ),
  fc.tuple(fc.integer({ min: 1, max: 3 }), fc.array(fc.array(inline, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 4 })).map(([width, rows]) => {
    const header = `| ${['Indicator', 'Figure', 'Period'].slice(0, width).join(' | ')} |\n|${[':--', '--:', ':--'].slice(0, width).join('|')}|`;
    return join(
      rows.map((cells) => join(cells.slice(0, width), ' | ', (m) => `| ${m} |`)),
      '\n',
      (m) => `${header}\n${m}`,
    );
  }),
  fc.tuple(fc.constantFrom('Key messages', 'Figures that disagree', 'Handling note'), fc.array(line, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([title, lines, listed]) =>
    join(lines.map((l) => ({ ...l, markdown: listed ? `- ${l.markdown}` : l.markdown })), listed ? '\n' : '\n\n', (m) => `:::callout{title="${title}"}\n${m}\n:::`),
  ),
  fc.tuple(line, line).map(([title, field]) => join([title, { ...field, markdown: `**Prepared for:** ${field.markdown}` }], '\n\n', (m) => `:::cover\n# ${m}\n:::`)),
  fc.array(fc.tuple(fc.double({ min: 0, max: 1e13, noNaN: true }), fc.constantFrom('USD', 'tonnes', 'percent', 'trains'), value, cite), { minLength: 1, maxLength: 4 }).map((figures) => ({
    markdown: `:::keyfigures\n${figures.map(([n, unit, label, c]) => `- **${escapeMarkdown(formatQuantity(n, unit))}** Indicator ${escapeMarkdown(label)}${c}`).join('\n')}\n:::`,
    values: figures.map(([, , label]) => label),
  })),
  chart.map((c) => ({ markdown: '::chart{ref="CHART"}', values: [], charts: [c] })),
  fc.constantFrom('::pagebreak', '::toc', '::sources', '---').map((markdown) => ({ markdown, values: [] })),
);

/** A brief: blocks as a template lays them out, charts numbered as the chart helper numbers them. */
const brief = fc.tuple(fc.array(block, { minLength: 1, maxLength: 10 }), fc.boolean()).map(([blocks, sources]) => {
  const charts = new Map<string, Chart>();
  const markdown = blocks
    .map((b) => {
      for (const c of b.charts ?? []) charts.set(`chart-${charts.size + 1}`, c);
      return b.markdown.replace('CHART', `chart-${charts.size}`);
    })
    .join('\n\n');
  return { markdown: `${markdown}${sources ? '\n\n::sources' : ''}\n`, values: blocks.flatMap((b) => b.values), charts };
});

/** Page settings as a template's front matter may give them. */
const page: fc.Arbitrary<PageSettings> = fc.record({
  size: fc.constantFrom('A4' as const, 'LETTER' as const),
  orientation: fc.constantFrom('portrait' as const, 'landscape' as const),
  margins: fc.record({ top: fc.integer({ min: 12, max: 35 }), right: fc.integer({ min: 10, max: 35 }), bottom: fc.integer({ min: 12, max: 35 }), left: fc.integer({ min: 10, max: 35 }) }),
});

function documentOf(markdown: string, charts: Map<string, Chart>, title: string, settings: PageSettings): Document {
  const parsed = parseMarkdown(markdown, { file: 'templates/property.hbs', resolveCite: (id) => cites[id], charts });
  expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return {
    meta: { title, subject: 'Property', keywords: ['property'], marking: 'OFFICIAL', created: '2026-11-22T10:00:00Z', language: 'en-GB' },
    page: settings,
    blocks: parsed.blocks,
    notes: parsed.notes,
    sources: parsed.sources,
  };
}

// ---------------------------------------------------------------------------------------------
// What "unchanged" means, format by format.

/**
 * What a value means once escaped: escapeMarkdown documents that a value is one line of text
 * (line breaks, tabs and other vertical space become spaces) and never carries NUL or the
 * private-use characters U+E000–U+E0FF that mark template positions in rendered output.
 */
const escaped = (v: string) => v.replace(/[\ue000-\ue0ff\0]/g, '').replace(/[\r\n\t\f\v\u2028\u2029]+/g, ' ');

/**
 * Runs of spaces are one space and a paragraph's ends are trimmed: Markdown, HTML and Word all
 * treat them so, and a value's own leading or trailing spaces carry no meaning in a paragraph.
 */
const spaced = (v: string) => v.replace(/[ \t\r\n]+/g, ' ').trim();

/**
 * What a file can hold: control characters print as boxes or break XML, so every writer drops
 * them (with the byte-order mark and the noncharacters U+FFFE/U+FFFF, invisible or boxes);
 * UTF-8 cannot encode a lone surrogate, which every encoder writes as U+FFFD.
 */
const printable = (v: string) =>
  v.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufeff\ufffe\uffff]/g, '').replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

const expected = {
  document: (v: string) => spaced(escaped(v)),
  file: (v: string) => spaced(printable(escaped(v))),
  /**
   * A PDF holds glyphs at positions, not text: pdf.js guesses spaces and line ends from the gaps
   * (a long word broken across lines gains a line end, and invisible format characters such as
   * U+200B read back as gaps), and a letter with accents may be one glyph or a letter and its
   * marks, read back either way. So the PDF is compared on its visible letters, in order, accents
   * aside (marks dropped after compatibility decomposition). The shipped fonts draw Latin, Cyrillic,
   * Greek and Vietnamese only: a character they have no glyph for prints as a missing glyph and
   * cannot be read back, so it is not expected (a known limit of the PDF, reported).
   */
  pdf: (v: string) => pdfVisible(printable(escaped(v))),
};
/**
 * Visible letters, compared as compatibility forms: characters the fonts draw with one glyph (the
 * micro sign and Greek mu, the ohm sign and omega) read back as whichever used the glyph first
 * (a micro sign in a heading came back as μ), so they count as one (NFKD, as a search does).
 */
const visible = (text: string) => text.normalize('NFKD').replace(/[\s\p{Cf}\p{M}\0]/gu, '');
/**
 * Text as the PDF can show it: what the fonts draw, visible. Both sides go through it: a missing
 * glyph reads back as NUL or as whichever character first used it, never as the right one.
 */
const pdfVisible = (text: string) => visible([...text].filter(drawable).join(''));

const require = createRequire(import.meta.url);
const fontkit = require('fontkit') as { create(buffer: Buffer): { hasGlyphForCodePoint(cp: number): boolean } };
const faces = new Map(
  (['body', 'heading'] as FontRole[]).flatMap((role) => fontSubsets.map((subset) => [`${role}:${subset}`, fontkit.create(Buffer.from(trueTypeFont(role, subset, 'normal')))] as const)),
);
/** Whether the PDF's fonts (both families, as the writer picks the subset) draw a character. */
function drawable(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return faces.get(`body:${subsetOf(cp)}`)!.hasGlyphForCodePoint(cp) && faces.get(`heading:${subsetOf(cp)}`)!.hasGlyphForCodePoint(cp);
}

/** The Document's words, block by block (what every writer is given). */
function documentText(blocks: readonly Block[]): string {
  return blocks
    .map((b): string => {
      switch (b.type) {
        case 'heading':
        case 'paragraph':
          return plainText(b.children);
        case 'list':
          return b.items.map(documentText).join('\n');
        case 'table':
          return [b.header, ...b.rows].map((row) => row.map((c) => plainText(c.children)).join('\n')).join('\n');
        case 'blockquote':
        case 'cover':
          return documentText(b.children);
        case 'callout':
          return `${plainText(b.title)}\n${documentText(b.children)}`;
        case 'keyFigures':
          return b.items.map((f) => `${f.value} ${plainText(f.label)}`).join('\n');
        default:
          return '';
      }
    })
    .join('\n');
}

/** The text of an HTML page as a browser shows it: the body, without tags, entities decoded. */
function htmlText(html: string): string {
  const body = /<body[^>]*>([\s\S]*)<\/body>/.exec(html)?.[1] ?? '';
  return body
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');
}

/**
 * The words of each page of a PDF in the order they are drawn (a table's cells one after the
 * other), as `expected.pdf` compares them, without the running header and footer (in the top and
 * bottom margins) and without the numbers of ordered lists, which pdfmake draws after the first
 * line of their item, to its left.
 */
async function pdfPages(bytes: Uint8Array, margins: PageSettings['margins']): Promise<string[]> {
  const { pages } = await readPdf(bytes);
  const [top, bottom] = [margins.top, margins.bottom].map((mm) => (mm / 25.4) * 72) as [number, number];
  return pages.map((page) =>
    pdfVisible(
      page.items
        .filter((item) => item.y > bottom && item.y < page.height - top)
        .filter((item, i, items) => !(/^\d+\.$/.test(item.str) && items.slice(0, i).some((drawn) => Math.abs(drawn.y - item.y) < 0.5 && drawn.x > item.x)))
        .map((item) => item.str)
        .join(''),
    ),
  );
}

/**
 * Whether the pages hold `wanted`, on one page or running on over the next: a paragraph or a
 * table row that breaks at the foot of a page goes on at the head of the next, but the cells to
 * its right are drawn in between. Each page takes the longest part of what is left that it holds.
 */
function pagesHold(pages: readonly string[], wanted: string): boolean {
  return pages.some((_, first) => {
    let rest = wanted;
    for (let page = first; page < pages.length; page++) {
      const text = pages[page]!;
      if (text.includes(rest)) return true;
      let lo = 0;
      let hi = rest.length;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (text.includes(rest.slice(0, mid))) lo = mid;
        else hi = mid - 1;
      }
      if (lo === 0) return false;
      rest = rest.slice(lo);
    }
    return false;
  });
}

/** Every value must be found in `text`, as `as` turns it. */
function expectAll(text: string, values: readonly string[], as: (v: string) => string, where: string): void {
  for (const v of values) {
    const wanted = as(v);
    if (text.includes(wanted)) continue;
    // Where the reading parts from what was written, to make a failure quick to read.
    let n = 0;
    while (n < wanted.length && text.includes(wanted.slice(0, n + 1))) n++;
    const at = text.indexOf(wanted.slice(0, n));
    const shorten = (t: string) => t.replace(/(.)\1{9,}/gu, (run, c: string) => `${c}×${[...run].length}`);
    expect.fail(
      `${where}: ${JSON.stringify(shorten(v))} should read back as ${JSON.stringify(shorten(wanted))}; ` +
        `read ${JSON.stringify(shorten(text.slice(Math.max(0, at - 20), at + n + 40)))}, which parts from it after ${JSON.stringify(shorten(wanted.slice(0, n)))}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------

describe('any Markdown the templates could produce', () => {
  it('reads into a Document whose text holds every value, and prints as HTML with every value in it (property)', () => {
    fc.assert(
      fc.property(brief, value, page, ({ markdown, values, charts }, title, settings) => {
        const doc = documentOf(markdown, charts, title, settings);
        expectAll(spaced(documentText(doc.blocks)), values, expected.document, 'Document');
        const html = new TextDecoder().decode(new TextEncoder().encode(renderHtml(doc)));
        expect(html).toMatch(/^<!DOCTYPE html>/i);
        expectAll(spaced(htmlText(html)), values, expected.file, 'HTML');
      }),
      { numRuns: 150 },
    );
  });

  it('goes through all three writers without throwing, and reads back from the PDF and the DOCX with every value in it (property)', async () => {
    await fc.assert(
      fc.asyncProperty(brief, value, page, async ({ markdown, values, charts }, title, settings) => {
        const doc = documentOf(markdown, charts, title, settings);
        const html = renderHtml(doc);
        expect(html.length).toBeGreaterThan(0);

        const pdf = await renderPdf(doc);
        expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
        const pages = await pdfPages(pdf, doc.page.margins);
        for (const v of values) {
          if (!pagesHold(pages, expected.pdf(v))) expectAll(pages.join(''), [v], expected.pdf, 'PDF');
        }

        // Whether the contents print, as the pipeline decides it for DOCX (write.ts).
        const docx = await renderDocx(doc, { toc: tocByEstimate(doc) ?? wantsToc(doc) });
        expect(Buffer.from(docx.subarray(0, 4)).toString('latin1')).toBe('PK\u0003\u0004');
        const body = await (await JSZip.loadAsync(docx)).file('word/document.xml')?.async('string');
        expect(body).toBeDefined();
        expectAll(spaced(paragraphsOf(body!).map((p) => p.text).join('\n')), values, expected.file, 'DOCX');
      }),
      { numRuns: 16 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// What the properties found, each as the case a user would meet.

/** A Document of these blocks, with the sample brief's notes and page. */
function briefOf(...blocks: Block[]): Document {
  return { ...sampleBrief(), blocks };
}
const pdfText = async (doc: Document) => squash((await readPdf(await renderPdf(doc))).text);
const count = (text: string, ch: string) => [...text].filter((c) => c === ch).length;

describe('cases the properties found', () => {
  it('PDF: a bullet of long unbroken runs (printed in pieces of 20 letters) is not kept whole past its page and dropped', async () => {
    // The case as the property found it: a bullet, an empty bullet, an empty heading, in narrow margins.
    const markdown = `- **${'W'.repeat(197)}** **Visit:** ${'Ж'.repeat(917)}@%\\#\n- \n\n# \n`;
    const doc = documentOf(markdown, new Map(), '\u0000', { size: 'A4', orientation: 'portrait', margins: { top: 12, right: 32, bottom: 15, left: 34 } });
    const body = await pdfText(doc);
    expect([count(body, 'W'), count(body, 'Ж')]).toEqual([197, 917]);
  });

  it('PDF: a soft hyphen (pasted from a word processor) no longer makes the hyphens of the paper, and of the next paper, vanish', async () => {
    expect(await pdfText(briefOf(para('co\u00adoperation from 2015-2018')))).toContain('cooperation from 2015-2018');
    expect(await pdfText(briefOf(para('Trade from 2015-2018 rose.')))).toContain('from 2015-2018 rose');
  });

  it('PDF: a word that starts with a Hebrew or Arabic letter keeps its Latin letters in order, not mirrored', async () => {
    const text = await pdfText(briefOf(para('שלוםjavascript:alert(1) and مرحباWorld')));
    expect(text).toContain('javascript:alert(1)');
    expect(text).toContain('World');
  });

  it('PDF: invisible joiners and direction controls print as nothing, not as missing-glyph boxes', async () => {
    const { pages } = await readPdf(await renderPdf(briefOf(para('a\u202eb\u200dc\u2066d\u2069e'))));
    const item = pages[0]!.items.find((i) => i.str.includes('a'))!;
    expect(item.str).toBe('abcde');
  });

  it('PDF: a word longer than a line prints whole in a callout, a table cell and a key figure, not cut off at the page edge', async () => {
    const doc = briefOf(
      { type: 'callout', title: [text('Key messages')], children: [para('Ж'.repeat(300))] },
      { type: 'table', align: [null, null], header: [{ children: [text('Indicator')] }, { children: [text('Figure')] }], rows: [[{ children: [text('Ω'.repeat(400))] }, { children: [text('41')] }]] },
      { type: 'keyFigures', items: [{ value: '$41 billion', label: [text('Ŧ'.repeat(300))] }, { value: '2,388', label: [text('Trains')] }] },
    );
    const body = await pdfText(doc);
    expect([count(body, 'Ж'), count(body, 'Ω'), count(body, 'Ŧ')]).toEqual([300, 400, 300]);
  });

  it('PDF: key figures whose labels run longer than a page still print, over two pages', async () => {
    const long = 'Trade turnover between the two countries, as reported '.repeat(60);
    const doc = briefOf({ type: 'keyFigures', items: [1, 2, 3, 4].map((n) => ({ value: `$${n} billion`, label: [text(`${long}(${n})`)] })) });
    const read = await readPdf(await renderPdf(doc));
    expect(read.pages.length).toBeGreaterThan(1);
    for (const n of [1, 2, 3, 4]) expect(squash(read.text)).toContain(`reported (${n})`);
  });

  it('PDF: a table whose first row is taller than a page prints, header and row, over the pages it needs', async () => {
    const long = `${'Ж'.repeat(240)} ${'freight through Khorgos rose again '.repeat(250)}(end)`;
    const doc = briefOf({
      type: 'table',
      align: [null, 'right', null],
      header: ['Indicator', 'Figure', 'Period'].map((h) => ({ children: [text(h)] })),
      rows: [[{ children: [text('Freight')] }, { children: [text(long)] }, { children: [text('2023')] }]],
    });
    const read = await readPdf(await renderPdf(doc));
    const body = squash(read.text);
    expect(read.pages.length).toBeGreaterThan(1);
    expect(body).toContain('Indicator');
    expect(body).toContain('Freight');
    expect(count(body, 'Ж')).toBe(240);
    expect(body).toContain('(end)');
  });

  it('PDF: a heading too long to share a page with the key figures or chart under it still prints, and so do they', async () => {
    const doc = briefOf(
      heading(1, `${'Ж'.repeat(1500)} (end of heading)`),
      { type: 'keyFigures', items: [{ value: '$41 billion', label: [text('Trade turnover, 2023')] }] },
      heading(2, `${'Ω'.repeat(1500)} (end of second heading)`),
      { type: 'chart', chart: { ...sampleChart, caption: `${'Ŧ'.repeat(2500)} (end of caption)` } },
    );
    const body = squash((await readPdf(await renderPdf(doc))).text);
    expect([count(body, 'Ж'), count(body, 'Ω'), count(body, 'Ŧ')]).toEqual([1500, 1500, 2500]);
    for (const end of ['(end of heading)', 'Trade turnover, 2023', '(end of second heading)', '(end of caption)']) expect(body).toContain(end);
  });

  it('a second ::sources or ::toc is left out with a warning; a Document with two Sources blocks prints the section once', async () => {
    const parsed = parseMarkdown('::toc\n\nText :cite[trade]\n\n::sources\n\n::toc\n\n::sources\n', { file: 't.hbs', resolveCite: (id) => cites[id], charts: new Map() });
    expect(parsed.blocks.map((b) => b.type)).toEqual(['toc', 'paragraph', 'sources']);
    expect(parsed.diagnostics.map((d) => [d.severity, d.line])).toEqual([
      ['warning', 7],
      ['warning', 9],
    ]);
    const doc: Document = { ...sampleBrief(), blocks: [para('Text', citeNote(1)), { type: 'sources' }, { type: 'sources' }] };
    expect(squash(await pdfText(doc)).match(/Sources/g)).toHaveLength(1);
    expect(renderHtml(doc).match(/id="note-1"/g)).toHaveLength(1);
    expect(Buffer.from(await renderDocx(doc, { toc: false })).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('a value that starts with four spaces prints literally at the start of a line, not as code', () => {
    const parsed = parseMarkdown(`${escapeMarkdown('    Review *all* [links]')}\n\n- ${escapeMarkdown('     a_b')}\n`, { file: 't.hbs', resolveCite: () => undefined, charts: new Map() });
    expect(parsed.diagnostics).toEqual([]);
    expect(documentText(parsed.blocks)).toBe('Review *all* [links]\na_b');
  });

  it('every format prints a lone surrogate as U+FFFD and drops a byte-order mark and the noncharacters', async () => {
    const doc = briefOf(para('lone \ud800 mark\ufeff non\ufffe\uffffchar'));
    expect(htmlText(renderHtml(doc))).toContain('lone \ufffd mark nonchar');
    const body = await (await JSZip.loadAsync(await renderDocx(doc, { toc: false }))).file('word/document.xml')!.async('string');
    expect(paragraphsOf(body).map((p) => p.text)).toContain('lone \ufffd mark nonchar');
  });
});
