// The organisation a house style names, its logo and where the handling marking prints, from the
// `organisation`, `logo` and `marking-position` fields of the layers' style.yaml (data/README.md,
// "House style"); a later layer's field wins. The logo's bytes are read by the host beside the
// layer (`WorkspaceLayer.assets`, by the folder's rule for links): here they are judged, and a
// logo that is missing, refused or of the wrong kind is a warning at its `file:` value, and the
// paper is made without it.

import type { Diagnostic } from '../diagnostics';
import { quote } from '../quote';
import { isRecord } from '../../shared/inputs';
import { didYouMean } from '../suggest';
import { LOGO_PLACEMENTS, MARKING_POSITIONS, type LogoImage, type LogoPlacement, type MarkingPosition, type StyleTokens } from '../writers/style';
import type { LayerAsset } from './load';
import { besideStyle, FONT_MAX_BYTES, fontFilesNamedBy } from './font-style';
import { checkLogo, LOGO_MAX_BYTES } from './logo';
import { parseYaml } from './yaml';

/** The fields of style.yaml read here. */
export const LETTERHEAD_FIELDS = ['organisation', 'logo', 'marking-position'] as const;

/** What the house style says of the organisation: its name, its logo, where the marking prints. */
export interface Letterhead {
  organisation?: string;
  logo?: LogoImage;
  /** The style.yaml and the file the logo comes from, for the settings to show. */
  logoFile?: string;
  markingPosition?: MarkingPosition;
}

/** A style.yaml with the files of its folder that it names, as the host read them. */
export interface StyleFileWithAssets {
  display: string;
  text: string;
  assets?: readonly LayerAsset[];
}

/** The files a style.yaml names for the host to read beside it (the logo, the fonts), with the most bytes each may hold. */
export function assetsNamedBy(text: string): { path: string; maxBytes: number }[] {
  const parsed = parseYaml('style.yaml', text);
  if (parsed.diagnostics.some((d) => d.severity === 'error') || !isRecord(parsed.value)) return [];
  const file = logoFileOf(parsed.value.logo);
  const logo = typeof file === 'string' && file.trim() !== '' ? [{ path: file.trim(), maxBytes: LOGO_MAX_BYTES }] : [];
  return [...logo, ...fontFilesNamedBy(parsed.value).map((path) => ({ path, maxBytes: FONT_MAX_BYTES }))];
}

/** `logo: file.svg` or `logo: { file: file.svg, … }`. */
function logoFileOf(logo: unknown): unknown {
  return isRecord(logo) ? logo.file : logo;
}

/** The letterhead of the layers' style.yaml files, later over earlier; what was wrong goes to `diagnostics`, a file that set something to `used`. */
export function readLetterhead(files: readonly StyleFileWithAssets[], diagnostics: Diagnostic[], used: string[]): Letterhead {
  const letterhead: Letterhead = {};
  for (const file of files) {
    const set = readFile(file, diagnostics);
    if (Object.keys(set).length > 0 && !used.includes(file.display)) used.push(file.display);
    Object.assign(letterhead, set);
  }
  if (letterhead.logo) letterhead.logo = { ...letterhead.logo, alt: letterhead.organisation ?? 'Logo' };
  return letterhead;
}

function readFile({ display: file, text, assets }: StyleFileWithAssets, diagnostics: Diagnostic[]): Letterhead {
  const parsed = parseYaml(file, text);
  // Whether the file reads at all is house-style.ts's to say.
  if (parsed.diagnostics.some((d) => d.severity === 'error') || !isRecord(parsed.value)) return {};
  const value = parsed.value;
  const warn = (path: PropertyKey[], message: string): void => {
    diagnostics.push({ severity: 'warning', file, ...parsed.locate(path), message });
  };
  const set: Letterhead = {};

  const organisation = value.organisation;
  if (organisation !== undefined && organisation !== null) {
    if (typeof organisation === 'string' && organisation.trim() !== '') set.organisation = organisation.trim();
    else warn(['organisation'], "`organisation` is the organisation's name, as text (e.g. Ministry of Foreign Affairs); it is not used");
  }

  const position = value['marking-position'];
  if (position !== undefined && position !== null) {
    if (typeof position === 'string' && (MARKING_POSITIONS as readonly string[]).includes(position)) set.markingPosition = position as MarkingPosition;
    else {
      const shown = typeof position === 'string' ? quote(position) : String(position);
      warn(['marking-position'], `${shown} is not a place for the marking${typeof position === 'string' ? didYouMean(position, MARKING_POSITIONS) : ''}: write ${MARKING_POSITIONS.join(', ')}; it prints in both the header and the footer`);
    }
  }

  const logo = value.logo;
  if (logo !== undefined && logo !== null) {
    const image = readLogo(logo, assets ?? [], warn);
    if (image) {
      set.logo = image;
      set.logoFile = besideStyle(file, String(logoFileOf(logo)));
    }
  }
  return set;
}

function readLogo(logo: unknown, assets: readonly LayerAsset[], warn: (path: PropertyKey[], message: string) => void): LogoImage | undefined {
  const given = isRecord(logo) ? logo : { file: logo };
  const at = isRecord(logo) ? ['logo', 'file'] : ['logo'];
  if (isRecord(logo)) {
    for (const key of Object.keys(logo)) {
      if (key !== 'file' && key !== 'placement') warn(['logo', key], `unknown field ${quote(key)} of \`logo\`${didYouMean(key, ['file', 'placement'])}; a logo has a file and a placement (${LOGO_PLACEMENTS.join(' or ')})`);
    }
  }
  const file = given.file;
  if (typeof file !== 'string' || file.trim() === '') {
    warn(isRecord(logo) && 'file' in logo ? at : ['logo'], '`logo` names its file, a PNG or an SVG in this folder (`logo: { file: logo.svg, placement: cover }`); the paper is made without a logo');
    return undefined;
  }
  let placement: LogoPlacement = 'cover';
  const raw = given.placement;
  if (raw !== undefined && raw !== null) {
    if (typeof raw === 'string' && (LOGO_PLACEMENTS as readonly string[]).includes(raw)) placement = raw as LogoPlacement;
    else {
      const shown = typeof raw === 'string' ? quote(raw) : String(raw);
      warn(['logo', 'placement'], `${shown} is not a placement of the logo${typeof raw === 'string' ? didYouMean(raw, LOGO_PLACEMENTS) : ''}: write ${LOGO_PLACEMENTS.join(' or ')}; the logo goes on the cover`);
    }
  }
  const name = quote(file.trim());
  const asset = assets.find((a) => a.path === file.trim());
  if (!asset) {
    warn(at, `the logo ${name} was not read: the paper is made without a logo`);
    return undefined;
  }
  if ('problem' in asset) {
    warn(at, `the logo ${name} is not used: ${asset.problem}; the paper is made without a logo`);
    return undefined;
  }
  const checked = checkLogo(asset.bytes);
  if ('problem' in checked) {
    warn(at, `the logo ${name} is ${checked.problem}; the paper is made without a logo`);
    return undefined;
  }
  return { ...checked, bytes: asset.bytes, placement, alt: 'Logo' };
}

/** `tokens` with the letterhead's logo and marking position (`tokens` itself when it sets neither). */
export function withLetterhead(tokens: StyleTokens, letterhead: Letterhead): StyleTokens {
  if (!letterhead.logo && !letterhead.markingPosition) return tokens;
  return {
    ...tokens,
    marking: { ...tokens.marking, position: letterhead.markingPosition ?? tokens.marking.position },
    logo: { ...tokens.logo, ...(letterhead.logo ? { image: letterhead.logo } : {}) },
  };
}
