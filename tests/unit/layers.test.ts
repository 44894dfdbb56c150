// The layers hold because lint holds them (eslint.config.js): each case is a line a newcomer
// might write in the wrong place, linted as if it were in that file, and the lint must refuse it
// with the rule's sentence; the same line where it belongs passes.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function refusal(file: string, code: string, rule = 'no-restricted-imports'): Promise<string | undefined> {
  const [result] = await eslint.lintText(`${code}\nexport const probe = x;\n`, { filePath: file });
  return result!.messages.find((m) => m.ruleId === rule)?.message;
}

const CORE = /src\/core runs anywhere: it imports only src\/core and src\/shared, and no Node built-ins/;

describe('each layer imports only the layers below it', () => {
  it.each([
    ['a Node built-in in core', 'src/core/facts/probe.ts', "import { readFileSync as x } from 'node:fs';", CORE],
    ["a Node built-in in core's font files", 'src/core/writers/fonts.ts', "import { readFileSync as x } from 'node:fs';", CORE],
    ['a native module in core', 'src/core/charts/raster.ts', "import { promisify as x } from 'node:util';", CORE],
    ['a host in core', 'src/core/templates/probe.ts', "import { createApi as x } from '../../app/api';", CORE],
    ['the command line in core', 'src/core/probe.ts', "import { main as x } from '../cli/main';", CORE],
    ['the file system in core', 'src/core/templates/probe.ts', "import { readText as x } from '../../platform/user-templates';", CORE],
    ['the page in core', 'src/core/probe.ts', "import { api as x } from '../renderer/api';", CORE],
    ['core in the page', 'src/renderer/components/probe.tsx', "import { prepareBrief as x } from '../../core/brief';", /the page reaches everything through the API/],
    ['Node in the page', 'src/renderer/probe.ts', "import { join as x } from 'node:path';", /the page reaches everything through the API/],
    ['a host in the application layer', 'src/app/probe.ts', "import { startWebHost as x } from '../web/server';", /src\/app is below the hosts/],
    ['the platform importing the application', 'src/platform/probe.ts', "import { createApi as x } from '../app/api';", /src\/platform is below the application/],
    ['a host in the platform', 'src/platform/probe.ts', "import { startWebHost as x } from '../web/server';", /src\/platform is below the application/],
    ['one host in another', 'src/web/probe.ts', "import { registerApi as x } from '../main/ipc';", /the web host imports src\/app, src\/platform, src\/core and src\/shared/],
    ['Electron in the application layer', 'src/app/probe.ts', "import { app as x } from 'electron';", /runs outside Electron/],
    ['Electron in the platform', 'src/platform/probe.ts', "import { app as x } from 'electron';", /runs outside Electron/],
    ['the file system in the page', 'src/renderer/probe.ts', "import { readText as x } from '../platform/user-templates';", /the page reaches everything through the API/],
    ['core in the preload', 'src/preload/probe.ts', "import { quote as x } from '../core/quote';", /the preload is Electron's bridge/],
    ['Node in shared', 'src/shared/probe.ts', "import { join as x } from 'node:path';", /src\/shared runs anywhere/],
  ])('%s is refused', async (_, file, code, message) => {
    expect(await refusal(file, code)).toMatch(message);
  });

  it.each([
    ['shared in the page', 'src/renderer/probe.ts', "import { HELPERS as x } from '../shared/template-vocabulary';"],
    ['core in the application layer', 'src/app/probe.ts', "import { quote as x } from '../core/quote';"],
    ['the platform in the application layer', 'src/app/handlers/probe.ts', "import { readText as x } from '../../platform/user-templates';"],
    ['core in the platform', 'src/platform/probe.ts', "import { quote as x } from '../core/quote';"],
    ['the application layer in a host', 'src/main/probe.ts', "import { createApi as x } from '../app/api';"],
    ['the platform in a host', 'src/cli/probe.ts', "import { writeFileAtomic as x } from '../platform/atomic-write';"],
    ['core within core', 'src/core/writers/probe.ts', "import { quote as x } from '../quote';"],
    ['a file of its own folder named like a layer', 'src/cli/probe.ts', "import { main as x } from './main';"],
    ["the page's App, named like the application layer but for its case", 'src/renderer/components/probe.tsx', "import { App as x } from '../App';"],
  ])('%s passes', async (_, file, code) => {
    expect(await refusal(file, code)).toBeUndefined();
  });
});

describe("core uses none of Node's or the DOM's globals: its host hands it what it needs", () => {
  it.each([
    ["Node's Buffer", "const x = Buffer.from('a');", /Uint8Array, not Node's Buffer/],
    ['the process', 'const x = process.env.HOME;', /comes from its host/],
    ['require', "const x = require('node:fs');", /reads files through its host/],
    ['the DOM', "const x = document.title;", /does not touch the DOM/],
    ['the network', "const x = fetch('https://example.org');", /never reaches the network/],
  ])('%s is refused', async (_, code, message) => {
    expect(await refusal('src/core/writers/probe.ts', code, 'no-restricted-globals')).toMatch(message);
  });

  it('the same line passes in the platform layer', async () => {
    expect(await refusal('src/platform/probe.ts', "const x = Buffer.from('a');", 'no-restricted-globals')).toBeUndefined();
  });
});
