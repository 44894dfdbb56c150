// What a house font file (style.yaml `fonts:`) may be, and which face draws each character: the
// reader refuses, in a sentence, a file the writers could not embed or that would hang the app;
// a character a role's font lacks goes to the fallback of its script, then to briefwright's own
// family for the role, then to any fallback that has it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { typefaceRuns, undrawable } from '../../../src/core/writers/fonts';
import { cssFamilies } from '../../../src/core/writers/html/fonts';
import { shippedTypefaces, type HouseFont, type Typefaces } from '../../../src/core/writers/style';
import { readFontFile } from '../../../src/core/writers/truetype';

const FONTS = join(__dirname, '..', '..', 'fixtures', 'fonts');
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FONTS, name)));

/** Where each table of a font starts, by tag, and a view to patch it through. */
function tablesOf(bytes: Uint8Array): { view: DataView; at: (tag: string) => number; record: (tag: string) => number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const record = (tag: string): number => {
    for (let i = 0; i < view.getUint16(4); i++) if (String.fromCharCode(...bytes.subarray(12 + i * 16, 16 + i * 16)) === tag) return 12 + i * 16;
    throw new Error(`no ${tag}`);
  };
  return { view, record, at: (tag) => view.getUint32(record(tag) + 8) };
}

/** A copy of the fixture's regular face, changed by `patch`. */
function patched(patch: (font: ReturnType<typeof tablesOf>, bytes: Uint8Array) => void): Uint8Array {
  const bytes = fixture('house-serif-regular.ttf').slice();
  patch(tablesOf(bytes), bytes);
  return bytes;
}

describe('reading a house font file', () => {
  it('gives its family (name ID 1), its line as the PDF and as Word set it, and the characters it draws', () => {
    const facts = readFontFile(fixture('house-serif-regular.ttf'));
    expect(facts.family).toBe('Noto Serif');
    expect(facts.lineHeight.pdf).toBeGreaterThan(1);
    expect(readFontFile(fixture('han-fallback.ttf')).family).toBe('Droid Sans Fallback');
  });

  it('leaves the line gap out of the PDF’s line, as pdfkit sets lines, and keeps it in Word’s', () => {
    const gapped = patched(({ view, at }) => view.setInt16(at('hhea') + 8, 600));
    const plain = readFontFile(fixture('house-serif-regular.ttf')).lineHeight;
    const { pdf, word } = readFontFile(gapped).lineHeight;
    const unitsPerEm = tablesOf(gapped).view.getUint16(tablesOf(gapped).at('head') + 18);
    expect(pdf).toBe(plain.pdf);
    expect(word).toBeCloseTo(plain.pdf + 600 / unitsPerEm, 2);
  });

  it('refuses, in a sentence, a file the writers could not embed', () => {
    const refusal = (bytes: Uint8Array): string => {
      try {
        readFontFile(bytes);
        return 'read';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(refusal(patched(({ view, at }) => (view.setInt16(at('hhea') + 4, 0), view.setInt16(at('hhea') + 6, 0))))).toMatch(/^its line metrics cannot set a line \(ascent 0, descent 0/);
    expect(refusal(patched(({ record }, bytes) => bytes.set([0x6c, 0x6f, 0x63, 0x78], record('loca'))))).toBe('it lacks the font tables loca: the file is damaged or not a font for text');
    expect(refusal(patched(({ record }, bytes) => bytes.set([0x43, 0x46, 0x46, 0x32], record('glyf'))))).toMatch(/^it is a variable OpenType font \(CFF2 outlines\)/);
    // The first two segments of the character map in the wrong order.
    const disordered = patched(({ view, at }) => {
      const cmap = at('cmap');
      const sub = cmap + view.getUint32(cmap + 4 + 8 * (view.getUint16(cmap + 2) - 1) + 4);
      const segments = view.getUint16(sub + 6) / 2;
      const starts = sub + 16 + 2 * segments;
      view.setUint16(starts + 2, view.getUint16(starts) - 1);
    });
    expect(refusal(disordered)).toBe('its character map is out of order: the file is damaged');
  });
});

/** A house font that draws only the given code points (enough for choosing faces; no writer sees it). */
const fontOf = (name: string, ranges: number[]): HouseFont => ({ name, faces: { normal: new Uint8Array([ranges.length, ...name.split('').map((c) => c.charCodeAt(0))]) }, lineHeight: { pdf: 1.2, word: 1.3 }, coverage: ranges, file: `${name}.ttf` });
const latinOnly = fontOf('House Serif', [0x20, 0x7e]);
/** A sans with Arabic and Latin Extended, as DejaVu Sans has. */
const arabicSans = fontOf('Arabic Sans', [0x20, 0x24f, 0x600, 0x6ff]);
const hanFont = fontOf('Han Font', [0x4e00, 0x9fff]);

describe('which face draws each character', () => {
  const typefaces: Typefaces = { ...shippedTypefaces, body: { house: latinOnly }, fallbacks: [{ script: 'Arabic', font: arabicSans }] };
  const faces = (text: string, role: 'body' | 'headings' = 'body') =>
    typefaceRuns(text, role, typefaces).map(({ text: t, face }) => [t, 'house' in face ? face.house.name : `shipped ${face.shipped} ${face.subset}`]);

  it('a Polish letter the house font lacks goes to briefwright’s serif, not to a fallback for another script that has it', () => {
    expect(faces('Łódź')).toEqual([
      ['Ł', 'shipped body latin-ext'],
      ['ó', 'shipped body latin'],
      ['d', 'House Serif'],
      ['ź', 'shipped body latin-ext'],
    ]);
  });

  it('an Arabic word goes to the Arabic fallback', () => {
    expect(faces('Astana مرحبا')).toEqual([
      ['Astana ', 'House Serif'],
      ['مرحبا', 'Arabic Sans'],
    ]);
  });

  it('a character of a script with no fallback goes to any fallback that draws it, and the warning names only what none draws', () => {
    const withHan: Typefaces = { ...shippedTypefaces, headings: { house: hanFont } };
    // Headings draw Chinese, body and tables do not: a fact's text may print in either, so it is named.
    expect(undrawable(['合作'], withHan)).toEqual(['合', '作']);
    expect(undrawable(['合作'], { ...withHan, fallbacks: [{ script: 'Han', font: hanFont }] })).toEqual([]);
  });
});

describe('CSS names of house fonts', () => {
  it('two different files that call themselves by one name get two names', () => {
    const regular = fontOf('Noto Serif', [0x20, 0x7e]);
    const bold = { ...fontOf('Noto Serif', [0x20, 0x7e]), faces: { normal: new Uint8Array([9, 9, 9]) } };
    const names = cssFamilies({ ...shippedTypefaces, body: { house: regular }, headings: { house: bold }, tables: { house: regular } });
    expect([names.get(regular), names.get(bold)]).toEqual(["'Noto Serif'", "'Noto Serif 2'"]);
  });
});
