// Partial dates and periods: which texts are dates, and which facts a date range takes in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overlaps, parseDate, rangeInterval, whenInterval, whenKey, type When } from '../../../src/core/facts/dates';

const interval = (when: When) => {
  const parsed = whenInterval(when);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.interval;
};
const range = (from?: string, to?: string) => {
  const parsed = rangeInterval(from, to);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.interval;
};
const inside = (when: When, from?: string, to?: string) => overlaps(interval(when), range(from, to));
const errorOf = (text: string) => {
  const parsed = parseDate(text);
  return 'error' in parsed ? parsed.error : undefined;
};

describe('what is a date', () => {
  it('2019-13-45 is not a date and says why', () => {
    expect(errorOf('2019-13-45')).toMatch(/"2019-13-45" is not a date: month 13 does not exist/);
  });

  it('2019-02-29 is not a date (2019 is not a leap year)', () => {
    expect(errorOf('2019-02-29')).toMatch(/"2019-02-29" is not a date: 2019-02 has no day 29/);
  });

  it('2020-02-29 is a date', () => {
    expect(errorOf('2020-02-29')).toBeUndefined();
  });

  it('1900-02-29 is not a date and 2000-02-29 is (century leap-year rule)', () => {
    expect(errorOf('1900-02-29')).toBeDefined();
    expect(errorOf('2000-02-29')).toBeUndefined();
  });

  it('2019-04-31 is not a date, 2019-04-30 is', () => {
    expect(errorOf('2019-04-31')).toMatch(/has no day 31/);
    expect(errorOf('2019-04-30')).toBeUndefined();
  });

  it('month 00 and day 00 are not dates', () => {
    expect(errorOf('2019-00')).toMatch(/month 00 does not exist/);
    expect(errorOf('2019-01-00')).toMatch(/has no day 00/);
  });

  it('other shapes are not dates and name the accepted forms', () => {
    for (const text of ['19', '2019-1', '2019-01-1', '2019/01/01', 'April 2019', '', '2019-01-01T00:00']) {
      expect(errorOf(text), text).toMatch(/use YYYY, YYYY-MM or YYYY-MM-DD/);
    }
  });

  it('years before 100 are those years, not 19xx', () => {
    expect(interval('0050').end).toBeLessThan(interval('1950').start);
    expect(errorOf('0004-02-29')).toBeUndefined();
    expect(errorOf('1904-02-29')).toBeUndefined();
    expect(errorOf('0003-02-29')).toBeDefined();
  });

  it('a year covers all of it, a month all its days, a day itself', () => {
    const year = interval('2020');
    expect(year.end - year.start + 1).toBe(366);
    const feb = interval('2019-02');
    expect(feb.end - feb.start + 1).toBe(28);
    const day = interval('2019-02-28');
    expect(day.start).toBe(day.end);
    expect(day.end).toBe(feb.end);
  });

  it('every real calendar day is a date that covers exactly one day', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const text = d.toISOString().slice(0, 10);
        const parsed = parseDate(text);
        expect('interval' in parsed && parsed.interval.start === parsed.interval.end).toBe(true);
      }),
    );
  });
});

describe('date ranges take in facts by overlap', () => {
  it('a fact dated 2018 is inside 2018-06..2019-03', () => {
    expect(inside('2018', '2018-06', '2019-03')).toBe(true);
  });

  it('a fact dated 2019-04 is not inside ..2019-03', () => {
    expect(inside('2019-04', undefined, '2019-03')).toBe(false);
  });

  it('a fact dated 2019-03-31 is inside ..2019-03 (the range ends with the month)', () => {
    expect(inside('2019-03-31', undefined, '2019-03')).toBe(true);
  });

  it('a fact dated 2018-05 is not inside 2018-06..2019-03', () => {
    expect(inside('2018-05', '2018-06', '2019-03')).toBe(false);
  });

  it('a period 2015–2018 overlaps a range 2018-12..2020', () => {
    expect(inside({ from: '2015', to: '2018' }, '2018-12', '2020')).toBe(true);
  });

  it('a period 2015–2018 does not overlap a range 2019..2020', () => {
    expect(inside({ from: '2015', to: '2018' }, '2019', '2020')).toBe(false);
  });

  it('a range open at the start takes in everything up to its end', () => {
    expect(inside('1900', undefined, '2000')).toBe(true);
    expect(inside('2001', undefined, '2000')).toBe(false);
  });

  it('a range open at the end takes in everything from its start', () => {
    expect(inside('2999-12-31', '2020')).toBe(true);
    expect(inside('2019-12-31', '2020')).toBe(false);
  });

  it('a range open at both ends takes in every date', () => {
    expect(inside('0001', undefined, undefined)).toBe(true);
    expect(inside('9999-12-31')).toBe(true);
  });

  it('a range that ends before it starts is an error', () => {
    expect(rangeInterval('2020', '2019')).toEqual({ error: 'the range ends (2019) before it starts (2020)' });
    expect(rangeInterval('2019-06', '2019-05-31')).toHaveProperty('error');
  });

  it('a range within one month is fine', () => {
    expect(rangeInterval('2019-05', '2019-05')).toHaveProperty('interval');
    expect(rangeInterval('2019-05-31', '2019-05')).toHaveProperty('interval');
  });

  it('a bad date in a range is an error with the reason', () => {
    expect(rangeInterval('2019-13-45')).toEqual({ error: '"2019-13-45" is not a date: month 13 does not exist' });
    expect(rangeInterval(undefined, '2019-02-29')).toHaveProperty('error', '"2019-02-29" is not a date: 2019-02 has no day 29');
  });

  it('overlap agrees with "some day of the fact is a day of the range" (property)', () => {
    const year = fc.integer({ min: 2000, max: 2030 });
    const partial = fc.oneof(
      year.map(String),
      fc.tuple(year, fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
      fc.tuple(year, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(
        ([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      ),
    );
    fc.assert(
      fc.property(partial, partial, partial, (fact, a, b) => {
        const [from, to] = interval(a).start <= interval(b).start ? [a, b] : [b, a];
        const f = interval(fact);
        const r = { start: interval(from).start, end: Math.max(interval(to).end, interval(from).end) };
        let shared = false;
        for (let day = f.start; day <= f.end && !shared; day++) shared = day >= r.start && day <= r.end;
        expect(overlaps(f, r)).toBe(shared);
      }),
      { numRuns: 300 },
    );
  });
});

describe('periods', () => {
  it('a period that ends before it starts is an error', () => {
    expect(whenInterval({ from: '2018', to: '2015' })).toEqual({ error: 'period ends (2015) before it starts (2018)' });
  });

  it('a period with an impossible end date is an error with the reason', () => {
    expect(whenInterval({ from: '2018', to: '2019-02-29' })).toHaveProperty('error', '"2019-02-29" is not a date: 2019-02 has no day 29');
  });

  it('a period within one year is fine and spans from its first to its last day', () => {
    const p = interval({ from: '2018-03', to: '2018-03-15' });
    expect(p).toEqual({ start: interval('2018-03-01').start, end: interval('2018-03-15').end });
  });

  it('a period is keyed as "from..to", a date as itself', () => {
    expect(whenKey({ from: '2015', to: '2018' })).toBe('2015..2018');
    expect(whenKey('2018-06')).toBe('2018-06');
  });
});
