import { formatIsoMicros, type Micros } from '../python/py-datetime';
import { TASK_CATALOGUE } from './task-catalogue';
import type { SystemTaskRecord } from '../store/records';
import { resultExpiry } from './result-expiry';

// How long a run takes when the task has no earlier run to go by.
const DEFAULT_DURATION: Micros = 250_000;

/**
 * The task as it reads after `POST …/{uuid}/run/`: authentik queues the task and its worker records a
 * new run. The mock records that run at once, finished `now`, so that the next GET shows it: it lasted
 * as long as the previous run (a quarter second if there was none), succeeded, logged its usual success
 * line, and is kept for 6 hours.
 */
export function runTask(task: SystemTaskRecord, now: Micros): SystemTaskRecord {
  const lasted = task.duration > 0 ? Math.round(task.duration * 1e6) : DEFAULT_DURATION;
  const start = now - lasted;
  const event = TASK_CATALOGUE.find((kind) => kind.name === task.name)?.success[0] ?? 'Task finished successfully';
  return {
    ...task,
    start_timestamp: start,
    finish_timestamp: now,
    // As authentik computes it: finish.timestamp() - start.timestamp(), in float seconds.
    duration: now / 1e6 - start / 1e6,
    status: 'successful',
    messages: [{ timestamp: formatIsoMicros(now), log_level: 'info', logger: task.name, event, attributes: task.uid === undefined ? {} : { uid: task.uid } }],
    expires: resultExpiry('successful', now),
    expiring: true,
  };
}
