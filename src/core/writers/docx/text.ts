// Literal text as Word gets it: cleaned of what XML cannot hold, in runs that carry their marks
// (bold and italics as Word's Strong and Emphasis, or a character style of their own), and
// whether some inlines print anything at all.

import { TextRun, type IRunOptions } from 'docx';
import type { Inline } from '../../document/model';
import { printableText } from '../shared';

/** Bold and italics, as a style sets them. */
export interface Face {
  bold?: boolean;
  italics?: boolean;
}

export interface Marks {
  bold?: boolean;
  italics?: boolean;
  /**
   * What the paragraph's style sets already: bold or italics in the text add nothing to it (and
   * a character style would turn it off in Word, which toggles bold and italics between styles).
   */
  styled?: Face;
}

/**
 * A run of literal text: docx escapes it for XML; characters XML cannot hold are dropped. Bold
 * and italics are Word's Strong and Emphasis character styles, so that a user restyles them all
 * at once; a run in a character style of its own (a link, code) or in both takes them directly.
 */
export function run(value: string, { bold, italics, style }: Marks & Pick<IRunOptions, 'style'> = {}): TextRun {
  const text = clean(value);
  if (style || (bold && italics)) {
    return new TextRun({ text, ...(style ? { style } : bold ? { style: 'Strong' } : {}), ...(bold && style ? { bold } : {}), ...(italics ? { italics } : {}) });
  }
  return new TextRun({ text, ...(bold ? { style: 'Strong' } : italics ? { style: 'Emphasis' } : {}) });
}

/** A newline in text is a soft break, i.e. a space; control characters cannot be written in XML. */
export function clean(value: string): string {
  return printableText(value.replace(/[ \t]*(\r\n|\r|\n)[ \t]*/g, ' ').replace(/\t/g, ' '));
}

/** Whether inlines print anything: an empty paragraph is never written where content was expected. */
export function hasText(children: readonly Inline[]): boolean {
  return children.some((c) => {
    switch (c.type) {
      case 'text':
      case 'code':
        return clean(c.value).trim().length > 0;
      case 'cite':
        return true;
      case 'break':
        return false;
      default:
        return hasText(c.children);
    }
  });
}
