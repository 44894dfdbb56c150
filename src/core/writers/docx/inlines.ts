// Inlines: text with its bold and italics, code, line breaks, links (live for the web and mail,
// their address printed after), and citations, which are footnotes (notes.ts).

import { ExternalHyperlink, TextRun, type ParagraphChild } from 'docx';
import type { Inline } from '../../document/model';
import { plainText, printableText } from '../shared';
import type { Context } from './context';
import { footnote } from './notes';
import { faceOf } from './styles';
import { run, type Marks } from './text';

/** The marks the text of a paragraph in the paragraph style `style` starts with. */
export function inStyle(style: string | undefined, ctx: Context): Marks {
  const styled = faceOf(style, ctx.styles.paragraph);
  return styled.bold || styled.italics ? { styled } : {};
}

export function inlines(children: readonly Inline[], ctx: Context, marks: Marks = {}): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  children.forEach((child, i) => {
    // Two footnote marks in a row read as "1,2", not "12".
    if (child.type === 'cite' && children[i - 1]?.type === 'cite') out.push(new TextRun({ text: ',', style: 'FootnoteReference' }));
    out.push(...inline(child, ctx, marks));
  });
  return out;
}

function inline(node: Inline, ctx: Context, marks: Marks): ParagraphChild[] {
  switch (node.type) {
    case 'text':
      return node.value ? [run(node.value, marks)] : [];
    case 'strong':
      return inlines(node.children, ctx, marks.styled?.bold ? marks : { ...marks, bold: true });
    case 'emphasis':
      return inlines(node.children, ctx, marks.styled?.italics ? marks : { ...marks, italics: true });
    case 'code':
      return [run(node.value, { ...marks, style: 'InlineCode' })];
    case 'break':
      return [new TextRun({ break: 1 })];
    case 'link':
      return link(node.url, node.children, ctx, marks);
    case 'cite':
      return [footnote(node, ctx)];
  }
}

/** Web and mail links are live; paper cannot be clicked, so the address prints after the text (as in the PDF). */
function link(given: string, children: Inline[], ctx: Context, marks: Marks): ParagraphChild[] {
  // The address goes into the package's relationships as well as the text: it is made printable too.
  const url = printableText(given);
  const label = plainText(children);
  const address = url.replace(/^mailto:/i, '');
  const target = address && address !== label ? [run(` (${address})`, { ...marks, style: 'LinkTarget' })] : [];
  if (!/^(https?:|mailto:)/i.test(url)) return [...inlines(children, ctx, marks), ...target];
  return [new ExternalHyperlink({ link: url, children: children.flatMap((c) => linkRuns(c, marks)) }), ...target];
}

/** The runs of a link's text, in the Hyperlink character style. */
function linkRuns(node: Inline, marks: Marks): TextRun[] {
  switch (node.type) {
    case 'text':
    case 'code':
      return node.value ? [run(node.value, { ...marks, style: 'Hyperlink' })] : [];
    case 'strong':
      return node.children.flatMap((c) => linkRuns(c, { ...marks, bold: true }));
    case 'emphasis':
      return node.children.flatMap((c) => linkRuns(c, { ...marks, italics: true }));
    case 'link':
      return node.children.flatMap((c) => linkRuns(c, marks));
    case 'break':
      return [new TextRun({ break: 1 })];
    case 'cite':
      return [];
  }
}
