// Saved briefs end to end: a brief is saved as a file, survives the web host being started
// again on another port, opens with its choices, exports, and on reopening says what changed
// since that export. Leaving a fact out of one paper leaves it in every other. One paper per topic
// downloads as one .zip, or as one PDF behind a contents page.
import AxeBuilder from '@axe-core/playwright';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { startWebHost } from '../../src/web/server';
import { readPdf, squash } from '../fixtures/read-pdf';
import { chooseBrief, expect, openApp, test } from './host';

const TRADE_2018 = '$19.885 billion';

test('save a brief, start the web host again on another port, open the brief and export it: the paper is the one saved', async ({ page, app, browser }) => {
  await openApp(page, app);
  await chooseBrief(page, 'Pre-visit brief', ['Trade'], { from: '2018', to: '2019' });
  await page.getByRole('textbox', { name: 'Visit', exact: true }).fill('Visit of the Trade Minister to Astana');
  const row = page.locator('[data-fact-id="trade-turnover-2018-zx"]');
  await row.getByRole('checkbox').uncheck();
  await expect(page.getByRole('region', { name: 'Preview' })).not.toContainText(TRADE_2018);

  const bar = page.getByRole('group', { name: 'Brief file' });
  await expect(bar.getByRole('status')).toHaveText('Not saved yet');
  await bar.getByRole('button', { name: 'Save as…' }).click();
  const saveAs = page.getByRole('dialog', { name: 'Save the brief as' });
  await saveAs.getByLabel('Title').fill('Astana visit, trade');
  await expect(saveAs.getByLabel('File name')).toHaveValue('astana-visit-trade');
  await saveAs.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(saveAs).toBeHidden();
  await expect(bar).toContainText('Astana visit, trade');
  await expect(bar.getByRole('status')).toHaveText(/^Saved/);

  // The file a colleague (or `briefwright generate`) reads.
  const file = join(app.userFolder, 'briefs', 'astana-visit-trade.brief.yaml');
  const saved = parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  expect(saved).toMatchObject({ title: 'Astana visit, trade', template: 'pre-visit-brief', topics: ['trade'], from: '2018', to: '2019', exclude: ['trade-turnover-2018-zx'] });
  expect((saved.inputs as Record<string, unknown>).visit).toBe('Visit of the Trade Minister to Astana');

  // A change is an unsaved change until saved.
  await page.getByRole('textbox', { name: 'Visit', exact: true }).fill('Visit of the Trade Minister to Astana and Almaty');
  await expect(bar.getByRole('status')).toHaveText(/^Unsaved changes/);
  await page.keyboard.press('Control+s');
  await expect(bar.getByRole('status')).toHaveText(/^Saved/);
  expect(parse(await readFile(file, 'utf8')).inputs.visit).toBe('Visit of the Trade Minister to Astana and Almaty');

  // The same user folder, a new host on a new port: a new origin, so nothing the browser kept applies.
  const second = await startWebHost({ port: 0, userFolder: app.userFolder, rendererDir: 'out/renderer' });
  try {
    expect(new URL(second.url).port).not.toBe(new URL(app.host.url).port);
    const context = await browser.newContext({ acceptDownloads: true });
    const other = await context.newPage();
    await other.goto(second.url);
    // The working brief comes back as it was left.
    const otherBar = other.getByRole('group', { name: 'Brief file' });
    await expect(otherBar).toContainText('Astana visit, trade');
    await expect(other.getByRole('textbox', { name: 'Visit', exact: true })).toHaveValue('Visit of the Trade Minister to Astana and Almaty');

    // Start afresh, then open the saved brief from the list.
    await otherBar.getByRole('button', { name: 'New' }).click();
    await expect(otherBar).toContainText('Untitled brief');
    await expect(other.getByRole('textbox', { name: 'Visit', exact: true })).not.toHaveValue(/Astana and Almaty/);
    await otherBar.getByRole('button', { name: 'Open…' }).click();
    const open = other.getByRole('dialog', { name: 'Open a brief' });
    const recent = open.getByRole('region', { name: 'Recent' });
    await expect(recent.getByRole('button', { name: 'Astana visit, trade' })).toHaveAccessibleDescription(/Pre-visit brief · saved .* · not exported yet/);
    await recent.getByRole('button', { name: 'Astana visit, trade' }).click();
    await expect(open).toBeHidden();
    await expect(other.getByRole('textbox', { name: 'Visit', exact: true })).toHaveValue('Visit of the Trade Minister to Astana and Almaty');
    await expect(other.getByLabel('From', { exact: true })).toHaveValue('2018');
    await expect(other.locator('[data-fact-id="trade-turnover-2018-zx"]')).toContainText('Left out');
    const preview = other.getByRole('region', { name: 'Preview' });
    await expect(preview).toContainText('Visit of the Trade Minister to Astana and Almaty');
    await expect(preview).toHaveAttribute('aria-busy', 'false');
    await expect(preview).not.toContainText(TRADE_2018);

    const download = other.waitForEvent('download');
    await other.getByRole('button', { name: 'Export PDF' }).click();
    const pdf = await download;
    const text = squash((await readPdf(await readFile((await pdf.path())!))).text);
    expect(text).toContain('Visit of the Trade Minister to Astana and Almaty');
    expect(text).not.toContain(TRADE_2018);

    // The brief's file now says what that export held.
    const exported = parse(await readFile(file, 'utf8')) as { lastExport: { at: string; format: string; facts: { id: string }[] } };
    expect(exported.lastExport.format).toBe('pdf');
    expect(exported.lastExport.facts.length).toBeGreaterThan(0);
    expect(exported.lastExport.facts.map((f) => f.id)).not.toContain('trade-turnover-2018-zx');
    await context.close();
  } finally {
    await second.close();
  }
});

test('reopening a brief whose facts changed since its last export lists what changed before the user exports again', async ({ page, app }) => {
  await openApp(page, app);
  await chooseBrief(page, 'Pre-visit brief', ['Trade'], { from: '2018', to: '2019' });
  const bar = page.getByRole('group', { name: 'Brief file' });
  await bar.getByRole('button', { name: 'Save as…' }).click();
  const saveAs = page.getByRole('dialog', { name: 'Save the brief as' });
  await saveAs.getByLabel('Title').fill('Trade 2018');
  await saveAs.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(bar.getByRole('status')).toHaveText(/^Saved/);
  // Save as a name already taken asks before replacing it.
  await bar.getByRole('button', { name: 'Save as…' }).click();
  await saveAs.getByLabel('Title').fill('Trade 2018');
  await saveAs.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(saveAs.getByRole('alert')).toContainText('A brief named “trade-2018” is already saved');
  await saveAs.getByRole('button', { name: 'Replace “trade-2018”' }).click();
  await expect(saveAs).toBeHidden();
  await expect(bar.getByRole('status')).toHaveText(/^Saved/);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export PDF' }).click();
  await download;

  // Since then: one fact reads differently, one is new, and one is gone (as a curator's edits would leave them).
  const file = join(app.userFolder, 'briefs', 'trade-2018.brief.yaml');
  await expect.poll(async () => (parse(await readFile(file, 'utf8')) as { lastExport?: unknown }).lastExport).toBeTruthy();
  const brief = parse(await readFile(file, 'utf8')) as { lastExport: { facts: { id: string; statement: string; figure?: string }[] } };
  const facts = brief.lastExport.facts;
  expect(facts.length).toBeGreaterThan(2);
  const [changed, added] = facts;
  changed!.figure = '$1 billion';
  brief.lastExport.facts = [...facts.filter((f) => f !== added), { id: 'a-fact-since-removed', statement: 'A figure the workspace no longer holds.' }];
  const { stringify } = await import('yaml');
  await writeFile(file, stringify(brief));

  await page.reload();
  await bar.getByRole('button', { name: 'Open…' }).click();
  await page.getByRole('dialog', { name: 'Open a brief' }).getByRole('button', { name: 'Trade 2018' }).first().click();
  const notice = page.locator('.changes-notice');
  await expect(notice).toContainText('Since this brief was last exported');
  await expect(notice).toContainText('1 new fact, 1 changed, 1 gone');
  await notice.getByText('What changed').click();
  await expect(notice).toContainText('A figure the workspace no longer holds.');
  await expect(notice).toContainText('was “$1 billion”');
});

test('leaving a fact out of one paper leaves it in every other, and New asks before dropping unsaved changes', async ({ page, app }) => {
  await openApp(page, app);
  await chooseBrief(page, 'Pre-visit brief', ['Trade'], { from: '2018', to: '2019' });
  const row = page.locator('[data-fact-id="trade-turnover-2018-zx"]');
  await row.getByRole('checkbox').uncheck();
  await expect(row).toContainText('Left out');
  await chooseBrief(page, 'Sector one-pager', ['Trade'], { from: '2018', to: '2019' });
  await expect(row.getByRole('checkbox')).toBeChecked();
  await expect(page.getByRole('region', { name: 'Preview' })).toContainText(TRADE_2018);
  await page.getByLabel('Template').selectOption({ label: 'Pre-visit brief' });
  await expect(row).toContainText('Left out');

  const bar = page.getByRole('group', { name: 'Brief file' });
  await bar.getByRole('button', { name: 'New' }).click();
  const ask = page.getByRole('dialog', { name: 'Save your changes?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(row).toContainText('Left out');
  await bar.getByRole('button', { name: 'New' }).click();
  await ask.getByRole('button', { name: 'Don’t save' }).click();
  await expect(bar).toContainText('Untitled brief');
  await chooseBrief(page, 'Pre-visit brief', ['Trade'], { from: '2018', to: '2019' });
  await expect(row.getByRole('checkbox')).toBeChecked();
});

test('one sector one-pager per topic in one action: progress, then nine papers, each named for its topic, in one download', async ({ page, app }) => {
  // Nine papers, one after another: minutes on a busy machine, not seconds.
  test.setTimeout(240_000);
  await openApp(page, app);
  await chooseBrief(page, 'Sector one-pager', ['Energy']);
  await page.getByRole('button', { name: 'One per topic…' }).click();
  const batch = page.getByRole('dialog', { name: 'Export one paper per topic' });
  await expect(batch.getByRole('checkbox', { checked: true })).toHaveCount(9);
  const download = page.waitForEvent('download', { timeout: 180_000 });
  await batch.getByRole('button', { name: 'Export 9 papers' }).click();
  await expect(batch.getByRole('progressbar', { name: 'Papers made' })).toBeVisible();
  const zip = await download;
  expect(zip.suggestedFilename()).toBe('sector-one-pager-pdf-papers.zip');
  await expect(batch.getByRole('status')).toContainText('9 of 9 papers made.');
  await expect(batch.getByRole('list', { name: 'Papers' }).getByRole('listitem')).toHaveCount(9);
  const { default: JSZip } = await import('jszip');
  const archive = await JSZip.loadAsync(await readFile((await zip.path())!));
  const names = Object.keys(archive.files).sort();
  expect(names).toEqual(['agriculture', 'culture', 'diplomacy', 'energy', 'finance', 'industry', 'science', 'trade', 'transport'].map((t) => `${t}.pdf`).sort());
  const energy = squash((await readPdf(await archive.file('energy.pdf')!.async('uint8array'))).text);
  expect(energy).toMatch(/Energy/);
});

test('one PDF with a contents page: chosen from the keyboard, the papers made with progress, then one download whose contents page names where each paper starts', async ({ page, app }) => {
  test.setTimeout(240_000);
  await openApp(page, app);
  await chooseBrief(page, 'Sector one-pager', ['Energy']);
  await page.getByRole('button', { name: 'One per topic…' }).click();
  const batch = page.getByRole('dialog', { name: 'Export one paper per topic' });
  await batch.getByRole('button', { name: 'Choose none' }).click();
  for (const label of ['Trade', 'Energy', 'Diplomacy']) await batch.getByRole('checkbox', { name: label }).check();
  // The choice of output is a group of two, moved between with the arrow keys; a combined PDF has no format to choose.
  const output = batch.getByRole('group', { name: 'Save as' });
  await output.getByRole('radio', { name: 'A file per topic (folder)' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(output.getByRole('radio', { name: 'One PDF with a contents page' })).toBeChecked();
  await expect(batch.getByLabel('Format')).toBeHidden();
  await expect(batch).toContainText('a contents page with the page each paper starts on');
  const axe = await new AxeBuilder({ page }).include('dialog').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  const download = page.waitForEvent('download', { timeout: 180_000 });
  await batch.getByRole('button', { name: 'Export 3 papers' }).click();
  await expect(batch.getByRole('progressbar', { name: 'Papers made' })).toBeVisible();
  const file = await download;
  expect(file.suggestedFilename()).toBe('sector-one-pager-papers.pdf');
  await expect(batch.getByRole('status')).toHaveText('3 of 3 papers made. Downloaded “sector-one-pager-papers.pdf”.');
  // The workspace's order of topics, each with the page of the file it starts on.
  await expect(batch.getByRole('list', { name: 'Papers' }).getByRole('listitem')).toHaveText(['Trade: page 2', 'Energy: page 3', 'Diplomacy: page 4']);

  const pdf = await readPdf(new Uint8Array(await readFile((await file.path())!)));
  expect(pdf.pages).toHaveLength(4);
  expect(squash(pdf.pages[0]!.text)).toMatch(/^Contents 3 papers, .* Trade: sector one-pager 2 Energy: sector one-pager 3 Diplomacy: sector one-pager 4 /);
  expect(pdf.pages[0]!.links).toEqual(expect.arrayContaining(['#trade', '#energy', '#diplomacy']));
  for (const [i, title] of ['Trade: sector one-pager', 'Energy: sector one-pager', 'Diplomacy: sector one-pager'].entries()) expect(squash(pdf.pages[i + 1]!.text)).toContain(title);
  const after = await new AxeBuilder({ page }).include('dialog').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(after.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});
