// The shapes of every workspace record (fact, source front matter, topic, indicator, entity),
// as runtime schemas. Cross-record checks (do the ids resolve? is the evidence in the source?)
// live in workspace/validate.ts; these only say what one record must look like.
import { z } from 'zod';
import { parseDate } from './dates';

const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const idSchema = z
  .string({ error: 'must be an id (lower-case words joined by hyphens)' })
  .regex(ID_RE, 'must be an id: lower-case letters, digits and single hyphens, like "trade-turnover-2023"');

/** YAML reads `2023` as a number; a date is always text to us. */
export const dateSchema = z.preprocess(
  (v) => (typeof v === 'number' && Number.isInteger(v) ? String(v) : v),
  z.string({ error: 'must be a date: YYYY, YYYY-MM or YYYY-MM-DD' }).superRefine((text, ctx) => {
    const parsed = parseDate(text);
    if ('error' in parsed) ctx.addIssue({ code: 'custom', message: parsed.error });
  }),
);

export const periodSchema = z.strictObject({ from: dateSchema, to: dateSchema });
export const whenSchema = z.union([dateSchema, periodSchema], {
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
});

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
});

export const SOURCE_KINDS = ['interview', 'op-ed', 'report', 'press-briefing', 'event-summary', 'speech', 'statement', 'article', 'other'] as const;

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
});

export const ENTITY_TYPES = ['country', 'organisation', 'person', 'place', 'project', 'programme', 'event'] as const;

export const entitySchema = z.strictObject({
  id: idSchema,
  name: text('name'),
  type: z.enum(ENTITY_TYPES),
  role: text('role').optional(),
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
export type Metric = z.infer<typeof metricSchema>;
