// A chart as a self-contained SVG: the one drawing of a series that the HTML preview and the
// PDF show as vectors and the DOCX embeds as a raster (raster.ts). It owns the chart's look:
// layout, axis, labels, how forecasts and estimated periods are marked, and its alt text.
// No external references, scripts or web fonts: the SVG must draw the same anywhere, offline.

import type { Chart, ChartPoint } from '../document/model';
import { fonts, houseStyle, type StyleTokens } from '../writers/style';
import { formatNumber, niceScale, seriesDecimals, type ValueScale } from './scale';

export interface ChartSize {
  width: number;
  height: number;
}

const DEFAULT_CHART_SIZE: ChartSize = { width: 480, height: 260 };
const COMPACT_CHART_SIZE: ChartSize = { width: 480, height: 140 };

/** The size a chart is drawn at (every writer scales it to its width, keeping this shape). */
export const chartSize = (chart: Chart): ChartSize => (chart.compact ? COMPACT_CHART_SIZE : DEFAULT_CHART_SIZE);

/** Kinds that are not outcomes: drawn hatched (bars) or hollow and dashed (line). */
const UNREALISED_KINDS: ReadonlySet<ChartPoint['kind']> = new Set(['forecast', 'plan', 'claim']);
const FORECAST_LEGEND = 'Forecast or claim';
const ESTIMATED_LEGEND = '* period estimated';
const CONFLICT_LEGEND = '† sources give other values';

const FONT_FAMILY = `'${fonts.heading}', ${fonts.headingFallback}, sans-serif`;
const TYPE = { title: 11, label: 8, value: 8, minValue: 5.5 } as const;
const TITLE_WEIGHT = 600;
const PAD = 10;
const hex = (token: string): string => `#${token}`;

/** Everything placed on the canvas, worked out once before anything is drawn. */
interface Layout {
  width: number;
  height: number;
  titleLines: string[];
  legendY: number | undefined;
  valueLabelY: number | undefined;
  plot: { left: number; right: number; top: number; bottom: number };
  scale: ValueScale;
  categories: CategoryLabels;
  /** Decimals of the value labels, shared by the series. */
  decimals: number;
  hatchId: string;
  /** The colours the chart is drawn in (the house style's chart tokens). */
  ink: StyleTokens['charts'];
  /** The x of each point's centre, and the width each point may take. */
  centres: number[];
  slot: number;
}

interface CategoryLabels {
  mode: 'flat' | 'wrapped' | 'rotated';
  /** One entry per point; a wrapped label has up to two lines. */
  lines: string[][];
  height: number;
}

/** A chart as SVG, `size` points, in the colours of `style`. */
export function renderChartSvg(chart: Chart, size: ChartSize = chartSize(chart), style: StyleTokens = houseStyle): string {
  const layout = layOut(chart, size, style.charts);
  const { width, height } = layout;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" font-family="${escapeXml(FONT_FAMILY)}">`,
    `<title>${escapeXml(chartAltText(chart))}</title>`,
    drawDefs(layout),
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    drawTitle(layout),
    drawLegend(chart, layout),
    drawValueAxis(chart, layout),
  ];
  if (finitePoints(chart).length === 0) parts.push(drawNoData(layout));
  else {
    parts.push(chart.kind === 'line' ? drawLine(chart, layout) : drawBars(chart, layout));
    parts.push(drawCategoryLabels(layout));
  }
  parts.push('</svg>');
  return parts.filter(Boolean).join('\n');
}

/**
 * Alternative text for readers who cannot see the chart: `chart.alt` when the template gave
 * one, otherwise a sentence listing every value.
 */
export function chartAltText(chart: Chart): string {
  if (chart.alt.trim()) return chart.alt.trim();
  const what = chart.kind === 'line' ? 'Line chart' : 'Bar chart';
  const title = chart.title.trim() ? ` of ${chart.title.trim()}` : '';
  const unit = chart.valueLabel.trim() ? ` (${chart.valueLabel.trim()})` : '';
  const values = displayValues(chart);
  const decimals = seriesDecimals(values);
  const listed = chart.points.map((point, i) => {
    const notes = [point.estimated ? 'period estimated' : '', UNREALISED_KINDS.has(point.kind) ? point.kind : ''].filter(Boolean);
    if (point.conflict) notes.push('sources give other values');
    return `${point.label}: ${point.valueText ?? formatNumber(values[i] ?? NaN, decimals)}${notes.length ? ` (${notes.join(', ')})` : ''}`;
  });
  return `${what}${title}${unit}: ${listed.length ? listed.join('; ') : 'no data'}.`;
}

// ---------------------------------------------------------------------------------------------
// Layout

function layOut(chart: Chart, size: ChartSize, ink: StyleTokens['charts']): Layout {
  const width = positive(size.width, DEFAULT_CHART_SIZE.width);
  const height = positive(size.height, DEFAULT_CHART_SIZE.height);
  const values = displayValues(chart).filter(Number.isFinite);
  const low = values.reduce((a, b) => Math.min(a, b), Infinity);
  const high = values.reduce((a, b) => Math.max(a, b), -Infinity);
  const scale = niceScale(low, high, chart.kind !== 'line');

  let y = PAD;
  const titleLines = chart.title.trim() ? wrap(chart.title.trim(), width - 2 * PAD, TYPE.title, 2, TITLE_WEIGHT) : [];
  y += titleLines.length * (TYPE.title + 3);
  const legendY = hasLegend(chart) ? (y += TYPE.label + 6) : undefined;
  const valueLabelY = chart.valueLabel.trim() ? (y += TYPE.label + 6) : undefined;
  // Room above the top tick for the value printed over the tallest bar or point.
  const top = y + TYPE.value + 6;

  const tickWidth = Math.max(...scale.ticks.map((t) => textWidth(formatNumber(t, scale.decimals), TYPE.label)));
  const left = PAD + tickWidth + 5;
  const right = width - PAD;
  // The labels under the axis may take what the plot can spare: it keeps at least two fifths of
  // the height below the headings, so that long names never flatten the bars to a sliver.
  const plotLeast = Math.max(40, 0.4 * (height - PAD - top));
  const { centres, slot } = placeAlong(chart, left, right);
  const categories = layOutCategories(chart, slot, height - PAD - top - plotLeast);
  const bottom = Math.max(top + 20, height - PAD - categories.height);

  return {
    width,
    height,
    titleLines,
    legendY,
    valueLabelY,
    plot: { left, right, top, bottom },
    scale,
    categories,
    decimals: seriesDecimals(values),
    hatchId: `bw-hatch-${hash(JSON.stringify(chart))}`,
    ink,
    centres,
    slot,
  };
}

/**
 * Where each point's centre goes between `left` and `right`. Points that all carry a time
 * (`at`) are spaced by it, so 2017, 2018 and 2023 do not stand evenly apart; the closest two
 * decide the width each may take (never less than a twenty-fourth of the span). Otherwise each
 * point gets an equal slot.
 */
function placeAlong(chart: Chart, left: number, right: number): { centres: number[]; slot: number } {
  const count = chart.points.length;
  const times = chart.points.map((p) => p.at);
  const timed = count > 1 && times.every((t): t is number => t !== undefined && Number.isFinite(t));
  if (!timed) {
    const slot = (right - left) / Math.max(1, count);
    return { centres: chart.points.map((_, i) => left + (i + 0.5) * slot), slot };
  }
  const sorted = [...times].sort((a, b) => a - b);
  const span = sorted[sorted.length - 1]! - sorted[0]!;
  let gap = Infinity;
  for (let i = 1; i < sorted.length; i++) {
    const step = sorted[i]! - sorted[i - 1]!;
    if (step > 0) gap = Math.min(gap, step);
  }
  const unit = Math.max(Number.isFinite(gap) ? gap : 1, span / 24, 1e-9);
  const perYear = (right - left) / (span + unit);
  return { centres: times.map((t) => left + (t - sorted[0]! + unit / 2) * perYear), slot: unit * perYear };
}

const MAX_ROTATED_LABEL = 80;

/**
 * Category labels lie flat when they fit their slot, else wrap onto as many lines as `room`
 * (points of height) allows, up to three, else slant, cut short to that room.
 */
function layOutCategories(chart: Chart, slot: number, room: number): CategoryLabels {
  const labels = chart.points.map((p) => `${p.label}${p.estimated ? '*' : ''}`);
  const across = slot - 4;
  if (labels.every((label) => textWidth(label, TYPE.label) <= across)) {
    return { mode: 'flat', lines: labels.map((l) => [l]), height: TYPE.label + 8 };
  }
  const linesThatFit = Math.max(2, Math.min(3, Math.floor((room - 8) / (TYPE.label + 2))));
  const wrapped = labels.map((label) => wrap(label, across, TYPE.label, linesThatFit + 1));
  if (wrapped.every((lines) => lines.length <= linesThatFit && lines.every((line) => textWidth(line, TYPE.label) <= across))) {
    const tallest = Math.max(...wrapped.map((lines) => lines.length));
    return { mode: 'wrapped', lines: wrapped, height: tallest * (TYPE.label + 2) + 8 };
  }
  const slantedRoom = Math.max(20, Math.min(MAX_ROTATED_LABEL, (room - TYPE.label - 8) / Math.SQRT1_2));
  const slanted = labels.map((label) => [truncate(label, slantedRoom, TYPE.label)]);
  const longest = Math.max(...slanted.map(([l = '']) => textWidth(l, TYPE.label)));
  return { mode: 'rotated', lines: slanted, height: longest * Math.SQRT1_2 + TYPE.label + 8 };
}

// ---------------------------------------------------------------------------------------------
// Drawing

function drawDefs(layout: Layout): string {
  // The id carries a hash of the chart, so two charts inlined in one HTML page never clash.
  return [
    '<defs>',
    `<pattern id="${layout.hatchId}" patternUnits="userSpaceOnUse" width="4" height="4" patternTransform="rotate(45)">`,
    `<rect width="4" height="4" fill="#ffffff"/>`,
    `<line x1="0" y1="0" x2="0" y2="4" stroke="${hex(layout.ink.unrealised)}" stroke-width="2"/>`,
    '</pattern>',
    '</defs>',
  ].join('');
}

function drawTitle(layout: Layout): string {
  return layout.titleLines
    .map((line, i) => text(line, PAD, PAD + TYPE.title + i * (TYPE.title + 3), { size: TYPE.title, weight: TITLE_WEIGHT, fill: layout.ink.text }))
    .join('\n');
}

function drawLegend(chart: Chart, layout: Layout): string {
  if (layout.legendY === undefined) return '';
  const baseline = layout.legendY;
  const parts: string[] = [];
  let x = PAD;
  if (hasUnrealised(chart)) {
    parts.push(chart.kind === 'line' ? lineSwatch(x, baseline, layout.ink) : barSwatch(x, baseline, layout.hatchId, layout.ink));
    x += 14;
    parts.push(text(FORECAST_LEGEND, x, baseline, { size: TYPE.label, fill: layout.ink.secondary }));
    x += textWidth(FORECAST_LEGEND, TYPE.label) + 14;
  }
  if (chart.points.some((p) => p.estimated)) {
    parts.push(text(ESTIMATED_LEGEND, x, baseline, { size: TYPE.label, fill: layout.ink.secondary }));
    x += textWidth(ESTIMATED_LEGEND, TYPE.label) + 14;
  }
  if (chart.points.some((p) => p.conflict)) {
    parts.push(text(CONFLICT_LEGEND, x, baseline, { size: TYPE.label, fill: layout.ink.secondary }));
  }
  return parts.join('\n');
}

function barSwatch(x: number, baseline: number, hatchId: string, ink: Layout['ink']): string {
  return `<rect x="${n(x)}" y="${n(baseline - 8)}" width="10" height="8" fill="url(#${hatchId})" stroke="${hex(ink.unrealised)}" stroke-width="0.8"/>`;
}

function lineSwatch(x: number, baseline: number, ink: Layout['ink']): string {
  const y = n(baseline - 3);
  return [
    `<line x1="${n(x)}" y1="${y}" x2="${n(x + 10)}" y2="${y}" stroke="${hex(ink.unrealised)}" stroke-width="1.5" stroke-dasharray="3 2"/>`,
    `<circle cx="${n(x + 5)}" cy="${y}" r="2.5" fill="#ffffff" stroke="${hex(ink.unrealised)}" stroke-width="1.2"/>`,
  ].join('');
}

/** Value axis: the unit above the plot, gridlines at the nice ticks, the zero line stronger. */
function drawValueAxis(chart: Chart, layout: Layout): string {
  const { plot, scale } = layout;
  const parts: string[] = [];
  if (layout.valueLabelY !== undefined) {
    parts.push(text(chart.valueLabel.trim(), PAD, layout.valueLabelY, { size: TYPE.label, fill: layout.ink.secondary }));
  }
  for (const tick of scale.ticks) {
    const y = yOf(tick, layout);
    const isZero = tick === 0 && chart.kind !== 'line';
    parts.push(
      `<line x1="${n(plot.left)}" y1="${n(y)}" x2="${n(plot.right)}" y2="${n(y)}" stroke="${hex(isZero ? layout.ink.secondary : layout.ink.rule)}" stroke-width="${isZero ? 0.8 : 0.5}"/>`,
    );
    parts.push(text(formatNumber(tick, scale.decimals), plot.left - 5, y + 3, { size: TYPE.label, fill: layout.ink.secondary, anchor: 'end' }));
  }
  return parts.join('\n');
}

function drawBars(chart: Chart, layout: Layout): string {
  const { slot } = layout;
  const barWidth = Math.min(slot * 0.62, 48);
  const zero = yOf(0, layout);
  const values = displayValues(chart);
  return chart.points
    .map((point, i) => {
      const value = values[i] ?? NaN;
      if (!Number.isFinite(value)) return '';
      const x = layout.centres[i]! - barWidth / 2;
      const top = yOf(value, layout);
      const fill = UNREALISED_KINDS.has(point.kind)
        ? `fill="url(#${layout.hatchId})" stroke="${hex(layout.ink.unrealised)}" stroke-width="0.8"`
        : `fill="${hex(layout.ink.bar)}"`;
      const bar = `<rect x="${n(x)}" y="${n(Math.min(top, zero))}" width="${n(barWidth)}" height="${n(Math.abs(zero - top))}" ${fill}/>`;
      const labelY = value < 0 ? top + TYPE.value + 2 : top - 3;
      return `${bar}\n${valueLabel(point, value, x + barWidth / 2, labelY, slot, layout)}`;
    })
    .join('\n');
}

function drawLine(chart: Chart, layout: Layout): string {
  const { slot } = layout;
  const values = displayValues(chart);
  const at = (i: number): { x: number; y: number } | undefined => {
    const value = values[i];
    return value !== undefined && Number.isFinite(value) ? { x: layout.centres[i]!, y: yOf(value, layout) } : undefined;
  };
  const parts: string[] = [];
  // One segment per pair, so a segment leading to a forecast can be dashed on its own.
  for (let i = 0; i + 1 < chart.points.length; i++) {
    const [a, b] = [at(i), at(i + 1)];
    if (!a || !b) continue;
    const unrealised = [chart.points[i], chart.points[i + 1]].some((p) => p && UNREALISED_KINDS.has(p.kind));
    const style = unrealised ? `stroke="${hex(layout.ink.unrealised)}" stroke-dasharray="4 3"` : `stroke="${hex(layout.ink.bar)}"`;
    parts.push(`<line x1="${n(a.x)}" y1="${n(a.y)}" x2="${n(b.x)}" y2="${n(b.y)}" ${style} stroke-width="1.8"/>`);
  }
  chart.points.forEach((point, i) => {
    const p = at(i);
    if (!p) return;
    const marker = UNREALISED_KINDS.has(point.kind)
      ? `fill="#ffffff" stroke="${hex(layout.ink.unrealised)}" stroke-width="1.5"`
      : `fill="${hex(layout.ink.bar)}" stroke="#ffffff" stroke-width="1"`;
    parts.push(`<circle cx="${n(p.x)}" cy="${n(p.y)}" r="3.2" ${marker}/>`);
    parts.push(valueLabel(point, values[i] ?? NaN, p.x, p.y - 6, slot, layout));
  });
  return parts.join('\n');
}

/**
 * The value over a bar or point, as the source gives it ("over 16", never "16.00"), made
 * smaller rather than overlapping its neighbours; "†" where sources disagree.
 */
function valueLabel(point: ChartPoint, value: number, x: number, y: number, slot: number, layout: Layout): string {
  const label = `${point.valueText ?? formatNumber(value, layout.decimals)}${point.conflict ? '†' : ''}`;
  const fit = (slot - 2) / Math.max(1, textWidth(label, 1));
  const size = Math.max(TYPE.minValue, Math.min(TYPE.value, fit));
  return text(label, x, y, { size, fill: layout.ink.text, anchor: 'middle' });
}

function drawCategoryLabels(layout: Layout): string {
  const { plot, categories } = layout;
  const top = plot.bottom + TYPE.label + 4;
  return categories.lines
    .map((lines, i) => {
      const x = layout.centres[i] ?? plot.left;
      if (categories.mode === 'rotated') {
        const label = lines[0] ?? '';
        return text(label, x, top - 2, { size: TYPE.label, fill: layout.ink.text, anchor: 'end', rotate: -45 });
      }
      return lines.map((line, j) => text(line, x, top + j * (TYPE.label + 2), { size: TYPE.label, fill: layout.ink.text, anchor: 'middle' })).join('\n');
    })
    .join('\n');
}

function drawNoData(layout: Layout): string {
  const { plot } = layout;
  return text('No data', (plot.left + plot.right) / 2, (plot.top + plot.bottom) / 2, { size: TYPE.label, fill: layout.ink.secondary, anchor: 'middle' });
}

// ---------------------------------------------------------------------------------------------
// Pieces

interface TextStyle {
  size: number;
  fill: string;
  weight?: number;
  anchor?: 'start' | 'middle' | 'end';
  rotate?: number;
}

function text(content: string, x: number, y: number, style: TextStyle): string {
  const attributes = [
    `x="${n(x)}"`,
    `y="${n(y)}"`,
    `font-size="${n(style.size)}"`,
    `fill="${hex(style.fill)}"`,
    style.weight ? `font-weight="${style.weight}"` : '',
    style.anchor && style.anchor !== 'start' ? `text-anchor="${style.anchor}"` : '',
    style.rotate ? `transform="rotate(${style.rotate} ${n(x)} ${n(y)})"` : '',
  ];
  return `<text ${attributes.filter(Boolean).join(' ')}>${escapeXml(content)}</text>`;
}

/**
 * Escapes text for XML, and drops the characters XML 1.0 cannot hold at all (control
 * characters, lone surrogates), which would otherwise make the whole SVG unreadable.
 */
function escapeXml(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * Approximate width of a text in Source Sans 3 (core has no font metrics), erring wide so
 * that a label judged to fit does fit. Good enough to choose a layout, not to justify text.
 */
function textWidth(value: string, size: number, weight = 400): number {
  let ems = 0;
  for (const char of value) {
    if (/[ .,:;'!|il1()[\]]/.test(char)) ems += 0.3;
    else if (/[A-Z–—mw%]/.test(char)) ems += 0.68;
    else ems += 0.55;
  }
  return ems * size * (weight >= 600 ? 1.06 : 1);
}

/** Greedy word wrap (at spaces, and after en dashes and hyphens); at most `maxLines`, the last one shortened with "…". */
function wrap(value: string, width: number, size: number, maxLines: number, weight = 400): string[] {
  const words = value.split(/(?<=[\s–-])/u).filter((w) => w.trim());
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line + word;
    if (line && textWidth(candidate.trimEnd(), size, weight) > width) {
      lines.push(line.trimEnd());
      line = word;
    } else line = candidate;
  }
  if (line.trim()) lines.push(line.trimEnd());
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = truncate(`${kept[maxLines - 1] ?? ''} ${lines.slice(maxLines).join(' ')}`, width, size, weight);
  return kept;
}

function truncate(value: string, width: number, size: number, weight = 400): string {
  if (textWidth(value, size, weight) <= width) return value;
  const chars = [...value];
  while (chars.length > 1 && textWidth(`${chars.join('').trimEnd()}…`, size, weight) > width) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

function yOf(value: number, layout: Layout): number {
  const { plot, scale } = layout;
  // The axis covers every value the scale could hold; the clamp only guards against
  // values beyond ±1e300, where the arithmetic itself would overflow.
  const fraction = Math.max(0, Math.min(1, (value - scale.min) / (scale.max - scale.min || 1)));
  return plot.bottom - fraction * (plot.bottom - plot.top);
}

/** Values as printed: raw values divided by the chart's scale (1e9 for "US$ billion"). */
function displayValues(chart: Chart): number[] {
  const divisor = Number.isFinite(chart.scale) && chart.scale !== 0 ? chart.scale : 1;
  return chart.points.map((p) => p.value / divisor);
}

function finitePoints(chart: Chart): ChartPoint[] {
  return chart.points.filter((p) => Number.isFinite(p.value));
}

function hasUnrealised(chart: Chart): boolean {
  return chart.points.some((p) => UNREALISED_KINDS.has(p.kind));
}

function hasLegend(chart: Chart): boolean {
  return hasUnrealised(chart) || chart.points.some((p) => p.estimated || p.conflict);
}

function positive(value: number, fallback: number): number {
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Coordinates with two decimals: enough for print, and stable across runs. */
function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function hash(value: string): string {
  let h = 5381;
  for (let i = 0; i < value.length; i++) h = (Math.imul(h, 33) ^ value.charCodeAt(i)) >>> 0;
  return h.toString(36);
}
