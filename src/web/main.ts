// `npm run web -- [--port N] [--no-open]`: starts the web host on 127.0.0.1, prints the one line
// to open (the address with its token) and, unless told not to, opens it in the browser.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { appRoot, userFolder } from '../platform/workspace-folder';
import { startWebHost } from './server';

async function main(argv: string[]): Promise<number> {
  let flags;
  try {
    flags = parseArgs({ args: argv, options: { port: { type: 'string' }, 'no-open': { type: 'boolean' } }, strict: true, allowPositionals: false }).values;
  } catch (error) {
    process.stderr.write(`briefwright web: ${error instanceof Error ? error.message : String(error)}\nUsage: npm run web -- [--port N] [--no-open]\n`);
    return 1;
  }
  const port = flags.port === undefined ? 0 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`briefwright web: --port takes a port number from 0 to 65535 (got "${flags.port}")\n`);
    return 1;
  }
  const rendererDir = join(appRoot, 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    process.stderr.write('briefwright web: the app\'s pages are not built (out/renderer is missing): run `npm run build`; the API answers meanwhile.\n');
  }
  let host;
  try {
    host = await startWebHost({ port, userFolder: userFolder(), rendererDir });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    process.stderr.write(`briefwright web: cannot listen on 127.0.0.1:${port}${code === 'EADDRINUSE' ? ' (the port is in use: choose another with --port)' : code ? ` (${code})` : ''}\n`);
    return 1;
  }
  process.stdout.write(`${host.url}\n`);
  if (!flags['no-open']) openInBrowser(host.url);
  const stop = () => {
    host.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}

/** Best effort: a machine without a browser opener still has the printed address. */
function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true, windowsHide: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener: the user opens the printed address.
  }
}

const code = await main(process.argv.slice(2));
if (code !== 0) process.exitCode = code;
