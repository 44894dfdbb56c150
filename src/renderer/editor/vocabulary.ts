// What a template can name, for the editor's completion: the one table of helpers and fields
// (src/shared/template-vocabulary.ts, which core's helpers are typed by), and the input keys the
// template's own front matter declares. Partials are the workspace's, not a list here: the editor
// asks the API for them (`listPartials`).
import { splitFrontMatter } from '../../shared/front-matter';

export { BUILT_IN_HELPERS, CONTEXT_FIELDS, FACT_FIELDS, HELPERS } from '../../shared/template-vocabulary';

/** Input keys the template's front matter declares (`- key: visit`). */
export function declaredInputs(text: string): string[] {
  const front = splitFrontMatter(text)?.yaml ?? '';
  return [...front.matchAll(/^\s*-?\s*key:\s*["']?([A-Za-z][A-Za-z0-9_]*)/gm)].map((m) => m[1]!);
}
