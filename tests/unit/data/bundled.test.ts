// The bundled China–Kazakhstan fact base, checked the way a careful reviewer would: straight
// from the files on disk (not through the validator), against the five documents as received.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Workspace } from '../../../src/core/workspace/load';
import { openWorkspace } from '../../../src/platform/workspace-folder';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const data = join(repo, 'data');
const seeds = resolve(repo, '..', 'shared', 'seeds');
const haveSeeds = existsSync(seeds);

/** White space of any kind (no-break spaces, line breaks, tabs) collapsed to one space. */
const squash = (text: string) => text.replace(/[\s\u00a0\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g, ' ').trim();

type Raw = Record<string, unknown>;
interface RawFact {
  id: string;
  statement: string;
  topics: string[];
  entities?: string[];
  when?: string | number | { from: string | number; to: string | number };
  estimated?: boolean;
  kind: string;
  attribution?: string;
  metric?: { indicator: string; value: number; unit: string; period?: string | number | { from: string; to: string } };
  source: string;
  evidence: string;
  note?: string;
  settledBy?: string;
}
interface RawSource {
  file: string;
  meta: Raw & { id: string; date?: string | number; estimate?: { date: string | number }; received_as?: string };
  /** The bytes after the closing `---` line. */
  body: Buffer;
}

const readYaml = <T>(path: string): T => parse(readFileSync(path, 'utf8')) as T;
const factFiles = readdirSync(join(data, 'facts')).filter((f) => f.endsWith('.yaml'));
const facts: RawFact[] = factFiles.flatMap((f) => readYaml<RawFact[]>(join(data, 'facts', f)));
const ids = (file: string) => new Set(readYaml<{ id: string }[]>(join(data, file)).map((r) => r.id));
const topics = ids('topics.yaml');
const entities = ids('entities.yaml');
const indicators = new Map(readYaml<{ id: string; unit: string }[]>(join(data, 'indicators.yaml')).map((i) => [i.id, i]));

const sources = new Map<string, RawSource>(
  readdirSync(join(data, 'sources'))
    .filter((f) => f.endsWith('.md'))
    .map((file) => {
      const bytes = readFileSync(join(data, 'sources', file));
      const text = bytes.toString('utf8');
      const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
      if (!match) throw new Error(`${file} has no front matter`);
      const meta = parse(match[1]!) as RawSource['meta'];
      return [meta.id, { file, meta, body: bytes.subarray(Buffer.byteLength(match[0])) }];
    }),
);

const year = (when: unknown): number => {
  const text = typeof when === 'object' && when !== null ? String((when as { from: unknown }).from) : String(when);
  return Number(text.slice(0, 4));
};
const sourceYear = (s: RawSource) => year(s.meta.date ?? s.meta.estimate!.date);

describe('the bundled workspace', () => {
  let workspace: Workspace;
  beforeAll(async () => {
    workspace = await openWorkspace({ user: false });
  });

  it('loads with zero errors and zero warnings', () => {
    expect(workspace.diagnostics).toEqual([]);
  });

  it('loads every fact in data/facts (none left out)', () => {
    expect(workspace.facts.map((f) => f.id).sort()).toEqual(facts.map((f) => f.id).sort());
  });

  it('has between 80 and 140 facts', () => {
    expect(facts.length).toBeGreaterThanOrEqual(80);
    expect(facts.length).toBeLessThanOrEqual(140);
  });

  it('every topic in topics.yaml has at least 3 facts', () => {
    const thin = [...topics].filter((t) => facts.filter((f) => f.topics.includes(t)).length < 3);
    expect(thin).toEqual([]);
  });

  it('fact ids are unique across all facts files', () => {
    const seen = new Set<string>();
    const repeated = facts.map((f) => f.id).filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
    expect(repeated).toEqual([]);
  });
});

describe('provenance', () => {
  it('every evidence span stands in its source, word for word (white space aside)', () => {
    const missing = facts.filter((f) => {
      const source = sources.get(f.source);
      return !source || !squash(source.body.toString('utf8')).includes(squash(f.evidence));
    });
    expect(missing.map((f) => `${f.id}: ${f.evidence}`)).toEqual([]);
  });

  it("every fact's ids resolve: topics, entities, attribution, indicator, source", () => {
    const broken = facts.flatMap((f) => [
      ...f.topics.filter((t) => !topics.has(t)).map((t) => `${f.id}: topic ${t}`),
      ...(f.entities ?? []).filter((e) => !entities.has(e)).map((e) => `${f.id}: entity ${e}`),
      ...(f.attribution && !entities.has(f.attribution) ? [`${f.id}: attribution ${f.attribution}`] : []),
      ...(f.metric && !indicators.has(f.metric.indicator) ? [`${f.id}: indicator ${f.metric.indicator}`] : []),
      ...(!sources.has(f.source) ? [`${f.id}: source ${f.source}`] : []),
    ]);
    expect(broken).toEqual([]);
  });

  it('every person has a country and a role in the words of a source that names them, dated no later than it, estimated where its date is', () => {
    interface RawEntity { id: string; name: string; type: string; country?: string; roles?: { title: string; when?: string | number; estimated?: boolean; source: string }[] }
    const all = readYaml<RawEntity[]>(join(data, 'entities.yaml'));
    const types = new Map(all.map((e) => [e.id, e.type]));
    const wrong = all
      .filter((e) => e.type === 'person')
      .flatMap((person) => [
        ...(person.country !== undefined && types.get(person.country) === 'country' ? [] : [`${person.id}: country ${person.country}`]),
        ...(person.roles?.length ? [] : [`${person.id}: no roles`]),
        ...(person.roles ?? []).flatMap((role) => {
          const source = sources.get(role.source);
          if (!source) return [`${person.id}: unknown source ${role.source}`];
          const body = squash(source.body.toString('utf8')).toLowerCase();
          // The office in the source's words; only the order is ours ("Chinese Foreign Minister" → "Foreign Minister of China").
          const words = role.title.split(/\s+/).filter((w) => !['of', 'to', 'in', '–', 'China', 'Kazakhstan'].includes(w));
          return [
            ...(body.includes(person.name.toLowerCase()) ? [] : [`${person.id}: ${role.source} does not name ${person.name}`]),
            ...words.filter((w) => !body.includes(w.toLowerCase())).map((w) => `${person.id}: "${w}" is not in ${role.source}`),
            ...(role.when !== undefined && year(role.when) <= sourceYear(source) ? [] : [`${person.id}: role dated ${role.when}, source ${sourceYear(source)}`]),
            ...((role.estimated ?? false) === (source.meta.estimate !== undefined) ? [] : [`${person.id}: estimated is ${role.estimated}, source ${role.source}`]),
          ];
        }),
      ]);
    expect(wrong).toEqual([]);
  });

  it('every metric is in its indicator’s unit', () => {
    const wrong = facts.filter((f) => f.metric && indicators.get(f.metric.indicator)?.unit !== f.metric.unit);
    expect(wrong.map((f) => f.id)).toEqual([]);
  });

  it('there are five sources, each naming the file it was received as', () => {
    expect(sources.size).toBe(5);
    for (const s of sources.values()) expect(s.meta.received_as, s.file).toMatch(/^\d{3}_[0-9a-f]{16}\.txt$/);
  });

  it.skipIf(!haveSeeds)(
    `each source file's text is byte-identical to the document as received${haveSeeds ? '' : ' (skipped: ../shared/seeds is absent)'}`,
    () => {
      for (const s of sources.values()) {
        const original = readFileSync(join(seeds, s.meta.received_as!));
        expect(s.body.equals(original), `${s.file} vs ${s.meta.received_as}`).toBe(true);
      }
    },
  );
});

describe('dates', () => {
  // "Last year" as each source uses it: its own (possibly estimated) year minus one.
  const expectedLastYear: Record<string, number> = {
    'zhang-wei-almaty-interview': 2015, // estimate 2016
    'zhang-xiao-bri-op-ed': 2018, // estimate 2019-04
    'nazarbayev-china-daily-2013': 2012, // dated 2013-04-08
    'wang-yi-astana-2024': 2023, // dated 2024-05-20
    'central-asia-cooperation-report': 2017, // estimate 2018
  };

  it('the sources are dated as curated: 2016 (estimate), 2019-04 (estimate), 2013-04-08, 2024-05-20, 2018 (estimate)', () => {
    const dated = Object.fromEntries([...sources.values()].map((s) => [s.meta.id, s.meta.date !== undefined ? String(s.meta.date) : `~${s.meta.estimate!.date}`]));
    expect(dated).toEqual({
      'zhang-wei-almaty-interview': '~2016',
      'zhang-xiao-bri-op-ed': '~2019-04',
      'nazarbayev-china-daily-2013': '2013-04-08',
      'wang-yi-astana-2024': '2024-05-20',
      'central-asia-cooperation-report': '~2018',
    });
    for (const s of sources.values()) expect(sourceYear(s) - 1).toBe(expectedLastYear[s.meta.id]);
  });

  it("each source's dates resolve 'last year' correctly", () => {
    const lastYear = facts.filter((f) => /\blast year/i.test(f.evidence));
    expect(new Set(lastYear.map((f) => f.source))).toEqual(new Set(Object.keys(expectedLastYear)));
    const wrong = lastYear.flatMap((f) => {
      const expected = expectedLastYear[f.source]!;
      const problems = [];
      if (year(f.when) !== expected) problems.push(`${f.id}: when ${JSON.stringify(f.when)}, expected ${expected}`);
      if (f.metric?.period !== undefined && year(f.metric.period) !== expected) problems.push(`${f.id}: metric period ${f.metric.period}, expected ${expected}`);
      return problems;
    });
    expect(wrong).toEqual([]);
  });

  it("'this year' is the source's own year", () => {
    const wrong = facts
      .filter((f) => /\bthis year\b/i.test(f.evidence))
      .filter((f) => year(f.when) !== sourceYear(sources.get(f.source)!))
      .map((f) => f.id);
    expect(wrong).toEqual([]);
  });

  it("facts of estimated sources resolved from 'last year' or 'this year' are flagged estimated, unless a note explains the year is confirmed", () => {
    const unflagged = facts.filter((f) => {
      const source = sources.get(f.source)!;
      if (source.meta.estimate === undefined || !/\b(last|this) year/i.test(f.evidence) || f.estimated === true) return false;
      return !(f.note && /confirm/i.test(f.note) && f.note.includes(String(year(f.when))));
    });
    expect(unflagged.map((f) => f.id)).toEqual([]);
  });

  it('a fact marked estimated comes from a source whose date is estimated, and says so in a note', () => {
    const wrong = facts.filter((f) => f.estimated && (sources.get(f.source)!.meta.estimate === undefined || !f.note || !/estimat/i.test(f.note)));
    expect(wrong.map((f) => f.id)).toEqual([]);
  });

  it('no outcome is dated after its source', () => {
    const late = facts.filter((f) => f.kind === 'outcome' && f.when !== undefined && year(f.when) > sourceYear(sources.get(f.source)!));
    expect(late.map((f) => f.id)).toEqual([]);
  });
});

describe('figures', () => {
  const metricOf = (id: string) => facts.find((f) => f.id === id)?.metric;

  it.each([
    ['trade-turnover-2018-zx', 'trade-turnover', 19_885_000_000, '2018'],
    ['trade-turnover-2023', 'trade-turnover', 41_000_000_000, '2023'],
    ['trade-turnover-2017-zh', 'trade-turnover', 18_000_000_000, '2017'],
    ['alataw-trains-2018', 'china-europe-trains-alataw', 2_388, '2018'],
    ['horgos-trains-2018', 'china-europe-trains-horgos', 404, '2018'],
    ['freight-bilateral-2018', 'freight-bilateral', 13_980_000, '2018'],
    ['rail-freight-2012', 'rail-freight-bilateral', 16_000_000, '2012'],
    ['gas-asian-gas-pipeline-2015', 'gas-transported', 31_500_000_000, '2015'],
    ['oil-sino-kazakh-pipeline-2015', 'oil-delivered', 10_800_000, '2015'],
  ])('%s has a metric: %s = %d for %s', (id, indicator, value, period) => {
    expect(metricOf(id)).toMatchObject({ indicator, value });
    expect(String(metricOf(id)!.period)).toBe(period);
  });

  // The undated rule (data/README.md): a figure the text gives as standing at the time of
  // writing has no period; it prints as reported by its source's date.
  it.each([
    ['students-kz-in-cn-2019', 'students-kz-in-cn', 15_000],
    ['industrial-projects-finalised-wy', 'industrial-projects-completed', 26],
    ['industrial-projects-identified-wy', 'industrial-cooperation-projects-identified', 45],
    ['industrial-projects-2019-zx', 'capacity-cooperation-projects', 55],
    ['chinese-companies-kz-2016', 'chinese-companies', 100],
  ])('%s has a metric: %s = %d, undated (the text gives it as standing)', (id, indicator, value) => {
    expect(metricOf(id)).toMatchObject({ indicator, value });
    expect(metricOf(id)!.period).toBeUndefined();
    expect(facts.find((f) => f.id === id)!.when).toBeUndefined();
  });

  it('one indicator, one definition: every indicator has a definition, and the three project lists are three indicators', () => {
    const raw = readYaml<{ id: string; definition?: string }[]>(join(data, 'indicators.yaml'));
    expect(raw.filter((i) => !i.definition).map((i) => i.id)).toEqual([]);
    expect(metricOf('industrial-projects-2016-zw')!.indicator).toBe('industrial-projects');
    expect(metricOf('industrial-projects-2019-zx')!.indicator).toBe('capacity-cooperation-projects');
    expect(metricOf('industrial-projects-identified-wy')!.indicator).toBe('industrial-cooperation-projects-identified');
    // Rail freight, all cargo and goods moved under the BRI are measured apart.
    expect(new Set([metricOf('rail-freight-2012')!.indicator, metricOf('cargo-volume-baseline-nz')!.indicator, metricOf('freight-bilateral-2018')!.indicator]).size).toBe(3);
  });

  // Figures in the sources that no indicator measures (a plant's capacity, a target that a
  // separate plan fact carries), each with the reason.
  const noIndicator: Record<string, string> = {
    'shymkent-cement-plant-transformation': 'one plant’s cement capacity; no indicator',
    'golden-camel-dairy-capacity-zx': 'one plant’s capacity; no indicator',
    'trade-target-40bn-surpassed': 'the target figure is carried by the plan fact trade-target-40bn',
  };

  it('every fact whose evidence gives a money, percentage, tonnage or count figure has a metric (or a reason it has none)', () => {
    const figure =
      /(\$\s?\d[\d,.]*|\b\d[\d,.]*\s*(%|percent|billion|million|tons|tonnes|trains|students|projects|companies|varieties)\b|\b(eighteen|two|three|four|five|six) (billion|million)\b|\b\d+\/\d+\b)/i;
    const bare = facts.filter((f) => figure.test(f.evidence) && !f.metric && !(f.id in noIndicator));
    expect(bare.map((f) => `${f.id}: ${f.evidence}`)).toEqual([]);
    for (const id of Object.keys(noIndicator)) expect(facts.some((f) => f.id === id), id).toBe(true);
  });

  it('no two outcomes give different values for the same indicator and period without a note', () => {
    const seen = new Map<string, RawFact>();
    const clashes: string[] = [];
    for (const f of facts.filter((x) => x.metric && (x.kind === 'outcome' || x.kind === 'context'))) {
      const key = `${f.metric!.indicator}@${JSON.stringify(f.metric!.period ?? f.when)}`;
      const other = seen.get(key);
      if (other && other.metric!.value !== f.metric!.value && !(f.note && other.note)) clashes.push(`${other.id} vs ${f.id}`);
      seen.set(key, f);
    }
    expect(clashes).toEqual([]);
  });
});

describe('kinds', () => {
  // Words that make a statement read as a forecast, a plan or an attributed claim, so a brief
  // quoting the statement cannot present it as an established outcome. "may" only in lower
  // case, so that "May 2024" does not count.
  const reads =
    /\b(expect(s|ed)?|plan(s|ned|ning)?|will|would|targets?|potential|according to|said|says|claim(s|ed)?|aim(s|ed)?|intend(s|ed)?|negotiat\w*|discuss\w*|talks|scheduled|propos\w*|could|willing|ready|invited|expressed|described|highlighted|going to)\b/i;

  it('every forecast, plan and claim statement reads as such', () => {
    const flat = facts.filter((f) => ['forecast', 'plan', 'claim'].includes(f.kind) && !reads.test(f.statement) && !/\bmay\b/.test(f.statement));
    expect(flat.map((f) => `${f.kind} ${f.id}: ${f.statement}`)).toEqual([]);
  });

  it('every claim names who makes it (attribution) or says in its statement who does', () => {
    const anonymous = facts.filter((f) => f.kind === 'claim' && !f.attribution && !/\b(speaker|experts?|officials?|according to)\b/i.test(f.statement));
    expect(anonymous.map((f) => f.id)).toEqual([]);
  });

  it('every plan and forecast that a later outcome settles is linked to it', () => {
    const links = Object.fromEntries(facts.filter((f) => f.settledBy).map((f) => [f.id, f.settledBy]));
    expect(links).toMatchObject({
      'trade-target-40bn': 'trade-turnover-2023',
      'highway-kz-section-opening-forecast-2015': 'highway-kz-section-opened-2018',
      'highway-opening-soon-zh': 'highway-kz-section-opened-2018',
    });
    for (const [from, to] of Object.entries(links)) {
      expect(['plan', 'forecast'], from).toContain(facts.find((f) => f.id === from)!.kind);
      expect(facts.find((f) => f.id === to)?.kind, `${from} → ${to}`).toBe('outcome');
    }
  });

  it('an official’s assertion is attributed: in an interview or op-ed, every fact but the publication itself and the interviewer’s words', () => {
    const spoken = facts.filter((f) => ['interview', 'op-ed'].includes(String(sources.get(f.source)!.meta.kind)));
    const unattributed = spoken.filter((f) => !f.attribution && !/published|gave an interview|interviewer/i.test(f.statement));
    expect(unattributed.map((f) => f.id)).toEqual([]);
  });

  it('each source’s own publication, interview or briefing is a fact', () => {
    for (const s of sources.values()) {
      const own = facts.filter((f) => f.source === s.meta.id && f.topics.includes('diplomacy') && /published|gave an interview|held a press briefing/i.test(f.statement));
      expect(own.length, s.meta.id).toBeGreaterThanOrEqual(1);
    }
  });
});
