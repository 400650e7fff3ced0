import { toJsonbValue } from '../drf/jsonb';
import type { LogEvent, SystemTask } from '../openapi/generated/schemas';
import { toCanonicalUuid } from '../python/py-uuid';
import type { SystemTaskRecord } from '../store/records';
import { scenarioTime, type StateTable } from '../store/state-table';
import { fullName, taskIdentity, toSystemTaskJson } from './to-system-task-json';
import { runTask } from './run-task';
import { searchTasks } from './system-task-filters';

const micros = scenarioTime;

/** authentik 2024.8's system tasks in a scenario: `full_name` may be left out; (name, uid) is unique. */
export const SYSTEM_TASK_TABLE: StateTable<SystemTaskRecord> = {
  key: 'systemTasks',
  schema: 'SystemTask',
  summaryKey: 'system_tasks',
  noun: 'system task',
  jsonFields: ['messages'],
  idOf: (task) => task.uuid,
  toJson: (task) => ({ ...toSystemTaskJson(task) }),
  complete: (raw) => ({ ...raw, full_name: raw.full_name ?? fullName({ name: String(raw.name), uid: raw.uid as string | undefined }) }),
  check(item) {
    const task = item as unknown as SystemTask;
    return task.full_name === fullName(task) ? undefined : { pointer: '/full_name', rule: `must be "${fullName(task)}" (name:uid, or name without a uid)` };
  },
  fromJson(item) {
    const { full_name: _derived, ...task } = item as unknown as SystemTask;
    return {
      ...task,
      // LogEventSerializer writes its fields in their declared order; `attributes` comes back from jsonb.
      messages: task.messages.map((message) => ({ ...message, attributes: toJsonbValue(message.attributes) as LogEvent['attributes'] })),
      uuid: toCanonicalUuid(task.uuid)!,
      start_timestamp: micros(task.start_timestamp),
      finish_timestamp: micros(task.finish_timestamp),
      expires: task.expires ? micros(task.expires) : null,
      expiring: task.expiring ?? false,
    };
  },
  unique: { keyOf: taskIdentity, describe: fullName, rule: '(name, uid) must be unique' },
  admin: {
    list: 'mock_system_tasks_list',
    upsert: 'mock_system_tasks_upsert',
    listKey: 'system_tasks',
    searchText: searchTasks.textOf,
    row: { param: 'uuid', remove: 'mock_system_tasks_delete', run: { operationId: 'mock_system_tasks_run', apply: runTask } },
    order: (rows) => [...rows].sort((a, b) => (fullName(a) < fullName(b) ? -1 : fullName(a) > fullName(b) ? 1 : 0)),
  },
};
