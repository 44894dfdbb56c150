// The organisation's logo as every writer sets it (style.ts `logo`): its size at the head of the
// cover or in the running header, and its picture — the PNG as given, an SVG drawn as a PNG by
// the host (host.ts `rasterise`) for the PDF and the DOCX, kept as vectors in the HTML.

import { host } from '../host';
import { base64 } from './shared';
import { fonts, type LogoImage, type StyleTokens } from './style';
import { trueTypeFaces } from './truetype';

/** Pixels per inch an SVG logo is drawn at: print quality. */
const DPI = 300;

/** The logo to print and where, when the paper's style has one. */
export function logoOf(style: StyleTokens): LogoImage | undefined {
  return style.logo.image;
}

/**
 * The size to print the logo at, in points: the style's height for its place, its width by its
 * proportions, never wider than `maxWidth` (a long wordmark is scaled down whole).
 */
export function logoSize(style: StyleTokens, image: LogoImage, maxWidth: number): { width: number; height: number } {
  const height = image.placement === 'cover' ? style.logo.coverHeight : style.logo.headerHeight;
  const width = (height * image.widthPx) / image.heightPx;
  return width <= maxWidth ? { width, height } : { width: maxWidth, height: (maxWidth * image.heightPx) / image.widthPx };
}

/** Every SVG logo drawn once per process and size: the same logo heads every paper. */
const drawn = new WeakMap<Uint8Array, Promise<Uint8Array>>();

/** The logo as a PNG, for the writers that cannot take SVG: drawn to print sharply at the style's height. */
export function logoPng(style: StyleTokens, image: LogoImage): Promise<Uint8Array> {
  if (image.kind === 'png') return Promise.resolve(image.bytes);
  let png = drawn.get(image.bytes);
  if (!png) {
    const { width } = logoSize(style, { ...image, placement: 'cover' }, Number.POSITIVE_INFINITY);
    png = host()
      .rasterise({
        svg: new TextDecoder().decode(image.bytes),
        widthPx: Math.max(1, Math.min(4000, Math.round((width / 72) * DPI))),
        fonts: trueTypeFaces([
          { role: 'heading', style: 'normal' },
          { role: 'heading', style: 'bold' },
          { role: 'body', style: 'normal' },
        ]),
        families: { default: fonts.heading, sansSerif: fonts.heading, serif: fonts.body },
      })
      .then((picture) => picture.png);
    // A picture that could not be drawn is tried again with the next paper.
    png.catch(() => drawn.delete(image.bytes));
    drawn.set(image.bytes, png);
  }
  return png;
}

/** The logo as a data: URL, the SVG as it is (the page's policy allows data: images, nothing else). */
export function logoDataUrl(image: LogoImage): string {
  return `data:image/${image.kind === 'png' ? 'png' : 'svg+xml'};base64,${base64(image.bytes)}`;
}
