// Charts as PNG, for the formats that cannot take vectors (DOCX): the SVG from svg.ts, drawn by
// the host (host.ts `rasterise`) with the app's own fonts and none of the machine's, so the
// picture matches the vector chart of the PDF and the preview on every machine, offline.

import type { Chart } from '../document/model';
import { host } from '../host';
import { fonts, houseStyle, type StyleTokens } from '../writers/style';
import { trueTypeFaces } from '../writers/truetype';
import { chartSize, renderChartSvg } from './svg';

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
 * the same way (to the width of the text), in the colours of `style`. The pictures come back in
 * the order of the charts; the host may draw them side by side.
 */
export async function renderChartPngs(charts: readonly Chart[], width: number, style: StyleTokens = houseStyle): Promise<ChartPicture[]> {
  if (charts.length === 0) return [];
  const chartFonts = trueTypeFaces([
    { role: 'heading', style: 'normal' },
    { role: 'heading', style: 'bold' },
    { role: 'body', style: 'normal' },
    { role: 'body', style: 'bold' },
  ]);
  const renderChartPng = async (chart: Chart): Promise<ChartPicture> => {
    const picture = await host().rasterise({
      svg: renderChartSvg(chart, chartSize(chart), style),
      widthPx: Math.round((width / 72) * DPI),
      fonts: chartFonts,
      families: { default: fonts.heading, sansSerif: fonts.heading, serif: fonts.body },
    });
    return { png: picture.png, width, height: (width * picture.heightPx) / picture.widthPx };
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
