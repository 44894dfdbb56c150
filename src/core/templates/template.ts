// Template files: a Handlebars body producing Markdown, under YAML front matter that says what
// the template is (id, name, description), how its page is set, its default topics and range,
// and the inputs it asks the user for. Also finds templates and partials in workspace layers.
import { z } from 'zod';
import type { Diagnostic } from '../diagnostics';
import { quote } from '../quote';
import { dateSchema, idSchema } from '../facts/schema';
import { issuesToDiagnostics, type WorkspaceFile, type WorkspaceLayer } from '../workspace/load';
import { parseYaml } from '../workspace/yaml';
import { splitFrontMatter } from '../../shared/front-matter';
import { COLUMN_TYPES, INPUT_TYPES } from '../../shared/inputs';

const inputKey = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'an input key is a name like "visit" or "principal_title"');

/** A column of a `rows` input: `{ key: question, label: Question, required: true }`. */
const columnSchema = z.strictObject({
  key: inputKey,
  label: z.string().min(1),
  type: z.enum(COLUMN_TYPES).default('text'),
  required: z.boolean().default(false),
  help: z.string().optional(),
});

const inputSchema = z
  .strictObject({
    key: inputKey,
    label: z.string().min(1),
    type: z.enum(INPUT_TYPES).default('text'),
    required: z.boolean().default(false),
    default: z.union([z.string(), z.array(z.string()), z.number(), z.array(z.record(z.string(), z.union([z.string(), z.array(z.string())])))]).optional(),
    options: z.array(z.string()).optional(),
    columns: z.array(columnSchema).optional(),
    /** A list whose items may end with the ids of facts backing them, in brackets. */
    cites: z.boolean().optional(),
    help: z.string().optional(),
  })
  .superRefine((input, ctx) => {
    if (input.type === 'choice' && (!input.options || input.options.length === 0)) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'a choice input lists its `options`' });
    }
    if (input.type === 'rows') {
      if (!input.columns || input.columns.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['columns'], message: 'a rows input lists its `columns` (each with a key and a label)' });
      }
      const seen = new Set<string>();
      input.columns?.forEach((column, i) => {
        if (seen.has(column.key)) ctx.addIssue({ code: 'custom', path: ['columns', i, 'key'], message: `the column "${column.key}" is declared twice` });
        seen.add(column.key);
      });
    } else if (input.columns) {
      ctx.addIssue({ code: 'custom', path: ['columns'], message: `only a rows input has \`columns\` (this one is ${input.type})` });
    }
    if (input.cites && input.type !== 'list') {
      ctx.addIssue({ code: 'custom', path: ['cites'], message: `only a list input has \`cites\` (this one is ${input.type})` });
    }
  });

const marginsSchema = z.strictObject({
  top: z.number().min(0).max(100),
  right: z.number().min(0).max(100),
  bottom: z.number().min(0).max(100),
  left: z.number().min(0).max(100),
});

/** Paper sizes in millimetres, [portrait, landscape] as [width, height]. */
const PAGE_MM = {
  A4: [
    [210, 297],
    [297, 210],
  ],
  LETTER: [
    [215.9, 279.4],
    [279.4, 215.9],
  ],
} as const;
/** The least width and height the margins must leave for the paper's text, tables and charts. */
const MIN_TEXT_MM = 80;

/** A page's size, orientation and margins (millimetres). */
export interface PageShape {
  size: keyof typeof PAGE_MM;
  orientation: 'portrait' | 'landscape';
  margins: { top: number; right: number; bottom: number; left: number };
}

/** What is wrong with a page's margins: too little of the paper left for text, across or down. */
export function pageProblems(page: PageShape): { path: string[]; message: string }[] {
  const [width, height] = PAGE_MM[page.size][page.orientation === 'landscape' ? 1 : 0];
  const across = width - page.margins.left - page.margins.right;
  const down = height - page.margins.top - page.margins.bottom;
  const problems: { path: string[]; message: string }[] = [];
  if (across < MIN_TEXT_MM) {
    problems.push({ path: ['margins', 'left'], message: `the left and right margins leave ${Math.round(across)} mm of the page's ${Math.round(width)} mm for text: leave at least ${MIN_TEXT_MM} mm` });
  }
  if (down < MIN_TEXT_MM) {
    problems.push({ path: ['margins', 'top'], message: `the top and bottom margins leave ${Math.round(down)} mm of the page's ${Math.round(height)} mm for text: leave at least ${MIN_TEXT_MM} mm` });
  }
  return problems;
}

export const templateMetaSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1),
  description: z.string().default(''),
  page: z
    .strictObject({
      size: z.enum(['A4', 'LETTER']).default('A4'),
      orientation: z.enum(['portrait', 'landscape']).default('portrait'),
      margins: marginsSchema.default({ top: 22, right: 20, bottom: 22, left: 20 }),
    })
    .superRefine((page, ctx) => {
      // Margins that leave a sliver of paper make tables and charts vanish from the PDF: refuse them.
      for (const problem of pageProblems(page)) ctx.addIssue({ code: 'custom', ...problem });
    })
    .default({ size: 'A4', orientation: 'portrait', margins: { top: 22, right: 20, bottom: 22, left: 20 } }),
  defaults: z
    .strictObject({
      topics: z.array(idSchema).default([]),
      from: dateSchema.optional(),
      to: dateSchema.optional(),
    })
    .default({ topics: [] }),
  /** A one-topic template (sector one-pager) takes exactly one topic. */
  topics: z.enum(['any', 'one']).default('any'),
  /** Pages the paper is meant to fit; the app warns when it spills over. */
  maxPages: z.number().int().positive().optional(),
  inputs: z.array(inputSchema).default([]),
});

export type TemplateMeta = z.infer<typeof templateMetaSchema>;

export interface Template extends TemplateMeta {
  /** How diagnostics name the file. */
  file: string;
  /** The Handlebars body (after the front matter). */
  body: string;
  /** Line of the template file where the body starts (1-based). */
  bodyLine: number;
  /** "bundled" templates are read-only; others are the user's. */
  layer: string;
  /** The file's full text, for the editor. */
  text: string;
  /** The front matter sets `page:` (else the page is the default, which a house style may change). */
  pageSet: boolean;
}

export interface Partial {
  name: string;
  file: string;
  body: string;
  layer: string;
  /** What the partial says it is, in a comment that opens it (for the editor's completion). */
  description?: string;
}

export interface TemplateSet {
  templates: Map<string, Template>;
  partials: Map<string, Partial>;
  diagnostics: Diagnostic[];
}

/** Parses one template file; a broken one yields diagnostics instead. */
export function parseTemplate(file: string, text: string, layer: string): { template?: Template; diagnostics: Diagnostic[] } {
  const front = splitFrontMatter(text);
  if (!front) {
    return {
      diagnostics: [
        { severity: 'error', file, line: 1, column: 1, message: 'a template starts with YAML front matter between two "---" lines (id, name, inputs, …)' },
      ],
    };
  }
  const parsed = parseYaml(file, front.yaml, 1);
  if (parsed.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: parsed.diagnostics };
  const result = templateMetaSchema.safeParse(parsed.value);
  if (!result.success) return { diagnostics: issuesToDiagnostics(file, parsed, result.error, [], parsed.value) };
  return {
    template: {
      ...result.data,
      file,
      body: text.slice(front.bodyStart),
      bodyLine: front.bodyLine,
      layer,
      text,
      pageSet: typeof parsed.value === 'object' && parsed.value !== null && 'page' in parsed.value,
    },
    diagnostics: parsed.diagnostics,
  };
}

/** Finds templates (templates/*.hbs) and partials (templates/partials/*.hbs) across layers. */
export function loadTemplates(files: readonly { layer: WorkspaceLayer; file: WorkspaceFile }[]): TemplateSet {
  const templates = new Map<string, Template>();
  const partials = new Map<string, Partial>();
  const diagnostics: Diagnostic[] = [];
  // Within a layer an id is one template's; a later layer's template replaces an earlier one's.
  const seen = new Map<string, string>();
  for (const { layer, file } of files) {
    const display = file.display ?? `${layer.root}/${file.path}`;
    const partial = /^templates\/partials\/([A-Za-z0-9_-]+)\.hbs$/.exec(file.path);
    if (partial) {
      const description = partialDescription(file.text);
      partials.set(partial[1]!, { name: partial[1]!, file: display, body: file.text, layer: layer.name, ...(description ? { description } : {}) });
      continue;
    }
    if (!/^templates\/[^/]+\.hbs$/.test(file.path)) continue;
    const { template, diagnostics: found } = parseTemplate(display, file.text, layer.name);
    diagnostics.push(...found);
    if (!template) continue;
    const key = `${layer.name}\u0000${template.id}`;
    const first = seen.get(key);
    if (first !== undefined) {
      const line = file.text.split('\n').findIndex((l) => /^id[ \t]*:/.test(l)) + 1;
      diagnostics.push({
        severity: 'error',
        file: display,
        ...(line > 0 ? { line, column: 1 } : {}),
        message: `duplicate template id ${quote(template.id)} (first in ${first}); this one is ignored: give it another id`,
      });
      continue;
    }
    seen.set(key, display);
    templates.set(template.id, template);
  }
  return { templates, partials, diagnostics };
}

/**
 * A partial's description: the text of the Handlebars comment it opens with, `{{!-- … --}}` or
 * `{{! … }}`, its white space run together. A comment prints nothing (a comment line, not even the
 * line), so describing a partial does not change the paper.
 */
function partialDescription(body: string): string | undefined {
  const comment = /^\s*\{\{~?!(?:--([\s\S]*?)--~?\}\}|(?!--)([^}]*?)~?\}\})/.exec(body);
  const text = (comment?.[1] ?? comment?.[2])?.replace(/\s+/g, ' ').trim();
  return text || undefined;
}
