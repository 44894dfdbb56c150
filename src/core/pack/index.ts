// A pack: papers made one per topic, joined into one PDF behind a contents page (issue 18,
// "Batch"). Each paper is the PDF it is alone, page for page (its cover, its notes and sources,
// its footer numbering its own pages, its links and bookmarks); the contents page lists each
// by title and the page of the file it starts on, and links to it; each paper has a bookmark,
// and its own bookmarks under it. Laying the papers out again as one document would renumber
// their notes and pages and decide their contents pages anew: joining what was printed keeps
// each paper as its readers know it, and makes the contents page's numbers exact by counting.

import type { DocumentMeta, PageSettings } from '../document/model';
import type { StyleTokens } from '../writers/style';
import { contentsPdf, type ContentsEntry } from './contents';
import { joinPdfs, readPdf } from './join';

/** One paper of a pack: the topic it is about, the paper as printed (PDF) and what its Document says of it. */
export interface PackPaper {
  topic: { id: string; label: string };
  bytes: Uint8Array;
  meta: DocumentMeta;
  page: PageSettings;
}

export interface Pack {
  bytes: Uint8Array;
  /** The page of the file each paper starts on (1-based), in the order given. */
  starts: number[];
  /** The pages of each paper. */
  pages: number[];
  /** The pages the contents take, before the first paper. */
  contentsPages: number;
}

export interface PackOptions {
  /** The template the papers were made with: the pack's title names it. */
  templateName: string;
  /** The house style: the contents page is set in it, as the papers are. */
  style?: StyleTokens;
}

/** Contents laid out again at most this often, each time with the page count the last came to. */
const CONTENTS_LAYOUTS = 4;

/** The papers, in the order given, behind a contents page, as one PDF. */
export async function packPapers(papers: readonly PackPaper[], options: PackOptions): Promise<Pack> {
  const first = papers[0];
  if (!first) throw new Error('a pack needs at least one paper');
  const pdfs = await Promise.all(papers.map((paper) => readPdf(paper.bytes)));
  const pages = pdfs.map((pdf) => pdf.getPageCount());
  const title = `${options.templateName}: one paper per topic`;
  const frame = { meta: { ...first.meta, title, subject: title }, page: first.page, blocks: [], notes: [], sources: [] };
  const count = papers.length === 1 ? 'One paper' : `${papers.length} papers`;
  const intro = `${count}, each starting on a new page. The page numbers here are those of this file; each paper's footer numbers its own pages.`;

  // The page numbers printed depend on how many pages the contents take, which depends (a
  // little) on the numbers: lay it out until the count it assumed is the count it came to.
  let contentsPages = 1;
  for (let layout = 1; ; layout++) {
    const starts = startPages(contentsPages, pages);
    const entries: ContentsEntry[] = papers.map((paper, i) => ({ text: entryText(paper), page: starts[i]!, destination: paper.topic.id }));
    const contents = await readPdf(await contentsPdf(frame, entries, intro, options.style));
    const counted = contents.getPageCount();
    if (counted !== contentsPages) {
      if (layout >= CONTENTS_LAYOUTS) throw new Error(`the contents page came to ${counted} pages after ${layout} layouts, each assuming the last count`);
      contentsPages = counted;
      continue;
    }
    const bytes = await joinPdfs(
      [
        { pdf: contents, bookmark: 'Contents', linksToParts: true },
        ...papers.map((paper, i) => ({ pdf: pdfs[i]!, bookmark: entryText(paper), destination: paper.topic.id })),
      ],
      {
        title,
        subject: title,
        keywords: [...new Set(papers.flatMap((paper) => paper.meta.keywords))],
        ...(first.meta.author ?? first.meta.organisation ? { author: first.meta.author ?? first.meta.organisation } : {}),
        ...(first.meta.marking ? { marking: first.meta.marking } : {}),
        language: first.meta.language,
        created: new Date(first.meta.created),
      },
    );
    return { bytes, starts, pages, contentsPages };
  }
}

/** The page of the file each paper starts on, after `contentsPages` pages of contents. */
function startPages(contentsPages: number, pages: readonly number[]): number[] {
  let next = contentsPages + 1;
  return pages.map((count) => {
    const start = next;
    next += count;
    return start;
  });
}

/** A paper's line in the contents and its bookmark: its title, with its topic before it where the title does not name it. */
function entryText(paper: PackPaper): string {
  const { title } = paper.meta;
  return title.toLocaleLowerCase().includes(paper.topic.label.toLocaleLowerCase()) ? title : `${paper.topic.label}: ${title}`;
}
