// A data table: its header row repeated on each page, how it breaks across pages, and the widths
// of its columns, measured in the table font so that a figure or a year stays on its line.

import { AlignmentType, Paragraph, Table, TableCell, TableLayoutType, TableRow, WidthType } from 'docx';
import type { Align, TableCell as ModelCell } from '../../document/model';
import { columnFits, headingWidths, plainText, tableFamily } from '../shared';
import type { StyleTokens } from '../style';
import type { Context } from './context';
import { inlines, inStyle } from './inlines';
import { twips } from './units';

export function table(align: Align[], header: ModelCell[], rows: ModelCell[][], ctx: Context): Table {
  const columns = Math.max(header.length, ...rows.map((r) => r.length), 1);
  // Tables under the same header are sized alike, so their columns line up from one to the next.
  const widths = columnWidths(header, tableFamily(ctx.doc, { header, rows }).rows, align, columns, ctx.width, ctx.style);
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
            children: [new Paragraph({ style, alignment: alignment(align[i] ?? null), children: inlines(cells[i]?.children ?? [], ctx, inStyle(style, ctx)) })],
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
function columnWidths(
  header: readonly ModelCell[],
  rows: readonly (readonly ModelCell[])[],
  align: readonly Align[],
  columns: number,
  width: number,
  style: StyleTokens,
): number[] {
  const fits = columnFits(header, rows, align);
  const { cell: cellWidth, heading: headingWidth } = tableTextWidths();
  const size = style.tables.text.size;
  const measure = (cells: readonly ModelCell[], i: number, ems: (text: string) => number) => {
    const text = plainText(cells[i]?.children ?? []);
    const cited = cells[i]?.children.some((c) => c.type === 'cite') ? NOTE_NUMBER : 0;
    return { whole: ems(text) * size * 1.1 + cited, word: Math.max(0, ...text.split(/\s+/).map((w) => ems(w) * size * 1.1)) };
  };
  const measured = Array.from({ length: columns }, (_, i) => [measure(header, i, headingWidth), ...rows.map((r) => measure(r, i, cellWidth))]);
  const padding = 2 * (style.tables.cellPadding + 2) + 4;
  // Past this, a fitted column wraps rather than crowd the others.
  const most = 40 * size * 0.5;
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

function alignment(align: Align): (typeof AlignmentType)[keyof typeof AlignmentType] {
  return align === 'right' ? AlignmentType.RIGHT : align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT;
}
