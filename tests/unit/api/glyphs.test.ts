// Text the paper's fonts cannot draw (Chinese, Arabic, emoji …) is never printed as empty boxes
// unannounced: the preview (and every paper) carries a warning naming the characters, their code
// points and the facts they are in; text the fonts draw (Kazakh, Russian, accents) gets none.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createApi } from '../../../src/app/api';
import { factsFile, source } from '../../fixtures/workspace';

const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((f) => rm(f, { recursive: true, force: true })));
});

/** A user folder holding one source and one trade fact whose statement is `statement`. */
async function userFolderWith(statement: string): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'briefwright-glyphs-'));
  folders.push(folder);
  await mkdir(join(folder, 'sources'));
  await mkdir(join(folder, 'facts'));
  const evidence = 'The two sides signed the Khorgos gateway agreement in 2024.';
  await writeFile(join(folder, 'sources', 'gateway-note.md'), source({ id: 'gateway-note', date: '2024-06-01', title: 'Gateway note' }, `${evidence}\n`));
  await writeFile(
    join(folder, 'facts', 'gateway-note.yaml'),
    factsFile([{ id: 'gateway-agreement', statement, topics: ['trade'], entities: [], when: '2024', kind: 'outcome', source: 'gateway-note', evidence }]),
  );
  return folder;
}

const request = { template: 'pre-visit-brief', topics: ['trade'], from: '2024', to: '2024' };

it('a fact in Chinese is named in a warning beside the preview, with the characters and their code points', async () => {
  const api = createApi({ userFolder: await userFolderWith('The two sides signed the Khorgos (霍尔果斯) gateway agreement in 2024.') });
  const response = await api.handle('preview', { request });
  if (!response.ok) throw new Error(response.problems.map((p) => p.message).join('\n'));
  const warnings = response.result.problems.filter((p) => /cannot draw/.test(p.message));
  expect(warnings).toEqual([
    expect.objectContaining({
      severity: 'warning',
      message: `the paper's fonts cannot draw 4 characters 霍 尔 果 斯 (U+970D, U+5C14, U+679C, U+65AF) in "gateway-agreement": in the PDF and the preview they print as empty boxes (Word and browsers put in a font of their own); a fallback font for their script in style.yaml prints them (\`fonts: { fallbacks: { han: fonts/….ttf } }\`)`,
    }),
  ]);
  await api.close();
});

it('text the shipped fonts draw — Kazakh, Russian, accented Latin — gets no such warning', async () => {
  const api = createApi({ userFolder: await userFolderWith('Стороны подписали соглашение «Қорғас» в 2024 году; café Nurtleu.') });
  const response = await api.handle('preview', { request });
  if (!response.ok) throw new Error(response.problems.map((p) => p.message).join('\n'));
  expect(response.result.problems.filter((p) => /cannot draw/.test(p.message))).toEqual([]);
  await api.close();
});

it('right-to-left text is named too: the PDF sets its letters left to right, unjoined, where the DOCX and the HTML set it as it reads', async () => {
  const api = createApi({ userFolder: await userFolderWith('The two sides signed the agreement (اتفاقية) in 2024.') });
  const response = await api.handle('preview', { request });
  if (!response.ok) throw new Error(response.problems.map((p) => p.message).join('\n'));
  expect(response.result.problems.map((p) => p.message)).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^the paper's fonts cannot draw 6 characters ا ت ف ق ي ة .* in "gateway-agreement".*fallbacks: \{ arabic: fonts\/….ttf \}/),
      'right-to-left text in "gateway-agreement" prints in the PDF and the preview with its letters from left to right and unjoined; it reads as written in the DOCX and the HTML',
    ]),
  );
  await api.close();
});
