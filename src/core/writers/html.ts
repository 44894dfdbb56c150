// The HTML writer: a Document as one self-contained HTML5 page, for the app's preview and for
// printing from a browser. Fonts are inlined, charts are inline SVG, every text is escaped, and
// the page carries no script and references nothing outside itself.

import { renderChartSvg } from '../charts/svg';
import type { Align, Block, Chart, Document, Inline, KeyFigure, TableCell } from '../document/model';
import { faceItalic, faceStyles, faceWeight, familyName, fontBytes, subsetsUsed, unicodeRange } from './fonts';
import { columnFits, hasToc, plainText, printableText, printsHere, sectionLevel, tableFamily, wantsToc, type WriterOptions } from './shared';
import { colours, fonts, ink, keyFiguresPerRow, labels, leading, pageSizes, sizes, spacing } from './style';

/** The page's Content-Security-Policy: nothing but its own inline styles and data: fonts/images. */
export const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:";

/**
 * Renders a Document as a complete, self-contained HTML page. HTML has no pages to count: unless
 * the pipeline decided it (`options.toc`), the contents are printed when the page estimate says
 * the document is long.
 */
export function renderHtml(doc: Document, options: WriterOptions = {}): string {
  const ctx: Context = {
    doc,
    withToc: hasToc(doc) && (options.toc ?? wantsToc(doc)),
    notesPrinted: doc.notes.length > 0 && doc.blocks.some((b) => b.type === 'sources'),
    headingIds: new Map(),
  };
  numberHeadings(doc.blocks, ctx);
  const { meta } = doc;
  // On screen the marking heads and ends the sheet; in print, @page repeats it on every page.
  const marking = (where: 'top' | 'bottom'): string =>
    meta.marking ? `<div class="marking marking-${where}" aria-hidden="true">${esc(meta.marking)}</div>` : '';
  return [
    '<!DOCTYPE html>',
    `<html lang="${esc(meta.language || 'en')}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(HTML_CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="briefwright">',
    meta.author ? `<meta name="author" content="${esc(meta.author)}">` : '',
    meta.subject ? `<meta name="description" content="${esc(meta.subject)}">` : '',
    meta.keywords.length > 0 ? `<meta name="keywords" content="${esc(meta.keywords.join(', '))}">` : '',
    `<title>${esc(meta.title)}</title>`,
    `<style>\n${fontFaces(doc)}\n${stylesheet(doc)}\n</style>`,
    '</head>',
    '<body>',
    '<div class="sheet">',
    marking('top'),
    `<main>\n${blocks(doc.blocks, ctx)}\n</main>`,
    marking('bottom'),
    '</div>',
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// Fonts and CSS, from the shared tokens.

function fontFaces(doc: Document): string {
  const subsets = subsetsUsed(allText(doc));
  const faces: string[] = [];
  for (const role of ['body', 'heading'] as const) {
    for (const style of faceStyles) {
      for (const subset of subsets) {
        const data = base64(fontBytes(role, subset, style, 'woff2'));
        faces.push(
          `@font-face{font-family:'${familyName(role, 'latin')}';font-weight:${faceWeight(role, style)};` +
            `font-style:${faceItalic(style) ? 'italic' : 'normal'};font-display:block;` +
            `src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${unicodeRange(subset)};}`,
        );
      }
    }
  }
  return faces.join('\n');
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Bytes in base64 (RFC 4648, padded), for a data: URL. */
function base64(bytes: Uint8Array): string {
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out.push(BASE64[n >> 18]!, BASE64[(n >> 12) & 63]!, b === undefined ? '=' : BASE64[(n >> 6) & 63]!, c === undefined ? '=' : BASE64[n & 63]!);
  }
  return out.join('');
}

function stylesheet(doc: Document): string {
  const c = (name: keyof typeof colours): string => `#${colours[name]}`;
  const i = (colour: string): string => `#${colour}`;
  const body = `'${fonts.body}', ${fonts.bodyFallback}, serif`;
  const sans = `'${fonts.heading}', ${fonts.headingFallback}, sans-serif`;
  const { size, orientation } = doc.page;
  // Numbers go into CSS as they are: anything else becomes 0, never CSS text.
  const m = Object.fromEntries(
    Object.entries(doc.page.margins).map(([side, value]) => [side, Number.isFinite(value) ? value : 0]),
  ) as Document['page']['margins'];
  const mm = (pt: number): number => Math.round((pt * 254) / 72) / 10;
  const [width, height] = [mm(pageSizes[size].width), mm(pageSizes[size].height)].sort((a, b) =>
    orientation === 'landscape' ? b - a : a - b,
  );
  const marking = doc.meta.marking ? cssString(doc.meta.marking) : '';
  const margin = `${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm`;
  return `
:root{color-scheme:light}
*{box-sizing:border-box}
html{background:#d9dde3}
body{margin:0;padding:24px 0;font-family:${body};font-size:${sizes.body}pt;line-height:${sizes.lineHeight};color:${c('text')}}
.sheet{position:relative;width:${width}mm;min-height:${height}mm;margin:0 auto;padding:${margin};background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.25)}
.marking{font-family:${sans};font-size:${sizes.marking}pt;font-weight:600;color:${c('marking')};text-align:center}
.marking-top{position:absolute;top:${m.top * 0.4}mm;left:0;right:0}
.marking-bottom{margin-top:24pt}
h1,h2,h3{font-family:${sans};font-weight:600;line-height:${leading.heading};break-after:avoid;page-break-after:avoid}
h1{font-size:${sizes.h1}pt;color:${i(ink.heading.h1)};margin:${spacing.headingBefore.h1}pt 0 ${spacing.headingAfter.h1}pt}
h2{font-size:${sizes.h2}pt;color:${i(ink.heading.h2)};margin:${spacing.headingBefore.h2}pt 0 ${spacing.headingAfter.h2}pt}
h3{font-size:${sizes.h3}pt;color:${i(ink.heading.h3)};margin:${spacing.headingBefore.h3}pt 0 ${spacing.headingAfter.h3}pt}
p{margin:0 0 ${spacing.paragraphAfter}pt}
ul,ol{margin:0 0 ${spacing.paragraphAfter}pt;padding-left:1.5em}
li{margin:0 0 ${spacing.listItemAfter}pt}
li>p{margin:0}
li::marker{color:${i(ink.listMarker)}}
ul ul,ol ul{list-style-type:circle;margin:1pt 0 0}
ol ol{list-style-type:lower-alpha;margin:1pt 0 0}
ul ul ul,ol ol ul,ul ol ul{list-style-type:square}
ol ol ol{list-style-type:lower-roman}
code{font-family:${sans};background:${c('tableStripe')};padding:0 .2em}
sup.cite{font-size:.62em;line-height:0;vertical-align:super}
sup.cite a{color:${i(ink.noteMarker)};text-decoration:none}
.link{color:${i(ink.link)}}
.link-url{font-size:${sizes.small}pt;color:${c('muted')};overflow-wrap:anywhere}
hr{border:0;border-top:.5pt solid ${c('rule')};margin:4pt 0 ${spacing.blockAfter}pt}
.cover{margin:0 0 16pt;padding-top:10pt;border-top:4pt solid ${i(ink.coverRule)};border-bottom:.75pt solid ${i(ink.coverRule)};padding-bottom:12pt;break-inside:avoid}
.cover .organisation{font-family:${sans};font-size:${sizes.small}pt;line-height:${leading.small};color:${c('muted')};margin:0}
.cover .title{font-family:${sans};font-size:${sizes.title}pt;font-weight:600;line-height:${leading.title};color:${i(ink.coverTitle)};margin:6pt 0 4pt}
.cover .subtitle{font-family:${sans};font-size:${sizes.subtitle}pt;font-weight:400;line-height:${leading.heading};color:${c('muted')};margin:0 0 4pt}
.cover .fields{margin-top:6pt}
.cover .field{font-family:${sans};line-height:${leading.coverField};margin:0}
table.data{width:100%;border-collapse:collapse;margin:2pt 0 ${spacing.blockAfter}pt;font-family:${sans};font-size:${sizes.table}pt;line-height:${leading.table};border-bottom:.75pt solid ${c('rule')}}
table.data th,table.data td{padding:${spacing.tableCellPadding - 1}pt ${spacing.tableCellPadding + 2}pt;text-align:left;vertical-align:top}
table.data th{background:${c('tableHeaderFill')};color:${c('tableHeaderText')};font-weight:600}
table.data tbody tr:nth-child(even) td{background:${c('tableStripe')}}
table.data .right{text-align:right;font-variant-numeric:tabular-nums}
table.data .center{text-align:center}
table.data th.fit{width:1%;white-space:nowrap}
table.data tr{break-inside:avoid}
.callout{background:${c('calloutFill')};border-left:3pt solid ${c('calloutBorder')};padding:8pt 10pt 6pt 11pt;margin:2pt 0 ${spacing.blockAfter}pt}
.callout>:last-child,.callout>:last-child>li:last-child{margin-bottom:0}
.callout-title{font-family:${sans};font-size:${sizes.h3}pt;font-weight:600;color:${i(ink.calloutTitle)};margin:0 0 3pt}
blockquote{margin:2pt 0 ${spacing.blockAfter}pt;padding-left:10pt;border-left:2pt solid ${c('rule')};font-style:italic;color:${c('muted')}}
.key-figures{display:grid;gap:6pt;margin:2pt 0 ${spacing.blockAfter}pt;break-inside:avoid}
.key-figures.cols-2{grid-template-columns:repeat(2,1fr)}
.key-figures.cols-3{grid-template-columns:repeat(3,1fr)}
.key-figures.cols-4{grid-template-columns:repeat(4,1fr)}
.key-figure{background:${c('calloutFill')};padding:8pt 9pt;font-family:${sans}}
.key-figure .value{font-size:${sizes.keyFigureValue}pt;font-weight:600;line-height:${leading.keyFigureValue};color:${i(ink.keyFigureValue)}}
.key-figure .label{font-size:${sizes.keyFigureLabel}pt;line-height:${leading.small};color:${c('muted')};margin-top:2pt}
figure.chart{margin:4pt 0 ${spacing.blockAfter}pt;break-inside:avoid}
figure.chart svg{display:block;width:100%;height:auto;font-family:${sans}}
figure.chart figcaption{font-family:${sans};font-size:${sizes.small}pt;line-height:${leading.small};color:${c('muted')};margin-top:3pt}
nav.toc ol{list-style:none;padding:0;font-family:${sans}}
nav.toc li.level-2{padding-left:14pt}
nav.toc a{color:inherit;text-decoration:none}
.sources ol.notes{font-size:${sizes.small}pt;line-height:${leading.notes};padding-left:2.2em}
.sources ol.notes li{margin-bottom:3pt}
.sources ol.notes li::marker{color:${c('muted')}}
.page-break{border-top:1px dashed ${c('rule')};margin:18pt -${m.right}mm 18pt -${m.left}mm}
@page{size:${size === 'A4' ? 'A4' : 'letter'} ${orientation};margin:${margin};${
    marking
      ? `@top-center{content:${marking};font-family:${sans};font-size:${sizes.marking}pt;font-weight:600;color:${c('marking')}}` +
        `@bottom-center{content:${marking};font-family:${sans};font-size:${sizes.marking}pt;font-weight:600;color:${c('marking')}}`
      : ''
  }@bottom-right{content:${pageCounter()};font-family:${sans};font-size:${sizes.small}pt;color:${c('muted')}}}
@media print{
html{background:none}
body{padding:0}
.sheet{width:auto;min-height:0;margin:0;padding:0;box-shadow:none}
.marking{display:none}
.page-break{border:0;margin:0;break-after:page;page-break-after:always}
a{color:inherit}
}
`;
}

/** labels.page as CSS generated content: "Page " counter(page) " of " counter(pages). */
function pageCounter(): string {
  const [before = '', rest = ''] = labels.page(111111, 999999).split('111111');
  const [middle = '', after = ''] = rest.split('999999');
  return `${cssString(before)} counter(page) ${cssString(middle)} counter(pages) ${cssString(after)}`;
}

/** A CSS string literal that cannot end the string or the <style> element. */
function cssString(value: string): string {
  return `"${[...value].map((ch) => (/[\w .,:;!?()/-]/.test(ch) && ch !== '\\' ? ch : `\\${(ch.codePointAt(0) ?? 0).toString(16)} `)).join('')}"`;
}

// ---------------------------------------------------------------------------------------------
// Blocks.

interface Context {
  doc: Document;
  withToc: boolean;
  notesPrinted: boolean;
  /** Anchor of each heading, for the table of contents. */
  headingIds: Map<Block, string>;
}

function numberHeadings(list: readonly Block[], ctx: Context): void {
  list.forEach((b) => {
    if (b.type === 'heading') ctx.headingIds.set(b, `section-${ctx.headingIds.size + 1}`);
  });
}

function blocks(list: readonly Block[], ctx: Context): string {
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
      return chart(b.chart);
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
  if (meta.organisation) parts.push(`<p class="organisation">${esc(meta.organisation.toUpperCase())}</p>`);
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
  return `<header class="cover">\n${parts.join('\n')}\n</header>`;
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
function chart(c: Chart): string {
  const svg = renderChartSvg(c);
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
  return `<nav class="toc">\n<h1>${esc(labels.contents)}</h1>\n<ol>\n${entries.join('\n')}\n</ol>\n</nav>`;
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

// ---------------------------------------------------------------------------------------------
// Inlines.

function inlines(children: readonly Inline[], ctx: Context): string {
  return children
    .map((child, i) => (child.type === 'cite' && children[i - 1]?.type === 'cite' ? '<sup class="cite">,</sup>' : '') + inline(child, ctx))
    .join('');
}

function inline(node: Inline, ctx: Context): string {
  switch (node.type) {
    case 'text':
      return esc(node.value);
    case 'strong':
      return `<strong>${inlines(node.children, ctx)}</strong>`;
    case 'emphasis':
      return `<em>${inlines(node.children, ctx)}</em>`;
    case 'code':
      return `<code>${esc(node.value)}</code>`;
    case 'break':
      return '<br>';
    case 'link': {
      // The preview never navigates: the address is shown, not followed.
      const label = plainText(node.children);
      const address = node.url.replace(/^mailto:/i, '');
      const url = address && address !== label ? ` <span class="link-url">(${esc(address)})</span>` : '';
      return `<span class="link">${inlines(node.children, ctx)}</span>${url}`;
    }
    case 'cite':
      return ctx.notesPrinted
        ? `<sup class="cite"><a href="#note-${node.note}">${node.note}</a></sup>`
        : `<sup class="cite">${node.note}</sup>`;
  }
}

/** Escapes text for element content and quoted attribute values, and drops control characters. */
function esc(value: string): string {
  return printableText(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function allText(doc: Document): string[] {
  const out: string[] = [doc.meta.title, doc.meta.subtitle ?? '', doc.meta.marking ?? '', doc.meta.organisation ?? ''];
  const fromInlines = (xs: readonly Inline[]): void => {
    for (const x of xs) {
      if (x.type === 'text' || x.type === 'code') out.push(x.value);
      else if (x.type === 'link') {
        out.push(x.url);
        fromInlines(x.children);
      } else if (x.type === 'strong' || x.type === 'emphasis') fromInlines(x.children);
    }
  };
  const fromBlocks = (bs: readonly Block[]): void => {
    for (const b of bs) {
      switch (b.type) {
        case 'heading':
        case 'paragraph':
          fromInlines(b.children);
          break;
        case 'list':
          b.items.forEach(fromBlocks);
          break;
        case 'table':
          [b.header, ...b.rows].forEach((r) => r.forEach((cell) => fromInlines(cell.children)));
          break;
        case 'blockquote':
        case 'cover':
          fromBlocks(b.children);
          break;
        case 'callout':
          fromInlines(b.title);
          fromBlocks(b.children);
          break;
        case 'keyFigures':
          b.items.forEach((f) => {
            out.push(f.value);
            fromInlines(f.label);
          });
          break;
        case 'chart':
          out.push(b.chart.title, b.chart.caption, b.chart.valueLabel, ...b.chart.points.map((p) => p.label));
          break;
        default:
          break;
      }
    }
  };
  fromBlocks(doc.blocks);
  doc.notes.forEach((n) => out.push(n.text));
  doc.sources.forEach((s) => out.push(s.text));
  return out;
}
