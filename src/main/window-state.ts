// Where the window was and how big, remembered across launches in <userFolder>/window-state.json.
// A missing or damaged file, or bounds on a screen that is gone, give the default size. It is
// read by the user folder's rule (src/platform/inside-folder.ts), at start-up, before the window
// opens: a link out of the folder, a named pipe or a device in its place is not read (a pipe
// would hold the app's start for ever), nor is a file far larger than any state.
import { mkdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../platform/atomic-write';
import { isInside } from '../platform/inside-folder';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

/** Fits a 1280×800 screen; the layout works down to the minimum. */
const DEFAULT_SIZE = { width: 1280, height: 800 };
export const MIN_SIZE = { width: 960, height: 640 };
const FILE = 'window-state.json';

interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The remembered state, kept only if it is sane and (when screens are known) on one of them. */
export function readWindowState(folder: string, screens: readonly Area[] = []): WindowState {
  const fallback: WindowState = { ...DEFAULT_SIZE, maximized: false };
  let value: unknown;
  try {
    const real = realpathSync(join(folder, FILE));
    const info = statSync(real);
    if (!isInside(realpathSync(folder), real) || !info.isFile() || info.size > 64 * 1024) return fallback;
    value = JSON.parse(readFileSync(real, 'utf8'));
  } catch {
    return fallback;
  }
  if (value === null || typeof value !== 'object') return fallback;
  const v = value as Record<string, unknown>;
  const int = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && Math.abs(n) < 100_000;
  if (!int(v.width) || !int(v.height)) return fallback;
  const state: WindowState = {
    width: Math.max(MIN_SIZE.width, v.width),
    height: Math.max(MIN_SIZE.height, v.height),
    maximized: v.maximized === true,
  };
  const { x, y } = v;
  if (int(x) && int(y)) {
    // Enough of the title bar on some screen to grab it.
    const visible = screens.length === 0 || screens.some((s) => x < s.x + s.width - 100 && x + state.width > s.x + 100 && y >= s.y - 10 && y < s.y + s.height - 100);
    if (visible) Object.assign(state, { x, y });
  }
  return state;
}

export function writeWindowState(folder: string, state: WindowState): void {
  mkdirSync(folder, { recursive: true });
  writeFileAtomicSync(join(folder, FILE), new TextEncoder().encode(`${JSON.stringify(state, null, 2)}\n`));
}
