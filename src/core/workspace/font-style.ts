// The typefaces a house style names (style.yaml `fonts:`, data/README.md "House style"): a
// shipped family or a TrueType/OpenType file of the workspace for each role (body, headings,
// tables), and fallback fonts by script for the characters those cannot draw. A later layer's
// role or script wins. The files are read by the host beside the layer (`WorkspaceLayer.assets`,
// by the folder's rule for links); here they are judged, and a font that is missing, refused or
// not a font is a warning at its path, the role keeping the font it had.

import type { Diagnostic } from '../diagnostics';
import { quote } from '../quote';
import { isRecord } from '../../shared/inputs';
import { didYouMean } from '../suggest';
import { fonts as shippedNames, type FallbackFont, type HouseFont, type StyleTokens, type Typeface, type Typefaces, type TypeRole } from '../writers/style';
import { readFontFile } from '../writers/truetype';
import type { LayerAsset } from './load';
import type { StyleFileWithAssets } from './letterhead';
import { parseYaml } from './yaml';

/** The roles `fonts:` sets, and what each sets. */
export const FONT_ROLES: Record<TypeRole, string> = {
  body: 'paragraphs, lists and notes',
  headings: 'headings, the cover, the running header and footer, captions, callouts and key figures',
  tables: 'table cells',
};

/** The faces a role may name files for, by their key in style.yaml. */
const FACE_KEYS = { regular: 'normal', bold: 'bold', italic: 'italics', 'bold-italic': 'bolditalics' } as const;

/**
 * The scripts a fallback may be named for: Unicode's script names (written in lower case, as in
 * `han: fonts/NotoSansSC.ttf`), and `emoji`.
 */
export const SCRIPTS: Record<string, string> = Object.fromEntries(
  [
    'Arabic', 'Armenian', 'Bengali', 'Bopomofo', 'Cherokee', 'Cyrillic', 'Devanagari', 'Ethiopic', 'Georgian', 'Greek',
    'Gujarati', 'Gurmukhi', 'Han', 'Hangul', 'Hebrew', 'Hiragana', 'Kannada', 'Katakana', 'Khmer', 'Lao', 'Latin',
    'Malayalam', 'Mongolian', 'Myanmar', 'Oriya', 'Sinhala', 'Syriac', 'Tamil', 'Telugu', 'Thaana', 'Thai', 'Tibetan',
  ]
    .map((name) => [name.toLowerCase(), name] as [string, string])
    .concat([['emoji', 'emoji']]),
);

/** The most bytes a font file may hold (a full Chinese font is 10–20 MB). */
export const FONT_MAX_BYTES = 40 * 1024 * 1024;

/** The paths of font files a parsed style.yaml names (for the host to read beside it). */
export function fontFilesNamedBy(value: Record<string, unknown>): string[] {
  const given = value.fonts;
  if (!isRecord(given)) return [];
  const paths: string[] = [];
  const add = (raw: unknown): void => {
    if (typeof raw === 'string' && isFontPath(raw)) paths.push(raw.trim());
  };
  // Only what is read: a face or a script that does not exist is a warning, its file never opened.
  for (const role of Object.keys(FONT_ROLES)) {
    const set = given[role];
    if (isRecord(set)) Object.entries(set).forEach(([face, path]) => face in FACE_KEYS && add(path));
    else add(set);
  }
  if (isRecord(given.fallbacks)) Object.entries(given.fallbacks).forEach(([script, path]) => SCRIPTS[script.toLowerCase()] && add(path));
  return [...new Set(paths)];
}

/** A file a style.yaml names by its path from the style's folder, named as the settings show it (beside the style.yaml's own display path). */
export function besideStyle(styleFile: string, path: string): string {
  return `${styleFile.replace(/style\.yaml$/, '')}${path.trim()}`;
}

const isFontPath = (text: string): boolean => /\.(ttf|otf)$/i.test(text.trim());

/** What a style file sets of the typefaces: roles and fallbacks by script. */
interface FontsSet {
  roles: Partial<Record<TypeRole, Typeface>>;
  fallbacks: Map<string, HouseFont>;
}

/** The typefaces of the layers' style.yaml files, later over earlier, role by role and script by script, over `base`. */
export function readTypefaces(files: readonly StyleFileWithAssets[], diagnostics: Diagnostic[], used: string[], base: Typefaces): Typefaces {
  const roles: Partial<Record<TypeRole, Typeface>> = {};
  const fallbacks = new Map<string, HouseFont>();
  for (const file of files) {
    const set = readFile(file, diagnostics);
    if ((Object.keys(set.roles).length > 0 || set.fallbacks.size > 0) && !used.includes(file.display)) used.push(file.display);
    Object.assign(roles, set.roles);
    for (const [script, font] of set.fallbacks) {
      fallbacks.delete(script);
      fallbacks.set(script, font);
    }
  }
  if (Object.keys(roles).length === 0 && fallbacks.size === 0) return base;
  return { ...base, ...roles, fallbacks: [...fallbacks].map(([script, font]): FallbackFont => ({ script, font })) };
}

/** `tokens` set in `typefaces`. */
export function withTypefaces(tokens: StyleTokens, typefaces: Typefaces): StyleTokens {
  return typefaces === tokens.typefaces ? tokens : { ...tokens, typefaces };
}

function readFile({ display: file, text, assets }: StyleFileWithAssets, diagnostics: Diagnostic[]): FontsSet {
  const set: FontsSet = { roles: {}, fallbacks: new Map() };
  const parsed = parseYaml(file, text);
  // Whether the file reads at all is house-style.ts's to say.
  if (parsed.diagnostics.some((d) => d.severity === 'error') || !isRecord(parsed.value)) return set;
  const given = parsed.value.fonts;
  if (given === undefined || given === null) return set;
  const warn = (path: PropertyKey[], message: string, key = false): void => {
    diagnostics.push({ severity: 'warning', file, ...parsed.locate(path, { key }), message });
  };
  if (!isRecord(given)) {
    warn(['fonts'], `\`fonts\` holds roles (${Object.keys(FONT_ROLES).join(', ')}) and \`fallbacks\`, each a shipped family or a .ttf or .otf file; they are not used`);
    return set;
  }
  const font = (path: PropertyKey[], raw: unknown, what: string): Uint8Array | undefined => readFont(path, raw, what, assets ?? [], warn);
  for (const [key, value] of Object.entries(given)) {
    if (key === 'fallbacks') continue;
    if (!(key in FONT_ROLES)) {
      warn(['fonts', key], `unknown font role ${quote(key)}${didYouMean(key, [...Object.keys(FONT_ROLES), 'fallbacks'])}; the roles are ${Object.keys(FONT_ROLES).join(', ')}, and \`fallbacks\` names fonts by script`, true);
      continue;
    }
    const role = key as TypeRole;
    const typeface = readRole(role, value, font, warn);
    if (typeface) set.roles[role] = 'house' in typeface ? { house: { ...typeface.house, file: besideStyle(file, typeface.house.file) } } : typeface;
  }
  const fallbacks = given.fallbacks;
  if (fallbacks === undefined || fallbacks === null) return set;
  if (!isRecord(fallbacks)) {
    warn(['fonts', 'fallbacks'], '`fallbacks` names a font file for each script, e.g. `fallbacks: { han: fonts/NotoSansSC.ttf }`; they are not used');
    return set;
  }
  for (const [key, value] of Object.entries(fallbacks)) {
    const script = SCRIPTS[key.toLowerCase()];
    if (!script) {
      warn(['fonts', 'fallbacks', key], `${quote(key)} is not a script${didYouMean(key.toLowerCase(), Object.keys(SCRIPTS))}: name a Unicode script in lower case (han, arabic, hebrew, thai, devanagari, hangul, …) or emoji`, true);
      continue;
    }
    const bytes = font(['fonts', 'fallbacks', key], value, `the fallback font for ${key}`);
    const read = bytes && checkFont(bytes, ['fonts', 'fallbacks', key], `the fallback font for ${key}`, String(value), warn);
    if (read) set.fallbacks.set(script, { ...read, faces: { normal: bytes! }, file: besideStyle(file, String(value)) });
  }
  return set;
}

type ReadFont = (path: PropertyKey[], raw: unknown, what: string) => Uint8Array | undefined;
type Warn = (path: PropertyKey[], message: string, key?: boolean) => void;

/** A role's typeface: a shipped family by name, one file, or a file per face (`{ regular, bold, italic, bold-italic }`). */
function readRole(role: TypeRole, value: unknown, font: ReadFont, warn: Warn): Typeface | undefined {
  const what = `the ${role} font`;
  if (typeof value === 'string' && !isFontPath(value)) {
    const name = value.trim().toLowerCase();
    if (name === shippedNames.body.toLowerCase()) return { shipped: 'body' };
    if (name === shippedNames.heading.toLowerCase()) return { shipped: 'heading' };
    warn(['fonts', role], `${quote(value)} is neither a family briefwright ships (${shippedNames.body}, ${shippedNames.heading}) nor a .ttf or .otf file in this folder; ${role} keeps its font`);
    return undefined;
  }
  const faces: Partial<Record<(typeof FACE_KEYS)[keyof typeof FACE_KEYS], Uint8Array>> = {};
  const paths: Partial<Record<keyof typeof FACE_KEYS, string>> = {};
  if (isRecord(value)) {
    for (const [key, raw] of Object.entries(value)) {
      if (!(key in FACE_KEYS)) {
        warn(['fonts', role, key], `unknown face ${quote(key)}${didYouMean(key, Object.keys(FACE_KEYS))}; a role's faces are ${Object.keys(FACE_KEYS).join(', ')}`, true);
        continue;
      }
      const face = key as keyof typeof FACE_KEYS;
      const bytes = font(['fonts', role, key], raw, `the ${key} face of the ${role} font`);
      if (bytes) {
        faces[FACE_KEYS[face]] = bytes;
        paths[face] = String(raw);
      }
    }
    if (!('regular' in value)) {
      warn(['fonts', role], `the ${role} font names no \`regular\` face, the one text is set in; ${role} keeps its font`);
      return undefined;
    }
  } else {
    const bytes = font(['fonts', role], value, what);
    if (bytes) {
      faces.normal = bytes;
      paths.regular = String(value);
    }
  }
  if (!faces.normal) return undefined;
  const at = isRecord(value) ? ['fonts', role, 'regular'] : ['fonts', role];
  const read = checkFont(faces.normal, at, what, paths.regular!, warn);
  if (!read) return undefined;
  // A bold or italic face that is not a font is left out (the regular face stands in), with its warning.
  for (const [key, style] of Object.entries(FACE_KEYS) as [keyof typeof FACE_KEYS, keyof typeof faces][]) {
    if (style === 'normal' || !faces[style]) continue;
    if (!checkFont(faces[style]!, ['fonts', role, key], `the ${key} face of the ${role} font`, paths[key]!, warn)) delete faces[style];
  }
  return { house: { ...read, faces: { ...faces, normal: faces.normal }, file: paths.regular! } };
}

/** The bytes of a font file the value names, as the host read them; a warning at `path` when it names none or was not read. */
function readFont(path: PropertyKey[], raw: unknown, what: string, assets: readonly LayerAsset[], warn: Warn): Uint8Array | undefined {
  if (typeof raw !== 'string' || !isFontPath(raw)) {
    const shown = typeof raw === 'string' ? quote(raw) : String(raw);
    warn(path, `${shown} is not a font file: ${what} is a TrueType or OpenType file in this folder, its path ending in .ttf or .otf; it is not used`);
    return undefined;
  }
  const name = quote(raw.trim());
  const asset = assets.find((a) => a.path === raw.trim());
  if (!asset) {
    warn(path, `${what} ${name} was not read; it is not used`);
    return undefined;
  }
  if ('problem' in asset) {
    warn(path, `${what} ${name} is not used: ${asset.problem}`);
    return undefined;
  }
  return asset.bytes;
}

/** The facts of a font file, or a warning at `path` saying why it cannot be used. */
function checkFont(bytes: Uint8Array, path: PropertyKey[], what: string, file: string, warn: Warn): Omit<HouseFont, 'faces' | 'file'> | undefined {
  try {
    const facts = readFontFile(bytes);
    return { name: facts.family || file.replace(/^.*\//, '').replace(/\.(ttf|otf)$/i, ''), lineHeight: facts.lineHeight, coverage: facts.coverage };
  } catch (error) {
    warn(path, `${what} ${quote(file.trim())} is not used: ${(error as Error).message}`);
    return undefined;
  }
}
