import type { Micros } from '../python/py-datetime';

/** A crontab that cron-converter 1.2.2 accepts: the minutes, hours, days, months and weekdays it matches. */
export interface Crontab {
  readonly text: string;
}

/** cron-converter 1.2.2's `Cron(text)`: the parsed crontab, or undefined where it raises ValueError. */
export function parseCrontab(_text: string): Crontab | undefined {
  throw new Error('parseCrontab: not implemented yet');
}

/** The first whole minute strictly after `after` that the crontab matches (UTC). */
export function nextCronRun(_crontab: Crontab, _after: Micros): Micros {
  throw new Error('nextCronRun: not implemented yet');
}
