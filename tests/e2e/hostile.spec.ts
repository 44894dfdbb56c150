// Hostile text in the app (issue 5): a user workspace whose source, facts, topic and template
// carry HTML, SVG, script, `javascript:` links, remote images and Markdown tricks, as text
// pasted from the web would. Everywhere a user reads that text — template picker, form, fact
// list, source reader, preview, editor, exported PDF and DOCX — it shows literally; nothing runs,
// no element is made from it, and nothing is fetched (the host fixture fails the test on any
// request to another host).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { readDocx } from '../fixtures/read-docx';
import { readPdf, squash } from '../fixtures/read-pdf';
import { chooseBrief, expect, openApp, previewVersion, test, waitForPreview } from './host';

declare global {
  interface Window {
    __pwned?: unknown;
    __violations: string[];
  }
}

// What each payload would do if it were taken as markup: set window.__pwned, or fetch.
const RUNS = 'window.__pwned=1';
const IMG = `<img src=x onerror="${RUNS}">`;
const SCRIPT = `<script>${RUNS}</script>`;
const SVG = `<svg onload="${RUNS}"><circle r="5"/></svg>`;
const JS_LINK = `[click](javascript:${RUNS})`;
const BEACON = '![x](http://127.0.0.2/beacon.png)';
const FRAME = '<iframe src="http://example.com"></iframe>';

const TOPIC = 'Pasted text <b>bold?</b>';
const TEMPLATE = 'Pasted brief <b>bold?</b>';
const TEMPLATE_ABOUT = `A colleague's template ${IMG}`;
const INPUT_LABEL = `Occasion ${SCRIPT}`;
const INPUT_DEFAULT = `${IMG} ${JS_LINK} **not bold**`;
const TYPED_INPUT = `${SVG} ${BEACON} # typed`;
const BODY = `Body ${SCRIPT} and ${IMG} and ${JS_LINK}.`;
/** The body is the template's own Markdown: its link is a link, printed with its address, never live. */
const BODY_SHOWN = `Body ${SCRIPT} and ${IMG} and click (javascript:${RUNS}).`;

const SOURCE = {
  title: `Pasted page ${SCRIPT}`,
  author: IMG,
  lines: [
    '# A heading that is only text',
    `Turnover reached ${IMG} in 2024.`,
    `${SCRIPT} ran nowhere.`,
    `${SVG} drew nothing.`,
    `Read ${JS_LINK} and ${BEACON} here.`,
    `${FRAME} framed nothing.`,
    '**not bold** | a | b | ::: cover [^1] &lt;b&gt;',
  ],
};

const FACTS = [
  { id: 'pasted-img', statement: `# Not a heading: ${IMG} in 2024.`, when: '2024', kind: 'outcome', evidence: SOURCE.lines[1]!, note: `${SVG} in a note` },
  { id: 'pasted-script', statement: `::: cover ${SCRIPT} **not bold** _not italic_ {{inputs.occasion}}`, when: '2024-02', kind: 'claim', evidence: SOURCE.lines[2]! },
  { id: 'pasted-links', statement: `| a | b | ${JS_LINK} ${BEACON} [^1]`, when: '2024-03', kind: 'context', evidence: SOURCE.lines[4]! },
  { id: 'pasted-frame', statement: `${FRAME} ${SVG} &amp; &lt;b&gt; <!-- c -->`, when: '2024-04', kind: 'plan', evidence: SOURCE.lines[5]! },
];

/** A YAML scalar holding exactly `text` (JSON strings are YAML). */
const y = (text: string) => JSON.stringify(text);

/** The user's workspace: a topic, a source, facts and a template, all from the same paste. */
async function writeHostileWorkspace(folder: string): Promise<void> {
  const files: Record<string, string> = {
    'topics.yaml': `- id: pasted-text\n  label: ${y(TOPIC)}\n  description: ${y(`Facts from a pasted page ${IMG}`)}\n`,
    'sources/pasted-page.md': [
      '---',
      'id: pasted-page',
      `title: ${y(SOURCE.title)}`,
      `author: ${y(SOURCE.author)}`,
      'publisher: unknown',
      'kind: report',
      'language: en',
      'date: 2024-05-01',
      'received_as: pasted.html',
      '---',
      ...SOURCE.lines,
      '',
    ].join('\n'),
    'facts/pasted.yaml': FACTS.map((f) =>
      [
        `- id: ${f.id}`,
        `  statement: ${y(f.statement)}`,
        '  topics: [pasted-text]',
        '  entities: [china, kazakhstan]',
        `  when: ${f.when}`,
        `  kind: ${f.kind}`,
        '  source: pasted-page',
        `  evidence: ${y(f.evidence)}`,
        ...(f.note ? [`  note: ${y(f.note)}`] : []),
        '',
      ].join('\n'),
    ).join(''),
    'templates/pasted-brief.hbs': [
      '---',
      'id: pasted-brief',
      `name: ${y(TEMPLATE)}`,
      `description: ${y(TEMPLATE_ABOUT)}`,
      'defaults:',
      '  topics: [pasted-text]',
      'inputs:',
      '  - key: occasion',
      `    label: ${y(INPUT_LABEL)}`,
      '    type: text',
      `    default: ${y(INPUT_DEFAULT)}`,
      '---',
      '# Brief: {{inputs.occasion}}',
      '',
      BODY,
      '',
      '{{#each topics}}',
      '## {{label}}',
      '',
      '{{#each (facts id)}}',
      '- {{fact this}}',
      '{{/each}}',
      '{{/each}}',
      '::sources',
      '',
    ].join('\n'),
  };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(folder, path)), { recursive: true });
    await writeFile(join(folder, path), text);
  }
}

/**
 * The text without white space. A paper wraps long lines wherever the line-breaking rules allow
 * (after "]" or "/", say), and a reader joins the lines with a space: comparing the characters
 * alone checks that every one of them is there, in order, and nothing else in between.
 */
const unspaced = (text: string) => text.replace(/\s+/g, '');

/** The preview's text (pdf.js's text layer over the drawn pages), white space aside. */
const previewText = async (page: Page) => unspaced((await page.getByRole('region', { name: 'Preview' }).textContent()) ?? '');

async function expectPreviewToRead(page: Page, texts: string[]): Promise<void> {
  for (const text of texts) await expect.poll(() => previewText(page), { message: `the preview reads ${text}` }).toContain(unspaced(text));
}

/** Elements the payloads would have made, had any been taken as HTML. */
async function elementsFromPayloads(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('script:not([src]), iframe, object, embed, svg[onload], img[src="x"], [onerror], [onload], a[href^="javascript:" i]')].map(
      (el) => el.outerHTML.slice(0, 120),
    ),
  );
}

const dialogs: string[] = [];
const consoleErrors: string[] = [];

test.beforeEach(async ({ page, app }) => {
  dialogs.length = 0;
  consoleErrors.length = 0;
  await writeHostileWorkspace(app.userFolder);
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  // A payload that made an element the CSP then blocked would still be an injection: record those.
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
});

test.afterEach(async ({ page }) => {
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(await page.evaluate(() => window.__violations)).toEqual([]);
  expect(dialogs).toEqual([]);
  expect(consoleErrors).toEqual([]);
  expect(await elementsFromPayloads(page)).toEqual([]);
});

test('hostile text in a template, topic, facts and source shows as text in the picker, form, fact list, source reader and preview', async ({ page, app }) => {
  await openApp(page, app);
  const before = await previewVersion(page);
  await chooseBrief(page, TEMPLATE, [TOPIC]);
  await waitForPreview(page, before);

  // The picker, its description and the form, as written.
  await expect(page.getByLabel('Template').locator('option:checked')).toHaveText(TEMPLATE);
  await expect(page.getByText(TEMPLATE_ABOUT, { exact: true })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Topics' }).getByRole('checkbox', { name: TOPIC, exact: true })).toBeChecked();
  const occasion = page.getByLabel(INPUT_LABEL, { exact: true });
  await expect(occasion).toHaveValue(INPUT_DEFAULT);

  // The preview (pdf.js's text layer over the drawn pages) reads as the text itself.
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview).toHaveAttribute('aria-busy', 'false');
  await expectPreviewToRead(page, [`Brief: ${INPUT_DEFAULT}`, BODY_SHOWN, TOPIC, ...FACTS.map((f) => f.statement), SOURCE.title]);
  expect(await elementsFromPayloads(page)).toEqual([]);

  // What a user types into the form goes the same way.
  const typed = await previewVersion(page);
  await occasion.fill(TYPED_INPUT);
  await waitForPreview(page, typed);
  await expectPreviewToRead(page, [`Brief: ${TYPED_INPUT}`]);

  // The fact list: each statement and the source's title, as text.
  await expect(page.locator('.fact-count')).toHaveText('4 facts');
  for (const fact of FACTS) {
    const row = page.locator(`[data-fact-id="${fact.id}"]`);
    await expect(row.locator('.fact-statement')).toHaveText(fact.statement);
    await expect(row.locator('.fact-source')).toHaveText(SOURCE.title);
  }
  expect(await elementsFromPayloads(page)).toEqual([]);

  // The source reader, opened on a fact: title, author, note, the text line by line, the evidence marked.
  await page.locator('[data-fact-id="pasted-img"] .fact-statement').click();
  const reader = page.getByRole('dialog', { name: SOURCE.title });
  await expect(reader).toBeVisible();
  await expect(reader.locator('.source-fact-statement')).toHaveText(FACTS[0]!.statement);
  await expect(reader.getByText(`Note: ${FACTS[0]!.note}`, { exact: true })).toBeVisible();
  await expect(reader.locator('.source-meta')).toContainText(SOURCE.author);
  await expect(reader.locator('mark.evidence-current')).toHaveText(FACTS[0]!.evidence);
  const text = reader.getByRole('document', { name: 'Source text' });
  for (const line of SOURCE.lines) await expect(text).toContainText(line);
  expect(await elementsFromPayloads(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(reader).toBeHidden();

  // Another fact opens the same source at its own evidence.
  await page.locator('[data-fact-id="pasted-links"] .fact-statement').click();
  await expect(page.getByRole('dialog').locator('mark.evidence-current')).toHaveText(FACTS[2]!.evidence);
  await page.keyboard.press('Escape');
});

test('the editor shows a hostile template as its text, and its live preview draws it as text', async ({ page, app }) => {
  await openApp(page, app);
  await chooseBrief(page, TEMPLATE, [TOPIC]);
  await page.getByRole('button', { name: 'Edit this template' }).click();
  await expect(page.getByText('Your template', { exact: true })).toBeVisible();
  const editor = page.getByRole('textbox', { name: 'Template text' });
  for (const line of [`name: ${y(TEMPLATE)}`, `    default: ${y(INPUT_DEFAULT)}`, BODY, '- {{fact this}}']) await expect(editor).toContainText(line);

  await expectPreviewToRead(page, [`Brief: ${INPUT_DEFAULT}`, BODY_SHOWN, FACTS[1]!.statement]);
  // The pipeline says raw HTML in a template prints as text, and names the line.
  await expect(page.getByRole('region', { name: /Problems/ })).toContainText('is printed as text');
  expect(await elementsFromPayloads(page)).toEqual([]);
});

test('the exported PDF and DOCX carry the hostile text literally, with no link to javascript:', async ({ page, app }, testInfo) => {
  await openApp(page, app);
  const before = await previewVersion(page);
  await chooseBrief(page, TEMPLATE, [TOPIC]);
  await waitForPreview(page, before);

  const pdfDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export PDF' }).click();
  const pdfPath = testInfo.outputPath('hostile.pdf');
  await (await pdfDownload).saveAs(pdfPath);
  const docxDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export DOCX' }).click();
  const docxPath = testInfo.outputPath('hostile.docx');
  await (await docxDownload).saveAs(docxPath);

  const expected = [`Brief: ${INPUT_DEFAULT}`, BODY_SHOWN, TOPIC, SOURCE.title, ...FACTS.map((f) => f.statement)];
  const pdf = await readPdf(new Uint8Array(await readFile(pdfPath)));
  const pdfText = unspaced(pdf.text);
  for (const text of expected) expect(pdfText).toContain(unspaced(text));
  const links = pdf.pages.flatMap((p) => p.links);
  expect(links.filter((l) => !/^(https?:|mailto:|#)/i.test(l))).toEqual([]);

  const word = await readDocx(new Uint8Array(await readFile(docxPath)));
  const docxText = squash(word.paragraphs.map((p) => p.text).join(' '));
  for (const text of expected.filter((t) => t !== SOURCE.title)) expect(docxText).toContain(text);
  // DOCX cites in footnotes: the source's title is there.
  expect(squash([...word.footnotes.values()].join(' '))).toContain(SOURCE.title);
  expect(word.part('word/_rels/document.xml.rels')).not.toMatch(/javascript:/i);
  expect(word.files.filter((f) => f.startsWith('word/media/'))).toEqual([]);
});
