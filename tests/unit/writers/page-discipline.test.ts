// Page discipline as a reader sees it: a label over a list or a table is never the last line of
// a page. The text above moves the label down the page a line at a time, so that one of the
// variants puts it where the page ends.
import { describe, expect, it } from 'vitest';
import type { Block, Document } from '../../../src/core/document/model';
import { renderPdf } from '../../../src/core/writers/pdf';
import { para, sampleBrief, text } from '../../fixtures/documents';
import { readPdf } from '../../fixtures/read-pdf';

function paper(lines: number, label: Block): Document {
  const doc = sampleBrief();
  doc.blocks = [
    ...Array.from({ length: lines }, (_, i) => para(`Line ${i + 1} of the text above the label.`)),
    label,
    { type: 'list', ordered: false, items: [[para('First item under the label.')], [para('Second item under the label.')]] },
  ];
  doc.notes = [];
  doc.sources = [];
  return doc;
}

const pageOf = (pdf: Awaited<ReturnType<typeof readPdf>>, words: string) => pdf.pages.findIndex((p) => p.items.some((i) => i.str.includes(words)));

describe('page discipline (PDF)', () => {
  it.each([
    ['a label in italics', para({ type: 'emphasis', children: [text('Supporting figures')] })],
    ['a label opening in bold', para({ type: 'strong', children: [text('Points to make')] }, ' (figures on the record)')],
  ])('%s is never the last line of a page: it goes over with the list it labels', async (_, label) => {
    const first = label.type === 'paragraph' && label.children[0]!.type !== 'text' ? (label.children[0] as { children: { value: string }[] }).children[0]!.value : '';
    let movedOver = 0;
    for (let lines = 30; lines <= 48; lines++) {
      const pdf = await readPdf(await renderPdf(paper(lines, label)));
      const at = pageOf(pdf, first);
      expect(at, `${lines} lines above`).toBe(pageOf(pdf, 'First item under the label.'));
      const last = pageOf(pdf, `Line ${lines} of`);
      if (at > last) movedOver++;
    }
    // Some of the variants put the label where the page ends, and it moved over.
    expect(movedOver).toBeGreaterThan(0);
  });

  it('a bullet of a few lines is never split across two pages', async () => {
    const bullet = (name: string) =>
      `${name} bullet, long enough to take three lines, so that a page can end inside it: the Western Europe–Western China highway links the Chinese border with the Caspian ports, and freight on it has grown every year. End of ${name}.`;
    let movedOver = 0;
    for (let lines = 28; lines <= 40; lines++) {
      const doc = sampleBrief();
      doc.notes = [];
      doc.sources = [];
      doc.blocks = [
        ...Array.from({ length: lines }, (_, i) => para(`Line ${i + 1} of the text above the list.`)),
        { type: 'list', ordered: false, items: [[para(bullet('Alpha'))], [para(bullet('Omega'))]] },
      ];
      const pdf = await readPdf(await renderPdf(doc));
      for (const name of ['Alpha', 'Omega']) {
        const begins = pageOf(pdf, `${name} bullet`);
        expect(begins, `the ${name} bullet with ${lines} lines above`).toBe(pageOf(pdf, `End of ${name}`));
        if (begins > pageOf(pdf, `Line ${lines} of`)) movedOver++;
      }
    }
    // Some of the variants put a page's end inside a bullet, and the bullet moved over whole.
    expect(movedOver).toBeGreaterThan(0);
  });

  it('a paragraph of a few lines is never split across two pages: no line left alone at a page’s foot or head', async () => {
    const paragraph = (name: string) =>
      `${name} paragraph, long enough to take three lines, so that a page can end inside it: the Western Europe–Western China highway links the Chinese border with the Caspian ports, and freight on it has grown every year. End of ${name}.`;
    let movedOver = 0;
    for (let lines = 28; lines <= 40; lines++) {
      const doc = sampleBrief();
      doc.notes = [];
      doc.sources = [];
      doc.blocks = [...Array.from({ length: lines }, (_, i) => para(`Line ${i + 1} of the text above.`)), para(paragraph('Alpha')), para(paragraph('Omega'))];
      const pdf = await readPdf(await renderPdf(doc));
      for (const name of ['Alpha', 'Omega']) {
        const begins = pageOf(pdf, `${name} paragraph`);
        expect(begins, `the ${name} paragraph with ${lines} lines above`).toBe(pageOf(pdf, `End of ${name}`));
        if (begins > pageOf(pdf, `Line ${lines} of`)) movedOver++;
      }
    }
    expect(movedOver).toBeGreaterThan(0);
  });

  it('a label inside a list item (a talking point’s "Supporting figures") goes over with the item’s own list', async () => {
    let movedOver = 0;
    for (let lines = 30; lines <= 46; lines++) {
      const doc = sampleBrief();
      doc.notes = [];
      doc.sources = [];
      doc.blocks = [
        ...Array.from({ length: lines }, (_, i) => para(`Line ${i + 1} of the text above the points.`)),
        {
          type: 'list',
          ordered: true,
          items: [
            [
              para({ type: 'strong', children: [text('We should agree a new trade target.')] }),
              para({ type: 'emphasis', children: [text('Supporting figures')] }),
              { type: 'list', ordered: false, items: [[para('First figure under the label.')], [para('Second figure under the label.')]] },
            ],
          ],
        },
      ];
      const pdf = await readPdf(await renderPdf(doc));
      const at = pageOf(pdf, 'Supporting figures');
      expect(at, `${lines} lines above`).toBe(pageOf(pdf, 'First figure under the label.'));
      if (at > pageOf(pdf, 'We should agree')) movedOver++;
    }
    expect(movedOver).toBeGreaterThan(0);
  });

  it('the footer is one line: a long title is cut at a word before the marking, never wrapped or run into it', async () => {
    const doc = paper(3, para('Text.'));
    doc.meta.title = 'Talking points: Meeting with the Deputy Prime Minister and Foreign Minister of Kazakhstan';
    const pdf = await readPdf(await renderPdf(doc));
    const page = pdf.pages[0]!;
    const footer = page.items.filter((i) => i.y < 40 && i.str.trim() !== '');
    expect(new Set(footer.map((i) => Math.round(i.y))).size, footer.map((i) => `${i.str}@${i.y}`).join(' | ')).toBe(1);
    const title = footer.filter((i) => i.x < page.width / 3).map((i) => i.str).join(' ');
    expect(title).toMatch(/^Talking points: Meeting with the\b.*[a-z]…$/);
    const marking = footer.find((i) => i.str === 'OFFICIAL')!;
    const titleEnd = Math.max(...footer.filter((i) => i.x < marking.x).map((i) => i.x + i.width));
    expect(titleEnd).toBeLessThan(marking.x);
  });
});
