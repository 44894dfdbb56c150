// The pipeline's first half (docs/architecture.md, "One pipeline"): a BriefRequest becomes a
// Document, the same for every format. The second half, a Document to the bytes of one format,
// is write.ts. The app's preview, its export and the CLI all come through here.
import { FORMATS, type FormatId } from '../shared/formats';
import { checkInputs, type InputChecks, type InputValue } from '../shared/inputs';
import { BriefError, type Diagnostic } from './diagnostics';
import type { Chart, Document } from './document/model';
import { parseMarkdown, type CiteTarget } from './document/parse';
import { plainText } from './document/text';
import { parseDate } from './facts/dates';
import { queryFacts } from './facts/query';
import { quote } from './quote';
import { informationAsOf, stalenessNotice } from './facts/standing';
import { renderTemplate } from './templates/environment';
import { formatDate, type FormatOptions, defaultFormat } from './templates/format';
import { createHelpers } from './templates/helpers';
import type { Template, TemplateSet } from './templates/template';
import type { Fact, Source, Workspace } from './workspace/load';
import { SCRIPTS } from './workspace/font-style';
import { pageOf } from './workspace/page-style';
import { undrawable } from './writers/fonts';
import { estimatedPages, printableText } from './writers/shared';
import type { StyleTokens } from './writers/style';

/** An output format: one of shared/formats.ts. */
export type Format = FormatId;

export type { InputValue } from '../shared/inputs';

export interface BriefRequest {
  template: string;
  /** Topic ids; the template's defaults when absent. */
  topics?: string[];
  /** DATE bounds on `when`; the template's defaults when absent. */
  from?: string;
  to?: string;
  /** Values for the template's declared inputs. */
  inputs?: Record<string, InputValue>;
  /** Facts the user left out. */
  exclude?: string[];
}

export interface BriefOptions {
  /** When the brief is made; defaults to now. */
  now?: Date;
  author?: string;
  organisation?: string;
  /** Handling marking when the template has no `marking` input. */
  marking?: string;
  format?: FormatOptions;
  /** The most pages a paper may run to before it is stopped (`DEFAULT_PAGE_BUDGET`). */
  maxPages?: number;
}

/**
 * A paper longer than this is stopped before it is laid out: a template that asks for thousands
 * of pages (a loop over every fact, a partial repeated) would take minutes and gigabytes. The
 * user raises it in the settings ("Page budget") or with `generate --max-pages N`.
 */
const DEFAULT_PAGE_BUDGET = 500;
/** Characters of Markdown a page holds at the least, to judge a paper far over budget before reading it. */
const CHARS_PER_PAGE_AT_MOST = 8000;

export interface PreparedBrief {
  template: Template;
  markdown: string;
  document: Document;
  /** The house style of the workspace (its style.yaml over briefwright's own), which the writers set the paper in. */
  style: StyleTokens;
  facts: Fact[];
  diagnostics: Diagnostic[];
  /** The newest reporting date among the paper's facts: "Information as of 20 May 2024". */
  asOf?: { date: string; label: string };
  /** For the app, not the paper: the paper is made long after its newest fact was reported. */
  staleness?: string;
}

/**
 * The facts a request puts in its paper: its topics (else the template's, else every topic), in
 * its dates (else the template's), less those it leaves out. A fault is added to `problems`
 * and nothing is selected.
 */
export function selectFacts(
  workspace: Workspace,
  template: Template,
  request: BriefRequest,
  problems: Diagnostic[] = [],
): { topics: string[]; from?: string; to?: string; facts: Fact[] } {
  const before = problems.length;
  const fail = (message: string) => problems.push({ severity: 'error', file: '', message });
  const topics = request.topics && request.topics.length > 0 ? request.topics : template.defaults.topics.length ? template.defaults.topics : [...workspace.topics.keys()];
  for (const topic of topics) {
    if (!workspace.topics.has(topic)) fail(`unknown topic ${quote(topic)} (topics: ${[...workspace.topics.keys()].join(', ')})`);
  }
  if (template.topics === 'one' && topics.length !== 1) fail(`template "${template.id}" is about one topic: choose exactly one (chosen: ${topics.join(', ') || 'none'})`);
  const from = request.from ?? template.defaults.from;
  const to = request.to ?? template.defaults.to;
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (value === undefined) continue;
    const parsed = parseDate(value);
    if ('error' in parsed) fail(`--${name}: ${parsed.error}`);
  }
  const range = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  if (problems.length > before) return { topics, ...range, facts: [] };
  const query = queryFacts(workspace, { topics, ...range, exclude: request.exclude ?? [] });
  if ('error' in query) {
    fail(query.error);
    return { topics, ...range, facts: [] };
  }
  return { topics, ...range, facts: query.facts };
}

/** Runs a request up to the Document. Throws BriefError (with located diagnostics) on user errors. */
export function prepareBrief(workspace: Workspace, templates: TemplateSet, request: BriefRequest, options: BriefOptions = {}): PreparedBrief {
  const template = templates.templates.get(request.template);
  if (!template) {
    throw new BriefError([
      { severity: 'error', file: '', message: `unknown template ${quote(request.template)} (templates: ${[...templates.templates.keys()].sort().join(', ')})` },
    ]);
  }
  const problems: Diagnostic[] = [];
  const { topics, from, to, facts: selection } = selectFacts(workspace, template, request, problems);
  const inputs = resolveInputs(template, workspace, request.inputs ?? {}, problems);
  if (problems.length > 0) throw new BriefError(problems);

  const now = options.now ?? new Date();
  const today = now.toISOString().slice(0, 10);
  const format = options.format ?? defaultFormat;
  const charts = new Map<string, Chart>();
  const orderedTopics = [...workspace.topics.values()].filter((t) => topics.includes(t.id));
  const marking = String(inputs.marking ?? options.marking ?? 'OFFICIAL');
  const newest = informationAsOf(workspace, selection);
  const asOf = newest && { date: newest.date, label: `${formatDate(newest.date, format)}${newest.estimated ? ' (estimated)' : ''}` };
  const context = {
    template: { id: template.id, name: template.name, description: template.description },
    workspace: { name: workspace.name },
    topics: orderedTopics.map((t) => ({ id: t.id, label: t.label })),
    range: {
      from: from ?? '',
      to: to ?? '',
      label: from || to ? `${from ? formatDate(from, format) : 'earliest'}–${to ? formatDate(to, format) : 'latest'}` : 'all dates',
    },
    inputs,
    meta: {
      today: formatDate(today, format),
      author: options.author ?? '',
      // The user's (settings, flags) over the house style's (style.yaml `organisation`).
      organisation: options.organisation || workspace.style.letterhead.organisation || '',
      marking,
      /** "Information as of": the newest reporting date among the paper's facts. */
      asOf: asOf?.label ?? '',
    },
    counts: { facts: selection.length },
  };

  const rendered = renderTemplate({
    file: template.file,
    body: template.body,
    bodyLine: template.bodyLine,
    partials: templates.partials,
    helpers: createHelpers({ workspace, selection, topics: orderedTopics.map((t) => t.id), format, charts, today }),
    context,
  });
  if (!rendered.rendered) throw new BriefError(rendered.diagnostics);
  const budget = options.maxPages ?? DEFAULT_PAGE_BUDGET;
  const { markdown } = rendered.rendered;
  // Far over budget: stop before the Markdown is even read (reading 100,000 rows takes a while too).
  if (markdown.length > budget * CHARS_PER_PAGE_AT_MOST) {
    throw overBudget(Math.round(markdown.length / CHARS_PER_PAGE_AT_MOST), budget, busiestLine(rendered.rendered, markdownLines(markdown)));
  }

  const parsed = parseMarkdown(rendered.rendered.markdown, {
    file: template.file,
    resolveCite: (factId) => citeTarget(workspace, factId, format),
    resolveSourceCite: (sourceId) => sourceCiteTarget(workspace, sourceId, format),
    charts,
  });
  // Parser positions are in the rendered Markdown: point them back at the template.
  const located = parsed.diagnostics.map((d) => {
    if (d.line === undefined) return d;
    const place = rendered.rendered.placeOf(d.line, d.column ?? 1);
    return { ...d, file: place.file, line: place.line, column: place.column, message: `${d.message} (in the Markdown the template produced, line ${d.line})` };
  });
  const diagnostics = [...rendered.diagnostics, ...located];
  if (diagnostics.some((d) => d.severity === 'error')) throw new BriefError(diagnostics);

  const pages = estimatedPages({ blocks: parsed.blocks, notes: parsed.notes } as Document);
  if (pages > budget) {
    throw overBudget(pages, budget, busiestLine(rendered.rendered, parsed.blocks.flatMap((b) => (b.position ? [b.position.line] : []))));
  }

  const title = documentTitle(parsed.blocks) ?? template.name;
  const page = pageOf(template, workspace.style.page);
  if (page.problem) diagnostics.push({ severity: 'warning', file: '', message: page.problem });
  const document: Document = {
    meta: {
      title,
      subject: `${template.name} — ${workspace.name}`,
      keywords: [workspace.name, ...orderedTopics.map((t) => t.label)],
      marking,
      created: now.toISOString(),
      language: 'en-GB',
      ...(options.author ? { author: options.author } : {}),
      ...(context.meta.organisation ? { organisation: context.meta.organisation } : {}),
    },
    page: page.page,
    blocks: parsed.blocks,
    notes: parsed.notes,
    sources: parsed.sources,
  };
  const staleness = stalenessNotice(asOf, today, formatDate(today, format));
  diagnostics.push(...glyphWarnings(document, rendered.rendered.markdown, selection, workspace));
  return {
    template,
    markdown: rendered.rendered.markdown,
    document,
    style: workspace.style.tokens,
    facts: selection,
    diagnostics,
    ...(asOf ? { asOf } : {}),
    ...(staleness ? { staleness } : {}),
  };
}

/** The most characters, and facts, a warning of characters the fonts cannot draw names. */
const GLYPHS_NAMED = 12;
const FACTS_NAMED = 5;

/**
 * Text the paper's fonts cannot draw is never printed as empty boxes unannounced: a warning
 * names the characters (and their code points) and the facts and sources they are in, or says
 * they come from the template or its inputs.
 */
function glyphWarnings(document: Document, markdown: string, facts: readonly Fact[], workspace: Workspace): Diagnostic[] {
  // As the writers print them: characters they drop (noncharacters, controls, the byte-order mark) are not counted.
  const texts = [markdown, ...document.notes.map((n) => n.text), ...document.sources.map((s) => s.text)].map(printableText);
  const missing = undrawable(texts, workspace.style.tokens.typefaces);
  /** Where text with any of `characters` comes from: the facts and sources, else the template. */
  const whereIs = (characters: readonly string[]): string => {
    const has = (text: string) => characters.some((ch) => text.includes(ch));
    const inFacts = facts.filter((f) => has(f.statement)).map((f) => quote(f.id));
    const inSources = document.sources.filter((s) => has(s.text) && workspace.sources.has(s.id)).map((s) => `the source ${quote(s.id)}`);
    const places = [...inFacts, ...inSources];
    return places.length
      ? `in ${places.length > FACTS_NAMED ? `${places.slice(0, FACTS_NAMED).join(', ')} and ${places.length - FACTS_NAMED} more` : places.join(', ')}`
      : "in the template's text or the details typed for it";
  };
  const warnings = rightToLeftWarning(texts, whereIs);
  if (missing.length === 0) return warnings;
  const where = whereIs(missing);
  const shown = missing.slice(0, GLYPHS_NAMED);
  const codes = shown.map((ch) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  const more = missing.length > GLYPHS_NAMED ? ` and ${missing.length - GLYPHS_NAMED} more` : '';
  return [
    {
      severity: 'warning',
      file: '',
      message:
        `the paper's fonts cannot draw ${missing.length === 1 ? 'the character' : `${missing.length} characters`} ${shown.join(' ')} (${codes.join(', ')})${more} ${where}: ` +
        'in the PDF and the preview they print as empty boxes (Word and browsers put in a font of their own); ' +
        `a fallback font for their script in style.yaml prints them (\`fonts: { fallbacks: { ${scriptsOf(missing).map((s) => `${s}: fonts/….ttf`).join(', ')} } }\`)`,
    },
    ...warnings,
  ];
}

/**
 * Text in a right-to-left script (Arabic, Hebrew, …) prints in the PDF and the preview letter by
 * letter from left to right, its letters unjoined: pdfmake lays lines out left to right only. The
 * DOCX and the HTML set it as it reads. Said, never left for a reader to find.
 */
function rightToLeftWarning(texts: readonly string[], whereIs: (characters: readonly string[]) => string): Diagnostic[] {
  const rtl = /[\p{sc=Arabic}\p{sc=Hebrew}\p{sc=Syriac}\p{sc=Thaana}\p{sc=Nko}]/gu;
  const found = [...new Set(texts.flatMap((text) => text.match(rtl) ?? []))];
  if (found.length === 0) return [];
  return [
    {
      severity: 'warning',
      file: '',
      message: `right-to-left text ${whereIs(found)} prints in the PDF and the preview with its letters from left to right and unjoined; it reads as written in the DOCX and the HTML`,
    },
  ];
}

/** The scripts of characters, as style.yaml's fallbacks name them (`han`, `arabic`, …; `emoji`), each once. */
function scriptsOf(characters: readonly string[]): string[] {
  const scripts = Object.entries(SCRIPTS).filter(([key]) => key !== 'emoji' && key !== 'latin');
  const found = new Set<string>();
  for (const ch of characters) {
    const script = scripts.find(([, name]) => new RegExp(`\\p{sc=${name}}`, 'u').test(ch));
    if (script) found.add(script[0]);
    else if (/\p{Extended_Pictographic}/u.test(ch)) found.add('emoji');
  }
  return found.size > 0 ? [...found] : ['the script'];
}

/** The template line that made the most of the paper: where to look when it is too long. */
function busiestLine(rendered: { placeOf(line: number, column: number): { file: string; line: number; column: number } }, lines: number[]) {
  const counts = new Map<string, { place: { file: string; line: number; column: number }; count: number }>();
  for (const line of lines) {
    const place = rendered.placeOf(line, 1);
    const key = `${place.file}:${place.line}`;
    const entry = counts.get(key);
    if (entry) entry.count++;
    else counts.set(key, { place, count: 1 });
  }
  let busiest: { place: { file: string; line: number; column: number }; count: number } | undefined;
  for (const entry of counts.values()) if (!busiest || entry.count > busiest.count) busiest = entry;
  return busiest;
}

/** Every line number of a Markdown text that holds something. */
function markdownLines(markdown: string): number[] {
  const lines: number[] = [];
  let line = 1;
  for (let at = 0; at < markdown.length; line++) {
    const end = markdown.indexOf('\n', at);
    const next = end < 0 ? markdown.length : end + 1;
    if (next - at > 1) lines.push(line);
    at = next;
  }
  return lines;
}

function overBudget(pages: number, budget: number, busiest: ReturnType<typeof busiestLine>): BriefError {
  const where = busiest ? { file: busiest.place.file, line: busiest.place.line, column: busiest.place.column } : { file: '' };
  const most = busiest ? `; this line of the template makes most of it (${busiest.count.toLocaleString('en-GB')} items)` : '';
  return new BriefError([
    {
      severity: 'error',
      ...where,
      message: `the paper would run to about ${pages.toLocaleString('en-GB')} pages, over the page budget of ${budget.toLocaleString('en-GB')}${most}. Choose fewer topics or a shorter range, or raise the budget (Settings, "Page budget"; generate --max-pages N)`,
    },
  ]);
}

/** The most characters of a title a suggested file name keeps (file systems allow 255 bytes). */
const FILE_TITLE_CHARS = 120;

/**
 * The name an export suggests, saying which paper it is among a folder of them: its date, its
 * title (the visit, the topic), and the kind of paper unless the title says it already.
 * "2026-11-22 Visit of the Foreign Minister to Astana – Pre-visit brief.pdf",
 * "2026-11-22 Transport and logistics – sector one-pager.docx".
 */
export function suggestedFileName(title: string, templateName: string, format: Format, now = new Date()): string {
  // A title's colon becomes a dash; no character a file system refuses is kept.
  const safe = (s: string) => s.replace(/\s*:\s*/g, ' – ').replace(/[\\/*?"<>|\u0000-\u001f]/g, ' ').replace(/\s+/g, ' ').trim();
  let named = safe(title);
  if (named.length > FILE_TITLE_CHARS) named = `${named.slice(0, FILE_TITLE_CHARS).replace(/\s+\S*$/, '')}…`;
  const kind = safe(templateName);
  if (!named) named = kind;
  else if (kind && !named.toLowerCase().includes(kind.toLowerCase())) named = `${named} – ${kind}`;
  return `${now.toISOString().slice(0, 10)} ${named}.${FORMATS[format].extension}`;
}

/** The checks of input values against a workspace: dates, fact ids, quoting, and how a missing input is given. */
export function inputChecks(workspace: Workspace): InputChecks {
  return {
    dateError: (text) => {
      const parsed = parseDate(text);
      return 'error' in parsed ? parsed.error : undefined;
    },
    factExists: (id) => workspace.factsById.has(id),
    quote,
    howToGive: (input) => (input.type === 'rows' ? `give it in an --input file (${input.key}: a list of rows)` : `give it with --set ${input.key}=…`),
  };
}

/** The request's input values checked against the template's declarations (shared/inputs.ts). */
function resolveInputs(template: Template, workspace: Workspace, given: Record<string, InputValue>, problems: Diagnostic[]): Record<string, InputValue> {
  const { values, problems: found } = checkInputs(template.inputs, given, inputChecks(workspace));
  for (const problem of found) problems.push({ severity: 'error', file: template.file, message: inTemplate(template, problem.message) });
  return values;
}

/** An unknown input's message, naming the template. */
export function inTemplate(template: Template, message: string): string {
  return message.replace(/^there is no input/, `template "${template.id}" has no input`);
}

function documentTitle(blocks: Document['blocks']): string | undefined {
  for (const block of blocks) {
    if (block.type === 'cover') {
      const heading = block.children.find((b) => b.type === 'heading');
      if (heading?.type === 'heading') return plainText(heading.children).trim();
    }
    if (block.type === 'heading' && block.level === 1) return plainText(block.children).trim();
  }
  return undefined;
}

/** A full reference to a source, as a note or a Sources entry prints it. */
function sourceReference(source: Source, format: FormatOptions = defaultFormat): string {
  const known = (s: string | undefined) => (s && s.toLowerCase() !== 'unknown' ? s : undefined);
  const date = source.date
    ? formatDate(source.date, format)
    : source.estimate
      ? `undated (estimated ${typeof source.estimate.date === 'string' ? formatDate(source.estimate.date, format) : `${formatDate(source.estimate.date.from, format)}–${formatDate(source.estimate.date.to, format)}`})`
      : 'undated';
  // "press-briefing" reads "press briefing"; an op-ed keeps its hyphen.
  const kind = source.kind === 'other' ? undefined : source.kind === 'op-ed' ? 'op-ed' : source.kind.replace('-', ' ');
  return [known(source.author), `“${source.title}”`, kind, known(source.publisher), date].filter(Boolean).join(', ') + '.';
}

function citeTarget(workspace: Workspace, factId: string, format: FormatOptions): CiteTarget | undefined {
  const fact = workspace.factsById.get(factId);
  const source = fact && workspace.sources.get(fact.source);
  if (!fact || !source) return undefined;
  const reference = sourceReference(source, format);
  const speaker = fact.attribution ? workspace.entities.get(fact.attribution)?.name : undefined;
  return { sourceId: source.id, source: reference, ...(speaker && speaker !== source.author ? { speaker } : {}) };
}

/** A source cited on its own (the source of a person's role): its reference, as note and entry. */
function sourceCiteTarget(workspace: Workspace, sourceId: string, format: FormatOptions): CiteTarget | undefined {
  const source = workspace.sources.get(sourceId);
  if (!source) return undefined;
  return { sourceId: source.id, source: sourceReference(source, format) };
}
