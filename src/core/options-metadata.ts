import { can, type Principal } from '../auth/authenticate';
import { ApiError } from '../drf/api-error';
import { describeSerializer, type FieldInfo } from '../drf/serializer-metadata';
import { listOperations, type Operation } from '../openapi/operations';
import type { OpenApiDocument, SchemaObject } from '../openapi/spec-document';
import type { HandlerContext, OperationEntry, OperationRegistry } from '../registry/operation-registry';
import type { Route } from './route-table';

/** DRF's SimpleMetadata answer to OPTIONS: the view's name and description, and what it renders and parses. */
export function describeView(route: Route, registry: OperationRegistry): Record<string, unknown> {
  const operation = route.operations.values().next().value;
  return {
    name: (operation && registry[operation.operationId]?.viewName) ?? route.template,
    description: operation?.description ?? '',
    renders: ['application/json'],
    parses: ['application/json'],
  };
}

/** What an OPTIONS request brings that decides its `actions` block: the caller, and the context a lookup needs. */
export type DescribeActions = (route: Route, principal: Principal | undefined, ctx: Omit<HandlerContext, 'operation'>) => Record<string, Record<string, FieldInfo>> | undefined;

/**
 * DRF's `SimpleMetadata.determine_actions`: for POST and PUT on the route, when the caller passes the view's
 * permission check for that method (and, for PUT, finds the object, as `get_object` does), the serializer's
 * fields (`describeSerializer`). The serializer is the one of the write operation's JSON answer, or, for an
 * action answering without content (`…/run/`), the viewset's (its detail GET's answer). Measured answers:
 * reference/measured/options_*.json.
 */
export function createDescribeActions(spec: OpenApiDocument, registry: OperationRegistry): DescribeActions {
  const byTemplate = new Map<string, Operation[]>();
  for (const op of listOperations(spec)) byTemplate.set(op.path, [...(byTemplate.get(op.path) ?? []), op]);
  const serializerOf = (operation: Operation): SchemaObject | undefined => {
    const answer = Object.entries(operation.responses).find(([status, response]) => status.startsWith('2') && response.content?.['application/json']);
    if (answer) return answer[1].content!['application/json']!.schema;
    // `/a/{id}/run/` → the viewset's detail URL `/a/{id}/`.
    const detail = byTemplate.get(operation.path.replace(/[^/]+\/$/, ''))?.find((op) => op.method === 'GET');
    return detail?.responses['200']?.content?.['application/json']?.schema;
  };

  return (route, principal, ctx) => {
    const actions: Record<string, Record<string, FieldInfo>> = {};
    for (const method of ['POST', 'PUT']) {
      const operation = route.operations.get(method);
      const entry = operation && registry[operation.operationId];
      const serializer = operation && serializerOf(operation);
      if (!operation || !entry || !serializer || !passesPermission(entry, operation, principal)) continue;
      if (method === 'PUT' && entry.detail && !findsObject(entry, { ...ctx, operation })) continue;
      actions[method] = (entry.serializerFields as Record<string, FieldInfo> | undefined) ?? describeSerializer(spec, serializer);
    }
    return Object.keys(actions).length > 0 ? actions : undefined;
  };
}

/** The view's `check_permissions` for the method: views without permission classes let everyone pass. */
function passesPermission(entry: OperationEntry, operation: Operation, principal: Principal | undefined): boolean {
  if (entry.decoratorPermission) return true;
  // A detail action that checks its permissions in its own code (2025.8's send/): DRF's check_permissions
  // refuses nobody, not even an anonymous caller (measured: OPTIONS …/send/ without credentials has actions).
  if (entry.detail && !entry.permission) return true;
  if (!principal) return operation.allowsAnonymous;
  return !entry.permission || can(principal, entry.permission);
}

/** `get_object` for the write: the entry's lookup finds the object (filters first); a 404 or 403 leaves the method out. */
function findsObject(entry: OperationEntry & { detail: true }, ctx: HandlerContext): boolean {
  try {
    entry.lookup(ctx);
    return true;
  } catch (error) {
    if (error instanceof ApiError) return false;
    throw error;
  }
}
