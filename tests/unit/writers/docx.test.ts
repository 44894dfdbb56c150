import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import * as fontkit from 'fontkit';
import type { Block, Document } from '../../../src/core/document/model';
import { trueTypeFont } from '../../../src/core/writers/truetype';
import { renderDocx } from '../../../src/core/writers/docx';
import { tocByEstimate, wantsToc } from '../../../src/core/writers/shared';
import { fonts, houseStyle, type StyleTokens } from '../../../src/core/writers/style';
import { cells, cite, datesTable, figuresTable, heading, hostileDocument, longDocument, para, sampleBrief, sampleChart, text } from '../../fixtures/documents';
import { readDocx, styleXml, textOf, type DocxReadBack } from '../../fixtures/read-docx';
import { readPdf, squash } from '../../fixtures/read-pdf';

const onPath = (command: string): boolean =>
  (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
const hasSoffice = onPath('soffice');

/** A document of just these blocks, with the sample's meta and page. */
function docOf(blocks: Block[], change: (doc: Document) => void = () => undefined): Document {
  const doc = sampleBrief();
  doc.blocks = blocks;
  change(doc);
  return doc;
}

/** Whether the contents print, as the pipeline decides it (write.ts). */
const pipelineToc = (doc: Document): boolean => tocByEstimate(doc) ?? wantsToc(doc);

/** The paragraph whose text is `value`, or else the first that contains it. */
const paragraphWith = (docx: DocxReadBack, value: string) => {
  const found = docx.paragraphs.find((p) => p.text === value) ?? docx.paragraphs.find((p) => p.text.includes(value));
  expect(found, `a paragraph with "${value}"`).toBeDefined();
  return found!;
};

describe('DOCX writer', () => {
  let brief: DocxReadBack;
  let long: DocxReadBack;
  let briefBytes: Uint8Array;

  beforeAll(async () => {
    const sample = sampleBrief();
    briefBytes = await renderDocx(sample, { toc: pipelineToc(sample) });
    brief = await readDocx(briefBytes);
    const longDoc = longDocument(80);
    long = await readDocx(await renderDocx(longDoc, { toc: pipelineToc(longDoc) }));
  });

  it('each citation is a real footnote: the source in full the first time, in short after', () => {
    const doc = sampleBrief();
    const references = [...brief.part('word/document.xml').matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => m[1]!);
    // The sample cites notes 2, 1 (summary), 3 (energy), 1 and 2 (table), in that order.
    const full = (n: number) => doc.notes.find((note) => note.number === n)!.text;
    expect(references.map((id) => brief.footnotes.get(id)?.trim())).toEqual([
      full(2),
      full(1),
      full(3),
      // Author, title cut to four words, date: as a Word user shortens a reference cited before.
      'Zhang Xiao, “China, Kazakhstan to enhance”, April 2019 (date estimated).',
      'Ministry of Foreign Affairs of the PRC, “Wang Yi holds talks”, 20 May 2024.',
    ]);
    // Each footnote starts with Word's own number mark, in the FootnoteText style.
    expect(brief.part('word/footnotes.xml')).toMatch(/<w:pStyle w:val="FootnoteText"\/><\/w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:footnoteRef\/>/);
  });

  it('a note cited twice gets a footnote each time', () => {
    const references = [...brief.part('word/document.xml').matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => m[1]!);
    expect(new Set(references).size).toBe(references.length);
    const zhangXiao = [...brief.footnotes.values()].filter((t) => t.includes('Zhang Xiao'));
    expect(zhangXiao).toHaveLength(2);
  });

  it('two citations in a row are separated by a comma, not run together', async () => {
    const docx = await readDocx(await renderDocx(docOf([para('Turnover doubled', cite(1), cite(2), '.')]), { toc: false }));
    const p = paragraphWith(docx, 'Turnover doubled');
    expect(p.xml).toMatch(/<w:footnoteReference w:id="1"\/><\/w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:t xml:space="preserve">,<\/w:t><\/w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:footnoteReference w:id="2"\/>/);
  });

  it('a citation of a note the document does not have is an error, not a blank footnote', async () => {
    await expect(renderDocx(docOf([para('Orphan', cite(9))]), { toc: false })).rejects.toThrow(/note 9/);
  });

  it("headings use Word's Heading 1–3 styles, defined as Word's built-in headings", () => {
    expect(paragraphWith(brief, 'Summary').style).toBe('Heading1');
    expect(paragraphWith(brief, 'Trade and investment').style).toBe('Heading2');
    expect(paragraphWith(brief, 'Handling').style).toBe('Heading3');
    const styles = brief.part('word/styles.xml');
    for (const level of [1, 2, 3] as const) {
      const style = styleXml(styles, `Heading${level}`);
      expect(style).toContain(`<w:name w:val="heading ${level}"/>`);
      expect(style).toContain(`<w:outlineLvl w:val="${level - 1}"/>`);
      expect(style).toContain(`w:ascii="${fonts.heading}"`);
      expect(style).toContain(`<w:sz w:val="${houseStyle.heading[`h${level}`].size * 2}"/>`);
    }
    // Exactly one definition of each: ours replace docx's defaults rather than sit beside them.
    expect(styles.match(/w:styleId="Heading1"/g)).toHaveLength(1);
  });

  it('each paper is set in its own house style: two papers in one process, each in its colours, nothing of the first left in the second', async () => {
    // One colour for the level-1 heading, the table header and the list markers, so that a style built once would show.
    const inColour = (colour: string): StyleTokens => ({
      ...houseStyle,
      heading: { ...houseStyle.heading, h1: { ...houseStyle.heading.h1, colour } },
      tables: { ...houseStyle.tables, headerFill: colour },
      lists: { ...houseStyle.lists, marker: colour },
    });
    const paper = async (style?: StyleTokens) =>
      readDocx(await renderDocx(docOf([heading(1, 'Trade'), { type: 'list', ordered: false, items: [[para('Turnover grew.')]] }, figuresTable([['Trade turnover', '2023', '$41bn', 'reported']])]), { toc: false, ...(style ? { style } : {}) }));
    const headingColour = (docx: DocxReadBack) => /<w:color w:val="([0-9A-Fa-f]{6})"\/>/.exec(styleXml(docx.part('word/styles.xml'), 'Heading1'))?.[1];
    const red = await paper(inColour('7a1f1f'));
    const green = await paper(inColour('1f5a2e'));
    const house = await paper();
    expect(headingColour(red)).toBe('7a1f1f');
    expect(headingColour(green)).toBe('1f5a2e');
    expect(headingColour(house)).toBe(houseStyle.heading.h1.colour);
    expect(styleXml(green.part('word/styles.xml'), 'BriefTable')).toContain('w:fill="1f5a2e"');
    expect(green.part('word/numbering.xml')).toContain('<w:color w:val="1f5a2e"/>');
    for (const part of ['word/styles.xml', 'word/numbering.xml']) {
      expect(green.part(part), part).not.toContain('7a1f1f');
      expect(house.part(part), part).not.toMatch(/7a1f1f|1f5a2e/);
    }
  });

  it('the shipped fonts travel inside the file, all four faces of each family', () => {
    const fontTable = brief.part('word/fontTable.xml');
    for (const name of [fonts.body, fonts.heading]) {
      const font = new RegExp(`<w:font w:name="${name}">[\\s\\S]*?</w:font>`).exec(fontTable)?.[0] ?? '';
      for (const face of ['embedRegular', 'embedBold', 'embedItalic', 'embedBoldItalic']) expect(font).toContain(`<w:${face} `);
    }
    expect(brief.files.filter((f) => /^word\/fonts\/.+\.odttf$/.test(f))).toHaveLength(8);
    expect(brief.part('word/settings.xml')).toMatch(/<w:embedTrueTypeFonts\/>/);
  });

  it('body text, sizes and colours come from the shared style tokens', () => {
    const styles = brief.part('word/styles.xml');
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)?.[0] ?? '';
    expect(defaults).toContain(`w:ascii="${fonts.body}"`);
    expect(defaults).toContain(`<w:sz w:val="${houseStyle.body.size * 2}"/>`);
    expect(defaults).toContain(`<w:color w:val="${houseStyle.body.colour}"/>`);
    expect(defaults).toContain('<w:lang w:val="en"/>');
    expect(styleXml(styles, 'Title')).toContain(`<w:color w:val="${houseStyle.cover.title.colour}"/>`);
    expect(styleXml(styles, 'Caption')).toContain('<w:name w:val="caption"/>');
    expect(styleXml(styles, 'FootnoteText')).toContain(`<w:sz w:val="${houseStyle.notes.size * 2}"/>`);
  });

  it('the cover is a Title line, then its field lines, closed by a rule', () => {
    const cover = brief.paragraphs.slice(0, 5);
    expect(cover.map((p) => [p.style, p.text])).toEqual([
      ['CoverOrganisation', 'Ministry of Foreign Affairs'],
      ['Title', 'Pre-visit brief: Kazakhstan'],
      ['CoverField', 'Visit: Foreign Minister to Astana'],
      ['CoverField', 'Date: 12–13 June 2024'],
      ['CoverField', 'Prepared by: Asia Desk'],
    ]);
    expect(cover[4]!.xml).toMatch(/<w:pBdr><w:bottom w:val="single"/);
    // The field's label keeps its bold, as Word's Strong character style.
    expect(cover[2]!.xml).toMatch(/<w:rStyle w:val="Strong"\/><\/w:rPr><w:t xml:space="preserve">Visit: /);
  });

  it('lists use the List Bullet and List Number styles, nested by numbering level', () => {
    const bullet = paragraphWith(brief, 'Welcome the growth of trade');
    expect(bullet.style).toBe('ListBullet');
    expect(bullet.xml).toContain('<w:ilvl w:val="0"/>');
    const numbered = paragraphWith(brief, 'Oil: more than 10.8 million tons');
    expect(numbered.style).toBe('ListNumber');
    const nested = paragraphWith(brief, 'Asian Gas Pipeline');
    expect(nested.style).toBe('ListBullet');
    expect(nested.xml).toContain('<w:ilvl w:val="1"/>');
    const styles = brief.part('word/styles.xml');
    expect(styleXml(styles, 'ListBullet')).toContain('<w:name w:val="List Bullet"/>');
    expect(styleXml(styles, 'ListNumber')).toContain('<w:name w:val="List Number"/>');
    const numbering = brief.part('word/numbering.xml');
    expect(numbering).toContain('<w:numFmt w:val="bullet"/>');
    expect(numbering).toContain('<w:numFmt w:val="decimal"/>');
  });

  it('each numbered list counts from 1', async () => {
    const list = (first: string): Block => ({ type: 'list', ordered: true, items: [[para(first)], [para(`${first}, second`)]] });
    const docx = await readDocx(await renderDocx(docOf([list('Alpha'), para('Between the lists.'), list('Beta')]), { toc: false }));
    const numId = (p: { xml: string }) => /<w:numId w:val="(\d+)"\/>/.exec(p.xml)?.[1];
    const alpha = numId(paragraphWith(docx, 'Alpha'));
    const beta = numId(paragraphWith(docx, 'Beta'));
    expect(alpha).toBeDefined();
    expect(numId(paragraphWith(docx, 'Alpha, second'))).toBe(alpha);
    // A list of its own in Word: a separate w:num, so it starts again at 1.
    expect(beta).not.toBe(alpha);
  });

  it('the marking is in the header and the footer has page numbers', () => {
    const headers = brief.parts(/^word\/header\d+\.xml$/);
    const footers = brief.parts(/^word\/footer\d+\.xml$/);
    expect(headers).toHaveLength(1);
    expect(footers).toHaveLength(1);
    expect(textOf(headers[0]!)).toBe('OFFICIAL');
    const footer = footers[0]!;
    expect(textOf(footer)).toContain('OFFICIAL');
    expect(textOf(footer)).toContain('Pre-visit brief: Kazakhstan');
    expect(footer).toMatch(/Page <\/w:t>[\s\S]*<w:instrText[^>]*>PAGE<\/w:instrText>[\s\S]*> of <\/w:t>[\s\S]*<w:instrText[^>]*>NUMPAGES<\/w:instrText>/);
    // On every page: the section's default header and footer.
    const sectPr = /<w:sectPr>[\s\S]*<\/w:sectPr>/.exec(brief.part('word/document.xml'))![0];
    expect(sectPr).toMatch(/<w:headerReference w:type="default"/);
    expect(sectPr).toMatch(/<w:footerReference w:type="default"/);
  });

  it('a title too long for the footer is cut at a word before the marking, never run into it', async () => {
    const long = 'Talking points: Meeting with the Deputy Prime Minister and Foreign Minister of Kazakhstan';
    const docx = await readDocx(await renderDocx(docOf([para('Text.')], (d) => (d.meta.title = long)), { toc: false }));
    const footer = textOf(docx.parts(/^word\/footer\d+\.xml$/)[0]!);
    const shown = footer.slice(0, footer.indexOf('OFFICIAL')).trim();
    expect(shown).toMatch(/^Talking points: Meeting with the\b.*[a-z]…$/);
    expect(long.startsWith(shown.slice(0, -1))).toBe(true);
    expect(shown.length).toBeLessThan(long.length);
    // The sample's short title is whole.
    expect(textOf(brief.parts(/^word\/footer\d+\.xml$/)[0]!)).toMatch(/^Pre-visit brief: Kazakhstan/);
  });

  it('a document without a marking has no header, and still numbers its pages', async () => {
    const docx = await readDocx(await renderDocx(docOf([para('Unmarked.')], (d) => delete d.meta.marking), { toc: false }));
    expect(docx.parts(/^word\/header\d+\.xml$/)).toHaveLength(0);
    expect(docx.parts(/^word\/footer\d+\.xml$/)[0]).toContain('NUMPAGES');
  });

  it('page size, orientation and margins come from the document (mm → twips)', async () => {
    const sectPr = (docx: DocxReadBack) => /<w:sectPr>[\s\S]*<\/w:sectPr>/.exec(docx.part('word/document.xml'))![0];
    expect(sectPr(brief)).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
    // 25 mm = 1417 twips, 22 mm = 1247 twips.
    expect(sectPr(brief)).toMatch(/<w:pgMar w:top="1417" w:right="1247" w:bottom="1417" w:left="1247"/);
    const landscape = await readDocx(
      await renderDocx(docOf([para('Wide.')], (d) => (d.page = { size: 'LETTER', orientation: 'landscape', margins: { top: 15, right: 15, bottom: 15, left: 15 } })), { toc: false }),
    );
    expect(sectPr(landscape)).toMatch(/<w:pgSz w:w="15840" w:h="12240" w:orient="landscape"\/>/);
  });

  it('core properties carry the title and author', () => {
    const core = brief.part('docProps/core.xml');
    expect(core).toContain('<dc:title>Pre-visit brief: Kazakhstan</dc:title>');
    expect(core).toContain('<dc:creator>Asia Desk</dc:creator>');
    expect(core).toContain('<cp:lastModifiedBy>Asia Desk</cp:lastModifiedBy>');
    expect(core).toContain('<dc:subject>China–Kazakhstan relations</dc:subject>');
    expect(core).toContain('<cp:keywords>Kazakhstan, China, trade</cp:keywords>');
    expect(core).toMatch(/<dc:description>[^<]+<\/dc:description>/);
    // The document's own date, not the time it was written out.
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2024-06-01T09:30:00Z</dcterms:created>');
    expect(brief.part('docProps/app.xml')).toContain('<Application>briefwright</Application>');
    expect(brief.part('docProps/app.xml')).toContain('<Company>Ministry of Foreign Affairs</Company>');
    // Without an author, the creator is the app.
    expect(long.part('docProps/core.xml')).toContain('<dc:creator>briefwright</dc:creator>');
  });

  it('a chart is an image with alt text, and its caption below in the Caption style', () => {
    const media = Object.entries(brief.bytes).filter(([path]) => path.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    const [, png] = media[0]!;
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const i = brief.paragraphs.findIndex((p) => p.xml.includes('<w:drawing>'));
    const picture = brief.paragraphs[i]!;
    const docPr = /<wp:docPr [^>]*>/.exec(picture.xml)![0];
    expect(docPr).toContain(`descr="${sampleChart.alt}"`);
    expect(docPr).toContain(`title="${sampleChart.title}"`);
    expect(brief.paragraphs[i + 1]).toMatchObject({ style: 'Caption', text: sampleChart.caption });
    // As wide as the text, as in the PDF: 210 mm of A4 less 2 × 22 mm of margins, in EMU.
    const cx = Number(/<wp:extent cx="(\d+)"/.exec(picture.xml)![1]);
    expect(cx / (((210 - 44) / 25.4) * 914400)).toBeCloseTo(1, 2);
    // A print-quality picture: about 300 pixels to the inch at that size.
    const pngWidth = new DataView(png.buffer, png.byteOffset).getUint32(16);
    expect(pngWidth / ((210 - 44) / 25.4)).toBeCloseTo(300, -1);
  });

  it('literal characters survive: markup, ampersands and Markdown signs print as typed', async () => {
    const hostile = hostileDocument();
    hostile.blocks.push(para('Stars *not bold*, _not italic_, a|b, back\\slash, `tick`, 100% & <b>'));
    const docx = await readDocx(await renderDocx(hostile, { toc: false }));
    for (const literal of [
      'Heading <b>not bold</b> & "quoted"',
      'Fact: <script>alert(1)</script> & <img src=x onerror=alert(2)> AT&T',
      '</table><script>',
      'Stars *not bold*, _not italic_, a|b, back\\slash, `tick`, 100% & <b>',
    ]) {
      expect(docx.text).toContain(literal);
    }
    const body = docx.part('word/document.xml');
    expect(body).not.toMatch(/<script|<img|<b>|<th>/);
    expect(docx.part('docProps/core.xml')).toContain('<dc:title>Title &lt;script&gt;alert(1)&lt;/script&gt; &amp; co</dc:title>');
    // Only web and mail links are live: the javascript: one is plain text.
    const rels = docx.part('word/_rels/document.xml.rels');
    expect(rels).toContain('Target="http://example.com/x" TargetMode="External"');
    expect(rels).not.toContain('javascript:');
    expect(docx.text).toContain('click me (javascript:alert(3))');
  });

  it('characters XML cannot hold are dropped, and the file still opens', async () => {
    const docx = await readDocx(await renderDocx(docOf([para('Bell\u0007 and form\u000c feed, line\nbreak')]), { toc: false }));
    expect(docx.text).toContain('Bell and form feed, line break');
  });

  it('no empty paragraph between blocks', async () => {
    // Precisely: every paragraph of the body outside tables has text, a picture, a field or a
    // footnote mark, except the two kinds whose look is a line or a gap and not text — a rule
    // (a paragraph border, style Rule) and the spacer Word needs between two adjacent tables or
    // before a table that starts a page (style TableGap). Inside tables, only the blank cells
    // that fill up the last row of key figures may be empty, and they are TableGap too.
    const doc = docOf([
      ...sampleBrief().blocks,
      para(''),
      para({ type: 'strong', children: [text('   ')] }),
      heading(2, ''),
      { type: 'pageBreak' },
      { type: 'table', align: [null], header: [{ children: [text('After a break')] }], rows: [] },
      { type: 'keyFigures', items: [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: [text(`Figure ${n}`)] })) },
      { type: 'pageBreak' },
    ]);
    const docx = await readDocx(await renderDocx(doc, { toc: false }));
    const empty = docx.paragraphs.filter((p) => p.text.trim() === '' && !/<w:drawing>|<w:fldChar|<w:instrText|<w:footnoteReference/.test(p.xml));
    expect(empty.filter((p) => !['Rule', 'TableGap'].includes(p.style))).toEqual([]);
    const body = brief.paragraphs.filter((p) => !p.inTable && p.text.trim() === '' && !/<w:drawing>|<w:fldChar/.test(p.xml));
    // In the sample: the gap between the key figures and the callout (two tables), and the rule.
    expect(body.map((p) => p.style)).toEqual(['TableGap', 'Rule']);
  });

  it('a page break starts the next block on a new page, without an empty paragraph', async () => {
    const docx = await readDocx(await renderDocx(docOf([para('First page.'), { type: 'pageBreak' }, heading(1, 'Second page')]), { toc: false }));
    expect(paragraphWith(docx, 'Second page').xml).toContain('<w:pageBreakBefore/>');
    expect(docx.paragraphs).toHaveLength(2);
  });

  it('a table has a repeating header row in the table style, and numbers aligned right', () => {
    const body = brief.part('word/document.xml');
    const table = [...body.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]).find((t) => t.includes('Turnover (US$ bn)'))!;
    expect(table).toContain('<w:tblStyle w:val="BriefTable"/>');
    const rows = table.match(/<w:tr>[\s\S]*?<\/w:tr>/g)!;
    expect(rows).toHaveLength(4);
    expect(rows[0]).toContain('<w:tblHeader/>');
    expect(rows[1]).not.toContain('<w:tblHeader/>');
    const cells = (row: string) => row.match(/<w:tc>[\s\S]*?<\/w:tc>/g)!;
    expect(cells(rows[0]!)[0]).toContain('<w:pStyle w:val="TableHeading"/>');
    expect(cells(rows[1]!)[1]).toMatch(/<w:jc w:val="right"\/>[\s\S]*25\.7/);
    expect(cells(rows[1]!)[0]).toMatch(/<w:jc w:val="left"\/>/);
    const style = styleXml(brief.part('word/styles.xml'), 'BriefTable');
    expect(style).toMatch(new RegExp(`<w:tblStylePr w:type="firstRow">[\\s\\S]*w:fill="${houseStyle.tables.headerFill}"`));
    expect(style).toContain(`<w:color w:val="${houseStyle.tables.headerText}"/>`);
  });

  it('a figure column is as wide as its figures; long text columns share the rest by how much they hold', async () => {
    const docx = await readDocx(
      await renderDocx(
        docOf([
          figuresTable([
            ['Direct economic benefit of the Western Europe–Western China highway (Kazakh section)', '2018', '$460 million', 'outcome'],
            ['Annual capacity of the Altynkol–Khorgos railway crossing', '2013', 'over 16 million tonnes', 'according to Nursultan Nazarbayev'],
          ]),
        ]),
        { toc: false },
      ),
    );
    const grid = [...docx.part('word/document.xml').matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid).toHaveLength(4);
    const [indicator, period, figure, status] = grid as [number, number, number, number];
    // As wide as "over 16 million tonnes" set in the table font at 9 pt (measured by fontkit) with
    // the cell's padding, and not much more: room the indicator names can use.
    const font = fontkit.create(Buffer.from(trueTypeFont('heading', 'latin', 'normal')));
    const measured = (font.glyphsForString('over 16 million tonnes').reduce((sum, g) => sum + g.advanceWidth, 0) / font.unitsPerEm) * 9;
    expect(figure).toBeGreaterThan((measured + 12) * 20);
    expect(figure).toBeLessThan((measured * 1.2 + 16) * 20);
    expect(figure).toBeLessThan(indicator);
    expect(period).toBeLessThan(figure);
    expect(indicator).toBeGreaterThan(status * 1.3);
  });

  it('tables under the same header have the same columns, sized by the text of all of them', async () => {
    const docx = await readDocx(
      await renderDocx(
        docOf([
          datesTable([['2012', 'The Altynkol–Khorgos railway crossing opened.']]),
          datesTable([['25–27 April 2019 (est.)', 'The second Belt and Road Forum was held in Beijing.']]),
          { type: 'table', align: ['left', 'right'], header: cells('Indicator', 'Figure'), rows: [cells('Trade turnover', '$41 billion')] },
        ]),
        { toc: false },
      ),
    );
    const grids = [...docx.part('word/document.xml').matchAll(/<w:tblGrid>(.*?)<\/w:tblGrid>/g)].map((m) => [...m[1]!.matchAll(/w:w="(\d+)"/g)].map((g) => Number(g[1])));
    expect(grids).toHaveLength(3);
    expect(grids[0]).toEqual(grids[1]);
    // The 2012 table's Date column is as wide as the 2019 table needs: about 1.5 inches.
    expect(grids[0]![0]).toBeGreaterThan(1_800);
    expect(grids[2]).not.toEqual(grids[0]);
  });

  it('key figures are a borderless table of 2–4 cells per row, a big value over a small label', async () => {
    const body = brief.part('word/document.xml');
    const table = [...body.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]).find((t) => t.includes('KeyFigures'))!;
    expect(table.match(/<w:tr>/g)).toHaveLength(1);
    expect(table.match(/<w:tc>/g)).toHaveLength(4);
    expect(paragraphWith(brief, '$41 billion').style).toBe('KeyFigureValue');
    expect(paragraphWith(brief, 'Trade turnover, 2023').style).toBe('KeyFigureLabel');
    const styles = brief.part('word/styles.xml');
    expect(styleXml(styles, 'KeyFigureValue')).toContain(`<w:sz w:val="${houseStyle.keyFigures.value.size * 2}"/>`);
    expect(styleXml(styles, 'KeyFigures')).toMatch(/<w:top w:val="nil"[\s\S]*<w:bottom w:val="nil"/);
    // Five figures are 3 + 2, not 4 + 1.
    const five = await readDocx(await renderDocx(docOf([{ type: 'keyFigures', items: [1, 2, 3, 4, 5].map((n) => ({ value: `${n}`, label: [text(`F${n}`)] })) }]), { toc: false }));
    const rows = five.part('word/document.xml').match(/<w:tr>[\s\S]*?<\/w:tr>/g)!;
    expect(rows.map((r) => r.match(/<w:tc>/g)!.length)).toEqual([3, 3]);
  });

  it('a callout is a shaded box with a left border, its title in the Callout Title style', () => {
    const styles = brief.part('word/styles.xml');
    const box = styleXml(styles, 'CalloutBox');
    expect(box).toContain(`<w:left w:val="single" w:sz="24" w:space="0" w:color="${houseStyle.callouts.border}"/>`);
    expect(box).toContain(`w:fill="${houseStyle.callouts.fill}"`);
    expect(paragraphWith(brief, 'Key messages')).toMatchObject({ style: 'CalloutTitle', inTable: true });
    expect(paragraphWith(brief, 'Encourage transit through the Khorgos gateway.')).toMatchObject({ style: 'ListBullet', inTable: true });
  });

  it('a quote is in the Quote style', () => {
    expect(paragraphWith(brief, 'Last year’s trade turnover').style).toBe('Quote');
  });

  it('the Sources section lists every source under a Heading 1', () => {
    const i = brief.paragraphs.findIndex((p) => p.text === 'Sources');
    expect(brief.paragraphs[i]!.style).toBe('Heading1');
    const entries = brief.paragraphs.slice(i + 1);
    expect(entries.map((p) => [p.style, p.text])).toEqual(sampleBrief().sources.map((s) => ['Bibliography', s.text]));
  });

  it('a paragraph leaves no line alone at the foot or head of a page (widow control)', () => {
    expect(paragraphWith(brief, 'Bilateral trade turnover').xml).toContain('<w:widowControl/>');
  });

  it('a label inside a list item, over the item’s own list, is in the Label style, kept with it', async () => {
    const docx = await readDocx(
      await renderDocx(
        docOf([
          {
            type: 'list',
            ordered: true,
            items: [[para('We should agree a new trade target.'), para({ type: 'emphasis', children: [text('Supporting figures')] }), { type: 'list', ordered: false, items: [[para('Turnover reached $41 billion', cite(2), '.')]] }]],
          },
        ]),
        { toc: false },
      ),
    );
    expect(paragraphWith(docx, 'Supporting figures').style).toBe('Label');
    expect(paragraphWith(docx, 'We should agree a new trade target.').style).toBe('ListNumber');
  });

  it('a bullet is never split across pages: the list styles keep their lines together', () => {
    const styles = brief.part('word/styles.xml');
    for (const id of ['ListBullet', 'ListNumber']) expect(styleXml(styles, id), id).toContain('<w:keepLines/>');
  });

  it('a source entry never splits across pages, and a short Sources list moves whole with its heading', async () => {
    const entries = brief.paragraphs.filter((p) => p.style === 'Bibliography');
    expect(entries.length).toBeGreaterThan(1);
    for (const entry of entries) expect(entry.xml).toContain('<w:keepLines/>');
    // All but the last are kept with the next: heading and entries go to a page together.
    expect(entries.map((e) => e.xml.includes('<w:keepNext/>'))).toEqual(entries.map((_, i) => i < entries.length - 1));
    expect(paragraphWith(brief, 'Sources').style).toBe('Heading1');
    expect(styleXml(brief.part('word/styles.xml'), 'Heading1')).toContain('<w:keepNext/>');
  });

  it('the Sources heading stands at the level of the paper’s sections: Heading 2 under a "# Title" over "## sections"', async () => {
    const titled = await readDocx(
      await renderDocx(docOf([heading(1, 'Talking points: Kazakhstan'), heading(2, 'Trade'), para('Turnover grew', cite(2), '.'), heading(2, 'Energy'), para('Oil flows', cite(3), '.'), { type: 'sources' }]), { toc: false }),
    );
    expect(paragraphWith(titled, 'Sources').style).toBe('Heading2');
    expect(paragraphWith(titled, 'Trade').style).toBe('Heading2');
    // The sample brief's sections are Heading 1 under a cover title: its Sources are too.
    expect(paragraphWith(brief, 'Sources').style).toBe('Heading1');
  });

  it('bold and italics are Word’s Strong and Emphasis character styles, and bold adds nothing inside a bold style', async () => {
    const styles = brief.part('word/styles.xml');
    expect(styles).toMatch(/<w:style w:type="character" w:styleId="Strong">[\s\S]*?<w:b\/>/);
    expect(styles).toMatch(/<w:style w:type="character" w:styleId="Emphasis">[\s\S]*?<w:i\/>/);
    // One style with each id: Word rejects a file that defines one twice.
    expect(styles.match(/w:styleId="Strong"/g)).toHaveLength(1);
    expect(paragraphWith(brief, 'Bilateral trade turnover').xml).toMatch(/<w:rStyle w:val="Strong"\/><\/w:rPr><w:t xml:space="preserve">\$41 billion</);
    expect(paragraphWith(brief, 'Bilateral trade turnover').xml).toMatch(/<w:rStyle w:val="Emphasis"\/><\/w:rPr><w:t xml:space="preserve">permanent comprehensive/);
    const inHeading = await readDocx(await renderDocx(docOf([{ type: 'heading', level: 1, children: [{ type: 'strong', children: [text('Trade')] }] }, para('Text.')]), { toc: false }));
    expect(paragraphWith(inHeading, 'Trade').xml).not.toContain('Strong');
  });

  it('a line labelling the list or table under it is in the Label style, kept with what it labels', async () => {
    const labelled = await readDocx(
      await renderDocx(
        docOf([
          heading(1, 'Trade'),
          para({ type: 'strong', children: [text('Points to make')] }, ' (figures on the record)'),
          { type: 'list', ordered: false, items: [[para('Turnover reached $41 billion', cite(2), '.')]] },
          para({ type: 'emphasis', children: [text('Outlook, plans and positions')] }),
          figuresTable([['Trade turnover', '2023', '$41bn', 'reported']]),
          para({ type: 'strong', children: [text('A bold opening')] }, ' of an ordinary paragraph.'),
          para('The closing text.'),
        ]),
        { toc: false },
      ),
    );
    expect(paragraphWith(labelled, 'Points to make (figures on the record)').style).toBe('Label');
    expect(paragraphWith(labelled, 'Outlook, plans and positions').style).toBe('Label');
    // A paragraph followed by another paragraph labels nothing.
    expect(paragraphWith(labelled, 'A bold opening of an ordinary paragraph.').style).toBe('Normal');
    expect(styleXml(labelled.part('word/styles.xml'), 'Label')).toContain('<w:keepNext/>');
  });

  it('a long document gets a real Word table of contents, filled in on opening; a short one gets none', () => {
    const body = long.part('word/document.xml');
    expect(body).toMatch(/<w:instrText[^>]*>TOC \\h \\o (&quot;|")1-3(&quot;|")<\/w:instrText>/);
    expect(paragraphWith(long, 'Contents').style).toBe('TOCHeading');
    expect(long.part('word/settings.xml')).toMatch(/<w:updateFields(?: w:val="(true|1|on)")?\/>/);
    // Written with its entries and page numbers already, for readers that do not update fields.
    const entries = long.paragraphs.filter((p) => p.style === 'TOC1');
    expect(entries.map((p) => p.text.replace(/\t\d+$/, ''))).toEqual(['Section 1', 'Section 2', 'Section 3', 'Section 4']);
    expect(entries[0]!.text).toMatch(/\t1$/);
  });

  it('contents the pipeline asks for are written with their page numbers, as LibreOffice shows them without updating', () => {
    const entries = long.paragraphs.filter((p) => p.style === 'TOC1');
    expect(entries.map((p) => p.text)).toEqual([expect.stringMatching(/^Section 1\t\d+$/), expect.stringMatching(/^Section 2\t\d+$/), expect.stringMatching(/^Section 3\t\d+$/), expect.stringMatching(/^Section 4\t\d+$/)]);
    const pages = entries.map((p) => Number(/\t(\d+)$/.exec(p.text)![1]));
    expect(pages[0]).toBeGreaterThanOrEqual(1);
    expect(pages).toEqual([...pages].sort((a, b) => a - b));
    expect(pages[3]).toBeGreaterThan(pages[0]!);
  });

  it('a short document is not given contents', () => {
    // The sample brief is two pages: no contents, and nothing for Word to ask about.
    expect(brief.part('word/document.xml')).not.toContain('TOC \\');
    expect(brief.part('word/settings.xml')).not.toContain('updateFields');
  });

  it.skipIf(!hasSoffice)(
    `LibreOffice converts it to a PDF with the text, the footnotes and the page numbers${hasSoffice ? '' : ' (skipped: LibreOffice not installed)'}`,
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'briefwright-docx-'));
      try {
        writeFileSync(join(dir, 'brief.docx'), briefBytes);
        // A profile of its own, so that a LibreOffice already running elsewhere does not take the job.
        await promisify(execFile)(
          'soffice',
          [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'brief.docx')],
          { timeout: 120_000 },
        );
        const pdf = await readPdf(new Uint8Array(readFileSync(join(dir, 'brief.pdf'))));
        expect(pdf.pages.length).toBeGreaterThanOrEqual(1);
        const all = squash(pdf.text);
        for (const expected of ['Pre-visit brief: Kazakhstan', 'Summary', 'Key messages', 'Wang Yi holds talks with Murat Nurtleu', 'Sources']) {
          expect(all).toContain(expected);
        }
        // The marking, in the header and the footer of every page.
        expect(all.match(/OFFICIAL/g)?.length).toBe(2 * pdf.pages.length);
        expect(squash(pdf.pages[0]!.text)).toContain(`Page 1 of ${pdf.pages.length}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    150_000,
  );
});

