// The PDF's named styles (headings, cover, tables, notes, running header and footer, contents),
// built from the house style's tokens, and the two conversions every part needs: a token's
// colour as pdfmake takes it, and a token's line height as pdfmake counts it.

import type { Style, StyleDictionary } from 'pdfmake/interfaces';
import { naturalLineHeight, type FontRole } from '../fonts';
import { fonts, type StyleTokens, type TextTokens } from '../style';

export const hex = (colour: string): string => `#${colour}`;

/** pdfmake's lineHeight for a CSS-style line height (see style.ts `StyleTokens`). */
export const lh = (lineHeight: number, role: FontRole): number => Math.round((lineHeight / naturalLineHeight[role]) * 1000) / 1000;

/** The text every node inherits: the body's. */
export function defaultStyle(style: StyleTokens): Style {
  return {
    font: fonts.body,
    fontSize: style.body.size,
    lineHeight: lh(style.body.leading, 'body'),
    color: hex(style.body.colour),
  };
}

/** Named styles, all from the house style's tokens. */
export function namedStyles(style: StyleTokens): StyleDictionary {
  const sans = (fontSize: number, lineHeight: number, rest: Style = {}): Style => ({
    font: fonts.heading,
    fontSize,
    lineHeight: lh(lineHeight, 'heading'),
    ...rest,
  });
  const serif = (fontSize: number, lineHeight: number, rest: Style = {}): Style => ({
    font: fonts.body,
    fontSize,
    lineHeight: lh(lineHeight, 'body'),
    ...rest,
  });
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
    tableHeader: sans(tables.text.size, tables.text.leading, { bold: true, color: hex(tables.headerText) }),
    // No colour of its own: a table inside a quote takes the quote's.
    tableCell: sans(tables.text.size, tables.text.leading),
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
