// What a template can name: the helpers core provides, Handlebars' own, the fields of the
// template context and of a fact, each with the sentence the editor's completion shows. One
// table for everyone: core implements exactly the helpers named here (its helper table is typed
// by `HelperName`, so a helper missing from either side fails the type check), the template
// checker knows these names, and the editor completes them. Runs anywhere: no Node, no DOM.

/** The helpers core provides (src/core/templates/helpers.ts), with how a template calls each. */
export const HELPERS = {
  facts:
    'Facts of the selection: facts topic="trade" kind="outcome,plan" figures=true attributed=false speaker="Kazakhstan" open=true settled=false unseen=true limit=5 order="significance" exclude=(keyFigures)',
  fact: 'A fact’s statement with its citation: {{fact this}}; markEstimate=false leaves out “(year estimated)” where the date shows it',
  cite: 'A citation of one fact: {{cite this}} or {{cite factId}}; of the source of a person’s role: {{cite source=roleSource}}',
  counterparts:
    'People the facts record, most statements first, with role, date, country and what they said: {{#each (counterparts country="kazakhstan" statements=true unseen=true people=4 limit=2)}}{{name}}, {{role}} {{cite source=roleSource}}{{/each}}',
  supporting:
    'Facts a user attached, by id, from the whole workspace: {{#each (supporting facts)}}- {{fact this}}{{/each}} (inside a rows input’s row)',
  line: 'A line the user wrote, with citations of the facts its closing [ids] name: {{line this}} (inside {{#each inputs.lines}})',
  series: 'An indicator series: (series "trade-turnover")',
  latest: 'Latest point of an indicator series: (latest "trade-turnover")',
  keyFigures: 'Latest value of every indicator of the chosen topics',
  indicators: 'Indicators with values in the selection, for the given topics',
  chart: 'A chart: {{chart indicator="trade-turnover"}} or {{chart topic="trade"}}',
  topicLabel: 'A topic’s label from its id',
  money: 'Money: {{money 19885000000}} → $19.885 billion',
  number: 'A number in the chosen locale',
  percent: 'A percentage: {{percent 12.5}} → 12.5%',
  quantity: 'A value in its unit: {{quantity 5 "trains"}}',
  date: 'A date in the chosen locale',
  dateRange: 'A range of dates: {{dateRange from to}} → 2015–2018',
  today: 'Today’s date',
  byYear: 'Facts grouped by year, undated ones under “Reported by” their source’s date: {{#each (byYear (facts))}}{{year}}{{#if undated}}…{{/if}}',
  conflicts: 'Figures that disagree in the selection',
  perTopic: 'A number shared among the chosen topics: limit=(perTopic 30 least=3)',
  eq: 'Equal: (eq a b)',
  ne: 'Not equal: (ne a b)',
  gt: 'Greater than: (gt a b)',
  lt: 'Less than: (lt a b)',
  and: 'All true: (and a b)',
  or: 'Any true: (or a b)',
  not: 'Not: (not a)',
  len: 'Length of a list: (len inputs.objectives)',
  any: 'True when a list has items: (any inputs.objectives)',
  join: 'Joins a list: (join list ", ")',
  upper: 'Upper case: {{upper meta.marking}} → OFFICIAL',
  plural: '{{plural count "project"}} → project or projects',
} as const satisfies Record<string, string>;

export type HelperName = keyof typeof HELPERS;
export const HELPER_NAMES = Object.keys(HELPERS) as HelperName[];

/** Handlebars' own helpers that templates may use; the block ones open a section. */
export const BUILT_IN_HELPERS = {
  if: { block: true, description: 'Renders the block when the value is truthy' },
  unless: { block: true, description: 'Renders the block when the value is falsy' },
  each: { block: true, description: 'Repeats the block for each item' },
  with: { block: true, description: 'Renders the block with a new context' },
  lookup: { block: false, description: 'A field by a name held in a value: (lookup inputs key)' },
} as const satisfies Record<string, { block: boolean; description: string }>;

export const BUILT_IN_HELPER_NAMES = Object.keys(BUILT_IN_HELPERS) as (keyof typeof BUILT_IN_HELPERS)[];

/** Fields of the template context (besides `inputs.*`, read from the front matter). */
export const CONTEXT_FIELDS: Record<string, string> = {
  topics: 'The chosen topics: {{#each topics}}{{label}}{{/each}}',
  'range.from': 'Start of the date range (as given)',
  'range.to': 'End of the date range (as given)',
  'range.label': 'The date range as it reads: 2018–2019',
  'meta.today': 'Today’s date',
  'meta.author': 'Author (Settings)',
  'meta.organisation': 'Organisation (Settings)',
  'meta.marking': 'Handling marking',
  'meta.asOf': 'Information as of: the newest reporting date among the paper’s facts',
  'workspace.name': 'The workspace’s name',
  'template.id': 'This template’s id',
  'template.name': 'This template’s name',
  'template.description': 'This template’s description',
  'counts.facts': 'How many facts are selected',
};

/** What a template sees of a fact (inside {{#each (facts)}}) and of a figure. */
export const FACT_FIELDS: Record<string, string> = {
  id: 'The fact’s id',
  statement: 'The statement',
  when: 'What the fact is about: 2018, May 2024, 2015–2018',
  year: 'The year of `when`',
  kind: 'outcome, forecast, plan, claim or context',
  estimated: 'True when the date is estimated',
  figure: 'The fact’s figure as it prints: $19.885 billion',
  indicator: 'The figure’s indicator name',
  source: 'The source’s title',
  attribution: 'Who said it',
  note: 'The curator’s note',
  topics: 'The fact’s topic ids',
  isOutcome: 'True for outcomes',
  isForecast: 'True for forecasts and plans',
  isClaim: 'True for claims',
  status: 'Who vouches for it: outcome, according to Wang Yi, Foreign Minister of China, forecast, target…',
  attributed: 'True when an official is its only warrant',
  open: 'True for a plan or forecast not yet settled and not past its date',
  lapsed: 'True for a plan or forecast past its date with no outcome recorded',
  settled: 'How a later outcome settled a plan: surpassed in 2023: $41 billion',
  dated: 'True when the source dates what the fact is about',
  reportedBy: 'For an undated fact: when its source reported it, April 2019 (est.)',
  periodLabel: 'A figure’s period as a reader needs it: 2019 (estimated), reported by April 2019 (est.)',
  shortStatus: 'Who vouches for a figure, without the office: according to Wang Yi',
  undated: 'True for a “Reported by” group (inside {{#each (byYear …)}})',
  name: 'A person’s name (inside {{#each (counterparts)}})',
  role: 'A person’s latest role as the source gives it: Foreign Minister of China',
  since: 'When the sources record that role as held: 20 May 2024, April 2019 (est.)',
  country: 'A person’s country',
  roleSource: 'The source of a person’s role, to cite: {{cite source=roleSource}}',
  statements: 'What the facts record a person as saying (inside {{#each (counterparts)}}): {{#each statements}}- {{fact this}}{{/each}}',
  label: 'A topic’s label (inside {{#each topics}})',
  value: 'A key figure’s value (inside {{#each (keyFigures)}})',
  period: 'A key figure’s period',
  factId: 'The fact a key figure comes from',
  values: 'The disagreeing values (inside {{#each (conflicts)}})',
};
