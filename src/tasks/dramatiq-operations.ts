import type { OperationRegistry, ResourceDeps } from '../registry/operation-registry';
import { createScheduleOperations, type ScheduleDeps } from './schedule-operations';
import { createTaskOperations } from './task-operations';
import { createWorkerOperations } from './worker-operations';

/** authentik 2025.8's tasks API (`/tasks/tasks/`, `/tasks/schedules/`, `/tasks/workers`), keyed by operationId. */
export function createDramatiqOperations(deps: ResourceDeps & Pick<ScheduleDeps, 'newId'>): OperationRegistry {
  return { ...createTaskOperations(deps), ...createScheduleOperations(deps), ...createWorkerOperations(deps) };
}
