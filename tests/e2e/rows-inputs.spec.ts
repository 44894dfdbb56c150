// A template's rows input in the app (a list of records with declared columns, DESIGN §4): the
// form shows it as a table the user adds rows to, fills and trims; the rows reach the preview,
// survive a reload, and a row's missing cell is named beside it. A user template of the test's
// own shows it, so the test does not hang on how the bundled ones print their rows.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, screenshotDir, test, type HostFixture } from './host';

const VISIT_PROGRAMME = `---
id: visit-programme
name: Visit programme
description: A visit's programme, questions and answers, and points backed by facts.
defaults:
  topics: [trade]
inputs:
  - key: visit
    label: Visit
    type: text
    default: Visit of the Trade Minister
  - key: programme
    label: Programme
    type: rows
    columns:
      - { key: when, label: When }
      - { key: where, label: Where }
      - { key: what, label: What }
  - key: qa
    label: Questions and answers
    type: rows
    help: Questions the principal may be asked, with the answer to give.
    columns:
      - { key: question, label: Question, required: true }
      - { key: answer, label: Answer, required: true }
  - key: points
    label: Points to make
    type: rows
    columns:
      - { key: point, label: Point, required: true }
      - { key: facts, label: Supporting facts, type: facts, help: "Fact ids, separated by commas: trade-turnover-2023" }
---
# {{inputs.visit}}

## Programme

{{#each inputs.programme}}
- {{when}}, {{where}}: {{what}}
{{/each}}

## Questions and answers

{{#each inputs.qa}}
**{{question}}** {{answer}}

{{/each}}

## Points to make

{{#each inputs.points}}
- {{point}}
{{#each (supporting facts)}}
  - {{fact this}}
{{/each}}
{{/each}}
`;

/** Opens the app on the test's template (the bundled one chosen first need not make a paper). */
async function openVisitProgramme(page: Page, app: HostFixture): Promise<void> {
  await mkdir(join(app.userFolder, 'templates'), { recursive: true });
  await writeFile(join(app.userFolder, 'templates', 'visit-programme.hbs'), VISIT_PROGRAMME);
  await page.goto(app.host.url);
  await page.getByLabel('Template').selectOption({ label: 'Visit programme' });
  await expect(page.getByRole('region', { name: 'Preview' })).toContainText('Visit of the Trade Minister');
}

test.beforeAll(async () => {
  await mkdir(screenshotDir, { recursive: true });
});

test('a rows input is a table: rows added and filled reach the preview, a removed one leaves it, the rows survive a reload, and a missing cell is named', async ({ page, app }) => {
  await openVisitProgramme(page, app);
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview).toContainText('Visit of the Trade Minister');

  // The table's header names its columns; there are no rows until one is added.
  const qa = page.getByRole('group', { name: 'Questions and answers', exact: true });
  await expect(qa).toContainText('No rows yet.');
  const add = qa.getByRole('button', { name: 'Add row to Questions and answers' });
  await add.click();
  await expect(qa.getByRole('columnheader')).toContainText(['Question', 'Answer']);
  // The new row's first cell has the cursor: the row is filled from the keyboard.
  await expect(qa.getByRole('textbox', { name: 'Question, row 1' })).toBeFocused();
  await page.keyboard.type('Why a second rail corridor?');
  await page.keyboard.press('Tab');
  await expect(qa.getByRole('textbox', { name: 'Answer, row 1' })).toBeFocused();
  await page.keyboard.type('Transit volumes doubled since 2018.');

  await add.click();
  await expect(qa.getByRole('textbox', { name: 'Question, row 2' })).toBeFocused();
  await page.keyboard.type('Will tariffs fall?');
  await qa.getByRole('textbox', { name: 'Answer, row 2' }).fill('Not this year.');

  // The facts column takes fact ids; the point prints with the fact they name.
  const points = page.getByRole('group', { name: 'Points to make', exact: true });
  await expect(points).toContainText('Fact ids, separated by commas: trade-turnover-2023');
  await points.getByRole('button', { name: 'Add row to Points to make' }).click();
  await points.getByRole('textbox', { name: 'Point, row 1' }).fill('Trade is growing');
  await points.getByRole('textbox', { name: 'Supporting facts, row 1' }).fill('trade-turnover-2018-zx');

  await expect(preview).toContainText('Why a second rail corridor? Transit volumes doubled since 2018.');
  await expect(preview).toContainText('Will tariffs fall? Not this year.');
  await expect(preview).toContainText('$19.885 billion');
  await page.locator('.controls').screenshot({ path: join(screenshotDir, 'rows-inputs.png') });

  // Removing row 1 takes it out of the paper; the row that was 2 is row 1 now, its Remove focused.
  await qa.getByRole('button', { name: 'Remove row 1' }).click();
  await expect(qa.getByRole('button', { name: 'Remove row 1' })).toBeFocused();
  await expect(qa.getByRole('textbox', { name: 'Question, row 1' })).toHaveValue('Will tariffs fall?');
  await expect(qa.getByRole('textbox', { name: 'Question, row 2' })).toHaveCount(0);
  await expect(preview).not.toContainText('Why a second rail corridor?');
  await expect(preview).toContainText('Will tariffs fall? Not this year.');

  // The rows are kept with the rest of the brief.
  await page.reload();
  await expect(page.getByLabel('Template')).toHaveValue('visit-programme');
  await expect(qa.getByRole('textbox', { name: 'Question, row 1' })).toHaveValue('Will tariffs fall?');
  await expect(qa.getByRole('textbox', { name: 'Answer, row 1' })).toHaveValue('Not this year.');
  await expect(points.getByRole('textbox', { name: 'Supporting facts, row 1' })).toHaveValue('trade-turnover-2018-zx');
  await expect(preview).toContainText('Will tariffs fall? Not this year.');

  // A row with its question and no answer: the cell is marked and the problem named; the paper waits.
  await add.click();
  await page.keyboard.type('What about visas?');
  const answer = qa.getByRole('textbox', { name: 'Answer, row 2' });
  await expect(answer).toHaveAttribute('aria-invalid', 'true');
  await expect(answer).toHaveAccessibleDescription(/Row 2 is missing its answer\./);
  await expect(qa.getByText('Row 2 is missing its answer.')).toBeVisible();
  await expect(page.locator('.preview-status')).toHaveText('Held until the form is fixed');
  await page.locator('.controls').screenshot({ path: join(screenshotDir, 'rows-inputs-problem.png') });
  // The table, its buttons and the marked cell, as assistive technology meets them.
  const axe = await new AxeBuilder({ page }).include('.inputs').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  await answer.fill('Talks continue.');
  await expect(answer).not.toHaveAttribute('aria-invalid', 'true');
  await expect(qa.getByText('Row 2 is missing its answer.')).toHaveCount(0);
  await expect(preview).toContainText('What about visas? Talks continue.');
});

test('a rows input with an empty row left at the end still makes the paper, and the empty row is not a problem', async ({ page, app }) => {
  await openVisitProgramme(page, app);
  const programme = page.getByRole('group', { name: 'Programme', exact: true });
  const add = programme.getByRole('button', { name: 'Add row to Programme' });
  await add.click();
  await page.keyboard.type('09:00');
  await programme.getByRole('textbox', { name: 'Where, row 1' }).fill('Ministry of Trade');
  await programme.getByRole('textbox', { name: 'What, row 1' }).fill('Talks with the minister');
  await add.click();
  await expect(programme.getByRole('textbox', { name: 'When, row 2' })).toBeFocused();
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview).toContainText('Ministry of Trade: Talks with the minister');
  await expect(programme.locator('[aria-invalid="true"]')).toHaveCount(0);
  await expect(page.locator('.preview-status')).not.toHaveText('Held until the form is fixed');
});

test('a table holds at most 100 rows: at the limit Add row is off, and says why, until a row is removed', async ({ page, app }) => {
  await openVisitProgramme(page, app);
  // A hundred rows, as a user who kept adding them would find them kept in the working brief.
  const session = join(app.userFolder, 'session.json');
  const address = page.url();
  await expect.poll(async () => JSON.parse(await readFile(session, 'utf8').catch(() => '{}')).template).toBe('visit-programme');
  // The page is closed first, so that nothing it still has to keep lands after the file is changed.
  await page.goto('about:blank');
  const brief = JSON.parse(await readFile(session, 'utf8'));
  const rows = Array.from({ length: 100 }, (_, i) => ({ when: `${String(8 + Math.floor(i / 12)).padStart(2, '0')}:${String((i % 12) * 5).padStart(2, '0')}`, where: 'Astana', what: `Meeting ${i + 1}` }));
  brief.inputs = { ...brief.inputs, 'visit-programme': { ...(brief.inputs?.['visit-programme'] ?? {}), programme: rows } };
  // Kept later than the page's own copy, so it is the one the page takes back.
  brief.keptAt = Date.now();
  await writeFile(session, JSON.stringify(brief));
  await page.goto(address);
  const programme = page.getByRole('group', { name: 'Programme', exact: true });
  await expect(programme.getByRole('textbox', { name: 'What, row 100' })).toHaveValue('Meeting 100');
  const add = programme.getByRole('button', { name: 'Add row to Programme' });
  await expect(add).toBeDisabled();
  await expect(add).toHaveAccessibleDescription('A table holds at most 100 rows: remove one to add another.');
  await expect(page.getByRole('region', { name: 'Preview' })).toContainText('Meeting 100');

  await programme.getByRole('button', { name: 'Remove row 100' }).click();
  await expect(add).toBeEnabled();
  await expect(programme.getByText('A table holds at most 100 rows')).toHaveCount(0);
});
