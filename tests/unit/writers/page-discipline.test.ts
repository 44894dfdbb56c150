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
});
