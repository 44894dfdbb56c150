// The page: its size and margins (the section's properties), the header with the handling
// marking, the footer with the title, the marking and the page numbers, and docx's layout, which
// writes the contents' page numbers when the contents print.

import { AlignmentType, Footer, Header, ImageRun, PageNumber, PageOrientation, Paragraph, Tab, TabStopType, TextRun, type PageNumberEstimator } from 'docx';
import type { Document } from '../../document/model';
import { faceStyles } from '../fonts';
import { logoSize } from '../logo';
import { footerTitle } from '../shared';
import { fonts, labels, mmToPt, pageSizes, type LogoImage, type StyleTokens } from '../style';
import type { Context } from './context';
import { trueTypeFont } from '../truetype';
import { clean, run } from './text';
import { twips } from './units';

function pageWidth(doc: Document): number {
  const size = pageSizes[doc.page.size];
  return doc.page.orientation === 'landscape' ? size.height : size.width;
}

/** The width of the text between the margins, in points: a chart's width. */
export function textWidth(doc: Document): number {
  return pageWidth(doc) - mmToPt(doc.page.margins.left) - mmToPt(doc.page.margins.right);
}

export function sectionProperties(doc: Document) {
  const size = pageSizes[doc.page.size];
  const m = doc.page.margins;
  return {
    page: {
      // docx swaps width and height itself for landscape pages.
      size: {
        width: twips(size.width),
        height: twips(size.height),
        orientation: doc.page.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
      },
      margin: {
        top: twips(mmToPt(m.top)),
        right: twips(mmToPt(m.right)),
        bottom: twips(mmToPt(m.bottom)),
        left: twips(mmToPt(m.left)),
        // The marking sits in the upper and lower part of the margins, as in the PDF.
        header: twips(mmToPt(m.top) * 0.4),
        footer: twips(mmToPt(m.bottom) * 0.4),
      },
    },
  };
}

/** The header: the marking centred, and the logo on the left when it goes in the header. */
export function pageHeader(marking: string, logo: { image: LogoImage; png: Uint8Array } | undefined, ctx: Context): Header {
  if (!logo) return new Header({ children: [new Paragraph({ style: 'Marking', children: [run(marking)] })] });
  return new Header({
    children: [
      new Paragraph({
        style: 'Marking',
        alignment: AlignmentType.LEFT,
        tabStops: [{ type: TabStopType.CENTER, position: twips(ctx.width / 2) }],
        children: [logoRun(logo, ctx.style, ctx.width / 3), ...(marking ? [new TextRun({ children: [new Tab()] }), run(marking)] : [])],
      }),
    ],
  });
}

/** The logo as a picture in the text, at its size for its place, with the words that stand for it. */
export function logoRun(logo: { image: LogoImage; png: Uint8Array }, style: StyleTokens, maxWidth: number): ImageRun {
  const size = logoSize(style, logo.image, maxWidth);
  // docx takes the size in CSS pixels, 96 to the inch.
  const px = (points: number): number => Math.round((points * 96) / 72);
  const alt = clean(logo.image.alt);
  return new ImageRun({
    type: 'png',
    data: logo.png,
    transformation: { width: px(size.width), height: px(size.height) },
    altText: { name: alt, title: alt, description: alt },
  });
}

/**
 * Title on the left, the marking in the middle, "Page X of Y" on the right (as in the PDF), on a
 * line `width` points wide; the title is cut to fit by the paper's `style`.
 */
export function pageFooter(doc: Document, width: number, style: StyleTokens): Footer {
  const marking = doc.meta.marking && style.marking.position !== 'header' ? doc.meta.marking : '';
  const short = footerTitle(clean(doc.meta.title), marking ? clean(marking) : '', width, style);
  // The words around the numbers come from the one label every format uses.
  const [before = '', between = '', after = ''] = labels.page(1111, 2222).split(/1111|2222/);
  const tabs = [
    { type: TabStopType.CENTER, position: twips(width / 2) },
    { type: TabStopType.RIGHT, position: twips(width) },
  ];
  return new Footer({
    children: [
      new Paragraph({
        style: 'Footer',
        tabStops: tabs,
        children: [
          run(short),
          new TextRun({ children: [new Tab()] }),
          ...(marking ? [run(marking, { style: 'MarkingChar' })] : []),
          new TextRun({ children: [new Tab(), before, PageNumber.CURRENT, between, PageNumber.TOTAL_PAGES, ...(after ? [after] : [])] }),
        ],
      }),
    ],
  });
}

let estimator: Promise<PageNumberEstimator> | undefined;

/**
 * docx's layout, measuring text with the shipped fonts (Latin; other scripts are estimated).
 * Loaded only when a document is laid out (its contents print): it is a large module most exports
 * never need.
 */
export function pageEstimator(): Promise<PageNumberEstimator> {
  estimator ??= import('docx/layout').then(({ estimatePageNumbersWith }) =>
    estimatePageNumbersWith({
      fonts: (['body', 'heading'] as const).flatMap((role) =>
        faceStyles.map((style) => ({ data: trueTypeFont(role, 'latin', style), name: role === 'body' ? fonts.body : fonts.heading })),
      ),
      guess: true,
    }),
  );
  return estimator;
}
