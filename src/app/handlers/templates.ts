// The API's channels for templates and partials: listing, reading, saving (with a trial run),
// duplicating, renaming, deleting and restoring, and the autosaved drafts of templates being
// edited. Only the user's own files are written; bundled templates and those of a team folder
// are read-only, and a bundled one the user has changed can be restored.
import type { TemplateFile, TemplateSummary } from '../../shared/api';
import type { Diagnostic } from '../../core/diagnostics';
import { parseTemplate, type Template } from '../../core/templates/template';
import { draftPath, exists, listDrafts, readDraft, readText, remove, setFrontMatterField, templatePath, writeText } from '../../platform/user-templates';
import { toProblem } from '../papers';
import { Refusal, refuse, type ApiContext, type Handlers, type Loaded } from './context';

export function templateHandlers({ folder, now, loaded, reload, paper, paperSettings }: ApiContext) {
  /** The template after a write: the reloaded workspace's, or (shadowed by an extra folder) the one written. */
  const reloadedSummary = async (id: string, written: Template): Promise<{ state: Loaded; template: TemplateSummary }> => {
    reload();
    const state = await loaded();
    const template = state.templates.templates.get(id);
    return { state, template: summary(state, template?.layer === 'user' ? template : written) };
  };

  /** The user's file for template `id`: where it was loaded from, or where it would go. */
  const userFileOf = (state: Loaded, id: string): string => {
    const t = state.templates.templates.get(id);
    return t?.layer === 'user' ? t.file : templatePath(folder, id);
  };

  /** Refuses writing over a template that is not the user's. */
  const requireWritable = async (state: Loaded, id: string, action: string): Promise<string> => {
    const t = state.templates.templates.get(id);
    if (t && t.layer !== 'user' && t.layer !== 'bundled') {
      refuse(`template "${id}" comes from the folder ${t.layer}, which briefwright does not change: duplicate it to ${action}`, { file: t.file });
    }
    const path = userFileOf(state, id);
    if (await exists(path)) return path;
    if (state.bundledIds.has(id)) refuse(`bundled templates are read-only: duplicate it to ${action}`, { file: t?.file ?? '' });
    return path;
  };

  return {
    async listTemplates() {
      const state = await loaded();
      const templates = [...state.templates.templates.values()].sort((a, b) => a.name.localeCompare(b.name)).map((t) => summary(state, t));
      return { templates, problems: state.templates.diagnostics.map(toProblem) };
    },

    async listPartials() {
      const state = await loaded();
      return [...state.templates.partials.values()]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((p) => ({
          name: p.name,
          ...(p.description ? { description: p.description } : {}),
          layer: p.layer,
          readOnly: p.layer !== 'user',
          overridesBundled: p.layer !== 'bundled' && state.bundledPartials.has(p.name),
          file: p.file,
        }));
    },

    async readTemplate({ id }): Promise<TemplateFile> {
      const state = await loaded();
      const t = state.templates.templates.get(id);
      if (t && t.layer !== 'bundled') return templateFile(t);
      // A user file whose front matter is broken is not loaded; the user must still be able to open and fix it.
      const path = templatePath(folder, id);
      const text = await readText(folder, path);
      if (text !== undefined) return { id, name: t?.name ?? id, text, readOnly: false, layer: 'user', file: path };
      if (t) return templateFile(t);
      return refuse(`unknown template "${id}"`);
    },

    async saveTemplate({ id, text }) {
      const state = await loaded();
      const path = await requireWritable(state, id, 'edit');
      const parsed = parseUserTemplate(path, id, text);
      await writeText(folder, path, text);
      await remove(folder, draftPath(folder, id));
      const after = await reloadedSummary(id, parsed.template);
      const trial = await paper(after.state, { kind: 'trial', file: path, text, settings: paperSettings(after.state) });
      return { template: after.template, problems: [...parsed.diagnostics.map(toProblem), ...trial.problems] };
    },

    async duplicateTemplate({ id, newId, name }) {
      const state = await loaded();
      const source = state.templates.templates.get(id) ?? refuse(`unknown template "${id}"`);
      const taken = async (candidate: string) =>
        state.templates.templates.has(candidate) || state.bundledIds.has(candidate) || (await exists(templatePath(folder, candidate)));
      // Duplicating a bundled template under its own id makes the user's version of it (restorable).
      const customising = newId === id && source.layer === 'bundled' && !(await exists(templatePath(folder, id)));
      let target = newId;
      if (target === undefined) {
        target = `${id}-copy`;
        for (let n = 2; await taken(target); n++) target = `${id}-copy-${n}`;
      } else if (!customising && (await taken(target))) {
        refuse(`a template with id "${target}" already exists: choose another id`);
      }
      // "Pre-visit brief (copy)", then "(copy 2)"…, numbered like the id so two copies never look alike.
      const copyNumber = /-copy-(\d+)$/.exec(target)?.[1];
      const newName = name ?? (customising ? source.name : `${source.name} (copy${copyNumber ? ` ${copyNumber}` : ''})`);
      const original = (source.layer === 'user' ? await readText(folder, source.file) : undefined) ?? source.text;
      const withId = setFrontMatterField(original, 'id', target);
      const text = withId === undefined ? undefined : setFrontMatterField(withId, 'name', newName);
      if (text === undefined) return refuse(`cannot copy template "${id}": its front matter has no "id:" or "name:" line to rewrite`, { file: source.file });
      const path = templatePath(folder, target);
      const parsed = parseUserTemplate(path, target, text);
      await writeText(folder, path, text);
      return (await reloadedSummary(target, parsed.template)).template;
    },

    async renameTemplate({ id, name }) {
      const state = await loaded();
      const t = state.templates.templates.get(id);
      if (!t) return refuse(`unknown template "${id}"`);
      if (t.layer !== 'user') refuse(t.layer === 'bundled' ? 'bundled templates are read-only: duplicate it to rename' : `template "${id}" comes from the folder ${t.layer}, which briefwright does not change`);
      const current = (await readText(folder, t.file)) ?? t.text;
      const text = setFrontMatterField(current, 'name', name) ?? refuse(`cannot rename template "${id}": its front matter has no "name:" line`, { file: t.file });
      const parsed = parseUserTemplate(t.file, id, text);
      await writeText(folder, t.file, text);
      // Keep an unsaved draft in step, so that saving it later does not bring the old name back.
      const draft = await readDraft(folder, id);
      const renamedDraft = draft && setFrontMatterField(draft.text, 'name', name);
      if (renamedDraft) await writeText(folder, draftPath(folder, id), renamedDraft);
      return (await reloadedSummary(id, parsed.template)).template;
    },

    async deleteTemplate({ id }) {
      const state = await loaded();
      const t = state.templates.templates.get(id);
      const path = userFileOf(state, id);
      if (!(await exists(path))) {
        if (t?.layer === 'bundled' || state.bundledIds.has(id)) refuse('bundled templates are read-only and cannot be deleted');
        if (t) refuse(`template "${id}" comes from the folder ${t.layer}, which briefwright does not change`);
        refuse(`unknown template "${id}"`);
      }
      await remove(folder, path);
      await remove(folder, draftPath(folder, id));
      reload();
      return { deleted: true };
    },

    async restoreTemplate({ id }) {
      const state = await loaded();
      if (!state.bundledIds.has(id)) refuse(`"${id}" is not a bundled template, so there is nothing to restore`);
      await remove(folder, userFileOf(state, id));
      await remove(folder, templatePath(folder, id));
      await remove(folder, draftPath(folder, id));
      reload();
      return { restored: true };
    },

    async saveDraft({ id, text }) {
      await writeText(folder, draftPath(folder, id), text);
      const draft = await readDraft(folder, id);
      return { savedAt: draft?.savedAt ?? now().toISOString() };
    },

    async getDraft({ id }) {
      return (await readDraft(folder, id)) ?? null;
    },

    async discardDraft({ id }) {
      await remove(folder, draftPath(folder, id));
      return { discarded: true };
    },

    async listDrafts() {
      return listDrafts(folder);
    },
  } satisfies Partial<Handlers>;
}

function summary(state: Loaded, t: Template): TemplateSummary {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    layer: t.layer,
    readOnly: t.layer !== 'user',
    overridesBundled: t.layer === 'user' && state.bundledIds.has(t.id),
    topicsMode: t.topics,
    ...(t.maxPages !== undefined ? { maxPages: t.maxPages } : {}),
    defaults: { topics: t.defaults.topics, ...(t.defaults.from ? { from: t.defaults.from } : {}), ...(t.defaults.to ? { to: t.defaults.to } : {}) },
    inputs: t.inputs.map((i) => ({
      key: i.key,
      label: i.label,
      type: i.type,
      required: i.required,
      ...(i.default !== undefined ? { default: i.default } : {}),
      ...(i.options ? { options: i.options } : {}),
      ...(i.columns ? { columns: i.columns } : {}),
      ...(i.cites ? { cites: true } : {}),
      ...(i.help ? { help: i.help } : {}),
    })),
  };
}

function templateFile(t: Template): TemplateFile {
  return { id: t.id, name: t.name, text: t.text, readOnly: t.layer !== 'user', layer: t.layer, file: t.file };
}

/** Parses a template's text as the user's file, refusing a broken front matter or a changed id. */
function parseUserTemplate(path: string, id: string, text: string): { template: Template; diagnostics: Diagnostic[] } {
  const parsed = parseTemplate(path, text, 'user');
  if (!parsed.template) throw new Refusal(parsed.diagnostics.map(toProblem));
  if (parsed.template.id !== id) {
    const line = text.split('\n').findIndex((l) => /^id[ \t]*:/.test(l)) + 1;
    refuse(`the front matter says id "${parsed.template.id}", but this is template "${id}": keep the id (duplicate the template to make one with another id)`, {
      file: path,
      ...(line > 0 ? { line, column: 1 } : {}),
    });
  }
  return { template: parsed.template, diagnostics: parsed.diagnostics };
}
