// The page's style sheet, from the house style's tokens (style.ts): the sheet on screen, and the
// page box, running marking and page numbers in print.
import type { Document } from '../../document/model';
import { fonts, labels, pageSizes, type MarkingPosition, type HouseFont, type StyleTokens, type TypeRole } from '../style';
import { cssFamilies } from './fonts';
import { logoDataUrl } from '../logo';
import { base64 } from '../shared';

/**
 * The CSS font list of a role: its typeface; the shipped family behind a house font, for the
 * letters it lacks; the house's fallback fonts; then the family a machine without any of them
 * has.
 */
function familyList(role: TypeRole, style: StyleTokens, families: Map<HouseFont, string>): string {
  const typeface = style.typefaces[role];
  const serif = 'shipped' in typeface ? typeface.shipped === 'body' : role === 'body';
  const shipped = `'${serif ? fonts.body : fonts.heading}'`;
  const own = 'house' in typeface ? [families.get(typeface.house)!, shipped] : [shipped];
  const fallbacks = style.typefaces.fallbacks.map((f) => families.get(f.font)!);
  return [...own, ...fallbacks, serif ? `${fonts.bodyFallback}, serif` : `${fonts.headingFallback}, sans-serif`].join(', ');
}

export function stylesheet(doc: Document, style: StyleTokens): string {
  const c = (colour: string): string => `#${colour}`;
  const { body: text, secondary, heading, cover, notes, lists, tables, marking: markingText, callouts, keyFigures } = style;
  const families = cssFamilies(style.typefaces);
  const body = familyList('body', style, families);
  const sans = familyList('headings', style, families);
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
  const markingAt = (where: MarkingPosition): boolean => marking !== '' && (markingText.position === 'both' || markingText.position === where);
  const margin = `${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm`;
  // The contents' heading is set as a first-level heading, whatever its level (blocks.ts `toc`).
  const headingRule = (level: 'h1' | 'h2' | 'h3'): string =>
    `${level === 'h1' ? 'h1,.toc-heading' : level}{font-size:${heading[level].size}pt;color:${c(heading[level].colour)};margin:${heading[level].before}pt 0 ${heading[level].after}pt}`;
  return `
:root{color-scheme:light}
*{box-sizing:border-box}
html{background:#d9dde3}
body{margin:0;padding:24px 0;font-family:${body};font-size:${text.size}pt;line-height:${text.leading};color:${c(text.colour)}}
.sheet{position:relative;width:${width}mm;min-height:${height}mm;margin:0 auto;padding:${margin};background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.25)}
.marking{font-family:${sans};font-size:${markingText.size}pt;font-weight:600;color:${c(markingText.colour)};text-align:center}
.marking-top{position:absolute;top:${m.top * 0.4}mm;left:0;right:0}
.marking-bottom{margin-top:24pt}
.visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap;user-select:none}
h1,h2,h3{font-family:${sans};font-weight:600;line-height:${heading.h1.leading};break-after:avoid;page-break-after:avoid}
${headingRule('h1')}
${headingRule('h2')}
${headingRule('h3')}
p{margin:0 0 ${text.after}pt}
ul,ol{margin:0 0 ${text.after}pt;padding-left:1.5em}
li{margin:0 0 ${lists.after}pt}
li>p{margin:0}
li::marker{color:${c(lists.marker)}}
ul ul,ol ul{list-style-type:circle;margin:1pt 0 0}
ol ol{list-style-type:lower-alpha;margin:1pt 0 0}
ul ul ul,ol ol ul,ul ol ul{list-style-type:square}
ol ol ol{list-style-type:lower-roman}
code{font-family:${sans};background:${c(tables.stripe)};padding:0 .2em}
sup.cite{font-size:.62em;line-height:0;vertical-align:super}
sup.cite a{color:${c(notes.marker)};text-decoration:none}
.link{color:${c(style.links.colour)}}
.link-url{font-size:${secondary.size}pt;color:${c(secondary.colour)};overflow-wrap:anywhere}
hr{border:0;border-top:.5pt solid ${c(style.rule)};margin:4pt 0 ${style.blockAfter}pt}
.cover{margin:0 0 16pt;padding-top:10pt;border-top:4pt solid ${c(cover.rule)};border-bottom:.75pt solid ${c(cover.rule)};padding-bottom:12pt;break-inside:avoid}
.cover .organisation{font-family:${sans};font-size:${secondary.size}pt;line-height:${secondary.leading};color:${c(secondary.colour)};margin:0}
.cover .title{font-family:${sans};font-size:${cover.title.size}pt;font-weight:600;line-height:${cover.title.leading};color:${c(cover.title.colour)};margin:6pt 0 4pt}
.cover .subtitle{font-family:${sans};font-size:${cover.subtitle.size}pt;font-weight:400;line-height:${cover.subtitle.leading};color:${c(cover.subtitle.colour)};margin:0 0 4pt}
.cover .fields{margin-top:6pt}${
    style.logo.image
      ? `\n.logo-head{display:flex;align-items:center;gap:10pt;margin:0 0 10pt}` +
        `\n.logo-head .organisation{font-family:${sans};font-size:${secondary.size}pt;line-height:${secondary.leading};color:${c(secondary.colour)};margin:0}` +
        `\n.logo-cover{height:${style.logo.coverHeight}pt;width:auto;max-width:50%}\n.logo-header{height:${style.logo.headerHeight}pt;width:auto;max-width:33%}`
      : ''
  }
.cover .field{font-family:${sans};line-height:${cover.field.leading};margin:0}
table.data{width:100%;border-collapse:collapse;margin:2pt 0 ${style.blockAfter}pt;font-family:${familyList('tables', style, families)};font-size:${tables.text.size}pt;line-height:${tables.text.leading};border-bottom:.75pt solid ${c(tables.rule)}}
table.data th,table.data td{padding:${tables.cellPadding - 1}pt ${tables.cellPadding + 2}pt;text-align:left;vertical-align:top}
table.data th{background:${c(tables.headerFill)};color:${c(tables.headerText)};font-weight:600}
table.data tbody tr:nth-child(even) td{background:${c(tables.stripe)}}
table.data .right{text-align:right;font-variant-numeric:tabular-nums}
table.data .center{text-align:center}
table.data th.fit{width:1%;white-space:nowrap}
table.data tr{break-inside:avoid}
.callout{background:${c(callouts.fill)};border-left:3pt solid ${c(callouts.border)};padding:8pt 10pt 6pt 11pt;margin:2pt 0 ${style.blockAfter}pt}
.callout>:last-child,.callout>:last-child>li:last-child{margin-bottom:0}
.callout-title{font-family:${sans};font-size:${heading.h3.size}pt;font-weight:600;color:${c(callouts.title)};margin:0 0 3pt}
blockquote{margin:2pt 0 ${style.blockAfter}pt;padding-left:10pt;border-left:2pt solid ${c(style.rule)};font-style:italic;color:${c(secondary.colour)}}
.key-figures{display:grid;gap:6pt;margin:2pt 0 ${style.blockAfter}pt;break-inside:avoid}
.key-figures.cols-2{grid-template-columns:repeat(2,1fr)}
.key-figures.cols-3{grid-template-columns:repeat(3,1fr)}
.key-figures.cols-4{grid-template-columns:repeat(4,1fr)}
.key-figure{background:${c(keyFigures.fill)};padding:8pt 9pt;font-family:${sans}}
.key-figure .value{font-size:${keyFigures.value.size}pt;font-weight:600;line-height:${keyFigures.value.leading};color:${c(keyFigures.value.colour)}}
.key-figure .label{font-size:${keyFigures.label.size}pt;line-height:${keyFigures.label.leading};color:${c(keyFigures.label.colour)};margin-top:2pt}
figure.chart{margin:4pt 0 ${style.blockAfter}pt;break-inside:avoid}
figure.chart svg{display:block;width:100%;height:auto;font-family:${sans}}
figure.chart figcaption{font-family:${sans};font-size:${secondary.size}pt;line-height:${secondary.leading};color:${c(secondary.colour)};margin-top:3pt}
nav.toc ol{list-style:none;padding:0;font-family:${sans}}
nav.toc li.level-2{padding-left:14pt}
nav.toc a{color:inherit;text-decoration:none}
.sources ol.notes{font-size:${secondary.size}pt;line-height:${notes.leading};padding-left:2.2em}
.sources ol.notes li{margin-bottom:3pt}
.sources ol.notes li::marker{color:${c(secondary.colour)}}
.page-break{border-top:1px dashed ${c(style.rule)};margin:18pt -${m.right}mm 18pt -${m.left}mm}
@page{size:${size === 'A4' ? 'A4' : 'letter'} ${orientation};margin:${margin};${headerLogo(style)}${
    markingAt('header') ? `@top-center{content:${marking};font-family:${sans};font-size:${markingText.size}pt;font-weight:600;color:${c(markingText.colour)}}` : ''
  }${
    markingAt('footer') ? `@bottom-center{content:${marking};font-family:${sans};font-size:${markingText.size}pt;font-weight:600;color:${c(markingText.colour)}}` : ''
  }@bottom-right{content:${pageCounter()};font-family:${sans};font-size:${secondary.size}pt;color:${c(secondary.colour)}}}
@media print{
html{background:none}
body{padding:0}
.sheet{width:auto;min-height:0;margin:0;padding:0;box-shadow:none}
.marking{display:none}
.page-break{border:0;margin:0;break-after:page;page-break-after:always}
a{color:inherit}${style.logo.image?.placement === 'header' ? '\n.logo-head:has(.logo-header){display:none}' : ''}
}
`;
}

/**
 * In print, a header logo stands in the top-left margin of every page, as in the PDF (the one at
 * the head of the sheet is for the screen): an SVG of the logo's printed size holding it, since a
 * page's margin box takes a picture only at its own size.
 */
function headerLogo(style: StyleTokens): string {
  const image = style.logo.image;
  if (image?.placement !== 'header') return '';
  const height = style.logo.headerHeight;
  const width = Math.round(((height * image.widthPx) / image.heightPx) * 100) / 100;
  const framed =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}pt" height="${height}pt" viewBox="0 0 ${width} ${height}">` +
    `<image width="${width}" height="${height}" href="${logoDataUrl(image)}"/></svg>`;
  return `@top-left{content:url(data:image/svg+xml;base64,${base64(new TextEncoder().encode(framed))});vertical-align:middle}`;
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
