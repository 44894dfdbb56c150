// The contents page of a pack: each paper's title and the page it starts on, each a link to the
// named destination of its paper (join.ts puts the destinations in). Laid out by the PDF writer's
// own frame (page, margins, running header and footer, named styles), so that it looks like the
// papers after it.

import type { Content, TableLayout } from 'pdfmake/interfaces';
import type { Document } from '../document/model';
import { logoOf, logoPng } from '../writers/logo';
import { pdfDefinition } from '../writers/pdf';
import { pdfmakeReady, print } from '../writers/pdf/engine';
import { runs } from '../writers/pdf/inlines';
import { tagged } from '../writers/pdf/tagging';
import { houseStyle, labels, type StyleTokens } from '../writers/style';

/** One line of the contents. */
export interface ContentsEntry {
  text: string;
  /** The page it starts on, in the whole file. */
  page: number;
  /** The named destination its link goes to. */
  destination: string;
}

/** No rules, and the page numbers set apart from the titles, as the contents of a long paper. */
const entryLayout: TableLayout = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  paddingLeft: (column) => (column === 0 ? 0 : 12),
  paddingRight: () => 0,
  paddingTop: () => 2,
  paddingBottom: () => 2,
};

/**
 * The contents page(s) as a PDF of their own. `frame` gives the page, the marking and the title
 * the running footer prints; its blocks are not read. `intro` is a line under the heading.
 */
export async function contentsPdf(frame: Document, entries: readonly ContentsEntry[], intro: string, style: StyleTokens | undefined): Promise<Uint8Array> {
  const { typefaces } = style ?? houseStyle;
  const definition = pdfDefinition({ ...frame, blocks: [], notes: [], sources: [] }, { withToc: false, style, logo: await drawnLogo(style) });
  const text = (value: string, extra: { linkToDestination?: string } = {}) => runs(value, 'headings', typefaces, extra);
  const linked = (value: string, destination: string) => text(value, { linkToDestination: destination });
  const rows: Content[][] = entries.map((entry) => [
    { text: linked(entry.text, entry.destination), style: 'tocEntry' },
    { text: linked(String(entry.page), entry.destination), style: 'tocNumber', alignment: 'right' },
  ]);
  const head = Array.isArray(definition.content) ? definition.content : [definition.content];
  definition.content = [
    ...head,
    // To a reader: a heading, a paragraph, and a table of contents whose entries are links.
    tagged({ text: text(labels.contents), style: 'h1' }, { role: 'H1' }),
    tagged({ text: text(intro), style: 'runningText', margin: [0, 0, 0, 10] }, { role: 'P' }),
    tagged({ table: { widths: ['*', 'auto'], body: rows, dontBreakRows: true }, layout: entryLayout }, { role: 'TOC' }),
  ];
  return print(await pdfmakeReady(typefaces), definition);
}

/**
 * The house style's logo as the PDF writer prints it; none when it cannot be drawn (a picture
 * never stops a paper, and each paper of the pack has said so already).
 */
async function drawnLogo(style: StyleTokens | undefined): Promise<Uint8Array | undefined> {
  const image = logoOf(style ?? houseStyle);
  if (!image) return undefined;
  try {
    return await logoPng(style ?? houseStyle, image);
  } catch {
    return undefined;
  }
}
