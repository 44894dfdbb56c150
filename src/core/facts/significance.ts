// Which facts a short section leads with. The rule, in order (data/README.md, "Significance"):
//   1. a curator's `weight: high` first and `weight: low` last;
//   2. the latest outcome of each indicator (the figure a reader asks for first);
//   3. facts that name a project, programme, organisation or event;
//   4. the rest: plans, positions, older figures of an indicator already led with;
// within a rank, the most recent first (a fact the source does not date counts at its source's
// reporting date), then by id. Figures whose evidence overlaps in the source (a count and its
// value, "55 projects … worth $27.4 billion"), and facts resting on the same evidence, are one
// item of up to three facts, so a pair is never split into two bullets.
import type { Fact, Source, Workspace } from '../workspace/load';
import { whenKey } from './dates';

const NAMED_TYPES: ReadonlySet<string> = new Set(['project', 'programme', 'organisation', 'event']);

/** The facts of `facts` in order of significance, those sharing an evidence span grouped. */
export function bySignificance(workspace: Workspace, facts: readonly Fact[]): Fact[][] {
  const latest = new Map<string, Fact>();
  for (const fact of facts) {
    if (fact.kind !== 'outcome' || !fact.metric) continue;
    const held = latest.get(fact.metric.indicator);
    if (!held || periodKey(workspace, fact) > periodKey(workspace, held)) latest.set(fact.metric.indicator, fact);
  }
  const leading = new Set(latest.values());
  const rank = (fact: Fact): number => {
    const base = leading.has(fact)
      ? 1
      : fact.entities.some((e) => NAMED_TYPES.has(workspace.entities.get(e)?.type ?? '')) && fact.kind !== 'claim'
        ? 2
        : 3;
    return fact.weight === 'high' ? 0 : fact.weight === 'low' ? 4 : base;
  };
  const order = (a: Fact, b: Fact) => rank(a) - rank(b) || compareDesc(startOf(workspace, b), startOf(workspace, a)) || (a.id < b.id ? -1 : 1);

  // A figure joins the first group of figures from its source whose evidence overlaps its own in
  // the text; any fact joins one whose evidence is the same. A figure and an event that merely
  // share a sentence stay apart.
  const groups: { source: string; figures: boolean; evidence: string; spans: [number, number][]; facts: Fact[] }[] = [];
  for (const fact of [...facts].sort(order)) {
    const span = spanOf(workspace, fact);
    const figure = fact.metric !== undefined;
    const group =
      span &&
      groups.find(
        (g) =>
          g.source === fact.source &&
          g.facts.length < MAX_GROUP &&
          ((figure && g.figures) || g.evidence === squash(fact.evidence)) &&
          g.spans.some(([a, b]) => a < span[1] && span[0] < b),
      );
    if (group && span) {
      group.facts.push(fact);
      group.spans.push(span);
    } else groups.push({ source: fact.source, figures: figure, evidence: squash(fact.evidence), spans: span ? [span] : [], facts: [fact] });
  }
  return groups.map((g) => g.facts);
}

/** Facts of one sentence beyond this make separate items: one bullet stays readable. */
const MAX_GROUP = 3;

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Each source's text with white space folded, made once per loaded source. */
const folded = new WeakMap<Source, string>();

/** Where a fact's evidence stands in its source's folded text, as [start, end). */
function spanOf(workspace: Workspace, fact: Fact): [number, number] | undefined {
  const source = workspace.sources.get(fact.source);
  if (source === undefined) return undefined;
  let body = folded.get(source);
  if (body === undefined) {
    body = squash(source.text);
    folded.set(source, body);
  }
  const evidence = squash(fact.evidence);
  const at = body.indexOf(evidence);
  return at < 0 ? undefined : [at, at + evidence.length];
}

const compareDesc = (a: number, b: number) => (a === b ? 0 : a < b ? -1 : 1);

function startOf(workspace: Workspace, fact: Fact): number {
  return workspace.intervals.get(fact.id)?.start ?? Number.NEGATIVE_INFINITY;
}

function periodKey(workspace: Workspace, fact: Fact): string {
  const period = fact.metric?.period ?? fact.when;
  return period !== undefined ? whenKey(period) : (workspace.sources.get(fact.source)?.reported ?? '');
}
