// The shapes of every workspace record (fact, source front matter, topic, indicator, entity),
// as runtime schemas. Cross-record checks (do the ids resolve? is the evidence in the source?)
// live in workspace/validate.ts; these only say what one record must look like.
import { z } from 'zod';
import { parseDate, whenInterval, type When } from './dates';

const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/**
 * Names Windows keeps for devices (with any extension, in any case): a file so named cannot be
 * made there. Ids name files (templates/<id>.hbs, drafts), so no id is one, on any platform,
 * and a workspace made on Linux opens on Windows. src/shared/api.ts refuses them too.
 */
const DEVICE_NAME_RE = /^(?:con|prn|aux|nul|com[1-9]|lpt[1-9])$/;
const DEVICE_NAME_MESSAGE = 'must not be a name Windows keeps for a device (con, prn, aux, nul, com1–com9, lpt1–lpt9): choose another id';
export const idSchema = z
  .string({ error: 'must be an id (lower-case words joined by hyphens)' })
  .regex(ID_RE, 'must be an id: lower-case letters, digits and single hyphens, like "trade-turnover-2023"')
  .refine((id) => !DEVICE_NAME_RE.test(id), DEVICE_NAME_MESSAGE);

/** YAML reads `2023` as a number; a date is always text to us. */
export const dateSchema = z.preprocess(
  (v) => (typeof v === 'number' && Number.isInteger(v) ? String(v) : v),
  z.string({ error: 'must be a date: YYYY, YYYY-MM or YYYY-MM-DD' }).superRefine((text, ctx) => {
    const parsed = parseDate(text);
    if ('error' in parsed) ctx.addIssue({ code: 'custom', message: parsed.error });
  }),
);

const periodSchema = z.strictObject({ from: dateSchema, to: dateSchema }).superRefine((period, ctx) => {
  const parsed = whenInterval(period);
  if ('error' in parsed) ctx.addIssue({ code: 'custom', path: ['to'], message: parsed.error });
});
const whenSchema = z.union([dateSchema, periodSchema], {
  error: 'must be a date (YYYY, YYYY-MM, YYYY-MM-DD) or a period { from, to }',
});

export const FACT_KINDS = ['outcome', 'forecast', 'plan', 'claim', 'context'] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export const QUALIFIERS = ['exact', 'about', 'over', 'under', 'nearly', 'up-to'] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

const text = (what: string) => z.string({ error: `${what} must be text` }).trim().min(1, `${what} must not be empty`);

export const metricSchema = z.strictObject({
  indicator: idSchema,
  value: z.number({ error: 'value must be a plain number (no units, no commas)' }).refine(Number.isFinite, 'value must be finite'),
  unit: text('unit'),
  period: whenSchema.optional(),
  qualifier: z.enum(QUALIFIERS).default('exact'),
  /** What this figure counts, where it departs from its indicator's definition; printed beside the figure. */
  definition: text('definition').optional(),
});

/** How the outcome a plan or forecast is linked to settles it (see `settledBy`). */
export const SETTLEMENTS = ['surpassed', 'met', 'missed', 'done', 'dropped'] as const;
export type Settlement = (typeof SETTLEMENTS)[number];

/** A curator's word on how much a fact matters, where the selection rule cannot tell. */
const WEIGHTS = ['high', 'normal', 'low'] as const;

export const factSchema = z.strictObject({
  id: idSchema,
  statement: text('statement'),
  topics: z.array(idSchema).min(1, 'a fact needs at least one topic'),
  entities: z.array(idSchema).default([]),
  /** Absent when the source gives no date for what the fact is about. */
  when: whenSchema.optional(),
  estimated: z.boolean().default(false),
  kind: z.enum(FACT_KINDS, { error: `kind must be one of ${FACT_KINDS.join(', ')}` }),
  attribution: idSchema.optional(),
  metric: metricSchema.optional(),
  source: idSchema,
  evidence: text('evidence'),
  note: text('note').optional(),
  /** On a plan or forecast: the outcome fact that settles it (target surpassed, "will open" → opened). */
  settledBy: idSchema.optional(),
  /** How `settledBy` settles it; worked out from the two figures when both have one, else "done". */
  settlement: z.enum(SETTLEMENTS, { error: `settlement must be one of ${SETTLEMENTS.join(', ')}` }).optional(),
  weight: z.enum(WEIGHTS, { error: `weight must be one of ${WEIGHTS.join(', ')}` }).optional(),
});

/**
 * `factSchema`, hand-written for the common case: when `input` is a sound fact, returns what
 * `factSchema.parse(input)` would (the same fields and values; defaults filled in, text
 * trimmed, years made text), made from `input` itself rather than a copy; otherwise, or when
 * it is sound in a way this does not follow, returns undefined, leaving `input` as it was, so
 * that the caller runs `factSchema` for the messages. Loading 100,000 facts through zod alone
 * takes about a second; this, a fraction of that. A property test
 * (tests/unit/facts/schema.test.ts) holds the two to the same results.
 */
export function checkFactQuickly(input: unknown): FactRecord | undefined {
  if (!isPlainRecord(input)) return undefined;
  let known = 6;
  const { id, topics, source, kind, entities, attribution, estimated } = input;
  const statement = quickText(input.statement);
  const evidence = quickText(input.evidence);
  if (!isId(id) || statement === undefined || !isIdList(topics) || topics.length === 0 || !isId(source) || evidence === undefined) return undefined;
  if (typeof kind !== 'string' || !(FACT_KINDS as readonly string[]).includes(kind)) return undefined;
  if (entities !== undefined) {
    if (!isIdList(entities)) return undefined;
    known++;
  }
  let when: When | undefined;
  if (input.when !== undefined) {
    when = quickWhen(input.when);
    if (when === undefined) return undefined;
    known++;
  }
  if (estimated !== undefined) {
    if (typeof estimated !== 'boolean') return undefined;
    known++;
  }
  if (attribution !== undefined) {
    if (!isId(attribution)) return undefined;
    known++;
  }
  let metric: Metric | undefined;
  if (input.metric !== undefined) {
    metric = quickMetric(input.metric);
    if (metric === undefined) return undefined;
    known++;
  }
  let note: string | undefined;
  if (input.note !== undefined) {
    note = quickText(input.note);
    if (note === undefined) return undefined;
    known++;
  }
  if (input.settledBy !== undefined) {
    if (!isId(input.settledBy)) return undefined;
    known++;
  }
  if (input.settlement !== undefined) {
    if (typeof input.settlement !== 'string' || !(SETTLEMENTS as readonly string[]).includes(input.settlement)) return undefined;
    known++;
  }
  if (input.weight !== undefined) {
    if (typeof input.weight !== 'string' || !(WEIGHTS as readonly string[]).includes(input.weight)) return undefined;
    known++;
  }
  // Any other field is unknown to the schema: let it say so.
  if (Object.keys(input).length !== known) return undefined;
  // Sound: now, and only now, make `input` the record.
  input.statement = statement;
  input.evidence = evidence;
  if (entities === undefined) input.entities = [];
  if (when !== undefined) input.when = when;
  if (estimated === undefined) input.estimated = false;
  if (metric !== undefined) input.metric = metric;
  if (note !== undefined) input.note = note;
  return input as FactRecord;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const isId = (value: unknown): value is string => typeof value === 'string' && ID_RE.test(value) && !DEVICE_NAME_RE.test(value);
const isIdList = (value: unknown): value is string[] => Array.isArray(value) && value.every(isId);

function quickText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : undefined;
}

function quickDate(value: unknown): string | undefined {
  const text = typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
  return typeof text === 'string' && 'interval' in parseDate(text) ? text : undefined;
}

function quickWhen(value: unknown): When | undefined {
  if (!isPlainRecord(value)) return quickDate(value);
  if (Object.keys(value).length !== 2) return undefined;
  const from = quickDate(value.from);
  const to = quickDate(value.to);
  if (from === undefined || to === undefined) return undefined;
  const period = { from, to };
  return 'interval' in whenInterval(period) ? period : undefined;
}

function quickMetric(value: unknown): Metric | undefined {
  if (!isPlainRecord(value)) return undefined;
  const { indicator, value: amount, qualifier } = value;
  const unit = quickText(value.unit);
  if (!isId(indicator) || typeof amount !== 'number' || !Number.isFinite(amount) || unit === undefined) return undefined;
  let known = 3;
  let period: When | undefined;
  if (value.period !== undefined) {
    period = quickWhen(value.period);
    if (period === undefined) return undefined;
    known++;
  }
  if (qualifier !== undefined) {
    if (typeof qualifier !== 'string' || !(QUALIFIERS as readonly string[]).includes(qualifier)) return undefined;
    known++;
  }
  let definition: string | undefined;
  if (value.definition !== undefined) {
    definition = quickText(value.definition);
    if (definition === undefined) return undefined;
    known++;
  }
  if (Object.keys(value).length !== known) return undefined;
  // The caller makes the fact only once all of it is sound: return a copy, not `value` changed.
  return {
    indicator,
    value: amount,
    unit,
    ...(period !== undefined ? { period } : {}),
    qualifier: (qualifier ?? 'exact') as Qualifier,
    ...(definition !== undefined ? { definition } : {}),
  };
}

const SOURCE_KINDS = ['interview', 'op-ed', 'report', 'press-briefing', 'event-summary', 'speech', 'statement', 'article', 'other'] as const;

export const sourceMetaSchema = z
  .strictObject({
    id: idSchema,
    title: text('title'),
    author: text('author'),
    publisher: text('publisher'),
    kind: z.enum(SOURCE_KINDS).default('other'),
    language: text('language').default('en'),
    date: dateSchema.optional(),
    estimate: z.strictObject({ date: whenSchema, basis: text('basis') }).optional(),
    /** The person interviewed, for interviews. */
    interviewee: text('interviewee').optional(),
    /** The file name the document was received under. */
    received_as: text('received_as').optional(),
  })
  .superRefine((s, ctx) => {
    if ((s.date === undefined) === (s.estimate === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['date'],
        message: 'a source gives exactly one of `date` (when the text gives it) and `estimate` (our estimate and its basis)',
      });
    }
  });

export const topicSchema = z.strictObject({
  id: idSchema,
  label: text('label'),
  description: text('description').optional(),
});

export const indicatorSchema = z.strictObject({
  id: idSchema,
  name: text('name'),
  unit: text('unit'),
  topics: z.array(idSchema).default([]),
  description: text('description').optional(),
  /** What exactly the indicator counts: two facts of one indicator measure the same thing. */
  definition: text('definition').optional(),
});

const ENTITY_TYPES = ['country', 'organisation', 'person', 'place', 'project', 'programme', 'event'] as const;

/**
 * An office a person held, as a source gives it: the title in the source's words ("Foreign
 * Minister of China"), the date or period the source shows it held (the document's date where
 * the text gives the role as current), and the source that says so.
 */
const roleSchema = z.strictObject({
  title: text('title'),
  when: whenSchema.optional(),
  /** True when `when` is inferred (from a source whose own date is an estimate). */
  estimated: z.boolean({ error: 'estimated must be true or false' }).default(false),
  source: idSchema,
});

export const entitySchema = z.strictObject({
  id: idSchema,
  name: text('name'),
  type: z.enum(ENTITY_TYPES),
  /** A person's office as one line of text ("President of Kazakhstan (2013)"): read where a person has no `roles`. */
  role: text('role').optional(),
  /** A person's country: the id of a country entity. */
  country: idSchema.optional(),
  /** A person's offices, each with its date and source; preferred to `role`. */
  roles: z.array(roleSchema).optional(),
  aliases: z.array(z.string()).default([]),
});

export const workspaceMetaSchema = z.strictObject({
  name: text('name'),
  description: text('description').optional(),
});

export type FactRecord = z.infer<typeof factSchema>;
export type SourceMeta = z.infer<typeof sourceMetaSchema>;
export type Topic = z.infer<typeof topicSchema>;
export type Indicator = z.infer<typeof indicatorSchema>;
export type Entity = z.infer<typeof entitySchema>;
export type Role = z.infer<typeof roleSchema>;
export type Metric = z.infer<typeof metricSchema>;
