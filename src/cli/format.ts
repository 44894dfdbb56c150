// Plain-text rendering of CLI listings (facts), sized for a terminal.
import { whenKey } from '../core/facts/dates';
import { visible } from '../core/quote';
import { reportedBy } from '../core/facts/standing';
import type { Fact, Workspace } from '../core/workspace/load';

export function formatFactTable(workspace: Workspace, facts: readonly Fact[]): string {
  if (facts.length === 0) return 'No facts match.\n';
  const lines = facts.map((fact) => {
    // A fact its source does not date: "by" the source's date, "~" where that date is estimated.
    const reported = fact.when === undefined ? reportedBy(workspace, fact) : undefined;
    const when = fact.when !== undefined ? whenKey(fact.when) + (fact.estimated ? '*' : '') : reported ? `by ${reported.date}${reported.estimated ? '~' : ''}` : 'undated';
    const kind = fact.kind === 'outcome' ? '' : ` [${fact.kind}]`;
    const source = workspace.sources.get(fact.source);
    // One fact, two lines: a line break (or an escape sequence) in a statement is shown, not obeyed.
    return `${when.padEnd(12)} ${visible(fact.statement)}${kind}\n${' '.repeat(13)}${visible(fact.id)} · ${visible(source?.title ?? fact.source)}`;
  });
  const estimated = facts.some((f) => f.estimated) ? '\n* date inferred from an estimated source date' : '';
  const undated = facts.some((f) => f.when === undefined)
    ? '\nby DATE: the source does not date it; it was reported by then (~ the source\'s date is estimated)'
    : '';
  return `${lines.join('\n')}\n\n${facts.length} fact${facts.length === 1 ? '' : 's'}${estimated}${undated}\n`;
}
