import type { LogEvent } from '../openapi/generated/schemas-2025.8';
import { formatIsoMicros, type Micros } from '../python/py-datetime';
import type { ScheduleRecord, TaskRecord } from '../store/dramatiq-records';
import { writtenTask } from './aggregated-status';

/** The logger authentik's MessagesMiddleware writes its lifecycle entries with: `str(type(self))`. */
export const MIDDLEWARE_LOGGER = "<class 'authentik.tasks.middleware.MessagesMiddleware'>";

/** A lifecycle entry of MessagesMiddleware at `at`. */
export function lifecycleMessage(at: Micros, event: string, attributes: Record<string, unknown> = {}): LogEvent {
  return { timestamp: formatIsoMicros(at), log_level: 'info', logger: MIDDLEWARE_LOGGER, event, attributes };
}

/** Only a finished task may be retried: `rejected` or `done` (a successful task can be re-run). */
export const isRetryable = (task: TaskRecord): boolean => task.state === 'rejected' || task.state === 'done';

/**
 * The task after `POST …/retry/`: the stored message is enqueued again under the same message_id, so the
 * row is `queued`, its messages move to the end of `previous_messages`, and `messages` holds only
 * `Task will be retried`. The broker does not touch `mtime` on a re-enqueue, nor the related object or uid.
 */
export function retriedTask(task: TaskRecord, now: Micros): TaskRecord {
  return writtenTask({
    ...task,
    state: 'queued',
    previous_messages: [...task.previous_messages, ...task.messages],
    messages: [lifecycleMessage(now, 'Task will be retried', { delay: null })],
  });
}

/** The related object of every task a schedule sends: the schedule itself. */
export const SCHEDULE_CONTENT_TYPE = { app_label: 'authentik_tasks_schedules', model: 'schedule' } as const;

/**
 * The task `POST …/send/` creates (`Schedule.send()`): a new message of the schedule's actor, queued now,
 * whose related object is the schedule, and whose uid is the actor name (measured on the oracle); the
 * schedule's own `next_run` is not changed.
 */
export function sentTask(schedule: ScheduleRecord, messageId: string, now: Micros): TaskRecord {
  return writtenTask({
    message_id: messageId,
    queue_name: 'default',
    actor_name: schedule.actor_name,
    state: 'queued',
    mtime: now,
    rel_obj: { ...SCHEDULE_CONTENT_TYPE },
    rel_obj_id: schedule.id,
    // The schedule's own uid part is not passed on (its options are the spec's): the task's uid is the actor's.
    uid_suffix: null,
    messages: [lifecycleMessage(now, 'Task has been queued', { delay: null })],
    previous_messages: [],
  });
}
