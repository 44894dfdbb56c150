// The fonts of the page: the shipped WOFF2 faces of the scripts its text uses, inlined as data:
// URLs, so the page shows as the PDF does on any machine and fetches nothing.
import type { Block, Document, Inline } from '../../document/model';
import { faceItalic, faceStyles, faceWeight, familyName, fontBytes, subsetsUsed, unicodeRange } from '../fonts';
import { base64 } from '../shared';

export function fontFaces(doc: Document): string {
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
