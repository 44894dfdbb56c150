// The PDF's named styles (headings, cover, tables, notes, running header and footer, contents),
// built from the house style's tokens, and the two conversions every part needs: a token's
// colour as pdfmake takes it, and a token's line height as pdfmake counts it.

import type { Style, StyleDictionary } from 'pdfmake/interfaces';
import { naturalLineOf } from '../fonts';
import type { StyleTokens, TextTokens, Typefaces, TypeRole } from '../style';
import { pdfFamily } from './engine';

export const hex = (colour: string): string => `#${colour}`;

/** pdfmake's lineHeight for a CSS-style line height (see style.ts `StyleTokens`) in a role's typeface. */
export const lh = (lineHeight: number, role: TypeRole, typefaces: Typefaces): number =>
  Math.round((lineHeight / naturalLineOf(typefaces[role], 'pdf')) * 1000) / 1000;

/** The pdfmake family of a role's typeface (its Latin subset, for a shipped family). */
const roleFamily = (role: TypeRole, typefaces: Typefaces): string => {
  const typeface = typefaces[role];
  return pdfFamily('shipped' in typeface ? { shipped: typeface.shipped, subset: 'latin' } : typeface);
};

/** The text every node inherits: the body's. */
export function defaultStyle(style: StyleTokens): Style {
  return {
    font: roleFamily('body', style.typefaces),
    fontSize: style.body.size,
    lineHeight: lh(style.body.leading, 'body', style.typefaces),
    color: hex(style.body.colour),
  };
}

/** Named styles, all from the house style's tokens. */
export function namedStyles(style: StyleTokens): StyleDictionary {
  const set = (role: TypeRole) => (fontSize: number, lineHeight: number, rest: Style = {}): Style => ({
    font: roleFamily(role, style.typefaces),
    fontSize,
    lineHeight: lh(lineHeight, role, style.typefaces),
    ...rest,
  });
  const sans = set('headings');
  const serif = set('body');
  const table = set('tables');
  /** Sans text of a kind, in its own colour. */
  const sansText = (text: TextTokens, rest: Style = {}): Style => sans(text.size, text.leading, { color: hex(text.colour), ...rest });
  const heading = (level: 'h1' | 'h2' | 'h3'): Style => {
    const h = style.heading[level];
    return sans(h.size, h.leading, { bold: true, color: hex(h.colour), margin: [0, h.before, 0, h.after] });
  };
  const { secondary, cover, tables, keyFigures, notes, body } = style;
  return {
    h1: heading('h1'),
    h2: heading('h2'),
    h3: heading('h3'),
    coverOrganisation: sansText(secondary),
    coverTitle: sansText(cover.title, { bold: true, margin: [0, 6, 0, 8] }),
    coverSubtitle: sansText(cover.subtitle, { margin: [0, 0, 0, 4] }),
    coverField: sans(body.size, cover.field.leading),
    tableHeader: table(tables.text.size, tables.text.leading, { bold: true, color: hex(tables.headerText) }),
    // No colour of its own: a table inside a quote takes the quote's.
    tableCell: table(tables.text.size, tables.text.leading),
    calloutTitle: sans(style.heading.h3.size, style.heading.h3.leading, { bold: true, color: hex(style.callouts.title), margin: [0, 0, 0, 3] }),
    figureValue: sansText(keyFigures.value, { bold: true }),
    figureLabel: sansText(keyFigures.label),
    caption: sansText(secondary, { margin: [0, 3, 0, 0] }),
    // The Sources list sets its notes at the size of secondary text, at the notes' line height.
    noteNumber: serif(secondary.size, notes.leading, { color: hex(secondary.colour), alignment: 'right' }),
    noteText: serif(secondary.size, notes.leading, { color: hex(notes.colour) }),
    marking: sansText(style.marking, { bold: true }),
    runningText: sansText(secondary),
    tocEntry: sans(body.size, body.leading),
    tocNumber: sans(body.size, body.leading, { color: hex(secondary.colour) }),
  };
}
