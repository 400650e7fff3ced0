import type { LastTaskStatusEnum, LogEvent, Schedule, Task, Worker } from '../openapi/generated/schemas-2025.8';
import { formatIsoMicros } from '../python/py-datetime';
import type { ContentTypeRef, ScheduleRecord, TaskRecord, WorkerRecord } from '../store/dramatiq-records';
import { actorDescription } from './actor-catalogue';

/** `actor_name`, plus `:` and the actor's own uid part when it set one (authentik's `Task.uid`, `Schedule.uid`). */
export function uidOf(row: { actor_name: string; uid_suffix: string | null }): string {
  return row.uid_suffix ? `${row.actor_name}:${row.uid_suffix}` : row.actor_name;
}

/**
 * `rel_obj_app_label` and `rel_obj_model`: DRF's ReadOnlyField over a relation that is None raises SkipField,
 * so a row without a related object has neither key (the schema says both are required: authentik breaks it).
 */
function relObjKeys(relObj: ContentTypeRef | null): { rel_obj_app_label?: string; rel_obj_model?: string } {
  return relObj === null ? {} : { rel_obj_app_label: relObj.app_label, rel_obj_model: relObj.model };
}

/** A log entry in LogEventSerializer's field order. */
function toLogEventJson(entry: LogEvent): LogEvent {
  return { timestamp: entry.timestamp, log_level: entry.log_level, logger: entry.logger, event: entry.event, attributes: entry.attributes };
}

// Rows are immutable (see Collection), so each row's JSON form is built once.
const taskMemo = new WeakMap<TaskRecord, Task>();

/** A task as authentik's TaskSerializer prints it, in its field order. */
export function toTaskJson(task: TaskRecord): Task {
  let json = taskMemo.get(task);
  if (!json) {
    json = {
      message_id: task.message_id,
      queue_name: task.queue_name,
      actor_name: task.actor_name,
      state: task.state,
      mtime: formatIsoMicros(task.mtime),
      ...relObjKeys(task.rel_obj),
      rel_obj_id: task.rel_obj_id,
      uid: uidOf(task),
      messages: task.messages.map(toLogEventJson),
      previous_messages: task.previous_messages.map(toLogEventJson),
      aggregated_status: task.aggregated_status,
      description: actorDescription(task.actor_name),
    } as Task;
    taskMemo.set(task, json);
  }
  return json;
}

/** A schedule as authentik's ScheduleSerializer prints it; `last_task_status` is its newest task's aggregated status. */
export function toScheduleJson(schedule: ScheduleRecord, lastTaskStatus: LastTaskStatusEnum | null): Schedule {
  return {
    id: schedule.id,
    identifier: schedule.identifier,
    uid: uidOf(schedule),
    actor_name: schedule.actor_name,
    ...relObjKeys(schedule.rel_obj),
    rel_obj_id: schedule.rel_obj_id,
    crontab: schedule.crontab,
    paused: schedule.paused,
    next_run: formatIsoMicros(schedule.next_run),
    description: actorDescription(schedule.actor_name),
    last_task_status: lastTaskStatus,
  } as Schedule;
}

/** The version the mock's server runs, which `version_matching` compares a worker's with. */
/**
 * authentik_full_version() of the server the mock is: a worker whose version differs is not `version_matching`.
 * The 2025.8 profile's release (a test holds them equal; src/versions imports this folder, not the reverse).
 */
export const SERVER_VERSION = '2025.8.1';

export function toWorkerJson(worker: WorkerRecord): Worker {
  return { worker_id: worker.worker_id, version: worker.version, version_matching: worker.version === SERVER_VERSION };
}
