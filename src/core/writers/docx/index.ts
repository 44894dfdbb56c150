// The DOCX writer: a Document as a Word file made of real Word styles (Title, Heading 1–3, List
// Bullet, Strong, Caption, …) so a user can restyle it in Word, with citations as real footnotes,
// the handling marking in the header and footer, and charts as PNG pictures with alt text. Here:
// the paper's context, the Word document packed into the file, and the file's properties.

import { Document as WordDocument, Packer, type PageNumberEstimator } from 'docx';
import { renderChartPngs, type ChartPicture } from '../../charts/raster';
import type { Chart, Document } from '../../document/model';
import { chartsOf, hasToc, sectionLevel, type WriterOptions } from '../shared';
import { logoOf, logoPng } from '../logo';
import { houseStyle, type StyleTokens } from '../style';
import { blocks, logoParagraph } from './blocks';
import type { Context } from './context';
import { footnoteTexts } from './notes';
import { checkXmlParts } from './package-check';
import { withReferenceStyles } from './reference';
import { pageEstimator, pageFooter, pageHeader, sectionProperties, textWidth } from './pages';
import { BULLET_LIST, contentsStyles, documentRun, embeddedFonts, NUMBER_LIST, paperStyles } from './styles';
import { clean } from './text';
import { twips } from './units';

/** What the DOCX writer is told: the pipeline's decision whether the contents print is not optional. */
export type DocxOptions = WriterOptions & { toc: boolean };

/**
 * Renders a Document as the bytes of a .docx file, in the house style `options.style`
 * (`houseStyle` when absent).
 *
 * Whether the table of contents prints is the pipeline's decision (`options.toc`, by the contents
 * rule every format follows: write.ts), which the writer follows. A document whose table of
 * contents prints is laid out as Word would lay it out, and the contents' page numbers and the
 * footer's page count are written from that layout, so that the contents show their pages on
 * opening, in Word (which still refreshes the field) and in applications that never update fields
 * (LibreOffice). The layout costs many times more than writing the file, so a document without
 * contents is written without it.
 */
export async function renderDocx(doc: Document, options: DocxOptions): Promise<Uint8Array> {
  const withToc = options.toc && hasToc(doc);
  const style = options.style ?? houseStyle;
  // The chart pictures are made first, side by side off the main thread.
  // Meanwhile, the main thread loads what lays the pages out, if they will be.
  const charts = chartsOf(doc);
  const image = logoOf(style);
  const [drawn, pageNumbers, png] = await Promise.all([
    renderChartPngs(charts, textWidth(doc), style),
    withToc ? pageEstimator() : undefined,
    image && logoPng(style, image),
  ]);
  const pictures = new Map(charts.map((chart, i) => [chart, drawn[i]!]));
  const ctx = createContext(doc, withToc, pictures, style);
  if (image && png) ctx.logo = { image, png };
  const packed = await pack(doc, ctx, pageNumbers);
  // An organisation's Word template restyles the file (reference.ts).
  const bytes = style.reference ? withReferenceStyles(packed, style.reference) : packed;
  // Every XML part must be one Word and LibreOffice will read (package-check.ts).
  checkXmlParts(bytes, 'DOCX');
  return bytes;
}

function createContext(doc: Document, withToc: boolean, pictures: ReadonlyMap<Chart, ChartPicture>, style: StyleTokens): Context {
  let instance = 0;
  return {
    doc,
    withToc,
    style,
    styles: paperStyles(style),
    width: textWidth(doc),
    nextListInstance: () => ++instance,
    noteText: footnoteTexts(),
    picture: (chart) => {
      const picture = pictures.get(chart);
      if (!picture) throw new Error(`the chart "${chart.title}" was not drawn before the file was built`);
      return picture;
    },
  };
}

/**
 * Builds and packs the file. With `pageNumbers`, docx lays the pages out as Word would while
 * packing, measuring text with the shipped fonts, to write the page numbers of the table of
 * contents and the "of Y" of the footer, so they are right before Word or LibreOffice updates the
 * fields.
 */
async function pack(doc: Document, ctx: Context, pageNumbers: PageNumberEstimator | undefined): Promise<Uint8Array> {
  const file = wordDocument(doc, ctx, pageNumbers);
  // docx stamps the core properties with the time of writing; ours carry the document's own.
  const bytes = await Packer.toArrayBuffer(file, false, [
    { path: 'docProps/core.xml', data: corePropertiesXml(doc) },
    { path: 'docProps/app.xml', data: appPropertiesXml(doc) },
  ]);
  return new Uint8Array(bytes);
}

function wordDocument(doc: Document, ctx: Context, pageNumbers: PageNumberEstimator | undefined): WordDocument {
  const { style, styles } = ctx;
  return new WordDocument({
    // The handling marking travels with the file, beside the header and footer that print it:
    // a records system or a mail gateway reads it from the document's custom properties.
    ...(doc.meta.marking ? { customProperties: [{ name: 'Marking', value: clean(doc.meta.marking) }] } : {}),
    styles: {
      default: { document: { run: documentRun(doc.meta.language, style), paragraph: { spacing: { after: twips(style.body.after) } } } },
      paragraphStyles: [...styles.paragraph, ...contentsStyles(sectionLevel(doc), style)],
      characterStyles: styles.character,
    },
    // docx has no API for table styles, so they come in as an "external" styles.xml; given as
    // importedStyles instead, they would silently replace docx's document defaults.
    externalStyles: styles.tables,
    numbering: {
      config: [
        { reference: BULLET_LIST, levels: styles.bullets },
        { reference: NUMBER_LIST, levels: styles.numbers },
      ],
    },
    fonts: embeddedFonts(style),
    ...(pageNumbers ? { pageNumbers } : {}),
    // Word lays the pages out with the fonts it has, so it refreshes the contents on opening.
    ...(ctx.withToc ? { features: { updateFields: true } } : {}),
    sections: [
      {
        properties: sectionProperties(doc),
        ...headerOf(doc, ctx),
        footers: { default: pageFooter(doc, ctx.width, style) },
        // A logo for the cover heads the first page of a paper that has no cover.
        children: [
          ...(ctx.logo?.image.placement === 'cover' && !doc.blocks.some((b) => b.type === 'cover') ? [logoParagraph(ctx, {})] : []),
          ...blocks(doc.blocks, ctx),
        ],
      },
    ],
  });
}

/** The running header: the marking where the style prints it, the logo when it goes there. */
function headerOf(doc: Document, ctx: Context) {
  const { position } = ctx.style.marking;
  const marking = doc.meta.marking && position !== 'footer' ? doc.meta.marking : '';
  const logo = ctx.logo?.image.placement === 'header' ? ctx.logo : undefined;
  return marking || logo ? { headers: { default: pageHeader(marking, logo, ctx) } } : {};
}

// ---------------------------------------------------------------------------------------------
// Document properties (docProps/core.xml, app.xml), written here so that the dates are the
// document's own.

function corePropertiesXml(doc: Document): string {
  const { meta } = doc;
  const created = new Date(meta.created);
  const when = Number.isNaN(created.getTime()) ? undefined : created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const creator = meta.author ?? 'briefwright';
  const description = [meta.subtitle, meta.organisation].filter(Boolean).join(' — ');
  const element = (name: string, value: string | undefined): string =>
    value ? `<${name}>${xmlText(value)}</${name}>` : '';
  const date = (name: string): string => (when ? `<${name} xsi:type="dcterms:W3CDTF">${when}</${name}>` : '');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    element('dc:title', meta.title) +
    element('dc:subject', meta.subject ?? meta.subtitle) +
    element('dc:creator', creator) +
    element('cp:keywords', meta.keywords.join(', ')) +
    element('dc:description', description) +
    element('cp:lastModifiedBy', creator) +
    element('dc:language', meta.language) +
    date('dcterms:created') +
    date('dcterms:modified') +
    '</cp:coreProperties>'
  );
}

/** The application and the organisation, which Word shows in the file's properties. */
function appPropertiesXml(doc: Document): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ' +
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    '<Application>briefwright</Application>' +
    (doc.meta.organisation ? `<Company>${xmlText(doc.meta.organisation)}</Company>` : '') +
    '</Properties>'
  );
}

function xmlText(value: string): string {
  return clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
