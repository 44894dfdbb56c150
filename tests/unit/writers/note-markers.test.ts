// A note marker never starts a line: it prints on the line of the word it belongs to, however
// the text falls. Templates write a citation after a space (`… Xiao. :cite[id]`); the same
// sentence, one letter longer each time, goes through the Markdown reader and the PDF writer and
// puts the marker at every place of a line, the end included. Each marker's baseline is its word's.
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../../src/core/document/parse';
import { renderPdf } from '../../../src/core/writers/pdf';
import { sampleBrief } from '../../fixtures/documents';
import { readPdf } from '../../fixtures/read-pdf';

const COUNT = 90;

describe('note markers in the PDF', () => {
  it('each marker is on the line of the word before it', async () => {
    // One narrow letter longer each time: the end of the sentence moves along the line by less than a marker's width.
    const markdown = Array.from({ length: COUNT }, (_, i) => `- Goods transported between the two countries grew, according to ${'i'.repeat(i + 1)} Ambassador Zhang Xiao. :cite[zhang]`).join('\n');
    const parsed = parseMarkdown(markdown, {
      file: 'templates/test.hbs',
      resolveCite: () => ({ sourceId: 'zhang', source: 'Zhang Xiao, op-ed, April 2019.' }),
      charts: new Map(),
    });
    expect(parsed.diagnostics).toEqual([]);
    const pdf = await readPdf(await renderPdf({ ...sampleBrief(), blocks: parsed.blocks, notes: parsed.notes }, { toc: false }));
    let markers = 0;
    for (const page of pdf.pages) {
      const items = page.items.filter((item) => item.str.trim() !== '');
      items.forEach((item, i) => {
        if (item.str.trim() !== '1' || item.size >= 8) return;
        markers++;
        const before = items[i - 1]!;
        expect(before.str.endsWith('Xiao.'), `the marker follows "${before.str}" with no space`).toBe(true);
        // Raised, but on the same line (within a few points of its word's baseline), right after the word.
        expect(Math.abs(item.y - before.y)).toBeLessThan(6);
        expect(Math.abs(item.x - (before.x + before.width)), `the marker after "${before.str}" is where that word ends`).toBeLessThan(1.5);
      });
    }
    expect(markers).toBe(COUNT);
  });
});
