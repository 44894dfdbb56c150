// How the command answers a mistake, written out: the exact text a case expects on stderr.

/** A bad flag: the sentence, then where to find the usage. */
export const usage = (message: string): string => `briefwright: ${message}\nRun "briefwright --help" for usage.\n`;

/** A refusal with no file to point at. */
export const refusal = (message: string): string => `briefwright: ${message}\n`;

/** Problems in files, one `file:line:column: message` line each (file relative to a folder the case names). */
export const located = (...lines: string[]): string => lines.map((line) => `${line}\n`).join('');

/** The last line of `validate` when the workspace has problems (counts of what loaded vary with the bundled data). */
export const validateSummary = (errors: number, warnings = 0): RegExp =>
  new RegExp(
    `^briefwright: the workspace has ${errors} errors?${warnings ? ` and ${warnings} warnings?` : ''} \\(\\d+ facts, \\d+ sources, \\d+ topics, \\d+ indicators, \\d+ entities, \\d+ templates load\\)\\n$`,
  );

/** The one line of `validate` when the workspace is sound. */
export const validOutput = /^Workspace ".+" is valid: \d+ facts, \d+ sources, \d+ topics, \d+ indicators, \d+ entities, \d+ templates(; \d+ warnings?)?\.\n$/;

export const TOPICS = 'trade, transport, energy, agriculture, finance, industry, science, culture, diplomacy';
export const TEMPLATES = 'chronology, key-figures, pre-visit-brief, sector-one-pager, talking-points';
export const LAYOUT = 'facts/, sources/, templates/, workspace.yaml, topics.yaml, indicators.yaml, entities.yaml, style.yaml, reference.docx';
