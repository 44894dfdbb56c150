// Citations: each is a Word footnote, the source in full the first time and in short after
// (shared.ts `shortReference`), and the Sources section that lists every cited source once.

import { FootnoteReferenceRun, Paragraph } from 'docx';
import type { Inline, Note } from '../../document/model';
import { sectionLevel, shortReference } from '../shared';
import { labels } from '../style';
import type { Context, Lead } from './context';
import { run } from './text';

/**
 * The texts of a paper's footnotes, asked for in the order the file holds their marks: who the
 * cited fact quotes, then the full reference the first time its source is cited, its short form
 * after.
 */
export function footnoteTexts(): (note: Note, speaker: string | undefined) => string {
  const cited = new Set<string>();
  return (note, speaker) => {
    const quoted = speaker ? `${speaker}, quoted in ` : '';
    if (cited.has(note.sourceId)) return quoted + shortReference(note.text);
    cited.add(note.sourceId);
    return quoted + note.text;
  };
}

/**
 * A citation is a footnote of its own: Word numbers footnotes itself and cannot point two marks
 * at one footnote. So, as a Word user writes them, the first footnote of a source gives its full
 * reference and a later one its short form (shared.ts `shortReference`), each after whom the
 * cited fact quotes; the Sources section lists each source once, in full.
 */
export function footnote(cite: Inline & { type: 'cite' }, ctx: Context): FootnoteReferenceRun {
  const note = ctx.doc.notes.find((n) => n.number === cite.note);
  if (!note) throw new Error(`A citation refers to note ${cite.note}, which the document does not have.`);
  // The space after the footnote's own number is part of its text, as Word writes it.
  return new FootnoteReferenceRun({ children: [new Paragraph({ style: 'FootnoteText', children: [run(` ${ctx.noteText(note, cite.speaker)}`)] })] });
}

/** A Sources list this short moves to the next page whole rather than leave a line or two behind. */
const SOURCES_KEPT_WHOLE = 6;

/** The Sources section, a section of the paper as its others are: every source the footnotes cite, one paragraph each. */
export function sources(ctx: Context, lead: Lead): Paragraph[] {
  const entries = ctx.doc.sources;
  if (entries.length === 0) return [];
  return [
    new Paragraph({ style: `Heading${sectionLevel(ctx.doc)}`, pageBreakBefore: lead.pageBreakBefore, children: [run(labels.sources)] }),
    // No entry splits across pages; a short list moves to a page whole, and a long one never
    // leaves its last entries alone on a page.
    ...entries.map(
      (entry, i) =>
        new Paragraph({
          style: 'Bibliography',
          keepLines: true,
          keepNext: i < entries.length - 1 && (entries.length <= SOURCES_KEPT_WHOLE || i === 0 || i >= entries.length - 3),
          children: [run(entry.text)],
        }),
    ),
  ];
}
