// The one set of style tokens every writer reads, so that the preview, the PDF and the DOCX
// look like one product: a serif for reading, a sans for headings and tables, sober colours.
// Sizes are in points, spacing in points, colours as 6-digit hex without '#'.

export const fonts = {
  /** Body text: Source Serif 4, shipped with the app (see fonts.ts). */
  body: 'Source Serif 4',
  /** Headings, tables, header/footer, cover fields: Source Sans 3. */
  heading: 'Source Sans 3',
  /** Fallbacks named in DOCX and HTML for machines without the shipped fonts. */
  bodyFallback: 'Georgia',
  headingFallback: 'Arial',
} as const;

export const sizes = {
  body: 10.5,
  small: 8.5,
  note: 8,
  title: 22,
  subtitle: 13,
  h1: 15,
  h2: 12.5,
  h3: 11,
  table: 9.5,
  keyFigureValue: 17,
  keyFigureLabel: 8.5,
  marking: 8.5,
  lineHeight: 1.3,
} as const;

export const colours = {
  text: '1a1a1a',
  muted: '5a5f66',
  accent: '1f3a5f',
  rule: 'b8c0cc',
  tableHeaderFill: '1f3a5f',
  tableHeaderText: 'ffffff',
  tableStripe: 'f1f4f8',
  calloutFill: 'eef2f7',
  calloutBorder: '1f3a5f',
  marking: '8b1a1a',
  forecast: '8a95a5',
  chartBar: '1f3a5f',
} as const;

/**
 * What each use of colour is, one token per use: the writers ask for the use (a level-1 heading,
 * a note marker, a link), never for a swatch, so that a house style can give headings one colour
 * and links another by changing one token here. Today most uses share the accent.
 */
export const ink = {
  /** Headings by level: h1 and h2 in the accent, h3 in the text colour. */
  heading: { h1: colours.accent, h2: colours.accent, h3: colours.text },
  /** The cover's title and the rules above and below the cover. */
  coverTitle: colours.accent,
  coverRule: colours.accent,
  /** A link's text, and the number that points at a note. */
  link: colours.accent,
  noteMarker: colours.accent,
  /** Bullets and numbers of lists. */
  listMarker: colours.accent,
  /** A callout's title, and a key figure's value. */
  calloutTitle: colours.accent,
  keyFigureValue: colours.accent,
} as const;

export const spacing = {
  paragraphAfter: 6,
  headingBefore: { h1: 16, h2: 12, h3: 9 },
  headingAfter: { h1: 6, h2: 4, h3: 3 },
  listItemAfter: 2,
  tableCellPadding: 4,
  blockAfter: 10,
} as const;

/** Page sizes in points (1 mm = 72 / 25.4 pt). */
export const pageSizes = {
  A4: { width: 595.28, height: 841.89 },
  LETTER: { width: 612, height: 792 },
} as const;

export const mmToPt = (mm: number): number => (mm * 72) / 25.4;

/** Words the writers print, in one place so every format says the same. */
export const labels = {
  contents: 'Contents',
  sources: 'Sources',
  notes: 'Notes',
  page: (n: number, of: number): string => `Page ${n} of ${of}`,
} as const;

/** Key figures per row: 2–4, evened out (5 figures are 3 + 2, not 4 + 1). */
export const keyFiguresPerRow = (count: number): number =>
  count <= 4 ? Math.max(2, count) : Math.ceil(count / Math.ceil(count / 4));

/**
 * Line heights of the other kinds of text, like `sizes.lineHeight`: baseline to baseline as a
 * multiple of the font size (CSS semantics). pdfmake and Word multiply instead the font's own
 * line height (see fonts.ts `naturalLineHeight`), so their writers divide by it.
 */
export const leading = {
  heading: 1.15,
  title: 1.1,
  coverField: 1.35,
  table: 1.15,
  keyFigureValue: 1.05,
  small: 1.2,
  notes: 1.25,
  /** Footnotes at the foot of a page (DOCX): set close, as Word's own Footnote Text is. */
  footnotes: 1.15,
} as const;

/** A table of contents is printed only in documents longer than this many pages. */
export const tocMinPages = 3;
