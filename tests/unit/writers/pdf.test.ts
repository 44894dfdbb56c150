import { PDFDocument } from 'pdf-lib';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Document } from '../../../src/core/document/model';
import { breakLongRuns, renderPdf } from '../../../src/core/writers/pdf';
import { cells, datesTable, figuresTable, heading, hostileDocument, longDocument, para, sampleBrief } from '../../fixtures/documents';
import { readPdf, squash, type PdfReadBack } from '../../fixtures/read-pdf';

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');
/** Every object of the file as text, those packed in object streams too (read by pdf-lib). */
const objectsOf = async (bytes: Uint8Array): Promise<string> =>
  (await PDFDocument.load(bytes, { updateMetadata: false })).context
    .enumerateIndirectObjects()
    .map(([, object]) => object.toString())
    .join('\n');

describe('PDF writer', () => {
  let sample: Uint8Array;
  let brief: PdfReadBack;
  let long: PdfReadBack;

  beforeAll(async () => {
    sample = await renderPdf(sampleBrief());
    brief = await readPdf(sample);
    long = await readPdf(await renderPdf(longDocument(100)));
  });

  afterEach(() => vi.restoreAllMocks());

  it('makes the same file for a document whatever documents the process made before it', async () => {
    // Fonts, shaped words and glyph metrics are shared between documents: none of it may leak.
    await renderPdf(hostileDocument());
    await renderPdf(longDocument(30));
    expect(Buffer.from(await renderPdf(sampleBrief())).equals(Buffer.from(sample))).toBe(true);
  });

  it('a paper using the same letters as the one before, in another order of words, reads back as its own text', async () => {
    // The fonts' subsets are kept between papers by the glyphs they hold (see reuseSubsets).
    const paper = (words: string) => {
      const doc = longDocument(0);
      doc.blocks = [heading(1, 'Trade turnover'), para(words)];
      return doc;
    };
    // The same letters first used in the same order: the second paper gets the first one's subsets.
    const first = await readPdf(await renderPdf(paper('turnover grew and exports rose')));
    const second = await readPdf(await renderPdf(paper('turnover grew and exports rose and exports grew and turnover rose')));
    const third = await readPdf(await renderPdf(paper('turnover grew and exports rose; imports fell')));
    expect(squash(first.text)).toContain('turnover grew and exports rose');
    expect(squash(second.text)).toContain('turnover grew and exports rose and exports grew and turnover rose');
    expect(squash(third.text)).toContain('turnover grew and exports rose; imports fell');
    expect(second.pages).toHaveLength(1);
  });

  it('writes the title, author, subject, keywords, creator and creation date into the metadata', () => {
    expect(brief.info.Title).toBe('Pre-visit brief: Kazakhstan');
    expect(brief.info.Author).toBe('Asia Desk');
    expect(brief.info.Subject).toBe('China–Kazakhstan relations');
    expect(brief.info.Keywords).toBe('Kazakhstan, China, trade');
    expect(brief.info.Creator).toBe('briefwright');
    expect(String(brief.info.CreationDate)).toMatch(/^D:20240601/);
  });

  it('prints the handling marking on every page, in the header and the footer', () => {
    expect(long.pages.length).toBeGreaterThan(1);
    for (const page of long.pages) {
      expect(page.items.filter((i) => i.str.includes('OFFICIAL'))).toHaveLength(2);
    }
  });

  it('numbers every page "Page n of N"', () => {
    const n = long.pages.length;
    long.pages.forEach((page, i) => expect(page.text).toContain(`Page ${i + 1} of ${n}`));
    expect(brief.pages[0]!.text).toContain(`Page 1 of ${brief.pages.length}`);
  });

  it('sizes the page from the document: A4 portrait, or landscape when asked', async () => {
    expect(brief.pages[0]!.width).toBeCloseTo(595.28, 0);
    expect(brief.pages[0]!.height).toBeCloseTo(841.89, 0);
    const doc = sampleBrief();
    doc.page = { size: 'LETTER', orientation: 'landscape', margins: { top: 15, right: 15, bottom: 15, left: 15 } };
    const landscape = await readPdf(await renderPdf(doc));
    expect(landscape.pages[0]!.width).toBe(792);
    expect(landscape.pages[0]!.height).toBe(612);
  });

  it('prints a citation as a superscript note number, and the note in full under Sources', () => {
    const page = brief.pages.find((p) => p.text.includes('Bilateral trade turnover reached'))!;
    const body = page.items.find((i) => i.str.includes('in 2023'))!;
    const note = page.items.find((i) => i.str === '2' && i.x > body.x && Math.abs(i.y - body.y) < 6)!;
    expect(note, 'the note number 2 after "in 2023"').toBeDefined();
    expect(note.size).toBeLessThan(body.size);
    expect(note.y).toBeGreaterThan(body.y);

    const text = squash(brief.text);
    const sourcesAt = text.lastIndexOf('Sources');
    expect(sourcesAt).toBeGreaterThan(text.indexOf('Bilateral trade turnover'));
    expect(text.slice(sourcesAt)).toContain('2. Ministry of Foreign Affairs of the PRC, “Wang Yi holds talks with Murat Nurtleu”, Astana, 20 May 2024.');
    expect(text.slice(sourcesAt)).toContain('1. Zhang Xiao, “China, Kazakhstan to enhance BRI cooperation”');
  });

  it('prints the cover title, the field lines, headings, lists, the callout and the key figures', () => {
    const text = squash(brief.text);
    for (const expected of [
      'MINISTRY OF FOREIGN AFFAIRS',
      'Pre-visit brief: Kazakhstan',
      'Visit: Foreign Minister to Astana',
      'Trade and investment',
      'Key messages',
      'Welcome the growth of trade since 2018.',
      '$41 billion',
      'Trade turnover, 2023',
      'Asian Gas Pipeline',
    ]) {
      expect(text).toContain(expected);
    }
    const cover = brief.pages[0]!.items.find((i) => i.str.includes('Pre-visit brief'))!;
    expect(cover.size).toBe(22);
  });

  it('sets body lines 1.3 times the font size apart, as the preview does', () => {
    const page = brief.pages[0]!;
    const first = page.items.find((i) => i.str.startsWith('Bilateral trade turnover reached'))!;
    const second = page.items.find((i) => i.str.startsWith('describe the relationship'))!;
    expect(first.y - second.y).toBeCloseTo(10.5 * 1.3, 0);
  });

  it('prints tables with their header row, right-aligned figures in a right-aligned column', () => {
    const page = brief.pages.find((p) => p.text.includes('Turnover (US$ bn)'))!;
    expect(page.text).toContain('Year');
    const header = page.items.find((i) => i.str === 'Turnover (US$ bn)')!;
    const year = page.items.find((i) => i.str === 'Year')!;
    for (const value of ['25.7', '19.9', '41.0']) {
      const cell = page.items.find((i) => i.str === value)!;
      expect(cell.x + cell.width).toBeCloseTo(header.x + header.width, 0);
    }
    const firstYear = page.items.find((i) => i.str === '2012')!;
    expect(firstYear.x).toBeCloseTo(year.x, 0);
  });

  it('keeps a figure on one line beside long indicator names and a long status, which wrap instead', async () => {
    // The key-figures sheet's "Transport and logistics" table: two columns of long text around a
    // figure column. The figure used to break over three lines beside a half-empty column.
    const doc = longDocument(0);
    doc.blocks = [
      figuresTable([
        ['Railway freight between the two countries', '2012', 'over 16 million tonnes', 'outcome'],
        ['Direct economic benefit of the Western Europe–Western China highway (Kazakh section)', '2018', '$460 million', 'outcome'],
        ['Annual capacity of the Altynkol–Khorgos railway crossing', '2013 (estimated)', '25 million tonnes', 'according to Nursultan Nazarbayev'],
      ]),
    ];
    const page = (await readPdf(await renderPdf(doc))).pages[0]!;
    for (const figure of ['over 16 million tonnes', '$460 million', '25 million tonnes', '2013 (estimated)']) {
      expect(page.items.some((i) => i.str === figure), `"${figure}" on one line`).toBe(true);
    }
    // The long texts still wrap within the page rather than run off it.
    expect(page.items.some((i) => i.str === 'Direct economic benefit of the Western Europe–Western China highway (Kazakh section)')).toBe(false);
    for (const item of page.items) expect(item.x + item.width).toBeLessThanOrEqual(page.width);
    // The indicator column, holding the most text, is the widest.
    const x = (label: string) => page.items.find((i) => i.str === label)!.x;
    expect(x('Period') - x('Indicator')).toBeGreaterThan(x('Status') - x('Period'));
  });

  it('tables under the same header line up: a chronology’s Date column is as wide in every year', async () => {
    const doc = longDocument(0);
    doc.blocks = [
      heading(2, '2012'),
      datesTable([['2012', 'The Altynkol–Khorgos railway crossing opened.']]),
      heading(2, '2019'),
      datesTable([['25–27 April 2019 (est.)', 'The second Belt and Road Forum was held in Beijing.']]),
      heading(2, 'Figures'),
      { type: 'table', align: ['left', 'right'], header: cells('Indicator', 'Figure'), rows: [cells('Trade turnover', '$41 billion')] },
    ];
    const page = (await readPdf(await renderPdf(doc))).pages[0]!;
    const xs = (label: string) => page.items.filter((i) => i.str === label).map((i) => i.x);
    const events = xs('Event');
    expect(events).toHaveLength(2);
    expect(events[0]).toBeCloseTo(events[1]!, 1);
    // Wide enough for the longest date of either table, on one line.
    expect(page.items.some((i) => i.str === '25–27 April 2019 (est.)')).toBe(true);
    // A table under another header keeps its own columns.
    expect(xs('Figure')[0]).not.toBeCloseTo(events[0]!, 0);
  });

  it('moves a table row to the next page whole, never leaving a line of it behind', async () => {
    // Rows of different heights, so that rows meet the foot of pages; a key-figures sheet's
    // tables, one per topic, under one header.
    const words = (n: number) => Array.from({ length: 4 + ((n * 7) % 23) }, (_, w) => `r${n}w${w}`).join(' ');
    const doc = longDocument(0);
    doc.blocks = [
      figuresTable([['Natural gas transported', '2017 (estimated)', 'about 31.5 billion cubic metres', 'outcome']]),
      figuresTable(Array.from({ length: 70 }, (_, n) => [words(n), '2018', '$41 billion', 'according to Nursultan Nazarbayev'])),
    ];
    const pdf = await readPdf(await renderPdf(doc));
    expect(pdf.pages.length).toBeGreaterThan(2);
    for (let n = 0; n < 70; n++) {
      const pages = pdf.pages.flatMap((page, i) => (page.items.some((item) => item.str.split(' ').some((w) => w.startsWith(`r${n}w`))) ? [i] : []));
      expect(pages, `row ${n + 1} is on one page`).toHaveLength(1);
    }
  });

  it('figures in a column set to the right stay on one line, even among tables whose other figures are long', async () => {
    const doc = longDocument(0);
    doc.blocks = [
      figuresTable([['Bilateral trade turnover', '2023', '$41 billion', 'outcome']]),
      figuresTable([['Natural gas transported by the Asian Gas Pipeline from Turkmenistan through Uzbekistan and Kazakhstan to China', '2015', 'about 31.5 billion cubic metres', 'according to Nursultan Nazarbayev, President']]),
    ];
    const page = (await readPdf(await renderPdf(doc))).pages[0]!;
    expect(page.items.some((i) => i.str === 'about 31.5 billion cubic metres')).toBe(true);
    const figureHeads = page.items.filter((i) => i.str === 'Figure').map((i) => i.x + i.width);
    expect(figureHeads).toHaveLength(2);
    expect(figureHeads[0]).toBeCloseTo(figureHeads[1]!, 1);
  });

  it('repeats the table header on every page a long table runs over', async () => {
    const doc = longDocument(0);
    doc.blocks = [
      {
        type: 'table',
        align: ['left', 'right'],
        header: [{ children: [{ type: 'text', value: 'Project' }] }, { children: [{ type: 'text', value: 'Value' }] }],
        rows: Array.from({ length: 120 }, (_, i) => [
          { children: [{ type: 'text', value: `Project ${i + 1}` }] },
          { children: [{ type: 'text', value: String(i * 10) }] },
        ]),
      },
    ];
    const pdf = await readPdf(await renderPdf(doc));
    expect(pdf.pages.length).toBeGreaterThan(1);
    for (const page of pdf.pages) expect(page.items.some((i) => i.str === 'Project')).toBe(true);
  });

  it('draws a chart as vectors with its labels and caption as text', () => {
    const text = squash(brief.text);
    expect(text).toContain('The 2030 value is a stated target, not an outcome.');
    const chartPage = brief.pages.find((p) => p.text.includes('stated target'))!;
    expect(chartPage.items.some((i) => i.str.includes('2030'))).toBe(true);
    // No raster image: a vector chart needs no /Image XObject.
    expect(latin1(sample)).not.toMatch(/\/Subtype\s*\/Image/);
  });

  it('runs a 100-paragraph document over several pages, with a Contents list', () => {
    expect(long.pages.length).toBeGreaterThan(3);
    const first = squash(long.pages[0]!.text);
    expect(first).toContain('Contents');
    expect(first).toMatch(/Section 1 \d/);
    expect(first.indexOf('Contents')).toBeLessThan(first.indexOf('Paragraph 1.'));
  });

  it('leaves out the Contents list when the document is three pages or fewer', async () => {
    const short = await readPdf(await renderPdf(longDocument(8)));
    expect(short.pages.length).toBeLessThanOrEqual(3);
    expect(short.text).not.toContain('Contents');
    expect(brief.pages.length).toBeLessThanOrEqual(3);
    expect(brief.text).not.toContain('Contents');
  });

  it('keeps a heading on the same page as the text that follows it', () => {
    for (const [i, page] of long.pages.entries()) {
      const lines = page.items.filter((it) => it.str.trim() && !/OFFICIAL|Page \d|Long document/.test(it.str));
      const last = lines.reduce((low, it) => (it.y < low.y ? it : low), lines[0]!);
      expect(last.str, `page ${i + 1} ends with a heading`).not.toMatch(/^Section \d+$/);
    }
  });

  it('never leaves a heading alone at the foot of a page, wherever the page ends', async () => {
    // Fillers of one line each walk the heading down the page and over its foot.
    for (let fillers = 30; fillers <= 36; fillers++) {
      const doc = longDocument(0);
      doc.blocks = [
        ...Array.from({ length: fillers }, (_, i) => para(`Line ${i + 1}.`)),
        heading(2, 'Next section'),
        para('Text after the heading.'),
      ];
      const pdf = await readPdf(await renderPdf(doc));
      const page = pdf.pages.find((p) => p.text.includes('Next section'))!;
      expect(page.text, `${fillers} fillers`).toContain('Text after the heading.');
    }
  });

  it('moves a heading to the next page together with the chart under it', () => {
    const headingPage = brief.pages.findIndex((p) => p.items.some((i) => i.str === 'Outlook'));
    const captionPage = brief.pages.findIndex((p) => p.text.includes('stated target'));
    expect(headingPage).toBe(captionPage);
  });

  it('prints text with markup characters literally', async () => {
    const pdf = await readPdf(await renderPdf(hostileDocument()));
    const text = squash(pdf.text);
    expect(text).toContain('Fact: <script>alert(1)</script> & <img src=x onerror=alert(2)> AT&T');
    expect(text).toContain('Heading <b>not bold</b> & "quoted"');
    expect(text).toContain('</table><script>');
    expect(pdf.info.Title).toBe('Title <script>alert(1)</script> & co');
  });

  it('makes only web and mail links clickable and prints their address', async () => {
    const bytes = await renderPdf(hostileDocument());
    const pdf = await readPdf(bytes);
    const links = pdf.pages.flatMap((p) => p.links);
    expect(links).toContain('http://example.com/x');
    expect(links.join(' ')).not.toMatch(/javascript/i);
    expect(await objectsOf(bytes)).not.toMatch(/javascript/i);
    const text = squash(pdf.text);
    expect(text).toContain('remote link (http://example.com/x)');
    expect(text).toContain('click me (javascript:alert(3))');
  });

  it('embeds only the shipped fonts, including for Cyrillic and Latin Extended names', async () => {
    const doc = longDocument(0);
    doc.blocks = [para('Şymkent, Qazaqstan — Қазақстан Республикасы and Αθήνα.')];
    const bytes = await renderPdf(doc);
    const fontNames = [...(await objectsOf(bytes)).matchAll(/\/BaseFont \/(?:[A-Z]{6}\+)?([\w-]+)/g)].map((m) => m[1]);
    expect(fontNames.length).toBeGreaterThan(0);
    for (const name of fontNames) expect(name).toMatch(/^Source(Serif4|Sans3)-/);
    expect(squash((await readPdf(bytes)).text)).toContain('Şymkent, Qazaqstan — Қазақстан Республикасы and Αθήνα.');
  });

  it('never reaches the network, even for a document full of web links', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    await renderPdf(hostileDocument());
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('renders a document with no marking, notes or sources', async () => {
    const doc: Document = { ...longDocument(2), notes: [], sources: [] };
    delete doc.meta.marking;
    doc.blocks.push({ type: 'sources' }, { type: 'pageBreak' });
    const pdf = await readPdf(await renderPdf(doc));
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.text).not.toContain('OFFICIAL');
    expect(pdf.text).not.toContain('Sources');
  });
});

describe('a run of letters with no break in it (a pasted hash or address)', () => {
  it('keeps any word of forty characters or fewer as it is', () => {
    const word = 'Pneumonoultramicroscopicsilicovolcanoconi';
    expect(word.length).toBe(41);
    expect(breakLongRuns(`A ${word.slice(0, 40)} word.`)).toBe(`A ${word.slice(0, 40)} word.`);
    expect(breakLongRuns(word)).toBe(`${word.slice(0, 20)}\u200b${word.slice(20, 40)}\u200b${word.slice(40)}`);
  });

  it('gives a 10,000-letter run a place to break every twenty characters, and changes nothing else', () => {
    const hash = 'f0e1d2c3b4'.repeat(1000);
    const broken = breakLongRuns(`sha ${hash} end`);
    expect(broken.replace(/\u200b/g, '')).toBe(`sha ${hash} end`);
    expect(broken.split('\u200b')).toHaveLength(500);
    expect(Math.max(...broken.split(/[\s\u200b]/).map((piece) => piece.length))).toBe(20);
  });

  it('never splits a letter outside the Basic Multilingual Plane', () => {
    const run = '𝐀'.repeat(50);
    const broken = breakLongRuns(run);
    expect(broken).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect([...broken.replace(/\u200b/g, '')]).toHaveLength(50);
  });
});
