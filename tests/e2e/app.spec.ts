// The app end to end, driven as a user drives it, against the real web host and the real core:
// make a brief, leave a fact out, export it, edit a template, get a lost draft back.
import AxeBuilder from '@axe-core/playwright';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readDocx } from '../fixtures/read-docx';
import { readPdf, squash } from '../fixtures/read-pdf';
import { chooseBrief, cursorAfterSummary, editACopy, expect, findFirst, openApp, previewVersion, screenshotDir, test, waitForPreview } from './host';

const TRADE_2018 = '$19.885 billion';

test.beforeAll(async () => {
  await mkdir(screenshotDir, { recursive: true });
});

test('a pre-visit brief on trade in 2018–2019 shows the 2018 trade figure, and leaving that fact out takes it away', async ({ page, app }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, app);
  await chooseBrief(page, 'Pre-visit brief', ['Trade'], { from: '2018', to: '2019' });

  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview).toContainText(TRADE_2018);
  await expect(page.getByTestId('page-count')).toHaveText(/^\d+ pages?$/);
  await expect(preview).toHaveAttribute('aria-busy', 'false');
  // The picture shows the Paper column from its top (filling the dates scrolled it).
  await page.locator('.controls-scroll').evaluate((el) => el.scrollTo(0, 0));
  await page.screenshot({ path: join(screenshotDir, 'main-window.png') });
  // The README's picture is renewed on request only (scripts/docs-pictures.sh): a test run leaves the tree as it was.
  if (process.env.BRIEFWRIGHT_DOCS_PICTURES === '1') await copyFile(join(screenshotDir, 'main-window.png'), 'docs/app.png');

  const row = page.locator('[data-fact-id="trade-turnover-2018-zx"]');
  const include = row.getByRole('checkbox');
  await expect(include).toBeChecked();
  const before = await previewVersion(page);
  await include.uncheck();
  await expect(row).toContainText('Left out');
  // The new paper is swapped in, and every page of it drawn (not busy), before looking.
  await waitForPreview(page, before);
  await expect(preview).toHaveAttribute('aria-busy', 'false');
  await expect(preview).not.toContainText(TRADE_2018);

  await include.check();
  await expect(preview).toContainText(TRADE_2018);
});

test('beside the preview, and not in the paper, the app warns that the newest fact is long older than the paper', async ({ page, app }) => {
  await openApp(page, app);
  await chooseBrief(page, 'Pre-visit brief', ['Trade'], { from: '2018', to: '2019' });
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview).toContainText(TRADE_2018);
  // The newest source of 2018–2019 trade facts is the op-ed of April 2019 (estimated).
  const notice = page.getByTestId('staleness');
  await expect(notice).toContainText(/The newest fact in this paper was reported by April 2019 \(estimated\), \d+ years( and \d+ months?)? before this paper's date/);
  await expect(preview).toContainText('Information as of: April 2019 (estimated)');
  await expect(preview).not.toContainText('look for newer figures');
});

test('the fact list shows kinds, estimated dates and figures, and a fact opens its source at the evidence', async ({ page, app }) => {
  await openApp(page, app);
  await chooseBrief(page, 'Pre-visit brief', ['Trade'], { from: '2018', to: '2019' });
  const row = page.locator('[data-fact-id="trade-turnover-2018-zx"]');
  await expect(row).toContainText('2018');
  await row.getByRole('button', { name: /19\.885 billion/ }).click();

  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  const evidence = dialog.locator('mark.evidence-current');
  await expect(evidence).toContainText('the trade volume between China and Kazakhstan reached $19.885 billion');
  await expect(evidence).toBeInViewport();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // Focus goes back to the fact that opened the source.
  await expect(row.getByRole('button', { name: /19\.885 billion/ })).toBeFocused();

  // Forecasts, plans and claims carry a visible badge.
  await page.getByLabel('From', { exact: true }).fill('');
  await page.getByLabel('To', { exact: true }).fill('');
  await expect(page.locator('.fact-row .badge-claim').first()).toBeVisible();
});

test('dates are checked as they are typed, with the error beside the field', async ({ page, app }) => {
  await openApp(page, app);
  const from = page.getByLabel('From', { exact: true });
  await from.fill('2018-13');
  await expect(from).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('There is no month 13')).toBeVisible();
  await from.fill('2019');
  await page.getByLabel('To', { exact: true }).fill('2018');
  await expect(page.getByText('To is before From.')).toBeVisible();
  await expect(page.locator('.preview-status')).toHaveText('Held until the dates are fixed');
  await page.getByLabel('To', { exact: true }).fill('2019-06');
  await expect(from).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('To is before From.')).toHaveCount(0);
});

test('a one-topic template chooses its topic with radio buttons, and the arrow keys move the choice', async ({ page, app }) => {
  await openApp(page, app);
  await page.getByLabel('Template').selectOption({ label: 'Sector one-pager' });
  const group = page.getByRole('group', { name: 'Topics' });
  const preview = page.getByRole('region', { name: 'Preview' });
  // One radio button per topic, named by its label; none of them a check box.
  await expect(group.getByRole('checkbox')).toHaveCount(0);
  await expect(group.getByRole('radio')).toHaveCount(await group.getByRole('listitem').count());
  await expect(group.getByRole('radio', { checked: true })).toHaveCount(1);
  const trade = group.getByRole('radio', { name: 'Trade', exact: true });
  await expect(trade).toBeChecked();
  await expect(preview).toContainText('Trade: sector one-pager');

  // From the keyboard: Down chooses the next topic (and only it), Up the one before.
  const transport = group.getByRole('radio', { name: 'Transport and logistics', exact: true });
  await trade.focus();
  let before = await previewVersion(page);
  await page.keyboard.press('ArrowDown');
  await expect(transport).toBeFocused();
  await expect(transport).toBeChecked();
  await expect(trade).not.toBeChecked();
  await waitForPreview(page, before);
  await expect(preview).toContainText('Transport and logistics: sector one-pager');
  await expect(preview).not.toContainText('Trade: sector one-pager');
  before = await previewVersion(page);
  await page.keyboard.press('ArrowUp');
  await expect(trade).toBeChecked();
  await waitForPreview(page, before);
  await expect(preview).toContainText('Trade: sector one-pager');

  // A click chooses one too, and the paper fits its one page.
  await group.getByRole('radio', { name: 'Energy', exact: true }).check();
  await expect(group.getByRole('radio', { checked: true })).toHaveCount(1);
  await expect(preview).toContainText('Energy: sector one-pager');
  await expect(page.getByTestId('page-count')).toHaveText('1 page');
  await page.screenshot({ path: join(screenshotDir, 'sector-one-pager.png') });

  // A template that takes any number of topics has check boxes again, the topic still chosen.
  await page.getByLabel('Template').selectOption({ label: 'Pre-visit brief' });
  await expect(group.getByRole('radio')).toHaveCount(0);
  await expect(group.getByRole('checkbox', { name: 'Energy', exact: true })).toBeChecked();
});

test('the paper exports as PDF and DOCX, and both carry the trade figure', async ({ page, app }, testInfo) => {
  await openApp(page, app);
  await chooseBrief(page, 'Pre-visit brief', ['Trade'], { from: '2018', to: '2019' });
  await expect(page.getByRole('region', { name: 'Preview' })).toContainText(TRADE_2018);

  const exportPdf = page.getByRole('button', { name: 'Export PDF' });
  const pdfDownload = page.waitForEvent('download');
  await exportPdf.click();
  const pdf = await pdfDownload;
  // The name says which paper it is: its date, its visit and its kind.
  expect(pdf.suggestedFilename()).toMatch(/^\d{4}-\d{2}-\d{2} Visit of the Foreign Minister to Astana – Pre-visit brief\.pdf$/);
  const pdfPath = testInfo.outputPath('brief.pdf');
  await pdf.saveAs(pdfPath);
  await expect(exportPdf).toBeEnabled();
  await expect(page.getByText(/^Downloaded “.*\.pdf”\.$/)).toBeVisible();

  const docxDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export DOCX' }).click();
  const docx = await docxDownload;
  expect(docx.suggestedFilename()).toMatch(/^\d{4}-\d{2}-\d{2} Visit of the Foreign Minister to Astana – Pre-visit brief\.docx$/);
  const docxPath = testInfo.outputPath('brief.docx');
  await docx.saveAs(docxPath);

  const pdfText = squash((await readPdf(new Uint8Array(await readFile(pdfPath)))).text);
  expect(pdfText).toContain(TRADE_2018);
  const word = await readDocx(new Uint8Array(await readFile(docxPath)));
  // word/document.xml, paragraph by paragraph.
  expect(squash(word.paragraphs.map((p) => p.text).join(' '))).toContain(TRADE_2018);
});

test('an export in progress shows it and cannot be started twice', async ({ page, app }) => {
  await openApp(page, app);
  // Hold the export call until the test has looked at the busy state.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/export', async (route) => {
    await held;
    await route.continue();
  });
  const exportPdf = page.getByRole('button', { name: 'Export PDF' });
  const download = page.waitForEvent('download');
  await exportPdf.click();
  await expect(exportPdf).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Export DOCX' })).toBeDisabled();
  await expect(page.locator('.export-bar')).toHaveAttribute('aria-busy', 'true');
  await expect(page.getByText('Exporting PDF…')).toBeVisible();
  release();
  await download;
  await expect(exportPdf).toBeEnabled();
});

test('the template editor shows a template error at its line, and it goes when fixed', async ({ page, app }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, app);
  await page.getByRole('tab', { name: 'Templates' }).click();
  const editor = page.getByRole('textbox', { name: 'Template text' });
  await expect(editor).toContainText('id: pre-visit-brief');
  await expect(page.getByText('Bundled · read-only')).toBeVisible();

  await page.getByRole('button', { name: 'Duplicate to edit' }).click();
  await expect(page.getByText('Your template', { exact: true })).toBeVisible();
  await expect(editor).toContainText('id: pre-visit-brief-copy');

  // The error goes on the line after "## Summary"; the copy has the original's lines.
  const original = (await readFile('templates/pre-visit-brief.hbs', 'utf8')).split('\n');
  const line = original.indexOf('## Summary') + 2;
  await cursorAfterSummary(page);
  await page.keyboard.press('Enter');
  await page.keyboard.type('{{nosuch x}}');
  await page.keyboard.press('Escape');

  const problems = page.getByRole('region', { name: /Problems/ });
  await expect(problems).toContainText(`:${line}:1`);
  await expect(problems).toContainText('unknown helper "nosuch"');
  await expect(page.locator('.cm-lint-marker-error')).toHaveCount(1);
  await expect(page.locator('.cm-lintRange-error')).toHaveText('{{nosuch x}}');
  await page.screenshot({ path: join(screenshotDir, 'editor-with-error.png') });

  // Fix it: take the line out again.
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await expect(problems).toHaveCount(0);
  await expect(page.locator('.cm-lint-marker-error')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Preview' })).toContainText('Summary');
});

test('the editor completes helpers, fields and partials', async ({ page, app }) => {
  await editACopy(page, app);
  await cursorAfterSummary(page);
  await page.keyboard.press('Enter');
  await page.keyboard.type('{{keyF');
  await expect(page.getByRole('listbox').getByRole('option', { name: /keyFigures/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.keyboard.type('}} {{inputs.vi');
  await expect(page.getByRole('listbox').getByRole('option', { name: /inputs\.visit/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.keyboard.type('}} {{> ');
  await page.keyboard.press('Control+Space');
  await expect(page.getByRole('listbox').getByRole('option', { name: /topic-facts/ })).toBeVisible();
});

test('saving a template keeps it, and Ctrl+S saves', async ({ page, app }) => {
  await editACopy(page, app);
  await cursorAfterSummary(page);
  await page.keyboard.type(' and aims');
  await expect(page.getByText('Unsaved changes', { exact: true })).toBeVisible();
  await page.keyboard.press('Control+s');
  await expect(page.getByText('Unsaved changes', { exact: true })).toHaveCount(0);
  await expect(page.getByText(/^Saved at /)).toBeVisible();
  const saved = await readFile(join(app.userFolder, 'templates', 'pre-visit-brief-copy.hbs'), 'utf8');
  expect(saved).toContain('## Summary and aims');
  await expect(page.getByRole('region', { name: 'Preview' })).toContainText('Summary and aims');
});

test('unsaved edits survive a reload: the draft is offered back and restored', async ({ page, app }) => {
  await editACopy(page, app);
  await cursorAfterSummary(page);
  await page.keyboard.press('Enter');
  await page.keyboard.type('A line typed but never saved.');
  await expect(page.getByText(/Draft autosaved at/)).toBeVisible();

  await page.reload();
  const offer = page.getByRole('dialog', { name: /^Restore unsaved changes from .+\?$/ });
  await expect(offer).toBeVisible();
  await offer.getByRole('button', { name: 'Restore' }).click();
  await expect(offer).toBeHidden();
  await expect(page.getByText('Unsaved changes', { exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Preview' })).toContainText('A line typed but never saved.');
  // The restored line is in the editor (found: the editor draws only the lines in view).
  await page.getByRole('textbox', { name: 'Template text' }).focus();
  const panel = await findFirst(page, 'A line typed but never saved.');
  await expect(panel.getByRole('status')).toHaveText('1 of 1');
});

test('settings show where the user’s templates live, and a saved setting reaches the paper', async ({ page, app }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, app);
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Your templates and facts live in')).toHaveValue(app.userFolder);
  await dialog.getByLabel('Author name').fill('A. N. Analyst');
  await dialog.getByLabel('Organisation').fill('Central Asia Desk');
  // The budgets that stop a runaway paper: empty shows the default; a whole number is kept.
  await expect(dialog.getByLabel('Time budget (seconds)')).toHaveAttribute('placeholder', '60');
  await dialog.getByLabel('Time budget (seconds)').fill('90');
  await dialog.getByLabel('Page budget').fill('40');
  await dialog.getByLabel('Folder to add').fill('/srv/team-facts');
  await dialog.getByRole('button', { name: 'Add folder' }).click();
  await expect(dialog.getByText('/srv/team-facts')).toBeVisible();
  await page.screenshot({ path: join(screenshotDir, 'settings.png') });
  await dialog.getByRole('button', { name: 'Remove /srv/team-facts' }).click();
  const before = await previewVersion(page);
  await dialog.getByRole('button', { name: 'Save settings' }).click();
  await expect(dialog).toBeHidden();
  await waitForPreview(page, before);
  await expect(page.getByRole('region', { name: 'Preview' })).toContainText('Central Asia Desk');
  expect(JSON.parse(await readFile(join(app.userFolder, 'settings.json'), 'utf8'))).toMatchObject({ timeBudget: 90, pageBudget: 40 });

  // Escape closes without saving.
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Settings' })).toBeFocused();
});

test('settings show the house style a workspace’s style.yaml sets, with its colours', async ({ page, app }) => {
  await writeFile(join(app.userFolder, 'style.yaml'), 'colours:\n  accent: "#7a1f1f"\n  marking: "#006400"\n');
  await openApp(page, app);
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const style = dialog.getByRole('region', { name: 'House style' });
  await expect(style).toContainText(`From ${join(app.userFolder, 'style.yaml')}.`);
  await expect(style.getByRole('listitem')).toHaveText([/^accent #7a1f1f: headings of levels 1 and 2/, /^marking #006400: the handling marking/]);
  await style.scrollIntoViewIfNeeded();
  await dialog.screenshot({ path: join(screenshotDir, 'settings-house-style.png') });
  const results = await new AxeBuilder({ page }).include('dialog').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});

test('settings show the fonts a style.yaml sets, each house font with a line set in it', async ({ page, app }) => {
  await mkdir(join(app.userFolder, 'fonts'));
  for (const file of ['house-serif-regular.ttf', 'han-fallback.ttf']) await copyFile(join('tests', 'fixtures', 'fonts', file), join(app.userFolder, 'fonts', file));
  await writeFile(join(app.userFolder, 'style.yaml'), 'fonts:\n  body: fonts/house-serif-regular.ttf\n  fallbacks: { han: fonts/han-fallback.ttf }\n');
  await openApp(page, app);
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const fonts = dialog.getByRole('region', { name: 'House style' }).getByRole('list', { name: 'Fonts' });
  await expect(fonts.getByRole('listitem')).toHaveText([
    /^body Noto Serif \(.*fonts\/house-serif-regular\.ttf\): paragraphs, lists and notes\s*Visit of the Foreign Minister/,
    /^headings Source Sans 3 \(shipped with briefwright\): headings, the cover/,
    /^tables Source Sans 3 \(shipped with briefwright\): table cells$/,
    /^han Droid Sans Fallback \(.*fonts\/han-fallback\.ttf\): characters of this script/,
  ]);
  // The sample line is set in the house font itself, loaded from the style's file.
  const sample = fonts.locator('.font-sample');
  await expect(sample).toHaveCount(1);
  expect(await sample.evaluate((el) => document.fonts.check(`15px ${getComputedStyle(el).fontFamily.split(',')[0]}`))).toBe(true);
  await fonts.scrollIntoViewIfNeeded();
  await dialog.screenshot({ path: join(screenshotDir, 'settings-house-fonts.png') });
  const results = await new AxeBuilder({ page }).include('dialog').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});

test('the page asks nothing of any host but its own', async ({ page, app, requests }) => {
  await openApp(page, app);
  await chooseBrief(page, 'Pre-visit brief', ['Trade', 'Energy'], { from: '2015', to: '2024' });
  await expect(page.getByRole('region', { name: 'Preview' })).toContainText('Energy');
  await page.getByRole('tab', { name: 'Templates' }).click();
  await expect(page.getByRole('textbox', { name: 'Template text' })).toBeVisible();
  await waitForPreview(page, 0);
  expect(requests.length).toBeGreaterThan(3);
  for (const url of requests) expect(url.startsWith(`${app.origin}/`) || url.startsWith('blob:') || url.startsWith('data:'), url).toBe(true);
});

test('a user template can be renamed and deleted', async ({ page, app }) => {
  await editACopy(page, app);

  await page.getByRole('button', { name: 'Rename…' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename template' });
  await rename.getByLabel('Name').fill('Minister’s visit brief');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(rename).toBeHidden();
  const list = page.getByRole('navigation', { name: 'Templates' });
  await expect(list.getByRole('button', { name: /Minister’s visit brief/ })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Template text' })).toContainText('name: Minister’s visit brief');

  await page.getByRole('button', { name: 'Delete…' }).click();
  const confirm = page.getByRole('dialog', { name: /^Delete “Minister’s visit brief”\?$/ });
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(confirm).toBeHidden();
  await expect(list.getByRole('button', { name: /Minister’s visit brief/ })).toHaveCount(0);
});

test('a user template that replaces a bundled one can be restored to the original', async ({ page, app }) => {
  const original = await readFile('templates/pre-visit-brief.hbs', 'utf8');
  await mkdir(join(app.userFolder, 'templates'), { recursive: true });
  await writeFile(join(app.userFolder, 'templates', 'pre-visit-brief.hbs'), original.replace('## Summary', '## Summary of the visit'));
  await openApp(page, app);
  await expect(page.getByRole('region', { name: 'Preview' })).toContainText('Summary of the visit');
  await page.getByRole('tab', { name: 'Templates' }).click();
  await expect(page.getByText('Your template', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Restore original…' }).click();
  await page.getByRole('dialog', { name: 'Restore the bundled original?' }).getByRole('button', { name: 'Restore original' }).click();
  await expect(page.getByText('Bundled · read-only')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Duplicate to edit' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Preview' })).not.toContainText('Summary of the visit');
});
