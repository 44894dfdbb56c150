// The fonts of the page: the shipped WOFF2 faces of the scripts its text uses, and the house
// style's own fonts (a fallback only when the text needs it), inlined as data: URLs, so the page
// shows as the PDF does on any machine and fetches nothing.
import type { Block, Document, Inline } from '../../document/model';
import { faceItalic, faceStyles, faceWeight, familyName, fontBytes, subsetsUsed, unicodeRange } from '../fonts';
import { base64 } from '../shared';
import type { HouseFont, StyleTokens } from '../style';
import { covers } from '../truetype';

/** A house font's CSS family name: its own name, quoted, with nothing in it that could end the string. */
export const cssFamily = (font: HouseFont): string => `'${font.name.replace(/[^\p{L}\p{N} _-]/gu, '') || 'House font'}'`;

export function fontFaces(doc: Document, style: StyleTokens): string {
  const texts = allText(doc);
  return [...shippedFaces(texts), ...houseFaces(texts, style)].join('\n');
}

/** The house fonts of the roles, and each fallback font that draws a character of the text. */
function houseFaces(texts: readonly string[], style: StyleTokens): string[] {
  const { body, headings, tables, fallbacks } = style.typefaces;
  const fonts = new Set<HouseFont>([body, headings, tables].flatMap((t) => ('house' in t ? [t.house] : [])));
  const needed = (font: HouseFont): boolean => texts.some((text) => [...text].some((ch) => ch.codePointAt(0)! > 0xff && covers(font.coverage, ch.codePointAt(0)!)));
  for (const { font } of fallbacks) if (!fonts.has(font) && needed(font)) fonts.add(font);
  const faces: string[] = [];
  for (const font of fonts) {
    for (const face of faceStyles) {
      const bytes = font.faces[face];
      if (!bytes) continue; // the browser makes the bold or italic of the regular face, as the other writers set it
      const open = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0) === 0x4f54544f;
      faces.push(
        `@font-face{font-family:${cssFamily(font)};font-weight:${face === 'bold' || face === 'bolditalics' ? 700 : 400};` +
          `font-style:${faceItalic(face) ? 'italic' : 'normal'};font-display:block;` +
          `src:url(data:font/${open ? 'otf' : 'ttf'};base64,${base64(bytes)}) format('${open ? 'opentype' : 'truetype'}');}`,
      );
    }
  }
  return faces;
}

/** The shipped faces of every subset the text uses. */
function shippedFaces(texts: readonly string[]): string[] {
  const subsets = subsetsUsed(texts);
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
  return faces;
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
