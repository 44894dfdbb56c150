// Plain-text rendering of CLI listings (facts), sized for a terminal.
import { whenKey } from '../core/facts/dates';
import type { Fact, Workspace } from '../core/workspace/load';

export function formatFactTable(workspace: Workspace, facts: readonly Fact[]): string {
  if (facts.length === 0) return 'No facts match.\n';
  const lines = facts.map((fact) => {
    const when = fact.when === undefined ? 'undated' : whenKey(fact.when) + (fact.estimated ? '*' : '');
    const kind = fact.kind === 'outcome' ? '' : ` [${fact.kind}]`;
    const source = workspace.sources.get(fact.source);
    return `${when.padEnd(12)} ${fact.statement}${kind}\n${' '.repeat(13)}${fact.id} · ${source?.title ?? fact.source}`;
  });
  const estimated = facts.some((f) => f.estimated) ? '\n* date inferred from an estimated source date' : '';
  return `${lines.join('\n')}\n\n${facts.length} fact${facts.length === 1 ? '' : 's'}${estimated}\n`;
}
