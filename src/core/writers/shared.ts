// What more than one writer needs to read out of a Document the same way: plain text of
// inlines, text safe to print, how table columns share the width, and whether the table of
// contents prints.

import type { Block, Document, TableCell } from '../document/model';
import { plainText } from '../document/text';
import { tocMinPages } from './style';

/** What the pipeline tells a writer about the document it writes. */
export interface WriterOptions {
  /**
   * Whether the document's `toc` block prints, as the pipeline decided it for every format at
   * once (see `tocByEstimate`). When absent, the writer decides by itself.
   */
  toc?: boolean;
}

/** The text of inlines as a reader sees it, without note numbers. */
export { plainText };

/** Drops control characters (they print as boxes or break XML); keeps tab, newline and return. */
export function withoutControlCharacters(value: string): string {
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '');
}

/**
 * How each column of a table takes its width: short columns (years, figures, codes) `fit`
 * their content; the widest column, and any long one, `fill` the rest of the line.
 */
export function columnFits(header: readonly TableCell[], rows: readonly (readonly TableCell[])[]): ('fit' | 'fill')[] {
  const columns = Math.max(header.length, ...rows.map((r) => r.length));
  const lengths = Array.from({ length: columns }, (_, i) =>
    Math.max(0, ...[header, ...rows].map((r) => plainText(r[i]?.children ?? []).length)),
  );
  const widest = lengths.indexOf(Math.max(...lengths));
  return lengths.map((length, i) => (i === widest || length > 24 ? 'fill' : 'fit'));
}

/** Characters of body text on a page of A4 at the body size, for the estimate below. */
const CHARS_PER_PAGE = 3200;

/** Pages the document fills, estimated from the length of its text without laying it out. */
export function estimatedPages(doc: Document): number {
  const weight = (b: Block): number => {
    switch (b.type) {
      case 'heading':
        return plainText(b.children).length + 120;
      case 'paragraph':
        return plainText(b.children).length + 60;
      case 'list':
        return b.items.reduce((sum, item) => sum + item.reduce((s, x) => s + weight(x), 0), 0);
      case 'table':
        return (b.rows.length + 1) * 110;
      case 'blockquote':
      case 'callout':
      case 'cover':
        return b.children.reduce((sum, x) => sum + weight(x), 300);
      case 'keyFigures':
        return Math.ceil(b.items.length / 4) * 450;
      case 'chart':
        return 1400;
      case 'sources':
        return doc.notes.reduce((sum, n) => sum + n.text.length + 60, 200);
      default:
        return 0;
    }
  };
  const pageBreaks = doc.blocks.filter((b) => b.type === 'pageBreak').length;
  return Math.ceil(doc.blocks.reduce((sum, b) => sum + weight(b), 0) / CHARS_PER_PAGE) + pageBreaks;
}

export function hasToc(doc: Document): boolean {
  return doc.blocks.some((b) => b.type === 'toc');
}

/**
 * Whether a document gets its table of contents (only one longer than `tocMinPages` does), when
 * the page estimate is clear about it; `undefined` when the document is near the limit and only
 * laying its pages out can tell. Against the PDF's real page counts of the bundled templates, the
 * estimate is up to two pages over and one page under, hence the margins.
 */
export function tocByEstimate(doc: Document): boolean | undefined {
  if (!hasToc(doc)) return false;
  const pages = estimatedPages(doc);
  if (pages < tocMinPages) return false;
  if (pages > tocMinPages + 3) return true;
  return undefined;
}
