// The PDF engine's patches (src/core/writers/pdf/engine.ts) rely on pdfmake's, pdfkit's and
// fontkit's internals: these tests say so the day a release changes one, and hold the one thing a
// patch does for the user that tests/unit/writers/pdf.test.ts and property.test.ts do not.
// What the others hold: family widths and fitted columns ("tables under the same header line
// up", "keeps a figure on one line…"), left-to-right shaping ("a word that starts with a Hebrew
// or Arabic letter…"), reused subsets ("a paper using the same letters…"), the fonts and shaped
// words shared between papers ("makes the same file whatever documents the process made before it").

import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { checkEngineShape } from '../../../src/core/writers/pdf/engine';
import { renderPdf } from '../../../src/core/writers/pdf';
import { mmToPt } from '../../../src/core/writers/style';
import { cells, longDocument } from '../../fixtures/documents';
import { readPdf } from '../../fixtures/read-pdf';

type Calculator = { buildColumnWidths: unknown };

const packageJson = (path: string): { version?: string; dependencies?: Record<string, string> } =>
  JSON.parse(readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8'));

describe('the PDF engine', () => {
  it('finds every pdfmake internal its patches rely on, in the shape they expect', async () => {
    await expect(checkEngineShape()).resolves.toBeUndefined();
  });

  it('package.json pins pdfmake to exactly the version installed', () => {
    const installed = packageJson('node_modules/pdfmake/package.json').version;
    const pinned = packageJson('package.json').dependencies?.pdfmake;
    // A range (^, ~) would let a minor release change the internals the patches rely on unseen.
    expect(pinned, 'an exact version, with no ^ or ~').toMatch(/^\d+\.\d+\.\d+$/);
    expect(pinned).toBe(installed);
  });

  describe('when an internal is missing', () => {
    let restore: (() => void) | undefined;
    afterEach(() => restore?.());

    it('names it and the pdfmake version', async () => {
      // Loaded and patched first, so that putting the function back puts the patch back.
      await checkEngineShape();
      // @ts-expect-error pdfmake's column calculator has no type definitions.
      const module = (await import('pdfmake/js/columnCalculator.js')) as { default: Calculator & { default?: Calculator } };
      const calculator = module.default.default ?? module.default;
      const build = calculator.buildColumnWidths;
      restore = () => void (calculator.buildColumnWidths = build);
      calculator.buildColumnWidths = undefined;
      const { version } = packageJson('node_modules/pdfmake/package.json');
      await expect(checkEngineShape()).rejects.toThrow(`pdfmake ${version}: columnCalculator.buildColumnWidths(columns, availableWidth)`);
    });
  });
});

describe('what the patches do for the user', () => {
  it('identifiers too wide to stand side by side break within their columns rather than run off the page', async () => {
    // Three 40-character checksums (no place to break, and too short for the writer to give
    // them one): pdfmake would give each column its whole word, and the table would run past
    // the right edge of the page, where the text is lost.
    const sums = ['E3B0C44298FC1C149AFBF4C8996FB92427AE41E4', 'DA39A3EE5E6B4B0D3255BFEF95601890AFD80709', '2FD4E1C67A2D28FCED849EE1BB76E7391B93EB12'];
    const doc = longDocument(0);
    doc.blocks = [{ type: 'table', align: [null, null, null], header: cells('Filed copy', 'Signed copy', 'Archived copy'), rows: [cells(...sums)] }];
    const { pages, text } = await readPdf(await renderPdf(doc));
    expect(pages).toHaveLength(1);
    for (const sum of sums) expect(text.replace(/\s/g, ''), 'every checksum whole').toContain(sum);
    const textBlockRight = pages[0]!.width - mmToPt(doc.page.margins.right);
    for (const item of pages[0]!.items) expect(item.x + item.width, `"${item.str}" inside the text block`).toBeLessThanOrEqual(textBlockRight);
  });
});
