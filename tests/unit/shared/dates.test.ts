// One rule for what is a date (src/shared/dates.ts): the fact base and the API (core's
// parseDate), the payload schema and the page's From and To fields (renderer/dates.ts) agree on
// every text, each saying why in its own words.
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../src/core/facts/dates';
import { checkDate } from '../../../src/renderer/dates';
import { channels } from '../../../src/shared/api';
import { daysInMonth, partialDate } from '../../../src/shared/dates';

const TEXTS = ['2018', '2018-06', '2018-06-30', '2020-02-29', '2019-02-29', '2019-13', '2019-00', '2019-04-31', '2019-04-00', '0099-02-29', '0096-02-29', '18', '2018-6', '2018/06', 'soon', '2018-06-30T10:00', ' 2018 '];

describe('one rule for what is a date', () => {
  it.each(TEXTS)('"%s": core and the page agree; the payload schema lets through exactly the texts of a date’s shape', (text) => {
    const core = 'interval' in parseDate(text);
    expect(checkDate(text).status === 'valid', 'the page').toBe(core);
    // The schema checks the shape; the API then asks core whether such a day exists.
    const shape = partialDate(text.trim());
    expect(channels.queryFacts.safeParse({ from: text }).success, 'the schema').toBe(text === text.trim() && !('reason' in shape && shape.reason === 'shape'));
  });

  it('says why, in each place’s words', () => {
    expect(partialDate('2019-13')).toEqual({ reason: 'month', month: '13' });
    expect(parseDate('2019-13')).toEqual({ error: '"2019-13" is not a date: month 13 does not exist' });
    expect(checkDate('2019-13')).toEqual({ status: 'invalid', message: 'There is no month 13: use 01 to 12.' });
    expect(parseDate('2019-04-31')).toEqual({ error: '"2019-04-31" is not a date: 2019-04 has no day 31' });
    expect(checkDate('2019-04-31')).toEqual({ status: 'invalid', message: 'April 2019 has days 01 to 30.' });
    expect(checkDate('201')).toMatchObject({ status: 'incomplete' });
  });

  it('counts the days of February in every year, the first centuries included', () => {
    expect([daysInMonth(2019, 2), daysInMonth(2020, 2), daysInMonth(1900, 2), daysInMonth(2000, 2), daysInMonth(96, 2), daysInMonth(99, 2)]).toEqual([28, 29, 28, 29, 29, 28]);
  });
});
