// The fact list at scale (issue 5): a user workspace of 100,000 generated facts (on top of the
// bundled ones) loads, the list counts them all, keeps only a screenful of rows in the page, and
// scrolls from the first fact to the last — by wheel, by dragging the scrollbar, by Page Down
// and End — without a main-thread task long enough to feel like a freeze.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { generateWorkspace } from '../../bench/generate-workspace';
import { expect, test } from './host';

declare global {
  interface Window {
    __longTasks: { start: number; duration: number }[];
  }
}

const GENERATED = 100_000;
/** The longest main-thread task allowed while scrolling: well under what reads as a freeze. */
const LONGEST_TASK_MS = 200;
/** Rows in the page at any time: a screenful and some overscan, never the list. */
const MAX_ROWS = 200;

async function bundledFactCount(): Promise<number> {
  let count = 0;
  for (const name of await readdir('data/facts')) count += ((await readFile(join('data/facts', name), 'utf8')).match(/^- id:/gm) ?? []).length;
  return count;
}

/** Which row (its index in the list) holds the focus, or -1. */
const focusedIndex = (page: Page) => page.evaluate(() => Number(document.activeElement?.closest('[data-index]')?.getAttribute('data-index') ?? -1));

const longTasksSince = (page: Page, since: number) => page.evaluate((t) => window.__longTasks.filter((task) => task.start >= t), since);

test('a 100,000-fact workspace loads, and the fact list scrolls from the first fact to the last without freezing', async ({ page, app }, testInfo) => {
  const generated = generateWorkspace({ facts: GENERATED });
  for (const file of generated.layer.files) {
    await mkdir(dirname(join(app.userFolder, file.path)), { recursive: true });
    await writeFile(join(app.userFolder, file.path), file.text);
  }
  const total = GENERATED + (await bundledFactCount());

  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  // The paper is not under test here: at this size a preview keeps a core busy for many seconds
  // (on a worker thread, so fact queries would still be answered), and on a small machine that
  // core is one the page's scrolling needs. Preview calls are held unanswered (the paper stays
  // "Drawing…"), so what is measured is the list alone.
  await page.route('**/api/preview', () => {});

  const opened = Date.now();
  await page.goto(app.host.url);
  await page.getByRole('group', { name: 'Topics' }).getByRole('button', { name: 'Choose all' }).click();
  const countText = `${total.toLocaleString('en-GB')} facts`;
  await expect(page.locator('.fact-count')).toHaveText(countText, { timeout: 30_000 });
  testInfo.annotations.push({ type: 'load', description: `${countText} listed ${((Date.now() - opened) / 1000).toFixed(1)} s after the page opened` });

  const scroller = page.locator('.fact-scroller');
  const rows = page.locator('.fact-row');
  const loaded = page.locator('.fact-row[data-fact-id]');
  await expect(page.locator('.fact-row[data-index="0"][data-fact-id]')).toBeVisible();
  expect(await rows.count()).toBeLessThan(MAX_ROWS);
  const since = await page.evaluate(() => performance.now());

  // The wheel, a screenful at a time: new rows replace the old, and their facts arrive.
  await scroller.hover();
  for (let i = 0; i < 40; i++) {
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(25);
  }
  // 24,000 pixels: well past the first fifty rows (the generated workspace is the same every run).
  await expect.poll(async () => Number(await loaded.first().getAttribute('data-index'))).toBeGreaterThan(50);
  expect(await rows.count()).toBeLessThan(MAX_ROWS);

  // Dragging the scrollbar to the middle: the rows there, with their facts.
  await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
  await expect.poll(async () => Number(await loaded.first().getAttribute('data-index'))).toBeGreaterThan(total / 2 - 1000);
  await expect(loaded.first().locator('.fact-statement')).not.toBeEmpty();
  expect(await rows.count()).toBeLessThan(MAX_ROWS);

  // The keyboard, from a fact in view: Page Down and Page Up move by a screenful (one row, where
  // a row is taller than the screen), End to the last fact, Home back to the first.
  await loaded.first().locator('.fact-statement').focus();
  const start = await focusedIndex(page);
  await page.keyboard.press('PageDown');
  await expect.poll(() => focusedIndex(page)).toBeGreaterThan(start);
  const afterPageDown = await focusedIndex(page);
  await expect(page.locator(`.fact-row[data-index="${afterPageDown}"]`)).toBeInViewport();
  await page.keyboard.press('PageUp');
  await expect.poll(() => focusedIndex(page)).toBeLessThan(afterPageDown);

  await page.keyboard.press('End');
  await expect.poll(() => focusedIndex(page)).toBe(total - 1);
  const last = page.locator(`.fact-row[data-index="${total - 1}"]`);
  await expect(last).toHaveAttribute('aria-rowindex', String(total));
  await expect(last).toHaveAttribute('data-fact-id', /.+/);
  await expect(last.locator('.fact-statement')).toBeFocused();
  await expect(last.locator('.fact-statement')).toBeInViewport();
  await expect(last.locator('.fact-statement')).not.toBeEmpty();
  expect(await rows.count()).toBeLessThan(MAX_ROWS);

  await page.keyboard.press('Home');
  await expect.poll(() => focusedIndex(page)).toBe(0);
  await expect(page.locator('.fact-row[data-index="0"] .fact-statement')).toBeInViewport();

  const tasks = await longTasksSince(page, since);
  const longest = Math.max(0, ...tasks.map((t) => t.duration));
  testInfo.annotations.push({ type: 'scrolling', description: `${tasks.length} long tasks (over 50 ms) while scrolling ${total} facts; the longest ${Math.round(longest)} ms` });
  expect(longest, `long tasks while scrolling: ${tasks.map((t) => Math.round(t.duration)).join(', ')} ms`).toBeLessThan(LONGEST_TASK_MS);
});

test('in the fact list, Page Down and Page Up move a screenful, End and Home to the last and first fact, on the same control', async ({ page, app }) => {
  const total = await bundledFactCount();
  await page.goto(app.host.url);
  await page.getByRole('group', { name: 'Topics' }).getByRole('button', { name: 'Choose all' }).click();
  await expect(page.locator('.fact-count')).toHaveText(`${total} facts`);
  await page.locator('.fact-row[data-index="0"]').getByRole('checkbox').focus();

  // The rows here are a few lines each: a screenful is several of them.
  await page.keyboard.press('PageDown');
  await expect.poll(() => focusedIndex(page)).toBeGreaterThan(2);
  const down = await focusedIndex(page);
  await expect(page.locator(`.fact-row[data-index="${down}"]`).getByRole('checkbox')).toBeFocused();
  await expect(page.locator(`.fact-row[data-index="${down}"]`)).toBeInViewport();

  await page.keyboard.press('End');
  await expect.poll(() => focusedIndex(page)).toBe(total - 1);
  const last = page.locator(`.fact-row[data-index="${total - 1}"]`);
  await expect(last).toHaveAttribute('aria-rowindex', String(total));
  await expect(last.getByRole('checkbox')).toBeFocused();
  await expect(last).toBeInViewport();

  await page.keyboard.press('PageUp');
  await expect.poll(() => focusedIndex(page)).toBeLessThan(total - 3);
  await page.keyboard.press('Home');
  await expect.poll(() => focusedIndex(page)).toBe(0);
  await expect(page.locator('.fact-row[data-index="0"]').getByRole('checkbox')).toBeFocused();
  // Up from the first fact stays there.
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('.fact-row[data-index="0"]').getByRole('checkbox')).toBeFocused();
});
