// `npm start`: runs the desktop app from the built output (building it first when needed), or
// says in one sentence why it cannot when Electron's binary is not installed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The Electron executable, or undefined when the package is there without its binary (path.txt missing). */
function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

const electron = electronBinary();
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
