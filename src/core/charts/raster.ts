// Charts as PNG, for the formats that cannot take vectors (DOCX): the SVG from svg.ts,
// rasterised by resvg with the app's own fonts and none of the machine's, so the picture
// matches the vector chart of the PDF and the preview on every machine, offline.

import { Resvg } from '@resvg/resvg-js';
import type { Chart } from '../document/model';
import { fonts } from '../writers/style';
import { trueTypeFontFiles } from '../writers/truetype';
import { renderChartSvg } from './svg';

/** Pixels per inch of the picture at the size it is shown: print quality. */
const DPI = 300;

export interface ChartPicture {
  png: Uint8Array;
  /** The size to show it at, in points: the width asked for, and the chart's proportions. */
  width: number;
  height: number;
}

/**
 * Renders a chart as a PNG to be shown `width` points wide. The SVG is the one the PDF shows,
 * scaled the same way (to the width of the text).
 */
export function renderChartPng(chart: Chart, width: number): ChartPicture {
  const resvg = new Resvg(renderChartSvg(chart), {
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
  });
  const image = resvg.render();
  tellGarbageCollector(image, image.width * image.height * 4);
  return { png: new Uint8Array(image.asPng()), width, height: (width * image.height) / image.width };
}

/**
 * resvg keeps the rendered pixels (about 7 MB for a chart the width of an A4 page at 300 dpi)
 * outside the JavaScript heap until the garbage collector finalizes the image, but does not
 * tell the collector they exist; a process that renders chart after chart, and little else,
 * grows by hundreds of megabytes before it collects (measured: 470 MB after 100 charts, one per
 * task, against 110 MB with this). An empty buffer of the same size, owned by the image, is
 * counted by the collector as memory outside the heap, so it collects as it would for pixels of
 * its own; the buffer's pages are never written, so they take no memory themselves.
 */
function tellGarbageCollector(image: object, bytes: number): void {
  Object.defineProperty(image, 'pixelsOutsideHeap', { value: new ArrayBuffer(bytes) });
}
