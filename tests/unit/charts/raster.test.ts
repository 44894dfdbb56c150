// Chart pictures for DOCX, drawn through core's Node host and read back with an independent PNG
// reader (png-js, pdfkit's): the pixels are the ones drawn, at print resolution, and a paper's
// charts come back in order.

import { describe, expect, it } from 'vitest';
import { renderChartPngs } from '../../../src/core/charts/raster';
import type { Chart } from '../../../src/core/document/model';
import { houseStyle } from '../../../src/core/writers/style';
import { readPng } from '../../fixtures/read-png';

const chart = (title: string, values: number[]): Chart => ({
  kind: 'bar',
  title,
  valueLabel: 'US$ billion',
  scale: 1e9,
  points: values.map((v, i) => ({ label: String(2015 + i), value: v * 1e9, kind: 'outcome' as const, estimated: false })),
  caption: '',
  alt: '',
});

const rgb = (hex: string): [number, number, number] => [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

describe('chart pictures', () => {
  it('a chart the width of A4 text is about 300 pixels to the inch, white, with bars in the chart colour', async () => {
    const width = ((210 - 44) / 25.4) * 72;
    const [picture] = await renderChartPngs([chart('Bilateral trade turnover', [19.9, 25.7, 41])], width);
    const image = await readPng(picture!.png);
    expect(image.width / (width / 72)).toBeCloseTo(300, -1);
    expect(picture!.height / picture!.width).toBeCloseTo(image.height / image.width, 3);
    const colourAt = (x: number, y: number) => [...image.pixels.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 3)];
    expect(colourAt(0, 0)).toEqual([255, 255, 255]);
    const bar = rgb(houseStyle.charts.bar);
    let barPixels = 0;
    for (let i = 0; i < image.pixels.length; i += 4) {
      if (image.pixels[i] === bar[0] && image.pixels[i + 1] === bar[1] && image.pixels[i + 2] === bar[2]) barPixels++;
    }
    // Three bars cover a good part of the picture.
    expect(barPixels / (image.width * image.height)).toBeGreaterThan(0.05);
  });

  it('many charts, drawn a few at a time, come back in order, each as it is drawn alone', async () => {
    const charts = Array.from({ length: 7 }, (_, n) => chart(`Series ${n}`, [1 + n, 2 * n + 1, 3]));
    const together = await renderChartPngs(charts, 300);
    expect(together).toHaveLength(7);
    for (const [n, c] of charts.entries()) {
      const [alone] = await renderChartPngs([c], 300);
      expect(Buffer.compare(Buffer.from(together[n]!.png), Buffer.from(alone!.png)), `chart ${n}`).toBe(0);
    }
    expect(new Set(together.map((p) => Buffer.from(p.png).toString('base64'))).size).toBe(7);
  });

  it('a paper without charts draws none', async () => {
    expect(await renderChartPngs([], 300)).toEqual([]);
  });
});
