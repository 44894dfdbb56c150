// The fonts of the page: the shipped WOFF2 faces of the scripts its text uses, and the house
// style's own fonts (a fallback only when the text needs it), inlined as data: URLs, so the page
// shows as the PDF does on any machine and fetches nothing.
import type { Block, Document, Inline } from '../../document/model';
import { faceItalic, faceStyles, faceWeight, familyName, fontBytes, subsetsUsed, unicodeRange } from '../fonts';
import { base64 } from '../shared';
import type { HouseFont, StyleTokens, Typefaces } from '../style';
import { covers } from '../truetype';

/**
 * The CSS family name of each house font of the style: its own name, with nothing in it that
 * could end a CSS string, made unique where two different files give the same name (a bold file
 * named for a role's regular face), so that no rule of one stands in for the other.
 */
export function cssFamilies(typefaces: Typefaces): Map<HouseFont, string> {
  const names = new Map<HouseFont, string>();
  const holders = new Map<string, Uint8Array>();
  const fonts = [typefaces.body, typefaces.headings, typefaces.tables].flatMap((t) => ('house' in t ? [t.house] : []));
  for (const font of [...fonts, ...typefaces.fallbacks.map((f) => f.font)]) {
    if (names.has(font)) continue;
    const own = font.name.replace(/[^\p{L}\p{N} _-]/gu, '').trim() || 'House font';
    let name = own;
    for (let n = 2; holders.has(name) && holders.get(name) !== font.faces.normal; n++) name = `${own} ${n}`;
    holders.set(name, font.faces.normal);
    names.set(font, `'${name}'`);
  }
  return names;
}

export function fontFaces(doc: Document, style: StyleTokens): string {
  const texts = allText(doc);
  return [...shippedFaces(texts), ...houseFaces(texts, style)].join('\n');
}

/** The house fonts of the roles, and each fallback font that draws a character of the text; each face once. */
function houseFaces(texts: readonly string[], style: StyleTokens): string[] {
  const { body, headings, tables, fallbacks } = style.typefaces;
  const families = cssFamilies(style.typefaces);
  const fonts = new Set<HouseFont>([body, headings, tables].flatMap((t) => ('house' in t ? [t.house] : [])));
  const needed = (font: HouseFont): boolean => texts.some((text) => [...text].some((ch) => ch.codePointAt(0)! > 0xff && covers(font.coverage, ch.codePointAt(0)!)));
  for (const { font } of fallbacks) if (!fonts.has(font) && needed(font)) fonts.add(font);
  const faces = new Map<string, string>();
  for (const font of fonts) {
    const family = families.get(font)!;
    for (const face of faceStyles) {
      const bytes = font.faces[face];
      if (!bytes) continue; // the browser makes the bold or italic of the regular face, as the other writers set it
      const weight = face === 'bold' || face === 'bolditalics' ? 700 : 400;
      const slant = faceItalic(face) ? 'italic' : 'normal';
      faces.set(
        `${family} ${weight} ${slant}`,
        `@font-face{font-family:${family};font-weight:${weight};font-style:${slant};font-display:block;` +
          `src:url(${fontDataUrl(bytes)}) format('${isPostScriptFont(bytes) ? 'opentype' : 'truetype'}');}`,
      );
    }
  }
  return [...faces.values()];
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

/** Whether a font file holds PostScript (CFF) outlines, an OpenType `.otf`, rather than TrueType ones. */
function isPostScriptFont(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 4 && new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0) === 0x4f54544f;
}

/** A house font file as a data: URL, for a page to load. */
export function fontDataUrl(bytes: Uint8Array): string {
  return `data:font/${isPostScriptFont(bytes) ? 'otf' : 'ttf'};base64,${base64(bytes)}`;
}
