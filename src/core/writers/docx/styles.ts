// The paper's Word styles, built from its house style (style.ts `StyleTokens`) for each paper:
// the document defaults, the paragraph and character styles, the table styles, the numbering
// levels of lists, and the fonts the file embeds. Word's own style ids and names (Title, Heading1
// "heading 1", ListBullet "List Bullet", Caption "caption", FootnoteText "footnote text", …) so
// Word treats them as its built-in styles.

import {
  AlignmentType,
  BorderStyle,
  LevelFormat,
  LineRuleType,
  type ICharacterStyleOptions,
  type ILevelsOptions,
  type IParagraphStyleOptions,
  type IPropertiesOptions,
} from 'docx';
import { naturalLineOf, type FaceStyle, type FontRole } from '../fonts';
import { fonts, type StyleTokens, type Typeface, type TypeRole } from '../style';
import { trueTypeFont } from '../truetype';
import type { Face } from './text';
import { halfPoints, twips } from './units';

/** The styles of one paper, in its house style. */
export interface PaperStyles {
  paragraph: IParagraphStyleOptions[];
  character: ICharacterStyleOptions[];
  /** The table styles, as Word's XML: docx has no API for them. */
  tables: string;
  /** The numbering levels of bulleted and of numbered lists. */
  bullets: ILevelsOptions[];
  numbers: ILevelsOptions[];
}

/** The styles of a paper set in `style`. */
export function paperStyles(style: StyleTokens): PaperStyles {
  return {
    paragraph: paragraphStyles(style),
    character: characterStyles(style),
    tables: tableStylesXml(style),
    bullets: Array.from({ length: 9 }, (_, level) => listLevel(level, LevelFormat.BULLET, BULLETS[level % 3]!, style)),
    numbers: Array.from({ length: 9 }, (_, level) => {
      const format = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN][level % 3]!;
      return listLevel(level, format, `%${level + 1}.`, style);
    }),
  };
}

/** The scripts Word sets in a run's East Asian font, and in its complex-script font. */
const EAST_ASIAN = ['Han', 'Hiragana', 'Katakana', 'Hangul', 'Bopomofo'];
const COMPLEX = ['Arabic', 'Hebrew', 'Syriac', 'Thaana', 'Thai', 'Lao', 'Khmer', 'Devanagari', 'Bengali', 'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala', 'Tibetan', 'Myanmar', 'Mongolian'];

/** The name Word knows a typeface by. */
export const typefaceName = (typeface: Typeface): string => ('shipped' in typeface ? (typeface.shipped === 'body' ? fonts.body : fonts.heading) : typeface.house.name);

/**
 * A role's fonts as Word picks them per character: its typeface for Latin and the rest; the
 * house's fallback font (by name) for East Asian text, and for a complex script (Arabic,
 * Hebrew, Thai, …), where the style gives one.
 */
const fontOf = (role: TypeRole, style: StyleTokens) => {
  const name = typefaceName(style.typefaces[role]);
  const fallback = (scripts: string[]): string => style.typefaces.fallbacks.find((f) => scripts.includes(f.script))?.font.name ?? name;
  return { ascii: name, hAnsi: name, cs: fallback(COMPLEX), eastAsia: fallback(EAST_ASIAN) };
};
/**
 * Line spacing for a CSS-style line height (baseline to baseline, in font sizes; the tokens'
 * `leading`): Word's "multiple" spacing multiplies the font's own line instead, in 240ths.
 */
const lineSpacing = (lineHeight: number, role: TypeRole, style: StyleTokens) => ({
  line: Math.round((240 * lineHeight) / naturalLineOf(style.typefaces[role], 'word')),
  lineRule: LineRuleType.AUTO,
});

/**
 * The body text is set on the document defaults, not on Normal, so that a table style's header
 * colour is not overridden by every paragraph style based on Normal.
 */
export function documentRun(language: string, style: StyleTokens) {
  return { font: fontOf('body', style), size: halfPoints(style.body.size), color: style.body.colour, language: { value: language } };
}

function headingStyle(level: 1 | 2 | 3, style: StyleTokens): IParagraphStyleOptions {
  const heading = style.heading[`h${level}`];
  return {
    id: `Heading${level}`,
    name: `heading ${level}`,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { font: fontOf('headings', style), size: halfPoints(heading.size), bold: true, color: heading.colour },
    paragraph: {
      keepNext: true,
      keepLines: true,
      outlineLevel: level - 1,
      spacing: { before: twips(heading.before), after: twips(heading.after), ...lineSpacing(heading.leading, 'headings', style) },
    },
  };
}

function paragraphStyles(style: StyleTokens): IParagraphStyleOptions[] {
  const { body, secondary, cover, notes, lists, tables, keyFigures, marking } = style;
  return [
    {
      id: 'Normal',
      name: 'Normal',
      quickFormat: true,
      paragraph: { spacing: { after: twips(body.after), ...lineSpacing(body.leading, 'body', style) } },
    },
    {
      id: 'Title',
      name: 'Title',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { font: fontOf('headings', style), size: halfPoints(cover.title.size), bold: true, color: cover.title.colour },
      paragraph: { spacing: { before: twips(6), after: twips(4), ...lineSpacing(cover.title.leading, 'headings', style) } },
    },
    {
      id: 'Subtitle',
      name: 'Subtitle',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { font: fontOf('headings', style), size: halfPoints(cover.subtitle.size), color: cover.subtitle.colour },
      paragraph: { spacing: { after: twips(4), ...lineSpacing(cover.subtitle.leading, 'headings', style) } },
    },
    headingStyle(1, style),
    headingStyle(2, style),
    headingStyle(3, style),
    {
      id: 'CoverOrganisation',
      name: 'Cover Organisation',
      basedOn: 'Normal',
      next: 'Title',
      run: { font: fontOf('headings', style), size: halfPoints(secondary.size), color: secondary.colour, allCaps: true },
      paragraph: { spacing: { after: 0 } },
    },
    {
      id: 'CoverField',
      name: 'Cover Field',
      basedOn: 'Normal',
      run: { font: fontOf('headings', style) },
      paragraph: { spacing: { after: 0, ...lineSpacing(cover.field.leading, 'headings', style) } },
    },
    {
      id: 'ListBullet',
      name: 'List Bullet',
      basedOn: 'Normal',
      quickFormat: true,
      // A bullet is never split across pages.
      paragraph: { keepLines: true, numbering: { reference: BULLET_LIST, level: 0 }, spacing: { after: twips(lists.after) } },
    },
    {
      id: 'ListNumber',
      name: 'List Number',
      basedOn: 'Normal',
      quickFormat: true,
      // A bullet is never split across pages.
      paragraph: { keepLines: true, numbering: { reference: NUMBER_LIST, level: 0 }, spacing: { after: twips(lists.after) } },
    },
    {
      id: 'ListContinue',
      name: 'List Continue',
      basedOn: 'Normal',
      paragraph: { indent: { left: 360 }, spacing: { after: twips(lists.after) } },
    },
    {
      id: 'Quote',
      name: 'Quote',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { italics: true, color: secondary.colour },
      paragraph: {
        indent: { left: twips(12) },
        border: { left: { style: BorderStyle.SINGLE, size: 16, color: style.rule, space: 8 } },
      },
    },
    {
      id: 'Callout',
      name: 'Callout',
      basedOn: 'Normal',
      paragraph: { spacing: { after: twips(lists.after + 2) } },
    },
    {
      // Set as a level-3 heading, in the callouts' own colour.
      id: 'CalloutTitle',
      name: 'Callout Title',
      basedOn: 'Callout',
      next: 'Callout',
      run: { font: fontOf('headings', style), size: halfPoints(style.heading.h3.size), bold: true, color: style.callouts.title },
      paragraph: { keepNext: true, spacing: { after: twips(3), ...lineSpacing(style.heading.h3.leading, 'headings', style) } },
    },
    {
      id: 'TableText',
      name: 'Table Text',
      basedOn: 'Normal',
      run: { font: fontOf('tables', style), size: halfPoints(tables.text.size) },
      paragraph: { spacing: { before: 0, after: 0, ...lineSpacing(tables.text.leading, 'tables', style) } },
    },
    {
      id: 'TableHeading',
      name: 'Table Heading',
      basedOn: 'TableText',
      // No colour: the table style gives the header row its header text colour on the header fill.
      run: { bold: true },
      paragraph: { keepNext: true },
    },
    {
      id: 'KeyFigureValue',
      name: 'Key Figure Value',
      basedOn: 'Normal',
      next: 'KeyFigureLabel',
      run: { font: fontOf('headings', style), size: halfPoints(keyFigures.value.size), bold: true, color: keyFigures.value.colour },
      paragraph: { keepNext: true, spacing: { after: twips(2), ...lineSpacing(keyFigures.value.leading, 'headings', style) } },
    },
    {
      id: 'KeyFigureLabel',
      name: 'Key Figure Label',
      basedOn: 'Normal',
      run: { font: fontOf('headings', style), size: halfPoints(keyFigures.label.size), color: keyFigures.label.colour },
      paragraph: { spacing: { after: 0, ...lineSpacing(keyFigures.label.leading, 'headings', style) } },
    },
    {
      id: 'Figure',
      name: 'Figure',
      basedOn: 'Normal',
      next: 'Caption',
      paragraph: { keepNext: true, spacing: { before: twips(4), after: 0, line: 240, lineRule: LineRuleType.AUTO } },
    },
    {
      id: 'Caption',
      name: 'caption',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { font: fontOf('headings', style), size: halfPoints(secondary.size), color: secondary.colour, italics: false, bold: false },
      paragraph: { spacing: { before: twips(3), after: twips(style.blockAfter), ...lineSpacing(secondary.leading, 'headings', style) } },
    },
    {
      id: 'FootnoteText',
      name: 'footnote text',
      basedOn: 'Normal',
      link: 'FootnoteTextChar',
      run: { size: halfPoints(notes.size) },
      paragraph: { spacing: { after: 0, ...lineSpacing(notes.footnoteLeading, 'body', style) } },
    },
    {
      // The Sources list: secondary text, set as close as the notes.
      id: 'Bibliography',
      name: 'Bibliography',
      basedOn: 'Normal',
      run: { size: halfPoints(secondary.size) },
      paragraph: { spacing: { after: twips(3), ...lineSpacing(notes.leading, 'body', style) } },
    },
    {
      id: 'TOCHeading',
      name: 'TOC Heading',
      basedOn: 'Heading1',
      next: 'Normal',
      // Outline level 9 is body text: the heading of the contents is not listed in them.
      paragraph: { outlineLevel: 9 },
    },
    {
      id: 'Header',
      name: 'header',
      basedOn: 'Normal',
      run: { font: fontOf('headings', style), size: halfPoints(secondary.size), color: secondary.colour },
      paragraph: { spacing: { after: 0, ...lineSpacing(secondary.leading, 'headings', style) } },
    },
    {
      id: 'Footer',
      name: 'footer',
      basedOn: 'Header',
    },
    {
      id: 'Marking',
      name: 'Marking',
      basedOn: 'Header',
      link: 'MarkingChar',
      run: { size: halfPoints(marking.size), bold: true, color: marking.colour },
      paragraph: { alignment: AlignmentType.CENTER },
    },
    {
      id: 'Rule',
      name: 'Rule',
      basedOn: 'Normal',
      run: { size: 4 },
      paragraph: {
        border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: style.rule, space: 1 } },
        spacing: { before: twips(4), after: twips(style.blockAfter), line: 40, lineRule: LineRuleType.EXACT },
      },
    },
    {
      // A line that labels the list or table under it ("Points to make"): kept on its page.
      id: 'Label',
      name: 'Label',
      basedOn: 'Normal',
      next: 'Normal',
      paragraph: { keepNext: true, spacing: { after: twips(lists.after + 2) } },
    },
    {
      // Stands between two tables (Word would join them) or before a table that starts a page.
      id: 'TableGap',
      name: 'Table Gap',
      basedOn: 'Normal',
      run: { size: 4 },
      paragraph: { spacing: { before: 0, after: 0, line: twips(style.blockAfter), lineRule: LineRuleType.EXACT } },
    },
  ];
}

/**
 * The contents' entry styles, toc 1 to toc 3. The entries of the paper's sections (at `top`, the
 * level shared.ts `sectionLevel` finds) stand at the margin in bold; each level below indents.
 */
export function contentsStyles(top: 1 | 2 | 3, style: StyleTokens): IParagraphStyleOptions[] {
  return ([1, 2, 3] as const).map((level) => ({
    id: `TOC${level}`,
    name: `toc ${level}`,
    basedOn: 'Normal',
    next: 'Normal',
    run: { font: fontOf('headings', style), ...(level === top ? { bold: true } : {}) },
    paragraph: { indent: { left: twips(14 * Math.max(0, level - top)) }, spacing: { after: twips(2), ...lineSpacing(style.body.leading, 'headings', style) } },
  }));
}

/** Bold and italics as a paragraph style of `styles` sets them, through the styles it is based on. */
export function faceOf(paragraphStyle: string | undefined, styles: readonly IParagraphStyleOptions[]): Face {
  const face: Face = {};
  for (let id = paragraphStyle, depth = 0; id && depth < 10; depth++) {
    const found = styles.find((s) => s.id === id);
    if (!found) break;
    face.bold ??= found.run?.bold;
    face.italics ??= found.run?.italics;
    id = found.basedOn;
  }
  return face;
}

function characterStyles(style: StyleTokens): ICharacterStyleOptions[] {
  const { secondary, notes, marking } = style;
  return [
    { id: 'Strong', name: 'Strong', quickFormat: true, run: { bold: true } },
    { id: 'Emphasis', name: 'Emphasis', quickFormat: true, run: { italics: true } },
    { id: 'Hyperlink', name: 'Hyperlink', run: { color: style.links.colour, underline: { type: 'single' } } },
    { id: 'LinkTarget', name: 'Link Target', run: { size: halfPoints(secondary.size), color: secondary.colour } },
    { id: 'FootnoteReference', name: 'footnote reference', run: { superScript: true, color: notes.marker } },
    { id: 'FootnoteTextChar', name: 'Footnote Text Char', link: 'FootnoteText', run: { size: halfPoints(notes.size) } },
    // Code is shaded as a table's striped row is.
    { id: 'InlineCode', name: 'Inline Code', run: { font: fontOf('headings', style), shading: { fill: style.tables.stripe } } },
    {
      id: 'MarkingChar',
      name: 'Marking Char',
      link: 'Marking',
      run: { font: fontOf('headings', style), size: halfPoints(marking.size), bold: true, color: marking.colour },
    },
  ];
}

export const BULLET_LIST = 'brief-bullet';
export const NUMBER_LIST = 'brief-number';

/** Lists indent 18 pt per level, the marker hanging in the first 14 pt. */
export const listIndent = (level: number): number => twips(18 * (level + 1));
const listLevel = (level: number, format: ILevelsOptions['format'], text: string, style: StyleTokens): ILevelsOptions => ({
  level,
  format,
  text,
  alignment: AlignmentType.LEFT,
  style: {
    paragraph: { indent: { left: listIndent(level), hanging: twips(14) } },
    run: { color: style.lists.marker },
  },
});
/** Bullets from the Latin subset the file embeds, so that no machine draws them in another font. */
const BULLETS = ['•', '–', '·'];

/** docx has no API for table styles: these are Word's XML, written with the paper's tokens. */
const tableCellMargins = (top: number, right: number, bottom: number, left: number): string =>
  `<w:tblCellMar><w:top w:w="${twips(top)}" w:type="dxa"/><w:left w:w="${twips(left)}" w:type="dxa"/>` +
  `<w:bottom w:w="${twips(bottom)}" w:type="dxa"/><w:right w:w="${twips(right)}" w:type="dxa"/></w:tblCellMar>`;
const border = (side: string, value: string, eighths = 0, colour = 'auto'): string =>
  `<w:${side} w:val="${value}" w:sz="${eighths}" w:space="0" w:color="${colour}"/>`;
const shading = (fill: string): string => `<w:shd w:val="clear" w:color="auto" w:fill="${fill}"/>`;
const tableStyle = (id: string, name: string, body: string): string =>
  `<w:style w:type="table" w:styleId="${id}"><w:name w:val="${name}"/><w:uiPriority w:val="59"/>${body}</w:style>`;

function tableStylesXml(style: StyleTokens): string {
  const { tables, callouts } = style;
  const padding = tables.cellPadding;
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">',
    tableStyle(
      'BriefTable',
      'Brief Table',
      `<w:tblPr><w:tblBorders>${border('top', 'nil')}${border('left', 'nil')}` +
        `${border('bottom', 'single', 6, tables.rule)}${border('right', 'nil')}` +
        `${border('insideH', 'nil')}${border('insideV', 'nil')}</w:tblBorders>` +
        `${tableCellMargins(padding - 1, padding + 2, padding - 1, padding + 2)}</w:tblPr>` +
        `<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="${tables.headerText}"/></w:rPr>` +
        `<w:trPr><w:tblHeader/></w:trPr><w:tcPr>${shading(tables.headerFill)}</w:tcPr></w:tblStylePr>` +
        `<w:tblStylePr w:type="band2Horz"><w:tcPr>${shading(tables.stripe)}</w:tcPr></w:tblStylePr>`,
    ),
    tableStyle(
      'CalloutBox',
      'Callout Box',
      `<w:tblPr><w:tblBorders>${border('top', 'nil')}${border('left', 'single', 24, callouts.border)}` +
        `${border('bottom', 'nil')}${border('right', 'nil')}${border('insideH', 'nil')}${border('insideV', 'nil')}</w:tblBorders>` +
        `${tableCellMargins(8, 10, 4, 11)}</w:tblPr><w:tcPr>${shading(callouts.fill)}</w:tcPr>`,
    ),
    tableStyle(
      'KeyFigures',
      'Key Figures',
      // White rules between the tinted cells read as gutters (as in the PDF).
      `<w:tblPr><w:tblBorders>${border('top', 'nil')}${border('left', 'nil')}${border('bottom', 'nil')}${border('right', 'nil')}` +
        `${border('insideH', 'single', 48, 'FFFFFF')}${border('insideV', 'single', 48, 'FFFFFF')}</w:tblBorders>` +
        `${tableCellMargins(8, 9, 8, 9)}</w:tblPr>`,
    ),
    '</w:styles>',
  ].join('');
}

/**
 * The typefaces of the paper's roles travel inside the file (the four faces of a shipped family,
 * Latin only; the faces the house gives of its own fonts), so Word and LibreOffice show the paper as the PDF shows it on machines
 * that do not have them. Fallback fonts are named, not embedded: a whole Chinese font is tens of
 * megabytes, and a machine that reads the script has one.
 */
export function embeddedFonts(style: StyleTokens) {
  // docx declares a face's data a Node Buffer; it only slices the bytes (to obfuscate the file).
  const shipped = (role: FontRole, face: FaceStyle) => trueTypeFont(role, 'latin', face) as FontData;
  const embedded = new Map<string, { data: FontData; bold?: FontData; italic?: FontData; boldItalic?: FontData }>();
  for (const typeface of [style.typefaces.body, style.typefaces.headings, style.typefaces.tables]) {
    const name = typefaceName(typeface);
    if (embedded.has(name)) continue;
    if ('shipped' in typeface) {
      const role = typeface.shipped;
      embedded.set(name, { data: shipped(role, 'normal'), bold: shipped(role, 'bold'), italic: shipped(role, 'italics'), boldItalic: shipped(role, 'bolditalics') });
    } else {
      // Only the faces the house gives: Word makes the bold and italic of a regular face itself,
      // where a copy of the regular file in each place would multiply the file's size.
      const { normal, bold, italics, bolditalics } = typeface.house.faces;
      const face = (bytes: Uint8Array) => bytes as FontData;
      embedded.set(name, { data: face(normal), ...(bold ? { bold: face(bold) } : {}), ...(italics ? { italic: face(italics) } : {}), ...(bolditalics ? { boldItalic: face(bolditalics) } : {}) });
    }
  }
  return [...embedded].map(([name, faces]) => ({ name, ...faces }));
}

/** A face's bytes as docx's font options type them. */
type FontData = NonNullable<IPropertiesOptions['fonts']>[number]['data'];
