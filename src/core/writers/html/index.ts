// The HTML writer: a Document as one self-contained HTML5 page, for the app's preview and for
// printing from a browser. Fonts are inlined, charts are inline SVG, every text is escaped, and
// the page carries no script and references nothing outside itself. Its parts: the blocks
// (blocks.ts), the inlines and escaping (inlines.ts), the style sheet from the house style's
// tokens (styles.ts) and the fonts the page's text needs (fonts.ts).

import type { Document } from '../../document/model';
import { hasToc, wantsToc, type WriterOptions } from '../shared';
import { houseStyle } from '../style';
import { logoOf } from '../logo';
import { blocks, logoHead, numberHeadings } from './blocks';
import type { Context } from './context';
import { fontFaces } from './fonts';
import { esc } from './inlines';
import { stylesheet } from './styles';

/** The page's Content-Security-Policy: nothing but its own inline styles and data: fonts/images. */
export const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:";

/**
 * Renders a Document as a complete, self-contained HTML page. HTML has no pages to count: unless
 * the pipeline decided it (`options.toc`), the contents are printed when the page estimate says
 * the document is long.
 */
export function renderHtml(doc: Document, options: WriterOptions = {}): string {
  const style = options.style ?? houseStyle;
  const ctx: Context = {
    doc,
    style,
    withToc: hasToc(doc) && (options.toc ?? wantsToc(doc)),
    notesPrinted: doc.notes.length > 0 && doc.blocks.some((b) => b.type === 'sources'),
    headingIds: new Map(),
  };
  numberHeadings(doc.blocks, ctx);
  const { meta } = doc;
  // On screen the marking heads and ends the sheet (where the style prints it); in print, @page
  // repeats it on every page. A screen reader hears it once, from the first: the page's banner
  // (or, printed only at the foot, its contentinfo); a second is for the eye alone.
  const { position } = style.marking;
  const marking = (where: 'top' | 'bottom'): string => {
    if (!meta.marking || position === (where === 'top' ? 'footer' : 'header')) return '';
    const text = esc(meta.marking);
    if (where === 'top') return `<header class="marking marking-top">${text}</header>`;
    return position === 'footer' ? `<footer class="marking marking-bottom">${text}</footer>` : `<div class="marking marking-bottom" aria-hidden="true">${text}</div>`;
  };
  // A logo for the header heads the page; one for the cover heads the first page of a paper without a cover.
  const logo = logoOf(style);
  const head = logo && (logo.placement === 'header' || !doc.blocks.some((b) => b.type === 'cover')) ? logoHead(ctx) : '';
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
    `<style>\n${fontFaces(doc, style)}\n${stylesheet(doc, style)}\n</style>`,
    '</head>',
    '<body>',
    '<div class="sheet">',
    marking('top'),
    `<main>\n${head}${blocks(doc.blocks, ctx)}\n</main>`,
    marking('bottom'),
    '</div>',
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}
