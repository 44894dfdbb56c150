// The numbers around a chart: nice axes and how values print.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatNumber, niceScale, seriesDecimals } from '../../../src/core/charts/scale';

describe('niceScale', () => {
  it('a bar axis for 19.9 to 41 runs 0, 10 … 50', () => {
    expect(niceScale(19.9, 41, true).ticks).toEqual([0, 10, 20, 30, 40, 50]);
  });

  it('a line axis hugs the data instead of starting at 0', () => {
    expect(niceScale(101, 108, false).ticks).toEqual([100, 102, 104, 106, 108]);
  });

  it('a step of 2.5 prints with one decimal, 0.25 with two', () => {
    expect(niceScale(0, 12, true)).toMatchObject({ step: 2.5, decimals: 1, ticks: [0, 2.5, 5, 7.5, 10, 12.5] });
    expect(niceScale(0, 1.2, true)).toMatchObject({ step: 0.25, decimals: 2 });
  });

  it('ticks are exact, not 0.30000000000000004', () => {
    expect(niceScale(0, 0.9, true).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('an all-zero series still gets an axis', () => {
    expect(niceScale(0, 0, true).ticks.length).toBeGreaterThanOrEqual(4);
    expect(niceScale(5, 5, false).ticks.length).toBeGreaterThanOrEqual(4);
  });

  it('always has 4 to 6 ticks that cover the data', () => {
    const finite = fc.double({ min: -1e12, max: 1e12, noNaN: true });
    fc.assert(
      fc.property(finite, finite, fc.boolean(), (a, b, includeZero) => {
        const scale = niceScale(a, b, includeZero);
        expect(scale.ticks.length).toBeGreaterThanOrEqual(4);
        expect(scale.ticks.length).toBeLessThanOrEqual(6);
        // Covering within a millionth of a step: 40.000000001 does not earn a tick of its own.
        const slack = scale.step * 1e-6;
        expect(scale.min).toBeLessThanOrEqual(Math.min(a, b) + slack);
        expect(scale.max).toBeGreaterThanOrEqual(Math.max(a, b) - slack);
        if (includeZero) expect(scale.ticks).toContain(0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formatNumber', () => {
  it('groups thousands', () => {
    expect(formatNumber(1234567.891, 2)).toBe('1,234,567.89');
    expect(formatNumber(2388, 0)).toBe('2,388');
  });

  it('writes a true minus sign, and never "−0"', () => {
    expect(formatNumber(-1200, 0)).toBe('−1,200');
    expect(formatNumber(-0.001, 1)).toBe('0.0');
  });
});

describe('seriesDecimals', () => {
  it('gives every value of a series the decimals its most precise value needs', () => {
    expect(seriesDecimals([25.7, 19.885, 41])).toBe(1);
    expect(seriesDecimals([41, 80])).toBe(0);
    expect(seriesDecimals([2.388, 1.1])).toBe(2);
    expect(seriesDecimals([0.0123])).toBe(4);
    expect(seriesDecimals([2388, 17293])).toBe(0);
  });
});
