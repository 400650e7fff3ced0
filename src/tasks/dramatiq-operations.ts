import type { OperationRegistry, ResourceDeps } from '../registry/operation-registry';

/** authentik 2025.8's tasks API (`/tasks/tasks/`, `/tasks/schedules/`, `/tasks/workers`), keyed by operationId. */
export function createDramatiqOperations(_deps: ResourceDeps): OperationRegistry {
  return {};
}
