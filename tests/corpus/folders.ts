// What a shared workspace folder may hold besides files: symbolic links (to the disk's root, to
// the environment in /proc, to a colleague's private file, to nothing, round in a loop), named
// pipes that would block whoever opened them, and ids that are names Windows keeps for devices.
// The rule (data/README.md, "Symbolic links"): only what lies inside the workspace folder is
// read; anything else is a warning naming the entry, never its target or content. Each case is
// a folder checked with `briefwright validate --workspace {ws}`, as in files.ts; `{root}/outside/`
// holds what lies beside the folder, and its content must never show.
import type { Content } from './harness';
import { goodFact, teamSource } from './files';

export interface FolderCase {
  did: string;
  /** The workspace folder's files. */
  files: Record<string, Content>;
  /** Files beside the workspace folder, below the case's root (`outside/secret.yaml`). */
  outside?: Record<string, Content>;
  /** The folder named to `--workspace`, when not `{ws}` (a link to it). */
  workspace?: string;
  /** Exactly the problems `validate` lists, in order; none means the folder is valid. */
  problems: string[];
  /** Also run through the built command in a child process. */
  process?: true;
}

/** A colleague's private file beside the workspace: a YAML mistake, so that reading it would quote it. */
const secret = { 'outside/secret.yaml': '- id: SECRET-TOKEN-4711 [\n' };
const team = (more: Record<string, Content> = {}): Record<string, Content> => ({ 'sources/team-note.md': teamSource, 'facts/team.yaml': goodFact, ...more });
const outsideWorkspace = 'warning: a link to a place outside the workspace folder; not read';
const toNothing = 'warning: a link to nothing (what it points to does not exist); not read';
const DEVICE = 'must not be a name Windows keeps for a device (con, prn, aux, nul, com1–com9, lpt1–lpt9): choose another id';

export const folderCases: FolderCase[] = [
  // Links that lead out of the folder: not read, and said
  {
    did: 'a facts folder that is a link to the disk\'s root is not walked',
    files: { 'sources/team-note.md': teamSource, facts: { link: '/' } },
    problems: [`{ws}/facts: ${outsideWorkspace}`],
    process: true,
  },
  {
    did: 'a workspace.yaml that is a link to /proc/self/environ is not read, so the environment is never shown',
    files: team({ 'workspace.yaml': { link: '/proc/self/environ' } }),
    problems: [`{ws}/workspace.yaml: ${outsideWorkspace}`],
    process: true,
  },
  {
    did: 'a fact file that is a link to a file beside the workspace is not read, and its content never shown',
    files: team({ 'facts/private.yaml': { link: '../../outside/secret.yaml' } }),
    outside: secret,
    problems: [`{ws}/facts/private.yaml: ${outsideWorkspace}`],
  },
  {
    did: 'a fact file that is a link to a folder whose name starts with the workspace\'s (ws-old) is outside all the same',
    files: team({ 'facts/old.yaml': { link: '{root}/ws-old/facts.yaml' } }),
    outside: { 'ws-old/facts.yaml': '- id: SECRET-TOKEN-4711 [\n' },
    problems: [`{ws}/facts/old.yaml: ${outsideWorkspace}`],
  },
  {
    did: 'a fact file that is a link to a link inside that leads outside is judged by where it ends',
    files: team({ 'facts/hop.yaml': { link: '../hop.yaml' }, 'hop.yaml': { link: '../outside/secret.yaml' } }),
    outside: secret,
    problems: [`{ws}/facts/hop.yaml: ${outsideWorkspace}`],
  },
  {
    did: 'a fact file that is a link to a device (/dev/zero) is not read',
    files: team({ 'facts/zero.yaml': { link: '/dev/zero' } }),
    problems: [`{ws}/facts/zero.yaml: ${outsideWorkspace}`],
  },
  {
    did: 'a source that is a link outside is not read, and the facts that quote it are left out',
    files: { 'facts/team.yaml': goodFact, 'sources/team-note.md': { link: '../../outside/team-note.md' } },
    outside: { 'outside/team-note.md': teamSource },
    problems: [
      `{ws}/sources/team-note.md: ${outsideWorkspace}`,
      '{ws}/facts/team.yaml:1:3: unknown source "team-note" (fact "crossing-opened"; left out)',
    ],
  },
  {
    did: 'a templates folder that is a link to a folder outside is not read',
    files: team({ templates: { link: '../outside/templates' } }),
    outside: { 'outside/templates/theirs.hbs': '---\nid: theirs\nname: Theirs\n---\n# SECRET-TOKEN-4711\n' },
    problems: [`{ws}/templates: ${outsideWorkspace}`],
  },

  // Links that lead nowhere or round in a loop
  {
    did: 'a fact file that is a link to nothing says so',
    files: team({ 'facts/gone.yaml': { link: 'deleted.yaml' } }),
    problems: [`{ws}/facts/gone.yaml: ${toNothing}`],
  },
  {
    did: 'a link to nothing with no extension (perhaps a folder once) says so too',
    files: team({ 'facts/archive': { link: '../archive-2019' } }),
    problems: [`{ws}/facts/archive: ${toNothing}`],
  },
  {
    did: 'a fact file that is a link to itself says it leads round in a loop',
    files: team({ 'facts/loop.yaml': { link: 'loop.yaml' } }),
    problems: ['{ws}/facts/loop.yaml: warning: a link that leads round in a loop; not read'],
  },
  {
    did: 'a folder link back up to the workspace is not followed, and the rest loads once',
    files: team({ 'facts/again': { link: '..' } }),
    problems: ['{ws}/facts/again: warning: a link to a folder that holds it, which would lead round in a loop; not read'],
  },
  {
    did: 'two folders that link to each other are followed once, then the loop is said',
    files: team({ 'facts/a/to-b': { link: '../b' }, 'facts/b/to-a': { link: '../a' } }),
    problems: [
      '{ws}/facts/a/to-b/to-a: warning: a link to a folder that holds it, which would lead round in a loop; not read',
      '{ws}/facts/b/to-a/to-b: warning: a link to a folder that holds it, which would lead round in a loop; not read',
    ],
  },

  // Named pipes, which would block whoever opened them
  {
    did: 'a fact file that is a named pipe is not opened (it would wait for ever)',
    files: team({ 'facts/pipe.yaml': { fifo: true } }),
    problems: ['{ws}/facts/pipe.yaml: warning: a named pipe (FIFO), not a file or a folder; not read'],
    process: true,
  },
  {
    did: 'a workspace.yaml that is a named pipe is not opened',
    files: team({ 'workspace.yaml': { fifo: true } }),
    problems: ['{ws}/workspace.yaml: warning: a named pipe (FIFO), not a file or a folder; not read'],
  },
  {
    did: 'a fact file that is a link to a named pipe inside the folder is not opened',
    files: team({ 'facts/via.yaml': { link: '../pipe' }, pipe: { fifo: true } }),
    problems: ['{ws}/facts/via.yaml: warning: a named pipe (FIFO), not a file or a folder; not read'],
  },

  // Links that stay inside, and links briefwright never looks at: these load
  {
    did: 'a fact file that is a link to a file inside the folder is read',
    files: { 'sources/team-note.md': teamSource, 'facts/team.yaml': { link: '../shared/team.yaml' }, 'shared/team.yaml': goodFact },
    problems: [],
    process: true,
  },
  {
    did: 'a facts folder that is a link to a folder inside is read',
    files: { 'sources/team-note.md': teamSource, facts: { link: 'facts-2024' }, 'facts-2024/team.yaml': goodFact },
    problems: [],
  },
  {
    did: 'a workspace folder that is itself a link is read where it leads',
    files: team({ 'facts/more.yaml': { link: '../shared.yaml' }, 'shared.yaml': '' }),
    outside: { 'ws-link': { link: 'ws' } },
    workspace: '{root}/ws-link',
    problems: [],
  },
  {
    did: 'a link named like no workspace file (notes.txt → /etc/passwd) is passed over, as any such file is',
    files: team({ 'facts/notes.txt': { link: '/etc/passwd' } }),
    problems: [],
  },
  {
    did: 'a link in a hidden folder\'s place (.cache → /) is passed over, as hidden folders are',
    files: team({ 'facts/.cache': { link: '/' }, 'facts/node_modules': { link: '/' } }),
    problems: [],
  },

  // Ids that name files: not the names Windows keeps for devices, on any platform
  {
    did: 'a template whose id is con is refused at the id',
    files: team({ 'templates/con.hbs': '---\nid: con\nname: Con\n---\n# Con\n' }),
    problems: [`{ws}/templates/con.hbs:2:5: \`id\`: ${DEVICE} in "con"`],
  },
  {
    did: 'a template whose id is nul is refused, whatever its file is called',
    files: team({ 'templates/null-brief.hbs': '---\nid: nul\nname: Null brief\n---\n# Null\n' }),
    problems: [`{ws}/templates/null-brief.hbs:2:5: \`id\`: ${DEVICE} in "nul"`],
  },
  {
    did: 'templates whose ids are com1 and lpt9 are refused, each at its id',
    files: team({ 'templates/a.hbs': '---\nid: com1\nname: Port\n---\n# Port\n', 'templates/b.hbs': '---\nid: lpt9\nname: Printer\n---\n# Printer\n' }),
    problems: [`{ws}/templates/a.hbs:2:5: \`id\`: ${DEVICE} in "com1"`, `{ws}/templates/b.hbs:2:5: \`id\`: ${DEVICE} in "lpt9"`],
  },
  {
    did: 'a template id in capitals (CON) or with an extension (aux.txt) is no id at all',
    files: team({ 'templates/a.hbs': '---\nid: CON\nname: Con\n---\n# Con\n', 'templates/b.hbs': '---\nid: aux.txt\nname: Aux\n---\n# Aux\n' }),
    problems: [
      '{ws}/templates/a.hbs:2:5: `id`: must be an id: lower-case letters, digits and single hyphens, like "trade-turnover-2023" in "CON"',
      '{ws}/templates/b.hbs:2:5: `id`: must be an id: lower-case letters, digits and single hyphens, like "trade-turnover-2023" in "aux.txt"',
    ],
  },
  {
    did: 'ids that only contain a device name (console, com10, aux-notes) are fine',
    files: team({ 'templates/a.hbs': '---\nid: console\nname: Console\n---\n# Console\n', 'templates/b.hbs': '---\nid: com10\nname: Ten\n---\n# Ten\n', 'templates/c.hbs': '---\nid: aux-notes\nname: Notes\n---\n# Notes\n' }),
    problems: [],
  },
  {
    did: 'a topic and a source whose ids are prn and aux are refused at their ids',
    files: team({ 'topics.yaml': '- id: prn\n  label: Printing\n', 'sources/aux.md': teamSource.replace('id: team-note', 'id: aux') }),
    problems: [`{ws}/sources/aux.md:2:5: \`id\`: ${DEVICE} in "aux"`, `{ws}/topics.yaml:1:7: \`id\`: ${DEVICE} in "prn"`],
  },
];
