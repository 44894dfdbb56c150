// Page discipline, which pdfmake lacks: headings kept with the text under them, labels with what
// they label, short paragraphs, bullets, small tables, figures and charts moved to the next page
// whole, and the height estimates that say when keeping a block whole is safe (pdfmake drops
// what of an unbreakable block overflows a page).

import type { Content, Node as PdfNode, NodeQueries } from 'pdfmake/interfaces';
import { chartSize } from '../../charts/svg';
import type { Block, Chart, Inline, KeyFigure, TableCell } from '../../document/model';
import { fontFile, typefaceRuns, type RunFace } from '../fonts';
import { plainText } from '../shared';
import { keyFiguresPerRow, type StyleTokens, type Typeface } from '../style';
import { trueTypeFile, verticalMetrics } from '../truetype';
import type { Context } from './context';
import { LONGEST_RUN, RUN_PIECE } from './inlines';
import { lh } from './styles';

/** What of a page a block kept whole may take: the estimates below are generous, but estimates. */
const FITS = 0.75;

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
    const lines = Math.max(1, ...row.map((text) => linesOf(text, charactersPerLine)));
    return sum + lines * fontSize * ctx.style.body.leading + perRow;
  }, 0);
}

/**
 * The lines `text` takes at `charactersPerLine`. A run with no break opportunity longer than
 * LONGEST_RUN is printed in pieces of RUN_PIECE characters (inlines.ts `breakLongRuns`), and a
 * line holds whole pieces only: a 197-letter run in a line of 38 takes ten lines, not six (a
 * paragraph of such runs, kept whole as if it took half as many lines, ran off its page, and
 * pdfmake dropped it).
 */
function linesOf(text: string, charactersPerLine: number): number {
  const perLine = charactersPerLine >= RUN_PIECE ? Math.floor(charactersPerLine / RUN_PIECE) * RUN_PIECE : charactersPerLine;
  let lines = 0;
  let rest = 0;
  for (const word of text.split(/\s+/)) {
    const length = [...word].length;
    if (length > LONGEST_RUN) lines += Math.ceil(length / perLine);
    else rest += length + 1;
  }
  return lines + Math.ceil(rest / charactersPerLine);
}

const surelyFits = (rows: readonly (readonly string[])[], fontSize: number, perRow: number, ctx: Context): boolean =>
  estimatedHeight(rows, fontSize, perRow, ctx) < ctx.height * FITS;

// ---------------------------------------------------------------------------------------------
// Headings.

/**
 * Room a heading needs below its top to stay on its page: its own space and about three lines
 * of the text it introduces. With less, it moves to the next page with that text.
 */
function headingKeep(style: StyleTokens): number {
  const { h1 } = style.heading;
  return h1.before + h1.size * h1.leading + h1.after + 3 * style.body.size * style.body.leading;
}

// pdfmake's own "following nodes on page" queries count the running header and footer, and
// report nodes inside unbreakable blocks on the wrong page, so the test is by position.
export function keepHeadingsWithText(node: PdfNode, queries: NodeQueries, style: StyleTokens): boolean {
  if (node.headlineLevel === undefined) return false;
  const { pageInnerHeight, verticalRatio } = node.startPosition;
  return pageInnerHeight * (1 - verticalRatio) < headingKeep(style) && queries.getNodesOnNextPage().length > 0;
}

/**
 * The same rule as `keepHeadingsWithText`, in the layout itself, for a heading of the body with
 * at least `headingKeep` of text under it. pdfmake applies `pageBreakBefore` by laying the whole
 * document out again after each heading it moves: a long document would be laid out once per
 * page or so. Instead, two nodes that take no room go before the heading:
 *
 * - an empty line in the heading's style, with its top margin, taken back by its bottom margin:
 *   where the margin or the line does not fit at the foot of the page, pdfmake moves it to the
 *   next page exactly as it would move the heading's first line, and the heading then starts at
 *   the top of that page, without its margin;
 * - an unbreakable block as tall as the heading's margin and `headingKeep`, taken back: where it
 *   does not fit, pdfmake moves it, and so the heading, to the next page.
 *
 * The pages come out as with `keepHeadingsWithText`: the text under the heading is sure to run
 * onto the next page when there is less room than that, which is the other half of its test.
 * `lineHeight` is the height pdfmake gives the heading's first line; without it (a heading in
 * other faces or scripts), the heading is left to `keepHeadingsWithText`.
 */
export function keptWithText(node: Content, textBelow: number, lineHeight: number | undefined, style: StyleTokens, start = 0): Content[] {
  const heading = node as { headlineLevel?: number; style?: unknown };
  const keep = headingKeep(style);
  if (heading.headlineLevel === undefined || lineHeight === undefined || textBelow < keep) return [node];
  const level = heading.style as 'h1' | 'h2' | 'h3';
  const { before, after } = style.heading[level];
  // `start`: what the block under it needs to begin (a table's header and first row, which go together).
  const room = before + Math.max(keep, lineHeight + after + start);
  delete heading.headlineLevel;
  return [
    { text: '', style: level, margin: [0, before, 0, -(before + lineHeight)] },
    { stack: [{ stack: [], margin: [0, room, 0, 0] }], unbreakable: true, margin: [0, 0, 0, -room] },
    node,
  ];
}

/**
 * The height pdfmake gives a line of a heading of `level` set in the heading face, worked out as
 * pdfkit does ((ascender − descender) / 1000 × size, from the font's hhea table) times the
 * style's line height; `undefined` when the heading has text in another face or script.
 */
export function headingLineHeight(level: 1 | 2 | 3, children: readonly Inline[], style: StyleTokens): number | undefined {
  const plain = (inlines: readonly Inline[]): boolean =>
    inlines.every((i) => i.type === 'text' || i.type === 'cite' || i.type === 'break' || (i.type === 'strong' && plain(i.children)));
  const typeface = style.typefaces.headings;
  if (!plain(children) || typefaceRuns(plainText(children), 'headings', style.typefaces).some((run) => !sameAsTypeface(run.face, typeface))) return undefined;
  const bold = 'shipped' in typeface ? trueTypeFile(typeface.shipped, fontFile(typeface.shipped, 'latin', 'bold', 'woff'))! : (typeface.house.faces.bold ?? typeface.house.faces.normal);
  const { ascent, descent, unitsPerEm } = verticalMetrics(bold);
  const scale = 1000 / unitsPerEm;
  const ascender = ascent * scale;
  const descender = descent * scale;
  const heading = style.heading[`h${level}`];
  return ((ascender + 0 - descender) / 1000) * heading.size * lh(heading.leading, 'headings', style.typefaces);
}

/** Whether a run is set in the typeface's own face (Latin, for a shipped family). */
function sameAsTypeface(face: RunFace, typeface: Typeface): boolean {
  return 'house' in typeface ? 'house' in face && face.house === typeface.house : 'shipped' in face && face.shipped === typeface.shipped && face.subset === 'latin';
}

/**
 * The least height the blocks from `from` on can take, in points: a line of small text per
 * line they are sure to have. Infinite when a page break comes before more content.
 */
export function leastHeight(list: readonly Block[], from: number, ctx: Context): number {
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
  const keep = headingKeep(ctx.style);
  let height = 0;
  for (let i = from; i < list.length; i++) {
    const b = list[i]!;
    if (b.type === 'pageBreak' && list.slice(i + 1).some((after) => after.type !== 'pageBreak')) return Infinity;
    height += of(b);
    if (height >= keep) return height;
  }
  return height;
}

/**
 * Whether a block goes with the heading above it, in one unbreakable stack: a chart or a grid of
 * key figures, which never split, when the two are sure to fit on a page. pdfmake drops whatever
 * of an unbreakable block does not fit on one page.
 */
export function keptWithHeading(heading: Block & { type: 'heading' }, b: Block, ctx: Context): boolean {
  const level = ctx.style.heading[`h${heading.level}`];
  const headingHeight = estimatedHeight([[plainText(heading.children)]], level.size, level.before, ctx);
  const blockHeight = wholeBlockHeight(b, ctx);
  return blockHeight !== undefined && headingHeight + blockHeight < ctx.height * FITS;
}

/**
 * The room a heading keeps for the start of a table under it: its header and first row. Never
 * more than half a page: the room is an unbreakable block, which must fit on one.
 */
export function tableStart(header: TableCell[], rows: TableCell[][], ctx: Context): number {
  const { text, cellPadding } = ctx.style.tables;
  return Math.min(ctx.height / 2, estimatedHeight(tableTexts(header, rows).slice(0, 2), text.size, 2 * cellPadding, ctx));
}

// ---------------------------------------------------------------------------------------------
// Labels, paragraphs and bullets.

/** Room a label needs below its top to stay on its page: its line and two lines of what it labels. */
export const labelKeep = (style: StyleTokens): number => 3 * style.body.size * style.body.leading + style.body.after;

/** Whether a label and the block under it, which never splits, are sure to fit on a page together. */
export function labelFitsWith(b: Block, ctx: Context): boolean {
  const height = wholeBlockHeight(b, ctx);
  return height !== undefined && height < ctx.height * FITS - labelKeep(ctx.style);
}

/**
 * `nodes`, after an invisible block `room` high that cannot split: where less than `room` is left
 * on the page, that block, and so the nodes, start on the next one. It takes no space itself.
 */
export function keptWithRoom(nodes: Content[], room: number): Content[] {
  return [{ stack: [{ stack: [], margin: [0, room, 0, 0] }], unbreakable: true, margin: [0, 0, 0, -room] }, ...nodes];
}

/** Lines, as `estimatedHeight` counts them (every character an em wide: about twice the lines it prints), of a paragraph kept whole. */
const SHORT_PARAGRAPH_LINES = 8;

/**
 * A paragraph of a few lines goes to the next page whole rather than leave one line alone at
 * the foot of a page or the head of the next (pdfmake has no widow or orphan control).
 */
export function isShortParagraph(children: readonly Inline[], ctx: Context): boolean {
  const { body } = ctx.style;
  return estimatedHeight([[plainText(children)]], body.size, 0, ctx) <= SHORT_PARAGRAPH_LINES * body.size * body.leading;
}

/**
 * A bullet's paragraph goes to the next page whole rather than split, where it is sure to fit
 * on one (pdfmake drops what of an unbreakable block overflows a page).
 */
export const bulletFitsPage = (children: readonly Inline[], ctx: Context): boolean =>
  surelyFits([[plainText(children)]], ctx.style.body.size, 0, ctx);

// ---------------------------------------------------------------------------------------------
// Blocks that never split.

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
  return isSmallTable(texts, ctx) ? tableHeight(texts, ctx) : undefined;
}

export const tableTexts = (header: TableCell[], rows: TableCell[][]): string[][] => [header, ...rows].map((row) => row.map((cell) => plainText(cell.children)));

const tableHeight = (texts: readonly (readonly string[])[], ctx: Context): number =>
  estimatedHeight(texts, ctx.style.tables.text.size, 2 * ctx.style.tables.cellPadding, ctx);

/** Whether rows of a table, in its text and padding, are sure to fit on a page. */
export const tableRowsFit = (texts: readonly (readonly string[])[], ctx: Context): boolean =>
  surelyFits(texts, ctx.style.tables.text.size, 2 * ctx.style.tables.cellPadding, ctx);

/**
 * A small table moves to the next page whole rather than leave a row or two behind. Only
 * tables sure to be shorter than a page with a heading above them (which then goes with them):
 * pdfmake drops what of an unbreakable block overflows.
 */
export function isSmallTable(texts: string[][], ctx: Context): boolean {
  const characters = texts.flat().reduce((sum, text) => sum + text.length, 0);
  return texts.length - 1 <= 8 && characters <= 1200 && tableHeight(texts, ctx) + headingKeep(ctx.style) < ctx.height * FITS;
}

/** The rows of a grid of key figures, as text. */
function keyFigureRows(items: readonly KeyFigure[]): string[][] {
  const perRow = keyFiguresPerRow(items.length);
  const rows: string[][] = [];
  for (let i = 0; i < items.length; i += perRow) rows.push(items.slice(i, i + perRow).map((item) => `${item.value} ${plainText(item.label)}`));
  return rows;
}

const keyFiguresHeight = (items: readonly KeyFigure[], ctx: Context): number =>
  estimatedHeight(keyFigureRows(items), ctx.style.keyFigures.label.size, ctx.style.keyFigures.value.size * 2, ctx);

/** Whether a grid of key figures can be kept whole; with `eachRow`, whether each of its rows can. */
export function keyFiguresFitOnPage(items: readonly KeyFigure[], ctx: Context, eachRow = false): boolean {
  const { label, value } = ctx.style.keyFigures;
  if (eachRow) return keyFigureRows(items).every((row) => surelyFits([row], label.size, value.size * 2, ctx));
  return items.length <= 8 && keyFiguresHeight(items, ctx) < ctx.height * FITS;
}

/** Width of a chart as it prints: the text's, but never taller than half a page. */
export function chartWidth(c: Chart, ctx: Context): number {
  const shape = chartSize(c);
  return Math.min(ctx.width, ctx.height / 2 / (shape.height / shape.width));
}

/** The caption goes with its chart, unless it is too long for the two to fit on a page. */
export const chartFitsOnPage = (c: Chart, ctx: Context): boolean => chartHeight(c, ctx) < ctx.height * FITS;

/** The height a chart and its caption take at most. */
function chartHeight(c: Chart, ctx: Context): number {
  const shape = chartSize(c);
  const picture = (chartWidth(c, ctx) * shape.height) / shape.width;
  return picture + (c.caption ? estimatedHeight([[c.caption]], ctx.style.secondary.size, 3, ctx) : 0) + 4;
}

/**
 * pdfmake starts a new, empty page when the bottom margin of the last node no longer fits on
 * the last page: the end of the document carries no margin.
 */
export function withoutTrailingMargin(content: Content[]): Content[] {
  const last = content[content.length - 1];
  if (last && typeof last === 'object' && !Array.isArray(last)) {
    const node = last as { margin?: unknown; stack?: Content[] };
    if (Array.isArray(node.margin) && node.margin.length === 4) node.margin = [...node.margin.slice(0, 3), 0];
    if (Array.isArray(node.stack)) withoutTrailingMargin(node.stack);
  }
  return content;
}
