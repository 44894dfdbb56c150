// The PDF writer's blocks: each block of the Document as pdfmake content, one function per block
// type, in reading order with the page rules between them (pagination.ts): headings, paragraphs,
// lists, the cover, charts, rules, the contents and the Sources section. Tables, boxes and key
// figures are drawn by tables.ts.

import type { Content, OrderedListType, UnorderedListType } from 'pdfmake/interfaces';
import { chartAltText, chartSize, renderChartSvg } from '../../charts/svg';
import type { Block, Chart, Inline } from '../../document/model';
import { isLabel, plainText, printsHere, sectionLevel } from '../shared';
import { logoSize } from '../logo';
import { fonts, labels } from '../style';
import type { Context, Place } from './context';
import { inlines, runs } from './inlines';
import {
  bulletFitsPage,
  chartFitsOnPage,
  chartWidth,
  headingLineHeight,
  isShortParagraph,
  keptWithHeading,
  keptWithRoom,
  keptWithText,
  labelFitsWith,
  labelKeep,
  leastHeight,
  tableStart,
} from './pagination';
import { hex } from './styles';
import { calloutBox, keyFigures, quoteBox, table } from './tables';
import { itemTags, tagged } from './tagging';

export function blocks(list: readonly Block[], ctx: Context, place: Place): Content[] {
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
      const start = next?.type === 'table' ? tableStart(next.header, next.rows, ctx) : 0;
      out.push(...rendered.flatMap((node) => keptWithText(node, leastHeight(list, i + 1, ctx), headingLineHeight(b.level, b.children, ctx.style), ctx.style, start)));
    } else if (b.type === 'sources') {
      // The title, then a line per note.
      const [title, ...lines] = rendered;
      const below = lines.length * 8 + leastHeight(list, i + 1, ctx);
      const lineHeight = headingLineHeight(sectionLevel(ctx.doc), [{ type: 'text', value: labels.sources }], ctx.style);
      if (title) out.push(...keptWithText(title, below, lineHeight, ctx.style), ...lines);
    } else if (isLabel(b, next) && next !== undefined && labelFitsWith(next, ctx)) {
      // A label over a table that never splits goes with it, in one block.
      out.push({ stack: [...rendered, ...block(next, ctx, place)], unbreakable: true });
      skip = i + 1;
    } else if (isLabel(b, next)) {
      // A label over a list or table ("Supporting figures", "Outlook, plans and positions") goes
      // to the next page with what it labels rather than end a page.
      out.push(...keptWithRoom(rendered, labelKeep(ctx.style)));
    } else {
      out.push(...rendered);
    }
  });
  return out;
}

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
      return [quoteBox(blocks(b.children, ctx, 'box'), ctx)];
    case 'callout':
      return [calloutBox(b.title, blocks(b.children, ctx, 'box'), ctx)];
    case 'cover':
      return [cover(b.children, ctx)];
    case 'keyFigures':
      return [keyFigures(b.items, ctx)];
    case 'chart':
      return [chart(b.chart, ctx)];
    case 'pageBreak':
      return [{ text: '', pageBreak: 'after' }];
    case 'rule':
      return [rule(ctx.width, ctx.style.rule, 0.5, [0, 4, 0, ctx.style.blockAfter])];
    case 'toc':
      return ctx.withToc && printsHere(ctx.doc, b) ? [toc(ctx)] : [];
    case 'sources':
      return printsHere(ctx.doc, b) ? sources(ctx) : [];
  }
}

function heading(level: 1 | 2 | 3, children: Inline[], ctx: Context): Content {
  return tagged({
    text: inlines(children, 'headings', ctx),
    style: `h${level}`,
    headlineLevel: level,
    ...(level <= 2 ? { outline: true, outlineText: plainText(children) } : {}),
    // The paper's sections stand at the margin of the contents, a level below them indented.
    ...(ctx.withToc && level <= 2 ? { tocItem: true, tocMargin: [level > sectionLevel(ctx.doc) ? 14 : 0, 0, 0, 2] } : {}),
  } as Content, { role: `H${level}` });
}

function paragraph(children: Inline[], ctx: Context, place: Place): Content {
  const after = place === 'body' ? ctx.style.body.after : ctx.style.lists.after;
  const node: Content = tagged({ text: inlines(children, 'body', ctx), margin: [0, 0, 0, after] }, { role: 'P' });
  return place === 'body' && isShortParagraph(children, ctx) ? { stack: [node], unbreakable: true } : node;
}

const bulletTypes: UnorderedListType[] = ['disc', 'circle', 'square'];
const numberTypes: OrderedListType[] = ['decimal', 'lower-alpha', 'lower-roman'];

function list(ordered: boolean, items: Block[][], ctx: Context, depth: number, place: Place): Content {
  // Each item a list item: its number the label (tagging.ts finds it as pdfmake draws it), its blocks the body.
  const content = items.map((item) => {
    const parts = item.flatMap((b, j) => {
      if (b.type === 'list') return [list(b.ordered, b.items, ctx, depth + 1, 'list')];
      const rendered = block(b, ctx, 'list');
      // A label inside an item ("Supporting figures") goes over with the item's own list.
      if (j > 0 && isLabel(b, item[j + 1])) return keptWithRoom(rendered, labelKeep(ctx.style));
      return b.type === 'paragraph' && bulletFitsPage(b.children, ctx) ? [{ stack: rendered, unbreakable: true }] : rendered;
    });
    const node = parts.length === 1 && typeof parts[0] === 'object' && !Array.isArray(parts[0]) ? parts[0] : { stack: parts };
    return tagged(node as object, itemTags(ordered).body) as Content;
  });
  const after = place === 'body' ? ctx.style.body.after : 0;
  const margin: [number, number, number, number] = depth === 0 ? [0, 0, 0, after] : [0, 1, 0, 0];
  const markerColor = hex(ctx.style.lists.marker);
  return tagged(
    ordered
      ? { ol: content, type: numberTypes[depth % numberTypes.length], margin, markerColor }
      : { ul: content, type: bulletTypes[depth % bulletTypes.length], margin, markerColor },
    { role: 'L' },
  );
}

function cover(children: Block[], ctx: Context): Content {
  const { meta } = ctx.doc;
  const hasTitle = children.some((b) => b.type === 'heading');
  const titleLines: Content[] = hasTitle
    ? []
    : [
        tagged({ text: runs(meta.title, 'headings', ctx.style.typefaces), style: 'coverTitle' }, { role: 'P' }),
        ...(meta.subtitle ? [tagged({ text: runs(meta.subtitle, 'headings', ctx.style.typefaces), style: 'coverSubtitle' }, { role: 'P' })] : []),
      ];
  const lines = children.flatMap((b): Content[] => {
    if (b.type === 'heading') {
      return [tagged({ text: inlines(b.children, 'headings', ctx), style: b.level === 1 ? 'coverTitle' : 'coverSubtitle' }, { role: `H${b.level}` })];
    }
    if (b.type === 'paragraph') return [tagged({ text: inlines(b.children, 'headings', ctx), style: 'coverField' }, { role: 'P' })];
    return block(b, ctx, 'box');
  });
  const logo = ctx.logo?.placement === 'cover';
  return {
    stack: [
      ...(logo ? [logoHead(ctx)] : []),
      rule(ctx.width, ctx.style.cover.rule, 4, [0, 0, 0, 10]),
      // With a logo, the organisation's name stands beside it.
      ...(meta.organisation && !logo ? [{ text: runs(meta.organisation.toUpperCase(), 'headings', ctx.style.typefaces), style: 'coverOrganisation' }] : []),
      ...titleLines,
      { stack: lines, margin: [0, 6, 0, 0] },
      rule(ctx.width, ctx.style.cover.rule, 0.75, [0, 12, 0, 6]),
    ],
  };
}

/** The name of the logo's picture among the document's images (index.ts). */
export const LOGO_IMAGE = 'logo';

/** The logo at the head of the cover (or of the first page), left-aligned, the organisation's name beside it. */
export function logoHead(ctx: Context): Content {
  const size = logoSize(ctx.style, ctx.logo!, ctx.width / 2);
  const name = ctx.doc.meta.organisation;
  const picture = { image: LOGO_IMAGE, width: size.width, height: size.height };
  if (!name) return { ...picture, margin: [0, 0, 0, 10] };
  const middle = (size.height - ctx.style.secondary.size * ctx.style.secondary.leading) / 2;
  return {
    columns: [picture, { text: runs(name.toUpperCase(), 'headings', ctx.style.typefaces), style: 'coverOrganisation', width: '*', margin: [0, Math.max(0, middle), 0, 0] }],
    columnGap: 10,
    margin: [0, 0, 0, 10],
  };
}

function chart(c: Chart, ctx: Context): Content {
  // Drawn at the size it prints, so its labels keep their point sizes; never taller than half
  // a page, so that the chart and its heading always fit on one page.
  const shape = chartSize(c);
  const aspect = shape.height / shape.width;
  const width = chartWidth(c, ctx);
  const svg = renderChartSvg(c, { width: Math.round(width), height: Math.round(width * aspect) }, ctx.style);
  const node = tagged({
    svg,
    width: Math.round(width),
    // Any font-family in the SVG that is not one of ours falls back to the heading font.
    font: fonts.heading,
    options: {
      // A chart draws only vectors and text: it must never make pdfkit open a file.
      imageCallback: (): string => 'data:,',
      warningCallback: (): void => undefined,
    },
  }, { role: 'Figure', alt: chartAltText(c) }) as Content;
  return {
    stack: [node, ...(c.caption ? [tagged({ text: runs(c.caption, 'headings', ctx.style.typefaces), style: 'caption' }, { role: 'P' })] : [])],
    unbreakable: chartFitsOnPage(c, ctx),
    margin: [0, 4, 0, ctx.style.blockAfter],
  };
}

function rule(width: number, colour: string, lineWidth: number, margin: [number, number, number, number]): Content {
  return {
    canvas: [{ type: 'line', x1: 0, y1: lineWidth / 2, x2: width, y2: lineWidth / 2, lineWidth, lineColor: hex(colour) }],
    margin,
  };
}

function toc(ctx: Context): Content {
  return tagged({
    toc: {
      title: tagged({ text: labels.contents, style: 'h1' }, { role: 'H1' }),
      textStyle: 'tocEntry',
      numberStyle: 'tocNumber',
      hideEmpty: true,
    },
    margin: [0, 0, 0, ctx.style.blockAfter],
  }, { role: 'TOC' });
}

/** The Sources section, a section of the paper as its others are: endnotes, numbered as the citations in the text. */
function sources(ctx: Context): Content[] {
  const { notes, sources: entries } = ctx.doc;
  if (notes.length === 0 && entries.length === 0) return [];
  const level = sectionLevel(ctx.doc);
  const title: Content = tagged({
    text: labels.sources,
    style: `h${level}`,
    headlineLevel: level,
    outline: true,
    ...(ctx.withToc ? { tocItem: true, tocMargin: [0, 0, 0, 2] } : {}),
  }, { role: `H${level}` }) as Content;
  const lines: Content[] =
    notes.length > 0
      ? notes.map((note) =>
          // An entry is never split across two pages; a reader finds it as the note its markers link to.
          tagged({
            stack: [
              {
                columns: [
                  tagged({ text: `${note.number}.`, id: `note-${note.number}`, style: 'noteNumber', width: 16 }, { role: 'Lbl' }),
                  tagged({ text: runs(note.text, 'body', ctx.style.typefaces), style: 'noteText', width: '*' }, { role: 'P' }),
                ],
                columnGap: 5,
              },
            ],
            unbreakable: true,
            margin: [0, 0, 0, 3],
          }, { role: 'Note', id: `note-${note.number}` }),
        )
      : entries.map((entry) => ({ stack: [tagged({ text: runs(entry.text, 'body', ctx.style.typefaces), style: 'noteText' }, { role: 'P' })], unbreakable: true, margin: [0, 0, 0, 3] }));
  return [title, ...lines];
}
