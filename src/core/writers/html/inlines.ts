// The HTML writer's inlines, and the escaping every text of the page goes through.
import type { Inline } from '../../document/model';
import { plainText, printableText } from '../shared';
import type { Context } from './context';

/** The word a note's marker is read as. */
const NOTE = 'note';

export function inlines(children: readonly Inline[], ctx: Context): string {
  return children
    .map((child, i) => (child.type === 'cite' && children[i - 1]?.type === 'cite' ? '<sup class="cite">,</sup>' : '') + inline(child, ctx))
    .join('');
}

function inline(node: Inline, ctx: Context): string {
  switch (node.type) {
    case 'text':
      return esc(node.value);
    case 'strong':
      return `<strong>${inlines(node.children, ctx)}</strong>`;
    case 'emphasis':
      return `<em>${inlines(node.children, ctx)}</em>`;
    case 'code':
      return `<code>${esc(node.value)}</code>`;
    case 'break':
      return '<br>';
    case 'link': {
      // The preview never navigates: the address is shown, not followed.
      const label = plainText(node.children);
      const address = node.url.replace(/^mailto:/i, '');
      const url = address && address !== label ? ` <span class="link-url">(${esc(address)})</span>` : '';
      return `<span class="link">${inlines(node.children, ctx)}</span>${url}`;
    }
    case 'cite': {
      // A screen reader says "note 2" where the eye sees a raised 2 (the word is never copied with the text).
      const marker = `<span class="visually-hidden">${NOTE} </span>${node.note}`;
      return ctx.notesPrinted ? `<sup class="cite"><a href="#note-${node.note}">${marker}</a></sup>` : `<sup class="cite">${marker}</sup>`;
    }
  }
}

/** Escapes text for element content and quoted attribute values, and drops control characters. */
export function esc(value: string): string {
  return printableText(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
