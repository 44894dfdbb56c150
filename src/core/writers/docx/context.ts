// What the functions that build the paper's parts are told: about the whole paper (its house style
// and Word styles, its width, its chart pictures, the footnotes cited so far) in `Context`, made
// once a paper by index.ts; and by the container a block is in (a quote's style, a page break
// before it) in `Lead`.

import type { ChartPicture } from '../../charts/raster';
import type { Chart, Document, Note } from '../../document/model';
import type { LogoImage, StyleTokens } from '../style';
import type { PaperStyles } from './styles';

export interface Context {
  doc: Document;
  /** Whether the toc block, where there is one, is rendered. */
  withToc: boolean;
  /** The house style the paper is set in. */
  style: StyleTokens;
  /** The paper's Word styles, built from `style`. */
  styles: PaperStyles;
  /** Width of the text block in points. */
  width: number;
  /** A fresh list instance, so that each ordered list counts from 1. */
  nextListInstance: () => number;
  /** The house style's logo, as a PNG, when it has one. */
  logo?: { image: LogoImage; png: Uint8Array };
  /** The picture of a chart of the document. */
  picture: (chart: Chart) => ChartPicture;
  /**
   * The text of the footnote of a citation, in the order the file holds them: who it quotes, then
   * the full reference the first time its source is cited, its short form after.
   */
  noteText: (note: Note, speaker: string | undefined) => string;
}

/** What a container tells the blocks inside it. */
export interface Lead {
  /** Paragraph style for plain paragraphs (a quote's, a callout's). */
  style?: string;
  /** The block's first paragraph starts a new page (it follows a pageBreak block). */
  pageBreakBefore?: boolean;
  /** The block follows a table: its first paragraph keeps the gap a table cannot hold. */
  afterTable?: boolean;
  /** The paragraph labels the list or table under it (shared.ts `isLabel`). */
  label?: boolean;
}
