import { CronSearchError, nextCronRun, parseCrontab, type Crontab } from '../../src/tasks/crontab';
import { formatIsoMicros, type Micros } from '../../src/python/py-datetime';

// Every expectation below was checked by hand against cron-converter 1.2.2 itself (`Cron(s).to_list()`, and
// authentik's `compute_next_run`: `Cron(s).schedule(now).next()`, again one minute later if that is not after now).

const ALL = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const lists = (c: Crontab | undefined) => c && [c.minutes, c.hours, c.days, c.months, c.weekdays];

/** `2025-08-22T14:07:31.500000Z` → microseconds. */
function at(iso: string): Micros {
  const m = /^(.*?:\d\d)(?:\.(\d{1,6}))?Z$/.exec(iso)!;
  return Date.parse(`${m[1]}Z`) * 1000 + Number((m[2] ?? '').padEnd(6, '0'));
}

describe('parseCrontab: what cron-converter 1.2.2 accepts', () => {
  const accepted: Array<[string, (number[] | '*')[]]> = [
    ['* * * * *', ['*', '*', '*', '*', '*']],
    ['0 0 1 1 0', [[0], [0], [1], [1], [0]]],
    ['59 23 31 12 6', [[59], [23], [31], [12], [6]]],
    // 7 is Sunday, alone, in ranges (`5-7` is 5, 6, 0) and as `0-7`
    ['* * * * 7', ['*', '*', '*', '*', [0]]],
    ['* * * * 7-7', ['*', '*', '*', '*', [0]]],
    ['* * * * 6-7', ['*', '*', '*', '*', [0, 6]]],
    ['* * * * 5-7', ['*', '*', '*', '*', [0, 5, 6]]],
    ['0-7 * * * 0-7', [ALL(0, 7), '*', '*', '*', '*']],
    // a step on a range ending in 7: 7 is already 0 when the step applies, and 0 is not congruent to 1
    ['* * * * 1-7/2', ['*', '*', '*', '*', [1, 3, 5]]],
    // steps: `*/n` from the unit's minimum, `a-b/n` from a, a step beyond the range keeps the first value only
    ['*/1 * * * *', ['*', '*', '*', '*', '*']],
    ['*/61 * * * *', [[0], '*', '*', '*', '*']],
    ['*/99999999999999999999999 * * * *', [[0], '*', '*', '*', '*']],
    ['* * * * */7', ['*', '*', '*', '*', [0]]],
    ['2-59/5 * * * *', [[2, 7, 12, 17, 22, 27, 32, 37, 42, 47, 52, 57], '*', '*', '*', '*']],
    ['0-59/15 */6 1-31/10 */5 0-6/2', [[0, 15, 30, 45], [0, 6, 12, 18], [1, 11, 21, 31], [1, 6, 11], [0, 2, 4, 6]]],
    ['* * */2 * *', ['*', '*', ALL(1, 31).filter((d) => d % 2 === 1), '*', '*']],
    // a single value with a step is that value alone (not `5-59/15`)
    ['5/15 * * * *', [[5], '*', '*', '*', '*']],
    // lists: sorted, duplicates dropped, `*` inside a list
    ['1,2,3 * * * *', [[1, 2, 3], '*', '*', '*', '*']],
    ['3,1,2,1 * * * *', [[1, 2, 3], '*', '*', '*', '*']],
    ['*,* * * * *', ['*', '*', '*', '*', '*']],
    ['1-1 * * * *', [[1], '*', '*', '*', '*']],
    ['*/20,5 * * * *', [[0, 5, 20, 40], '*', '*', '*', '*']],
    // month and weekday names, any case, in ranges, lists and steps
    ['0 0 * jan *', [[0], [0], '*', [1], '*']],
    ['0 0 * JAN-jun *', [[0], [0], '*', ALL(1, 6), '*']],
    ['0 0 * Jan,mar,DEC *', [[0], [0], '*', [1, 3, 12], '*']],
    ['0 0 * * MON-FRI', [[0], [0], '*', '*', [1, 2, 3, 4, 5]]],
    ['0 0 * * sun,sat', [[0], [0], '*', '*', [0, 6]]],
    ['0 0 * * mon/2', [[0], [0], '*', '*', [1]]],
    ['0 0 * * */mon', [[0], [0], '*', '*', '*']],
    // names are replaced anywhere in the field after upper-casing: glued names, and `ſ` (long s) upper-cases to S
    ['0 0 * janfeb *', [[0], [0], '*', [12], '*']],
    ['0 0 * * ſat', [[0], [0], '*', '*', [6]]],
    // Python int(): any Unicode decimal digit, leading zeros, `+`, single underscores between digits
    ['０ * * * *', [[0], '*', '*', '*', '*']],
    ['٥ * * * *', [[5], '*', '*', '*', '*']],
    ['١٢ * * * *', [[12], '*', '*', '*', '*']],
    ['𝟓 * * * *', [[5], '*', '*', '*', '*']],
    ['१-३ * * * *', [[1, 2, 3], '*', '*', '*', '*']],
    ['1_0 * * * *', [[10], '*', '*', '*', '*']],
    ['+5 * * * *', [[5], '*', '*', '*', '*']],
    ['00 007 * * *', [[0], [7], '*', '*', '*']],
    // Python str.split(): any run of Unicode whitespace separates fields
    ['0\t0\t*\t*\t*', [[0], [0], '*', '*', '*']],
    ['0  0   *   *   *', [[0], [0], '*', '*', '*']],
    ['0\u30000 * * *', [[0], [0], '*', '*', '*']],
    ['0\x1c0\x85*\xa0*\u2003*', [[0], [0], '*', '*', '*']],
    ['0\n0\u2028*\u205f*\v*', [[0], [0], '*', '*', '*']],
  ];
  const full = [ALL(0, 59), ALL(0, 23), ALL(1, 31), ALL(1, 12), ALL(0, 6)];

  it.each(accepted)('accepts %j', (text, want) => {
    const crontab = parseCrontab(text);
    expect(lists(crontab)).toEqual(want.map((w, i) => (w === '*' ? full[i] : w)));
    expect(crontab!.text).toBe(text);
  });

  const rejected = [
    // not 5 fields
    '@daily', '@hourly', '* * * *', '* * * * * *', '0 0 * * * 2025', '*',
    // out of range
    '60 * * * *', '* 24 * * *', '* * 0 * *', '* * 32 * *', '* * * 0 *', '* * * 13 *', '* * * * 8', '* * * * 3-8',
    // steps
    '*/0 * * * *', '*/+0 * * * *', '*/ * * * *', '/5 * * * *', '*/-1 * * * *', '*/1.5 * * * *', '1/2/3 * * * *',
    '*/mon * * * *',
    // ranges
    '5-1 * * * *', '* * * * 7-6', '* * * * MON-SUN', '1-2-3 * * * *', '*-5 * * * *', '**/2 * * * *',
    // lists
    '1,,2 * * * *', '1, * * * *', ',1 * * * *',
    // not numbers
    '? * * * *', '* * L * *', '* * * * 5L', 'H * * * *', '1.5 * * * *', '-1 * * * *', '0x1 * * * *', '1e1 * * * *',
    '1_ * * * *', '_1 * * * *', '1__0 * * * *', '²  * * * *', '① * * * *', '\u200b0 * * * *', '0\ufeff * * * *',
    // names only in month and weekday, and only the three-letter ones (`SUNDAY` becomes `0DAY`)
    '0 jan * * *', '0 0 jan * *', '0 0 * * january', '0 0 * sunday *', '* * * * sunday', '* * * * monsun',
    '',
  ];

  it.each(rejected.map((text) => [text]))('rejects %j', (text) => {
    expect(parseCrontab(text)).toBeUndefined();
  });
});

describe('nextCronRun: the first matching whole minute strictly after', () => {
  const cases: Array<[string, string, string]> = [
    // every minute: the next whole minute, never `after` itself
    ['* * * * *', '2025-08-22T14:07:31.500000Z', '2025-08-22T14:08:00Z'],
    ['* * * * *', '2025-08-22T14:07:00Z', '2025-08-22T14:08:00Z'],
    ['* * * * *', '2025-08-22T14:07:00.000001Z', '2025-08-22T14:08:00Z'],
    // authentik's clean_expired_models
    ['2-59/5 * * * *', '2025-08-22T14:07:00Z', '2025-08-22T14:12:00Z'],
    ['2-59/5 * * * *', '2025-08-22T14:08:10Z', '2025-08-22T14:12:00Z'],
    ['2-59/5 * * * *', '2025-08-22T14:11:59.999999Z', '2025-08-22T14:12:00Z'],
    ['2-59/5 * * * *', '2025-08-22T14:12:00Z', '2025-08-22T14:17:00Z'],
    ['2-59/5 * * * *', '2025-08-22T14:57:00.000001Z', '2025-08-22T15:02:00Z'],
    ['5/15 * * * *', '2025-08-22T14:06:00Z', '2025-08-22T15:05:00Z'],
    ['17 */8 * * *', '2025-08-22T14:07:31Z', '2025-08-22T16:17:00Z'],
    // hour, day and year boundaries
    ['0 * * * *', '2025-08-22T23:59:59Z', '2025-08-23T00:00:00Z'],
    ['*/20 */6 * * *', '2025-08-22T23:59:59Z', '2025-08-23T00:00:00Z'],
    ['0 0 * * *', '2025-12-31T23:59:00Z', '2026-01-01T00:00:00Z'],
    ['59 23 31 12 *', '2025-12-31T23:59:00Z', '2026-12-31T23:59:00Z'],
    ['0 0 * * *', '1969-12-31T23:59:30Z', '1970-01-01T00:00:00Z'],
    ['0 0 * 2 *', '2025-02-28T00:00:00Z', '2026-02-01T00:00:00Z'],
    // month ends: the 31st skips 30-day months
    ['0 0 31 * *', '2025-04-15T08:00:00Z', '2025-05-31T00:00:00Z'],
    ['0 0 31 * *', '2025-05-31T00:00:00Z', '2025-07-31T00:00:00Z'],
    ['0 0 31 * *', '2025-08-31T00:00:00Z', '2025-10-31T00:00:00Z'],
    // Feb 29 waits for a leap year (2100 is not one)
    ['0 0 29 2 *', '2025-03-01T00:00:00Z', '2028-02-29T00:00:00Z'],
    ['0 0 29 2 *', '2028-02-29T00:00:00Z', '2032-02-29T00:00:00Z'],
    ['0 0 29 2 *', '2097-03-01T00:00:00Z', '2104-02-29T00:00:00Z'],
    // weekdays: 7 and 0 and sun are Sunday (2025-08-22 is a Friday)
    ['0 12 * * 7', '2025-08-22T10:00:00Z', '2025-08-24T12:00:00Z'],
    ['0 12 * * 0', '2025-08-22T10:00:00Z', '2025-08-24T12:00:00Z'],
    ['0 12 * * sun', '2025-08-24T12:00:00Z', '2025-08-31T12:00:00Z'],
    ['30 9 * * MON-FRI', '2025-08-22T10:00:00Z', '2025-08-25T09:30:00Z'],
    ['17 3 * * 4', '2025-08-22T14:07:31Z', '2025-08-28T03:17:00Z'],
    ['* * * * 1-7/2', '2025-08-23T23:59:30Z', '2025-08-25T00:00:00Z'], // Sunday is not in 1-7/2
    // day of month AND weekday, both restricted (standard cron would OR them: 2025-01-03 and 2025-01-06)
    ['0 0 13 * 5', '2025-01-01T00:00:00Z', '2025-06-13T00:00:00Z'],
    ['0 0 1 * 1', '2025-01-01T00:00:00Z', '2025-09-01T00:00:00Z'],
    ['0 0 31 * 1', '2025-08-22T14:00:00Z', '2026-08-31T00:00:00Z'],
    ['0 0 29 2 1', '2026-01-01T00:00:00Z', '2044-02-29T00:00:00Z'],
  ];

  it.each(cases)('%j after %s is %s', (text, after, want) => {
    expect(formatIsoMicros(nextCronRun(parseCrontab(text)!, at(after)))).toBe(want);
  });

  // cron-converter gives up after 24 carries (a month without a match costs one): dates that never exist, and a
  // Monday Feb 29 28 years away. authentik's save() lets that Exception through.
  it.each([
    ['0 0 31 2 *', '2025-01-01T00:00:00Z'],
    ['0 0 30 2 *', '2025-08-22T14:00:00Z'],
    ['* * 31 4,6 *', '2025-08-22T14:00:00Z'],
    ['0 0 29 2 1', '2016-03-01T00:00:00Z'],
  ])('%j after %s: the library gives up', (text, after) => {
    expect(() => nextCronRun(parseCrontab(text)!, at(after))).toThrow(CronSearchError);
  });
});
