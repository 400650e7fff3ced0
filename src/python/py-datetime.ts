/**
 * Datetimes as authentik handles them, held as integer microseconds since the Unix epoch (UTC), because
 * Python keeps microseconds and JS `Date` only milliseconds.
 */
export type Micros = number;

const MICROS_PER_SECOND = 1_000_000;
const MICROS_PER_DAY = 86_400 * MICROS_PER_SECOND;

/** Python's `isoformat()` of an aware UTC datetime with DRF's `+00:00` → `Z`: `2024-09-20T10:11:12.345678Z`. */
export function formatIsoMicros(micros: Micros): string {
  const millis = Math.floor(micros / 1000);
  const date = new Date(millis);
  const base = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}T${pad(
    date.getUTCHours(),
    2,
  )}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}`;
  const fraction = micros - Math.floor(micros / MICROS_PER_SECOND) * MICROS_PER_SECOND;
  return fraction === 0 ? `${base}Z` : `${base}.${pad(fraction, 6)}Z`;
}

function pad(value: number, width: number): string {
  return value.toString().padStart(width, '0');
}

export const days = (count: number): Micros => count * MICROS_PER_DAY;
export const hours = (count: number): Micros => count * 3600 * MICROS_PER_SECOND;
export const seconds = (count: number): Micros => Math.round(count * MICROS_PER_SECOND);

// datetime.fromisoformat (Python 3.12), which Django 5's parse_datetime tries first.
const ISO_DATE = /^(?:(\d{4})-(\d{2})-(\d{2})|(\d{4})(\d{2})(\d{2})|(\d{4})-W(\d{2})(?:-(\d))?|(\d{4})W(\d{2})(\d)?)/;
// fromisoformat's fraction is any number of digits, none included (`00:00:00.Z` reads as 00:00:00Z, measured).
const ISO_TIME_EXTENDED = /^(\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d*))?)?)?/;
const ISO_TIME_BASIC = /^(\d{2})(?:(\d{2})(?:(\d{2})(?:[.,](\d*))?)?)?/;
const ISO_OFFSET = /^(?:Z|([+-])(\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d{1,6}))?)?)?)$/;
// Django's datetime_re, tried when fromisoformat fails. Python's `$` also matches before a final newline.
const DJANGO_DATETIME =
  /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d{1,6})\d{0,6})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?\n?$/;

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  micro: number;
  /** Offset east of UTC in microseconds; undefined for a naive datetime (read as UTC, authentik's TIME_ZONE). */
  offset?: number;
}

/**
 * What DRF's DateTimeField accepts through Django's `parse_datetime`: ISO 8601 forms Python's
 * `fromisoformat` reads (`2025-01-01` alone is midnight), else Django's looser regex. Naive values are UTC.
 * Returns undefined for text DRF rejects with `Datetime has wrong format.`
 */
export function parseDjangoDatetime(text: string): Micros | undefined {
  const read = readDjangoDatetime(text);
  return typeof read === 'number' ? read : undefined;
}

/**
 * Like `parseDjangoDatetime`, but tells text DRF cannot read (`format`: `Datetime has wrong format.`) from
 * a datetime that leaves Python's range once converted to UTC (`overflow`: `Datetime value out of range.`,
 * e.g. `9999-12-31T23:59:59-01:00`).
 */
export function readDjangoDatetime(text: string): Micros | 'format' | 'overflow' {
  const parts = parseFromIsoFormat(text) ?? parseDjangoRegex(text);
  return parts ? toMicros(parts) : 'format';
}

function parseFromIsoFormat(text: string): Parts | undefined {
  const date = ISO_DATE.exec(text);
  if (!date) return undefined;
  const ymd = toYearMonthDay(date);
  if (!ymd) return undefined;
  const parts: Parts = { ...ymd, hour: 0, minute: 0, second: 0, micro: 0 };
  const rest = text.slice(date[0].length);
  if (rest === '') return parts;
  // fromisoformat accepts any single character between date and time.
  const timeText = [...rest].slice(1).join('');
  const offsetAt = timeText.search(/[Z+-]/);
  const clock = offsetAt === -1 ? timeText : timeText.slice(0, offsetAt);
  const time = (clock.includes(':') ? ISO_TIME_EXTENDED : ISO_TIME_BASIC).exec(clock);
  if (!time || time[0] !== clock) return undefined;
  parts.hour = Number(time[1]);
  parts.minute = Number(time[2] ?? 0);
  parts.second = Number(time[3] ?? 0);
  parts.micro = toMicroFraction(time[4]);
  if (offsetAt !== -1) {
    const offset = ISO_OFFSET.exec(timeText.slice(offsetAt));
    if (!offset) return undefined;
    parts.offset = offset[1] === undefined ? 0 : toOffset(offset[1], offset[2]!, offset[3], offset[4], offset[5]);
  }
  return parts;
}

function toYearMonthDay(m: RegExpExecArray): { year: number; month: number; day: number } | undefined {
  if (m[1] !== undefined) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (m[4] !== undefined) return { year: Number(m[4]), month: Number(m[5]), day: Number(m[6]) };
  const year = Number(m[7] ?? m[10]);
  const week = Number(m[8] ?? m[11]);
  const weekday = Number(m[9] ?? m[12] ?? 1);
  return fromIsoWeek(year, week, weekday);
}

/** The calendar date of ISO year/week/weekday (Python's `date.fromisocalendar`). */
function fromIsoWeek(year: number, week: number, weekday: number): { year: number; month: number; day: number } | undefined {
  if (weekday < 1 || weekday > 7 || week < 1 || week > 53) return undefined;
  const jan4 = utcDayNumber(year, 1, 4);
  const jan4Weekday = ((new Date(jan4 * 86_400_000).getUTCDay() + 6) % 7) + 1;
  const week1Monday = jan4 - (jan4Weekday - 1);
  if (week === 53) {
    // Only years starting on a Thursday, or leap years starting on a Wednesday, have week 53.
    const jan1Weekday = ((new Date(utcDayNumber(year, 1, 1) * 86_400_000).getUTCDay() + 6) % 7) + 1;
    const leap = isLeap(year);
    if (!(jan1Weekday === 4 || (leap && jan1Weekday === 3))) return undefined;
  }
  const date = new Date((week1Monday + (week - 1) * 7 + weekday - 1) * 86_400_000);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function parseDjangoRegex(text: string): Parts | undefined {
  const m = DJANGO_DATETIME.exec(text);
  if (!m) return undefined;
  const parts: Parts = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6] ?? 0),
    micro: Number((m[7] ?? '0').padEnd(6, '0')),
  };
  const tz = m[8];
  if (tz === 'Z') parts.offset = 0;
  else if (tz !== undefined) {
    const digits = tz.slice(1).replace(':', '');
    parts.offset = toOffset(tz[0]!, digits.slice(0, 2), digits.slice(2) || undefined);
  }
  return parts;
}

function toMicroFraction(digits: string | undefined): number {
  return digits === undefined ? 0 : Number(digits.slice(0, 6).padEnd(6, '0'));
}

function toOffset(sign: string, hh: string, mm?: string, ss?: string, fraction?: string): number {
  const magnitude =
    ((Number(hh) * 60 + Number(mm ?? 0)) * 60 + Number(ss ?? 0)) * MICROS_PER_SECOND + toMicroFraction(fraction);
  return sign === '-' ? -magnitude : magnitude;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days since the epoch of a UTC calendar date; works for years 1–99 too, unlike `Date.UTC`. */
function utcDayNumber(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return Math.round(date.getTime() / 86_400_000);
}

function toMicros(p: Parts): Micros | 'format' | 'overflow' {
  const daysInMonth = [31, isLeap(p.year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (p.year < 1 || p.month < 1 || p.month > 12 || p.day < 1 || p.day > daysInMonth[p.month - 1]!) return 'format';
  if (p.hour > 23 || p.minute > 59 || p.second > 59) return 'format';
  // Python's timezone() wants |offset| < 24 h.
  if (p.offset !== undefined && Math.abs(p.offset) >= days(1)) return 'format';
  const local = utcDayNumber(p.year, p.month, p.day) * MICROS_PER_DAY + ((p.hour * 60 + p.minute) * 60 + p.second) * MICROS_PER_SECOND + p.micro;
  const utc = local - (p.offset ?? 0);
  // DRF's astimezone(UTC) must stay within Python's datetime range (years 1..9999), else OverflowError.
  if (utc < utcDayNumber(1, 1, 1) * MICROS_PER_DAY || utc >= utcDayNumber(10000, 1, 1) * MICROS_PER_DAY) return 'overflow';
  return utc;
}
