// The last look at a written DOCX before it is handed back: every XML part must decode as UTF-8,
// hold only characters XML 1.0 allows and declare no document type (Word refuses a DTD). A paper
// Word or LibreOffice would refuse to open is a failure with a reason, never a file written with
// exit 0. Strings are made safe before they reach the docx library (shared.ts, `printableText`);
// this catches whatever a new path forgets.
import { unzipSync } from 'fflate';
import { BriefError } from '../../diagnostics';

/** Any character XML 1.0 does not allow in a document (the Char production). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** A document type declaration, which Word refuses in any part of a package. */
const DOCTYPE = /<!DOCTYPE/i;

/** Throws a BriefError naming the part, line and column of the first character a reader would refuse. */
export function checkXmlParts(bytes: Uint8Array, format: string): void {
  const parts = unzipSync(bytes, { filter: (file) => /\.(xml|rels)$/i.test(file.name) });
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  for (const [name, data] of Object.entries(parts)) {
    let text: string;
    try {
      text = utf8.decode(data);
    } catch {
      throw refused(format, name, 'it is not valid UTF-8');
    }
    const bad = NOT_XML.exec(text);
    if (bad) {
      const before = text.slice(0, bad.index);
      const line = before.split('\n').length;
      const column = bad.index - before.lastIndexOf('\n');
      const code = (bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
      throw refused(format, name, `it holds U+${code}, a character XML does not allow, at line ${line}, column ${column}`);
    }
    // Text and attribute values escape their `<`, so this is markup (or a comment, which has no business holding it either).
    if (DOCTYPE.test(text)) throw refused(format, name, 'it declares a document type (<!DOCTYPE …>), which Word does not open');
  }
}

function refused(format: string, part: string, why: string): BriefError {
  return new BriefError([
    {
      severity: 'error',
      file: '',
      message: `the ${format} would not open in Word or LibreOffice: its part ${part} is not well-formed (${why}); nothing was written. Please report this as a fault.`,
    },
  ]);
}
