// An organisation's house style, from the `style.yaml` of a workspace's layers (data/README.md,
// "House style"): colours by role, laid over the style briefwright ships (writers/style.ts
// `houseStyle`). A later layer's colour of a role wins, so a team folder can carry its
// ministry's colours over the user's own. A value that is not a colour is reported at its line
// and column and the role keeps its colour; the paper is still made.

import type { Diagnostic } from '../diagnostics';
import { quote } from '../quote';
import { isRecord } from '../../shared/inputs';
import { didYouMean } from '../suggest';
import { houseStyle, shippedTypefaces, type StyleTokens } from '../writers/style';
import { readPageDefaults, type PageDefaults } from './page-style';
import { readTypefaces, withTypefaces } from './font-style';
import { LETTERHEAD_FIELDS, readLetterhead, withLetterhead, type Letterhead, type StyleFileWithAssets } from './letterhead';
import { parseYaml } from './yaml';

/** The roles a style.yaml may colour, and what each colours. */
export const COLOUR_ROLES = {
  accent: 'headings of levels 1 and 2, the cover, links, note and list markers, callouts, key figures, chart bars and table headers',
  headings: 'headings of levels 1 and 2 (over the accent)',
  marking: 'the handling marking in the header and footer',
  tableHeader: "a table's header row (over the accent)",
} as const;

export type ColourRole = keyof typeof COLOUR_ROLES;

/** The house style in force: its tokens, the files it comes from (none: briefwright's own), and the colours they set. */
export interface HouseStyle {
  tokens: StyleTokens;
  files: string[];
  colours: Partial<Record<ColourRole, string>>;
  /** What was wrong in the files (also among the workspace's diagnostics), for a command to say beside its paper. */
  diagnostics: Diagnostic[];
  /** The organisation's paper size and margins, for the papers whose templates leave them to the house (page-style.ts). */
  page: PageDefaults;
  /** The organisation's name, its logo and where the marking prints (letterhead.ts). */
  letterhead: Letterhead;
}

/** Fields read by their own modules (page-style.ts, letterhead.ts, font-style.ts). */
const READ_ELSEWHERE: readonly string[] = ['page', 'fonts', ...LETTERHEAD_FIELDS];

/** A style.yaml file of one layer, in the order the layers stack. */
export interface StyleFile {
  display: string;
  text: string;
}

/** The house style of a workspace's style.yaml files, later layers over earlier ones. */
export function readHouseStyle(files: readonly StyleFileWithAssets[], diagnostics: Diagnostic[]): HouseStyle {
  const colours: Partial<Record<ColourRole, string>> = {};
  const used: string[] = [];
  const found: Diagnostic[] = [];
  for (const { display, text } of files) {
    const set = readStyleFile(display, text, found);
    if (Object.keys(set).length > 0) used.push(display);
    Object.assign(colours, set);
  }
  const page = readPageDefaults(files, found, used);
  const letterhead = readLetterhead(files, found, used);
  const typefaces = readTypefaces(files, found, used, shippedTypefaces);
  diagnostics.push(...found);
  return { tokens: withTypefaces(withLetterhead(styleWith(colours), letterhead), typefaces), files: used, colours, diagnostics: found, page, letterhead };
}

function readStyleFile(file: string, text: string, diagnostics: Diagnostic[]): Partial<Record<ColourRole, string>> {
  const parsed = parseYaml(file, text);
  diagnostics.push(...parsed.diagnostics);
  if (parsed.diagnostics.some((d) => d.severity === 'error')) return {};
  const warn = (path: PropertyKey[], message: string, key = false): void => {
    diagnostics.push({ severity: 'warning', file, ...parsed.locate(path, { key }), message });
  };
  const value = parsed.value;
  if (value === null || value === undefined) return {};
  if (!isRecord(value)) {
    warn([], 'a house style is a set of fields (`colours:` and the roles under it); this file is not used');
    return {};
  }
  for (const key of Object.keys(value)) {
    if (key === 'colours' || READ_ELSEWHERE.includes(key)) continue;
    if (/^reference(\.docx)?$/i.test(key)) warn([key], 'a Word reference document is not named here: put it beside style.yaml as the file reference.docx; the field is ignored', true);
    else warn([key], `unknown field ${quote(key)}${didYouMean(key, ['colours', ...READ_ELSEWHERE])}; it is ignored`, true);
  }
  const given = value.colours;
  if (given === undefined || given === null) return {};
  if (!isRecord(given)) {
    warn(['colours'], `\`colours\` holds roles and their colours (${Object.keys(COLOUR_ROLES).join(', ')}); these are not used`);
    return {};
  }
  const set: Partial<Record<ColourRole, string>> = {};
  for (const [role, raw] of Object.entries(given)) {
    if (!(role in COLOUR_ROLES)) {
      warn(['colours', role], `unknown colour role ${quote(role)}${didYouMean(role, Object.keys(COLOUR_ROLES))}; the roles are ${Object.keys(COLOUR_ROLES).join(', ')}`, true);
      continue;
    }
    const colour = colourOf(raw);
    if (colour === undefined) {
      const shown = typeof raw === 'string' ? quote(raw) : String(raw);
      const hint = typeof raw === 'number' ? ' in quotes' : '';
      warn(['colours', role], `${shown} is not a colour: write it${hint} as "#RRGGBB" (six hexadecimal digits, e.g. "#1f3a5f"); ${quote(role)} is left as it was`);
      continue;
    }
    const contrast = contrastWithWhite(colour);
    if (contrast < 4.5) {
      warn(['colours', role], `#${colour} stands ${contrast.toFixed(1)}:1 against white, under the 4.5:1 that text needs to be read easily (WCAG 2.2, 1.4.3); it is used, but a darker colour is advised`);
    }
    set[role as ColourRole] = colour;
  }
  return set;
}

/** Six lower-case hex digits of a "#RRGGBB" (or "RRGGBB") colour, or undefined. */
function colourOf(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const match = /^#?([0-9a-fA-F]{6})$/.exec(raw.trim());
  return match ? match[1]!.toLowerCase() : undefined;
}

/** The contrast ratio of a colour with white (WCAG's relative luminance). */
function contrastWithWhite(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  return 1.05 / (luminance + 0.05);
}

/** briefwright's style with the given colours in their roles. */
export function styleWith(colours: Partial<Record<ColourRole, string>>): StyleTokens {
  if (Object.keys(colours).length === 0) return houseStyle;
  const s = houseStyle;
  /** The accent where one is set, else the shipped colour of that use. */
  const accent = (shipped: string): string => colours.accent ?? shipped;
  const headings = (shipped: string): string => colours.headings ?? accent(shipped);
  return {
    ...s,
    heading: {
      h1: { ...s.heading.h1, colour: headings(s.heading.h1.colour) },
      h2: { ...s.heading.h2, colour: headings(s.heading.h2.colour) },
      h3: s.heading.h3,
    },
    cover: { ...s.cover, title: { ...s.cover.title, colour: accent(s.cover.title.colour) }, rule: accent(s.cover.rule) },
    notes: { ...s.notes, marker: accent(s.notes.marker) },
    lists: { ...s.lists, marker: accent(s.lists.marker) },
    links: { colour: accent(s.links.colour) },
    tables: { ...s.tables, headerFill: colours.tableHeader ?? accent(s.tables.headerFill) },
    marking: { ...s.marking, colour: colours.marking ?? s.marking.colour },
    callouts: { ...s.callouts, border: accent(s.callouts.border), title: accent(s.callouts.title) },
    keyFigures: { ...s.keyFigures, value: { ...s.keyFigures.value, colour: accent(s.keyFigures.value.colour) } },
    charts: { ...s.charts, bar: accent(s.charts.bar) },
  };
}
