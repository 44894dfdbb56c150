// The editor's completion (src/renderer/editor/vocabulary.ts) offers every helper a template
// may call: the renderer may not import core, so its list is a copy that this keeps honest.
import { expect, test } from '@playwright/test';
import { HELPER_NAMES } from '../../src/core/templates/helpers';
import { HELPERS, PARTIALS } from '../../src/renderer/editor/vocabulary';

test('the editor completes exactly the helpers core provides', () => {
  expect(Object.keys(HELPERS).sort()).toEqual([...HELPER_NAMES].sort());
});

test('the editor completes the bundled partials', async () => {
  const { readdir } = await import('node:fs/promises');
  const bundled = (await readdir('templates/partials')).filter((f) => f.endsWith('.hbs')).map((f) => f.replace(/\.hbs$/, ''));
  expect(Object.keys(PARTIALS).sort()).toEqual(bundled.sort());
});
