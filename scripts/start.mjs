// `npm start`: runs the desktop app from the built output (building it first when needed). The
// Electron binary is fetched here, on first start, rather than at `npm install` (whose install
// scripts are not run, so that an offline install never fails); where it cannot be fetched, this
// says so in one sentence and points to the browser mode.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The Electron executable, or undefined when the package is there without its binary (path.txt missing). */
function electronBinary() {
  try {
    delete require.cache[require.resolve('electron')];
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

let electron = electronBinary();
if (!electron && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  process.stderr.write('Fetching the Electron binary (first start only)…\n');
  const fetched = spawnSync(process.execPath, [require.resolve('electron/install.js')], { stdio: ['ignore', 'ignore', 'ignore'], timeout: 300_000 });
  if (fetched.status === 0) electron = electronBinary();
}
if (!electron) {
  process.stderr.write(
    'The Electron binary is not installed (it could not be downloaded), so the desktop app cannot start; run `npm run web` to use briefwright in your browser.\n',
  );
  process.exit(1);
}

const built = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'].every((f) => existsSync(f));
if (!built) {
  const build = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const app = spawn(electron, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
app.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
