// What a page (ours with a bug, or one that is not ours) may send the app's API: wrong types,
// missing and extra fields, strings and bodies over the limits, channels that do not exist,
// template ids and paths that lead out of the user's folder, exports to folders that are gone
// or locked. Each payload goes through both carriers — Electron's IPC (preload and main) and the
// web host over HTTP — and must come back as the same error value, with problems a user can act
// on; no file is written or changed. `{home}` is the user's folder; `{root}` the case's scratch.
import { PAYLOAD_TOO_LARGE } from '../../src/shared/api';

export type Carrier = 'ipc' | 'http';

/** A problem as the API returns it; a plain string is one with no file. */
export type ExpectedProblem = string | { file: string; line?: number; column?: number; message: string };

export interface ApiCase {
  did: string;
  channel: string;
  /** The payload, or how to make it from the case's folders. */
  payload: unknown;
  problems: ExpectedProblem[];
  /** Default: both. Exports to a folder exist only where there is a save dialog (IPC). */
  carriers?: Carrier[];
  /** For an export over IPC: the path the save dialog answers with. */
  savePath?: string;
  /** What the web host answers with, when not 200. */
  status?: number;
  /** The raw HTTP body, when it is not the payload as JSON. */
  body?: string;
  /** Files (and, ending in '/', folders) below the case's root before it runs. */
  files?: Record<string, string>;
}

const request = (more: Record<string, unknown> = {}) => ({ request: { template: 'chronology', ...more } });
const ID = 'an id is lower-case words joined by hyphens';
const DEVICE = 'an id is not a name Windows keeps for a device (con, prn, aux, nul, com1–com9, lpt1–lpt9)';
const template = (id: string) => `---\nid: ${id}\nname: Mine\n---\n# Mine\n`;
const TOPICS = 'trade, transport, energy, agriculture, finance, industry, science, culture, diplomacy';
const settings = { author: '', organisation: '', marking: 'OFFICIAL', locale: 'en-GB', extraFolders: [] as string[] };
/** Each record nested in the last, 100,000 deep: 200 kB of JSON. */
const deeplyNested = `{"topics":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;

export const apiCases: ApiCase[] = [
  // Wrong types, missing and extra fields
  { did: 'queryFacts with topics as text rather than a list', channel: 'queryFacts', payload: { topics: 'trade' }, problems: ['"topics" must be a list (got text)'] },
  { did: 'queryFacts with limit "ten"', channel: 'queryFacts', payload: { limit: 'ten' }, problems: ['"limit" must be a number (got text)'] },
  { did: 'queryFacts with a limit of a billion', channel: 'queryFacts', payload: { limit: 1e9 }, problems: ['"limit" must be at most 100,000 (got 1000000000)'] },
  { did: 'queryFacts with a negative offset', channel: 'queryFacts', payload: { offset: -1 }, problems: ['"offset" must be at least 0 (got -1)'] },
  { did: 'queryFacts with a year as a number', channel: 'queryFacts', payload: { from: 2019 }, problems: ['"from" must be text (got a whole number)'] },
  { did: 'queryFacts from 2019-13-45', channel: 'queryFacts', payload: { from: '2019-13-45' }, problems: ['"from": "2019-13-45" is not a date: month 13 does not exist'] },
  { did: 'queryFacts with a kind that does not exist', channel: 'queryFacts', payload: { kinds: ['rumour'] }, problems: ['"kinds.0" must be one of outcome, forecast, plan, claim, context (got "rumour")'] },
  { did: 'queryFacts with a topic that does not exist', channel: 'queryFacts', payload: { topics: ['trde'] }, problems: [`unknown topic "trde" (topics: ${TOPICS})`] },
  { did: 'queryFacts with a field the API does not have', channel: 'queryFacts', payload: { topics: ['trade'], colour: 'red' }, problems: ['unknown field "colour"'] },
  { did: 'queryFacts with null for a payload', channel: 'queryFacts', payload: null, problems: ['the request must be an object (got null)'] },
  { did: 'queryFacts with a list for a payload', channel: 'queryFacts', payload: ['trade'], problems: ['the request must be an object (got a list)'] },
  { did: 'listTopics with a field it does not take', channel: 'listTopics', payload: { all: true }, problems: ['unknown field "all"'] },
  { did: 'listPartials with a field it does not take', channel: 'listPartials', payload: { layer: 'user' }, problems: ['unknown field "layer"'] },
  { did: 'getSource without its id', channel: 'getSource', payload: {}, problems: ['"id" is missing'] },
  { did: 'getSource with a fact from another source', channel: 'getSource', payload: { id: 'wang-yi-astana-2024', factId: 'no-such-fact' }, problems: ['fact "no-such-fact" is not from source "wang-yi-astana-2024"'] },
  { did: 'openPath with a number for a path', channel: 'openPath', payload: { path: 5 }, problems: ['"path" must be text (got a whole number)'] },
  { did: 'renameTemplate to an empty name', channel: 'renameTemplate', payload: { id: 'chronology', name: '' }, problems: ['"name" must not be empty'] },
  {
    did: 'saveSettings with a number for the author and the other fields missing',
    channel: 'saveSettings',
    payload: { author: 1 },
    problems: ['"author" must be text (got a whole number)', '"organisation" is missing', '"marking" is missing', '"locale" is missing', '"extraFolders" is missing'],
  },
  { did: 'saveSettings with a locale that is not one', channel: 'saveSettings', payload: { ...settings, locale: 'english' }, problems: ['"locale": a locale is like en-GB'] },
  // The budgets that stop a runaway paper: whole numbers, within bounds a user can mean.
  { did: 'saveSettings with a time budget of no seconds', channel: 'saveSettings', payload: { ...settings, timeBudget: 0 }, problems: ['"timeBudget" must be at least 1 (got 0)'] },
  { did: 'saveSettings with a time budget of 2.5 seconds', channel: 'saveSettings', payload: { ...settings, timeBudget: 2.5 }, problems: ['"timeBudget" must be a whole number (got a number)'] },
  { did: 'saveSettings with a time budget of two hours', channel: 'saveSettings', payload: { ...settings, timeBudget: 7200 }, problems: ['"timeBudget" must be at most 3,600 (got 7200)'] },
  { did: 'saveSettings with a time budget as text', channel: 'saveSettings', payload: { ...settings, timeBudget: '60' }, problems: ['"timeBudget" must be a number (got text)'] },
  { did: 'saveSettings with a negative page budget', channel: 'saveSettings', payload: { ...settings, pageBudget: -5 }, problems: ['"pageBudget" must be at least 1 (got -5)'] },
  { did: 'export without a format', channel: 'export', payload: request(), problems: ['"format" is missing'] },
  { did: 'export as RTF', channel: 'export', payload: { ...request(), format: 'rtf' }, problems: ['"format" must be one of pdf, docx, html, md (got "rtf")'] },

  // Template inputs and requests
  { did: 'preview from 2019-13-45', channel: 'preview', payload: request({ from: '2019-13-45' }), problems: ['"request.from": "2019-13-45" is not a date: month 13 does not exist'] },
  { did: 'preview with a number for an input', channel: 'preview', payload: request({ inputs: { marking: 5 } }), problems: ['"request.inputs.marking" must be text or a list (got a whole number)'] },
  {
    did: 'preview with a list input of 101 items',
    channel: 'preview',
    payload: { request: { template: 'pre-visit-brief', inputs: { objectives: Array.from({ length: 101 }, (_, i) => `Objective ${i + 1}`) } } },
    problems: ['"request.inputs.objectives" has too many items (101; at most 100)'],
  },
  {
    did: 'preview with an input the template does not have',
    channel: 'preview',
    payload: request({ inputs: { colour: 'red' } }),
    problems: [{ file: 'templates/chronology.hbs', message: 'template "chronology" has no input "colour" (inputs: marking)' }],
  },
  {
    did: 'preview with a marking the template does not offer',
    channel: 'preview',
    payload: request({ inputs: { marking: 'TOP SECRET' } }),
    problems: [{ file: 'templates/chronology.hbs', message: 'input "marking" must be one of OFFICIAL, OFFICIAL-SENSITIVE, RESTRICTED, DRAFT (got "TOP SECRET")' }],
  },
  { did: 'preview with a topic that does not exist', channel: 'preview', payload: request({ topics: ['trde'] }), problems: [`unknown topic "trde" (topics: ${TOPICS})`] },
  {
    did: 'preview of unsaved text with an {{#each}} never closed',
    channel: 'preview',
    payload: { ...request(), templateText: '---\nid: chronology\nname: Chronology\n---\n# Chronology\n\n{{#each (facts)}}\n- {{fact this}}\n' },
    problems: [{ file: 'templates/chronology.hbs', line: 7, column: 1, message: 'template syntax: {{#each}} is never closed: end it with {{/each}}' }],
  },
  {
    did: 'preview of unsaved text whose loops would run for hours',
    channel: 'preview',
    payload: {
      ...request(),
      templateText: '---\nid: chronology\nname: Chronology\n---\n# Chronology\n{{#with (facts) as |all|}}{{#each all}}{{#each all}}{{#each all}}{{#each all}}{{/each}}{{/each}}{{/each}}{{/each}}{{/with}}\n',
    },
    problems: [{ file: 'templates/chronology.hbs', line: 6, column: 66, message: 'the template takes far too many steps (over 2,000,000): is a loop inside a loop running away?' }],
  },
  {
    did: 'preview of unsaved text that includes the user\'s partial that includes itself',
    channel: 'preview',
    payload: { ...request(), templateText: '---\nid: chronology\nname: Chronology\n---\n# Chronology\n\n{{> loop}}\n' },
    problems: [{ file: '{home}/templates/partials/loop.hbs', line: 1, column: 7, message: 'partial "loop" calls itself without end (over 64 deep): give its {{> loop}} a condition that stops' }],
  },

  // Oversize
  { did: 'queryFacts with a search of 501 characters', channel: 'queryFacts', payload: { text: 'x'.repeat(501) }, problems: ['"text" is too long (501 characters; at most 500)'] },
  { did: 'readTemplate with an id of 200 characters', channel: 'readTemplate', payload: { id: 'x'.repeat(200) }, problems: ['"id" is too long (200 characters; at most 120)'] },
  {
    did: 'saveTemplate with a text of a million and one characters',
    channel: 'saveTemplate',
    payload: { id: 'mine', text: 'x'.repeat(1_000_001) },
    problems: ['"text" is too long (1,000,001 characters; at most 1,000,000)'],
  },
  { did: 'saveDraft with a body of 3 MB', channel: 'saveDraft', payload: { id: 'mine', text: 'x'.repeat(3 * 1024 * 1024) }, problems: [PAYLOAD_TOO_LARGE], status: 413 },

  // Channels
  { did: 'a channel that does not exist (formatDisk)', channel: 'formatDisk', payload: {}, problems: ['unknown API channel "formatDisk"'] },
  { did: 'the channel __proto__', channel: '__proto__', payload: {}, problems: ['unknown API channel "__proto__"'] },
  { did: 'the channel constructor', channel: 'constructor', payload: {}, problems: ['unknown API channel "constructor"'] },

  // Ids and paths that lead elsewhere
  { did: 'readTemplate ../../etc/passwd', channel: 'readTemplate', payload: { id: '../../etc/passwd' }, problems: [`"id": ${ID}`] },
  { did: 'readTemplate /etc/passwd (an absolute path)', channel: 'readTemplate', payload: { id: '/etc/passwd' }, problems: [`"id": ${ID}`] },
  { did: 'readTemplate with a NUL byte in the id', channel: 'readTemplate', payload: { id: 'chronology\u0000.hbs' }, problems: [`"id": ${ID}`] },
  { did: 'saveDraft to ../../settings', channel: 'saveDraft', payload: { id: '../../settings', text: 'x' }, problems: [`"id": ${ID}`] },
  { did: 'getSource ../../etc/passwd', channel: 'getSource', payload: { id: '../../etc/passwd' }, problems: [`"id": ${ID}`] },
  { did: 'openPath /etc/passwd, which briefwright never exported', channel: 'openPath', payload: { path: '/etc/passwd' }, problems: ['only files briefwright exported can be opened from here'] },
  {
    did: 'saveSettings with a relative extra folder',
    channel: 'saveSettings',
    payload: { ...settings, extraFolders: ['../../team'] },
    problems: ['extraFolders.0: "../../team" is not an absolute path; give the folder\'s full path'],
  },
  {
    did: 'readTemplate of the user\'s template saved as Latin-1',
    channel: 'readTemplate',
    payload: { id: 'latin' },
    problems: [{ file: '{home}/templates/latin.hbs', line: 3, column: 10, message: 'file is not UTF-8 text (byte 0xE9 here is not UTF-8; the file may be Latin-1 or Windows-1252): save it as UTF-8' }],
  },

  // Ids Windows keeps for devices (templates/<id>.hbs could not be made there): refused on every platform
  { did: 'saveTemplate as con', channel: 'saveTemplate', payload: { id: 'con', text: template('con') }, problems: [`"id": ${DEVICE}`] },
  { did: 'saveTemplate as nul', channel: 'saveTemplate', payload: { id: 'nul', text: template('nul') }, problems: [`"id": ${DEVICE}`] },
  { did: 'duplicateTemplate as aux', channel: 'duplicateTemplate', payload: { id: 'chronology', newId: 'aux' }, problems: [`"newId": ${DEVICE}`] },
  { did: 'duplicateTemplate as prn', channel: 'duplicateTemplate', payload: { id: 'chronology', newId: 'prn' }, problems: [`"newId": ${DEVICE}`] },
  { did: 'saveDraft for com1', channel: 'saveDraft', payload: { id: 'com1', text: 'x' }, problems: [`"id": ${DEVICE}`] },
  { did: 'saveDraft for lpt9', channel: 'saveDraft', payload: { id: 'lpt9', text: 'x' }, problems: [`"id": ${DEVICE}`] },
  { did: 'readTemplate com9', channel: 'readTemplate', payload: { id: 'com9' }, problems: [`"id": ${DEVICE}`] },
  { did: 'renameTemplate lpt1', channel: 'renameTemplate', payload: { id: 'lpt1', name: 'Printer' }, problems: [`"id": ${DEVICE}`] },
  { did: 'saveTemplate as CON (capitals) is no id', channel: 'saveTemplate', payload: { id: 'CON', text: template('CON') }, problems: [`"id": ${ID}`] },
  { did: 'duplicateTemplate as nul.hbs (with an extension) is no id', channel: 'duplicateTemplate', payload: { id: 'chronology', newId: 'nul.hbs' }, problems: [`"newId": ${ID}`] },
  { did: 'preview of the template con', channel: 'preview', payload: { request: { template: 'con' } }, problems: [`"request.template": ${DEVICE}`] },

  // The user folder's files that are links out of it, or pipes: not read, and said
  {
    did: 'readTemplate of the user\'s template that is a link to a file outside the user folder',
    channel: 'readTemplate',
    payload: { id: 'leak' },
    problems: [{ file: '{home}/templates/leak.hbs', message: 'a link to a place outside the user folder; not read' }],
  },
  {
    did: 'getDraft of a draft that is a link to a file outside the user folder',
    channel: 'getDraft',
    payload: { id: 'leak' },
    problems: [{ file: '{home}/drafts/leak.hbs', message: 'a link to a place outside the user folder; not read' }],
  },
  {
    did: 'getDraft of a draft that is a named pipe (never opened: it would wait for ever)',
    channel: 'getDraft',
    payload: { id: 'pipe' },
    problems: [{ file: '{home}/drafts/pipe.hbs', message: 'a named pipe (FIFO), not a file or a folder; not read' }],
  },
  {
    did: 'readTemplate of the user\'s template that is a link to nothing',
    channel: 'readTemplate',
    payload: { id: 'gone' },
    problems: [{ file: '{home}/templates/gone.hbs', message: 'a link to nothing (what it points to does not exist); not read' }],
  },

  // Templates the user cannot change that way
  { did: 'saveTemplate over a bundled template', channel: 'saveTemplate', payload: { id: 'chronology', text: '---\nid: chronology\nname: Mine\n---\n# Mine\n' }, problems: [{ file: 'templates/chronology.hbs', message: 'bundled templates are read-only: duplicate it to edit' }] },
  {
    did: 'saveTemplate whose front matter names another id',
    channel: 'saveTemplate',
    payload: { id: 'mine', text: '---\nname: Mine\nid: theirs\n---\n# Mine\n' },
    problems: [{ file: '{home}/templates/mine.hbs', line: 3, column: 1, message: 'the front matter says id "theirs", but this is template "mine": keep the id (duplicate the template to make one with another id)' }],
  },
  {
    did: 'saveTemplate with a YAML mistake in its front matter',
    channel: 'saveTemplate',
    payload: { id: 'mine', text: '---\nid: mine\nname: [Mine\n---\n# Mine\n' },
    problems: [{ file: '{home}/templates/mine.hbs', line: 3, column: 7, message: 'YAML: Flow sequence in block collection must be sufficiently indented and end with a ]' }],
  },
  { did: 'duplicateTemplate onto an id that exists', channel: 'duplicateTemplate', payload: { id: 'chronology', newId: 'key-figures' }, problems: ['a template with id "key-figures" already exists: choose another id'] },
  { did: 'renameTemplate of a bundled template', channel: 'renameTemplate', payload: { id: 'chronology', name: 'Mine' }, problems: ['bundled templates are read-only: duplicate it to rename'] },
  { did: 'deleteTemplate of a bundled template', channel: 'deleteTemplate', payload: { id: 'chronology' }, problems: ['bundled templates are read-only and cannot be deleted'] },
  { did: 'restoreTemplate of a template that was never bundled', channel: 'restoreTemplate', payload: { id: 'mine' }, problems: ['"mine" is not a bundled template, so there is nothing to restore'] },

  // Exports that cannot be written (a save dialog answers with the path: IPC only)
  {
    did: 'export into a folder that does not exist',
    channel: 'export',
    payload: { ...request(), format: 'md' },
    savePath: '{root}/gone/brief.md',
    carriers: ['ipc'],
    problems: [{ file: '{root}/gone/brief.md', message: 'cannot write "{root}/gone/brief.md": the folder does not exist' }],
  },
  {
    did: 'export under a file, as if it were a folder',
    channel: 'export',
    payload: { ...request(), format: 'md' },
    files: { 'report.pdf': '%PDF-1.7 last week\'s report' },
    savePath: '{root}/report.pdf/brief.md',
    carriers: ['ipc'],
    problems: [{ file: '{root}/report.pdf/brief.md', message: 'cannot write "{root}/report.pdf/brief.md": a part of the path is not a folder' }],
  },
  {
    did: 'export into a folder the user cannot write to',
    channel: 'export',
    payload: { ...request(), format: 'md' },
    savePath: '{ro}/brief.md',
    carriers: ['ipc'],
    problems: [{ file: '{ro}/brief.md', message: 'cannot write "{ro}/brief.md": permission denied' }],
  },
  {
    did: 'export onto a folder of the same name',
    channel: 'export',
    payload: { ...request(), format: 'md' },
    files: { 'brief.md/': '' },
    savePath: '{root}/brief.md',
    carriers: ['ipc'],
    problems: [{ file: '{root}/brief.md', message: 'cannot write "{root}/brief.md": it is a folder' }],
  },

  // Bodies only HTTP carries
  { did: 'a body that is not JSON', channel: 'listTopics', payload: undefined, body: '{"topics": [', problems: ['the request body is not valid JSON'], status: 400, carriers: ['http'] },
  {
    did: 'a body of brackets nested 100,000 deep',
    channel: 'queryFacts',
    payload: undefined,
    body: deeplyNested,
    problems: ['the request cannot be read (it nests too deeply, or is not plain JSON data)'],
    carriers: ['http'],
  },
];
