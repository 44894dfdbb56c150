// What the PDF writer's parts share while they lay out one document: the document, the house
// style it is set in, the size of the text block, and where in the paper a block sits.

import type { Document } from '../../document/model';
import type { LogoImage, StyleTokens } from '../style';
import type { ColumnFamilies } from './engine';

export interface Context {
  doc: Document;
  /** The house style the paper is set in. */
  style: StyleTokens;
  withToc: boolean;
  /** Width and height of the text block in points. */
  width: number;
  height: number;
  /** Citations link to their note only when the notes are printed. */
  notesPrinted: boolean;
  /** The columns of tables that have a family, by family and column. */
  families: ColumnFamilies;
  /** The house style's logo, when its picture is in the document's images as `LOGO_IMAGE`. */
  logo?: LogoImage;
}

/** Where a block sits: paragraphs are spaced tighter in lists and boxes. */
export type Place = 'body' | 'list' | 'box';
