import type { LastTaskStatusEnum } from '../openapi/generated/schemas-2025.8';
import type { Collection } from '../store/collection';
import type { TaskRecord } from '../store/dramatiq-records';
import { SCHEDULE_CONTENT_TYPE } from './task-state-changes';

type Newest = ReadonlyMap<string, { mtime: number; status: LastTaskStatusEnum }>;

// Per tasks table, the newest task of each schedule, kept until the table changes (its version moves).
const cache = new WeakMap<Collection<TaskRecord>, { version: number; newest: Newest }>();

/**
 * A schedule's `last_task_status`: the aggregated status of its newest task by mtime (the first of equals),
 * or null when it has sent none. What the API and the admin API's list both show.
 */
export function lastTaskStatus(tasks: Collection<TaskRecord>, scheduleId: string): LastTaskStatusEnum | null {
  let entry = cache.get(tasks);
  if (!entry || entry.version !== tasks.version) {
    const newest = new Map<string, { mtime: number; status: LastTaskStatusEnum }>();
    for (const task of tasks.all()) {
      if (task.rel_obj?.app_label !== SCHEDULE_CONTENT_TYPE.app_label || task.rel_obj.model !== SCHEDULE_CONTENT_TYPE.model || task.rel_obj_id === null) continue;
      const seen = newest.get(task.rel_obj_id);
      if (!seen || task.mtime > seen.mtime) newest.set(task.rel_obj_id, { mtime: task.mtime, status: task.aggregated_status });
    }
    entry = { version: tasks.version, newest };
    cache.set(tasks, entry);
  }
  return entry.newest.get(scheduleId)?.status ?? null;
}
