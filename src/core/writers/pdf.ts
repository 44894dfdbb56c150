// The PDF writer: a Document to pdfmake content nodes, one pure function per node type, then
// pdfmake lays out and prints the pages (pdf-engine.ts: pdfmake set up with the shipped fonts,
// and every patch of its internals). Fonts come only from the shipped files, no URL is ever
// fetched and no local file outside the font folders is ever read.

import type {
  Content,
  ContentTable,
  CustomTableLayout,
  Node as PdfNode,
  NodeQueries,
  OrderedListType,
  Style,
  StyleDictionary,
  TDocumentDefinitions,
  TableCell as PdfCell,
  UnorderedListType,
} from 'pdfmake/interfaces';
import { chartSize, renderChartSvg } from '../charts/svg';
import type { Align, Block, Chart, Document, Inline, KeyFigure, TableCell } from '../document/model';
import { familyName, fontFile, naturalLineHeight, subsetRuns, type FontRole } from './fonts';
import { familyColumn, pdfmakeReady, print, printCounting, type ColumnFamilies } from './pdf-engine';
import { columnFits, FOOTER_GAP, footerTitle, hasToc, isLabel, plainText, printableText, printsHere, sectionLevel, tableFamily, wantsToc, type WriterOptions } from './shared';
import { trueTypeFile, verticalMetrics } from './truetype';
import { colours, fonts, houseStyle, ink, keyFiguresPerRow, labels, leading, mmToPt, pageSizes, sizes, spacing } from './style';

/**
 * Renders a Document as PDF bytes. Unless the pipeline decided it (`options.toc`), a document that
 * asks for a table of contents gets one only when it runs over `tocMinPages` pages: pdfmake cannot
 * make the contents conditional on length, so such a document is laid out without them first,
 * and again with them only when it turns out long.
 */
export async function renderPdf(doc: Document, options: WriterOptions = {}): Promise<Uint8Array> {
  const pdfmake = await pdfmakeReady();
  if (options.toc !== undefined || !hasToc(doc)) return print(pdfmake, pdfDefinition(doc, { withToc: options.toc === true && hasToc(doc) }));
  const { bytes, pages } = await printCounting(pdfmake, pdfDefinition(doc, { withToc: false }));
  return wantsToc(doc, pages) ? print(pdfmake, pdfDefinition(doc, { withToc: true })) : bytes;
}

// ---------------------------------------------------------------------------------------------
// The document definition.

interface Context {
  doc: Document;
  withToc: boolean;
  /** Width and height of the text block in points. */
  width: number;
  height: number;
  /** Citations link to their note only when the notes are printed. */
  notesPrinted: boolean;
  /** The columns of tables that have a family, by family and column. */
  families: ColumnFamilies;
}

/** Where a block sits: paragraphs are spaced tighter in lists and boxes. */
type Place = 'body' | 'list' | 'box';

const hex = (colour: string): string => `#${colour}`;

/** pdfmake's lineHeight for a CSS-style line height (see style.ts `leading`). */
const lh = (lineHeight: number, role: FontRole): number => Math.round((lineHeight / naturalLineHeight[role]) * 1000) / 1000;

export function pdfDefinition(doc: Document, options: { withToc: boolean }): TDocumentDefinitions {
  const size = pageSizes[doc.page.size];
  const landscape = doc.page.orientation === 'landscape';
  const [pageWidth, pageHeight] = landscape ? [size.height, size.width] : [size.width, size.height];
  const m = doc.page.margins;
  const margins: [number, number, number, number] = [mmToPt(m.left), mmToPt(m.top), mmToPt(m.right), mmToPt(m.bottom)];
  const ctx: Context = {
    doc,
    withToc: options.withToc,
    width: pageWidth - margins[0] - margins[2],
    height: pageHeight - margins[1] - margins[3],
    notesPrinted: doc.notes.length > 0 && doc.blocks.some((b) => b.type === 'sources'),
    families: new Map(),
  };
  const created = new Date(doc.meta.created);

  return {
    pageSize: doc.page.size,
    pageOrientation: doc.page.orientation,
    pageMargins: margins,
    language: doc.meta.language,
    info: {
      title: clean(doc.meta.title),
      author: doc.meta.author ?? doc.meta.organisation,
      subject: doc.meta.subject,
      keywords: doc.meta.keywords.join(', '),
      creator: 'briefwright',
      producer: 'briefwright (pdfmake)',
      // The handling marking travels with the file, beside the header and footer that print it.
      ...(doc.meta.marking ? { Marking: clean(doc.meta.marking) } : {}),
      creationDate: Number.isNaN(created.getTime()) ? undefined : created,
    },
    defaultStyle: {
      font: fonts.body,
      fontSize: sizes.body,
      lineHeight: lh(sizes.lineHeight, 'body'),
      color: hex(colours.text),
    },
    styles: namedStyles(),
    header: () => runningHeader(doc, margins),
    footer: (page, pageCount) => runningFooter(doc, margins, page, pageCount, ctx.width),
    pageBreakBefore: keepHeadingsWithText,
    content: withoutTrailingMargin(blocks(doc.blocks, ctx, 'body')),
  };
}

/**
 * pdfmake starts a new, empty page when the bottom margin of the last node no longer fits on
 * the last page: the end of the document carries no margin.
 */
function withoutTrailingMargin(content: Content[]): Content[] {
  const last = content[content.length - 1];
  if (last && typeof last === 'object' && !Array.isArray(last)) {
    const node = last as { margin?: unknown; stack?: Content[] };
    if (Array.isArray(node.margin) && node.margin.length === 4) node.margin = [...node.margin.slice(0, 3), 0];
    if (Array.isArray(node.stack)) withoutTrailingMargin(node.stack);
  }
  return content;
}

/** Named styles, all from the shared tokens in style.ts. */
function namedStyles(): StyleDictionary {
  const sans = (fontSize: number, lineHeight: number, style: Style = {}): Style => ({
    font: fonts.heading,
    fontSize,
    lineHeight: lh(lineHeight, 'heading'),
    ...style,
  });
  const serif = (fontSize: number, lineHeight: number, style: Style = {}): Style => ({
    font: fonts.body,
    fontSize,
    lineHeight: lh(lineHeight, 'body'),
    ...style,
  });
  const heading = (level: 'h1' | 'h2' | 'h3'): Style =>
    sans(sizes[level], leading.heading, {
      bold: true,
      color: hex(ink.heading[level]),
      margin: [0, spacing.headingBefore[level], 0, spacing.headingAfter[level]],
    });
  return {
    h1: heading('h1'),
    h2: heading('h2'),
    h3: heading('h3'),
    coverOrganisation: sans(sizes.small, leading.small, { color: hex(colours.muted) }),
    coverTitle: sans(sizes.title, leading.title, { bold: true, color: hex(ink.coverTitle), margin: [0, 6, 0, 8] }),
    coverSubtitle: sans(sizes.subtitle, leading.heading, { color: hex(colours.muted), margin: [0, 0, 0, 4] }),
    coverField: sans(sizes.body, leading.coverField),
    tableHeader: sans(sizes.table, leading.table, { bold: true, color: hex(colours.tableHeaderText) }),
    tableCell: sans(sizes.table, leading.table),
    calloutTitle: sans(sizes.h3, leading.heading, { bold: true, color: hex(ink.calloutTitle), margin: [0, 0, 0, 3] }),
    figureValue: sans(sizes.keyFigureValue, leading.keyFigureValue, { bold: true, color: hex(ink.keyFigureValue) }),
    figureLabel: sans(sizes.keyFigureLabel, leading.small, { color: hex(colours.muted) }),
    caption: sans(sizes.small, leading.small, { color: hex(colours.muted), margin: [0, 3, 0, 0] }),
    noteNumber: serif(sizes.small, leading.notes, { color: hex(colours.muted), alignment: 'right' }),
    noteText: serif(sizes.small, leading.notes),
    marking: sans(sizes.marking, leading.small, { bold: true, color: hex(colours.marking) }),
    runningText: sans(sizes.small, leading.small, { color: hex(colours.muted) }),
    tocEntry: sans(sizes.body, sizes.lineHeight),
    tocNumber: sans(sizes.body, sizes.lineHeight, { color: hex(colours.muted) }),
  };
}

function runningHeader(doc: Document, margins: readonly number[]): Content | null {
  if (!doc.meta.marking) return null;
  return {
    text: runs(doc.meta.marking, 'heading'),
    style: 'marking',
    alignment: 'center',
    margin: [margins[0] ?? 0, (margins[1] ?? 0) * 0.4, margins[2] ?? 0, 0],
  };
}

function runningFooter(doc: Document, margins: readonly number[], page: number, pageCount: number, width: number): Content {
  const title = footerTitle(clean(doc.meta.title), doc.meta.marking ? clean(doc.meta.marking) : '', width, houseStyle);
  return {
    columns: [
      { text: runs(title, 'heading'), style: 'runningText', width: '*' },
      { text: doc.meta.marking ? runs(doc.meta.marking, 'heading') : '', style: 'marking', alignment: 'center', width: 'auto' },
      { text: labels.page(page, pageCount), style: 'runningText', alignment: 'right', width: '*' },
    ],
    columnGap: FOOTER_GAP,
    margin: [margins[0] ?? 0, (margins[3] ?? 0) * 0.4, margins[2] ?? 0, 0],
  };
}

/**
 * Room a heading needs below its top to stay on its page: its own space and about three lines
 * of the text it introduces. With less, it moves to the next page with that text.
 */
const HEADING_KEEP =
  spacing.headingBefore.h1 + sizes.h1 * leading.heading + spacing.headingAfter.h1 + 3 * sizes.body * sizes.lineHeight;

// pdfmake's own "following nodes on page" queries count the running header and footer, and
// report nodes inside unbreakable blocks on the wrong page, so the test is by position.
function keepHeadingsWithText(node: PdfNode, queries: NodeQueries): boolean {
  if (node.headlineLevel === undefined) return false;
  const { pageInnerHeight, verticalRatio } = node.startPosition;
  return pageInnerHeight * (1 - verticalRatio) < HEADING_KEEP && queries.getNodesOnNextPage().length > 0;
}

/**
 * The same rule as `keepHeadingsWithText`, in the layout itself, for a heading of the body with
 * at least `HEADING_KEEP` of text under it. pdfmake applies `pageBreakBefore` by laying the whole
 * document out again after each heading it moves: a long document would be laid out once per
 * page or so. Instead, two nodes that take no room go before the heading:
 *
 * - an empty line in the heading's style, with its top margin, taken back by its bottom margin:
 *   where the margin or the line does not fit at the foot of the page, pdfmake moves it to the
 *   next page exactly as it would move the heading's first line, and the heading then starts at
 *   the top of that page, without its margin;
 * - an unbreakable block as tall as the heading's margin and `HEADING_KEEP`, taken back: where it
 *   does not fit, pdfmake moves it, and so the heading, to the next page.
 *
 * The pages come out as with `keepHeadingsWithText`: the text under the heading is sure to run
 * onto the next page when there is less room than that, which is the other half of its test.
 * `lineHeight` is the height pdfmake gives the heading's first line; without it (a heading in
 * other faces or scripts), the heading is left to `keepHeadingsWithText`.
 */
function keptWithText(node: Content, textBelow: number, lineHeight: number | undefined, start = 0): Content[] {
  const heading = node as { headlineLevel?: number; style?: unknown };
  if (heading.headlineLevel === undefined || lineHeight === undefined || textBelow < HEADING_KEEP) return [node];
  const style = heading.style as keyof typeof spacing.headingBefore;
  const before = spacing.headingBefore[style];
  // `start`: what the block under it needs to begin (a table's header and first row, which go together).
  const room = before + Math.max(HEADING_KEEP, lineHeight + spacing.headingAfter[style] + start);
  delete heading.headlineLevel;
  return [
    { text: '', style, margin: [0, before, 0, -(before + lineHeight)] },
    { stack: [{ stack: [], margin: [0, room, 0, 0] }], unbreakable: true, margin: [0, 0, 0, -room] },
    node,
  ];
}

/**
 * The height pdfmake gives a line of a heading of `level` set in the heading face, worked out as
 * pdfkit does ((ascender − descender) / 1000 × size, from the font's hhea table) times the
 * style's line height; `undefined` when the heading has text in another face or script.
 */
function headingLineHeight(level: 1 | 2 | 3, children: readonly Inline[]): number | undefined {
  const plain = (inlines: readonly Inline[]): boolean =>
    inlines.every((i) => i.type === 'text' || i.type === 'cite' || i.type === 'break' || (i.type === 'strong' && plain(i.children)));
  if (!plain(children) || subsetRuns(plainText(children)).some((run) => run.subset !== 'latin')) return undefined;
  const { ascent, descent, unitsPerEm } = verticalMetrics(trueTypeFile('heading', fontFile('heading', 'latin', 'bold', 'woff'))!);
  const scale = 1000 / unitsPerEm;
  const ascender = ascent * scale;
  const descender = descent * scale;
  return ((ascender + 0 - descender) / 1000) * sizes[`h${level}`] * lh(leading.heading, 'heading');
}

/**
 * The least height the blocks from `from` on can take, in points: a line of small text per
 * line they are sure to have. Infinite when a page break comes before more content.
 */
function leastHeight(list: readonly Block[], from: number, ctx: Context): number {
  const LINE = 8;
  const of = (b: Block): number => {
    switch (b.type) {
      case 'heading':
      case 'paragraph':
        return LINE;
      case 'list':
        return b.items.length * LINE;
      case 'table':
        return (b.rows.length + 1) * LINE;
      case 'blockquote':
      case 'callout':
      case 'cover':
        return Math.max(LINE, b.children.reduce((sum, c) => sum + of(c), 0));
      case 'keyFigures':
        return b.items.length > 0 ? 2 * LINE : 0;
      case 'chart':
        return 4 * LINE;
      case 'sources':
        return ctx.doc.notes.length > 0 || ctx.doc.sources.length > 0 ? (1 + Math.max(ctx.doc.notes.length, ctx.doc.sources.length)) * LINE : 0;
      case 'pageBreak':
      case 'rule':
      case 'toc':
        return 0;
    }
  };
  let height = 0;
  for (let i = from; i < list.length; i++) {
    const b = list[i]!;
    if (b.type === 'pageBreak' && list.slice(i + 1).some((after) => after.type !== 'pageBreak')) return Infinity;
    height += of(b);
    if (height >= HEADING_KEEP) return height;
  }
  return height;
}

// ---------------------------------------------------------------------------------------------
// Blocks.

function blocks(list: readonly Block[], ctx: Context, place: Place): Content[] {
  const out: Content[] = [];
  /** A block already written with the label above it. */
  let skip = -1;
  list.forEach((b, i) => {
    if (i === skip) return;
    const next = list[i + 1];
    // A page break at the very end, or twice in a row, would print an empty page.
    if (b.type === 'pageBreak' && (next === undefined || next.type === 'pageBreak')) return;
    const previous = list[i - 1];
    if (previous?.type === 'heading' && keptWithHeading(previous, b, ctx)) {
      // A chart or a row of figures cannot split, so its heading travels with it. The heading is
      // not checked by `keepHeadingsWithText`: it cannot be left alone at the foot of a page, and
      // pdfmake, told to move a heading inside an unbreakable block to the next page, prints a
      // blank page instead and drops the block.
      const heading = out.pop()! as { headlineLevel?: number };
      delete heading.headlineLevel;
      out.push({ stack: [heading as Content, ...block(b, ctx, place)], unbreakable: true });
      return;
    }
    const rendered = block(b, ctx, place);
    if (place !== 'body' || (b.type === 'heading' && next !== undefined && keptWithHeading(b, next, ctx))) {
      out.push(...rendered);
    } else if (b.type === 'heading') {
      // Never more than half a page: the room is an unbreakable block, which must fit on one.
      const start = next?.type === 'table' ? Math.min(ctx.height / 2, estimatedHeight(tableTexts(next.header, next.rows).slice(0, 2), sizes.table, 2 * spacing.tableCellPadding, ctx)) : 0;
      out.push(...rendered.flatMap((node) => keptWithText(node, leastHeight(list, i + 1, ctx), headingLineHeight(b.level, b.children), start)));
    } else if (b.type === 'sources') {
      // The title, then a line per note.
      const [title, ...lines] = rendered;
      const below = lines.length * 8 + leastHeight(list, i + 1, ctx);
      if (title) out.push(...keptWithText(title, below, headingLineHeight(sectionLevel(ctx.doc), [{ type: 'text', value: labels.sources }])), ...lines);
    } else if (isLabel(b, next) && next !== undefined && wholeBlockHeight(next, ctx) !== undefined && wholeBlockHeight(next, ctx)! < ctx.height * FITS - LABEL_KEEP) {
      // A label over a table that never splits goes with it, in one block.
      out.push({ stack: [...rendered, ...block(next, ctx, place)], unbreakable: true });
      skip = i + 1;
    } else if (isLabel(b, next)) {
      // A label over a list or table ("Supporting figures", "Outlook, plans and positions") goes
      // to the next page with what it labels rather than end a page.
      out.push(...keptWithRoom(rendered, LABEL_KEEP));
    } else {
      out.push(...rendered);
    }
  });
  return out;
}

/** Room a label needs below its top to stay on its page: its line and two lines of what it labels. */
const LABEL_KEEP = 3 * sizes.body * sizes.lineHeight + spacing.paragraphAfter;

/**
 * `nodes`, after an invisible block `room` high that cannot split: where less than `room` is left
 * on the page, that block, and so the nodes, start on the next one. It takes no space itself.
 */
function keptWithRoom(nodes: Content[], room: number): Content[] {
  return [{ stack: [{ stack: [], margin: [0, room, 0, 0] }], unbreakable: true, margin: [0, 0, 0, -room] }, ...nodes];
}

/**
 * Whether a block goes with the heading above it, in one unbreakable stack: a chart or a grid of
 * key figures, which never split, when the two are sure to fit on a page. pdfmake drops whatever
 * of an unbreakable block does not fit on one page.
 */
function keptWithHeading(heading: Block & { type: 'heading' }, b: Block, ctx: Context): boolean {
  const headingHeight = estimatedHeight([[plainText(heading.children)]], sizes[`h${heading.level}`], spacing.headingBefore[`h${heading.level}`], ctx);
  const blockHeight = wholeBlockHeight(b, ctx);
  return blockHeight !== undefined && headingHeight + blockHeight < ctx.height * FITS;
}

/**
 * The height of a block that never splits (a chart, a grid of key figures that fits a page, a
 * small table: `isSmallTable`), as estimated; undefined for a block that may split. What labels
 * such a block travels with it: left behind, it would end a page on its own.
 */
function wholeBlockHeight(b: Block, ctx: Context): number | undefined {
  if (b.type === 'chart') return chartHeight(b.chart, ctx);
  if (b.type === 'keyFigures') return keyFiguresFitOnPage(b.items, ctx) ? keyFiguresHeight(b.items, ctx) : undefined;
  if (b.type !== 'table') return undefined;
  const texts = tableTexts(b.header, b.rows);
  return isSmallTable(texts, ctx) ? estimatedHeight(texts, sizes.table, 2 * spacing.tableCellPadding, ctx) : undefined;
}

const tableTexts = (header: TableCell[], rows: TableCell[][]): string[][] => [header, ...rows].map((row) => row.map((cell) => plainText(cell.children)));

function block(b: Block, ctx: Context, place: Place): Content[] {
  switch (b.type) {
    case 'heading':
      return [heading(b.level, b.children, ctx)];
    case 'paragraph':
      return [paragraph(b.children, ctx, place)];
    case 'list':
      return [list(b.ordered, b.items, ctx, 0, place)];
    case 'table':
      return [table(b.align, b.header, b.rows, ctx)];
    case 'blockquote':
      return [blockquote(b.children, ctx)];
    case 'callout':
      return [callout(b.title, b.children, ctx)];
    case 'cover':
      return [cover(b.children, ctx)];
    case 'keyFigures':
      return [keyFigures(b.items, ctx)];
    case 'chart':
      return [chart(b.chart, ctx)];
    case 'pageBreak':
      return [{ text: '', pageBreak: 'after' }];
    case 'rule':
      return [rule(ctx.width, colours.rule, 0.5, [0, 4, 0, spacing.blockAfter])];
    case 'toc':
      return ctx.withToc && printsHere(ctx.doc, b) ? [toc()] : [];
    case 'sources':
      return printsHere(ctx.doc, b) ? sources(ctx) : [];
  }
}

function heading(level: 1 | 2 | 3, children: Inline[], ctx: Context): Content {
  return {
    text: inlines(children, 'heading', ctx),
    style: `h${level}`,
    headlineLevel: level,
    ...(level <= 2 ? { outline: true, outlineText: plainText(children) } : {}),
    // The paper's sections stand at the margin of the contents, a level below them indented.
    ...(ctx.withToc && level <= 2 ? { tocItem: true, tocMargin: [level > sectionLevel(ctx.doc) ? 14 : 0, 0, 0, 2] } : {}),
  } as Content;
}

function paragraph(children: Inline[], ctx: Context, place: Place): Content {
  const after = place === 'body' ? spacing.paragraphAfter : spacing.listItemAfter;
  const node: Content = { text: inlines(children, 'body', ctx), margin: [0, 0, 0, after] };
  // A paragraph of a few lines goes to the next page whole rather than leave one line alone at
  // the foot of a page or the head of the next (pdfmake has no widow or orphan control).
  const short = estimatedHeight([[plainText(children)]], sizes.body, 0, ctx) <= SHORT_PARAGRAPH_LINES * sizes.body * sizes.lineHeight;
  return place === 'body' && short ? { stack: [node], unbreakable: true } : node;
}

/** Lines, as `estimatedHeight` counts them (every character an em wide: about twice the lines it prints), of a paragraph kept whole. */
const SHORT_PARAGRAPH_LINES = 8;

const bulletTypes: UnorderedListType[] = ['disc', 'circle', 'square'];
const numberTypes: OrderedListType[] = ['decimal', 'lower-alpha', 'lower-roman'];

function list(ordered: boolean, items: Block[][], ctx: Context, depth: number, place: Place): Content {
  const content = items.map((item) => {
    const parts = item.flatMap((b, j) => {
      if (b.type === 'list') return [list(b.ordered, b.items, ctx, depth + 1, 'list')];
      const rendered = block(b, ctx, 'list');
      // A label inside an item ("Supporting figures") goes over with the item's own list.
      if (j > 0 && isLabel(b, item[j + 1])) return keptWithRoom(rendered, LABEL_KEEP);
      // A bullet's paragraph goes to the next page whole rather than split, where it is sure to
      // fit on one (pdfmake drops what of an unbreakable block overflows a page).
      return b.type === 'paragraph' && surelyFits([[plainText(b.children)]], sizes.body, 0, ctx) ? [{ stack: rendered, unbreakable: true }] : rendered;
    });
    return parts.length === 1 ? parts[0]! : { stack: parts };
  });
  const after = place === 'body' ? spacing.paragraphAfter : 0;
  const margin: [number, number, number, number] = depth === 0 ? [0, 0, 0, after] : [0, 1, 0, 0];
  const markerColor = hex(ink.listMarker);
  return ordered
    ? { ol: content, type: numberTypes[depth % numberTypes.length], margin, markerColor }
    : { ul: content, type: bulletTypes[depth % bulletTypes.length], margin, markerColor };
}

function table(align: Align[], header: TableCell[], rows: TableCell[][], ctx: Context): Content {
  const family = tableFamily(ctx.doc, { header, rows });
  const texts = tableTexts(header, rows);
  const fits = (lines: string[][]) => surelyFits(lines, sizes.table, 2 * spacing.tableCellPadding, ctx);
  const columns = Math.max(header.length, ...rows.map((r) => r.length));
  const cell = (c: TableCell | undefined, column: number, style: string): PdfCell => ({
    text: c ? inlines(c.children, 'heading', ctx) : '',
    style,
    alignment: align[column] ?? 'left',
  });
  const row = (cells: TableCell[], style: string): PdfCell[] =>
    Array.from({ length: columns }, (_, i) => cell(cells[i], i, style));
  const node: ContentTable = {
    table: {
      headerRows: 1,
      // The header travels with the first row, unless they could outgrow a page together: pdfmake
      // keeps them as one unbreakable block, and drops what of it does not fit.
      keepWithHeaderRows: rows.length > 0 && fits(texts.slice(0, 2)) ? 1 : 0,
      widths: columnFits(header, family.rows, align).map((fit, i) => {
        const width = fit === 'fit' ? 'auto' : '*';
        return family.key ? familyColumn(ctx.families, family.key, i, width) : width;
      }),
      body: [row(header, 'tableHeader'), ...rows.map((r) => row(r, 'tableCell'))],
      // A row goes to the next page whole, as in the DOCX (cantSplit), rather than leave a line
      // of its text behind, unless a row could be taller than a page (pdfmake would drop the rest).
      dontBreakRows: texts.slice(1).every((row) => fits([row])),
    },
    layout: dataTableLayout,
    margin: [0, 2, 0, spacing.blockAfter],
    unbreakable: isSmallTable(texts, ctx),
  };
  return node;
}

/**
 * A small table moves to the next page whole rather than leave a row or two behind. Only
 * tables sure to be shorter than a page with a heading above them (which then goes with them):
 * pdfmake drops what of an unbreakable block overflows.
 */
function isSmallTable(texts: string[][], ctx: Context): boolean {
  const characters = texts.flat().reduce((sum, text) => sum + text.length, 0);
  return texts.length - 1 <= 8 && characters <= 1200 && estimatedHeight(texts, sizes.table, 2 * spacing.tableCellPadding, ctx) + HEADING_KEEP < ctx.height * FITS;
}

/** The rows of a grid of key figures, as text. */
function keyFigureRows(items: readonly KeyFigure[]): string[][] {
  const perRow = keyFiguresPerRow(items.length);
  const rows: string[][] = [];
  for (let i = 0; i < items.length; i += perRow) rows.push(items.slice(i, i + perRow).map((item) => `${item.value} ${plainText(item.label)}`));
  return rows;
}

const keyFiguresHeight = (items: readonly KeyFigure[], ctx: Context): number =>
  estimatedHeight(keyFigureRows(items), sizes.keyFigureLabel, sizes.keyFigureValue * 2, ctx);

/** Whether a grid of key figures can be kept whole; with `eachRow`, whether each of its rows can. */
function keyFiguresFitOnPage(items: readonly KeyFigure[], ctx: Context, eachRow = false): boolean {
  if (eachRow) return keyFigureRows(items).every((row) => surelyFits([row], sizes.keyFigureLabel, sizes.keyFigureValue * 2, ctx));
  return items.length <= 8 && keyFiguresHeight(items, ctx) < ctx.height * FITS;
}

/** What of a page a block kept whole may take: the estimates below are generous, but estimates. */
const FITS = 0.75;

const surelyFits = (rows: readonly (readonly string[])[], fontSize: number, perRow: number, ctx: Context): boolean =>
  estimatedHeight(rows, fontSize, perRow, ctx) < ctx.height * FITS;

/**
 * The height rows of text in equal columns take at most, in points: each row as tall as the
 * lines of its longest cell, every character counted as wide as an em (wider than nearly all
 * are), plus `perRow` points. A long word or a long label makes a block that must be allowed to
 * break across pages.
 */
function estimatedHeight(rows: readonly (readonly string[])[], fontSize: number, perRow: number, ctx: Context): number {
  const columns = Math.max(1, ...rows.map((r) => r.length));
  const charactersPerLine = Math.max(1, Math.floor(ctx.width / columns / fontSize));
  return rows.reduce((sum, row) => {
    const lines = Math.max(1, ...row.map((text) => Math.ceil(text.length / charactersPerLine)));
    return sum + lines * fontSize * sizes.lineHeight + perRow;
  }, 0);
}

const dataTableLayout: CustomTableLayout = {
  fillColor: (row) => (row === 0 ? hex(colours.tableHeaderFill) : row % 2 === 0 ? hex(colours.tableStripe) : null),
  hLineWidth: (i, node) => (i === node.table.body.length ? 0.75 : 0),
  hLineColor: () => hex(colours.rule),
  vLineWidth: () => 0,
  paddingLeft: () => spacing.tableCellPadding + 2,
  paddingRight: () => spacing.tableCellPadding + 2,
  paddingTop: () => spacing.tableCellPadding - 1,
  paddingBottom: () => spacing.tableCellPadding - 1,
};

/** A one-cell table: the only pdfmake node that takes a fill and a single-sided border. */
function box(content: Content[], layout: CustomTableLayout): Content {
  return {
    table: { widths: ['*'], body: [[{ stack: content }]] },
    layout,
    margin: [0, 2, 0, spacing.blockAfter],
  };
}

const calloutLayout: CustomTableLayout = {
  fillColor: () => hex(colours.calloutFill),
  hLineWidth: () => 0,
  vLineWidth: (i) => (i === 0 ? 3 : 0),
  vLineColor: () => hex(colours.calloutBorder),
  paddingLeft: () => 11,
  paddingRight: () => 10,
  paddingTop: () => 8,
  paddingBottom: () => 6,
};

function callout(title: Inline[], children: Block[], ctx: Context): Content {
  const head: Content[] = title.length > 0 ? [{ text: inlines(title, 'heading', ctx), style: 'calloutTitle' }] : [];
  return box([...head, ...blocks(children, ctx, 'box')], calloutLayout);
}

const quoteLayout: CustomTableLayout = {
  hLineWidth: () => 0,
  vLineWidth: (i) => (i === 0 ? 2 : 0),
  vLineColor: () => hex(colours.rule),
  paddingLeft: () => 10,
  paddingRight: () => 0,
  paddingTop: () => 1,
  paddingBottom: () => 0,
};

function blockquote(children: Block[], ctx: Context): Content {
  return box([{ stack: blocks(children, ctx, 'box'), italics: true, color: hex(colours.muted) }], quoteLayout);
}

function cover(children: Block[], ctx: Context): Content {
  const { meta } = ctx.doc;
  const hasTitle = children.some((b) => b.type === 'heading');
  const titleLines: Content[] = hasTitle
    ? []
    : [
        { text: runs(meta.title, 'heading'), style: 'coverTitle' },
        ...(meta.subtitle ? [{ text: runs(meta.subtitle, 'heading'), style: 'coverSubtitle' }] : []),
      ];
  const lines = children.flatMap((b): Content[] => {
    if (b.type === 'heading') {
      return [{ text: inlines(b.children, 'heading', ctx), style: b.level === 1 ? 'coverTitle' : 'coverSubtitle' }];
    }
    if (b.type === 'paragraph') return [{ text: inlines(b.children, 'heading', ctx), style: 'coverField' }];
    return block(b, ctx, 'box');
  });
  return {
    stack: [
      rule(ctx.width, ink.coverRule, 4, [0, 0, 0, 10]),
      ...(meta.organisation ? [{ text: runs(meta.organisation.toUpperCase(), 'heading'), style: 'coverOrganisation' }] : []),
      ...titleLines,
      { stack: lines, margin: [0, 6, 0, 0] },
      rule(ctx.width, ink.coverRule, 0.75, [0, 12, 0, 6]),
    ],
  };
}

const figureLayout: CustomTableLayout = {
  fillColor: (_row, _node, column) => (column === undefined ? null : hex(colours.calloutFill)),
  // White rules between the cells read as gutters.
  hLineWidth: (i, node) => (i === 0 || i === node.table.body.length ? 0 : 6),
  vLineWidth: (i, node) => (i === 0 || i === (node.table.widths?.length ?? 0) ? 0 : 6),
  hLineColor: () => '#ffffff',
  vLineColor: () => '#ffffff',
  paddingLeft: () => 9,
  paddingRight: () => 9,
  paddingTop: () => 8,
  paddingBottom: () => 8,
};

function keyFigures(items: KeyFigure[], ctx: Context): Content {
  if (items.length === 0) return [];
  const perRow = keyFiguresPerRow(items.length);
  const rows: PdfCell[][] = [];
  for (let i = 0; i < items.length; i += perRow) {
    const row: PdfCell[] = items.slice(i, i + perRow).map((item) => ({
      stack: [
        { text: runs(item.value, 'heading'), style: 'figureValue' },
        { text: inlines(item.label, 'heading', ctx), style: 'figureLabel', margin: [0, 2, 0, 0] },
      ],
    }));
    while (row.length < perRow) row.push({ text: '', fillColor: '#ffffff' });
    rows.push(row);
  }
  // A grid (or a row of it) that could run past a page must be free to break, or pdfmake drops it.
  return {
    table: { widths: Array.from({ length: perRow }, () => '*'), body: rows, dontBreakRows: keyFiguresFitOnPage(items, ctx, true) },
    layout: figureLayout,
    margin: [0, 2, 0, spacing.blockAfter],
    unbreakable: keyFiguresFitOnPage(items, ctx),
  };
}

/** Width of a chart as it prints: the text's, but never taller than half a page. */
function chartWidth(c: Chart, ctx: Context): number {
  const shape = chartSize(c);
  return Math.min(ctx.width, ctx.height / 2 / (shape.height / shape.width));
}

/** The height a chart and its caption take at most. */
function chartHeight(c: Chart, ctx: Context): number {
  const shape = chartSize(c);
  const picture = (chartWidth(c, ctx) * shape.height) / shape.width;
  return picture + (c.caption ? estimatedHeight([[c.caption]], sizes.small, 3, ctx) : 0) + 4;
}

function chart(c: Chart, ctx: Context): Content {
  // Drawn at the size it prints, so its labels keep their point sizes; never taller than half
  // a page, so that the chart and its heading always fit on one page.
  const shape = chartSize(c);
  const aspect = shape.height / shape.width;
  const width = chartWidth(c, ctx);
  const svg = renderChartSvg(c, { width: Math.round(width), height: Math.round(width * aspect) });
  const node = {
    svg,
    width: Math.round(width),
    // Any font-family in the SVG that is not one of ours falls back to the heading font.
    font: fonts.heading,
    options: {
      // A chart draws only vectors and text: it must never make pdfkit open a file.
      imageCallback: (): string => 'data:,',
      warningCallback: (): void => undefined,
    },
  } as Content;
  return {
    stack: [node, ...(c.caption ? [{ text: runs(c.caption, 'heading'), style: 'caption' }] : [])],
    // The caption goes with its chart, unless it is too long for the two to fit on a page.
    unbreakable: chartHeight(c, ctx) < ctx.height * FITS,
    margin: [0, 4, 0, spacing.blockAfter],
  };
}

function rule(width: number, colour: string, lineWidth: number, margin: [number, number, number, number]): Content {
  return {
    canvas: [{ type: 'line', x1: 0, y1: lineWidth / 2, x2: width, y2: lineWidth / 2, lineWidth, lineColor: hex(colour) }],
    margin,
  };
}

function toc(): Content {
  return {
    toc: {
      title: { text: labels.contents, style: 'h1' },
      textStyle: 'tocEntry',
      numberStyle: 'tocNumber',
      hideEmpty: true,
    },
    margin: [0, 0, 0, spacing.blockAfter],
  };
}

/** The Sources section, a section of the paper as its others are: endnotes, numbered as the citations in the text. */
function sources(ctx: Context): Content[] {
  const { notes, sources: entries } = ctx.doc;
  if (notes.length === 0 && entries.length === 0) return [];
  const level = sectionLevel(ctx.doc);
  const title: Content = {
    text: labels.sources,
    style: `h${level}`,
    headlineLevel: level,
    outline: true,
    ...(ctx.withToc ? { tocItem: true, tocMargin: [0, 0, 0, 2] } : {}),
  } as Content;
  const lines: Content[] =
    notes.length > 0
      ? notes.map((note) => ({
          // An entry is never split across two pages.
          stack: [
            {
              columns: [
                { text: `${note.number}.`, id: `note-${note.number}`, style: 'noteNumber', width: 16 },
                { text: runs(note.text, 'body'), style: 'noteText', width: '*' },
              ],
              columnGap: 5,
            },
          ],
          unbreakable: true,
          margin: [0, 0, 0, 3],
        }))
      : entries.map((entry) => ({ stack: [{ text: runs(entry.text, 'body'), style: 'noteText' }], unbreakable: true, margin: [0, 0, 0, 3] }));
  return [title, ...lines];
}

// ---------------------------------------------------------------------------------------------
// Inlines. pdfmake drops the properties of a text node whose `text` is an array (bold, colour,
// link, …: pdfmake issue #1174), so inlines become a flat list of leaves that each carry
// every property they inherit.

/** What an inline passes down to the text inside it. */
interface InlineStyle {
  bold?: boolean;
  italics?: boolean;
  color?: string;
  fontSize?: number;
  font?: string;
  background?: string;
  sup?: boolean;
  link?: string;
  linkToDestination?: string;
}

function inlines(children: readonly Inline[], role: FontRole, ctx: Context, inherited: InlineStyle = {}): Content[] {
  return children.flatMap((child, i) => {
    // Two citations in a row print as "1,2", not "12".
    const comma = child.type === 'cite' && children[i - 1]?.type === 'cite' ? [{ ...inherited, text: ',', sup: true }] : [];
    return [...comma, ...inline(child, role, ctx, inherited)];
  });
}

function inline(node: Inline, role: FontRole, ctx: Context, inherited: InlineStyle): Content[] {
  switch (node.type) {
    case 'text':
      return runs(node.value, role, inherited);
    case 'strong':
      return inlines(node.children, role, ctx, { ...inherited, bold: true });
    case 'emphasis':
      return inlines(node.children, role, ctx, { ...inherited, italics: true });
    case 'code':
      return runs(node.value, 'heading', { ...inherited, font: fonts.heading, background: hex(colours.tableStripe) });
    case 'break':
      return ['\n'];
    case 'link':
      return link(node.url, node.children, role, ctx, inherited);
    case 'cite':
      return [
        {
          ...inherited,
          text: String(node.note),
          sup: true,
          color: hex(ink.noteMarker),
          ...(ctx.notesPrinted ? { linkToDestination: `note-${node.note}` } : {}),
        },
      ];
  }
}

/** Paper cannot be clicked: the address prints after the text. Only web and mail links are live. */
function link(url: string, children: Inline[], role: FontRole, ctx: Context, inherited: InlineStyle): Content[] {
  const live: InlineStyle = /^(https?:|mailto:)/i.test(url) ? { link: url } : {};
  const label = plainText(children);
  const address = url.replace(/^mailto:/i, '');
  const text = inlines(children, role, ctx, { ...inherited, ...live, color: hex(ink.link) });
  if (!address || address === label) return text;
  const muted: InlineStyle = { ...inherited, ...live, color: hex(colours.muted), fontSize: sizes.small };
  return [...text, ...runs(` (${address})`, role, muted)];
}

/** Text in the subset fonts that can draw it (Latin in the node's own font). */
function runs(value: string, role: FontRole, style: InlineStyle = {}): Content[] {
  const text = clean(value);
  const plain = Object.keys(style).length === 0;
  return subsetRuns(text).map((p) => {
    if (p.subset !== 'latin') return { ...style, text: p.text, font: familyName(role, p.subset) };
    return plain ? p.text : { ...style, text: p.text };
  });
}

/**
 * Control characters print as boxes; a newline in text is a soft break, i.e. a space. Invisible
 * format characters (joiners, direction marks and overrides, the word joiner) have no glyph in
 * the shipped fonts and would print as boxes too, and pdfmake has no bidirectional layout to
 * apply them: they are dropped, all but the zero-width space, which the fonts draw (as nothing)
 * and which marks where a word may break. The soft hyphen goes too: the fonts give it the
 * hyphen's glyph, and pdfkit keeps one character per glyph, so after a soft hyphen (common in
 * text pasted from a word processor) every hyphen of the document — and, through the shared
 * shaping cache, of later documents — vanished ("2015-2018" printed as "20152018").
 */
function clean(value: string): string {
  return breakLongRuns(
    printableText(value)
      .replace(/(?!\u200b)\p{Cf}/gu, '')
      .replace(/[ \t]*\r?\n[ \t]*/g, ' ')
      .replace(/[\t\r]/g, ' '),
  );
}

/** A run of letters with no break opportunity longer than this is given some. */
const LONGEST_RUN = 40;
/** …every this many characters (whole code points; a surrogate pair is never split). */
const RUN_PIECE = 20;
const LONG_RUN = new RegExp(`[^\\s\\u200b]{${LONGEST_RUN + 1},}`, 'gu');

/**
 * pdfmake breaks a word longer than a line by trying ever shorter prefixes of it, which costs
 * time and memory that grow with the square of its length: a pasted 10,000-letter hash took
 * half a minute and 700 MB. A zero-width space (drawn as nothing) every twenty characters of
 * such a run gives the layout places to break, so the cost stays linear and the run still
 * prints whole, in order. Runs of forty characters or fewer (any real word) are left as they are.
 */
export function breakLongRuns(text: string): string {
  if (text.length <= LONGEST_RUN) return text;
  return text.replace(LONG_RUN, (run) => {
    const chars = [...run];
    const pieces: string[] = [];
    for (let i = 0; i < chars.length; i += RUN_PIECE) pieces.push(chars.slice(i, i + RUN_PIECE).join(''));
    return pieces.join('\u200b');
  });
}
