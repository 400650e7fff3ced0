import type { LogEvent, StateEnum, TaskAggregatedStatusEnum } from '../openapi/generated/schemas-2025.8';
import type { Micros } from '../python/py-datetime';

/** A related object's content type, as authentik 2025.8's tasks and schedules point at one. */
export interface ContentTypeRef {
  app_label: string;
  model: string;
}

/**
 * A Dramatiq task of authentik 2025.8 as its table holds it. `aggregated_status` is stored, as authentik's
 * trigger stores it on every write; `description` is the actor's and is looked up when the task is written.
 */
export interface TaskRecord {
  message_id: string;
  queue_name: string;
  actor_name: string;
  state: StateEnum;
  mtime: Micros;
  /** The related object's content type; null for a task sent without one (its JSON then omits the rel_obj_* keys). */
  rel_obj: ContentTypeRef | null;
  rel_obj_id: string | null;
  /** The actor's own uid part (`_uid`); the JSON's `uid` is `actor_name` plus `:` and this when set. */
  uid_suffix: string | null;
  messages: LogEvent[];
  previous_messages: LogEvent[];
  aggregated_status: TaskAggregatedStatusEnum;
}

/** A schedule of authentik 2025.8 as its table holds it. */
export interface ScheduleRecord {
  id: string;
  identifier: string | null;
  /** The schedule spec's uid part (`_uid`); the JSON's `uid` is `actor_name` plus `:` and this when set. */
  uid_suffix: string | null;
  actor_name: string;
  rel_obj: ContentTypeRef | null;
  rel_obj_id: string | null;
  crontab: string;
  paused: boolean;
  next_run: Micros;
}

/** A worker's status row: seen at `last_seen`, running `version`. */
export interface WorkerRecord {
  /** `<status uuid>@<hostname>`. */
  worker_id: string;
  version: string;
  last_seen: Micros;
  /** Whether a live worker process holds the row's advisory lock (authentik lists only those). */
  alive: boolean;
  /**
   * Whether the mock plays the running `ak worker` behind the row, which writes `last_seen` every 30 s: the
   * row then reads as seen at the latest 30-s beat since `last_seen`. A row loaded from a state export
   * does not beat unless it says so, as the exported server's clock moved on without it.
   */
  heartbeat: boolean;
}
