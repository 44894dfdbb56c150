// The shipped fonts as TrueType, for the readers that take nothing else or read it faster:
// pdfmake, the host's chart pictures for DOCX (host.ts `rasterise`) and docx's page layout (page
// numbers of the DOCX table of contents); and their vertical metrics and advance widths. The app
// ships WOFF (see fonts.ts); a WOFF 1.0 file is its TrueType tables, each zlib-compressed, so it
// is unpacked here, in memory, byte for byte the same every time.

import { unzlibSync } from 'fflate';
import { facePath, faceItalic, faceWeight, fontSubsets, packageBytes, type FaceStyle, type FontRole, type FontSubset } from './fonts';

/**
 * The path of one face's WOFF as a word processor would pick it: bold is the real Bold (700)
 * face, the one Word and LibreOffice use for bold text, where fonts.ts gives headings a semibold.
 */
function wordFacePath(role: FontRole, subset: FontSubset, style: FaceStyle): string {
  const weight = style === 'normal' || style === 'italics' ? faceWeight(role, style) : 700;
  return facePath(role, subset, weight, faceItalic(style), 'woff');
}

const cache = new Map<string, Uint8Array | null>();

/** One face of one subset, as a word processor picks it, as TrueType bytes, converted once per process. */
export function trueTypeFont(role: FontRole, subset: FontSubset, style: FaceStyle): Uint8Array {
  const path = wordFacePath(role, subset, style);
  const bytes = trueTypeFile(role, path);
  if (!bytes) throw new Error(`The font file ${path} is not installed`);
  return bytes;
}

/**
 * The WOFF file at `path` in a family's package as TrueType bytes, converted once per process;
 * undefined when the package has no such file (not every family has every subset).
 */
export function trueTypeFile(role: FontRole, path: string): Uint8Array | undefined {
  const key = `${role}\u0000${path}`;
  let bytes = cache.get(key);
  if (bytes === undefined) {
    const woff = packageBytes(role, path);
    bytes = woff ? woffToSfnt(woff) : null;
    cache.set(key, bytes);
  }
  return bytes ?? undefined;
}

/** TrueType bytes of every subset the families have of the given faces, as a word processor picks them (for chart pictures). */
export function trueTypeFaces(faces: readonly { role: FontRole; style: FaceStyle }[]): Uint8Array[] {
  return faces.flatMap(({ role, style }) =>
    fontSubsets.flatMap((subset) => {
      const bytes = trueTypeFile(role, wordFacePath(role, subset, style));
      return bytes ? [bytes] : [];
    }),
  );
}

/** Unpacks a WOFF 1.0 file into the TrueType/OpenType file it wraps (W3C WOFF 1.0, §4–5). */
export function woffToSfnt(woff: Uint8Array): Uint8Array {
  const src = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  if (woff.byteLength < 44 || src.getUint32(0) !== 0x774f4646) throw new Error('Not a WOFF 1.0 font.');
  const flavor = src.getUint32(4);
  const numTables = src.getUint16(12);
  const tables: { tag: number; checksum: number; data: Uint8Array }[] = [];
  for (let i = 0; i < numTables; i++) {
    const entry = 44 + i * 20;
    const offset = src.getUint32(entry + 4);
    const compLength = src.getUint32(entry + 8);
    const origLength = src.getUint32(entry + 12);
    const stored = woff.subarray(offset, offset + compLength);
    const data = compLength < origLength ? unzlibSync(stored) : stored;
    if (data.length !== origLength) throw new Error('Corrupt WOFF table.');
    tables.push({ tag: src.getUint32(entry), checksum: src.getUint32(entry + 16), data });
  }
  // The sfnt table directory is sorted by tag.
  tables.sort((a, b) => a.tag - b.tag);

  const padded = (n: number): number => (n + 3) & ~3;
  const headerLength = 12 + 16 * numTables;
  const out = new Uint8Array(tables.reduce((sum, t) => sum + padded(t.data.length), headerLength));
  const dst = new DataView(out.buffer);
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  dst.setUint32(0, flavor);
  dst.setUint16(4, numTables);
  dst.setUint16(6, searchRange);
  dst.setUint16(8, entrySelector);
  dst.setUint16(10, numTables * 16 - searchRange);
  let offset = headerLength;
  tables.forEach((t, i) => {
    const record = 12 + i * 16;
    dst.setUint32(record, t.tag);
    dst.setUint32(record + 4, t.checksum);
    dst.setUint32(record + 8, offset);
    dst.setUint32(record + 12, t.data.length);
    out.set(t.data, offset);
    offset += padded(t.data.length);
  });
  return out;
}

/** Where each table of an sfnt starts, by tag. */
function tableOffsets(sfnt: Uint8Array): { view: DataView; table: (tag: string) => number } {
  const view = new DataView(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
  const table = (tag: string): number => {
    const count = view.getUint16(4);
    for (let i = 0; i < count; i++) {
      const record = 12 + i * 16;
      if (String.fromCharCode(...sfnt.subarray(record, record + 4)) === tag) return view.getUint32(record + 8);
    }
    throw new Error(`The font has no ${tag} table.`);
  };
  return { view, table };
}

/** The vertical metrics a layout engine sets lines with: the `hhea` ascent and descent, in font units. */
export function verticalMetrics(sfnt: Uint8Array): { ascent: number; descent: number; unitsPerEm: number } {
  const { view, table } = tableOffsets(sfnt);
  const hhea = table('hhea');
  return { ascent: view.getInt16(hhea + 4), descent: view.getInt16(hhea + 6), unitsPerEm: view.getUint16(table('head') + 18) };
}

/**
 * How wide a text is set in the font, in ems: the sum of its characters' advance widths (`cmap`
 * format 4, then `hmtx`), without kerning. For sizing table columns in writers that cannot
 * measure (DOCX), without loading a font engine for it. A character the font does not have
 * counts as wide as an "n".
 */
export function advanceWidths(sfnt: Uint8Array): (text: string) => number {
  const { view, table } = tableOffsets(sfnt);
  const unitsPerEm = view.getUint16(table('head') + 18);
  const metrics = view.getUint16(table('hhea') + 34);
  const hmtx = table('hmtx');
  const advance = (glyph: number): number => view.getUint16(hmtx + 4 * Math.min(glyph, metrics - 1));
  const glyphOf = bmpGlyphs(view, table('cmap'));
  const widths = new Map<number, number>();
  const fallback = advance(glyphOf('n'.charCodeAt(0)));
  return (text) => {
    let units = 0;
    for (const char of text) {
      const code = char.codePointAt(0)!;
      let width = widths.get(code);
      if (width === undefined) {
        const glyph = code <= 0xffff ? glyphOf(code) : 0;
        width = glyph ? advance(glyph) : fallback;
        widths.set(code, width);
      }
      units += width;
    }
    return units / unitsPerEm;
  };
}

/** The glyph of a character of the Basic Multilingual Plane, from the font's Unicode `cmap` subtable of format 4; 0 for none. */
function bmpGlyphs(view: DataView, cmap: number): (code: number) => number {
  const count = view.getUint16(cmap + 2);
  let sub = -1;
  for (let i = 0; i < count && sub < 0; i++) {
    const record = cmap + 4 + i * 8;
    const [platform, encoding] = [view.getUint16(record), view.getUint16(record + 2)];
    const offset = cmap + view.getUint32(record + 4);
    if ((platform === 3 && encoding === 1) || platform === 0) {
      if (view.getUint16(offset) === 4) sub = offset;
    }
  }
  if (sub < 0) return () => 0;
  const segments = view.getUint16(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  return (code) => {
    for (let i = 0; i < segments; i++) {
      if (view.getUint16(ends + 2 * i) < code) continue;
      const start = view.getUint16(starts + 2 * i);
      if (start > code) return 0;
      const delta = view.getInt16(deltas + 2 * i);
      const rangeOffset = view.getUint16(rangeOffsets + 2 * i);
      if (rangeOffset === 0) return (code + delta) & 0xffff;
      const glyph = view.getUint16(rangeOffsets + 2 * i + rangeOffset + 2 * (code - start));
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}
