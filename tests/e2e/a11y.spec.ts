// Accessibility: axe-core finds no violation of any impact (minor and moderate too) in the main
// window, the template editor (with its find and replace panel open), the settings dialog, the
// brief's dialogs (Save as, Open, one paper per topic) or the source reader, in light and in dark;
// each view has one main landmark, one h1 and headings that never skip a level; the preview's
// pages reach assistive technology with their text; and the app can be driven from the keyboard
// alone, Export included, without tabbing through every fact.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { chooseBrief, cursorAfterSummary, editACopy, expect, findFirst, openApp, test } from './host';

/** Every axe violation, whatever its impact: one line per rule, naming how many elements break it. */
async function violations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  if (results.violations.length > 0) {
    console.log(
      `${what}: ${results.violations.length} violations\n` +
        results.violations.map((v) => `- ${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n')}`).join('\n'),
    );
  }
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} (${v.nodes.length} elements)`);
}

/** The page's outline as assistive technology reads it: its heading levels, in order. */
const headingLevels = (page: Page) =>
  page.getByRole('heading').evaluateAll((headings) => headings.map((h) => Number(h.getAttribute('aria-level') ?? h.tagName.slice(1))));

/** One main landmark, one h1, and no heading more than one level below the one before it. */
async function expectOneMainOneH1InOrder(page: Page) {
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  const levels = await headingLevels(page);
  expect(levels[0]).toBe(1);
  const skips = levels.flatMap((level, i) => (i > 0 && level > levels[i - 1]! + 1 ? [`h${levels[i - 1]} then h${level}`] : []));
  expect(skips).toEqual([]);
}

/** Every page of the preview is a group named "Page N of M" whose text (not its picture) reaches assistive technology. */
async function expectPreviewPagesRead(page: Page, preview: string, text: string) {
  const region = page.getByRole('region', { name: preview, exact: true });
  const pages = region.getByRole('group', { name: /^Page \d+ of \d+$/ });
  const count = await pages.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    await expect(pages.nth(i)).toHaveAccessibleName(`Page ${i + 1} of ${count}`);
    // The canvas is the look only; the text layer is what a screen reader reads.
    await expect(pages.nth(i).locator('canvas:not([aria-hidden="true"])')).toHaveCount(0);
    await expect.poll(async () => (await pages.nth(i).ariaSnapshot()).replace(/^- group "Page \d+ of \d+":?/, '').trim().length).toBeGreaterThan(20);
  }
  expect(await region.ariaSnapshot()).toContain(text);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`in ${colorScheme} mode`, () => {
    test.use({ colorScheme });

    test('the main window has no accessibility violations', async ({ page, app }) => {
      await openApp(page, app);
      await chooseBrief(page, 'Pre-visit brief', ['Trade'], { from: '2018', to: '2019' });
      await expect(page.getByRole('region', { name: 'Preview' })).toContainText('$19.885 billion');
      // A date error and a left-out fact are part of the picture too.
      await page.locator('[data-fact-id="trade-turnover-2018-zx"]').getByRole('checkbox').uncheck();
      await page.getByLabel('From', { exact: true }).fill('2018-13');
      await expect(page.getByText('There is no month 13')).toBeVisible();
      expect(await violations(page, `main window (${colorScheme})`)).toEqual([]);
      await expectOneMainOneH1InOrder(page);
      await expectPreviewPagesRead(page, 'Preview', '$8.535 billion');
    });

    test('the template editor has no accessibility violations', async ({ page, app }) => {
      await editACopy(page, app);
      await cursorAfterSummary(page);
      await page.keyboard.press('Enter');
      await page.keyboard.type('{{nosuch x}}');
      await page.keyboard.press('Escape');
      await expect(page.getByRole('region', { name: /Problems/ })).toContainText('unknown helper');
      expect(await violations(page, `editor (${colorScheme})`)).toEqual([]);
      await expectOneMainOneH1InOrder(page);
    });

    test('the editor with its find and replace panel open has no accessibility violations', async ({ page, app }) => {
      await editACopy(page, app);
      await cursorAfterSummary(page);
      const panel = await findFirst(page, 'Purpose');
      await expect(page.locator('.cm-searchMatch-selected')).toBeVisible();
      expect(await violations(page, `find and replace (${colorScheme})`)).toEqual([]);
      await expectOneMainOneH1InOrder(page);
      // With nothing found, the field and its count say so.
      await page.keyboard.type('no such words');
      await expect(panel.getByRole('status')).toHaveText('No matches');
      expect(await violations(page, `find and replace, no matches (${colorScheme})`)).toEqual([]);
    });

    test('the settings dialog, the brief’s dialogs and the source reader have no accessibility violations', async ({ page, app }) => {
      await openApp(page, app);
      // Dialogs keep the page's outline: their own headings follow in order.
      await page.getByRole('button', { name: 'Settings' }).click();
      await expect(page.getByRole('dialog', { name: 'Settings' }).getByLabel('Author name')).toBeVisible();
      expect(await violations(page, `settings (${colorScheme})`)).toEqual([]);
      await expectOneMainOneH1InOrder(page);
      await page.keyboard.press('Escape');

      // The brief's dialogs: Save as, Open (with a brief saved, so its list shows), and one paper per topic.
      const brief = page.getByRole('group', { name: 'Brief file' });
      await brief.getByRole('button', { name: 'Save as…' }).click();
      const saveAs = page.getByRole('dialog', { name: 'Save the brief as' });
      await saveAs.getByLabel('Title').fill('Trade, 2018');
      expect(await violations(page, `save as (${colorScheme})`)).toEqual([]);
      await saveAs.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(saveAs).toBeHidden();
      await brief.getByRole('button', { name: 'Open…' }).click();
      await expect(page.getByRole('dialog', { name: 'Open a brief' }).getByRole('region', { name: 'Recent' })).toBeVisible();
      expect(await violations(page, `open a brief (${colorScheme})`)).toEqual([]);
      await expectOneMainOneH1InOrder(page);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'One per topic…' }).click();
      await expect(page.getByRole('dialog', { name: 'Export one paper per topic' })).toBeVisible();
      expect(await violations(page, `one per topic (${colorScheme})`)).toEqual([]);
      await page.keyboard.press('Escape');

      await chooseBrief(page, 'Pre-visit brief', ['Trade'], { from: '2018', to: '2019' });
      await page.locator('[data-fact-id="trade-turnover-2018-zx"]').getByRole('button').click();
      await expect(page.getByRole('dialog').locator('mark')).toBeVisible();
      expect(await violations(page, `source reader (${colorScheme})`)).toEqual([]);
      await expectOneMainOneH1InOrder(page);
    });
  });
}

test('from page load, Ctrl+E exports the PDF and Ctrl+Shift+E the DOCX, from either view, without a Tab', async ({ page, app }) => {
  await openApp(page, app);
  await expect(page.getByRole('button', { name: 'Export PDF' })).toHaveAttribute('aria-keyshortcuts', 'Control+E Meta+E');
  const pdf = page.waitForEvent('download');
  await page.keyboard.press('Control+e');
  expect((await pdf).suggestedFilename()).toMatch(/\.pdf$/);
  // From the template editor the shortcut goes back to the brief's paper, as the File menu does.
  await page.getByRole('tab', { name: 'Templates' }).click();
  await expect(page.getByRole('textbox', { name: 'Template text' })).toBeVisible();
  const docx = page.waitForEvent('download');
  await page.keyboard.press('Control+Shift+E');
  expect((await docx).suggestedFilename()).toMatch(/\.docx$/);
  await expect(page.getByRole('tab', { name: 'Brief' })).toHaveAttribute('aria-selected', 'true');
});

test('the app works from the keyboard alone: choose a topic, move through the facts as one tab stop, leave one out, read its source', async ({ page, app }) => {
  await openApp(page, app);
  // From the top of the page, Tab reaches the controls in reading order.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to the content' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('tab', { name: 'Brief' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Settings' })).toBeFocused();
  // The brief's own buttons head the Paper column: New, Open…, Save, Save as….
  const brief = page.getByRole('group', { name: 'Brief file' });
  for (const name of ['New', 'Open…', 'Save', 'Save as…']) {
    await page.keyboard.press('Tab');
    await expect(brief.getByRole('button', { name, exact: true })).toBeFocused();
  }
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Template')).toBeFocused();

  // Topics are checkboxes: Space toggles.
  const energy = page.getByRole('group', { name: 'Topics' }).getByRole('checkbox', { name: 'Energy', exact: true });
  await energy.focus();
  const before = await energy.isChecked();
  await page.keyboard.press('Space');
  await expect(energy).toBeChecked({ checked: !before });

  // The fact list is one tab stop: Tab enters it on the first fact's checkbox, the next Tab leaves it for the preview.
  const facts = page.getByRole('grid', { name: 'Facts' });
  const row = (index: number) => facts.locator(`[role="row"][aria-rowindex="${index + 1}"]`);
  const zoom = page.getByRole('combobox', { name: 'Zoom' });
  await expect(page.locator('.fact-count')).toHaveText(/^\d+ facts$/);
  await expect(row(0).getByRole('checkbox')).toBeVisible();
  await page.getByRole('button', { name: 'Hide the fact list' }).focus();
  await page.keyboard.press('Tab');
  await expect(row(0).getByRole('checkbox')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(zoom).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(row(0).getByRole('checkbox')).toBeFocused();

  // Inside it, Space leaves a fact out and puts it back; Down and Up move between facts, Right and Left between a fact's checkbox and its statement.
  await page.keyboard.press('Space');
  await expect(row(0).getByRole('checkbox')).not.toBeChecked();
  await page.keyboard.press('Space');
  await expect(row(0).getByRole('checkbox')).toBeChecked();
  await page.keyboard.press('ArrowRight');
  await expect(row(0).getByRole('button')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(row(1).getByRole('button')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(row(1).getByRole('checkbox')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(row(0).getByRole('checkbox')).toBeFocused();
  // End and Home: the last fact (scrolled into view) and the first.
  const count = Number(await facts.getAttribute('aria-rowcount'));
  expect(count).toBeGreaterThan(5);
  await page.keyboard.press('End');
  await expect(row(count - 1).getByRole('checkbox')).toBeFocused();
  await expect(row(count - 1)).toBeInViewport();
  await page.keyboard.press('Home');
  await expect(row(0).getByRole('checkbox')).toBeFocused();
  await expect(row(0)).toBeInViewport();
  // The list remembers where it was: Tab out and Shift+Tab back return to the same fact.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Tab');
  await expect(zoom).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(row(1).getByRole('button')).toBeFocused();

  // Enter on a statement opens its source; focus stays inside the reader, and Escape closes it.
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(row(1).getByRole('button')).toBeFocused();

  // With the list scrolled away from that fact (its row no longer drawn), Tab still enters the
  // list once: on the same control of the first fact in view.
  await facts.evaluate((list) => list.scrollTo({ top: list.scrollHeight }));
  await expect(row(1)).toHaveCount(0);
  await page.getByRole('button', { name: 'Hide the fact list' }).focus();
  await page.keyboard.press('Tab');
  const focused = page.locator(':focus');
  await expect(focused).toHaveAttribute('data-part', 'open');
  await expect(focused).toBeInViewport();
  await page.keyboard.press('Tab');
  await expect(zoom).toBeFocused();

  // Focus is visible.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).not.toBe('none');

  // Views switch with the arrow keys on the tab list.
  await page.getByRole('tab', { name: 'Brief' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Templates' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Templates' })).toHaveAttribute('aria-selected', 'true');
});
