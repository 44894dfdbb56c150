// A pack (src/core/pack): papers joined behind a contents page. The numbers the contents page
// prints are where the papers start, read back by pdf.js, even when the contents run to a second
// page and so push every paper on by one.
import { beforeAll, describe, expect, it } from 'vitest';
import { packPapers, type PackPaper } from '../../../src/core/pack';
import { renderPdf } from '../../../src/core/writers/pdf';
import { sampleBrief } from '../../fixtures/documents';
import { readPdf, squash } from '../../fixtures/read-pdf';
import { elements, readTaggedPdf, textOf } from '../../fixtures/read-pdf-structure';

let paper: Uint8Array;
let paperPages: number;

beforeAll(async () => {
  paper = await renderPdf(sampleBrief());
  paperPages = (await readPdf(paper)).pages.length;
});

const papers = (count: number): PackPaper[] =>
  Array.from({ length: count }, (_, i) => {
    const { meta, page } = sampleBrief();
    return { topic: { id: `topic-${i + 1}`, label: `Topic ${i + 1}` }, bytes: paper, meta: { ...meta, title: `Paper ${i + 1}` }, page };
  });

describe('a pack of papers', () => {
  it('prints, beside each paper, the page of the file it starts on, when the contents take two pages', async () => {
    const count = 70;
    const pack = await packPapers(papers(count), { templateName: 'Pre-visit brief' });
    expect(pack.contentsPages).toBe(2);
    expect(pack.pages).toEqual(Array(count).fill(paperPages));
    const pdf = await readPdf(pack.bytes);
    expect(pdf.pages).toHaveLength(2 + count * paperPages);
    const contents = squash(`${pdf.pages[0]!.text} ${pdf.pages[1]!.text}`);
    for (let i = 0; i < count; i++) {
      const printed = Number(new RegExp(`Topic ${i + 1}: Paper ${i + 1} (\\d+)`).exec(contents)?.[1]);
      expect(printed, `paper ${i + 1}`).toBe(pack.starts[i]);
      expect(printed, `paper ${i + 1}`).toBe(3 + i * paperPages);
      // Where it starts, the paper's cover; on the page before, the end of another paper or the contents.
      expect(squash(pdf.pages[printed - 1]!.text)).toMatch(/^MINISTRY OF FOREIGN AFFAIRS Pre-visit brief: Kazakhstan/);
      expect(squash(pdf.pages[printed - 2]!.text)).not.toMatch(/^MINISTRY OF FOREIGN AFFAIRS Pre-visit brief: Kazakhstan/);
    }
    // The contents' own footer numbers its two pages; each paper keeps its own numbering.
    expect(squash(pdf.pages[1]!.text)).toMatch(/Pre-visit brief: one paper per topic OFFICIAL Page 2 of 2$/);
    expect(squash(pdf.pages[2 + paperPages - 1]!.text)).toMatch(new RegExp(`Page ${paperPages} of ${paperPages}$`));
    expect(pdf.info).toMatchObject({ Title: 'Pre-visit brief: one paper per topic', Creator: 'briefwright' });
  });

  it('is tagged as each paper is: one Document, a Part for the contents and for each paper, every link and mark in place', async () => {
    const alone = await readTaggedPdf(paper);
    const pack = await packPapers(papers(3), { templateName: 'Pre-visit brief' });
    const pdf = await readTaggedPdf(pack.bytes);
    expect(pdf.tagged).toBe(true);
    expect(pdf.marked).toBe(true);
    expect(pdf.displayTitle).toBe(true);
    expect(pdf.lang).toBe(sampleBrief().meta.language);
    expect(pdf.xmp).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
    expect(pdf.xmp).toContain('Pre-visit brief: one paper per topic');
    expect(pdf.unmarked).toEqual([]);
    expect(pdf.orphans).toEqual([]);
    expect(pdf.complaints).toBe('');
    expect(pdf.xmpError).toBeUndefined();
    // Every paper has a "note-1": in the joined file each note's identifier is its own.
    const ids = elements(pdf.root).flatMap((n) => (n.id ? [n.id] : []));
    expect(ids.length).toBeGreaterThan(3);
    expect(new Set(ids).size).toBe(ids.length);
    expect(pdf.idTree).toEqual([...ids].sort());
    const [document] = pdf.root.children;
    expect(document!.role).toBe('Document');
    expect(document!.children.map((part) => part.role)).toEqual(['Part', 'Part', 'Part', 'Part']);
    // Each paper's tree is the tree it has alone, its text and its links with their annotations.
    const [, ...parts] = document!.children;
    const tree = (node: { role: string; children: { role: string }[] }): string => elements(node as never).map((n) => n.role).join(' ');
    for (const part of parts) {
      expect(tree(part).replace(/^Part/, 'Document')).toBe(tree(alone.root.children[0]!));
      expect(squash(textOf(part))).toBe(squash(textOf(alone.root.children[0]!)));
      const links = elements(part).filter((n) => n.role === 'Link');
      expect(links.every((link) => link.objects === 1)).toBe(true);
    }
    // The contents: a heading, then an entry for each paper, its title and its page each a link to it.
    const contents = document!.children[0]!;
    expect(contents.children.map((n) => n.role)).toEqual(['H1', 'P', 'TOC']);
    const entries = contents.children[2]!.children;
    expect(entries.map((entry) => entry.children.map((n) => `${n.role} ${n.children.map((c) => `${c.role} ${squash(textOf(c))} ${c.objects}`).join()}`))).toEqual(
      pack.starts.map((start, i) => [`Reference Link Topic ${i + 1}: Paper ${i + 1} 1`, `Reference Link ${start} 1`]),
    );
  });
});
