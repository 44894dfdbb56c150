// What a logo file must be for a paper to carry it: a PNG (by its signature, its size from the
// IHDR chunk) or an SVG that is well formed enough to draw and references nothing outside itself,
// since a paper never fetches anything. Anything else is a sentence saying what it is instead.

/** The most bytes a logo file may hold: a logo is small, and every paper carries it. */
export const LOGO_MAX_BYTES = 2 * 1024 * 1024;

/** A logo file found sound: its kind and its natural size in pixels. */
export interface CheckedLogo {
  kind: 'png' | 'svg';
  widthPx: number;
  heightPx: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The logo's kind and size, or why it cannot be used (a sentence ending in what happens instead). */
export function checkLogo(bytes: Uint8Array): CheckedLogo | { problem: string } {
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return checkPng(bytes);
  const text = textOf(bytes);
  if (text?.startsWith('<')) return checkSvg(text);
  return { problem: `${text === undefined || text === '' ? otherKind(bytes) : 'a text file'}, not a PNG or an SVG: save the logo as PNG or SVG` };
}

function checkPng(bytes: Uint8Array): CheckedLogo | { problem: string } {
  // The first chunk is IHDR: length (4), type (4), width (4), height (4), big-endian.
  const type = String.fromCharCode(...bytes.subarray(12, 16));
  if (bytes.length < 24 || type !== 'IHDR') return { problem: 'a PNG whose header is damaged (no IHDR chunk where it belongs): save the logo again' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const widthPx = view.getUint32(16);
  const heightPx = view.getUint32(20);
  if (widthPx === 0 || heightPx === 0) return { problem: 'a PNG of no width or height: save the logo again' };
  return { kind: 'png', widthPx, heightPx };
}

/** The text of a file that is UTF-8 (from its first mark), else undefined. */
function textOf(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  return text.replace(/^\uFEFF/, '').trimStart();
}

function checkSvg(text: string): CheckedLogo | { problem: string } {
  // Before the root element only a declaration, comments and a doctype may come.
  const prolog = /^(?:<\?xml[^>]*\?>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>\s*)*<svg[\s>]/i.exec(text);
  if (!prolog) return { problem: 'neither a PNG nor an SVG (an SVG starts with <svg, or <?xml … and then <svg): save the logo as PNG or SVG' };
  if (!/<\/svg\s*>\s*(?:<!--[\s\S]*?-->\s*)*$/i.test(text)) {
    return { problem: 'an SVG that does not end with </svg> (the file may be cut short): save the logo again' };
  }
  const external = externalReference(text);
  if (external) return { problem: `an SVG that refers to ${external} outside itself, which a paper never fetches: put what it shows into the file, or save the logo as PNG` };
  const root = /<svg\b([^>]*)>/i.exec(text)![1]!;
  const size = svgSize(root);
  if (!size) return { problem: 'an SVG with no size: give its <svg> element a viewBox (or a width and a height)' };
  return { kind: 'svg', ...size };
}

/** The first reference to something outside the file, quoted, or undefined: links, styles, entities. */
function externalReference(text: string): string | undefined {
  const local = (target: string): boolean => /^\s*(#|data:)/i.test(target);
  for (const match of text.matchAll(/\b(?:xlink:)?href\s*=\s*("([^"]*)"|'([^']*)')/gi)) {
    const target = match[2] ?? match[3] ?? '';
    if (!local(target)) return `"${target.slice(0, 60)}"`;
  }
  for (const match of text.matchAll(/url\(\s*(["']?)([^"')]*)\1\s*\)/gi)) {
    if (!local(match[2]!)) return `"${match[2]!.slice(0, 60)}"`;
  }
  const imported = /@import\s+(?:url\()?\s*["']?([^"');\s]+)/i.exec(text);
  if (imported) return `"${imported[1]!.slice(0, 60)}"`;
  const entity = /<!ENTITY[^>]*\b(?:SYSTEM|PUBLIC)\s+["']([^"']*)/i.exec(text);
  if (entity) return `"${entity[1]!.slice(0, 60)}"`;
  return undefined;
}

/** The natural size of an SVG from its root element's viewBox, else its width and height. */
function svgSize(attributes: string): { widthPx: number; heightPx: number } | undefined {
  const attribute = (name: string): string | undefined => new RegExp(`(?:^|\\s)${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(attributes)?.[1];
  const box = attribute('viewBox')?.trim().split(/[\s,]+/).map(Number);
  if (box && box.length === 4 && box.every(Number.isFinite) && box[2]! > 0 && box[3]! > 0) return { widthPx: box[2]!, heightPx: box[3]! };
  const length = (value: string | undefined): number | undefined => {
    const match = value && /^\s*([\d.]+)\s*(px)?\s*$/.exec(value);
    const n = match ? Number(match[1]) : NaN;
    return n > 0 ? n : undefined;
  };
  const widthPx = length(attribute('width'));
  const heightPx = length(attribute('height'));
  return widthPx && heightPx ? { widthPx, heightPx } : undefined;
}

/** What a file that is neither PNG nor SVG looks like, for the sentence that refuses it. */
function otherKind(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'an empty file';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'a JPEG picture';
  const head = String.fromCharCode(...bytes.subarray(0, 12));
  if (head.startsWith('GIF8')) return 'a GIF picture';
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'a WebP picture';
  if (head.startsWith('%PDF')) return 'a PDF file';
  if (head.startsWith('PK')) return 'a ZIP archive (or an Office file)';
  return 'a file of another kind';
}
