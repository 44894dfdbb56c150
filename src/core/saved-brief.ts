// A saved brief, `NAME.brief.yaml` (../shared/DESIGN.md §6, data/README.md "Saved briefs"): the
// choices that make one paper — template, topics, dates, inputs, facts left out — with a title,
// the format it is usually exported in, and what was last exported (when, and the facts it
// held, each as the paper said it). The app saves and opens these; `briefwright generate
// BRIEF.brief.yaml` runs one. Reading reports every fault at its line and column; writing gives
// a file a person can read and diff. Runs anywhere: no Node.
import { isMap, isNode, isScalar, parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import { FORMAT_IDS, type FormatId } from '../shared/formats';
import { isRecord } from '../shared/inputs';
import type { Diagnostic } from './diagnostics';
import { rangeInterval, whenKey } from './facts/dates';
import { dateSchema, idSchema } from './facts/schema';
import { quote } from './quote';
import { defaultFormat, formatQualified, type FormatOptions } from './templates/format';
import { issuesToDiagnostics, type Fact } from './workspace/load';
import { parseYaml } from './workspace/yaml';

/** The ending every saved brief's file name has. */
export const BRIEF_EXTENSION = '.brief.yaml';

/** A fact as an export printed it: enough to tell, later, whether it has changed or gone. */
export interface ExportedFact {
  id: string;
  statement: string;
  when?: string;
  figure?: string;
}

export interface LastExport {
  /** ISO 8601 instant. */
  at: string;
  format?: FormatId;
  facts: ExportedFact[];
}

export interface SavedBrief {
  title: string;
  template: string;
  topics: string[];
  from?: string;
  to?: string;
  /** The template's inputs, as the form or `--input` gives them (checked against the template when the paper is made). */
  inputs: Record<string, unknown>;
  exclude: string[];
  format?: FormatId;
  lastExport?: LastExport;
}

const exportedFactSchema = z.strictObject({
  id: idSchema,
  statement: z.string(),
  when: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string()).optional(),
  figure: z.string().optional(),
});

const savedBriefSchema = z.strictObject({
  title: z.string().max(200, 'a title is at most 200 characters').optional(),
  template: idSchema,
  topics: z.array(idSchema).max(100).optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  inputs: z.record(z.string(), z.unknown()).optional(),
  exclude: z.array(idSchema).max(100_000).optional(),
  format: z.enum(FORMAT_IDS).optional(),
  lastExport: z
    .strictObject({
      at: z.iso.datetime({ offset: true, error: 'must be a date and time like 2026-12-03T14:05:00Z' }),
      format: z.enum(FORMAT_IDS).optional(),
      facts: z.array(exportedFactSchema).max(100_000),
    })
    .optional(),
});

export interface ReadBrief {
  /** Absent when the file cannot be used at all (its faults are among the diagnostics). */
  brief?: SavedBrief;
  diagnostics: Diagnostic[];
  /** Where a path of the file's YAML starts, for faults found later (an input the template does not take). */
  locate(path: readonly PropertyKey[], options?: { key?: boolean }): { line: number; column: number };
}

/** Reads a saved brief's text. `file` names it in diagnostics. */
export function readSavedBrief(file: string, text: string): ReadBrief {
  const parsed = parseYaml(file, text);
  const locate = parsed.locate.bind(parsed);
  if (parsed.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: parsed.diagnostics, locate };
  const value = parsed.value;
  if (!isRecord(value)) {
    return {
      diagnostics: [{ severity: 'error', file, line: 1, column: 1, message: 'a saved brief is a set of fields (template:, topics:, from:, to:, inputs:, exclude: …); this file holds none' }],
      locate,
    };
  }
  const result = savedBriefSchema.safeParse(value);
  if (!result.success) return { diagnostics: [...parsed.diagnostics, ...issuesToDiagnostics(file, parsed, result.error, [], value)], locate };
  const data = result.data;
  // One rule for a range, as the command line's and the app's: 2024-06 to 2024 is June to December.
  const range = rangeInterval(data.from, data.to);
  if ('error' in range) return { diagnostics: [{ severity: 'error', file, ...locate(['from']), message: range.error }], locate };
  const brief: SavedBrief = {
    title: data.title?.trim() || titleOfFile(file),
    template: data.template,
    topics: data.topics ?? [],
    ...(data.from !== undefined ? { from: data.from } : {}),
    ...(data.to !== undefined ? { to: data.to } : {}),
    // Without a prototype, so that a key like "__proto__" is an input like any other (and reported as unknown).
    inputs: Object.assign(Object.create(null) as Record<string, unknown>, data.inputs),
    exclude: data.exclude ?? [],
    ...(data.format ? { format: data.format } : {}),
    ...(data.lastExport ? { lastExport: data.lastExport } : {}),
  };
  return { brief, diagnostics: parsed.diagnostics, locate };
}

/** The file's name without its ending: "visit-astana.brief.yaml" → "visit-astana". */
export function titleOfFile(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.endsWith(BRIEF_EXTENSION) ? base.slice(0, -BRIEF_EXTENSION.length) : base.replace(/\.ya?ml$/, '');
}

/** A brief's fields as its file holds them, in a fixed order, empty ones left out. */
function fieldsOf(brief: SavedBrief): Record<string, unknown> {
  const record: Record<string, unknown> = { title: brief.title, template: brief.template };
  if (brief.topics.length > 0) record.topics = brief.topics;
  if (brief.from) record.from = brief.from;
  if (brief.to) record.to = brief.to;
  if (brief.format) record.format = brief.format;
  if (Object.keys(brief.inputs).length > 0) record.inputs = { ...brief.inputs };
  if (brief.exclude.length > 0) record.exclude = brief.exclude;
  if (brief.lastExport) record.lastExport = brief.lastExport;
  return record;
}
const FIELDS = ['title', 'template', 'topics', 'from', 'to', 'format', 'inputs', 'exclude', 'lastExport'] as const;

/** The text of a saved brief: its fields in a fixed order, empty ones left out, a comment saying what it is. */
export function writeSavedBrief(brief: SavedBrief): string {
  const body = stringify(fieldsOf(brief), { lineWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' });
  return `# A brief saved by briefwright. Run it with: briefwright generate <this file> --out FILE\n${body}`;
}

/**
 * `brief` saved over the text of its file: its fields set, those it no longer has taken out, and
 * the file's comments and order kept for the rest. A brief without `lastExport` keeps the
 * file's (the app may not hold a very long one). A file that is not a readable brief is
 * written afresh.
 */
export function rewriteSavedBrief(text: string, brief: SavedBrief): string {
  const document = parseDocument(text);
  if (document.errors.length > 0 || !isMap(document.contents)) return writeSavedBrief(brief);
  const fields = fieldsOf(brief);
  for (const key of FIELDS) {
    if (!(key in fields)) {
      if (key !== 'lastExport') document.delete(key);
      continue;
    }
    const value = fields[key];
    const node = document.get(key, true);
    // A value that has not changed keeps its node, and with it the comments beside it.
    if (isNode(node) && JSON.stringify(node.toJSON()) === JSON.stringify(value)) continue;
    if (isScalar(node) && (value === null || typeof value !== 'object')) node.value = value;
    else document.set(key, document.createNode(value));
  }
  return document.toString({ lineWidth: 0 });
}

/** The facts of a paper as its export printed them (for `lastExport`). */
export function exportedFacts(facts: readonly Fact[], format: FormatOptions = defaultFormat): ExportedFact[] {
  return facts.map((fact) => ({
    id: fact.id,
    statement: fact.statement,
    ...(fact.when !== undefined ? { when: whenKey(fact.when) } : {}),
    ...(fact.metric ? { figure: formatQualified(fact.metric.value, fact.metric.unit, fact.metric.qualifier, format) } : {}),
  }));
}

/** How a paper's facts differ from those of its last export. */
export interface ExportChanges {
  added: ExportedFact[];
  removed: ExportedFact[];
  changed: { before: ExportedFact; after: ExportedFact; fields: ('statement' | 'when' | 'figure')[] }[];
}

export function exportChanges(last: readonly ExportedFact[], now: readonly ExportedFact[]): ExportChanges {
  const before = new Map(last.map((f) => [f.id, f]));
  const after = new Map(now.map((f) => [f.id, f]));
  const changes: ExportChanges = { added: [], removed: [], changed: [] };
  for (const fact of now) {
    const old = before.get(fact.id);
    if (!old) {
      changes.added.push(fact);
      continue;
    }
    const fields = (['statement', 'when', 'figure'] as const).filter((field) => (old[field] ?? '') !== (fact[field] ?? ''));
    if (fields.length > 0) changes.changed.push({ before: old, after: fact, fields });
  }
  for (const fact of last) if (!after.has(fact.id)) changes.removed.push(fact);
  return changes;
}

export const hasChanges = (changes: ExportChanges): boolean => changes.added.length + changes.removed.length + changes.changed.length > 0;

/** One line for each kind of change: "2 new facts, 1 changed, 1 gone". */
export function describeChanges(changes: ExportChanges): string {
  const parts = [
    changes.added.length ? `${changes.added.length} new fact${changes.added.length === 1 ? '' : 's'}` : '',
    changes.changed.length ? `${changes.changed.length} changed` : '',
    changes.removed.length ? `${changes.removed.length} gone` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no change';
}

/** A brief's exclusions that name no fact of the workspace: warnings, since leaving out a fact that is gone changes nothing. */
export function unknownExclusions(file: string, read: ReadBrief, known: (id: string) => boolean): Diagnostic[] {
  const exclude = read.brief?.exclude ?? [];
  return exclude.flatMap((id, index) =>
    known(id) ? [] : [{ severity: 'warning' as const, file, ...read.locate(['exclude', index]), message: `the fact ${quote(id)} left out here is not in the workspace any more; it is ignored` }],
  );
}
