// Page discipline as a reader sees it: no label, bullet or short paragraph is split from what it
// belongs to at a page's end. The text above moves the block down the page a line at a time, so
// that some of the variants put it where the page ends.
import { describe, expect, it } from 'vitest';
import type { Block, Document } from '../../../src/core/document/model';
import { renderPdf } from '../../../src/core/writers/pdf';
import { para, sampleBrief, text } from '../../fixtures/documents';
import { readPdf } from '../../fixtures/read-pdf';

type PdfReadBack = Awaited<ReturnType<typeof readPdf>>;

/** The sample brief's page and meta, with `lines` lines of text and then `blocks`; no notes. */
function below(lines: number, blocks: Block[]): Document {
  const doc = sampleBrief();
  doc.blocks = [...Array.from({ length: lines }, (_, i) => para(`Line ${i + 1} of the text above.`)), ...blocks];
  doc.notes = [];
  doc.sources = [];
  return doc;
}

function paper(lines: number, label: Block): Document {
  return below(lines, [label, { type: 'list', ordered: false, items: [[para('First item under the label.')], [para('Second item under the label.')]] }]);
}

const pageOf = (pdf: PdfReadBack, words: string) => pdf.pages.findIndex((p) => p.items.some((i) => i.str.includes(words)));

/**
 * The PDF of `blocks` under each number of lines from `from` to `to`, given to `check` with that
 * number; how many times `check` said what it looks at moved to a later page than the last line.
 */
async function slid(from: number, to: number, blocks: Block[], check: (pdf: PdfReadBack, lines: number) => number): Promise<number> {
  let movedOver = 0;
  for (let lines = from; lines <= to; lines++) movedOver += check(await readPdf(await renderPdf(below(lines, blocks))), lines);
  return movedOver;
}

/** Text long enough to take three lines, so that a page can end inside it, from "<name> <kind>" to "End of <name>." */
const threeLines = (name: string, kind: string) =>
  `${name} ${kind}, long enough to take three lines, so that a page can end inside it: the Western Europe–Western China highway links the Chinese border with the Caspian ports, and freight on it has grown every year. End of ${name}.`;

/** Each of Alpha and Omega starts on the page it ends on; how many of them moved past the text above. */
const wholeBlocks = (kind: string) => (pdf: PdfReadBack, lines: number) =>
  ['Alpha', 'Omega'].filter((name) => {
    const begins = pageOf(pdf, `${name} ${kind}`);
    expect(begins, `the ${name} ${kind} with ${lines} lines above`).toBe(pageOf(pdf, `End of ${name}`));
    return begins > pageOf(pdf, `Line ${lines} of`);
  }).length;

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
    const list: Block = { type: 'list', ordered: false, items: [[para(threeLines('Alpha', 'bullet'))], [para(threeLines('Omega', 'bullet'))]] };
    // Some of the variants put a page's end inside a bullet, and the bullet moved over whole.
    expect(await slid(28, 40, [list], wholeBlocks('bullet'))).toBeGreaterThan(0);
  });

  it('a paragraph of a few lines is never split across two pages: no line left alone at a page’s foot or head', async () => {
    expect(await slid(28, 40, [para(threeLines('Alpha', 'paragraph')), para(threeLines('Omega', 'paragraph'))], wholeBlocks('paragraph'))).toBeGreaterThan(0);
  });

  it('a label inside a list item (a talking point’s "Supporting figures") goes over with the item’s own list', async () => {
    const point: Block = {
      type: 'list',
      ordered: true,
      items: [
        [
          para({ type: 'strong', children: [text('We should agree a new trade target.')] }),
          para({ type: 'emphasis', children: [text('Supporting figures')] }),
          { type: 'list', ordered: false, items: [[para('First figure under the label.')], [para('Second figure under the label.')]] },
        ],
      ],
    };
    const movedOver = await slid(30, 46, [point], (pdf, lines) => {
      const at = pageOf(pdf, 'Supporting figures');
      expect(at, `${lines} lines above`).toBe(pageOf(pdf, 'First figure under the label.'));
      return at > pageOf(pdf, 'We should agree') ? 1 : 0;
    });
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
