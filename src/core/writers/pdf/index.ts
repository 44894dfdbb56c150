// The PDF writer: a Document to pdfmake content, one pure function per node type (blocks.ts,
// tables.ts, inlines.ts; the page rules pdfmake lacks in pagination.ts; named styles from the house
// style in styles.ts), laid out and printed by pdfmake as engine.ts sets it up and patches it.
// Fonts come only from the shipped files: no URL is fetched, no other local file is read.

import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Document } from '../../document/model';
import { base64, FOOTER_GAP, footerTitle, hasToc, wantsToc, type WriterOptions } from '../shared';
import { logoOf, logoPng, logoSize } from '../logo';
import { houseStyle, labels, mmToPt, pageSizes, type StyleTokens } from '../style';
import { blocks, LOGO_IMAGE, logoHead } from './blocks';
import type { Context } from './context';
import { pdfmakeReady, print, printCounting } from './engine';
import { clean, runs } from './inlines';
import { keepHeadingsWithText, withoutTrailingMargin } from './pagination';
import { defaultStyle, namedStyles } from './styles';
import { tagged } from './tagging';

export { breakLongRuns } from './inlines';

/**
 * Renders a Document as PDF bytes. Unless the pipeline decided it (`options.toc`), a document that
 * asks for a table of contents gets one only when it runs over `tocMinPages` pages: pdfmake cannot
 * make the contents conditional on length, so such a document is laid out without them first,
 * and again with them only when it turns out long.
 */
export async function renderPdf(doc: Document, options: WriterOptions = {}): Promise<Uint8Array> {
  const pdfmake = await pdfmakeReady((options.style ?? houseStyle).typefaces);
  const { style } = options;
  const image = logoOf(style ?? houseStyle);
  const logo = image && (await logoPng(style ?? houseStyle, image));
  if (options.toc !== undefined || !hasToc(doc)) return print(pdfmake, pdfDefinition(doc, { withToc: options.toc === true && hasToc(doc), style, logo }));
  const { bytes, pages } = await printCounting(pdfmake, pdfDefinition(doc, { withToc: false, style, logo }));
  return wantsToc(doc, pages) ? print(pdfmake, pdfDefinition(doc, { withToc: true, style, logo })) : bytes;
}

/**
 * The document definition pdfmake lays out, in the house style given (`houseStyle` when none is);
 * the style's logo prints when its picture, as a PNG, is given (`logo`).
 */
export function pdfDefinition(doc: Document, options: { withToc: boolean; style?: StyleTokens; logo?: Uint8Array | undefined }): TDocumentDefinitions {
  const size = pageSizes[doc.page.size];
  const landscape = doc.page.orientation === 'landscape';
  const [pageWidth, pageHeight] = landscape ? [size.height, size.width] : [size.width, size.height];
  const m = doc.page.margins;
  const margins: [number, number, number, number] = [mmToPt(m.left), mmToPt(m.top), mmToPt(m.right), mmToPt(m.bottom)];
  const style = options.style ?? houseStyle;
  const image = options.logo && logoOf(style);
  const ctx: Context = {
    doc,
    style,
    withToc: options.withToc,
    width: pageWidth - margins[0] - margins[2],
    height: pageHeight - margins[1] - margins[3],
    notesPrinted: doc.notes.length > 0 && doc.blocks.some((b) => b.type === 'sources'),
    families: new Map(),
    ...(image ? { logo: image } : {}),
  };
  // A logo for the cover heads the first page of a paper that has no cover.
  const head = ctx.logo?.placement === 'cover' && !doc.blocks.some((b) => b.type === 'cover') ? [logoHead(ctx)] : [];
  const created = new Date(doc.meta.created);

  return {
    pageSize: doc.page.size,
    pageOrientation: doc.page.orientation,
    pageMargins: margins,
    language: doc.meta.language,
    // Tagged (tagging.ts), as PDF/UA-1 asks: the title shown in place of the file name.
    version: '1.7',
    subset: 'PDF/UA',
    tagged: true,
    displayTitle: true,
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
    defaultStyle: defaultStyle(ctx.style),
    styles: namedStyles(ctx.style),
    ...(options.logo && ctx.logo ? { images: { [LOGO_IMAGE]: `data:image/png;base64,${base64(options.logo)}` } } : {}),
    // Running headers and footers are no part of the text: a reader does not read them on every page.
    header: () => pagination(runningHeader(ctx, margins)),
    footer: (page, pageCount) => pagination(runningFooter(ctx, margins, page, pageCount)),
    pageBreakBefore: (node, queries) => keepHeadingsWithText(node, queries, ctx.style),
    content: withoutTrailingMargin([...head, ...blocks(doc.blocks, ctx, 'body')]),
  };
}

function pagination(node: Content | null): Content | null {
  return node && typeof node === 'object' ? tagged(node, { artifact: 'Pagination' }) : node;
}

/** The marking where the style prints it (`marking.position`), else empty. */
function markingIn(ctx: Context, where: 'header' | 'footer'): string {
  const { position } = ctx.style.marking;
  return ctx.doc.meta.marking && (position === 'both' || position === where) ? ctx.doc.meta.marking : '';
}

function runningHeader(ctx: Context, margins: readonly number[]): Content | null {
  const marking = markingIn(ctx, 'header');
  const margin: [number, number, number, number] = [margins[0] ?? 0, (margins[1] ?? 0) * 0.4, margins[2] ?? 0, 0];
  const logo = ctx.logo?.placement === 'header' ? ctx.logo : undefined;
  if (logo) {
    // The logo on the left, the marking centred on the page beside it.
    const size = logoSize(ctx.style, logo, ctx.width / 3);
    const text = marking ? runs(marking, 'headings', ctx.style.typefaces) : '';
    const middle = (size.height - ctx.style.marking.size * ctx.style.marking.leading) / 2;
    return {
      columns: [
        { image: LOGO_IMAGE, width: size.width, height: size.height },
        { text, style: 'marking', alignment: 'center', width: '*', margin: [0, Math.max(0, middle), 0, 0] },
        { text: '', width: size.width },
      ],
      columnGap: FOOTER_GAP,
      margin: [margin[0], Math.max(4, margin[1] - size.height / 2 + ctx.style.marking.size / 2), margin[2], 0],
    };
  }
  if (!marking) return null;
  return { text: runs(marking, 'headings', ctx.style.typefaces), style: 'marking', alignment: 'center', margin };
}

function runningFooter(ctx: Context, margins: readonly number[], page: number, pageCount: number): Content {
  const { doc } = ctx;
  const marking = markingIn(ctx, 'footer');
  const title = footerTitle(clean(doc.meta.title), marking ? clean(marking) : '', ctx.width, ctx.style);
  return {
    columns: [
      { text: runs(title, 'headings', ctx.style.typefaces), style: 'runningText', width: '*' },
      { text: marking ? runs(marking, 'headings', ctx.style.typefaces) : '', style: 'marking', alignment: 'center', width: 'auto' },
      { text: labels.page(page, pageCount), style: 'runningText', alignment: 'right', width: '*' },
    ],
    columnGap: FOOTER_GAP,
    margin: [margins[0] ?? 0, (margins[3] ?? 0) * 0.4, margins[2] ?? 0, 0],
  };
}
