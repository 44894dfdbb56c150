// Loading and querying large workspaces: a made-up workspace of 10,000 and of 100,000 facts
// (bench/generate-workspace.ts) is loaded (parse + schema + cross-record validation) and
// queried (topic + date range + text), each measured as the median of several runs after a
// warm-up. Targets: load under 0.3 s at 10k and under 2 s at 100k; a query under 10 ms at 100k.
import { queryFacts, type FactQuery } from '../src/core/facts/query';
import { checkFactQuickly, factSchema } from '../src/core/facts/schema';
import { loadWorkspace, type Workspace } from '../src/core/workspace/load';
import { validateWorkspace } from '../src/core/workspace/validate';
import { parseYaml } from '../src/core/workspace/yaml';
import { generateWorkspace } from './generate-workspace';
import { measure, ms, verdict, writeResults, type Cell } from './report';

const SIZES = [
  { facts: 10_000, loadTarget: 300, queryTarget: 10, runs: 7 },
  { facts: 100_000, loadTarget: 2000, queryTarget: 10, runs: 5 },
];

// The first query is the one the target is for; the others show how other shapes fare.
const QUERIES: { name: string; query: FactQuery; target: boolean }[] = [
  { name: 'topic + range + text', query: { topics: ['trade'], from: '2015', to: '2019-06', text: 'freight kazakhstan' }, target: true },
  { name: 'two topics + range', query: { topics: ['energy', 'transport'], from: '2020' }, target: false },
  { name: 'text only, every fact', query: { text: 'locomotive' }, target: false },
];

const loadRows: Cell[][] = [];
const queryRows: Cell[][] = [];
const phaseRows: Cell[][] = [];
const notes: string[] = [];

for (const size of SIZES) {
  const generated = generateWorkspace({ facts: size.facts });
  const layers = [generated.layer];
  const mb = (generated.bytes / 1048576).toFixed(1);
  process.stdout.write(`${size.facts.toLocaleString('en')} facts: ${generated.layer.files.length} files, ${mb} MB\n`);

  let workspace = loadWorkspace(layers);
  if (workspace.facts.length !== size.facts || workspace.diagnostics.length > 0) {
    throw new Error(`the generated workspace does not load cleanly: ${workspace.facts.length} facts, ${JSON.stringify(workspace.diagnostics.slice(0, 3))}`);
  }
  // The previous result is dropped first: a load is measured with one workspace in memory, not two.
  const load = measure(
    () => {
      workspace = undefined as unknown as Workspace;
      workspace = loadWorkspace(layers);
    },
    { runs: size.runs, warmup: 1 },
  );
  loadRows.push([size.facts.toLocaleString('en'), `${mb} MB`, ms(load.median), ms(load.min), ms(load.cpuMedian), ms(size.loadTarget), verdict(load.median, size.loadTarget)]);

  // Where load time goes: each phase on its own (the loader runs them in one pass).
  const factFiles = generated.layer.files.filter((f) => f.path.startsWith('facts/'));
  let parsed: unknown[] = [];
  const parse = measure(() => (parsed = factFiles.map((f) => parseYaml(f.path, f.text).value)), { runs: 3 });
  const records = parsed.flatMap((v) => v as unknown[]);
  const schema = measure(() => records.forEach((r) => checkFactQuickly(r) ?? factSchema.safeParse(r)), { runs: 3 });
  const validate = measure(() => validateWorkspace({ ...workspace, facts: [...workspace.factsById.values()] }, []), { runs: 3 });
  phaseRows.push([size.facts.toLocaleString('en'), ms(parse.median), ms(schema.median), ms(validate.median)]);
  if (load.median > size.loadTarget) {
    notes.push(
      `At ${size.facts.toLocaleString('en')} facts the load (median ${ms(load.median)}) misses its target of ${ms(size.loadTarget)}. Measured alone, parsing takes ${ms(parse.median)}, the schema check ${ms(schema.median)} and cross-record validation ${ms(validate.median)}; garbage collection runs through all of them.`,
    );
  }

  for (const { name, query, target } of QUERIES) {
    // The first query after loading also folds every fact's text for searching; time it apart.
    const fresh = loadWorkspace(layers);
    const first = measure(() => queryFacts(fresh, query), { runs: 1, warmup: 0 });
    let count = 0;
    const warm = measure(
      () => {
        const result = queryFacts(workspace, query);
        count = 'facts' in result ? result.facts.length : -1;
      },
      { runs: 21, warmup: 3 },
    );
    queryRows.push([
      size.facts.toLocaleString('en'),
      name,
      count,
      ms(warm.median),
      ms(first.median),
      target ? ms(size.queryTarget) : '–',
      target ? verdict(warm.median, size.queryTarget) : '',
    ]);
  }
}

writeResults({
  name: 'workspace',
  title: 'Workspace: load and query',
  description:
    'A generated workspace (20 sources of 300 sentences, 50 indicators, 12 topics, files of 1,000 facts; about 45% of facts with a metric, a tenth with a period) is loaded with `loadWorkspace` (parse, schema, cross-record validation including every evidence span) and queried with `queryFacts`. Medians of several runs after a warm-up. "CPU" is the process\'s CPU time (garbage collector threads included): when the machine is shared, wall-clock times swing with the other work on it, and CPU time shows the cost of the code itself.',
  tables: [
    { title: 'Load and validate (loadWorkspace)', columns: ['facts', 'size', 'median', 'best', 'CPU (median)', 'target', ''], rows: loadRows },
    { title: 'Query (queryFacts): median of warm runs; the first query after loading also builds the topic index and folds the text it searches', columns: ['facts', 'query', 'matches', 'median', 'first query', 'target', ''], rows: queryRows },
    { title: 'Where load time goes (each phase alone, facts files only)', columns: ['facts', 'parse YAML', 'schema check', 'cross-record validation'], rows: phaseRows },
  ],
  notes,
});
