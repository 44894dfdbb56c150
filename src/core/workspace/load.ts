// Loads a workspace from its layers (bundled, then the user's folder, then extra folders):
// parses every file, checks every record against its schema and against the others, and
// returns what is sound together with a diagnostic for everything that is not. A broken file
// or record never stops the rest from loading.
import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics';
import { capped, quote, QUOTE_LIMIT } from '../quote';
import { whenInterval, type DayInterval } from '../facts/dates';
import {
  checkFactQuickly,
  entitySchema,
  factSchema,
  indicatorSchema,
  sourceMetaSchema,
  topicSchema,
  workspaceMetaSchema,
  type Entity,
  type FactRecord,
  type Indicator,
  type SourceMeta,
  type Topic,
} from '../facts/schema';
import { splitFrontMatter } from '../../shared/front-matter';
import { parseYaml, type ParsedYaml } from './yaml';
import { MAX_PROBLEMS_PER_FILE, moreProblems, validateWorkspace } from './validate';
import { readHouseStyle, type HouseStyle } from './house-style';
import type { StyleFileWithAssets } from './letterhead';
import { readReference, REFERENCE_FILE, type ReferenceFile } from './reference-docx';

/** One file of a layer, as the host read it. `path` is relative to the layer root, with '/'. */
export interface WorkspaceFile {
  path: string;
  text: string;
  /** How diagnostics name the file, when not `root/path`. */
  display?: string;
}

export interface WorkspaceLayer {
  /** "bundled", "user", or the folder's name. */
  name: string;
  /** How diagnostics name the layer's folder ("data", "~/briefwright", a path the user gave). */
  root: string;
  files: WorkspaceFile[];
  /** Problems met while reading the layer (unreadable files, wrong encodings). */
  diagnostics?: Diagnostic[];
  /**
   * Files other than text that the layer's style.yaml names (its logo), read by the host by the
   * folder's rule (letterhead.ts `assetsNamedBy`), or why one was not read.
   */
  assets?: LayerAsset[];
  /** The layer's Word template (`reference.docx` at its top), read by the host by the folder's rule, or why it was not read. */
  reference?: LayerAsset;
}

/** A file a style.yaml names, by its path as written there: its bytes, or why it was not read (a sentence). */
export type LayerAsset = { path: string; bytes: Uint8Array } | { path: string; problem: string };

/** Where a record was read from. */
export interface Origin {
  file: string;
  line: number;
  column: number;
  layer: string;
}

export interface Fact extends FactRecord {
  origin: Origin;
}

export type Source = SourceMeta & {
  /** The document's text exactly as received. */
  text: string;
  /** The date a reader should see: the source's date, or its estimate. */
  reported: string;
  /** The text's first line within the source file (for positions of evidence spans). */
  bodyLine: number;
  origin: Origin;
};

export interface Workspace {
  name: string;
  description?: string;
  topics: Map<string, Topic & { origin: Origin }>;
  indicators: Map<string, Indicator & { origin: Origin }>;
  entities: Map<string, Entity & { origin: Origin }>;
  sources: Map<string, Source>;
  /** Every sound fact, in chronological order of `when` (then by id). */
  facts: Fact[];
  factsById: Map<string, Fact>;
  /**
   * The day interval of each fact, for range queries and order: its `when`, or for a fact the
   * source does not date, its source's reporting date (data/README.md, "Undated facts").
   */
  intervals: Map<string, DayInterval>;
  /**
   * The house style in force: briefwright's own, with the colours of the layers' style.yaml over
   * it, and the Word styles of the latest layer's reference.docx (`style.tokens.reference`).
   */
  style: HouseStyle;
  /** Files of other kinds (templates, partials) by layer, for the template loader. */
  otherFiles: { layer: WorkspaceLayer; file: WorkspaceFile }[];
  diagnostics: Diagnostic[];
}

const VOCABULARIES = {
  'topics.yaml': topicSchema,
  'indicators.yaml': indicatorSchema,
  'entities.yaml': entitySchema,
} as const;

type Located<T> = T & { origin: Origin };

export function loadWorkspace(layers: readonly WorkspaceLayer[]): Workspace {
  const diagnostics: Diagnostic[] = [];
  const topics = new Map<string, Located<Topic>>();
  const indicators = new Map<string, Located<Indicator>>();
  const entities = new Map<string, Located<Entity>>();
  const sources = new Map<string, Source>();
  let facts = new Map<string, Fact>();
  const otherFiles: Workspace['otherFiles'] = [];
  const styleFiles: StyleFileWithAssets[] = [];
  const referenceFiles: ReferenceFile[] = [];
  let meta: z.infer<typeof workspaceMetaSchema> = { name: 'Untitled workspace' };

  for (const layer of layers) {
    // Ids are unique within a layer; a later layer replaces an earlier layer's record.
    diagnostics.push(...(layer.diagnostics ?? []));
    if (layer.reference) referenceFiles.push({ display: joinPath(layer.root, REFERENCE_FILE), asset: layer.reference });
    const seen = new Map<string, Map<string, Origin>>();
    // This layer's facts, kept apart until the layer is read: a fact already here is a
    // duplicate, one in `facts` is replaced (one map per fact, not two: there may be 100,000).
    const layerFacts = new Map<string, Fact>();
    const placeFact = (fact: Fact) => {
      const first = layerFacts.get(fact.id);
      if (first) {
        diagnostics.push({
          severity: 'error',
          ...at(fact.origin),
          message: `duplicate fact id ${quote(fact.id)} (first defined at ${first.origin.file}:${first.origin.line}:${first.origin.column}); this one is ignored`,
        });
        return;
      }
      layerFacts.set(fact.id, fact);
    };
    const place = <T extends { id: string }>(map: Map<string, Located<T>>, kind: string, record: Located<T>) => {
      let ids = seen.get(kind);
      if (!ids) seen.set(kind, (ids = new Map()));
      const first = ids.get(record.id);
      if (first) {
        diagnostics.push({
          severity: 'error',
          ...at(record.origin),
          message: `duplicate ${kind} id ${quote(record.id)} (first defined at ${first.file}:${first.line}:${first.column}); this one is ignored`,
        });
        return;
      }
      ids.set(record.id, record.origin);
      map.set(record.id, record);
    };

    for (const file of [...layer.files].sort((a, b) => a.path.localeCompare(b.path))) {
      const display = file.display ?? joinPath(layer.root, file.path);
      const origin = (line: number, column: number): Origin => ({ file: display, line, column, layer: layer.name });
      if (file.path === 'workspace.yaml') {
        const parsed = parseYaml(display, file.text);
        diagnostics.push(...parsed.diagnostics);
        const result = workspaceMetaSchema.safeParse(parsed.value);
        if (result.success) meta = result.data;
        else diagnostics.push(...issuesToDiagnostics(display, parsed, result.error, [], parsed.value));
        continue;
      }
      if (file.path === 'style.yaml') {
        styleFiles.push({ display, text: file.text, ...(layer.assets ? { assets: layer.assets } : {}) });
        continue;
      }
      if (file.path in VOCABULARIES) {
        const name = file.path as keyof typeof VOCABULARIES;
        const kind = name.replace(/s\.yaml$/, '').replace(/ie$/, 'y');
        readList(display, file.text, VOCABULARIES[name], undefined, diagnostics, (item, line, column) => {
          const record = { ...item, origin: origin(line, column) };
          if (name === 'topics.yaml') place(topics, kind, record as Located<Topic>);
          else if (name === 'indicators.yaml') place(indicators, kind, record as Located<Indicator>);
          else place(entities, kind, record as Located<Entity>);
        });
        continue;
      }
      if (/^facts\/.+\.ya?ml$/.test(file.path)) {
        readList(display, file.text, factSchema, checkFactQuickly, diagnostics, (record, line, column) => {
          // The schema's output is a fresh object: it can take its origin without a copy.
          (record as Fact).origin = origin(line, column);
          placeFact(record as Fact);
        });
        continue;
      }
      if (/^sources\/.+\.md$/.test(file.path)) {
        const source = readSource(display, file.text, diagnostics, layer.name);
        if (source) place(sources, 'source', source);
        continue;
      }
      otherFiles.push({ layer, file });
    }
    if (facts.size === 0) facts = layerFacts;
    else for (const [id, fact] of layerFacts) facts.set(id, fact);
  }

  const style = withReference(readHouseStyle(styleFiles, diagnostics), referenceFiles, diagnostics);
  const sound = validateWorkspace({ topics, indicators, entities, sources, facts: [...facts.values()] }, diagnostics);
  const intervals = new Map<string, DayInterval>();
  const ordered = chronological(sound, intervals, sources);
  // The map of every read fact becomes the map of the sound ones (rather than a new one).
  if (sound.length < facts.size) {
    const kept = new Set(sound);
    for (const [id, fact] of facts) if (!kept.has(fact)) facts.delete(id);
  }

  return {
    name: meta.name,
    ...(meta.description ? { description: meta.description } : {}),
    topics,
    indicators,
    entities,
    sources,
    facts: ordered,
    factsById: facts,
    intervals,
    style,
    otherFiles,
    diagnostics,
  };
}

/**
 * Facts in order of their start, then their end, then id, an undated fact at its source's
 * reporting date (facts with neither last); fills `intervals` with each fact's interval. With many facts per year, most comparisons are
 * ties on the date broken by id: comparing ids as two numbers made of their first twenty
 * characters settles nearly all of them without comparing strings, which is slow on the
 * substrings the YAML reader makes (a string sort of 100,000 ids costs more than the rest).
 */
function chronological(facts: Fact[], intervals: Map<string, DayInterval>, sources: Map<string, Source>): Fact[] {
  const n = facts.length;
  const when = new Float64Array(n);
  const head = new Float64Array(n);
  const next = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const fact = facts[i]!;
    const effective = fact.when ?? reportedWhen(sources.get(fact.source));
    const parsed = effective === undefined ? undefined : whenInterval(effective);
    const interval = parsed && 'interval' in parsed ? parsed.interval : undefined;
    if (interval) intervals.set(fact.id, interval);
    // start, then end: exact as a double while the dates lie within ±11,000 years of 1970.
    when[i] = interval ? interval.start * 2 ** 23 + (interval.end - interval.start) : Number.POSITIVE_INFINITY;
    head[i] = idKey(fact.id, 0);
    next[i] = idKey(fact.id, 10);
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => {
    // Two undated facts give NaN, which falls through to the id.
    const byId = when[a]! - when[b]! || head[a]! - head[b]! || next[a]! - next[b]!;
    if (byId) return byId;
    const x = facts[a]!.id;
    const y = facts[b]!.id;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return order.map((i) => facts[i]!);
}

/** The date a source reports as of (its date or estimate), for a fact the source does not date. */
export function reportedWhen(source: Pick<Source, 'reported'> | undefined): string | undefined {
  return source && source.reported !== 'unknown' ? source.reported : undefined;
}

/**
 * Ten characters of an id from `from`, as a number that sorts as they do (ids are [a-z0-9-]):
 * exact, since 38^10 < 2^53.
 */
function idKey(id: string, from: number): number {
  let key = 0;
  for (let i = from; i < from + 10; i++) {
    const c = id.charCodeAt(i);
    // The end of the id < '-' < '0'–'9' < 'a'–'z'.
    const digit = Number.isNaN(c) ? 0 : c === 45 ? 1 : c <= 57 ? c - 46 : c - 85;
    key = key * 38 + digit;
  }
  return key;
}

/**
 * Reads a YAML file whose top level is a list of records, handing each sound record to `take`
 * with where it starts; bad records are reported and skipped. `quick`, when given, checks a
 * record faster than `schema` and gives the same result, or undefined to defer to `schema`.
 */
function readList<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
  quick: ((item: unknown) => z.infer<S> | undefined) | undefined,
  diagnostics: Diagnostic[],
  take: (record: z.infer<S>, line: number, column: number) => void,
): void {
  const parsed = parseYaml(file, text);
  diagnostics.push(...parsed.diagnostics);
  if (parsed.diagnostics.some((d) => d.severity === 'error')) return;
  if (parsed.value === undefined || parsed.value === null) return;
  if (!Array.isArray(parsed.value)) {
    diagnostics.push({ severity: 'error', file, ...parsed.locate([]), message: 'expected a list of records (each starting with "- id: …")' });
    return;
  }
  const items: unknown[] = parsed.value;
  // A file of a million broken records gets the first problems listed and a count of the rest.
  let shown = 0;
  let hidden = 0;
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    const record = quick?.(item);
    if (record !== undefined) {
      const { line, column } = parsed.locate([index]);
      take(record, line, column);
      continue;
    }
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      if (shown++ < MAX_PROBLEMS_PER_FILE) {
        const found = item === null ? 'an empty item' : Array.isArray(item) ? 'a list' : `the ${typeof item === 'string' ? 'text' : typeof item} ${quote(item, 40)}`;
        diagnostics.push({ severity: 'error', file, ...parsed.locate([index]), message: `expected a record (\`id: …\` and its fields), found ${found}` });
      } else hidden++;
      continue;
    }
    const result = schema.safeParse(item);
    if (result.success) {
      const { line, column } = parsed.locate([index]);
      take(result.data, line, column);
    } else if (shown++ < MAX_PROBLEMS_PER_FILE) {
      diagnostics.push(...issuesToDiagnostics(file, parsed, result.error, [index], item));
    } else hidden++;
  }
  if (hidden > 0) diagnostics.push(moreProblems(file, hidden));
}

function readSource(file: string, text: string, diagnostics: Diagnostic[], layer: string): Source | undefined {
  const front = splitFrontMatter(text);
  if (!front) {
    diagnostics.push({
      severity: 'error',
      file,
      line: 1,
      column: 1,
      message: 'a source file starts with YAML front matter between two "---" lines (id, title, author, publisher, date or estimate)',
    });
    return undefined;
  }
  const parsed = parseYaml(file, front.yaml, 1);
  diagnostics.push(...parsed.diagnostics);
  if (parsed.diagnostics.some((d) => d.severity === 'error')) return undefined;
  const result = sourceMetaSchema.safeParse(parsed.value);
  if (!result.success) {
    diagnostics.push(...issuesToDiagnostics(file, parsed, result.error, [], parsed.value));
    return undefined;
  }
  const meta = result.data;
  const estimate = meta.estimate?.date;
  const reported = meta.date ?? (typeof estimate === 'string' ? estimate : (estimate?.to ?? 'unknown'));
  return {
    ...meta,
    text: text.slice(front.bodyStart),
    reported,
    bodyLine: front.bodyLine,
    origin: { file, line: 1, column: 1, layer },
  };
}

/** Turns schema issues into diagnostics at the position of the value at fault. */
export function issuesToDiagnostics(
  file: string,
  parsed: ParsedYaml,
  error: z.ZodError,
  prefix: PropertyKey[],
  record?: unknown,
): Diagnostic[] {
  const id =
    record && typeof record === 'object' && 'id' in record && typeof record.id === 'string' ? ` in ${quote(record.id)}` : '';
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path];
    const field = capped(issue.path.filter((p) => typeof p === 'string').join('.'));
    const message = describeIssue(issue, field, valueAt(record, issue.path));
    const where = issue.code === 'unrecognized_keys' ? parsed.locate([...path, issue.keys[0]!], { key: true }) : parsed.locate(path);
    return { severity: 'error' as const, file, ...where, message: `${message}${id}` };
  });
}

/** The value at `path` inside `value` (undefined when any step is missing). */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let here = value;
  for (const step of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<PropertyKey, unknown>)[step];
  }
  return here;
}

function describeIssue(issue: z.core.$ZodIssue, field: string, input: unknown): string {
  const name = field ? `\`${field}\`` : 'record';
  if (issue.code === 'invalid_type' && input === undefined) return `${name} is missing`;
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => quote(k, QUOTE_LIMIT, '`')).join(', ')}`;
  if (issue.code === 'invalid_value') return `${name} must be one of ${issue.values.map(String).join(', ')}`;
  // The schema's own words where it has them; zod's ("Invalid input: expected array, received string") in ours.
  if (issue.code === 'invalid_type' && /^Invalid input/.test(issue.message)) return `${name} must be ${TYPE_WORDS[issue.expected] ?? issue.expected} (found ${kindOf(input)})`;
  return `${name}: ${issue.message}`;
}

const TYPE_WORDS: Record<string, string> = { string: 'text', number: 'a number', boolean: 'true or false', array: 'a list', object: 'a mapping (field: value lines)' };

function kindOf(value: unknown): string {
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text ${quote(value, 40)}`;
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value === 'number' ? 'the number' : ''} ${String(value)}`.trim();
}

/** The house style with the Word template in force; what is wrong with one is said beside the paper, as the style.yaml's problems are. */
function withReference(style: HouseStyle, files: readonly ReferenceFile[], diagnostics: Diagnostic[]): HouseStyle {
  const found: Diagnostic[] = [];
  const reference = readReference(files, found);
  diagnostics.push(...found);
  const said = [...style.diagnostics, ...found];
  return reference ? { ...style, tokens: { ...style.tokens, reference }, diagnostics: said } : { ...style, diagnostics: said };
}

const at = (o: Origin) => ({ file: o.file, line: o.line, column: o.column });

function joinPath(root: string, path: string): string {
  if (!root) return path;
  return root.endsWith('/') ? root + path : `${root}/${path}`;
}
