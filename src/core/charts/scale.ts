// The numbers around a chart: a "nice" value axis (round ticks a reader can read at a glance)
// and the one way a chart prints a number (thousands separators, a fixed count of decimals).

export interface ValueScale {
  /** The first and last tick: the axis runs exactly from one to the other. */
  min: number;
  max: number;
  step: number;
  ticks: number[];
  /** Decimals needed to print every tick exactly ("2.5" → 1). */
  decimals: number;
}

/** Steps are 1, 2, 2.5 or 5 times a power of ten: the values people count in. */
const STEP_MULTIPLES = [1, 2, 2.5, 5] as const;
const MIN_TICKS = 4;
const MAX_TICKS = 6;

/**
 * The nice axis covering [low, high] with 4 to 6 ticks. `includeZero` makes it start (or end)
 * at 0, as a bar's length must be measured from 0.
 */
export function niceScale(low: number, high: number, includeZero: boolean): ValueScale {
  // Beyond ±1e300 the span overflows and below a 1e-12 span the step underflows: no real
  // series comes near either, but the axis must still be finite.
  let lo = Number.isFinite(low) ? clamp(low) : 0;
  let hi = Number.isFinite(high) ? clamp(high) : 0;
  if (lo > hi) [lo, hi] = [hi, lo];
  if (includeZero) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  if (hi - lo <= 1e-12 * Math.max(1, Math.abs(hi))) {
    // One value (or none): a bar axis runs from 0 to 1 (or −1); a line gets room on both sides.
    if (includeZero) [lo, hi] = [lo < 0 ? -1 : 0, hi > 0 || lo >= 0 ? 1 : 0];
    else {
      const pad = Math.max(Math.abs(hi) * 0.1, 1);
      [lo, hi] = [lo - pad, hi + pad];
    }
  }

  let best: ValueScale | undefined;
  const exponent = Math.floor(Math.log10((hi - lo) / MAX_TICKS));
  for (let e = exponent - 1; e <= exponent + 2; e++) {
    for (const multiple of STEP_MULTIPLES) {
      const candidate = scaleWithStep(lo, hi, multiple, e);
      const count = candidate.ticks.length;
      if (count >= MIN_TICKS && count <= MAX_TICKS) return candidate;
      if (!best || Math.abs(count - 5) < Math.abs(best.ticks.length - 5)) best = candidate;
    }
  }
  // Unreachable for finite input (the 1-2-2.5-5 ladder never skips the 4–6 window), but an
  // axis is still better than none.
  return best ?? scaleWithStep(lo, hi, 1, exponent);
}

function scaleWithStep(lo: number, hi: number, multiple: number, exponent: number): ValueScale {
  const step = multiple * 10 ** exponent;
  // The small tolerance keeps 40.000000001 from adding a whole empty step.
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const decimals = Math.max(0, -exponent + (multiple === 2.5 ? 1 : 0));
  const ticks: number[] = [];
  for (let i = first; i <= last && ticks.length <= MAX_TICKS * 3; i++) ticks.push(roundTo(i * step, decimals));
  return { min: ticks[0] ?? lo, max: ticks[ticks.length - 1] ?? hi, step, ticks, decimals };
}

/**
 * Decimals to print a whole series with: enough for about three significant figures of its
 * most precise value (41 → "41", 19.885 → "19.9", 2.388 → "2.39"), shared by all values so the
 * labels line up ("41.0", "19.9").
 */
export function seriesDecimals(values: readonly number[]): number {
  let decimals = 0;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    const size = Math.abs(value);
    const wanted = size >= 100 ? 0 : size >= 10 ? 1 : size >= 1 ? 2 : size === 0 ? 0 : Math.min(6, 2 - Math.floor(Math.log10(size)));
    // Trailing zeros are not precision: 41.0 needs no decimal of its own.
    let needed = wanted;
    while (needed > 0 && roundTo(value, needed - 1) === roundTo(value, wanted)) needed--;
    decimals = Math.max(decimals, needed);
  }
  return decimals;
}

/** 1234567.8 → "1,234,567.80" (2 decimals); negatives take a true minus sign. */
export function formatNumber(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return '–';
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole = '', fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const negative = value < 0 && Number(fixed) !== 0;
  return `${negative ? '−' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

function clamp(value: number): number {
  return Math.max(-1e300, Math.min(1e300, value));
}

function roundTo(value: number, decimals: number): number {
  return Number(value.toFixed(Math.min(decimals, 20)));
}
