// Everything the PDF draws as a pdfmake table, with its layout from the house style: data tables,
// the boxes around callouts and quotes (a one-cell table, the only pdfmake node that takes a fill
// and a single-sided border), and the grid of key figures. The blocks inside a box are written
// by blocks.ts and handed in, so that this file never calls back into it.

import type { Content, ContentTable, CustomTableLayout, TableCell as PdfCell } from 'pdfmake/interfaces';
import type { Align, Inline, KeyFigure, TableCell } from '../../document/model';
import { columnFits, tableFamily } from '../shared';
import { keyFiguresPerRow, type StyleTokens } from '../style';
import type { Context } from './context';
import { familyColumn } from './engine';
import { inlines, runs } from './inlines';
import { isSmallTable, keyFiguresFitOnPage, tableRowsFit, tableTexts } from './pagination';
import { hex } from './styles';
import { cellTag, itemTags, tagged, type Tag } from './tagging';

export function table(align: Align[], header: TableCell[], rows: TableCell[][], ctx: Context): Content {
  const family = tableFamily(ctx.doc, { header, rows });
  const texts = tableTexts(header, rows);
  const columns = Math.max(header.length, ...rows.map((r) => r.length));
  // Each cell in its row, the header's as column headers (tagging.ts); an empty cell is still a cell.
  const cell = (c: TableCell | undefined, column: number, style: string, row: Tag): PdfCell =>
    tagged({ text: c ? inlines(c.children, 'tables', ctx) : '', style, alignment: align[column] ?? 'left' }, cellTag(row, style === 'tableHeader'));
  const row = (cells: TableCell[], style: string): PdfCell[] => {
    const tag: Tag = { role: 'TR' };
    return Array.from({ length: columns }, (_, i) => cell(cells[i], i, style, tag));
  };
  const node: ContentTable = tagged({
    table: {
      headerRows: 1,
      // The header travels with the first row, unless they could outgrow a page together: pdfmake
      // keeps them as one unbreakable block, and drops what of it does not fit.
      keepWithHeaderRows: rows.length > 0 && tableRowsFit(texts.slice(0, 2), ctx) ? 1 : 0,
      widths: columnFits(header, family.rows, align).map((fit, i) => {
        const width = fit === 'fit' ? 'auto' : '*';
        return family.key ? familyColumn(ctx.families, family.key, i, width) : width;
      }),
      body: [row(header, 'tableHeader'), ...rows.map((r) => row(r, 'tableCell'))],
      // A row goes to the next page whole, as in the DOCX (cantSplit), rather than leave a line
      // of its text behind, unless a row could be taller than a page (pdfmake would drop the rest).
      dontBreakRows: texts.slice(1).every((row) => tableRowsFit([row], ctx)),
    },
    layout: dataTableLayout(ctx.style),
    margin: [0, 2, 0, ctx.style.blockAfter],
    unbreakable: isSmallTable(texts, ctx),
  } as ContentTable, { role: 'Table' });
  return node;
}

function dataTableLayout(style: StyleTokens): CustomTableLayout {
  const { headerFill, stripe, rule, cellPadding } = style.tables;
  return {
    fillColor: (row) => (row === 0 ? hex(headerFill) : row % 2 === 0 ? hex(stripe) : null),
    hLineWidth: (i, node) => (i === node.table.body.length ? 0.75 : 0),
    hLineColor: () => hex(rule),
    vLineWidth: () => 0,
    paddingLeft: () => cellPadding + 2,
    paddingRight: () => cellPadding + 2,
    paddingTop: () => cellPadding - 1,
    paddingBottom: () => cellPadding - 1,
  };
}

/** A one-cell table: the only pdfmake node that takes a fill and a single-sided border; no table to a reader, but what it is (`tag`). */
function box(content: Content[], layout: CustomTableLayout, ctx: Context, tag: Tag): Content {
  return tagged(
    {
      table: { widths: ['*'], body: [[{ stack: content }]] },
      layout,
      margin: [0, 2, 0, ctx.style.blockAfter],
    } as Content & object,
    tag,
  );
}

/** A callout: its title, then its blocks (`body`, as blocks.ts writes them), on a fill with a bar on the left. */
export function calloutBox(title: Inline[], body: Content[], ctx: Context): Content {
  const { fill, border } = ctx.style.callouts;
  const layout: CustomTableLayout = {
    fillColor: () => hex(fill),
    hLineWidth: () => 0,
    vLineWidth: (i) => (i === 0 ? 3 : 0),
    vLineColor: () => hex(border),
    paddingLeft: () => 11,
    paddingRight: () => 10,
    paddingTop: () => 8,
    paddingBottom: () => 6,
  };
  const head: Content[] = title.length > 0 ? [tagged({ text: inlines(title, 'headings', ctx), style: 'calloutTitle' }, { role: 'P' })] : [];
  return box([...head, ...body], layout, ctx, { role: 'Div' });
}

/** A quote: its blocks (`body`, as blocks.ts writes them) in the colour of secondary text, beside a rule. */
export function quoteBox(body: Content[], ctx: Context): Content {
  const layout: CustomTableLayout = {
    hLineWidth: () => 0,
    vLineWidth: (i) => (i === 0 ? 2 : 0),
    vLineColor: () => hex(ctx.style.rule),
    paddingLeft: () => 10,
    paddingRight: () => 0,
    paddingTop: () => 1,
    paddingBottom: () => 0,
  };
  return box([{ stack: body, italics: true, color: hex(ctx.style.secondary.colour) }], layout, ctx, { role: 'BlockQuote' });
}

function figureLayout(style: StyleTokens): CustomTableLayout {
  return {
    fillColor: (_row, _node, column) => (column === undefined ? null : hex(style.keyFigures.fill)),
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
}

export function keyFigures(items: KeyFigure[], ctx: Context): Content {
  if (items.length === 0) return [];
  const perRow = keyFiguresPerRow(items.length);
  const rows: PdfCell[][] = [];
  for (let i = 0; i < items.length; i += perRow) {
    // To a reader, a list of figures, each tile an item read whole: its value, then its label.
    const row: PdfCell[] = items.slice(i, i + perRow).map((item) =>
      tagged(
        {
          stack: [
            tagged({ text: runs(item.value, 'headings', ctx.style.typefaces), style: 'figureValue' }, { role: 'P' }),
            tagged({ text: inlines(item.label, 'headings', ctx), style: 'figureLabel', margin: [0, 2, 0, 0] }, { role: 'P' }),
          ],
        },
        itemTags(false).body,
      ),
    );
    while (row.length < perRow) row.push({ text: '', fillColor: '#ffffff' });
    rows.push(row);
  }
  // A grid (or a row of it) that could run past a page must be free to break, or pdfmake drops it.
  return tagged({
    table: { widths: Array.from({ length: perRow }, () => '*'), body: rows, dontBreakRows: keyFiguresFitOnPage(items, ctx, true) },
    layout: figureLayout(ctx.style),
    margin: [0, 2, 0, ctx.style.blockAfter],
    unbreakable: keyFiguresFitOnPage(items, ctx),
  } as Content & object, { role: 'L' });
}
