import type { Micros } from '../python/py-datetime';

/** Wall-clock time in microseconds that never repeats or goes back, as consecutive `timezone.now()` calls in Python. */
export type Clock = () => Micros;

export function createSystemClock(): Clock {
  let last = 0;
  return () => {
    const now = Math.floor((performance.timeOrigin + performance.now()) * 1000);
    last = Math.max(now, last + 1);
    return last;
  };
}
