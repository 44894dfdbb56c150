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
    const data = compLength < origLength ? unzlibSync(stored, { out: new Uint8Array(origLength) }) : stored;
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

/** What the writers need to know of a house font file (style.yaml `fonts:`), read from its tables. */
export interface FontFileFacts {
  /** The family it names itself by, as Word and the font menus of applications know it (the `name` table's ID 1). */
  family: string;
  /**
   * Its line set solid, in ems, from `hhea`: as pdfkit sets lines ((ascent − descent) / units per
   * em), and as a word processor does, with the line gap.
   */
  lineHeight: { pdf: number; word: number };
  /** The code points it draws, as sorted inclusive ranges flattened ([from, to, from, to, …]). */
  coverage: number[];
}

/** The tables a font must have for the writers to embed it, besides its outlines. */
const NEEDED = ['cmap', 'head', 'hhea', 'hmtx', 'maxp', 'name'];
/** The most code points a character map may claim (all of Unicode) and the most format 12 groups read. */
const MAX_GROUPS = 200_000;

const factsOf = new WeakMap<Uint8Array, FontFileFacts | Error>();

/**
 * Reads the facts of a TrueType or OpenType font file, or throws an Error whose message says, in
 * a user's words, why the file is not one the writers can embed (a collection, a web font, a
 * variable CFF2 font, a file that is not a font, tables missing or out of order, line metrics
 * that cannot set a line, no Unicode character map). Read once per file's bytes.
 */
export function readFontFile(bytes: Uint8Array): FontFileFacts {
  let facts = factsOf.get(bytes);
  if (facts === undefined) {
    try {
      facts = readFacts(bytes);
    } catch (error) {
      facts = error instanceof RangeError ? new Error('its tables cannot be read: the file is damaged', { cause: error }) : (error as Error);
    }
    factsOf.set(bytes, facts);
  }
  if (facts instanceof Error) throw facts;
  return facts;
}

function readFacts(bytes: Uint8Array): FontFileFacts {
  if (bytes.byteLength < 12) throw new Error('it is not a font file (too short)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const signature = view.getUint32(0);
  if (signature === 0x74746366) throw new Error('it is a font collection (.ttc); name one TrueType or OpenType file (.ttf or .otf)');
  if (signature === 0x774f4646 || signature === 0x774f4632) throw new Error('it is a web font (WOFF); name the TrueType or OpenType file (.ttf or .otf) it was made from');
  if (signature !== 0x00010000 && signature !== 0x4f54544f && signature !== 0x74727565) throw new Error('it is not a TrueType or OpenType font file');
  const count = view.getUint16(4);
  const tables = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < count; i++) {
    const record = 12 + i * 16;
    if (record + 16 > bytes.byteLength) throw new Error('its table directory is cut short: the file is damaged');
    const offset = view.getUint32(record + 8);
    const length = view.getUint32(record + 12);
    if (offset + length > bytes.byteLength) throw new Error('a table runs past the end of the file: the file is damaged');
    tables.set(String.fromCharCode(...bytes.subarray(record, record + 4)), { offset, length });
  }
  if (tables.has('CFF2') && !tables.has('CFF ')) throw new Error('it is a variable OpenType font (CFF2 outlines), which cannot be embedded; name a static instance of it (a .ttf or .otf of one weight)');
  const missing = NEEDED.filter((tag) => !tables.has(tag));
  if (!tables.has('CFF ') && !(tables.has('glyf') && tables.has('loca'))) missing.push(tables.has('glyf') ? 'loca' : 'glyf or CFF');
  if (missing.length > 0) throw new Error(`it lacks the font tables ${missing.join(', ')}: the file is damaged or not a font for text`);
  const head = tables.get('head')!.offset;
  const hhea = tables.get('hhea')!.offset;
  const unitsPerEm = view.getUint16(head + 18);
  const [ascent, descent, lineGap] = [view.getInt16(hhea + 4), view.getInt16(hhea + 6), view.getInt16(hhea + 8)];
  const pdf = (ascent - descent) / unitsPerEm;
  const word = (ascent - descent + Math.max(0, lineGap)) / unitsPerEm;
  // A line from half an em to three ems: anything else is a damaged or hostile hhea table.
  if (!(unitsPerEm >= 16 && unitsPerEm <= 16384) || !(pdf >= 0.5 && pdf <= 3) || !(word <= 3.5)) {
    throw new Error(`its line metrics cannot set a line (ascent ${ascent}, descent ${descent}, line gap ${lineGap}, ${unitsPerEm} units to the em): the file is damaged`);
  }
  const coverage = cmapCoverage(view, tables.get('cmap')!.offset);
  if (coverage.length === 0) throw new Error('it has no Unicode character map, so no text can be set in it');
  const round = (n: number): number => Math.round(n * 1000) / 1000;
  return { family: familyOf(view, bytes, tables.get('name')!.offset), lineHeight: { pdf: round(pdf), word: round(word) }, coverage };
}

/**
 * The code points of the font's Unicode `cmap` subtable (format 12 preferred, else 4), as sorted
 * inclusive ranges. Segments and groups must come in order without overlapping, as the format
 * requires: a map that does not is refused, which also bounds the work to Unicode's size.
 */
function cmapCoverage(view: DataView, cmap: number): number[] {
  const count = view.getUint16(cmap + 2);
  let format4 = -1;
  let format12 = -1;
  for (let i = 0; i < count; i++) {
    const record = cmap + 4 + i * 8;
    const [platform, encoding] = [view.getUint16(record), view.getUint16(record + 2)];
    if (!(platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10)))) continue;
    const offset = cmap + view.getUint32(record + 4);
    const format = view.getUint16(offset);
    if (format === 12) format12 = offset;
    else if (format === 4) format4 = offset;
  }
  const ranges: number[] = [];
  const add = (from: number, to: number): void => {
    const last = ranges.length - 1;
    if (last > 0 && from <= ranges[last]! + 1) ranges[last] = Math.max(ranges[last]!, to);
    else ranges.push(from, to);
  };
  const disorder = (): Error => new Error('its character map is out of order: the file is damaged');
  if (format12 >= 0) {
    const groups = view.getUint32(format12 + 12);
    if (groups > MAX_GROUPS) throw disorder();
    let previous = -1;
    for (let i = 0; i < groups; i++) {
      const group = format12 + 16 + i * 12;
      const [from, to, glyph] = [view.getUint32(group), view.getUint32(group + 4), view.getUint32(group + 8)];
      if (from <= previous || to < from || to > 0x10ffff) throw disorder();
      previous = to;
      // A group starting at glyph 0 maps its first character to nothing.
      if (glyph === 0) {
        if (to > from) add(from + 1, to);
      } else add(from, to);
    }
    return ranges;
  }
  if (format4 < 0) return ranges;
  const segments = view.getUint16(format4 + 6) / 2;
  const ends = format4 + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  let previous = -1;
  for (let i = 0; i < segments; i++) {
    const end = view.getUint16(ends + 2 * i);
    const start = view.getUint16(starts + 2 * i);
    if (start === 0xffff) continue;
    if (start <= previous || end < start) throw disorder();
    previous = end;
    const rangeOffset = view.getUint16(rangeOffsets + 2 * i);
    if (rangeOffset === 0) {
      // Every character maps to its code plus the delta, but the one the delta wraps to glyph 0.
      const none = -view.getInt16(deltas + 2 * i) & 0xffff;
      if (none >= start && none <= end) {
        if (none > start) add(start, none - 1);
        if (none < end) add(none + 1, end);
      } else add(start, end);
      continue;
    }
    // A segment through the glyph array may map some of its characters to no glyph: only those with one are covered.
    let from = -1;
    for (let code = start; code <= end; code++) {
      const glyph = view.getUint16(rangeOffsets + 2 * i + rangeOffset + 2 * (code - start));
      if (glyph !== 0) {
        if (from < 0) from = code;
      } else if (from >= 0) {
        add(from, code - 1);
        from = -1;
      }
    }
    if (from >= 0) add(from, end);
  }
  return ranges;
}

/** The family a font names itself by: name ID 1 (the family Word and font menus match), else 16 (typographic family), in Windows Unicode or Mac Roman. */
function familyOf(view: DataView, bytes: Uint8Array, name: number): string {
  const count = view.getUint16(name + 2);
  const strings = name + view.getUint16(name + 4);
  const found = new Map<number, string>();
  for (let i = 0; i < count; i++) {
    const record = name + 6 + i * 12;
    const [platform, , language, id, length, offset] = [0, 2, 4, 6, 8, 10].map((at) => view.getUint16(record + at)) as [number, number, number, number, number, number];
    if ((id !== 1 && id !== 16) || found.has(id)) continue;
    const raw = bytes.subarray(strings + offset, strings + offset + length);
    if (platform === 3 || platform === 0) {
      let text = '';
      for (let at = 0; at + 1 < raw.length; at += 2) text += String.fromCharCode((raw[at]! << 8) | raw[at + 1]!);
      found.set(id, text);
    } else if (platform === 1 && language === 0) {
      found.set(id, String.fromCharCode(...raw));
    }
  }
  return (found.get(1) ?? found.get(16) ?? '').trim();
}

/** Whether a code point is in sorted inclusive ranges (`FontFileFacts.coverage`). */
export function covers(ranges: readonly number[], codePoint: number): boolean {
  let low = 0;
  let high = ranges.length / 2 - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (codePoint < ranges[2 * mid]!) high = mid - 1;
    else if (codePoint > ranges[2 * mid + 1]!) low = mid + 1;
    else return true;
  }
  return false;
}
