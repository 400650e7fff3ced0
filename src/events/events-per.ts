import type { Coordinate } from '../openapi/generated/schemas';
import { days, hours, type Micros } from '../python/py-datetime';

/** How authentik's `EventQuerySet.get_events_per` buckets events: a window, the age field, and how many points. */
export interface EventsPer {
  since: Micros;
  /** The field of each event's age (now − created) that groups it: the hour or the day component. */
  field: 'hour' | 'day';
  points: number;
}

/** `volume/`: the last 7 days by the hour component of the age, 21 points (8 hours apart). */
export const VOLUME: EventsPer = { since: days(7), field: 'hour', points: 21 };
/** `per_month/`: the last 4 weeks by the day component of the age, 30 points. */
export const PER_MONTH: EventsPer = { since: days(28), field: 'day', points: 30 };

// get_events_per caps the window to limit the load.
const MAX_SINCE = days(60);

/**
 * authentik's chart data (events/models.py, `get_events_per`): events created since `now - since` are
 * counted per value of one component of their age, as Postgres extracts it from the interval (the hour
 * 0–23 or the day, truncated toward zero; not the total hours or days). There are `points + 1` points, for
 * i from 1 down to 1 − points: `x_cord` is `now + i × since/points` in whole seconds, as epoch milliseconds
 * (a Python float); `y_cord` is the count of age component −i. So the first point lies in the future.
 */
export function countEventsPer(created: Iterable<Micros>, now: Micros, { since, field, points }: EventsPer): Coordinate[] {
  const window = Math.min(since, MAX_SINCE);
  const counts = new Map<number, number>();
  for (const at of created) {
    if (at < now - window) continue;
    const component = ageComponent(now - at, field);
    counts.set(component, (counts.get(component) ?? 0) + 1);
  }
  const step = window / points;
  const coordinates: Coordinate[] = [];
  for (let i = 1; i > -points; i--) {
    // time.mktime(...timetuple()) drops the microseconds; authentik's server runs in UTC.
    const seconds = Math.floor((now + step * i) / 1_000_000);
    coordinates.push({ x_cord: seconds * 1000, y_cord: counts.get(-i) ?? 0 });
  }
  return coordinates;
}

/** EXTRACT(hour|day FROM interval): Postgres keeps days and time with one sign, so components truncate toward zero. */
function ageComponent(age: Micros, field: 'hour' | 'day'): number {
  const magnitude = Math.abs(age);
  const whole = field === 'day' ? Math.floor(magnitude / days(1)) : Math.floor((magnitude % days(1)) / hours(1));
  return age < 0 && whole !== 0 ? -whole : whole;
}
