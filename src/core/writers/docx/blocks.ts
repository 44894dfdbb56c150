// Blocks: one pure function per block type, from a Document's blocks to Word paragraphs and
// tables — headings, paragraphs, lists, quotes, callouts and key figures (drawn as tables), the
// cover, charts, rules and the table of contents. Data tables are in tables.ts, Sources in notes.ts.

import {
  BorderStyle,
  ImageRun,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type IParagraphOptions,
  type ParagraphChild,
  type UniversalMeasure,
} from 'docx';
import { chartAltText } from '../../charts/svg';
import type { Block, Chart, Document, Inline, KeyFigure } from '../../document/model';
import { logoSize } from '../logo';
import { isLabel, printsHere, sectionLevel } from '../shared';
import { keyFiguresPerRow, labels } from '../style';
import type { Context, Lead } from './context';
import { inlines, inStyle } from './inlines';
import { logoRun } from './pages';
import { sources } from './notes';
import { BULLET_LIST, listIndent, NUMBER_LIST } from './styles';
import { table } from './tables';
import { clean, hasText, run } from './text';
import { twips } from './units';

export function blocks(list: readonly Block[], ctx: Context, lead: Lead = {}): FileChild[] {
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
      return [new Paragraph({ style: 'Rule', ...leadOptions(lead, ctx), children: [] })];
    case 'toc':
      return ctx.withToc && printsHere(ctx.doc, b) ? toc(lead, ctx) : [];
    case 'sources':
      return printsHere(ctx.doc, b) ? sources(ctx, lead) : [];
    case 'pageBreak':
      return [];
  }
}

/** The options the first paragraph of a block takes from its lead. */
function leadOptions(lead: Lead, ctx: Context): Pick<IParagraphOptions, 'pageBreakBefore' | 'spacing'> {
  return {
    ...(lead.pageBreakBefore ? { pageBreakBefore: true } : {}),
    ...(lead.afterTable ? { spacing: { before: twips(ctx.style.blockAfter) } } : {}),
  };
}

function heading(level: 1 | 2 | 3, children: Inline[], ctx: Context, lead: Lead): Paragraph[] {
  if (!hasText(children)) return [];
  // Headings keep their own space before, which is already more than a table's gap.
  const style = `Heading${level}`;
  return [new Paragraph({ style, pageBreakBefore: lead.pageBreakBefore, children: inlines(children, ctx, inStyle(style, ctx)) })];
}

function paragraph(children: Inline[], ctx: Context, lead: Lead): Paragraph[] {
  if (!hasText(children)) return [];
  // A label above a list or table is a paragraph style of its own, kept with what it labels.
  const style = lead.label ? 'Label' : lead.style;
  // No line of a paragraph left alone at the foot or the head of a page.
  return [new Paragraph({ style, widowControl: true, ...leadOptions(lead, ctx), children: inlines(children, ctx, inStyle(style, ctx)) })];
}

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
        const options = leadOptions(first, ctx);
        const spacingAfter = lastOfAll ? { spacing: { ...options.spacing, after: twips(ctx.style.body.after) } } : {};
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

/**
 * The look of a table drawn only for its layout (a callout's box, the key figures' grid): no
 * header row, no banding, so that neither Word nor a screen reader takes its first row for
 * column headings.
 */
const LAYOUT_LOOK = { firstRow: false, lastRow: false, firstColumn: false, lastColumn: false, noHBand: true, noVBand: true };

/** A callout is a one-cell table, the one box Word and LibreOffice both draw around anything. */
function callout(title: Inline[], children: Block[], ctx: Context): FileChild[] {
  const content = [
    ...(hasText(title) ? [new Paragraph({ style: 'CalloutTitle', children: inlines(title, ctx, inStyle('CalloutTitle', ctx)) })] : []),
    ...cellContent(blocks(children, ctx, { style: 'Callout' })),
  ];
  if (content.length === 0) return [];
  return [
    new Table({
      style: 'CalloutBox',
      width: { size: twips(ctx.width), type: WidthType.DXA },
      columnWidths: [twips(ctx.width)],
      layout: TableLayoutType.FIXED,
      tableLook: LAYOUT_LOOK,
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
 * when there is none), then field lines (Visit, Date, …), between two rules in the cover's colour.
 */
function cover(children: Block[], ctx: Context, lead: Lead): FileChild[] {
  const { meta } = ctx.doc;
  const lines: { style: string; children: ParagraphChild[] }[] = [];
  const out: FileChild[] = [];
  // With a logo, the organisation's name stands beside it, over the cover's rule.
  const logo = ctx.logo?.image.placement === 'cover' ? [logoParagraph(ctx, lead)] : [];
  if (meta.organisation && logo.length === 0) lines.push({ style: 'CoverOrganisation', children: [run(meta.organisation)] });
  if (!children.some((b) => b.type === 'heading' && hasText(b.children))) {
    lines.push({ style: 'Title', children: [run(meta.title)] });
    if (meta.subtitle) lines.push({ style: 'Subtitle', children: [run(meta.subtitle)] });
  }
  // The lines first, then the other blocks, as the file holds them: a citation's footnote is
  // written in full or in short by the order of the marks in the file.
  for (const b of children) {
    if ((b.type === 'heading' || b.type === 'paragraph') && hasText(b.children)) {
      const style = b.type === 'paragraph' ? 'CoverField' : b.level === 1 ? 'Title' : 'Subtitle';
      lines.push({ style, children: inlines(b.children, ctx, inStyle(style, ctx)) });
    }
  }
  for (const b of children) if (b.type !== 'heading' && b.type !== 'paragraph') out.push(...block(b, ctx, {}));
  const rule = (side: 'top' | 'bottom', size: number, space: number) => ({
    [side]: { style: BorderStyle.SINGLE, color: ctx.style.cover.rule, size: size * 8, space },
  });
  // The title heads the outline (a screen reader's list of headings, Word's navigation pane) at
  // level 1, over the paper's sections at level 2; where the sections are at level 1, it stays out.
  const titleOutline = sectionLevel(ctx.doc) > 1 ? { outlineLevel: 0 } : {};
  const paragraphs = lines.map(
    (line, i) =>
      new Paragraph({
        style: line.style,
        ...(line.style === 'Title' ? titleOutline : {}),
        keepNext: i < lines.length - 1,
        keepLines: true,
        ...(i === 0 && logo.length === 0 ? { pageBreakBefore: lead.pageBreakBefore } : {}),
        border: { ...(i === 0 ? rule('top', 4, 10) : {}), ...(i === lines.length - 1 ? rule('bottom', 0.75, 12) : {}) },
        ...(i === lines.length - 1 ? { spacing: { after: twips(6) } } : {}),
        children: line.children,
      }),
  );
  return [...logo, ...paragraphs, ...out];
}

/** The logo at the head of the cover (or of the first page), left-aligned, the organisation's name beside it. */
export function logoParagraph(ctx: Context, lead: Lead): Paragraph {
  const name = ctx.doc.meta.organisation;
  return new Paragraph({
    style: 'CoverOrganisation',
    keepNext: true,
    ...(lead.pageBreakBefore ? { pageBreakBefore: true } : {}),
    spacing: { after: twips(10) },
    children: [logoRun(ctx.logo!, ctx.style, ctx.width / 2), ...(name ? [organisationBeside(name, ctx)] : [])],
  });
}

/**
 * The organisation's name beside the logo, raised towards the logo's middle (as the PDF and HTML
 * set it), where a word processor would sit it on the picture's foot. Word puts an inline
 * picture's foot on the baseline, LibreOffice a little below it: the raise (half the logo's
 * height, less a third of the name's size for half its capitals, less a twelfth of the height)
 * splits the difference, a few points either side of the middle in each.
 */
function organisationBeside(name: string, ctx: Context): TextRun {
  const { height } = logoSize(ctx.style, ctx.logo!.image, ctx.width / 2);
  const raise = Math.max(0, Math.round(height / 2 - ctx.style.secondary.size / 3 - height / 12));
  // In half-points, as Word writes it: docx types the value as a measure with a unit ("21pt"),
  // which only later Word versions read.
  return new TextRun({ text: clean(`\u2003${name}`), position: String(raise * 2) as UniversalMeasure });
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
          shading: { fill: ctx.style.keyFigures.fill },
          children: [
            new Paragraph({ style: 'KeyFigureValue', children: [run(item.value)] }),
            ...(hasText(item.label) ? [new Paragraph({ style: 'KeyFigureLabel', children: inlines(item.label, ctx, inStyle('KeyFigureLabel', ctx)) })] : []),
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
      tableLook: LAYOUT_LOOK,
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
    ...leadOptions(lead, ctx),
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
 * The first outline level the contents list. Word lists every paragraph at an outline level the
 * field names, not only the Heading styles: a cover's title, at level 1 over sections at level 2,
 * is left out by starting at the sections' level.
 */
function contentsTop(doc: Document): number {
  return doc.blocks.some((b) => b.type === 'cover') ? sectionLevel(doc) : 1;
}

/**
 * The table of contents: a real Word TOC field over Heading 1–3, which Word refreshes when it
 * opens the file. docx writes an entry for each heading into the field's result, with its page
 * number where the document is laid out (index.ts `pack`), so the contents read right before any update.
 */
function toc(lead: Lead, ctx: Context): FileChild[] {
  return [
    new Paragraph({ style: 'TOCHeading', ...leadOptions(lead, ctx), children: [run(labels.contents)] }),
    new TableOfContents(labels.contents, { hyperlink: true, headingStyleRange: `${contentsTop(ctx.doc)}-3` }),
  ];
}
