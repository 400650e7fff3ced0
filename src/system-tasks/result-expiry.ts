import { hours, type Micros } from '../python/py-datetime';
import type { SystemTaskRecord } from '../store/records';

/**
 * When authentik forgets a task's result: 6 hours after it finished, 9 after a failure (the SystemTask
 * expiry in authentik.events.system_tasks).
 */
export function resultExpiry(status: SystemTaskRecord['status'], finish: Micros): Micros {
  return finish + hours(status === 'error' ? 9 : 6);
}
