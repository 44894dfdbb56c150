// What a screen reader finds in the DOCX and the HTML writers' output, case by case: the outline
// the title heads, the tables drawn only for their layout, the contents' heading, the marking
// heard once, a note marker read as "note 1". Every bundled template is checked whole in
// tests/integration/accessible-papers.test.ts.
import { describe, expect, it } from 'vitest';
import type { Block, Document } from '../../../src/core/document/model';
import { renderDocx } from '../../../src/core/writers/docx';
import { renderHtml } from '../../../src/core/writers/html';
import { houseStyle, type MarkingPosition } from '../../../src/core/writers/style';
import { cite, heading, longDocument, para, sampleBrief } from '../../fixtures/documents';
import { readDocx } from '../../fixtures/read-docx';

/** A paper with a cover (its title a level-1 heading), contents, and sections at `level`. */
function coveredPaper(level: 1 | 2): Document {
  const doc = longDocument(60);
  doc.blocks = [
    { type: 'cover', children: [heading(1, 'Visit to Astana'), para('Date: 12 June 2024')] },
    ...doc.blocks.map((b): Block => (b.type === 'heading' ? { ...b, level } : b)),
  ];
  return doc;
}

describe('the DOCX outline', { timeout: 120_000 }, () => {
  it('a cover’s title heads the outline at level 1 over sections at level 2, and the contents list the sections, not the title', async () => {
    const docx = await readDocx(await renderDocx(coveredPaper(2), { toc: true }));
    const title = docx.paragraphs.find((p) => p.style === 'Title')!;
    expect(title.text).toBe('Visit to Astana');
    expect(title.xml).toContain('<w:outlineLvl w:val="0"/>');
    // Word lists every paragraph at a level the field names: the range starts at the sections.
    expect(docx.part('word/document.xml')).toMatch(/<w:instrText[^>]*>TOC \\h \\o &quot;2-3&quot;<\/w:instrText>/);
    expect(docx.paragraphs.filter((p) => /^TOC\d$/.test(p.style)).map((p) => p.text)).not.toContainEqual(expect.stringContaining('Visit to Astana'));
  });

  it('where the sections are at level 1, the title stays out of the outline and the contents start at 1', async () => {
    const docx = await readDocx(await renderDocx(coveredPaper(1), { toc: true }));
    expect(docx.paragraphs.find((p) => p.style === 'Title')!.xml).not.toContain('<w:outlineLvl');
    expect(docx.part('word/document.xml')).toMatch(/<w:instrText[^>]*>TOC \\h \\o &quot;1-3&quot;<\/w:instrText>/);
  });

  it('a callout’s box and the key figures’ grid are tables for their layout: no header row, no first-row look', async () => {
    const doc = sampleBrief();
    const xml = (await readDocx(await renderDocx(doc, { toc: false }))).part('word/document.xml');
    for (const style of ['CalloutBox', 'KeyFigures']) {
      const table = new RegExp(`<w:tblPr><w:tblStyle w:val="${style}"/>[\\s\\S]*?</w:tblPr>`).exec(xml)?.[0] ?? '';
      expect(table, style).toContain('<w:tblLook w:firstRow="false"');
    }
    // Only the data table's first row repeats as a header.
    expect(xml.match(/<w:tblHeader\/>/g)).toHaveLength(1);
  });
});

describe('the HTML page', () => {
  const withMarking = (position: MarkingPosition) => renderHtml(longDocument(3), { style: { ...houseStyle, marking: { ...houseStyle.marking, position } } });

  it.each([
    ['both', ['<header class="marking marking-top">', '<div class="marking marking-bottom" aria-hidden="true">']],
    ['header', ['<header class="marking marking-top">']],
    ['footer', ['<footer class="marking marking-bottom">']],
  ] as const)('a marking printed at %s is heard once, from the page’s banner or contentinfo', (position, elements) => {
    const html = withMarking(position);
    expect(html.match(/<[a-z]+ class="marking [^>]*>/g)).toEqual(elements);
  });

  it('the contents’ heading is a heading of the sections’ level, set as a first-level one', () => {
    const html = renderHtml(coveredPaper(2), { toc: true });
    expect(html).toMatch(/<nav class="toc">\n<h2 class="toc-heading">Contents<\/h2>/);
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    expect(html).toMatch(/h1,\.toc-heading\{font-size:/);
  });

  it('a note marker reads as "note 1", linked to its note or not', () => {
    const doc = longDocument(1);
    doc.blocks.push(para('Trade reached $41 billion in 2023.', cite(1)));
    doc.notes = [{ number: 1, sourceId: 'a', text: 'A report, 2024.' }];
    expect(renderHtml(doc)).toContain('2023.<sup class="cite"><span class="visually-hidden">note </span>1</sup>');
    doc.blocks.push({ type: 'sources' });
    doc.sources = [{ id: 'a', text: 'A report, 2024.' }];
    expect(renderHtml(doc)).toContain('2023.<sup class="cite"><a href="#note-1"><span class="visually-hidden">note </span>1</a></sup>');
  });
});
