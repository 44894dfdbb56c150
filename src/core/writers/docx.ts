// The DOCX writer: a Document as a Word file made of real Word styles (Title, Heading 1–3,
// List Bullet, Strong, Caption, …) so a user can restyle it in Word, with citations as real
// footnotes (a source in full the first time, in short after), the handling marking in the
// header and footer, and charts as PNG pictures with alt text.
// One pure function per block and inline type; the style definitions follow them.

import {
  AlignmentType,
  BorderStyle,
  Document as WordDocument,
  ExternalHyperlink,
  Footer,
  FootnoteReferenceRun,
  Header,
  ImageRun,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Tab,
  TableLayoutType,
  TabStopType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type ICharacterStyleOptions,
  type ILevelsOptions,
  type IParagraphOptions,
  type IParagraphStyleOptions,
  type IPropertiesOptions,
  type IRunOptions,
  type PageNumberEstimator,
  type ParagraphChild,
} from 'docx';
import { renderChartPngs, type ChartPicture } from '../charts/raster';
import { chartAltText } from '../charts/svg';
import type { Align, Block, Chart, Document, Inline, KeyFigure, Note, TableCell as ModelCell } from '../document/model';
import { faceStyles, naturalLineHeight, type FaceStyle, type FontRole } from './fonts';
import { checkXmlParts } from './package-check';
import {
  chartsOf,
  columnFits,
  footerTitle,
  headingWidths,
  hasToc,
  isLabel,
  plainText,
  printableText,
  printsHere,
  sectionLevel,
  shortReference,
  tableFamily,
  type WriterOptions,
} from './shared';
import { colours, fonts, houseStyle, ink, keyFiguresPerRow, labels, leading, mmToPt, pageSizes, sizes, spacing } from './style';
import { trueTypeFont } from './truetype';

/** What the DOCX writer is told: the pipeline's decision whether the contents print is not optional. */
export type DocxOptions = WriterOptions & { toc: boolean };

/**
 * Renders a Document as the bytes of a .docx file.
 *
 * Whether the table of contents prints is the pipeline's decision (`options.toc`, by the contents
 * rule every format follows: write.ts), which the writer follows. A document whose table of
 * contents prints is laid out as Word would lay it out, and the contents' page numbers and the
 * footer's page count are written from that layout, so that the contents show their pages on
 * opening, in Word (which still refreshes the field) and in applications that never update fields
 * (LibreOffice). The layout costs many times more than writing the file, so a document without
 * contents is written without it.
 */
export async function renderDocx(doc: Document, options: DocxOptions): Promise<Uint8Array> {
  const withToc = options.toc && hasToc(doc);
  // The chart pictures are made first, side by side off the main thread.
  // Meanwhile, the main thread loads what lays the pages out, if they will be.
  const charts = chartsOf(doc);
  const [drawn, pageNumbers] = await Promise.all([renderChartPngs(charts, textWidth(doc)), withToc ? pageEstimator() : undefined]);
  const pictures = new Map(charts.map((chart, i) => [chart, drawn[i]!]));
  return checked(await pack(doc, { withToc, pictures }, pageNumbers));
}

/** The file, once every XML part of it is one Word and LibreOffice will read (package-check.ts). */
function checked(bytes: Uint8Array): Uint8Array {
  checkXmlParts(bytes, 'DOCX');
  return bytes;
}

interface RenderOptions {
  withToc: boolean;
  /** The picture of each of the document's charts. */
  pictures: ReadonlyMap<Chart, ChartPicture>;
}

/**
 * Builds and packs the file. With `pageNumbers`, docx lays the pages out as Word would while
 * packing, measuring text with the shipped fonts, to write the page numbers of the table of
 * contents and the "of Y" of the footer, so they are right before Word or LibreOffice updates the
 * fields.
 */
async function pack(doc: Document, options: RenderOptions, pageNumbers: PageNumberEstimator | undefined): Promise<Uint8Array> {
  const file = wordDocument(doc, createContext(doc, options), pageNumbers);
  // docx stamps the core properties with the time of writing; ours carry the document's own.
  const bytes = await Packer.toArrayBuffer(file, false, [
    { path: 'docProps/core.xml', data: corePropertiesXml(doc) },
    { path: 'docProps/app.xml', data: appPropertiesXml(doc) },
  ]);
  return new Uint8Array(bytes);
}

function wordDocument(doc: Document, ctx: Context, pageNumbers: PageNumberEstimator | undefined): WordDocument {
  const level = sectionLevel(doc);
  return new WordDocument({
    // The handling marking travels with the file, beside the header and footer that print it:
    // a records system or a mail gateway reads it from the document's custom properties.
    ...(doc.meta.marking ? { customProperties: [{ name: 'Marking', value: clean(doc.meta.marking) }] } : {}),
    styles: {
      default: { document: { run: documentRun(doc.meta.language), paragraph: { spacing: { after: pt(spacing.paragraphAfter) } } } },
      paragraphStyles: [...PARAGRAPH_STYLES, ...contentsStyles(level)],
      characterStyles: CHARACTER_STYLES,
    },
    // docx has no API for table styles, so they come in as an "external" styles.xml; given as
    // importedStyles instead, they would silently replace docx's document defaults.
    externalStyles: TABLE_STYLES_XML,
    numbering: {
      config: [
        { reference: BULLET_LIST, levels: BULLET_LEVELS },
        { reference: NUMBER_LIST, levels: NUMBER_LEVELS },
      ],
    },
    fonts: embeddedFonts(),
    ...(pageNumbers ? { pageNumbers } : {}),
    // Word lays the pages out with the fonts it has, so it refreshes the contents on opening.
    ...(ctx.withToc ? { features: { updateFields: true } } : {}),
    sections: [
      {
        properties: sectionProperties(doc),
        ...(doc.meta.marking ? { headers: { default: pageHeader(doc.meta.marking) } } : {}),
        footers: { default: pageFooter(doc, ctx) },
        children: blocks(doc.blocks, ctx),
      },
    ],
  });
}

/**
 * The shipped fonts travel inside the file (Latin, the four faces of each family), so Word and
 * LibreOffice show the paper as the PDF shows it on machines that do not have them.
 */
function embeddedFonts() {
  // docx declares a face's data a Node Buffer; it only slices the bytes (to obfuscate the file).
  const face = (role: FontRole, style: FaceStyle) => trueTypeFont(role, 'latin', style) as FontData;
  const faces = (role: FontRole) => ({
    data: face(role, 'normal'),
    bold: face(role, 'bold'),
    italic: face(role, 'italics'),
    boldItalic: face(role, 'bolditalics'),
  });
  return [
    { name: fonts.body, ...faces('body') },
    { name: fonts.heading, ...faces('heading') },
  ];
}

/** A face's bytes as docx's font options type them. */
type FontData = NonNullable<IPropertiesOptions['fonts']>[number]['data'];

let estimator: Promise<PageNumberEstimator> | undefined;

/**
 * docx's layout, measuring text with the shipped fonts (Latin; other scripts are estimated).
 * Loaded only when a document is laid out (its contents print): it is a large module most exports
 * never need.
 */
function pageEstimator(): Promise<PageNumberEstimator> {
  estimator ??= import('docx/layout').then(({ estimatePageNumbersWith }) =>
    estimatePageNumbersWith({
      fonts: (['body', 'heading'] as const).flatMap((role) =>
        faceStyles.map((style) => ({ data: trueTypeFont(role, 'latin', style), name: role === 'body' ? fonts.body : fonts.heading })),
      ),
      guess: true,
    }),
  );
  return estimator;
}

// ---------------------------------------------------------------------------------------------
// Context: what the block functions need to know about the whole document.

interface Context {
  doc: Document;
  /** Whether the toc block, where there is one, is rendered. */
  withToc: boolean;
  /** Width of the text block in points. */
  width: number;
  /** A fresh list instance, so that each ordered list counts from 1. */
  nextListInstance: () => number;
  /** The picture of a chart of the document. */
  picture: (chart: Chart) => ChartPicture;
  /**
   * The text of the footnote of a citation, in the order the file holds them: who it quotes, then
   * the full reference the first time its source is cited, its short form after.
   */
  noteText: (note: Note, speaker: string | undefined) => string;
}

function createContext(doc: Document, { withToc, pictures }: RenderOptions): Context {
  let instance = 0;
  const cited = new Set<string>();
  return {
    doc,
    withToc,
    width: textWidth(doc),
    nextListInstance: () => ++instance,
    noteText: (note, speaker) => {
      const quoted = speaker ? `${speaker}, quoted in ` : '';
      if (cited.has(note.sourceId)) return quoted + shortReference(note.text);
      cited.add(note.sourceId);
      return quoted + note.text;
    },
    picture: (chart) => {
      const picture = pictures.get(chart);
      if (!picture) throw new Error(`the chart "${chart.title}" was not drawn before the file was built`);
      return picture;
    },
  };
}

/** The width of the text between the margins, in points: a chart's width. */
function textWidth(doc: Document): number {
  return pageWidth(doc) - mmToPt(doc.page.margins.left) - mmToPt(doc.page.margins.right);
}

/** What a container tells the blocks inside it. */
interface Lead {
  /** Paragraph style for plain paragraphs (a quote's, a callout's). */
  style?: string;
  /** The block's first paragraph starts a new page (it follows a pageBreak block). */
  pageBreakBefore?: boolean;
  /** The block follows a table: its first paragraph keeps the gap a table cannot hold. */
  afterTable?: boolean;
  /** The paragraph labels the list or table under it (shared.ts `isLabel`). */
  label?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Blocks.

function blocks(list: readonly Block[], ctx: Context, lead: Lead = {}): FileChild[] {
  const out: FileChild[] = [];
  let pageBreakBefore = false;
  list.forEach((b, i) => {
    if (b.type === 'pageBreak') {
      // A break before anything, or at the very end, would print an empty page.
      pageBreakBefore = out.length > 0;
      return;
    }
    const previous = out[out.length - 1];
    const label = lead.style === undefined && isLabel(b, list[i + 1]);
    const rendered = block(b, ctx, { style: lead.style, pageBreakBefore, afterTable: previous instanceof Table, label });
    const first = rendered[0];
    if (!first) return;
    // Word draws two tables with nothing between them as one table, and a table cannot start
    // a page by itself: in both cases a paragraph has to stand between.
    if (first instanceof Table && (previous instanceof Table || pageBreakBefore)) {
      out.push(new Paragraph({ style: 'TableGap', pageBreakBefore, children: [] }));
    }
    pageBreakBefore = false;
    out.push(...rendered);
  });
  return out;
}

function block(b: Block, ctx: Context, lead: Lead): FileChild[] {
  switch (b.type) {
    case 'heading':
      return heading(b.level, b.children, ctx, lead);
    case 'paragraph':
      return paragraph(b.children, ctx, lead);
    case 'list':
      return list(b.ordered, b.items, ctx, lead, 0, true);
    case 'table':
      return [table(b.align, b.header, b.rows, ctx)];
    case 'blockquote':
      return blocks(b.children, ctx, { ...lead, style: 'Quote' });
    case 'callout':
      return callout(b.title, b.children, ctx);
    case 'cover':
      return cover(b.children, ctx, lead);
    case 'keyFigures':
      return keyFigures(b.items, ctx);
    case 'chart':
      return chart(b.chart, ctx, lead);
    case 'rule':
      return [new Paragraph({ style: 'Rule', ...leadOptions(lead), children: [] })];
    case 'toc':
      return ctx.withToc && printsHere(ctx.doc, b) ? toc(lead) : [];
    case 'sources':
      return printsHere(ctx.doc, b) ? sources(ctx, lead) : [];
    case 'pageBreak':
      return [];
  }
}

/** The options the first paragraph of a block takes from its lead. */
function leadOptions(lead: Lead): Pick<IParagraphOptions, 'pageBreakBefore' | 'spacing'> {
  return {
    ...(lead.pageBreakBefore ? { pageBreakBefore: true } : {}),
    ...(lead.afterTable ? { spacing: { before: pt(spacing.blockAfter) } } : {}),
  };
}

function heading(level: 1 | 2 | 3, children: Inline[], ctx: Context, lead: Lead): Paragraph[] {
  if (!hasText(children)) return [];
  // Headings keep their own space before, which is already more than a table's gap.
  const style = `Heading${level}`;
  return [new Paragraph({ style, pageBreakBefore: lead.pageBreakBefore, children: inlines(children, ctx, inStyle(style)) })];
}

function paragraph(children: Inline[], ctx: Context, lead: Lead): Paragraph[] {
  if (!hasText(children)) return [];
  // A label above a list or table is a paragraph style of its own, kept with what it labels.
  const style = lead.label ? 'Label' : lead.style;
  // No line of a paragraph left alone at the foot or the head of a page.
  return [new Paragraph({ style, widowControl: true, ...leadOptions(lead), children: inlines(children, ctx, inStyle(style)) })];
}

const BULLET_LIST = 'brief-bullet';
const NUMBER_LIST = 'brief-number';

/**
 * A list as numbered paragraphs in the List Bullet / List Number styles, nested by numbering
 * level. `last` marks the list that ends its top-level list, whose last paragraph takes the
 * space after the whole list.
 */
function list(ordered: boolean, items: Block[][], ctx: Context, lead: Lead, level: number, last: boolean): FileChild[] {
  const reference = ordered ? NUMBER_LIST : BULLET_LIST;
  const instance = ordered ? ctx.nextListInstance() : undefined;
  const out: FileChild[] = [];
  items.forEach((item, i) => {
    let numbered = false;
    item.forEach((b, j) => {
      const lastOfAll = last && i === items.length - 1 && j === item.length - 1;
      const first = out.length === 0 ? lead : {};
      if (b.type === 'list') {
        out.push(...list(b.ordered, b.items, ctx, first, Math.min(level + 1, 8), lastOfAll));
      } else if (b.type === 'paragraph' && hasText(b.children)) {
        const options = leadOptions(first);
        const spacingAfter = lastOfAll ? { spacing: { ...options.spacing, after: pt(spacing.paragraphAfter) } } : {};
        // A label inside an item ("Supporting figures") over the item's own list is kept with it.
        const label = numbered && isLabel(b, item[j + 1]);
        out.push(
          new Paragraph({
            ...options,
            ...spacingAfter,
            // The first paragraph of an item carries its bullet; the others line up with its text.
            ...(numbered
              ? { style: label ? 'Label' : 'ListContinue', indent: { left: listIndent(level) } }
              : {
                  style: ordered ? 'ListNumber' : 'ListBullet',
                  numbering: { reference, level, ...(instance === undefined ? {} : { instance }), custom: true },
                }),
            children: inlines(b.children, ctx),
          }),
        );
        numbered = true;
      } else {
        out.push(...block(b, ctx, first));
      }
    });
  });
  return out;
}

function table(align: Align[], header: ModelCell[], rows: ModelCell[][], ctx: Context): Table {
  const columns = Math.max(header.length, ...rows.map((r) => r.length), 1);
  // Tables under the same header are sized alike, so their columns line up from one to the next.
  const widths = columnWidths(header, tableFamily(ctx.doc, { header, rows }).rows, align, columns, ctx.width);
  // A table breaks between rows as the PDF's does, but never leaves its header with fewer than
  // two rows, nor its last row alone on a page; a table of a few rows moves to the next page
  // whole. (Kept together whole, a dozen-row table dragged the heading and callout above it to
  // the next page in LibreOffice, leaving most of a page blank.)
  const keepsNext = (index: number): boolean => (rows.length <= FEW_ROWS ? index < rows.length - 1 : index === 0 || index === rows.length - 2);
  const row = (cells: ModelCell[], style: 'TableHeading' | 'TableText', isHeader: boolean, index = 0): TableRow =>
    new TableRow({
      tableHeader: isHeader,
      cantSplit: true,
      keepNext: isHeader || keepsNext(index),
      children: widths.map(
        (width, i) =>
          new TableCell({
            width: { size: width, type: WidthType.DXA },
            children: [new Paragraph({ style, alignment: alignment(align[i] ?? null), children: inlines(cells[i]?.children ?? [], ctx, inStyle(style)) })],
          }),
      ),
    });
  return new Table({
    style: 'BriefTable',
    width: { size: twips(ctx.width), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    tableLook: { firstRow: header.length > 0, lastRow: false, firstColumn: false, lastColumn: false, noHBand: false, noVBand: true },
    rows: [...(header.length > 0 ? [row(header, 'TableHeading', true)] : []), ...rows.map((r, i) => row(r, 'TableText', false, i))],
  });
}

/** Rows a table may have and still move to the next page whole rather than break. */
const FEW_ROWS = 4;

/**
 * Grid widths in twips: columns that fit their content (years, figures) get its width, the
 * others share the rest of the line by how much text they hold, each at least its longest word
 * (see shared.ts `columnFits`; the PDF writer shares a line the same way). Text is measured with
 * the widths of the embedded table font, a tenth over for Word's own spacing and a cell's note
 * number, so that a year or a figure stays on its line.
 */
function columnWidths(header: readonly ModelCell[], rows: readonly (readonly ModelCell[])[], align: readonly Align[], columns: number, width: number): number[] {
  const fits = columnFits(header, rows, align);
  const { cell: cellWidth, heading: headingWidth } = tableTextWidths();
  const measure = (cells: readonly ModelCell[], i: number, ems: (text: string) => number) => {
    const text = plainText(cells[i]?.children ?? []);
    const cited = cells[i]?.children.some((c) => c.type === 'cite') ? NOTE_NUMBER : 0;
    return { whole: ems(text) * sizes.table * 1.1 + cited, word: Math.max(0, ...text.split(/\s+/).map((w) => ems(w) * sizes.table * 1.1)) };
  };
  const measured = Array.from({ length: columns }, (_, i) => [measure(header, i, headingWidth), ...rows.map((r) => measure(r, i, cellWidth))]);
  const padding = 2 * (spacing.tableCellPadding + 2) + 4;
  // Past this, a fitted column wraps rather than crowd the others.
  const most = 40 * sizes.table * 0.5;
  const natural = measured.map((column) => Math.min(Math.max(0, ...column.map((m) => m.whole)), most) + padding);
  const fill = (i: number): boolean => fits[i] !== 'fit';
  const fitted = natural.reduce((sum, w, i) => (fill(i) ? sum : sum + w), 0);
  const filling = natural.map((_, i) => i).filter(fill);
  // A shared column gets at least its longest word, and a part of the rest by what more it holds.
  const least = measured.map((column) => Math.min(Math.max(0, ...column.map((m) => m.word)), most) + padding);
  const more = measured.map((column, i) => Math.max(0, Math.max(0, ...column.map((m) => m.whole)) + padding - least[i]!));
  const spare = width - fitted - filling.reduce((sum, i) => sum + least[i]!, 0);
  const wants = filling.reduce((sum, i) => sum + more[i]!, 0);
  const shared = (i: number) => least[i]! + (wants > 0 ? (spare * more[i]!) / wants : spare / filling.length);
  const points =
    spare >= 0
      ? natural.map((w, i) => (fill(i) ? shared(i) : w))
      : natural.map((w) => (w * width) / natural.reduce((a, b) => a + b, 0));
  const result = points.map((w) => twips(w));
  // Rounding must not make the grid wider or narrower than the table.
  const widest = result.indexOf(Math.max(...result));
  result[widest] = (result[widest] ?? 0) + twips(width) - result.reduce((a, b) => a + b, 0);
  return result;
}

/** Room for a footnote number after a cell's text, in points. */
const NOTE_NUMBER = 6;

/** Text widths, in ems, in the faces of the Table Text and Table Heading styles. */
function tableTextWidths(): { cell: (text: string) => number; heading: (text: string) => number } {
  const { normal, bold } = headingWidths();
  return { cell: normal, heading: bold };
}

/** A callout is a one-cell table, the one box Word and LibreOffice both draw around anything. */
function callout(title: Inline[], children: Block[], ctx: Context): FileChild[] {
  const content = [
    ...(hasText(title) ? [new Paragraph({ style: 'CalloutTitle', children: inlines(title, ctx, inStyle('CalloutTitle')) })] : []),
    ...cellContent(blocks(children, ctx, { style: 'Callout' })),
  ];
  if (content.length === 0) return [];
  return [
    new Table({
      style: 'CalloutBox',
      width: { size: twips(ctx.width), type: WidthType.DXA },
      columnWidths: [twips(ctx.width)],
      layout: TableLayoutType.FIXED,
      rows: [new TableRow({ children: [new TableCell({ width: { size: twips(ctx.width), type: WidthType.DXA }, children: withClosingParagraph(content) })] })],
    }),
  ];
}

/** Only paragraphs and tables can go in a table cell. */
function cellContent(children: FileChild[]): (Paragraph | Table)[] {
  return children.filter((c): c is Paragraph | Table => c instanceof Paragraph || c instanceof Table);
}

/** A table cell must end with a paragraph (Word reports the file as damaged otherwise). */
function withClosingParagraph(children: (Paragraph | Table)[]): (Paragraph | Table)[] {
  return children[children.length - 1] instanceof Paragraph ? children : [...children, new Paragraph({ style: 'TableGap', children: [] })];
}

/**
 * The cover: the organisation, the title (the first heading; the document's title and subtitle
 * when there is none), then field lines (Visit, Date, …), between two accent rules.
 */
function cover(children: Block[], ctx: Context, lead: Lead): FileChild[] {
  const { meta } = ctx.doc;
  const lines: { style: string; children: ParagraphChild[] }[] = [];
  const out: FileChild[] = [];
  if (meta.organisation) lines.push({ style: 'CoverOrganisation', children: [run(meta.organisation)] });
  if (!children.some((b) => b.type === 'heading' && hasText(b.children))) {
    lines.push({ style: 'Title', children: [run(meta.title)] });
    if (meta.subtitle) lines.push({ style: 'Subtitle', children: [run(meta.subtitle)] });
  }
  // The lines first, then the other blocks, as the file holds them: a citation's footnote is
  // written in full or in short by the order of the marks in the file.
  for (const b of children) {
    if ((b.type === 'heading' || b.type === 'paragraph') && hasText(b.children)) {
      const style = b.type === 'paragraph' ? 'CoverField' : b.level === 1 ? 'Title' : 'Subtitle';
      lines.push({ style, children: inlines(b.children, ctx, inStyle(style)) });
    }
  }
  for (const b of children) if (b.type !== 'heading' && b.type !== 'paragraph') out.push(...block(b, ctx, {}));
  const rule = (side: 'top' | 'bottom', size: number, space: number) => ({
    [side]: { style: BorderStyle.SINGLE, color: ink.coverRule, size: size * 8, space },
  });
  const paragraphs = lines.map(
    (line, i) =>
      new Paragraph({
        style: line.style,
        keepNext: i < lines.length - 1,
        keepLines: true,
        ...(i === 0 ? { pageBreakBefore: lead.pageBreakBefore } : {}),
        border: { ...(i === 0 ? rule('top', 4, 10) : {}), ...(i === lines.length - 1 ? rule('bottom', 0.75, 12) : {}) },
        ...(i === lines.length - 1 ? { spacing: { after: pt(6) } } : {}),
        children: line.children,
      }),
  );
  return [...paragraphs, ...out];
}

/** Key figures: a borderless grid of tinted cells, each a big value over a small label. */
function keyFigures(items: KeyFigure[], ctx: Context): FileChild[] {
  if (items.length === 0) return [];
  const perRow = keyFiguresPerRow(items.length);
  const cellWidth = Math.floor(twips(ctx.width) / perRow);
  const rows: TableRow[] = [];
  for (let i = 0; i < items.length; i += perRow) {
    const cells = items.slice(i, i + perRow).map(
      (item) =>
        new TableCell({
          width: { size: cellWidth, type: WidthType.DXA },
          shading: { fill: colours.calloutFill },
          children: [
            new Paragraph({ style: 'KeyFigureValue', children: [run(item.value)] }),
            ...(hasText(item.label) ? [new Paragraph({ style: 'KeyFigureLabel', children: inlines(item.label, ctx, inStyle('KeyFigureLabel')) })] : []),
          ],
        }),
    );
    // The last row is filled up with blank cells, so that every figure keeps the same width.
    while (cells.length < perRow) {
      cells.push(new TableCell({ width: { size: cellWidth, type: WidthType.DXA }, children: [new Paragraph({ style: 'TableGap', children: [] })] }));
    }
    rows.push(new TableRow({ cantSplit: true, children: cells }));
  }
  return [
    new Table({
      style: 'KeyFigures',
      width: { size: cellWidth * perRow, type: WidthType.DXA },
      columnWidths: Array.from({ length: perRow }, () => cellWidth),
      layout: TableLayoutType.FIXED,
      rows,
    }),
  ];
}

/** A chart is the PNG of its SVG, with the alt text Word reads aloud, and its caption below. */
function chart(c: Chart, ctx: Context, lead: Lead): Paragraph[] {
  // As wide as the text, as in the PDF.
  const image = ctx.picture(c);
  const px = (points: number): number => Math.round((points * 96) / 72);
  const picture = new Paragraph({
    style: 'Figure',
    ...leadOptions(lead),
    children: [
      new ImageRun({
        type: 'png',
        data: image.png,
        // docx takes the size in CSS pixels, 96 to the inch.
        transformation: { width: px(image.width), height: px(image.height) },
        altText: { name: clean(c.title), title: clean(c.title), description: clean(chartAltText(c)) },
      }),
    ],
  });
  return c.caption ? [picture, new Paragraph({ style: 'Caption', children: [run(c.caption)] })] : [picture];
}

/**
 * The table of contents: a real Word TOC field over Heading 1–3, which Word refreshes when it
 * opens the file. docx writes an entry for each heading into the field's result, with its page
 * number where the document is laid out (`pack`), so the contents read right before any update.
 */
function toc(lead: Lead): FileChild[] {
  return [
    new Paragraph({ style: 'TOCHeading', ...leadOptions(lead), children: [run(labels.contents)] }),
    new TableOfContents(labels.contents, { hyperlink: true, headingStyleRange: '1-3' }),
  ];
}

/** A Sources list this short moves to the next page whole rather than leave a line or two behind. */
const SOURCES_KEPT_WHOLE = 6;

/** The Sources section, a section of the paper as its others are: every source the footnotes cite, one paragraph each. */
function sources(ctx: Context, lead: Lead): Paragraph[] {
  const entries = ctx.doc.sources;
  if (entries.length === 0) return [];
  return [
    new Paragraph({ style: `Heading${sectionLevel(ctx.doc)}`, pageBreakBefore: lead.pageBreakBefore, children: [run(labels.sources)] }),
    // No entry splits across pages; a short list moves to a page whole, and a long one never
    // leaves its last entries alone on a page.
    ...entries.map(
      (entry, i) =>
        new Paragraph({
          style: 'Bibliography',
          keepLines: true,
          keepNext: i < entries.length - 1 && (entries.length <= SOURCES_KEPT_WHOLE || i === 0 || i >= entries.length - 3),
          children: [run(entry.text)],
        }),
    ),
  ];
}

// ---------------------------------------------------------------------------------------------
// Inlines.

interface Marks {
  bold?: boolean;
  italics?: boolean;
  /**
   * What the paragraph's style sets already: bold or italics in the text add nothing to it (and
   * a character style would turn it off in Word, which toggles bold and italics between styles).
   */
  styled?: Face;
}

/** Bold and italics, as a style sets them. */
interface Face {
  bold?: boolean;
  italics?: boolean;
}

/** The marks the text of a paragraph in `style` starts with. */
function inStyle(style: string | undefined): Marks {
  const styled = faceOf(style);
  return styled.bold || styled.italics ? { styled } : {};
}

function inlines(children: readonly Inline[], ctx: Context, marks: Marks = {}): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  children.forEach((child, i) => {
    // Two footnote marks in a row read as "1,2", not "12".
    if (child.type === 'cite' && children[i - 1]?.type === 'cite') out.push(new TextRun({ text: ',', style: 'FootnoteReference' }));
    out.push(...inline(child, ctx, marks));
  });
  return out;
}

function inline(node: Inline, ctx: Context, marks: Marks): ParagraphChild[] {
  switch (node.type) {
    case 'text':
      return node.value ? [run(node.value, marks)] : [];
    case 'strong':
      return inlines(node.children, ctx, marks.styled?.bold ? marks : { ...marks, bold: true });
    case 'emphasis':
      return inlines(node.children, ctx, marks.styled?.italics ? marks : { ...marks, italics: true });
    case 'code':
      return [run(node.value, { ...marks, style: 'InlineCode' })];
    case 'break':
      return [new TextRun({ break: 1 })];
    case 'link':
      return link(node.url, node.children, ctx, marks);
    case 'cite':
      return [footnote(node, ctx)];
  }
}

/**
 * A citation is a footnote of its own: Word numbers footnotes itself and cannot point two marks
 * at one footnote. So, as a Word user writes them, the first footnote of a source gives its full
 * reference and a later one its short form (shared.ts `shortReference`), each after whom the
 * cited fact quotes; the Sources section lists each source once, in full.
 */
function footnote(cite: Inline & { type: 'cite' }, ctx: Context): FootnoteReferenceRun {
  const note = ctx.doc.notes.find((n) => n.number === cite.note);
  if (!note) throw new Error(`A citation refers to note ${cite.note}, which the document does not have.`);
  // The space after the footnote's own number is part of its text, as Word writes it.
  return new FootnoteReferenceRun({ children: [new Paragraph({ style: 'FootnoteText', children: [run(` ${ctx.noteText(note, cite.speaker)}`)] })] });
}

/** Web and mail links are live; paper cannot be clicked, so the address prints after the text (as in the PDF). */
function link(given: string, children: Inline[], ctx: Context, marks: Marks): ParagraphChild[] {
  // The address goes into the package's relationships as well as the text: it is made printable too.
  const url = printableText(given);
  const label = plainText(children);
  const address = url.replace(/^mailto:/i, '');
  const target = address && address !== label ? [run(` (${address})`, { ...marks, style: 'LinkTarget' })] : [];
  if (!/^(https?:|mailto:)/i.test(url)) return [...inlines(children, ctx, marks), ...target];
  return [new ExternalHyperlink({ link: url, children: children.flatMap((c) => linkRuns(c, marks)) }), ...target];
}

/** The runs of a link's text, in the Hyperlink character style. */
function linkRuns(node: Inline, marks: Marks): TextRun[] {
  switch (node.type) {
    case 'text':
    case 'code':
      return node.value ? [run(node.value, { ...marks, style: 'Hyperlink' })] : [];
    case 'strong':
      return node.children.flatMap((c) => linkRuns(c, { ...marks, bold: true }));
    case 'emphasis':
      return node.children.flatMap((c) => linkRuns(c, { ...marks, italics: true }));
    case 'link':
      return node.children.flatMap((c) => linkRuns(c, marks));
    case 'break':
      return [new TextRun({ break: 1 })];
    case 'cite':
      return [];
  }
}

/**
 * A run of literal text: docx escapes it for XML; characters XML cannot hold are dropped. Bold
 * and italics are Word's Strong and Emphasis character styles, so that a user restyles them all
 * at once; a run in a character style of its own (a link, code) or in both takes them directly.
 */
function run(value: string, { bold, italics, style }: Marks & Pick<IRunOptions, 'style'> = {}): TextRun {
  const text = clean(value);
  if (style || (bold && italics)) {
    return new TextRun({ text, ...(style ? { style } : bold ? { style: 'Strong' } : {}), ...(bold && style ? { bold } : {}), ...(italics ? { italics } : {}) });
  }
  return new TextRun({ text, ...(bold ? { style: 'Strong' } : italics ? { style: 'Emphasis' } : {}) });
}

/** A newline in text is a soft break, i.e. a space; control characters cannot be written in XML. */
function clean(value: string): string {
  return printableText(value.replace(/[ \t]*(\r\n|\r|\n)[ \t]*/g, ' ').replace(/\t/g, ' '));
}

/** Whether inlines print anything: an empty paragraph is never written where content was expected. */
function hasText(children: readonly Inline[]): boolean {
  return children.some((c) => {
    switch (c.type) {
      case 'text':
      case 'code':
        return clean(c.value).trim().length > 0;
      case 'cite':
        return true;
      case 'break':
        return false;
      default:
        return hasText(c.children);
    }
  });
}

function alignment(align: Align): (typeof AlignmentType)[keyof typeof AlignmentType] {
  return align === 'right' ? AlignmentType.RIGHT : align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT;
}

// ---------------------------------------------------------------------------------------------
// Page: size, margins, header and footer.

/** Points → twentieths of a point (twips), the unit of most DOCX lengths. */
const twips = (points: number): number => Math.round(points * 20);
const pt = twips;
/** Points → half-points, the unit of DOCX font sizes. */
const halfPoints = (points: number): number => Math.round(points * 2);

function pageWidth(doc: Document): number {
  const size = pageSizes[doc.page.size];
  return doc.page.orientation === 'landscape' ? size.height : size.width;
}

function sectionProperties(doc: Document) {
  const size = pageSizes[doc.page.size];
  const m = doc.page.margins;
  return {
    page: {
      // docx swaps width and height itself for landscape pages.
      size: {
        width: twips(size.width),
        height: twips(size.height),
        orientation: doc.page.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
      },
      margin: {
        top: twips(mmToPt(m.top)),
        right: twips(mmToPt(m.right)),
        bottom: twips(mmToPt(m.bottom)),
        left: twips(mmToPt(m.left)),
        // The marking sits in the upper and lower part of the margins, as in the PDF.
        header: twips(mmToPt(m.top) * 0.4),
        footer: twips(mmToPt(m.bottom) * 0.4),
      },
    },
  };
}

function pageHeader(marking: string): Header {
  return new Header({ children: [new Paragraph({ style: 'Marking', children: [run(marking)] })] });
}

/** Title on the left, the marking in the middle, "Page X of Y" on the right (as in the PDF). */
function pageFooter(doc: Document, ctx: Context): Footer {
  const short = footerTitle(clean(doc.meta.title), doc.meta.marking ? clean(doc.meta.marking) : '', ctx.width, houseStyle);
  // The words around the numbers come from the one label every format uses.
  const [before = '', between = '', after = ''] = labels.page(1111, 2222).split(/1111|2222/);
  const tabs = [
    { type: TabStopType.CENTER, position: twips(ctx.width / 2) },
    { type: TabStopType.RIGHT, position: twips(ctx.width) },
  ];
  return new Footer({
    children: [
      new Paragraph({
        style: 'Footer',
        tabStops: tabs,
        children: [
          run(short),
          new TextRun({ children: [new Tab()] }),
          ...(doc.meta.marking ? [run(doc.meta.marking, { style: 'MarkingChar' })] : []),
          new TextRun({ children: [new Tab(), before, PageNumber.CURRENT, between, PageNumber.TOTAL_PAGES, ...(after ? [after] : [])] }),
        ],
      }),
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// Document properties (docProps/core.xml, app.xml), written here so that the dates are the
// document's own.

function corePropertiesXml(doc: Document): string {
  const { meta } = doc;
  const created = new Date(meta.created);
  const when = Number.isNaN(created.getTime()) ? undefined : created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const creator = meta.author ?? 'briefwright';
  const description = [meta.subtitle, meta.organisation].filter(Boolean).join(' — ');
  const element = (name: string, value: string | undefined): string =>
    value ? `<${name}>${xmlText(value)}</${name}>` : '';
  const date = (name: string): string => (when ? `<${name} xsi:type="dcterms:W3CDTF">${when}</${name}>` : '');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    element('dc:title', meta.title) +
    element('dc:subject', meta.subject ?? meta.subtitle) +
    element('dc:creator', creator) +
    element('cp:keywords', meta.keywords.join(', ')) +
    element('dc:description', description) +
    element('cp:lastModifiedBy', creator) +
    element('dc:language', meta.language) +
    date('dcterms:created') +
    date('dcterms:modified') +
    '</cp:coreProperties>'
  );
}

/** The application and the organisation, which Word shows in the file's properties. */
function appPropertiesXml(doc: Document): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ' +
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    '<Application>briefwright</Application>' +
    (doc.meta.organisation ? `<Company>${xmlText(doc.meta.organisation)}</Company>` : '') +
    '</Properties>'
  );
}

function xmlText(value: string): string {
  return clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// ---------------------------------------------------------------------------------------------
// Styles. Word's own style ids and names (Title, Heading1 "heading 1", ListBullet "List Bullet",
// Caption "caption", FootnoteText "footnote text", …) so Word treats them as its built-in styles.

const font = (name: string) => ({ ascii: name, hAnsi: name, cs: name, eastAsia: name });
const serif = font(fonts.body);
const sans = font(fonts.heading);
/**
 * Line spacing for a CSS-style line height (baseline to baseline, in font sizes; style.ts
 * `leading`): Word's "multiple" spacing multiplies the font's own line instead, in 240ths.
 */
const lineSpacing = (lineHeight: number, role: FontRole) => ({
  line: Math.round((240 * lineHeight) / naturalLineHeight[role]),
  lineRule: LineRuleType.AUTO,
});

/**
 * The body text is set on the document defaults, not on Normal, so that a table style's header
 * colour is not overridden by every paragraph style based on Normal.
 */
function documentRun(language: string) {
  return { font: serif, size: halfPoints(sizes.body), color: colours.text, language: { value: language } };
}

const headingStyle = (level: 1 | 2 | 3): IParagraphStyleOptions => {
  const key = `h${level}` as const;
  return {
    id: `Heading${level}`,
    name: `heading ${level}`,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { font: sans, size: halfPoints(sizes[key]), bold: true, color: ink.heading[key] },
    paragraph: {
      keepNext: true,
      keepLines: true,
      outlineLevel: level - 1,
      spacing: { before: pt(spacing.headingBefore[key]), after: pt(spacing.headingAfter[key]), ...lineSpacing(leading.heading, 'heading') },
    },
  };
};

const PARAGRAPH_STYLES: IParagraphStyleOptions[] = [
  {
    id: 'Normal',
    name: 'Normal',
    quickFormat: true,
    paragraph: { spacing: { after: pt(spacing.paragraphAfter), ...lineSpacing(sizes.lineHeight, 'body') } },
  },
  {
    id: 'Title',
    name: 'Title',
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { font: sans, size: halfPoints(sizes.title), bold: true, color: ink.coverTitle },
    paragraph: { spacing: { before: pt(6), after: pt(4), ...lineSpacing(leading.title, 'heading') } },
  },
  {
    id: 'Subtitle',
    name: 'Subtitle',
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { font: sans, size: halfPoints(sizes.subtitle), color: colours.muted },
    paragraph: { spacing: { after: pt(4), ...lineSpacing(leading.heading, 'heading') } },
  },
  headingStyle(1),
  headingStyle(2),
  headingStyle(3),
  {
    id: 'CoverOrganisation',
    name: 'Cover Organisation',
    basedOn: 'Normal',
    next: 'Title',
    run: { font: sans, size: halfPoints(sizes.small), color: colours.muted, allCaps: true },
    paragraph: { spacing: { after: 0 } },
  },
  {
    id: 'CoverField',
    name: 'Cover Field',
    basedOn: 'Normal',
    run: { font: sans },
    paragraph: { spacing: { after: 0, ...lineSpacing(leading.coverField, 'heading') } },
  },
  {
    id: 'ListBullet',
    name: 'List Bullet',
    basedOn: 'Normal',
    quickFormat: true,
    // A bullet is never split across pages.
    paragraph: { keepLines: true, numbering: { reference: BULLET_LIST, level: 0 }, spacing: { after: pt(spacing.listItemAfter) } },
  },
  {
    id: 'ListNumber',
    name: 'List Number',
    basedOn: 'Normal',
    quickFormat: true,
    // A bullet is never split across pages.
    paragraph: { keepLines: true, numbering: { reference: NUMBER_LIST, level: 0 }, spacing: { after: pt(spacing.listItemAfter) } },
  },
  {
    id: 'ListContinue',
    name: 'List Continue',
    basedOn: 'Normal',
    paragraph: { indent: { left: 360 }, spacing: { after: pt(spacing.listItemAfter) } },
  },
  {
    id: 'Quote',
    name: 'Quote',
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { italics: true, color: colours.muted },
    paragraph: {
      indent: { left: pt(12) },
      border: { left: { style: BorderStyle.SINGLE, size: 16, color: colours.rule, space: 8 } },
    },
  },
  {
    id: 'Callout',
    name: 'Callout',
    basedOn: 'Normal',
    paragraph: { spacing: { after: pt(spacing.listItemAfter + 2) } },
  },
  {
    id: 'CalloutTitle',
    name: 'Callout Title',
    basedOn: 'Callout',
    next: 'Callout',
    run: { font: sans, size: halfPoints(sizes.h3), bold: true, color: ink.calloutTitle },
    paragraph: { keepNext: true, spacing: { after: pt(3), ...lineSpacing(leading.heading, 'heading') } },
  },
  {
    id: 'TableText',
    name: 'Table Text',
    basedOn: 'Normal',
    run: { font: sans, size: halfPoints(sizes.table) },
    paragraph: { spacing: { before: 0, after: 0, ...lineSpacing(leading.table, 'heading') } },
  },
  {
    id: 'TableHeading',
    name: 'Table Heading',
    basedOn: 'TableText',
    // No colour: the table style gives the header row its white text on the accent fill.
    run: { bold: true },
    paragraph: { keepNext: true },
  },
  {
    id: 'KeyFigureValue',
    name: 'Key Figure Value',
    basedOn: 'Normal',
    next: 'KeyFigureLabel',
    run: { font: sans, size: halfPoints(sizes.keyFigureValue), bold: true, color: ink.keyFigureValue },
    paragraph: { keepNext: true, spacing: { after: pt(2), ...lineSpacing(leading.keyFigureValue, 'heading') } },
  },
  {
    id: 'KeyFigureLabel',
    name: 'Key Figure Label',
    basedOn: 'Normal',
    run: { font: sans, size: halfPoints(sizes.keyFigureLabel), color: colours.muted },
    paragraph: { spacing: { after: 0, ...lineSpacing(leading.small, 'heading') } },
  },
  {
    id: 'Figure',
    name: 'Figure',
    basedOn: 'Normal',
    next: 'Caption',
    paragraph: { keepNext: true, spacing: { before: pt(4), after: 0, line: 240, lineRule: LineRuleType.AUTO } },
  },
  {
    id: 'Caption',
    name: 'caption',
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { font: sans, size: halfPoints(sizes.small), color: colours.muted, italics: false, bold: false },
    paragraph: { spacing: { before: pt(3), after: pt(spacing.blockAfter), ...lineSpacing(leading.small, 'heading') } },
  },
  {
    id: 'FootnoteText',
    name: 'footnote text',
    basedOn: 'Normal',
    link: 'FootnoteTextChar',
    run: { size: halfPoints(sizes.note) },
    paragraph: { spacing: { after: 0, ...lineSpacing(leading.footnotes, 'body') } },
  },
  {
    id: 'Bibliography',
    name: 'Bibliography',
    basedOn: 'Normal',
    run: { size: halfPoints(sizes.small) },
    paragraph: { spacing: { after: pt(3), ...lineSpacing(leading.notes, 'body') } },
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
    run: { font: sans, size: halfPoints(sizes.small), color: colours.muted },
    paragraph: { spacing: { after: 0, ...lineSpacing(leading.small, 'heading') } },
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
    run: { size: halfPoints(sizes.marking), bold: true, color: colours.marking },
    paragraph: { alignment: AlignmentType.CENTER },
  },
  {
    id: 'Rule',
    name: 'Rule',
    basedOn: 'Normal',
    run: { size: 4 },
    paragraph: {
      border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: colours.rule, space: 1 } },
      spacing: { before: pt(4), after: pt(spacing.blockAfter), line: 40, lineRule: LineRuleType.EXACT },
    },
  },
  {
    // A line that labels the list or table under it ("Points to make"): kept on its page.
    id: 'Label',
    name: 'Label',
    basedOn: 'Normal',
    next: 'Normal',
    paragraph: { keepNext: true, spacing: { after: pt(spacing.listItemAfter + 2) } },
  },
  {
    // Stands between two tables (Word would join them) or before a table that starts a page.
    id: 'TableGap',
    name: 'Table Gap',
    basedOn: 'Normal',
    run: { size: 4 },
    paragraph: { spacing: { before: 0, after: 0, line: pt(spacing.blockAfter), lineRule: LineRuleType.EXACT } },
  },
];

/**
 * The contents' entry styles, toc 1 to toc 3. The entries of the paper's sections (at `top`, the
 * level shared.ts `sectionLevel` finds) stand at the margin in bold; each level below indents.
 */
function contentsStyles(top: 1 | 2 | 3): IParagraphStyleOptions[] {
  return ([1, 2, 3] as const).map((level) => ({
    id: `TOC${level}`,
    name: `toc ${level}`,
    basedOn: 'Normal',
    next: 'Normal',
    run: { font: sans, ...(level === top ? { bold: true } : {}) },
    paragraph: { indent: { left: pt(14 * Math.max(0, level - top)) }, spacing: { after: pt(2), ...lineSpacing(sizes.lineHeight, 'heading') } },
  }));
}

/** Bold and italics as a paragraph style sets them, through the styles it is based on. */
function faceOf(style: string | undefined): Face {
  const face: Face = {};
  for (let id = style, depth = 0; id && depth < 10; depth++) {
    const found = PARAGRAPH_STYLES.find((s) => s.id === id);
    if (!found) break;
    face.bold ??= found.run?.bold;
    face.italics ??= found.run?.italics;
    id = found.basedOn;
  }
  return face;
}

const CHARACTER_STYLES: ICharacterStyleOptions[] = [
  { id: 'Strong', name: 'Strong', quickFormat: true, run: { bold: true } },
  { id: 'Emphasis', name: 'Emphasis', quickFormat: true, run: { italics: true } },
  { id: 'Hyperlink', name: 'Hyperlink', run: { color: ink.link, underline: { type: 'single' } } },
  { id: 'LinkTarget', name: 'Link Target', run: { size: halfPoints(sizes.small), color: colours.muted } },
  { id: 'FootnoteReference', name: 'footnote reference', run: { superScript: true, color: ink.noteMarker } },
  { id: 'FootnoteTextChar', name: 'Footnote Text Char', link: 'FootnoteText', run: { size: halfPoints(sizes.note) } },
  { id: 'InlineCode', name: 'Inline Code', run: { font: sans, shading: { fill: colours.tableStripe } } },
  {
    id: 'MarkingChar',
    name: 'Marking Char',
    link: 'Marking',
    run: { font: sans, size: halfPoints(sizes.marking), bold: true, color: colours.marking },
  },
];

/** Lists indent 18 pt per level, the marker hanging in the first 14 pt. */
const listIndent = (level: number): number => pt(18 * (level + 1));
const listLevel = (level: number, format: ILevelsOptions['format'], text: string): ILevelsOptions => ({
  level,
  format,
  text,
  alignment: AlignmentType.LEFT,
  style: {
    paragraph: { indent: { left: listIndent(level), hanging: pt(14) } },
    run: { color: ink.listMarker },
  },
});
/** Bullets from the Latin subset the file embeds, so that no machine draws them in another font. */
const BULLETS = ['•', '–', '·'];
const BULLET_LEVELS = Array.from({ length: 9 }, (_, level) => listLevel(level, LevelFormat.BULLET, BULLETS[level % 3]!));
const NUMBER_LEVELS = Array.from({ length: 9 }, (_, level) => {
  const format = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN][level % 3]!;
  return listLevel(level, format, `%${level + 1}.`);
});

/** docx has no API for table styles: these are Word's XML, written once with the tokens. */
const tableCellMargins = (top: number, right: number, bottom: number, left: number): string =>
  `<w:tblCellMar><w:top w:w="${pt(top)}" w:type="dxa"/><w:left w:w="${pt(left)}" w:type="dxa"/>` +
  `<w:bottom w:w="${pt(bottom)}" w:type="dxa"/><w:right w:w="${pt(right)}" w:type="dxa"/></w:tblCellMar>`;
const border = (side: string, value: string, eighths = 0, colour = 'auto'): string =>
  `<w:${side} w:val="${value}" w:sz="${eighths}" w:space="0" w:color="${colour}"/>`;
const shading = (fill: string): string => `<w:shd w:val="clear" w:color="auto" w:fill="${fill}"/>`;
const tableStyle = (id: string, name: string, body: string): string =>
  `<w:style w:type="table" w:styleId="${id}"><w:name w:val="${name}"/><w:uiPriority w:val="59"/>${body}</w:style>`;

const cellPadding = spacing.tableCellPadding;
const TABLE_STYLES_XML = [
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
  '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">',
  tableStyle(
    'BriefTable',
    'Brief Table',
    `<w:tblPr><w:tblBorders>${border('top', 'nil')}${border('left', 'nil')}` +
      `${border('bottom', 'single', 6, colours.rule)}${border('right', 'nil')}` +
      `${border('insideH', 'nil')}${border('insideV', 'nil')}</w:tblBorders>` +
      `${tableCellMargins(cellPadding - 1, cellPadding + 2, cellPadding - 1, cellPadding + 2)}</w:tblPr>` +
      `<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="${colours.tableHeaderText}"/></w:rPr>` +
      `<w:trPr><w:tblHeader/></w:trPr><w:tcPr>${shading(colours.tableHeaderFill)}</w:tcPr></w:tblStylePr>` +
      `<w:tblStylePr w:type="band2Horz"><w:tcPr>${shading(colours.tableStripe)}</w:tcPr></w:tblStylePr>`,
  ),
  tableStyle(
    'CalloutBox',
    'Callout Box',
    `<w:tblPr><w:tblBorders>${border('top', 'nil')}${border('left', 'single', 24, colours.calloutBorder)}` +
      `${border('bottom', 'nil')}${border('right', 'nil')}${border('insideH', 'nil')}${border('insideV', 'nil')}</w:tblBorders>` +
      `${tableCellMargins(8, 10, 4, 11)}</w:tblPr><w:tcPr>${shading(colours.calloutFill)}</w:tcPr>`,
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
