// pdfmake as the PDF writer drives it: loaded with the first PDF, given the shipped fonts and
// the policies that keep it off the network and out of the user's files, patched where its
// layout falls short, and asked to print a definition or count its pages. Every patch of
// pdfmake's, pdfkit's or fontkit's internals lives here, and `checkEngineShape` asserts each
// internal they rely on (tests/unit/writers/pdf-engine.test.ts, with pdfmake pinned exactly).

import type { Size, TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces';
import { familyName, faceStyles, fontFile, fontSubsets, type FontRole, type RunFace } from '../fonts';
import { fonts, type HouseFont, type Typefaces } from '../style';
import { trueTypeFile } from '../truetype';
import { patch, unpatched } from './patch';
import { hookTagging, taggedDocumentShape, taggingShape, type LayoutModules } from './tagging';

type PdfMake = typeof import('pdfmake');

/** The public engine and the internals it is patched through. */
interface Engine {
  pdfmake: PdfMake;
  documentClass: DocumentClass;
  calculator: ColumnCalculator;
  layout: LayoutModules;
}

/** A CommonJS module as `import()` gives it: its exports are the default export (whose own `default` is the class or object, where the loader does not unwrap it). */
type CommonJs<T> = { default: T | { default: T } };

function exported<T>(module: CommonJs<T>): T {
  const value = module.default;
  return typeof value === 'object' && value !== null && 'default' in value ? (value as { default: T }).default : (value as T);
}

// ---------------------------------------------------------------------------------------------
// Loading and set-up. pdfmake is a process-wide singleton, loaded with the first PDF (so that the
// other formats never load it): fonts and policies are set on every render (cheap, and
// idempotent), so nothing else in the process can leave it in another state.

let loading: Promise<Engine> | undefined;

/** pdfmake, patched (once per process) and set up for a document set in `typefaces` (the shipped families, and any house fonts). */
export async function pdfmakeReady(typefaces?: Typefaces): Promise<PdfMake> {
  const { pdfmake } = await loadEngine();
  boundShaping();
  pdfmake.setFonts(typefaces ? withHouseFonts(fontDictionary(), typefaces) : fontDictionary());
  // Nothing from the network or the disk: the fonts are handed to pdfmake in memory (`hookFonts`).
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  return pdfmake;
}

/**
 * Loads pdfmake and, from their deep paths, the modules the patches go through:
 * js/PDFDocument.js (its pdfkit document), js/columnCalculator.js, and the layout and renderer
 * modules the tagging hooks into (tagging.ts). They must be the very module instances pdfmake
 * requires itself, which `checkEngineShape` checks.
 */
function loadEngine(): Promise<Engine> {
  loading ??= Promise.all([
    import('pdfmake'),
    // @ts-expect-error pdfmake's PDFDocument (its pdfkit document) has no type definitions.
    import('pdfmake/js/PDFDocument.js') as Promise<{ default: DocumentClass | { default: DocumentClass } }>,
    // @ts-expect-error nor has its column calculator.
    import('pdfmake/js/columnCalculator.js') as Promise<{ default: ColumnCalculator | { default: ColumnCalculator } }>,
    // @ts-expect-error nor have the modules the tagging goes through (tagging.ts).
    import('pdfmake/js/LayoutBuilder.js') as Promise<CommonJs<LayoutModules['layoutBuilder']>>,
    // @ts-expect-error untyped, as above.
    import('pdfmake/js/ElementWriter.js') as Promise<CommonJs<LayoutModules['elementWriter']>>,
    // @ts-expect-error untyped, as above.
    import('pdfmake/js/PageElementWriter.js') as Promise<CommonJs<LayoutModules['pageElementWriter']>>,
    // @ts-expect-error untyped, as above.
    import('pdfmake/js/Renderer.js') as Promise<CommonJs<LayoutModules['renderer']>>,
  ]).then(([engine, document, calculator, layoutBuilder, elementWriter, pageElementWriter, renderer]) => {
    const documentClass = exported(document);
    const columnCalculator = exported(calculator);
    hookFonts(documentClass.prototype);
    keepColumnsOnPage(columnCalculator);
    const layout: LayoutModules = {
      layoutBuilder: exported(layoutBuilder),
      elementWriter: exported(elementWriter),
      pageElementWriter: exported(pageElementWriter),
      renderer: exported(renderer),
    };
    hookTagging(layout);
    return { pdfmake: (engine as PdfMake & { default?: PdfMake }).default ?? engine, documentClass, calculator: columnCalculator, layout };
  });
  return loading;
}

let dictionary: TFontDictionary | undefined;
/** The shipped WOFF file (its family and its path in the family's package) of each TrueType file name in pdfmake's file system. */
const woffOf = new Map<string, { role: FontRole; path: string }>();

/**
 * One pdfmake family per font role and script subset ("Source Serif 4", "Source Serif 4 cyrillic", …).
 * The shipped WOFF files are unpacked to TrueType and handed to pdfmake in memory, each when a
 * document first uses it (`hookFonts`): fontkit would otherwise inflate every WOFF table again
 * on each access, in every document.
 */
function fontDictionary(): TFontDictionary {
  if (dictionary) return dictionary;
  const built: TFontDictionary = {};
  for (const role of ['body', 'heading'] as const) {
    for (const subset of fontSubsets) {
      const [normal, bold, italics, bolditalics] = faceStyles.map((style) => {
        const path = fontFile(role, subset, style, 'woff');
        const name = `briefwright-fonts/${path.slice(path.lastIndexOf('/') + 1).replace(/\.woff$/, '')}.ttf`;
        woffOf.set(name, { role, path });
        return name;
      });
      built[familyName(role, subset)] = { normal: normal!, bold: bold!, italics: italics!, bolditalics: bolditalics! };
    }
  }
  dictionary = built;
  return built;
}

/** The TrueType or OpenType bytes of each house face's file name in pdfmake's file system. */
const houseFiles = new Map<string, Uint8Array>();
/** The pdfmake family of each house font. */
const houseFamilies = new WeakMap<HouseFont, string>();
const HOUSE_FACES = ['normal', 'bold', 'italics', 'bolditalics'] as const;

/**
 * The pdfmake family a run is set in: a shipped family's subset, or a house font, named by its
 * faces' files (`houseFile`), so that the same files read again (a workspace reloaded) are the
 * same family and their shaped words are reused, and two fonts that differ in any face never
 * share a family.
 */
export function pdfFamily(face: RunFace): string {
  if ('shipped' in face) return familyName(face.shipped, face.subset);
  let family = houseFamilies.get(face.house);
  if (family === undefined) {
    family = `house ${HOUSE_FACES.map((style) => (face.house.faces[style] ? houseFile(face.house.faces[style]) : '-')).join(' ')}`;
    houseFamilies.set(face.house, family);
  }
  return family;
}

/** The shipped families with the house fonts of `typefaces` beside them (a face the house does not give is set in its regular one). */
function withHouseFonts(shipped: TFontDictionary, typefaces: Typefaces): TFontDictionary {
  const house: HouseFont[] = [typefaces.body, typefaces.headings, typefaces.tables].flatMap((t) => ('house' in t ? [t.house] : []));
  house.push(...typefaces.fallbacks.map((f) => f.font));
  if (house.length === 0) return shipped;
  const dictionary: TFontDictionary = { ...shipped };
  for (const font of house) {
    const file = (style: keyof HouseFont['faces']): string => houseFile(font.faces[style] ?? font.faces.normal);
    dictionary[pdfFamily({ house: font })] = { normal: file('normal'), bold: file('bold'), italics: file('italics'), bolditalics: file('bolditalics') };
  }
  return dictionary;
}

const fileNames = new WeakMap<Uint8Array, string>();
/**
 * The name of a house face's file in pdfmake's file system, by a digest of its bytes; a file whose
 * digest another file already has (a collision, by chance or made) is compared byte for byte and
 * given a name of its own, so that no face is ever set in another's glyphs.
 */
function houseFile(bytes: Uint8Array): string {
  let name = fileNames.get(bytes);
  if (name !== undefined) return name;
  const base = `briefwright-house/${digest(bytes)}`;
  for (let n = 0; ; n++) {
    const candidate = n === 0 ? `${base}.font` : `${base}-${n}.font`;
    const held = houseFiles.get(candidate);
    if (held === undefined || held === bytes || sameBytes(held, bytes)) {
      name = candidate;
      break;
    }
  }
  houseFiles.set(name, bytes);
  fileNames.set(bytes, name);
  return name;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A 64-bit FNV-1a digest of bytes, in hex, with their length (`houseFile` makes it once per file). */
function digest(bytes: Uint8Array): string {
  let high = 0xcbf29ce4;
  let low = 0x84222325;
  for (let i = 0; i < bytes.length; i++) {
    low = (low ^ bytes[i]!) >>> 0;
    // Multiply the 64-bit (high, low) by the FNV prime 2^40 + 0x1b3, in 32-bit halves.
    const lowProduct = low * 0x1b3;
    const carry = Math.floor(lowProduct / 0x100000000);
    high = (high * 0x1b3 + (low << 8) + carry) >>> 0;
    low = lowProduct >>> 0;
  }
  return `${high.toString(16).padStart(8, '0')}${low.toString(16).padStart(8, '0')}-${bytes.length}`;
}

// ---------------------------------------------------------------------------------------------
// Printing and counting pages (pdfmake's public API only).

export async function print(pdfmake: PdfMake, definition: TDocumentDefinitions): Promise<Uint8Array> {
  const buffer = await pdfmake.createPdf(definition).getBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** Prints the document, counting its pages as the running footer numbers them. */
export async function printCounting(pdfmake: PdfMake, definition: TDocumentDefinitions): Promise<{ bytes: Uint8Array; pages: number }> {
  const pages = countingPages(definition);
  const bytes = await print(pdfmake, definition);
  return { bytes, pages: pages() };
}

function countingPages(definition: TDocumentDefinitions): () => number {
  let pages = 0;
  const footer = definition.footer;
  definition.footer = (page, pageCount, pageSize) => {
    pages = pageCount;
    return typeof footer === 'function' ? footer(page, pageCount, pageSize) : null;
  };
  return () => pages;
}

// ---------------------------------------------------------------------------------------------
// Fonts: pdfmake's PDFDocument.prototype.provideFont, and what pdfkit and fontkit hang on the
// face it returns.

/** The part of pdfmake's PDFDocument (a pdfkit document) that hands fonts to the layout. */
type DocumentClass = { prototype: FontProvider };
interface FontProvider {
  /** The font file of each face, by family and style (normal, bold, italics, bolditalics). */
  fonts: Record<string, Record<string, string>>;
  /** pdfmake's in-memory file system, read before the disk. */
  virtualfs: { existsSync(name: string): boolean; writeFileSync(name: string, data: Uint8Array): void };
  /** pdfkit's font for a face (an EmbeddedFont). */
  provideFont(family: string, bold: boolean, italics: boolean): { layoutCache?: Record<string, unknown>; font?: ShapingFont; subset?: object };
}

/** fontkit's font, as pdfkit's font calls it to shape a word. */
interface ShapingFont {
  layout(text: string, features?: unknown, script?: string, language?: string, direction?: 'ltr' | 'rtl'): unknown;
}

/** Shaped words per font file, for every document of the process (see `hookFonts`). */
const shaped = new Map<string, Record<string, unknown>>();
/** A few hundred bytes each: the caches are dropped before a document when they hold more. */
const MAX_SHAPED_WORDS = 50_000;

function boundShaping(): void {
  let words = 0;
  for (const cache of shaped.values()) words += Object.keys(cache).length;
  if (words > MAX_SHAPED_WORDS) shaped.clear();
}

/**
 * Hooks into the one place pdfmake hands a face to the layout (`PDFDocument.prototype.provideFont`,
 * reading the document's `fonts` and `virtualfs`):
 *
 * - The face's TrueType file is put in pdfmake's in-memory file system the first time a document
 *   uses it (unpacked from the shipped WOFF, see `fontDictionary`, or a house font's own bytes,
 *   see `withHouseFonts`), so that a process makes only the few faces its documents use, not the
 *   48 of every script.
 * - Each face's subset is written again for every document (`reuseSubsets`, on the face's `subset`).
 * - Words are shaped left to right (`leftToRight`, on the face's fontkit `font`).
 * - Shaping text (fontkit, through pdfkit) is most of the cost of laying out a document, and
 *   pdfkit caches the shaped words of each face per document only, so every document would shape
 *   every word again. A shaped word depends only on the font file and the word: one cache per
 *   file serves every document. pdfkit fills it (the face's `layoutCache`, one entry per word)
 *   and never changes an entry once made (`boundShaping` keeps the memory bounded).
 */
function hookFonts(document: FontProvider): void {
  patch(document, 'provideFont', (provideFont) =>
    function (this: FontProvider, family, bold, italics) {
      const file = this.fonts[family]?.[bold ? (italics ? 'bolditalics' : 'bold') : italics ? 'italics' : 'normal'];
      const woff = file === undefined ? undefined : woffOf.get(file);
      if (file !== undefined && !this.virtualfs.existsSync(file)) {
        const trueType = woff !== undefined ? trueTypeFile(woff.role, woff.path) : houseFiles.get(file);
        if (trueType) this.virtualfs.writeFileSync(file, trueType);
      }
      const font = provideFont.call(this, family, bold, italics);
      if (font.subset) reuseSubsets(Object.getPrototypeOf(font.subset) as SubsetClass);
      if (font.font) leftToRight(font.font);
      if (font.layoutCache && file !== undefined) {
        const cache = shaped.get(file);
        if (cache) font.layoutCache = cache;
        else shaped.set(file, font.layoutCache);
      }
      return font;
    },
  );
}

/** fontkit's subset of a face: the glyphs a document uses, in the order it first used them. */
interface SubsetClass {
  encode(this: FontSubset): Uint8Array;
}
interface FontSubset {
  font: { stream: { buffer: Uint8Array } };
  glyphs: number[];
  mapping: Record<number, number>;
}

/** The last subsets written of each face (by its TrueType data), by their glyph lists. */
const subsetFiles = new WeakMap<Uint8Array, Map<string, { bytes: Uint8Array; glyphs: number[]; mapping: Record<number, number> }>>();
const SUBSETS_PER_FACE = 16;

/**
 * Writing a face's subset (fontkit decodes and re-encodes every glyph) is a sixth of the cost of
 * a short PDF, and while a user edits a paper the preview asks for the same glyphs in the same
 * order time after time: a new word rarely brings a new letter. The file depends only on the
 * face and that list, so the last few written for each face are kept and given again. Writing
 * adds the parts of composite glyphs to the list, so the list after writing is kept too.
 * Relies on fontkit's subset class: `encode()` returning the file, `glyphs`, `mapping`, and
 * `font.stream.buffer` (the face's data).
 */
function reuseSubsets(subsetClass: SubsetClass): void {
  patch(subsetClass, 'encode', (encode) =>
    function (this: FontSubset): Uint8Array {
      const face = this.font.stream.buffer;
      let written = subsetFiles.get(face);
      if (!written) subsetFiles.set(face, (written = new Map()));
      const key = this.glyphs.join(',');
      const hit = written.get(key);
      if (hit) {
        written.delete(key);
        written.set(key, hit);
        this.glyphs = [...hit.glyphs];
        this.mapping = { ...hit.mapping };
        return hit.bytes;
      }
      const bytes = encode.call(this);
      written.set(key, { bytes, glyphs: [...this.glyphs], mapping: { ...this.mapping } });
      if (written.size > SUBSETS_PER_FACE) written.delete(written.keys().next().value!);
      return bytes;
    },
  );
}

/**
 * Shapes every word left to right. fontkit takes a word's direction from the script of its first
 * letter, so a word that starts with a Hebrew or Arabic letter ("שלוםjavascript") was drawn with
 * all its glyphs in reverse, Latin ones included. pdfmake has no bidirectional layout and the
 * shipped fonts draw no right-to-left script, so left to right is the only order that keeps
 * the letters the fonts can draw readable. Relies on fontkit's `font.layout(text, features,
 * script, language, direction)`, which pdfkit calls with the first two only.
 */
function leftToRight(font: ShapingFont): void {
  patch(font, 'layout', (layout) =>
    function (this: ShapingFont, text, features, script, language, direction) {
      return layout.call(this, text, features, script, language, direction ?? 'ltr');
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Column widths: pdfmake's columnCalculator.buildColumnWidths, and the fields its columns carry.

/** The part of pdfmake's column calculator that sizes the columns of tables and column sets. */
interface ColumnCalculator {
  buildColumnWidths(columns: SizedColumn[], availableWidth: number, ...rest: unknown[]): void;
}

/** A column as pdfmake's calculator sees it: its width setting, its measured extent, its result. */
interface SizedColumn {
  width?: unknown;
  _minWidth: number;
  _maxWidth: number;
  _calcWidth: number;
  /** The same column of the other tables of its family (shared.ts `tableFamily`), itself included. */
  family?: SizedColumn[];
}

/** The columns of a document's tables that have a family, by family and column (see `familyColumn`). */
export type ColumnFamilies = Map<string, SizedColumn[]>;

/**
 * The width of a column of a table that has a family: pdfmake measures each table's columns
 * alone, all before it lays out the first page, so when the widths are built
 * (`keepColumnsOnPage`) each column takes the widest of its family's measures, and the tables of
 * a family come out with one set of widths. `key` names the family, `index` the column.
 */
export function familyColumn(families: ColumnFamilies, key: string, index: number, width: 'auto' | '*'): Size {
  const name = `${key}\u0000${index}`;
  let members = families.get(name);
  if (!members) families.set(name, (members = []));
  const column = { width, family: members } as SizedColumn;
  members.push(column);
  // pdfmake's types say a width is a number or a word; it keeps one given as `{ width }` as it is
  // and measures into it (DocMeasure `extendTableWidths`), which is what makes this work.
  return column as unknown as Size;
}

function measureAsFamily(columns: SizedColumn[]): void {
  for (const column of columns) {
    const measured = column.family?.filter((c) => Number.isFinite(c._maxWidth)) ?? [];
    if (measured.length < 2) continue;
    column._minWidth = Math.max(...measured.map((c) => c._minWidth));
    column._maxWidth = Math.max(...measured.map((c) => c._maxWidth));
  }
}

/**
 * Two corrections to how pdfmake shares a line among columns (`buildColumnWidths`, which reads
 * each column's `width`, `_minWidth` and `_maxWidth` and writes its `_calcWidth`), besides the
 * family widths above:
 *
 * - A table with columns that fit their content ('auto': a year, a figure) and columns that
 *   share the rest ('*': indicator names, long labels). When everything cannot stand on one line,
 *   pdfmake shrinks the fitted columns in proportion to how much the shared ones would like, so
 *   "over 16 million tonnes" broke over three lines beside a half-empty label column. Here the
 *   fitted columns keep their whole width while the shared ones still get at least their longest
 *   word, and the shared ones divide the rest by how much text they hold.
 * - pdfmake never makes a column narrower than its longest word: when the words of a box or a
 *   table cannot fit side by side (a long address, an identifier, a word of 60 characters), it
 *   gives the columns their widest words and the table runs off the page, where the text is cut
 *   off. Here the columns then share the width there is: those narrower than an equal share keep
 *   their width, the others take equal parts of the rest, and pdfmake breaks a word too long for
 *   its column across lines, as it does in body text.
 */
function keepColumnsOnPage(calculator: ColumnCalculator): void {
  patch(calculator, 'buildColumnWidths', (build) =>
    function (this: unknown, columns: SizedColumn[], availableWidth: number, ...rest: unknown[]): void {
      measureAsFamily(columns);
      if (fitWhole(columns, availableWidth)) return;
      build.call(this, columns, availableWidth, ...rest);
      const total = columns.reduce((sum, c) => sum + c._calcWidth, 0);
      if (!(availableWidth > 0) || total <= availableWidth + 0.01) return;
      let remaining = availableWidth;
      const byWidth = [...columns].sort((a, b) => a._calcWidth - b._calcWidth);
      byWidth.forEach((column, i) => {
        const share = remaining / (byWidth.length - i);
        if (column._calcWidth > share) column._calcWidth = share;
        remaining -= column._calcWidth;
      });
    },
  );
}

/**
 * Sizes a line of fitted ('auto') and shared ('*') columns that cannot all stand unwrapped: the
 * fitted ones at their whole width, the shared ones at their longest word plus a part of what is
 * left in proportion to the rest of their text. Returns false, changing nothing, for any other
 * line (only one kind of column, a fixed width, everything fits, or not even that does).
 */
function fitWhole(columns: SizedColumn[], availableWidth: number): boolean {
  const fitted = columns.filter((c) => c.width === 'auto');
  const shared = columns.filter((c) => c.width === '*');
  if (fitted.length === 0 || shared.length === 0 || fitted.length + shared.length !== columns.length) return false;
  const fittedWidth = fitted.reduce((sum, c) => sum + c._maxWidth, 0);
  const sharedMin = shared.reduce((sum, c) => sum + c._minWidth, 0);
  const sharedMax = shared.reduce((sum, c) => sum + c._maxWidth, 0);
  if (fittedWidth + sharedMax <= availableWidth || fittedWidth + sharedMin > availableWidth) return false;
  const spare = availableWidth - fittedWidth - sharedMin;
  const wants = sharedMax - sharedMin;
  for (const c of fitted) c._calcWidth = c._maxWidth;
  for (const c of shared) c._calcWidth = c._minWidth + (wants > 0 ? (spare * (c._maxWidth - c._minWidth)) / wants : spare / shared.length);
  return true;
}

// ---------------------------------------------------------------------------------------------
// The shape check.

/**
 * Asserts that every internal a patch above relies on is there, in the shape the patch expects,
 * and that the patches take hold: first on the modules themselves, then on a one-table document
 * pdfmake lays out (never serialised). Throws an Error naming the internal and the installed
 * pdfmake's version at the first that is not. A minor pdfmake (or pdfkit, or fontkit) release can
 * change any of them without notice: this is what says so, before a user's paper does.
 */
export async function checkEngineShape(): Promise<void> {
  const { version } = (await import('pdfmake/package.json', { with: { type: 'json' } })).default;
  const need = (holds: boolean, internal: string, patchNeedingIt: string): void => {
    if (!holds) {
      throw new Error(`pdfmake ${version}: ${internal} is not as ${patchNeedingIt} in src/core/writers/pdf/engine.ts expects it`);
    }
  };
  const isFunction = (value: unknown, parameters = 0): boolean => typeof value === 'function' && value.length >= parameters;
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

  let engine: Engine;
  try {
    engine = await loadEngine();
  } catch (cause) {
    throw new Error(`pdfmake ${version}: its modules js/PDFDocument.js and js/columnCalculator.js no longer load (${String(cause)})`, { cause });
  }
  const { documentClass, calculator } = engine;
  taggingShape(engine.layout, need);
  taggedDocumentShape(documentClass.prototype, need);

  // The modules, their classes and functions.
  need(typeof documentClass === 'function', 'the default export of pdfmake/js/PDFDocument.js (the PDFDocument class)', 'hookFonts');
  need(isFunction(unpatched(documentClass.prototype?.provideFont), 3), 'PDFDocument.prototype.provideFont(family, bold, italics)', 'hookFonts');
  need(isObject(calculator), 'the default export of pdfmake/js/columnCalculator.js', 'keepColumnsOnPage');
  const build = unpatched(calculator.buildColumnWidths);
  need(isFunction(build, 2), 'columnCalculator.buildColumnWidths(columns, availableWidth)', 'keepColumnsOnPage');
  const sized = [
    { width: 'auto', _minWidth: 10, _maxWidth: 20 },
    { width: '*', _minWidth: 5, _maxWidth: 30 },
  ] as SizedColumn[];
  (build as ColumnCalculator['buildColumnWidths']).call(calculator, sized, 100);
  need(
    sized.every((c) => Number.isFinite(c._calcWidth)),
    "columnCalculator.buildColumnWidths reading each column's _minWidth and _maxWidth and writing its _calcWidth",
    'keepColumnsOnPage',
  );

  // A document pdfmake lays out: one table whose first column belongs to a family with a
  // wider member, so that its width shows whether the patched calculator sized it.
  const pdfmake = await pdfmakeReady();
  const WIDER = 321;
  const probe = { width: 'auto', family: [] } as unknown as SizedColumn;
  probe.family!.push(probe, { width: 'auto', _minWidth: WIDER, _maxWidth: WIDER, _calcWidth: 0 });
  const document: unknown = await pdfmake
    .createPdf({
      defaultStyle: { font: fonts.body },
      content: [{ table: { widths: [probe as unknown as Size, '*'], body: [['probe', 'column']] } }],
    })
    .getStream();
  need(document instanceof (documentClass as unknown as new () => object), 'the PDFDocument class pdfmake prints with (pdfmake/js/PDFDocument.js, the one patched)', 'hookFonts');
  const laidOut = document as FontProvider;
  need(laidOut.provideFont === documentClass.prototype.provideFont, 'PDFDocument.prototype.provideFont as the method pdfmake asks for a face', 'hookFonts');
  need(Number.isFinite(probe._minWidth), "DocMeasure's measuring of a table width given as an object in place (_minWidth, _maxWidth)", 'familyColumn');
  need(probe._maxWidth === WIDER && Number.isFinite(probe._calcWidth), 'columnCalculator.buildColumnWidths as the function pdfmake sizes table columns with', 'keepColumnsOnPage');
  need(isObject(laidOut.fonts) && laidOut.fonts[fonts.body]?.normal === fontDictionary()[fonts.body]?.normal, 'PDFDocument.fonts (the file of each face by family and style)', 'hookFonts');
  need(isObject(laidOut.virtualfs) && isFunction(laidOut.virtualfs.existsSync, 1) && isFunction(laidOut.virtualfs.writeFileSync, 2), 'PDFDocument.virtualfs (existsSync, writeFileSync)', 'hookFonts');

  // The face pdfkit made for the document's text, and what fontkit hangs on it.
  const face: unknown = laidOut.provideFont(fonts.body, false, false);
  need(isObject(face), "PDFDocument.provideFont's result (pdfkit's EmbeddedFont)", 'hookFonts');
  const { layoutCache, font, subset } = face as Record<string, unknown>;
  need(isObject(layoutCache) && Object.keys(layoutCache).length > 0, "pdfkit's EmbeddedFont.layoutCache (the words it shaped, one entry per word)", 'the shared shaping cache of hookFonts');
  need(isObject(font) && isFunction(unpatched(font.layout), 5), "fontkit's font.layout(text, features, script, language, direction), as pdfkit's EmbeddedFont.font", 'leftToRight');
  need(isObject(subset) && Array.isArray(subset.glyphs) && isObject(subset.mapping), "fontkit's subset glyphs and mapping, as pdfkit's EmbeddedFont.subset", 'reuseSubsets');
  const faceData = isObject(subset) && isObject(subset.font) && isObject(subset.font.stream) ? subset.font.stream.buffer : undefined;
  need(faceData instanceof Uint8Array, "fontkit's subset.font.stream.buffer (the face's data)", 'reuseSubsets');
  const encode = unpatched((Object.getPrototypeOf(subset) as Partial<SubsetClass>).encode);
  need(isFunction(encode), "fontkit's subset class's encode()", 'reuseSubsets');
  need((encode as SubsetClass['encode']).call(subset as unknown as FontSubset) instanceof Uint8Array, "fontkit's subset encode() returning the font file", 'reuseSubsets');
}
