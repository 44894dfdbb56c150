// What the HTML writer's parts share while they write one page.
import type { Block, Document } from '../../document/model';
import type { StyleTokens } from '../style';

export interface Context {
  doc: Document;
  /** The house style the page is set in. */
  style: StyleTokens;
  withToc: boolean;
  notesPrinted: boolean;
  /** Anchor of each heading, for the table of contents. */
  headingIds: Map<Block, string>;
}
