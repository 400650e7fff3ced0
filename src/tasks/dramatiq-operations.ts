import type { OperationRegistry, ResourceDeps } from '../registry/operation-registry';

const NOT_YET = ['tasks_tasks_list', 'tasks_tasks_retrieve', 'tasks_tasks_retry_create', 'tasks_schedules_list', 'tasks_schedules_retrieve', 'tasks_schedules_update', 'tasks_schedules_partial_update', 'tasks_schedules_send_create', 'tasks_workers_list'];

/** authentik 2025.8's tasks API (`/tasks/tasks/`, `/tasks/schedules/`, `/tasks/workers`), keyed by operationId. */
export function createDramatiqOperations(_deps: ResourceDeps): OperationRegistry {
  // Placeholder while the resource is written: every operation answers 501.
  return Object.fromEntries(NOT_YET.map((id) => [id, { handle: () => ({ status: 501, body: { detail: 'not implemented yet' }, outsideContract: 'placeholder' }) }]));
}
