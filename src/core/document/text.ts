// The text of inlines as a reader sees it (no note numbers, breaks as spaces): for titles,
// alt texts, table measurements and anywhere else a Document's words are needed as a string.
import type { Inline } from './model';

export function plainText(inlines: readonly Inline[]): string {
  return inlines
    .map((inline) => {
      switch (inline.type) {
        case 'text':
        case 'code':
          return inline.value;
        case 'break':
          return ' ';
        case 'cite':
          return '';
        default:
          return plainText(inline.children);
      }
    })
    .join('');
}
