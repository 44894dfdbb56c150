// A large, realistic workspace made up in memory, for benchmarks: ~20 source documents whose
// texts hold every evidence span, ~50 indicators, and facts in files of ~1,000 records written
// as a curator writes them (block YAML, quoted evidence with curly quotes and dashes, notes,
// metrics, periods). Deterministic for a given seed.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { WorkspaceFile, WorkspaceLayer } from '../src/core/workspace/load';

export interface GenerateOptions {
  facts: number;
  sources?: number;
  indicators?: number;
  factsPerFile?: number;
  /** Sentences per source document (its length); every fact cites one of them. */
  sentencesPerSource?: number;
  seed?: number;
}

export interface GeneratedWorkspace {
  layer: WorkspaceLayer;
  topics: string[];
  /** Total size of the files, in bytes of UTF-8. */
  bytes: number;
}

/** mulberry32: a small, fast, seedable PRNG. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOPICS = ['trade', 'transport', 'energy', 'agriculture', 'finance', 'industry', 'science', 'culture', 'diplomacy', 'health', 'water', 'security'];
const COUNTRIES = ['China', 'Kazakhstan', 'Uzbekistan', 'Kyrgyzstan', 'Tajikistan', 'Turkmenistan', 'Mongolia', 'Russia', 'Azerbaijan', 'Turkey', 'Iran', 'Georgia'];
const PEOPLE = ['Wang Yi', 'Murat Nurtleu', 'Zhang Xiao', 'Zhang Wei', 'Zhang Hanhui', 'Li Qiang', 'Alikhan Smailov', 'Roman Sklyar', 'Serik Zhumangarin', 'Liu Jianchao', 'Chen Min', 'Aidos Ukibay'];
const PLACES = ['Khorgos', 'Alataw Pass', 'Almaty', 'Astana', 'Aktau', 'Shymkent', 'Urumqi', 'Lianyungang', 'Xi’an', 'Karaganda', 'Kashgar', 'Dostyk'];
const UNITS: [string, string, (r: () => number) => number][] = [
  ['USD', 'billion US dollars', (r) => Math.round(r() * 400) / 10],
  ['tonnes', 'million tonnes', (r) => Math.round(r() * 300) / 10],
  ['percent', 'percent', (r) => Math.round(r() * 600) / 10],
  ['trains', 'trains', (r) => Math.round(r() * 5000)],
  ['students', 'students', (r) => Math.round(r() * 20000)],
  ['projects', 'projects', (r) => Math.round(r() * 80)],
];
const THINGS = ['freight', 'grain exports', 'gas deliveries', 'oil shipments', 'investment', 'container traffic', 'tourist arrivals', 'joint ventures', 'electricity exports', 'scholarships'];

const slug = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const q = (text: string) => JSON.stringify(text);

interface Sentence {
  text: string;
  year: number;
  month: number;
  kind: 'outcome' | 'forecast' | 'claim' | 'context';
  person?: string;
  figure?: { indicator: number; value: number };
  countries: string[];
  place: string;
  topic: string;
}

export function generateWorkspace(options: GenerateOptions): GeneratedWorkspace {
  const { facts: factCount, sources: sourceCount = 20, indicators: indicatorCount = 50, factsPerFile = 1000, sentencesPerSource = 300, seed = 20240520 } = options;
  const r = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const files: WorkspaceFile[] = [];

  files.push({ path: 'workspace.yaml', text: 'name: Generated workspace\ndescription: Made up for benchmarks.\n' });
  files.push({ path: 'topics.yaml', text: TOPICS.map((t) => `- id: ${t}\n  label: ${t[0]!.toUpperCase()}${t.slice(1)}\n  description: Everything about ${t}.\n`).join('') });
  const entityLines = [
    ...COUNTRIES.map((c) => `- { id: ${slug(c)}, name: ${c}, type: country }`),
    ...PEOPLE.map((p) => `- { id: ${slug(p)}, name: ${p}, type: person, role: "Minister (2024)" }`),
    ...PLACES.map((p) => `- { id: ${slug(p)}, name: ${q(p)}, type: place }`),
  ];
  files.push({ path: 'entities.yaml', text: `${entityLines.join('\n')}\n` });

  const indicators = Array.from({ length: indicatorCount }, (_, i) => {
    const [unit, words] = UNITS[i % UNITS.length]!;
    const thing = THINGS[i % THINGS.length]!;
    return { id: `${slug(thing)}-${i}`, name: `${thing[0]!.toUpperCase()}${thing.slice(1)} (${words}) series ${i}`, unit, words, topic: TOPICS[i % TOPICS.length]!, thing };
  });
  files.push({
    path: 'indicators.yaml',
    text: indicators.map((i) => `- id: ${i.id}\n  name: ${q(i.name)}\n  unit: ${i.unit}\n  topics: [${i.topic}]\n`).join(''),
  });

  // Source documents: each a few hundred sentences, wrapped at ~100 columns, with typographic
  // quotes, dashes and no-break spaces, dated between 2005 and 2024 (some only estimated).
  const sources = Array.from({ length: sourceCount }, (_, s) => {
    const year = 2024 - (s % 20);
    const id = `source-${year}-${s}`;
    const sentences: Sentence[] = [];
    for (let n = 0; n < sentencesPerSource; n++) {
      const countries = [pick(COUNTRIES), pick(COUNTRIES)];
      const place = pick(PLACES);
      const topic = pick(TOPICS);
      const roll = r();
      const sYear = year - Math.floor(r() * 8);
      const month = 1 + Math.floor(r() * 12);
      if (roll < 0.45) {
        const indicator = Math.floor(r() * indicatorCount);
        const ind = indicators[indicator]!;
        const value = UNITS.find((u) => u[0] === ind.unit)![2](r);
        const person = r() < 0.3 ? pick(PEOPLE) : undefined;
        const said = person ? `, according to ${person}` : '';
        sentences.push({
          text: `In ${sYear}, ${ind.thing} between ${countries[0]} and ${countries[1]} through ${place} reached ${value}\u00a0${ind.words}${said} (sentence ${s}.${n}).`,
          year: sYear,
          month,
          kind: 'outcome',
          ...(person ? { person } : {}),
          figure: { indicator, value },
          countries,
          place,
          topic: ind.topic,
        });
      } else if (roll < 0.6) {
        const person = pick(PEOPLE);
        sentences.push({
          text: `“${countries[0]} and ${countries[1]} will expand ${pick(THINGS)} via ${place} by ${year + 3},” said ${person} – a plan first announced in ${sYear} (sentence ${s}.${n}).`,
          year: year + 3,
          month,
          kind: 'forecast',
          person,
          countries,
          place,
          topic,
        });
      } else if (roll < 0.8) {
        const person = pick(PEOPLE);
        sentences.push({
          text: `${person} said that cooperation in ${topic} between ${countries[0]} and ${countries[1]} is “the locomotive of bilateral relations” (sentence ${s}.${n}).`,
          year: sYear,
          month,
          kind: 'claim',
          person,
          countries,
          place,
          topic,
        });
      } else {
        sentences.push({
          text: `The ${place} crossing, opened in ${sYear}, links ${countries[0]} with ${countries[1]} and carries ${pick(THINGS)} (sentence ${s}.${n}).`,
          year: sYear,
          month,
          kind: 'context',
          countries,
          place,
          topic,
        });
      }
    }
    const estimated = s % 3 === 1;
    const front = [
      '---',
      `id: ${id}`,
      `title: ${q(`Report ${s} on cooperation`)}`,
      'author: unknown',
      'publisher: unknown',
      'kind: report',
      'language: en',
      ...(estimated ? ['estimate:', `  date: ${year}`, '  basis: Undated; the latest year it mentions.'] : [`date: ${year}-12-31`]),
      `received_as: ${String(s).padStart(3, '0')}_generated.txt`,
      '---',
    ];
    const body: string[] = [`Report ${s} on cooperation`, ''];
    for (let p = 0; p < sentences.length; p += 6) body.push(wrap(sentences.slice(p, p + 6).map((x) => x.text).join(' ')), '');
    files.push({ path: `sources/${id}.md`, text: `${front.join('\n')}\n${body.join('\n')}` });
    return { id, estimated, sentences };
  });

  // Facts, each citing one sentence of one source.
  let file: string[] = [];
  let fileNo = 0;
  const flush = () => {
    if (file.length === 0) return;
    files.push({ path: `facts/generated-${String(fileNo++).padStart(3, '0')}.yaml`, text: `# Generated facts, file ${fileNo}.\n\n${file.join('\n')}` });
    file = [];
  };
  for (let n = 0; n < factCount; n++) {
    const source = sources[Math.floor(r() * sources.length)]!;
    const sentence = source.sentences[Math.floor(r() * source.sentences.length)]!;
    const shape = r();
    const when =
      sentence.kind === 'forecast' || shape < 0.5
        ? String(sentence.year)
        : shape < 0.75
          ? `${sentence.year}-${String(sentence.month).padStart(2, '0')}`
          : shape < 0.9
            ? `${sentence.year}-${String(sentence.month).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`
            : `{ from: ${sentence.year - 2}, to: ${sentence.year} }`;
    const entities = [...new Set([...sentence.countries.map(slug), slug(sentence.place)])];
    const topics = [...new Set([sentence.topic, ...(r() < 0.3 ? [pick(TOPICS)] : [])])];
    const lines = [
      `- id: ${sentence.topic}-${sentence.year}-${n}`,
      `  statement: ${q(statementOf(sentence))}`,
      `  topics: [${topics.join(', ')}]`,
      `  entities: [${entities.join(', ')}]`,
      `  when: ${when}`,
      `  estimated: ${source.estimated}`,
      `  kind: ${sentence.kind}`,
    ];
    if (sentence.person) lines.push(`  attribution: ${slug(sentence.person)}`);
    if (sentence.figure) {
      const ind = indicators[sentence.figure.indicator]!;
      lines.push('  metric:', `    indicator: ${ind.id}`, `    value: ${ind.unit === 'USD' ? Math.round(sentence.figure.value * 1e9) : ind.unit === 'tonnes' ? Math.round(sentence.figure.value * 1e6) : sentence.figure.value}`, `    unit: ${ind.unit}`, `    period: ${sentence.year}`, `    qualifier: ${pick(['exact', 'about', 'over'])}`);
    }
    lines.push(`  source: ${source.id}`, `  evidence: ${q(sentence.text)}`);
    if (source.estimated || r() < 0.2) {
      lines.push('  note: >-', '    The year is inferred from the report’s estimated date; the text gives no', '    other date for it, and the figure may be rounded.');
    }
    file.push(`${lines.join('\n')}\n`);
    if (file.length >= factsPerFile) flush();
  }
  flush();

  const bytes = files.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0);
  return { layer: { name: 'generated', root: 'generated', files }, topics: TOPICS, bytes };
}

function statementOf(s: Sentence): string {
  const base = s.text.replace(/ \(sentence [\d.]+\)\.$/, '.').replace(/[“”]/g, '');
  if (s.kind === 'claim' || s.kind === 'forecast') return base;
  return `${base.replace(/\.$/, '')}, the report says.`;
}

/** Breaks a paragraph into lines of at most ~100 characters, at spaces. */
function wrap(text: string): string {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > 100) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out.join('\n');
}

/**
 * A long paper made from many facts: per topic a chart, the facts year by year, a table of key
 * figures; a cover, a table of contents and the Sources section, like a real brief.
 */
export const STRESS_TEMPLATE = `---
id: bench-stress
name: Stress document
description: Every fact of the chosen topics, year by year, for benchmarks.
---
:::cover
# Stress document
**Facts:** {{counts.facts}}
:::

::toc

{{#each topics}}
## {{label}}

{{chart topic=id}}

{{#each (byYear (facts id))}}
### {{year}}

{{#each facts}}
- {{fact this}}
{{/each}}

{{/each}}
| Indicator | Latest figure | Period |
|:--|--:|:--|
{{#each (keyFigures topic=id limit=8)}}
| {{indicator}} | {{value}} {{cite factId}} | {{period}} |
{{/each}}

{{/each}}
::sources
`;

/**
 * Writes a workspace folder of `facts` generated facts (seed 7) and the stress template into
 * `dir`: with the bundled workspace, 1,000 facts print as a paper of about 100 pages. Its topics.
 */
export async function writeStressFolder(dir: string, facts = 1000): Promise<string[]> {
  const generated = generateWorkspace({ facts, factsPerFile: 500, seed: 7 });
  generated.layer.files.push({ path: 'templates/bench-stress.hbs', text: STRESS_TEMPLATE });
  for (const file of generated.layer.files) {
    await mkdir(dirname(join(dir, file.path)), { recursive: true });
    await writeFile(join(dir, file.path), file.text);
  }
  return generated.topics;
}
