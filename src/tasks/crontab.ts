import type { Micros } from '../python/py-datetime';

/**
 * authentik 2025.8.1 validates a schedule's `crontab` with `cron_converter.Cron(value)` (cron-converter 1.2.2) and,
 * when the crontab changes, stores `Cron(crontab).schedule(now).next()` as `next_run`. This file re-implements both
 * behaviours, including the library's quirks (listed where they matter), not standard cron.
 */

/** A crontab that cron-converter 1.2.2 accepts: the minutes, hours, days, months and weekdays it matches. */
export interface Crontab {
  readonly text: string;
  /** Sorted, without duplicates (the library's `Part.to_list()`). Weekdays are 0-6, Sunday 0 (a written 7 is 0). */
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly days: readonly number[];
  readonly months: readonly number[];
  readonly weekdays: readonly number[];
}

interface Unit {
  readonly min: number;
  readonly max: number;
  /** Names replaced by numbers (month, weekday only); index 0 is `min`. */
  readonly names?: readonly string[];
  readonly weekday?: true;
}

const UNITS: readonly Unit[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], weekday: true },
];

// Python's str.split() with no argument: runs of str.isspace() characters (Python 3.11's table). Not JS `\s`, which
// lacks U+001C-U+001F and U+0085 and has U+FEFF.
const PY_WHITESPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;

const DIGIT = /^\p{Nd}$/u;
// Python int(str) on a string without whitespace: an optional sign, then decimal digits of any script, with single
// underscores between digits (PEP 515). `+5` and `1_0` are valid numbers for cron-converter.
const PY_INT = /^[+-]?\p{Nd}(?:_?\p{Nd})*$/u;

/** The value of a Unicode decimal digit: Unicode encodes every Nd digit in contiguous runs of whole 0-9 sets. */
function digitValue(ch: string): number {
  const cp = ch.codePointAt(0)!;
  let start = cp;
  while (start > 0 && DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return (cp - start) % 10;
}

/** Python `int(text)`, or undefined where it raises ValueError. Huge values lose precision, which no range notices. */
function pyInt(text: string): number | undefined {
  if (!PY_INT.test(text)) return undefined;
  let value = 0;
  for (const ch of text) if (ch !== '_' && ch !== '+' && ch !== '-') value = value * 10 + digitValue(ch);
  return text.startsWith('-') ? -value : value;
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** One field (`Part.from_string`), or undefined where the library raises ValueError. */
function parseField(field: string, unit: Unit): number[] | undefined {
  let text = field;
  if (unit.names) {
    // The library upper-cases the whole field (Unicode full mapping: `ſun` becomes `SUN`) and replaces each name, in
    // calendar order, anywhere in it by its number: names work in ranges, lists and steps (`*/mon` is `*/1`), and
    // even glued (`JANFEB` is `1FEB`, then `12`).
    text = text.toUpperCase();
    unit.names.forEach((name, i) => (text = text.split(name).join(String(unit.min + i))));
  }
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [rangeText, stepText, ...rest] = item.split('/');
    if (rest.length > 0 || !rangeText) return undefined; // `1/2/3`; empty item `1,,2`, `/5`
    let list: number[];
    if (rangeText === '*') {
      list = range(unit.min, unit.max);
    } else {
      const ends = rangeText.split('-').map(pyInt);
      if (ends.length > 2 || ends.some((end) => end === undefined)) return undefined; // `1-2-3`, `-5`, `L`, `?`, `1.5`
      const [low, high = low] = ends as number[];
      if (high! < low!) return undefined; // descending `5-1`
      list = range(low!, high!);
      // 7 becomes Sunday (0) in place, so `5-7` is [5, 6, 0]; the range check below then looks only at the first and
      // last element, which is why `0-7` and `6-7` are valid and `3-8` is not.
      if (unit.weekday) list = list.map((v) => (v === 7 ? 0 : v));
      if (list[0]! < unit.min || list[list.length - 1]! > unit.max) return undefined;
    }
    if (stepText !== undefined) {
      const step = pyInt(stepText);
      if (step === undefined || step < 1) return undefined; // `*/0`, `*/`, `*/-1`
      // Keep what is congruent to the list's first element: `a-b/n` starts at a, `*/n` at the unit's minimum, a single
      // value with a step (`5/15`) is just that value. Because 7 was already 0, `1-7/2` gives 1,3,5 without Sunday.
      const first = list[0]!;
      list = list.filter((v) => v % step === first % step);
    }
    for (const v of list) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

/** cron-converter 1.2.2's `Cron(text)`: the parsed crontab, or undefined where it raises ValueError. */
export function parseCrontab(text: string): Crontab | undefined {
  // `Cron('')` raises nothing (it parses nothing) but is unusable; the caller has rejected blank values already.
  const fields = text.split(PY_WHITESPACE).filter((f) => f !== '');
  if (fields.length !== 5) return undefined; // `@daily`, 6-field strings
  const parts = fields.map((field, i) => parseField(field, UNITS[i]!));
  if (parts.some((part) => part === undefined)) return undefined;
  const [minutes, hours, days, months, weekdays] = parts as number[][];
  return { text, minutes: minutes!, hours: hours!, days: days!, months: months!, weekdays: weekdays! };
}

/**
 * cron-converter gives up after 24 carries (raises a bare `Exception('Unable to find execution time for schedule')`,
 * not a ValueError), e.g. for `0 0 31 2 *`, which `Cron()` accepts. authentik's save() does not catch it, so the
 * request crashes before the row is written: measured on the 2025.8 oracle, `PATCH {"crontab":"0 0 31 2 *"}` answers
 * authentik's crash answer for a non-GET request (405, empty body) and the schedule keeps its old crontab.
 */
export class CronSearchError extends Error {
  constructor(readonly crontab: Crontab) {
    super(`Unable to find execution time for schedule ${crontab.text}`);
  }
}

const MINUTE_MS = 60_000;
const MINUTE_MICROS = 60_000_000;

/**
 * The library's seeker (`find_date`, forward) from a whole-minute `startMs`: move month, then day, then hour, then
 * minute forward to an allowed value; whenever one of those moves carries into the field above (a day move into the
 * next month, an hour move into the next day, a minute move into the next hour) start again from the month, at most
 * 24 times in all. Day of month and weekday must BOTH match (not cron's OR), so `0 0 13 * 5` is Friday the 13th only.
 */
function seek(crontab: Crontab, startMs: number): number {
  let t = new Date(startMs);
  const next = (y: number, mo: number, d = 1, h = 0, mi = 0) => new Date(Date.UTC(y, mo, d, h, mi));
  for (let attempt = 0; attempt < 24; attempt++) {
    while (!crontab.months.includes(t.getUTCMonth() + 1)) t = next(t.getUTCFullYear(), t.getUTCMonth() + 1);

    const month = t.getUTCMonth();
    while (!crontab.days.includes(t.getUTCDate()) || !crontab.weekdays.includes(t.getUTCDay())) {
      t = next(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + 1);
      if (t.getUTCMonth() !== month) break;
    }
    if (t.getUTCMonth() !== month) continue;

    const day = t.getUTCDate();
    while (!crontab.hours.includes(t.getUTCHours())) {
      t = next(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), t.getUTCHours() + 1);
      if (t.getUTCDate() !== day) break;
    }
    if (t.getUTCDate() !== day) continue;

    const hour = t.getUTCHours();
    while (!crontab.minutes.includes(t.getUTCMinutes())) {
      t = new Date(t.getTime() + MINUTE_MS);
      if (t.getUTCHours() !== hour) break;
    }
    if (t.getUTCHours() !== hour) continue;

    return t.getTime();
  }
  throw new CronSearchError(crontab);
}

/**
 * The first whole minute strictly after `after` that the crontab matches (UTC): authentik's `compute_next_run(now)`.
 * The seeker starts at `after` rounded up to a whole minute and may return that minute itself; authentik then seeks
 * again from one minute later. Throws CronSearchError where the library gives up.
 */
export function nextCronRun(crontab: Crontab, after: Micros): Micros {
  const intoMinute = ((after % MINUTE_MICROS) + MINUTE_MICROS) % MINUTE_MICROS;
  const startMicros = intoMinute === 0 ? after : after - intoMinute + MINUTE_MICROS;
  let found = seek(crontab, startMicros / 1000) * 1000;
  if (found <= after) found = seek(crontab, found / 1000 + MINUTE_MS) * 1000;
  return found;
}
