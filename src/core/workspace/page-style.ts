// The organisation's paper from a workspace's `style.yaml` (data/README.md, "House style"):
// `page: { size: A4 | LETTER, margins: { top, right, bottom, left } }` in millimetres, later
// layers over earlier ones key by key. It sets the page of every paper whose template leaves
// the page to the house: the bundled templates, and any other whose front matter has no `page:`;
// a user's or team's template that sets its own page keeps it. A value that cannot be used is a
// warning at its line and column, and the paper keeps the template's page for that value.
import type { Diagnostic } from '../diagnostics';
import { quote } from '../quote';
import { isRecord } from '../../shared/inputs';
import { didYouMean } from '../suggest';
import { pageProblems, type PageShape, type Template } from '../templates/template';
import type { StyleFile } from './house-style';
import { parseYaml } from './yaml';

type Margins = PageShape['margins'];
const SIZES = ['A4', 'LETTER'] as const;
const SIDES = ['top', 'right', 'bottom', 'left'] as const;
/** The widest margin a style may set, as for a template's. */
const MAX_MARGIN_MM = 100;

export interface PageDefaults {
  size?: PageShape['size'];
  margins?: Partial<Margins>;
}

/** The page defaults of the style files, later over earlier; a file that sets any is added to `used`. */
export function readPageDefaults(files: readonly StyleFile[], diagnostics: Diagnostic[], used: string[]): PageDefaults {
  const page: PageDefaults = {};
  for (const { display, text } of files) {
    const set = readPage(display, text, diagnostics);
    if (!set) continue;
    let inForce = false;
    if (set.size) {
      page.size = set.size;
      inForce = true;
    }
    if (set.margins) {
      // Margins that, over the layers before, leave too little paper for text are not used.
      const margins = { ...page.margins, ...set.margins };
      const problems = pageProblems({ size: page.size ?? 'A4', orientation: 'portrait', margins: { ...DEFAULT_MARGINS, ...margins } });
      for (const problem of problems) set.warn(problem.path, `${problem.message}; this file's margins are not used`);
      if (problems.length === 0) {
        page.margins = margins;
        inForce = true;
      }
    }
    if (inForce && !used.includes(display)) used.push(display);
  }
  return page;
}

/** A template's margins when its front matter gives none (template.ts). */
const DEFAULT_MARGINS: Margins = { top: 22, right: 20, bottom: 22, left: 20 };

function readPage(file: string, text: string, diagnostics: Diagnostic[]): (PageDefaults & { warn: (path: PropertyKey[], message: string) => void }) | undefined {
  const parsed = parseYaml(file, text);
  // The house style's reader reports the file's syntax errors once.
  if (parsed.diagnostics.some((d) => d.severity === 'error') || !isRecord(parsed.value)) return undefined;
  const given = parsed.value.page;
  if (given === undefined || given === null) return undefined;
  const warn = (path: PropertyKey[], message: string, key = false) => diagnostics.push({ severity: 'warning', file, ...parsed.locate(['page', ...path], { key }), message });
  if (!isRecord(given)) {
    warn([], '`page` holds `size` (A4 or LETTER) and `margins` (top, right, bottom, left in millimetres); it is not used');
    return undefined;
  }
  const page: PageDefaults = {};
  for (const key of Object.keys(given)) {
    if (key !== 'size' && key !== 'margins') warn([key], `unknown field ${quote(key)} of \`page\`${didYouMean(key, ['size', 'margins'])}; it is ignored`, true);
  }
  const wanted = given.size;
  if (wanted !== undefined) {
    const size = typeof wanted === 'string' ? SIZES.find((s) => s === wanted.trim().toUpperCase()) : undefined;
    if (size) page.size = size;
    else warn(['size'], `${quote(String(wanted))} is not a page size briefwright knows: write A4 or LETTER; the template's size is kept`);
  }
  if (given.margins !== undefined) {
    if (!isRecord(given.margins)) {
      warn(['margins'], '`margins` holds top, right, bottom and left, each in millimetres; they are not used');
    } else {
      const margins: Partial<Margins> = {};
      for (const [side, value] of Object.entries(given.margins)) {
        if (!(SIDES as readonly string[]).includes(side)) {
          warn(['margins', side], `unknown margin ${quote(side)}${didYouMean(side, SIDES)}; the margins are top, right, bottom and left`, true);
        } else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_MARGIN_MM) {
          warn(['margins', side], `the ${side} margin is a number of millimetres from 0 to ${MAX_MARGIN_MM} (found ${quote(String(value))}); the template's is kept`);
        } else {
          margins[side as keyof Margins] = value;
        }
      }
      if (Object.keys(margins).length > 0) page.margins = margins;
    }
  }
  return page.size || page.margins ? { ...page, warn } : undefined;
}

/**
 * The page a paper is set on: the template's own, where its front matter sets one and it is not
 * bundled; else the template's with the house's size and margins over it. A combination that
 * leaves too little paper for text (a landscape template, say) keeps the template's page, and
 * says so.
 */
export function pageOf(template: Template, house: PageDefaults): { page: PageShape; problem?: string } {
  if ((template.pageSet && template.layer !== 'bundled') || (!house.size && !house.margins)) return { page: template.page };
  const page: PageShape = { ...template.page, ...(house.size ? { size: house.size } : {}), margins: { ...template.page.margins, ...house.margins } };
  const problems = pageProblems(page);
  if (problems.length === 0) return { page };
  return { page: template.page, problem: `the house style's page does not suit the template ${quote(template.id)} (${problems[0]!.message}); the paper keeps the template's page` };
}
