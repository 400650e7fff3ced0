import { AuthentikCrash } from '../drf/authentik-crash';
import { compareCodePoints } from '../drf/postgres-order';
import { parsePyBigInt } from '../python/py-int';
import { days, formatIsoMicros, hours, type Micros } from '../python/py-datetime';

/** One row of 2025.8's `volume/`: the raw `values()` of its queryset, keys in Django 5.1's order. */
export interface VolumeRow {
  action: string;
  time: string;
  count: number;
}

const DEFAULT_DAYS = 7;
const MAX_DAYS = 60n;
const BUCKET = hours(6);
// Python's datetime.max, 9999-12-31T23:59:59.999999: `now - timedelta(days=-n)` past it is an OverflowError.
const DATETIME_MAX: Micros = Date.UTC(9999, 11, 31, 23, 59, 59, 999) * 1000 + 999;

/**
 * The window start of authentik 2025.8's `volume/`: `now - timedelta(days=min(int(history_days), 60))`,
 * `history_days` absent or empty meaning 7. Where Python raises (int() refuses the text, the date leaves
 * datetime's range) this throws authentik's crash.
 */
export function volumeWindowStart(historyDays: string | undefined, now: Micros): Micros {
  if (historyDays === undefined || historyDays === '') return now - days(DEFAULT_DAYS);
  const parsed = parsePyBigInt(historyDays);
  if (parsed === undefined) throw new AuthentikCrash(`int() rejects history_days=${JSON.stringify(historyDays)}`);
  const capped = parsed < MAX_DAYS ? parsed : MAX_DAYS;
  // timedelta(days=n) itself refuses |n| > 999999999; any such n also puts the start past datetime.max.
  const start = BigInt(now) - capped * BigInt(days(1));
  if (start > BigInt(DATETIME_MAX)) throw new AuthentikCrash(`OverflowError: date value out of range (history_days=${JSON.stringify(historyDays)})`);
  return Number(start);
}

/**
 * authentik 2025.8's `volume/` rows: events created at or after `since`, counted per (6-hour UTC bucket,
 * action) — `date_trunc('hour', created AT TIME ZONE 'UTC')` moved back `hour % 6` hours — only the pairs
 * that have events, ordered by time then action. `time` is the bucket as a naive datetime (PostgreSQL's
 * `timestamp without time zone`), which orjson writes without a zone designator.
 */
export function countVolume(events: Iterable<{ action: string; created: Micros }>, since: Micros): VolumeRow[] {
  const groups = new Map<string, { action: string; bucket: Micros; count: number }>();
  for (const { action, created } of events) {
    if (created < since) continue;
    const bucket = Math.floor(created / BUCKET) * BUCKET;
    const key = `${bucket}\u0000${action}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { action, bucket, count: 1 });
  }
  return [...groups.values()]
    .sort((a, b) => a.bucket - b.bucket || compareCodePoints(a.action, b.action))
    .map(({ action, bucket, count }) => ({ action, time: formatIsoMicros(bucket).replace(/Z$/, ''), count }));
}
