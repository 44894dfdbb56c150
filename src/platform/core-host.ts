// Core's host on Node (src/core/host.ts): the files of installed packages (the shipped fonts),
// and chart pictures drawn by resvg with those fonts only. Every process that makes papers —
// Electron's main process, a paper worker, the web host, the command line, the benchmarks and
// the tests — calls `useNodeHost` before its first paper.
//
// Both halves of drawing a chart run off the main thread: resvg draws on libuv's thread pool
// (`renderAsync`) and zlib compresses there too, so a paper's charts are made side by side.
// resvg's own PNG encoder (`asPng`) runs on the calling thread and took two thirds of the time.

import type { RenderedImage, ResvgRenderOptions } from '@resvg/resvg-js';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { crc32, deflate } from 'node:zlib';
import { provideHost, type CoreHost, type RasterPicture, type RasterRequest } from '../core/host';

// Not named `require`: the desktop build adds a `require` of its own to every chunk that needs one.
const packageResolver = createRequire(import.meta.url);
const packageDirs = new Map<string, string>();

/** A file of an installed package, or undefined when the package has no such file. */
function packageFile(packageName: string, path: string): Uint8Array | undefined {
  let dir = packageDirs.get(packageName);
  if (dir === undefined) {
    dir = dirname(packageResolver.resolve(`${packageName}/package.json`));
    packageDirs.set(packageName, dir);
  }
  const file = join(dir, path);
  return existsSync(file) ? new Uint8Array(readFileSync(file)) : undefined;
}

async function rasterise(request: RasterRequest): Promise<RasterPicture> {
  // resvg is a native module: a process that draws no chart never loads it.
  const { renderAsync } = await import('@resvg/resvg-js');
  const image = await renderAsync(request.svg, rasterOptions(request));
  tellGarbageCollector(image, image.width * image.height * 4);
  const png = await encodePng(image.width, image.height, image.pixels);
  return { png, widthPx: image.width, heightPx: image.height };
}

function rasterOptions(request: RasterRequest): ResvgRenderOptions {
  return {
    fitTo: { mode: 'width', value: request.widthPx },
    background: 'white',
    font: {
      loadSystemFonts: false,
      fontFiles: request.fonts.map(fontFilePath),
      defaultFontFamily: request.families.default,
      sansSerifFamily: request.families.sansSerif,
      serifFamily: request.families.serif,
    },
    logLevel: 'off',
  };
}

const fontPaths = new WeakMap<Uint8Array, string>();

/**
 * The path of a file holding a font, for resvg, which reads fonts only by path. Each is written
 * once into a folder under the system temp directory, named by its content, so a stale or
 * foreign file is never picked up and concurrent renders share them.
 */
function fontFilePath(bytes: Uint8Array): string {
  let path = fontPaths.get(bytes);
  if (path === undefined) {
    const dir = join(tmpdir(), 'briefwright-fonts');
    path = join(dir, `${createHash('sha256').update(bytes).digest('hex').slice(0, 20)}.ttf`);
    if (!existsSync(path)) {
      mkdirSync(dir, { recursive: true });
      // Written aside and renamed, so that a concurrent render never reads half a font.
      const partial = `${path}.${process.pid}.part`;
      writeFileSync(partial, bytes);
      renameSync(partial, path);
    }
    fontPaths.set(bytes, path);
  }
  return path;
}

const deflateAsync = promisify(deflate);
const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/**
 * An RGBA image as a PNG (8 bits a channel, no interlacing). Each row is stored unfiltered: a
 * chart is large areas of one colour, which DEFLATE packs well as they are, and unfiltered rows
 * are copied, not computed, on the main thread.
 */
export async function encodePng(width: number, height: number, rgba: Uint8Array): Promise<Uint8Array> {
  const stride = width * 4;
  if (rgba.length !== stride * height) throw new Error(`encodePng: ${rgba.length} bytes are not a ${width}×${height} RGBA image`);
  const rows = Buffer.alloc((stride + 1) * height); // filter byte 0 (none) before each row
  for (let y = 0; y < height; y++) rows.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // colour type: RGBA
  // Bytes 10–12: deflate compression, adaptive filtering, no interlace (all 0).
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', header), pngChunk('IDAT', await deflateAsync(rows)), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A PNG chunk: length, type, data, and the CRC-32 of type and data. */
function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))) >>> 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * resvg keeps the rendered pixels (about 9 MB for a chart the width of an A4 page at 300 dpi)
 * outside the JavaScript heap until the garbage collector finalizes the image, but does not
 * tell the collector they exist; a process that renders chart after chart, and little else,
 * grows by hundreds of megabytes before it collects (measured: 470 MB after 100 charts, one per
 * task, against 110 MB with this). An empty buffer of the same size, owned by the image, is
 * counted by the collector as memory outside the heap, so it collects as it would for pixels of
 * its own; the buffer's pages are never written, so they take no memory themselves.
 */
function tellGarbageCollector(image: RenderedImage, bytes: number): void {
  Object.defineProperty(image, 'pixelsOutsideHeap', { value: new ArrayBuffer(bytes) });
}

export const nodeHost: CoreHost = { packageFile, rasterise };

/** Hands core the Node host. Every process that makes papers calls it before its first. */
export function useNodeHost(): void {
  provideHost(nodeHost);
}
