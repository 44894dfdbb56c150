// The fonts shipped with the app (Fontsource packages of Source Serif 4 and Source Sans 3):
// which file holds which face, which file draws which character, and their bytes, read once
// through the host (host.ts `packageFile`).
// No writer may use a system font or fetch one: the PDF and the preview look the same everywhere.

import { host } from '../host';
import { fonts, shippedTypefaces, type FallbackFont, type HouseFont, type Typeface, type Typefaces, type TypeRole } from './style';
import { covers } from './truetype';

export type FontRole = 'body' | 'heading';
/** pdfmake's names for the four faces of a family. */
export type FaceStyle = 'normal' | 'bold' | 'italics' | 'bolditalics';

/** Fontsource splits each family into subsets by script; the first that covers a character draws it. */
export const fontSubsets = ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext', 'greek', 'vietnamese'] as const;
export type FontSubset = (typeof fontSubsets)[number];

const packages: Record<FontRole, { name: string; family: string; boldWeight: number }> = {
  body: { name: '@fontsource/source-serif-4', family: fonts.body, boldWeight: 700 },
  // Semibold reads as bold in headings and table headers without shouting.
  heading: { name: '@fontsource/source-sans-3', family: fonts.heading, boldWeight: 600 },
};

export const faceStyles: readonly FaceStyle[] = ['normal', 'bold', 'italics', 'bolditalics'];

export const faceWeight = (role: FontRole, style: FaceStyle): number =>
  style === 'bold' || style === 'bolditalics' ? packages[role].boldWeight : 400;
export const faceItalic = (style: FaceStyle): boolean => style === 'italics' || style === 'bolditalics';

/**
 * A line "set solid" in each family, in ems: (ascent − descent + lineGap) / unitsPerEm from
 * the fonts' hhea tables (Source Serif 4: 1036 + 335; Source Sans 3: 1024 + 400). pdfmake's
 * `lineHeight` multiplies this, where CSS multiplies the font size.
 */
const naturalLineHeight: Record<FontRole, number> = { body: 1.371, heading: 1.424 };

/**
 * The path of one face's file inside its package. PDF uses WOFF: fontkit (pdfkit's font engine)
 * crashes when it subsets these WOFF2 files (composite glyphs), while browsers take the smaller WOFF2.
 */
export function fontFile(role: FontRole, subset: FontSubset, style: FaceStyle, format: 'woff' | 'woff2'): string {
  return facePath(role, subset, faceWeight(role, style), faceItalic(style), format);
}

/** The path of the face of a weight inside its package. */
export function facePath(role: FontRole, subset: FontSubset, weight: number, italic: boolean, format: 'woff' | 'woff2'): string {
  const slug = packages[role].name.replace('@fontsource/', '');
  return `files/${slug}-${subset}-${weight}-${italic ? 'italic' : 'normal'}.${format}`;
}

const bytesCache = new Map<string, Uint8Array | null>();

/** The bytes of a file of a family's package, read once per process; undefined when it has none by that path. */
export function packageBytes(role: FontRole, path: string): Uint8Array | undefined {
  const key = `${role}\u0000${path}`;
  let bytes = bytesCache.get(key);
  if (bytes === undefined) {
    bytes = host().packageFile(packages[role].name, path) ?? null;
    bytesCache.set(key, bytes);
  }
  return bytes ?? undefined;
}

/** The bytes of one face, read once per process. */
export function fontBytes(role: FontRole, subset: FontSubset, style: FaceStyle, format: 'woff' | 'woff2'): Uint8Array {
  const path = fontFile(role, subset, style, format);
  const bytes = packageBytes(role, path);
  if (!bytes) throw new Error(`The font file ${path} of ${packages[role].name} is not installed`);
  return bytes;
}

/** The family name a writer registers for one subset: the plain name for Latin. */
export function familyName(role: FontRole, subset: FontSubset): string {
  const family = packages[role].family;
  return subset === 'latin' ? family : `${family} ${subset}`;
}

type Range = readonly [number, number];
let subsetRanges: { subset: FontSubset; ranges: Range[]; css: string }[] | undefined;

/** Unicode ranges of each subset, from the package's own unicode.json (the same for both families). */
function ranges(): NonNullable<typeof subsetRanges> {
  if (!subsetRanges) {
    const json = packageBytes('body', 'unicode.json');
    if (!json) throw new Error(`The file unicode.json of ${packages.body.name} is not installed`);
    const table = JSON.parse(new TextDecoder().decode(json)) as Record<string, string>;
    subsetRanges = fontSubsets.map((subset) => {
      const css = table[subset] ?? '';
      const parsed = css
        .split(',')
        .map((part) => part.trim().replace(/^U\+/i, ''))
        .filter(Boolean)
        .map((part): Range => {
          const [from, to] = part.split('-');
          const start = parseInt(from ?? '', 16);
          return [start, to ? parseInt(to, 16) : start];
        });
      return { subset, ranges: parsed, css };
    });
  }
  return subsetRanges;
}

/** CSS `unicode-range` of a subset, for @font-face. */
export function unicodeRange(subset: FontSubset): string {
  return ranges().find((r) => r.subset === subset)?.css ?? '';
}

/** The subset that draws a code point; Latin when none does (the glyph then shows as missing). */
export function subsetOf(codePoint: number): FontSubset {
  if (codePoint <= 0xff) return 'latin';
  for (const { subset, ranges: rs } of ranges()) {
    if (rs.some(([a, b]) => codePoint >= a && codePoint <= b)) return subset;
  }
  return 'latin';
}

/** Whether a shipped family's files draw a code point (every family has the same subsets). */
function shippedDraws(codePoint: number): boolean {
  return codePoint <= 0xff || ranges().some(({ ranges: rs }) => rs.some(([a, b]) => codePoint >= a && codePoint <= b));
}

/**
 * The characters of `texts` that some role of the paper cannot draw with any of its fonts — its
 * typeface, the fallbacks, the shipped family behind a house font — each once, in the order met
 * (Chinese, Arabic, emoji … with no fallback font for them): in a PDF they print as empty boxes.
 * A fact's text may print in any role (a paragraph, a table cell, a heading), so a character one
 * role lacks is named. Spaces, control and invisible format characters are not counted (the
 * writers drop or space them).
 */
export function undrawable(texts: Iterable<string>, typefaces: Typefaces = shippedTypefaces): string[] {
  const found = new Set<string>();
  const roles = Object.keys(SHIPPED_BEHIND) as TypeRole[];
  for (const text of texts) {
    // Fast path: Latin, Latin Extended-A and general punctuation are drawn by the shipped families.
    if (typefaces === shippedTypefaces && !/[^\u0000-\u017f\u2000-\u206f]/.test(text)) continue;
    for (const ch of text) {
      if (found.has(ch) || /[\s\p{Cc}\p{Cf}]/u.test(ch)) continue;
      if (roles.some((role) => faceFor(ch, typefaces[role], SHIPPED_BEHIND[role], typefaces.fallbacks) === undefined)) found.add(ch);
    }
  }
  return [...found];
}

/**
 * A line of a role's typeface set solid, in ems, as the PDF's engine sets it or as a word
 * processor does (`naturalLineHeight` for a shipped family, whose fonts have no line gap).
 */
export function naturalLineOf(typeface: Typeface, by: 'pdf' | 'word'): number {
  return 'shipped' in typeface ? naturalLineHeight[typeface.shipped] : typeface.house.lineHeight[by];
}

/** What draws a run of text: a subset of a shipped family, or a house font (a role's own, or a fallback). */
export type RunFace = { shipped: FontRole; subset: FontSubset } | { house: HouseFont };

/** The shipped family behind each role's typeface, for the characters a house font lacks. */
const SHIPPED_BEHIND: Record<TypeRole, FontRole> = { body: 'body', headings: 'heading', tables: 'heading' };

const scriptTests = new Map<string, RegExp>();
/** Whether a character belongs to a fallback's script (Unicode's Script_Extensions; `emoji`: pictographs). */
function ofScript(ch: string, script: string): boolean {
  let test = scriptTests.get(script);
  if (!test) {
    test = script === 'emoji' ? /\p{Extended_Pictographic}/u : new RegExp(`\\p{scx=${script}}`, 'u');
    scriptTests.set(script, test);
  }
  return test.test(ch);
}

/** The first fallback that draws a character, of its own script only (`own`), or of any. */
function fallbackFor(ch: string, cp: number, fallbacks: readonly FallbackFont[], own: boolean): HouseFont | undefined {
  return fallbacks.find(({ script, font }) => covers(font.coverage, cp) && (!own || ofScript(ch, script)))?.font;
}

/**
 * The face that draws a character in a role: the role's typeface when it has it; else the
 * fallback for its script; else, behind a house font, briefwright's shipped family for the role
 * (Polish or Cyrillic letters a Latin house font lacks); else any fallback that has it;
 * undefined when none does (the role's own face then prints its empty box).
 */
function faceFor(ch: string, typeface: Typeface, behind: FontRole, fallbacks: readonly FallbackFont[]): RunFace | undefined {
  const cp = ch.codePointAt(0) ?? 0;
  if ('shipped' in typeface) {
    if (shippedDraws(cp)) return { shipped: typeface.shipped, subset: subsetOf(cp) };
  } else if (covers(typeface.house.coverage, cp)) return typeface;
  const ownScript = fallbackFor(ch, cp, fallbacks, true);
  if (ownScript) return { house: ownScript };
  if ('house' in typeface && shippedDraws(cp)) return { shipped: behind, subset: subsetOf(cp) };
  const any = fallbackFor(ch, cp, fallbacks, false);
  return any ? { house: any } : undefined;
}

const sameFace = (a: RunFace, b: RunFace): boolean =>
  'house' in a ? 'house' in b && a.house === b.house : 'shipped' in b && a.shipped === b.shipped && a.subset === b.subset;

/**
 * Splits text into runs that one face can draw, in a role of the paper's typefaces: its own
 * typeface for what it draws, a fallback font for a script it lacks (Chinese in a Latin face).
 * A space stays in the run it is in.
 */
export function typefaceRuns(text: string, role: TypeRole, typefaces: Typefaces): { text: string; face: RunFace }[] {
  const typeface = typefaces[role];
  const own: RunFace = 'shipped' in typeface ? { shipped: typeface.shipped, subset: 'latin' } : typeface;
  // Fast path: the shipped faces draw Latin-1 and general punctuation.
  if ('shipped' in typeface && !/[^ -\u00ff\u2000-\u206f]/.test(text)) return [{ text, face: own }];
  const runs: { text: string; face: RunFace }[] = [];
  for (const ch of text) {
    const last = runs[runs.length - 1];
    const face = ch === ' ' && last ? last.face : (faceFor(ch, typeface, SHIPPED_BEHIND[role], typefaces.fallbacks) ?? own);
    if (last && sameFace(last.face, face)) last.text += ch;
    else runs.push({ text: ch, face });
  }
  return runs;
}

/** Every subset the text needs, Latin always first. */
export function subsetsUsed(texts: Iterable<string>): FontSubset[] {
  const used = new Set<FontSubset>(['latin']);
  for (const t of texts) {
    for (const ch of t) {
      const cp = ch.codePointAt(0) ?? 0;
      if (cp > 0xff) used.add(subsetOf(cp));
    }
  }
  return fontSubsets.filter((s) => used.has(s));
}
