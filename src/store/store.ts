import { Collection } from './collection';
import type { ScheduleRecord, TaskRecord, WorkerRecord } from './dramatiq-records';
import type { EventRecord, SystemTaskRecord } from './records';

/**
 * Everything the mock remembers. Knows nothing of HTTP, the spec or faker. Every version's tables are here;
 * a version uses its own (2024.8: systemTasks and events; 2025.8: events, tasks, schedules and workers) and
 * leaves the others empty.
 */
export interface Store {
  events: Collection<EventRecord>;
  systemTasks: Collection<SystemTaskRecord>;
  tasks: Collection<TaskRecord>;
  schedules: Collection<ScheduleRecord>;
  workers: Collection<WorkerRecord>;
}

/** The store's tables, by name. */
export const STORE_TABLES = ['events', 'systemTasks', 'tasks', 'schedules', 'workers'] as const satisfies ReadonlyArray<keyof Store>;

export function createStore(): Store {
  return { events: new Collection(), systemTasks: new Collection(), tasks: new Collection(), schedules: new Collection(), workers: new Collection() };
}

/** A store whose tables are copies of another's: later writes to either do not reach the other. */
export function copyStore(from: Store): Store {
  return { events: from.events.copy(), systemTasks: from.systemTasks.copy(), tasks: from.tasks.copy(), schedules: from.schedules.copy(), workers: from.workers.copy() };
}
