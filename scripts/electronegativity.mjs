// `npm run security`: Electronegativity's checks of the Electron code (docs/architecture.md,
// "Safety and tests") over src/, for the Electron version package.json pins. Prints each finding as
// `file:line:column: SEVERITY ID message`, writes the full table to out/electronegativity.csv, and
// exits 1 on any HIGH or MEDIUM finding, on a file it could not parse (a file not scanned would
// pass unseen), or on any attempt to reach the network. A finding that has been reviewed is marked
// where it is raised, with Electronegativity's `// eng-disable CHECK_ID: why` comment.
//   node scripts/electronegativity.mjs [folder]   (default: src)
//
// It runs in-process through the package's documented programmatic entry rather than its CLI:
// the CLI prints nothing about files it failed to parse when writing to a file, and fetches
// translations from the web on every run; here that fetch is answered locally (the English
// texts bundled with the package are used) and any other request fails the run.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

const require = createRequire(import.meta.url);
const input = resolve(process.argv[2] ?? 'src');
const report = resolve('out/electronegativity.csv');

/** The Electron version the app is built against: the one package.json names. */
function electronVersion() {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const range = pkg.devDependencies?.electron ?? pkg.dependencies?.electron;
  const version = /\d+\.\d+\.\d+/.exec(range ?? '')?.[0];
  if (!version) throw new Error(`package.json names no Electron version (found ${JSON.stringify(range)})`);
  return version;
}

/** Network requests Electronegativity attempted, other than the translations answered locally. */
const attempts = [];

/** Puts a local stand-in for `got` (its only HTTP client) in the require cache, wherever it loads it from. */
function keepOffline(runnerPath) {
  const tool = JSON.parse(readFileSync(join(dirname(runnerPath), '..', 'package.json'), 'utf8'));
  const got = (url) => {
    const address = String(url);
    // No translation for this locale: the package's own English texts stay in use.
    if (tool.i18nSource && address.startsWith(`${tool.i18nSource}/`)) return Promise.resolve({ statusCode: 404, body: '' });
    attempts.push(address);
    return Promise.reject(new Error(`offline: refused a request to ${address}`));
  };
  const callers = ['locales/i18n.js', 'finder/checks/GlobalChecks/AvailableSecurityFixesGlobalCheck.js'];
  for (const caller of callers) {
    const path = createRequire(join(dirname(runnerPath), caller)).resolve('got');
    require.cache[path] = { id: path, filename: path, loaded: true, exports: got, children: [], paths: [] };
  }
}

const shown = (file) => (file === 'N/A' ? relative(process.cwd(), input) : relative(process.cwd(), file)).split(sep).join('/');

async function main() {
  const version = electronVersion();
  const runnerPath = require.resolve('@doyensec/electronegativity');
  keepOffline(runnerPath);
  const run = require(runnerPath);
  mkdirSync(dirname(report), { recursive: true });
  const result = await run({
    input,
    output: report,
    isSarif: false,
    isRelative: false,
    electronVersionOverride: version,
    // It needs Electron's release list from the web; the version above is what we ship.
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
  });

  const findings = [...result.issues].sort((a, b) => shown(a.file).localeCompare(shown(b.file)) || a.location.line - b.location.line || b.severity.value - a.severity.value);
  for (const issue of findings) {
    const line = Math.max(1, issue.location.line);
    const column = issue.location.column + 1;
    console.log(`${shown(issue.file)}:${line}:${column}: ${issue.severity.name} ${issue.id} ${issue.description}`);
  }
  const unparsed = result.errors.filter((e) => !e.tolerable);
  for (const error of result.errors) {
    console.log(`${shown(error.file)}: ${error.tolerable ? 'WARNING' : 'ERROR'} not ${error.tolerable ? 'fully ' : ''}scanned: ${error.message}`);
  }
  for (const address of attempts) console.log(`ERROR Electronegativity tried to reach ${address}`);

  const serious = findings.filter((i) => i.severity.value >= 2);
  const counts = `${findings.length} finding${findings.length === 1 ? '' : 's'} (${serious.length} HIGH or MEDIUM)`;
  console.log(`Electronegativity, Electron ${version}, ${result.atomicChecks} + ${result.globalChecks} checks on ${shown(input)}: ${counts}; the table is in ${shown(report)}.`);
  if (serious.length > 0 || unparsed.length > 0 || attempts.length > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exitCode = 2;
});
