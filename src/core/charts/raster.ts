// Charts as PNG, for the formats that cannot take vectors (DOCX): the SVG from svg.ts,
// rasterised by resvg with the app's own fonts and none of the machine's, so the picture
// matches the vector chart of the PDF and the preview on every machine, offline.
//
// Both halves of the work run off the main thread: resvg draws on libuv's thread pool
// (`renderAsync`) and zlib compresses there too, so a paper's charts are made side by side.
// resvg's own PNG encoder (`asPng`) runs on the calling thread and took two thirds of the time.

import type { RenderedImage, ResvgRenderOptions } from '@resvg/resvg-js';
import { promisify } from 'node:util';
import { crc32, deflate } from 'node:zlib';
import type { Chart } from '../document/model';
import { fonts } from '../writers/style';
import { trueTypeFontFiles } from '../writers/truetype';
import { renderChartSvg } from './svg';

/** Pixels per inch of the picture at the size it is shown: print quality. */
const DPI = 300;

/**
 * Charts drawn at once. Each holds its pixels three times while it is encoded (about 25 MB for
 * a chart the width of an A4 page), so a paper of many charts draws them a few at a time.
 */
const AT_ONCE = 4;

export interface ChartPicture {
  png: Uint8Array;
  /** The size to show it at, in points: the width asked for, and the chart's proportions. */
  width: number;
  height: number;
}

/**
 * Renders charts as PNGs to be shown `width` points wide, each the SVG the PDF shows, scaled
 * the same way (to the width of the text). The pictures come back in the order of the charts.
 */
export async function renderChartPngs(charts: readonly Chart[], width: number): Promise<ChartPicture[]> {
  if (charts.length === 0) return [];
  // resvg is a native module: a paper without charts never loads it.
  const { renderAsync } = await import('@resvg/resvg-js');
  const renderChartPng = async (chart: Chart): Promise<ChartPicture> => {
    const image = await renderAsync(renderChartSvg(chart), rasterOptions(width));
    tellGarbageCollector(image, image.width * image.height * 4);
    const png = await encodePng(image.width, image.height, image.pixels);
    return { png, width, height: (width * image.height) / image.width };
  };
  const pictures: ChartPicture[] = new Array(charts.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < charts.length) {
      const index = next++;
      pictures[index] = await renderChartPng(charts[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, charts.length) }, worker));
  return pictures;
}

function rasterOptions(width: number): ResvgRenderOptions {
  return {
    fitTo: { mode: 'width', value: Math.round((width / 72) * DPI) },
    background: 'white',
    font: {
      loadSystemFonts: false,
      fontFiles: trueTypeFontFiles([
        { role: 'heading', style: 'normal' },
        { role: 'heading', style: 'bold' },
        { role: 'body', style: 'normal' },
        { role: 'body', style: 'bold' },
      ]),
      defaultFontFamily: fonts.heading,
      sansSerifFamily: fonts.heading,
      serifFamily: fonts.body,
    },
    logLevel: 'off',
  };
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
