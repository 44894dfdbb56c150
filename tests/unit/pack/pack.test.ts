// A pack (src/core/pack): papers joined behind a contents page. The numbers the contents page
// prints are where the papers start, read back by pdf.js, even when the contents run to a second
// page and so push every paper on by one.
import { beforeAll, describe, expect, it } from 'vitest';
import { packPapers, type PackPaper } from '../../../src/core/pack';
import { renderPdf } from '../../../src/core/writers/pdf';
import { sampleBrief } from '../../fixtures/documents';
import { readPdf, squash } from '../../fixtures/read-pdf';

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
});
