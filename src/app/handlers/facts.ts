// The API's channels for what the workspace holds: its topics, entities and sources, the facts a
// query selects (a page of them, with the conflicts a reader must see) and one source's text.
// They read the loaded workspace and change nothing.
import { queryFacts } from '../../core/facts/query';
import type { Workspace } from '../../core/workspace/load';
import { conflictNotes, factSummary, sourceView } from '../fact-views';
import { Refusal, checkDates, problem, refuse, type ApiContext, type Handlers } from './context';
import { officeOf } from '../../core/facts/roles';

export function factHandlers({ loaded }: ApiContext) {
  return {
    async listTopics() {
      const { workspace } = await loaded();
      return [...workspace.topics.values()].map((t) => ({ id: t.id, label: t.label, ...(t.description ? { description: t.description } : {}) }));
    },

    async listEntities() {
      const { workspace } = await loaded();
      return [...workspace.entities.values()].map((e) => {
        const role = e.type === 'person' ? officeOf(e) : undefined;
        return { id: e.id, name: e.name, type: e.type, ...(role ? { role } : {}), ...(e.country ? { country: e.country } : {}) };
      });
    },

    async listSources() {
      const { workspace } = await loaded();
      return [...workspace.sources.values()]
        .map((s) => ({ id: s.id, title: s.title, author: s.author, date: s.reported, estimated: s.date === undefined }))
        .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
    },

    async queryFacts(query) {
      const state = await loaded();
      const { workspace } = state;
      checkDates({ from: query.from, to: query.to });
      const unknown = [
        ...(query.topics ?? []).filter((t) => !workspace.topics.has(t)).map((t) => `unknown topic "${t}" (topics: ${[...workspace.topics.keys()].join(', ')})`),
        ...(query.entities ?? []).filter((e) => !workspace.entities.has(e)).map((e) => `unknown entity "${e}"`),
      ];
      if (unknown.length > 0) throw new Refusal(unknown.map((m) => problem(m)));
      const result = queryFacts(workspace, {
        ...(query.topics ? { topics: query.topics } : {}),
        ...(query.entities ? { entities: query.entities } : {}),
        ...(query.kinds ? { kinds: query.kinds } : {}),
        ...(query.from ? { from: query.from } : {}),
        ...(query.to ? { to: query.to } : {}),
        ...(query.text ? { text: query.text } : {}),
      });
      if ('error' in result) refuse(result.error);
      const facts = (result as { facts: Workspace['facts'] }).facts;
      state.conflicts ??= conflictNotes(workspace, state.format);
      const offset = query.offset ?? 0;
      const page = facts.slice(offset, query.limit === undefined ? undefined : offset + query.limit);
      return { facts: page.map((f) => factSummary(workspace, f, state.format, state.conflicts!)), total: facts.length };
    },

    async getSource({ id, factId }) {
      const { workspace } = await loaded();
      const source = workspace.sources.get(id) ?? refuse(`unknown source "${id}"`);
      if (factId !== undefined && workspace.factsById.get(factId)?.source !== id) refuse(`fact "${factId}" is not from source "${id}"`);
      return sourceView(workspace, source);
    },
  } satisfies Partial<Handlers>;
}
