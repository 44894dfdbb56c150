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
  return { png: new Uint8Array(image.asPng()), width, height: (width * image.height) / image.width };
}
