// Shows that a change to the code changed no paper (docs/architecture.md, "How to see that it
// holds"): writes every bundled template in every format, with its default topics and with many,
// into a folder, then compares two such folders, byte for byte where the formats allow.
//
//   node scripts/outputs.mjs write DIR      papers of the built command (npm run build:cli)
//   node scripts/outputs.mjs compare A B    exit 0 when every paper of A is the same in B
//
// What differs between two runs of the same code is left out of the comparison: a PDF's creation
// dates and file identifier, a DOCX's core properties (docx stamps them), its font table and its
// embedded fonts (obfuscated with a random key on every write).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';

const TEMPLATES = ['chronology', 'key-figures', 'pre-visit-brief', 'sector-one-pager', 'talking-points'];
const FORMATS = ['pdf', 'docx', 'html', 'md'];
/** Many topics over a long range: the longest papers, with contents. The one-pager takes one topic. */
const MANY = ['--topics', 'energy,trade,diplomacy,transport,finance', '--from', '2015'];

function write(dir) {
  mkdirSync(dir, { recursive: true });
  const runs = TEMPLATES.flatMap((template) => [
    ...FORMATS.map((format) => ({ name: `${template}.${format}`, args: ['--template', template, '--format', format] })),
    ...(template === 'sector-one-pager' ? [] : ['pdf', 'docx'].map((format) => ({ name: `${template}-many.${format}`, args: ['--template', template, '--format', format, ...MANY] }))),
  ]);
  for (const { name, args } of runs) {
    const run = spawnSync(process.execPath, ['bin/briefwright.js', 'generate', ...args, '--out', join(dir, name)], { encoding: 'utf8' });
    if (run.status !== 0) {
      process.stderr.write(`${name}: ${run.stderr}`);
      process.exit(1);
    }
  }
  process.stdout.write(`${runs.length} papers written to ${dir}\n`);
}

/** The bytes of a paper with what differs from run to run left out. */
function comparable(name, bytes) {
  if (name.endsWith('.pdf')) {
    return Buffer.from(
      bytes
        .toString('latin1')
        .replace(/\(D:\d{14}Z\)/g, '()')
        .replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/g, '/ID []'),
      'latin1',
    );
  }
  if (name.endsWith('.docx')) {
    const parts = unzipSync(new Uint8Array(bytes), { filter: (file) => !/^(docProps\/core\.xml|word\/fontTable\.xml|word\/fonts\/)/.test(file.name) });
    return Buffer.concat(Object.keys(parts).sort().flatMap((part) => [Buffer.from(`\n--- ${part}\n`), Buffer.from(parts[part])]));
  }
  return bytes;
}

function compare(a, b) {
  const names = readdirSync(a).sort();
  const differ = names.filter((name) => {
    let other;
    try {
      other = readFileSync(join(b, name));
    } catch {
      return true;
    }
    return !comparable(name, readFileSync(join(a, name))).equals(comparable(name, other));
  });
  for (const name of differ) process.stdout.write(`differs: ${name}\n`);
  process.stdout.write(`${names.length - differ.length} of ${names.length} papers the same\n`);
  process.exit(differ.length === 0 ? 0 : 1);
}

const [command, ...dirs] = process.argv.slice(2);
if (command === 'write' && dirs.length === 1) write(dirs[0]);
else if (command === 'compare' && dirs.length === 2) compare(dirs[0], dirs[1]);
else {
  process.stderr.write('Usage: node scripts/outputs.mjs write DIR | compare A B\n');
  process.exit(2);
}
