// Bundles the `briefwright` command into out/cli so that `npx briefwright` starts fast and
// needs no TypeScript loader. Runs on `npm install` (prepare) and before the tests.
//
// Pure-JavaScript dependencies are bundled in (loading hundreds of small modules is most of a
// cold start); the writers' engines and the font packages stay in node_modules, where they find
// their own data files, and are split into chunks so a DOCX export never loads the PDF engine.
import { build } from 'esbuild';
import { nodeBundle } from './node-bundle.mjs';
import { rm } from 'node:fs/promises';

await rm('out/cli', { recursive: true, force: true });
await build({
  // The command; the resident process's client (Node built-ins only) and the process itself.
  entryPoints: { briefwright: 'src/cli/main.ts', client: 'src/cli/resident-client.ts', resident: 'src/cli/resident-main.ts' },
  outdir: 'out/cli',
  outExtension: { '.js': '.mjs' },
  ...nodeBundle,
  splitting: true,
  external: ['pdfmake', 'pdfmake/*', 'pdfkit', 'fontkit', 'docx', '@resvg/resvg-js', '@fontsource/*'],
  // Bundled CommonJS dependencies expect require() to exist.
  banner: { js: "import { createRequire as __briefwrightRequire } from 'node:module'; const require = __briefwrightRequire(import.meta.url);" },
});
