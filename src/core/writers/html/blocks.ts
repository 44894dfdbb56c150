// The HTML writer's blocks: each block of the Document as its element, the contents and the
// Sources section.
import { chartSize, renderChartSvg } from '../../charts/svg';
import type { Align, Block, Chart, Inline, KeyFigure, TableCell } from '../../document/model';
import { columnFits, plainText, printsHere, sectionLevel, tableFamily } from '../shared';
import { logoDataUrl, logoOf } from '../logo';
import { keyFiguresPerRow, labels } from '../style';
import type { Context } from './context';
import { esc, inlines } from './inlines';

export function numberHeadings(list: readonly Block[], ctx: Context): void {
  list.forEach((b) => {
    if (b.type === 'heading') ctx.headingIds.set(b, `section-${ctx.headingIds.size + 1}`);
  });
}

export function blocks(list: readonly Block[], ctx: Context): string {
  return list
    .filter((b, i) => !(b.type === 'pageBreak' && (i === list.length - 1 || list[i + 1]?.type === 'pageBreak')))
    .map((b) => block(b, ctx))
    .filter(Boolean)
    .join('\n');
}

function block(b: Block, ctx: Context): string {
  switch (b.type) {
    case 'heading': {
      const id = ctx.headingIds.get(b);
      return `<h${b.level}${id ? ` id="${id}"` : ''}>${inlines(b.children, ctx)}</h${b.level}>`;
    }
    case 'paragraph':
      return `<p>${inlines(b.children, ctx)}</p>`;
    case 'list':
      return list(b.ordered, b.items, ctx);
    case 'table':
      return table(b.align, b.header, b.rows, ctx);
    case 'blockquote':
      return `<blockquote>\n${blocks(b.children, ctx)}\n</blockquote>`;
    case 'callout':
      return callout(b.title, b.children, ctx);
    case 'cover':
      return cover(b.children, ctx);
    case 'keyFigures':
      return keyFigures(b.items, ctx);
    case 'chart':
      return chart(b.chart, ctx);
    case 'pageBreak':
      return '<div class="page-break" role="separator"></div>';
    case 'rule':
      return '<hr>';
    case 'toc':
      return ctx.withToc && printsHere(ctx.doc, b) ? toc(ctx) : '';
    case 'sources':
      return printsHere(ctx.doc, b) ? sources(ctx) : '';
  }
}

function list(ordered: boolean, items: Block[][], ctx: Context): string {
  const tag = ordered ? 'ol' : 'ul';
  const lis = items.map((item) => `<li>${item.map((b) => block(b, ctx)).join('')}</li>`);
  return `<${tag}>\n${lis.join('\n')}\n</${tag}>`;
}

function table(align: Align[], header: TableCell[], rows: TableCell[][], ctx: Context): string {
  const family = tableFamily(ctx.doc, { header, rows });
  const fits = columnFits(header, family.rows, align);
  const classes = (i: number, head: boolean): string => {
    const names = [align[i] === 'right' ? 'right' : align[i] === 'center' ? 'center' : '', head && fits[i] === 'fit' ? 'fit' : ''];
    const value = names.filter(Boolean).join(' ');
    return value ? ` class="${value}"` : '';
  };
  // A fitted column of a table with a family is as wide as the family's longest text in it, so
  // that the tables line up; a character is counted as wide as a digit (`ch`).
  const familyWidth = (i: number): string => {
    if (!family.key || fits[i] !== 'fit') return '';
    const longest = Math.max(plainText(header[i]?.children ?? []).length, ...family.rows.map((r) => plainText(r[i]?.children ?? []).length));
    return ` style="width:${longest + 1}ch"`;
  };
  const cells = (row: TableCell[], head: boolean): string =>
    fits
      .map((_, i) => {
        const tag = head ? 'th' : 'td';
        return `<${tag}${head ? ` scope="col"${familyWidth(i)}` : ''}${classes(i, head)}>${inlines(row[i]?.children ?? [], ctx)}</${tag}>`;
      })
      .join('');
  const body = rows.map((r) => `<tr>${cells(r, false)}</tr>`).join('\n');
  return `<table class="data">\n<thead><tr>${cells(header, true)}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function callout(title: Inline[], children: Block[], ctx: Context): string {
  const head = title.length > 0 ? `<p class="callout-title">${inlines(title, ctx)}</p>\n` : '';
  return `<aside class="callout">\n${head}${blocks(children, ctx)}\n</aside>`;
}

function cover(children: Block[], ctx: Context): string {
  const { meta } = ctx.doc;
  const parts: string[] = [];
  const head = logoOf(ctx.style)?.placement === 'cover' ? logoHead(ctx) : '';
  // With a logo, the organisation's name stands beside it, over the cover's rule.
  if (meta.organisation && !head) parts.push(`<p class="organisation">${esc(meta.organisation.toUpperCase())}</p>`);
  if (!children.some((b) => b.type === 'heading')) {
    parts.push(`<h1 class="title">${esc(meta.title)}</h1>`);
    if (meta.subtitle) parts.push(`<p class="subtitle">${esc(meta.subtitle)}</p>`);
  }
  const fields: string[] = [];
  for (const b of children) {
    if (b.type === 'heading') {
      parts.push(
        b.level === 1
          ? `<h1 class="title">${inlines(b.children, ctx)}</h1>`
          : `<p class="subtitle">${inlines(b.children, ctx)}</p>`,
      );
    } else if (b.type === 'paragraph') {
      fields.push(`<p class="field">${inlines(b.children, ctx)}</p>`);
    } else {
      fields.push(block(b, ctx));
    }
  }
  if (fields.length > 0) parts.push(`<div class="fields">\n${fields.join('\n')}\n</div>`);
  return `${head}<header class="cover">\n${parts.join('\n')}\n</header>`;
}

/** The logo at the head of the cover (or of the page), the organisation's name beside it; the logo for the header, alone. */
export function logoHead(ctx: Context): string {
  const image = logoOf(ctx.style);
  if (!image) return '';
  const img = `<img class="logo logo-${image.placement}" src="${logoDataUrl(image)}" alt="${esc(image.alt)}">`;
  if (image.placement === 'header') return `<div class="logo-head">${img}</div>\n`;
  const name = ctx.doc.meta.organisation;
  return `<div class="logo-head">${img}${name ? `<p class="organisation">${esc(name.toUpperCase())}</p>` : ''}</div>\n`;
}

function keyFigures(items: KeyFigure[], ctx: Context): string {
  if (items.length === 0) return '';
  const figures = items.map(
    (item) =>
      `<div class="key-figure"><div class="value">${esc(item.value)}</div><div class="label">${inlines(item.label, ctx)}</div></div>`,
  );
  return `<div class="key-figures cols-${keyFiguresPerRow(items.length)}">\n${figures.join('\n')}\n</div>`;
}

/**
 * The chart's SVG comes from our own renderer; it is still checked, so that a fault there can
 * never put a script, an event handler or an outside reference into the page.
 */
function chart(c: Chart, ctx: Context): string {
  const svg = renderChartSvg(c, chartSize(c), ctx.style);
  const unsafe = /<\s*(script|foreignObject|iframe|image)\b|\son[a-z]+\s*=|(?:href|src)\s*=\s*(?:"(?!#)|'(?!#)|(?!["'#]))/i;
  const picture = unsafe.test(svg) ? `<p>${esc(c.alt)}</p>` : svg;
  const caption = c.caption ? `<figcaption>${esc(c.caption)}</figcaption>` : '';
  // The SVG names itself (role="img" and a <title> with the alt text).
  return `<figure class="chart">\n${picture}\n${caption}\n</figure>`;
}

function toc(ctx: Context): string {
  // The paper's sections stand at the first level of the contents, a level below them at the second.
  const top = sectionLevel(ctx.doc);
  const entries = [...ctx.headingIds.entries()]
    .filter(([b]) => b.type === 'heading' && b.level <= 2)
    .map(([b, id]) => {
      const level = b.type === 'heading' && b.level > top ? 2 : 1;
      const label = b.type === 'heading' ? plainText(b.children) : '';
      return `<li class="level-${level}"><a href="#${id}">${esc(label)}</a></li>`;
    });
  if (ctx.notesPrinted) entries.push(`<li class="level-1"><a href="#sources">${esc(labels.sources)}</a></li>`);
  if (entries.length === 0) return '';
  // The contents' heading is one of the paper's sections to a screen reader, the one h1 being the
  // title; it looks as a first-level heading does, as in the PDF and the DOCX.
  return `<nav class="toc">\n<h${top} class="toc-heading">${esc(labels.contents)}</h${top}>\n<ol>\n${entries.join('\n')}\n</ol>\n</nav>`;
}

/** The Sources section, a section of the paper as its others are: the notes, numbered as the citations in the text. */
function sources(ctx: Context): string {
  const { notes, sources: entries } = ctx.doc;
  if (notes.length === 0 && entries.length === 0) return '';
  const level = sectionLevel(ctx.doc);
  const items =
    notes.length > 0
      ? notes.map((n) => `<li id="note-${n.number}" value="${n.number}">${esc(n.text)}</li>`)
      : entries.map((e) => `<li>${esc(e.text)}</li>`);
  const tag = notes.length > 0 ? 'ol' : 'ul';
  return `<section class="sources" id="sources">\n<h${level}>${esc(labels.sources)}</h${level}>\n<${tag} class="notes">\n${items.join('\n')}\n</${tag}>\n</section>`;
}
