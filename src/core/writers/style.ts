// The style every writer reads, so that the preview, the PDF and the DOCX look like one product:
// a serif for reading, a sans for headings and tables, sober colours. The tokens by use are
// `StyleTokens`; `houseStyle` is the one briefwright ships.

import type { ReferenceDocument } from './docx/reference';

export const fonts = {
  /** Body text: Source Serif 4, shipped with the app (see fonts.ts). */
  body: 'Source Serif 4',
  /** Headings, tables, header/footer, cover fields: Source Sans 3. */
  heading: 'Source Sans 3',
  /** Fallbacks named in DOCX and HTML for machines without the shipped fonts. */
  bodyFallback: 'Georgia',
  headingFallback: 'Arial',
} as const;

/** A kind of text: its size in points, its line height (baseline to baseline, as a multiple of the size, CSS's sense) and its colour. */
export interface TextTokens {
  size: number;
  leading: number;
  colour: string;
}

/** A level of heading: its text, and the space above and below it in points. */
export interface HeadingTokens extends TextTokens {
  before: number;
  after: number;
}

/**
 * The house style: every size, colour and space the writers use, named by what it is for (a
 * level-1 heading, a note, a table's header row, the handling marking), never by how it looks.
 * All three writers and the charts read one of these (`WriterOptions.style`, `houseStyle` when
 * none is given), so a change here — or a user's house style in its place — changes the PDF,
 * the DOCX, the HTML and the preview alike. Sizes and spaces in points; colours as 6-digit hex
 * without '#'; line heights as multiples of the size (pdfmake and Word multiply the font's own
 * line height instead, see fonts.ts `naturalLineHeight`, so their writers divide by it).
 */
export interface StyleTokens {
  /** Reading text: paragraphs, list items, the cover's fields; `after` is the space after a paragraph. */
  body: TextTokens & { after: number };
  /** Text about the text: captions, sources, running header and footer, contents page numbers, a quote. */
  secondary: TextTokens;
  heading: { h1: HeadingTokens; h2: HeadingTokens; h3: HeadingTokens };
  cover: { title: TextTokens; subtitle: TextTokens; field: { leading: number }; rule: string };
  /** Notes: the numbered list of a paper's notes, and (DOCX) footnotes at the foot of the page, set closer. */
  notes: TextTokens & { footnoteLeading: number; marker: string };
  lists: { after: number; marker: string };
  links: { colour: string };
  tables: {
    /** Cell text takes the colour of what holds the table (the body's, a quote's). */
    text: { size: number; leading: number };
    cellPadding: number;
    headerFill: string;
    headerText: string;
    stripe: string;
    rule: string;
  };
  /** The handling marking (OFFICIAL, …): its text, and whether it prints in the running header, the footer or both. */
  marking: TextTokens & { position: MarkingPosition };
  /**
   * The organisation's logo: its height in points at the head of the cover and in the running
   * header (its width follows its proportions), and the picture itself when the house style
   * gives one (none in briefwright's own).
   */
  logo: { coverHeight: number; headerHeight: number; image?: LogoImage };
  /** The organisation's Word template, whose styles the DOCX takes (docx/reference.ts), when a workspace layer has one. */
  reference?: ReferenceDocument;
  callouts: { fill: string; border: string; title: string };
  keyFigures: { value: TextTokens; label: TextTokens; fill: string };
  /** Forecasts, plans and estimates in charts and tables, set apart from outcomes. */
  charts: { bar: string; unrealised: string; text: string; secondary: string; rule: string };
  /**
   * The typeface of each role (body: reading text and notes; headings: headings, the cover, the
   * running header and footer, captions, callouts and key figures; tables: table cells) and the
   * fallback fonts by script, for characters a role's typeface cannot draw.
   */
  typefaces: Typefaces;
  /** Rules between parts and under the header. */
  rule: string;
  /** The space after a block (table, chart, callout). */
  blockAfter: number;
}

/** Where the handling marking prints on every page (style.yaml `marking-position`). */
export const MARKING_POSITIONS = ['both', 'header', 'footer'] as const;
export type MarkingPosition = (typeof MARKING_POSITIONS)[number];

/** Where the logo goes (style.yaml `logo.placement`): at the head of the cover, or small in every page's running header. */
export const LOGO_PLACEMENTS = ['cover', 'header'] as const;
export type LogoPlacement = (typeof LOGO_PLACEMENTS)[number];

/**
 * A logo the house style gives, checked (workspace/logo.ts): a PNG, or an SVG that references
 * nothing outside itself; its natural size in pixels (an SVG's viewBox or width and height), for
 * its proportions; and the words that stand for it where it cannot be seen.
 */
export interface LogoImage {
  kind: 'png' | 'svg';
  bytes: Uint8Array;
  widthPx: number;
  heightPx: number;
  placement: LogoPlacement;
  alt: string;
}

/** The typefaces of a paper's three roles and its fallback fonts (style.yaml `fonts:`). */
export interface Typefaces {
  body: Typeface;
  headings: Typeface;
  tables: Typeface;
  /** In the order a writer tries them: a character goes to the first that draws it, of its own script first. */
  fallbacks: FallbackFont[];
}

/** The roles a typeface is set for. */
export type TypeRole = keyof Omit<Typefaces, 'fallbacks'>;

/** A role's typeface: one of the shipped families (`body`, Source Serif 4; `heading`, Source Sans 3), or a house font from the workspace. */
export type Typeface = { shipped: 'body' | 'heading' } | { house: HouseFont };

/**
 * A font from the workspace's files (TrueType or OpenType), as read and checked
 * (workspace/font-style.ts): its own family name, its faces' bytes (the regular one always;
 * a bold or italic face the house does not give is set in the regular one), its line set
 * solid and the code points its regular face draws (sorted inclusive ranges, flattened).
 */
export interface HouseFont {
  name: string;
  faces: { normal: Uint8Array; bold?: Uint8Array; italics?: Uint8Array; bolditalics?: Uint8Array };
  /** Its line set solid in ems, as pdfkit sets lines and as a word processor does (truetype.ts `FontFileFacts`). */
  lineHeight: { pdf: number; word: number };
  coverage: number[];
  /** The file of its regular face as the settings show it. */
  file: string;
}

/** A font for the characters of one script (a Unicode script name, or `emoji`) that a role's typeface cannot draw. */
export interface FallbackFont {
  script: string;
  font: HouseFont;
}

/** briefwright's own typefaces: Source Serif 4 for reading, Source Sans 3 for headings and tables; no fallbacks. */
export const shippedTypefaces: Typefaces = {
  body: { shipped: 'body' },
  headings: { shipped: 'heading' },
  tables: { shipped: 'heading' },
  fallbacks: [],
};

const accent = '1f3a5f';
const text = '1a1a1a';
const muted = '5a5f66';
const hairline = 'b8c0cc';

/** The house style briefwright ships: sober colours, one accent (a dark blue) for headings, links and markers. */
export const houseStyle: StyleTokens = {
  body: { size: 10.5, leading: 1.3, colour: text, after: 6 },
  secondary: { size: 8.5, leading: 1.2, colour: muted },
  heading: {
    h1: { size: 15, leading: 1.15, colour: accent, before: 16, after: 6 },
    h2: { size: 12.5, leading: 1.15, colour: accent, before: 12, after: 4 },
    h3: { size: 11, leading: 1.15, colour: text, before: 9, after: 3 },
  },
  cover: {
    title: { size: 22, leading: 1.1, colour: accent },
    subtitle: { size: 13, leading: 1.15, colour: muted },
    field: { leading: 1.35 },
    rule: accent,
  },
  notes: { size: 8, leading: 1.25, colour: text, footnoteLeading: 1.15, marker: accent },
  lists: { after: 2, marker: accent },
  links: { colour: accent },
  tables: {
    text: { size: 9.5, leading: 1.15 },
    cellPadding: 4,
    headerFill: accent,
    headerText: 'ffffff',
    stripe: 'f1f4f8',
    rule: hairline,
  },
  marking: { size: 8.5, leading: 1.2, colour: '8b1a1a', position: 'both' },
  // 17 mm on the cover, about 7 mm in the running header.
  logo: { coverHeight: 48, headerHeight: 20 },
  callouts: { fill: 'eef2f7', border: accent, title: accent },
  keyFigures: { value: { size: 17, leading: 1.05, colour: accent }, label: { size: 8.5, leading: 1.2, colour: muted }, fill: 'eef2f7' },
  charts: { bar: accent, unrealised: '8a95a5', text, secondary: muted, rule: hairline },
  typefaces: shippedTypefaces,
  rule: hairline,
  blockAfter: 10,
};

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

/** A table of contents is printed only in documents longer than this many pages. */
export const tocMinPages = 3;
