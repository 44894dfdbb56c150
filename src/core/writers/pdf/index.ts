// The PDF writer: a Document to pdfmake content, one pure function per node type (blocks.ts,
// tables.ts, inlines.ts; the page rules pdfmake lacks in pagination.ts; named styles from the house
// style in styles.ts), laid out and printed by pdfmake as engine.ts sets it up and patches it.
// Fonts come only from the shipped files: no URL is fetched, no other local file is read.

import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Document } from '../../document/model';
import { FOOTER_GAP, footerTitle, hasToc, wantsToc, type WriterOptions } from '../shared';
import { houseStyle, labels, mmToPt, pageSizes, type StyleTokens } from '../style';
import { blocks } from './blocks';
import type { Context } from './context';
import { pdfmakeReady, print, printCounting } from './engine';
import { clean, runs } from './inlines';
import { keepHeadingsWithText, withoutTrailingMargin } from './pagination';
import { defaultStyle, namedStyles } from './styles';

export { breakLongRuns } from './inlines';

/**
 * Renders a Document as PDF bytes. Unless the pipeline decided it (`options.toc`), a document that
 * asks for a table of contents gets one only when it runs over `tocMinPages` pages: pdfmake cannot
 * make the contents conditional on length, so such a document is laid out without them first,
 * and again with them only when it turns out long.
 */
export async function renderPdf(doc: Document, options: WriterOptions = {}): Promise<Uint8Array> {
  const pdfmake = await pdfmakeReady();
  const { style } = options;
  if (options.toc !== undefined || !hasToc(doc)) return print(pdfmake, pdfDefinition(doc, { withToc: options.toc === true && hasToc(doc), style }));
  const { bytes, pages } = await printCounting(pdfmake, pdfDefinition(doc, { withToc: false, style }));
  return wantsToc(doc, pages) ? print(pdfmake, pdfDefinition(doc, { withToc: true, style })) : bytes;
}

/** The document definition pdfmake lays out, in the house style given (`houseStyle` when none is). */
export function pdfDefinition(doc: Document, options: { withToc: boolean; style?: StyleTokens }): TDocumentDefinitions {
  const size = pageSizes[doc.page.size];
  const landscape = doc.page.orientation === 'landscape';
  const [pageWidth, pageHeight] = landscape ? [size.height, size.width] : [size.width, size.height];
  const m = doc.page.margins;
  const margins: [number, number, number, number] = [mmToPt(m.left), mmToPt(m.top), mmToPt(m.right), mmToPt(m.bottom)];
  const ctx: Context = {
    doc,
    style: options.style ?? houseStyle,
    withToc: options.withToc,
    width: pageWidth - margins[0] - margins[2],
    height: pageHeight - margins[1] - margins[3],
    notesPrinted: doc.notes.length > 0 && doc.blocks.some((b) => b.type === 'sources'),
    families: new Map(),
  };
  const created = new Date(doc.meta.created);

  return {
    pageSize: doc.page.size,
    pageOrientation: doc.page.orientation,
    pageMargins: margins,
    language: doc.meta.language,
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
    header: () => runningHeader(doc, margins),
    footer: (page, pageCount) => runningFooter(ctx, margins, page, pageCount),
    pageBreakBefore: (node, queries) => keepHeadingsWithText(node, queries, ctx.style),
    content: withoutTrailingMargin(blocks(doc.blocks, ctx, 'body')),
  };
}

function runningHeader(doc: Document, margins: readonly number[]): Content | null {
  if (!doc.meta.marking) return null;
  return {
    text: runs(doc.meta.marking, 'heading'),
    style: 'marking',
    alignment: 'center',
    margin: [margins[0] ?? 0, (margins[1] ?? 0) * 0.4, margins[2] ?? 0, 0],
  };
}

function runningFooter(ctx: Context, margins: readonly number[], page: number, pageCount: number): Content {
  const { doc } = ctx;
  const title = footerTitle(clean(doc.meta.title), doc.meta.marking ? clean(doc.meta.marking) : '', ctx.width, ctx.style);
  return {
    columns: [
      { text: runs(title, 'heading'), style: 'runningText', width: '*' },
      { text: doc.meta.marking ? runs(doc.meta.marking, 'heading') : '', style: 'marking', alignment: 'center', width: 'auto' },
      { text: labels.page(page, pageCount), style: 'runningText', alignment: 'right', width: '*' },
    ],
    columnGap: FOOTER_GAP,
    margin: [margins[0] ?? 0, (margins[3] ?? 0) * 0.4, margins[2] ?? 0, 0],
  };
}
