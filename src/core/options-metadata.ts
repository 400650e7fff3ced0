import type { OperationRegistry } from '../registry/operation-registry';
import type { Route } from './route-table';

/** DRF's SimpleMetadata answer to OPTIONS (without `actions`, which describe serializer fields). */
export function describeView(route: Route, registry: OperationRegistry): unknown {
  const operation = route.operations.values().next().value;
  return {
    name: (operation && registry[operation.operationId]?.viewName) ?? route.template,
    description: operation?.description ?? '',
    renders: ['application/json'],
    parses: ['application/json'],
  };
}
