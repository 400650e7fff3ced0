import type { IncomingHttpHeaders } from 'node:http';
import { describeSerializer, type FieldInfo } from '../drf/serializer-metadata';
import type { OpenApiDocument, SchemaObject } from '../openapi/load-spec';
import { OrjsonWriteError } from '../python/json-number';
import { listOperations, type Operation } from '../openapi/operations';
import { ApiError, permissionDenied } from './api-error';
import type { HandlerContext, OperationHandler } from './api-pipeline';
import { can, type Principal } from './authenticate';
import { DECORATOR_PERMISSION, REQUIRED_PERMISSION } from './permissions';
import type { Query } from './query';
import type { Route } from './route-table';

/** What an OPTIONS request brings that decides its `actions` block. */
export interface OptionsRequest {
  principal: Principal | undefined;
  params: Record<string, string>;
  query: Query;
  url: string;
  headers: IncomingHttpHeaders;
}

export type DescribeActions = (route: Route, request: OptionsRequest) => Promise<Record<string, Record<string, FieldInfo>> | undefined>;

/**
 * DRF's `SimpleMetadata.determine_actions` for OPTIONS answers: for POST and PUT on the route, when the
 * caller passes the view's permission check for that method (and, for PUT, finds the object, as
 * `get_object` does), the serializer's fields (`describeSerializer`). The serializer is the one of the write
 * operation's JSON answer, or, for an action answering without content (`…/run/`), the viewset's (its
 * detail GET's answer). Measured answers: reference/measured/options_*.json.
 */
export function createDescribeActions(spec: OpenApiDocument, handlers: Readonly<Record<string, OperationHandler>>): DescribeActions {
  const byTemplate = new Map<string, Operation[]>();
  for (const op of listOperations(spec)) byTemplate.set(op.path, [...(byTemplate.get(op.path) ?? []), op]);
  const serializerOf = (operation: Operation): SchemaObject | undefined => {
    const answer = Object.entries(operation.responses).find(([status, response]) => status.startsWith('2') && response.content?.['application/json']);
    if (answer) return answer[1].content!['application/json']!.schema;
    // `/a/{id}/run/` → the viewset's detail URL `/a/{id}/`.
    const detail = byTemplate.get(operation.path.replace(/[^/]+\/$/, ''))?.find((op) => op.method === 'GET');
    return detail?.responses['200']?.content?.['application/json']?.schema;
  };

  return async (route, request) => {
    const actions: Record<string, Record<string, FieldInfo>> = {};
    for (const method of ['POST', 'PUT']) {
      const operation = route.operations.get(method);
      const serializer = operation && serializerOf(operation);
      if (!operation || !serializer || !passesPermission(operation, request.principal)) continue;
      if (method === 'PUT' && route.isDetail && !(await findsObject(route, operation, request, handlers))) continue;
      actions[method] = describeSerializer(spec, serializer);
    }
    return Object.keys(actions).length > 0 ? actions : undefined;
  };
}

/** The view's `check_permissions` for the method: views without permission classes let everyone pass. */
function passesPermission(operation: Operation, principal: Principal | undefined): boolean {
  if (DECORATOR_PERMISSION[operation.operationId]) return true;
  if (!principal) return operation.allowsAnonymous;
  const required = REQUIRED_PERMISSION[operation.operationId];
  return !required || can(principal, required);
}

/** `get_object` for the write: the route's GET handler finds the object (filters first), with the write's permission. */
async function findsObject(route: Route, write: Operation, request: OptionsRequest, handlers: Readonly<Record<string, OperationHandler>>): Promise<boolean> {
  const read = route.operations.get('GET');
  const handler = read && handlers[read.operationId];
  if (!read || !handler) return false;
  const required = REQUIRED_PERMISSION[write.operationId];
  const ctx: HandlerContext = {
    operation: read,
    params: request.params,
    query: request.query,
    principal: request.principal,
    request: { url: request.url, headers: request.headers, raw: () => Promise.resolve(undefined) },
    body: () => undefined,
    authorize() {
      if (required && !(request.principal && can(request.principal, required))) throw permissionDenied();
    },
  };
  try {
    await handler(ctx);
    return true;
  } catch (error) {
    // The object was found; only writing it would fail, and get_object writes nothing.
    if (error instanceof OrjsonWriteError) return true;
    // DRF leaves the method out on a 404 or a 403; anything else fails the request, as it does in authentik.
    if (error instanceof ApiError) return false;
    throw error;
  }
}
