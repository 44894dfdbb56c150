// Accessibility: axe-core finds no serious or critical violation in the main window, the
// template editor (with its find and replace panel open), the settings dialog, the brief's
// dialogs (Save as, Open, one paper per topic) or the source reader, in light and in dark; and the app can be driven from the keyboard alone.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { chooseBrief, cursorAfterSummary, editACopy, expect, findFirst, openApp, test } from './host';

async function seriousViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length > 0) {
    console.log(
      `${what}: ${serious.length} serious or critical violations\n` +
        serious.map((v) => `- ${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n')}`).join('\n'),
    );
  }
  return serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length} elements)`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`in ${colorScheme} mode`, () => {
    test.use({ colorScheme });

    test('the main window has no serious or critical violations', async ({ page, app }) => {
      await openApp(page, app);
      await chooseBrief(page, 'Pre-visit brief', ['Trade'], { from: '2018', to: '2019' });
      await expect(page.getByRole('region', { name: 'Preview' })).toContainText('$19.885 billion');
      // A date error and a left-out fact are part of the picture too.
      await page.locator('[data-fact-id="trade-turnover-2018-zx"]').getByRole('checkbox').uncheck();
      await page.getByLabel('From', { exact: true }).fill('2018-13');
      await expect(page.getByText('There is no month 13')).toBeVisible();
      expect(await seriousViolations(page, `main window (${colorScheme})`)).toEqual([]);
    });

    test('the template editor has no serious or critical violations', async ({ page, app }) => {
      await editACopy(page, app);
      await cursorAfterSummary(page);
      await page.keyboard.press('Enter');
      await page.keyboard.type('{{nosuch x}}');
      await page.keyboard.press('Escape');
      await expect(page.getByRole('region', { name: /Problems/ })).toContainText('unknown helper');
      expect(await seriousViolations(page, `editor (${colorScheme})`)).toEqual([]);
    });

    test('the editor with its find and replace panel open has no serious or critical violations', async ({ page, app }) => {
      await editACopy(page, app);
      await cursorAfterSummary(page);
      const panel = await findFirst(page, 'Purpose');
      await expect(page.locator('.cm-searchMatch-selected')).toBeVisible();
      expect(await seriousViolations(page, `find and replace (${colorScheme})`)).toEqual([]);
      // With nothing found, the field and its count say so.
      await page.keyboard.type('no such words');
      await expect(panel.getByRole('status')).toHaveText('No matches');
      expect(await seriousViolations(page, `find and replace, no matches (${colorScheme})`)).toEqual([]);
    });

    test('the settings dialog, the brief’s dialogs and the source reader have no serious or critical violations', async ({ page, app }) => {
      await openApp(page, app);
      await page.getByRole('button', { name: 'Settings' }).click();
      await expect(page.getByRole('dialog', { name: 'Settings' }).getByLabel('Author name')).toBeVisible();
      expect(await seriousViolations(page, `settings (${colorScheme})`)).toEqual([]);
      await page.keyboard.press('Escape');

      // The brief's dialogs: Save as, Open (with a brief saved, so its list shows), and one paper per topic.
      const brief = page.getByRole('group', { name: 'Brief file' });
      await brief.getByRole('button', { name: 'Save as…' }).click();
      const saveAs = page.getByRole('dialog', { name: 'Save the brief as' });
      await saveAs.getByLabel('Title').fill('Trade, 2018');
      expect(await seriousViolations(page, `save as (${colorScheme})`)).toEqual([]);
      await saveAs.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(saveAs).toBeHidden();
      await brief.getByRole('button', { name: 'Open…' }).click();
      await expect(page.getByRole('dialog', { name: 'Open a brief' }).getByRole('region', { name: 'Recent' })).toBeVisible();
      expect(await seriousViolations(page, `open a brief (${colorScheme})`)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'One per topic…' }).click();
      await expect(page.getByRole('dialog', { name: 'Export one paper per topic' })).toBeVisible();
      expect(await seriousViolations(page, `one per topic (${colorScheme})`)).toEqual([]);
      await page.keyboard.press('Escape');

      await chooseBrief(page, 'Pre-visit brief', ['Trade'], { from: '2018', to: '2019' });
      await page.locator('[data-fact-id="trade-turnover-2018-zx"]').getByRole('button').click();
      await expect(page.getByRole('dialog').locator('mark')).toBeVisible();
      expect(await seriousViolations(page, `source reader (${colorScheme})`)).toEqual([]);
    });
  });
}

test('the app works from the keyboard alone: choose a topic, leave a fact out, read its source, export', async ({ page, app }) => {
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

  // A fact: Space leaves it out, Enter on its statement opens the source, Escape closes it.
  const first = page.locator('.fact-row').first();
  await first.getByRole('checkbox').focus();
  await page.keyboard.press('Space');
  await expect(first.getByRole('checkbox')).not.toBeChecked();
  await page.keyboard.press('Space');
  await expect(first.getByRole('checkbox')).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(first.getByRole('button')).toBeFocused();
  // Down moves to the same control in the next row.
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.fact-row[data-index="1"]').getByRole('button')).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  // Focus stays inside the dialog.
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.locator('.fact-row[data-index="1"]').getByRole('button')).toBeFocused();

  // Focus is visible.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).not.toBe('none');

  // Views switch with the arrow keys on the tab list.
  await page.getByRole('tab', { name: 'Brief' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Templates' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Templates' })).toHaveAttribute('aria-selected', 'true');
});
