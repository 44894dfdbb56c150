// The pipeline's second half (docs/architecture.md, "One pipeline"): a prepared Document becomes
// the bytes of one format, by that format's writer. The writers are the engine adapters (pdfmake,
// docx); core's own type check (tsconfig.core.json) stops short of them and of this file.
import type { FormatId } from '../shared/formats';
import { prepareBrief, type BriefOptions, type BriefRequest, type Format, type PreparedBrief } from './brief';
import type { Diagnostic } from './diagnostics';
import type { Document } from './document/model';
import type { TemplateSet } from './templates/template';
import type { Workspace } from './workspace/load';
import { logoPng } from './writers/logo';
import { tocByEstimate, wantsToc } from './writers/shared';
import type { StyleTokens } from './writers/style';

/** How a paper is written, beyond its Document. */
export interface WriteOptions {
  /** The house style to set it in (writers/style.ts), over the workspace's own (`PreparedBrief.style`). */
  style?: StyleTokens;
}

export interface RenderedBrief extends PreparedBrief {
  format: Format;
  bytes: Uint8Array;
}

/** The whole pipeline: request → bytes of `format`. */
export async function renderBrief(
  workspace: Workspace,
  templates: TemplateSet,
  request: BriefRequest,
  format: Format,
  options: BriefOptions & WriteOptions = {},
): Promise<RenderedBrief> {
  const prepared = prepareBrief(workspace, templates, request, options);
  const bytes = await writeDocument(prepared, format, options);
  return { ...prepared, format, bytes };
}

/**
 * What a writer is given of a prepared paper; without a style, briefwright's own (`houseStyle`).
 * `diagnostics`, when given, takes the warnings that writing adds (a logo that cannot be drawn).
 */
type Paper = Pick<PreparedBrief, 'document' | 'markdown'> & { style?: StyleTokens; diagnostics?: Diagnostic[] };
type Writer = (prepared: Paper, style: StyleTokens | undefined) => Promise<Uint8Array>;

/**
 * The writer of each format in shared/formats.ts: a format listed there without a writer here
 * does not compile. Each writer is imported with the first document of its format, and the big
 * engines (pdfmake, docx's page layout) only when a document needs them, so that making one
 * format does not load the others' (a bundle keeps that only where it is split into chunks;
 * pdfmake and docx's layout are imported by their package names, which it keeps).
 */
const writers: { [F in FormatId]: Writer } = {
  pdf: async ({ document: doc }, style) => {
    const { renderPdf } = await import('./writers/pdf');
    // Near the limit, the PDF writer counts its own pages.
    return renderPdf(doc, { toc: tocByEstimate(doc), style });
  },
  docx: async ({ document: doc }, style) => {
    const toc = await decideToc(doc);
    const { renderDocx } = await import('./writers/docx');
    return renderDocx(doc, { toc, style });
  },
  html: async ({ document: doc }, style) => {
    const toc = await decideToc(doc);
    const { renderHtml } = await import('./writers/html');
    return new TextEncoder().encode(renderHtml(doc, { toc, style }));
  },
  // The Markdown the template made is the paper in this format: there is nothing to lay out.
  md: async ({ markdown }) => new TextEncoder().encode(markdown),
};

/** A Document as the bytes of one format. */
export async function writeDocument(prepared: Paper, format: Format, options: WriteOptions = {}): Promise<Uint8Array> {
  const style = options.style ?? prepared.style;
  return writers[format](prepared, format === 'pdf' || format === 'docx' ? await drawableLogo(style, prepared.diagnostics) : style);
}

/**
 * The style with its SVG logo, when the host can draw it as the PDF and the DOCX need; else the
 * style without a logo, and a warning: a house style's picture never stops a paper.
 */
async function drawableLogo(style: StyleTokens | undefined, diagnostics: Diagnostic[] | undefined): Promise<StyleTokens | undefined> {
  const image = style?.logo.image;
  if (!style || !image || image.kind !== 'svg') return style;
  try {
    await logoPng(style, image);
    return style;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    diagnostics?.push({ severity: 'warning', file: '', message: `the house style's SVG logo cannot be drawn (${reason}); the paper is made without it` });
    return { ...style, logo: { ...style.logo, image: undefined } };
  }
}

/**
 * Whether the table of contents prints in DOCX and HTML, by the PDF's rule (only a document of
 * more than `tocMinPages` pages has one), from the page estimate alone. Word and browsers lay
 * pages out their own way, so counting the PDF's pages would cost a full PDF layout for no more
 * certainty; the PDF writer, whose pages are the ones counted, decides near the limit itself.
 */
async function decideToc(doc: Document): Promise<boolean> {
  return tocByEstimate(doc) ?? wantsToc(doc);
}
