// What more than one writer needs to read out of a Document the same way: plain text of
// inlines, text safe to print, and how table columns share the width.

import type { Inline, TableCell } from '../document/model';

/** The text of inlines as a reader sees it, without note numbers. */
export function plainText(children: readonly Inline[]): string {
  return children
    .map((c) => {
      switch (c.type) {
        case 'text':
        case 'code':
          return c.value;
        case 'break':
          return ' ';
        case 'cite':
          return '';
        default:
          return plainText(c.children);
      }
    })
    .join('');
}

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
