// The PDF writer's inlines: text, emphasis, code, links and citations as pdfmake text leaves,
// each run in the font subset that can draw it, and the cleaning every printed text goes through
// (dropped control and format characters, breaks in very long runs).

import type { Content } from 'pdfmake/interfaces';
import type { Inline } from '../../document/model';
import { typefaceRuns, type RunFace } from '../fonts';
import { plainText, printableText } from '../shared';
import type { Typefaces, TypeRole } from '../style';
import type { Context } from './context';
import { pdfFamily } from './engine';
import { hex } from './styles';
import { tagged, type Tag } from './tagging';

// pdfmake drops the properties of a text node whose `text` is an array (bold, colour,
// link, …: pdfmake issue #1174), so inlines become a flat list of leaves that each carry
// every property they inherit.

/** What an inline passes down to the text inside it. */
interface InlineStyle {
  bold?: boolean;
  italics?: boolean;
  color?: string;
  fontSize?: number;
  font?: string;
  background?: string;
  sup?: boolean;
  link?: string;
  linkToDestination?: string;
}

export function inlines(children: readonly Inline[], role: TypeRole, ctx: Context, inherited: InlineStyle = {}): Content[] {
  return children.flatMap((child, i) => {
    // Two citations in a row print as "1,2", not "12".
    const comma = child.type === 'cite' && children[i - 1]?.type === 'cite' ? [{ ...inherited, text: ',', sup: true }] : [];
    return [...comma, ...inline(child, role, ctx, inherited)];
  });
}

function inline(node: Inline, role: TypeRole, ctx: Context, inherited: InlineStyle): Content[] {
  switch (node.type) {
    case 'text':
      return runs(node.value, role, ctx.style.typefaces, inherited);
    case 'strong':
      return inlines(node.children, role, ctx, { ...inherited, bold: true });
    case 'emphasis':
      return inlines(node.children, role, ctx, { ...inherited, italics: true });
    case 'code':
      // Code is set in the headings' typeface, its own face named on every run.
      return runs(node.value, 'headings', ctx.style.typefaces, { ...inherited, background: hex(ctx.style.tables.stripe) }, true);
    case 'break':
      return ['\n'];
    case 'link':
      return link(node.url, node.children, role, ctx, inherited);
    case 'cite':
      // A reader says "note 1", not a bare "1" run on from the word before it.
      return [
        tagged(
          {
            ...inherited,
            text: String(node.note),
            sup: true,
            color: hex(ctx.style.notes.marker),
            ...(ctx.notesPrinted ? { linkToDestination: `note-${node.note}` } : {}),
          },
          ctx.notesPrinted ? { role: 'Link', actual: `note ${node.note}`, within: { role: 'Reference' } } : { role: 'Reference', actual: `note ${node.note}` },
        ),
      ];
  }
}

/** Paper cannot be clicked: the address prints after the text. Only web and mail links are live. */
function link(url: string, children: Inline[], role: TypeRole, ctx: Context, inherited: InlineStyle): Content[] {
  const live: InlineStyle = /^(https?:|mailto:)/i.test(url) ? { link: url } : {};
  const label = plainText(children);
  const address = url.replace(/^mailto:/i, '');
  const text = inlines(children, role, ctx, { ...inherited, ...live, color: hex(ctx.style.links.colour) });
  const secondary: InlineStyle = { ...inherited, ...live, color: hex(ctx.style.secondary.colour), fontSize: ctx.style.secondary.size };
  const printed = !address || address === label ? text : [...text, ...runs(` (${address})`, role, ctx.style.typefaces, secondary)];
  // A live link is one element, its text and the address after it (tagging.ts).
  if (!live.link) return printed;
  const tag: Tag = { role: 'Link' };
  return printed.map((run) => tagged(typeof run === 'string' ? { text: run } : { ...(run as object) }, tag) as Content);
}

/**
 * Text in the fonts that can draw it: the role's own face (the font of the node's named style,
 * so not named again unless `named`), a shipped subset for other alphabets, a fallback font for
 * a script the typeface lacks.
 */
export function runs(value: string, role: TypeRole, typefaces: Typefaces, style: InlineStyle = {}, named = false): Content[] {
  const text = clean(value);
  const plain = Object.keys(style).length === 0 && !named;
  const typeface = typefaces[role];
  const own = (face: RunFace): boolean =>
    'house' in typeface ? 'house' in face && face.house === typeface.house : 'shipped' in face && face.shipped === typeface.shipped && face.subset === 'latin';
  return typefaceRuns(text, role, typefaces).map((p) => {
    if (!own(p.face) || named) return { ...style, text: p.text, font: pdfFamily(p.face) };
    return plain ? p.text : { ...style, text: p.text };
  });
}

/**
 * Control characters print as boxes; a newline in text is a soft break, i.e. a space. Invisible
 * format characters (joiners, direction marks and overrides, the word joiner) have no glyph in
 * the shipped fonts and would print as boxes too, and pdfmake has no bidirectional layout to
 * apply them: they are dropped, all but the zero-width space, which the fonts draw (as nothing)
 * and which marks where a word may break. The soft hyphen goes too: the fonts give it the
 * hyphen's glyph, and pdfkit keeps one character per glyph, so after a soft hyphen (common in
 * text pasted from a word processor) every hyphen of the document — and, through the shared
 * shaping cache, of later documents — vanished ("2015-2018" printed as "20152018").
 */
export function clean(value: string): string {
  return breakLongRuns(
    printableText(value)
      .replace(/(?!\u200b)\p{Cf}/gu, '')
      .replace(/[ \t]*\r?\n[ \t]*/g, ' ')
      .replace(/[\t\r]/g, ' '),
  );
}

/** A run of letters with no break opportunity longer than this is given some. */
export const LONGEST_RUN = 40;
/** …every this many characters (whole code points; a surrogate pair is never split). */
export const RUN_PIECE = 20;
const LONG_RUN = new RegExp(`[^\\s\\u200b]{${LONGEST_RUN + 1},}`, 'gu');

/**
 * pdfmake breaks a word longer than a line by trying ever shorter prefixes of it, which costs
 * time and memory that grow with the square of its length: a pasted 10,000-letter hash took
 * half a minute and 700 MB. A zero-width space (drawn as nothing) every twenty characters of
 * such a run gives the layout places to break, so the cost stays linear and the run still
 * prints whole, in order. Runs of forty characters or fewer (any real word) are left as they are.
 */
export function breakLongRuns(text: string): string {
  if (text.length <= LONGEST_RUN) return text;
  return text.replace(LONG_RUN, (run) => {
    const chars = [...run];
    const pieces: string[] = [];
    for (let i = 0; i < chars.length; i += RUN_PIECE) pieces.push(chars.slice(i, i + RUN_PIECE).join(''));
    return pieces.join('\u200b');
  });
}
