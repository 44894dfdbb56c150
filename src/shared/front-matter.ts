// The YAML front matter of a template or a source: the text between a first line `---` and the
// next line `---`, before the body. One reader for everyone who splits it — templates and
// sources in core, the user-folder code that rewrites a template's id and name, the editor that
// shades it and completes its inputs — so that a file one of them accepts, all accept. A
// byte-order mark before it (Windows Notepad saves one) and spaces after either `---` are allowed.
// Runs anywhere: no Node, no DOM.

export interface FrontMatter {
  /** The YAML between the two lines ('' when there is none). */
  yaml: string;
  /** Where the YAML starts and ends in the text (offsets), for rewriting it in place. */
  yamlStart: number;
  yamlEnd: number;
  /** Where the body starts: after the closing line and its line break. */
  bodyStart: number;
  /** The line the body starts on (1-based), to place the body's problems in the file. */
  bodyLine: number;
}

const FRONT_MATTER = /^(\uFEFF?---[ \t]*\r?\n)(?:([\s\S]*?)\r?\n)??(---[ \t]*(?:\r?\n|$))/;

/** The front matter of `text`, or undefined when it does not start with one. */
export function splitFrontMatter(text: string): FrontMatter | undefined {
  const match = FRONT_MATTER.exec(text);
  if (!match) return undefined;
  const open = match[1]!;
  const yaml = match[2] ?? '';
  const bodyStart = match[0].length;
  let bodyLine = 1;
  for (let i = 0; i < bodyStart; i++) if (text.charCodeAt(i) === 10) bodyLine++;
  return { yaml, yamlStart: open.length, yamlEnd: open.length + yaml.length, bodyStart, bodyLine };
}
