// The esbuild settings every Node-side bundle of ours shares (the CLI, the web host, the
// benchmarks): one ESM file per entry for Node 20, with a source map next to it.
export const nodeBundle = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
};
