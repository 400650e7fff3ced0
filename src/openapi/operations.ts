import type { OpenApiDocument, OperationObject, ParameterObject, SchemaObject } from './spec-document';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** One operation of the spec, with what routing and validation need of it. */
export interface Operation {
  operationId: string;
  method: string;
  /** The spec's path template, e.g. `/events/events/{event_uuid}/`. */
  path: string;
  description: string;
  parameters: ParameterObject[];
  /** The JSON request body schema (usually a `$ref`), if the operation takes one. */
  requestSchema?: SchemaObject;
  responseStatuses: string[];
  responses: OperationObject['responses'];
  /** The spec lets anonymous callers in: its `security` lists an empty requirement (`- {}`). */
  allowsAnonymous: boolean;
  /** The media types the request body may have. */
  requestMediaTypes: string[];
}

export function listOperations(spec: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method] as OperationObject | undefined;
      if (!op) continue;
      operations.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        description: op.description ?? '',
        parameters: op.parameters ?? [],
        requestSchema: op.requestBody?.content['application/json']?.schema,
        responseStatuses: Object.keys(op.responses),
        responses: op.responses,
        allowsAnonymous: (op.security ?? []).some((requirement) => Object.keys(requirement).length === 0),
        requestMediaTypes: Object.keys(op.requestBody?.content ?? {}),
      });
    }
  }
  return operations;
}

/** Follows a local `#/components/schemas/X` reference (one level); other schemas come back as they are. */
export function resolveSchema(spec: OpenApiDocument, schema: SchemaObject): SchemaObject {
  const prefix = '#/components/schemas/';
  if (typeof schema.$ref !== 'string') return schema;
  const target = spec.components.schemas[schema.$ref.slice(prefix.length)];
  if (!schema.$ref.startsWith(prefix) || !target) throw new Error(`unresolvable $ref ${schema.$ref}`);
  return resolveSchema(spec, target);
}

export function getOperation(operations: Operation[], operationId: string): Operation {
  const op = operations.find((o) => o.operationId === operationId);
  if (!op) throw new Error(`the spec has no operation ${operationId}`);
  return op;
}
