import type { OpenApiDocument, SchemaObject } from './spec-document';
import { toAjvDialect } from './ajv-dialect';
import { listOperations } from './operations';
import { splitSchema, type SplitSchema } from './split-schema';

/** The `$id` of the one document that holds every schema a response is checked against. */
export const SPEC_ID = 'openapi.json';

/** Where the schema of statuses the spec does not document lives: authentik answers them as `GenericError`. */
export const GENERIC_ERROR_POINTER = '#/components/schemas/GenericError';

/** How one documented status is checked: the schema's pointer in the document, split for speed when it can be; `null` when the status has no body. */
export type StatusPlan = { pointer: string; split?: SplitSchema } | null;

/**
 * What response validation needs of a spec, before any validator exists: which schema each operation ×
 * status is checked against, and the one document (`$id` openapi.json) those pointers resolve in. Pure
 * data, no ajv: compiled at start-up on Node, or ahead of time into standalone code for the browser.
 */
export interface ContractPlan {
  /** The spec in the form ajv reads (see toAjvDialect). */
  dialect: OpenApiDocument;
  /** operationId → documented status (`200`, `4XX`, `default`) → plan. */
  byOperation: Map<string, Map<string, StatusPlan>>;
  /** Every component schema, and the inline and split response schemas under `inline`. */
  document: { $id: string; components: { schemas: Record<string, SchemaObject> }; inline: Record<string, SchemaObject> };
}

export function planContract(spec: OpenApiDocument): ContractPlan {
  const dialect = toAjvDialect(spec);
  const byOperation = new Map<string, Map<string, StatusPlan>>();
  const inline: Record<string, SchemaObject> = {};
  for (const op of listOperations(dialect)) {
    const byStatus = new Map<string, StatusPlan>();
    for (const status of op.responseStatuses) {
      const schema = op.responses[status]?.content?.['application/json']?.schema;
      if (!schema) {
        byStatus.set(status, null);
        continue;
      }
      const key = `${op.operationId}:${status}`;
      const split = splitSchema(dialect, schema);
      if (split) inline[key] = split.envelope;
      else if (typeof schema.$ref !== 'string') inline[key] = schema;
      byStatus.set(status, { pointer: key in inline ? `#/inline/${encodeURIComponent(key)}` : schema.$ref!, split });
    }
    byOperation.set(op.operationId, byStatus);
  }
  return { dialect, byOperation, document: { $id: SPEC_ID, components: { schemas: dialect.components.schemas }, inline } };
}

/** Every pointer a contract built on this plan may ask a validator for: each component schema and each inline schema. */
export function listValidatorPointers(plan: ContractPlan): string[] {
  return [
    ...Object.keys(plan.document.components.schemas).map((name) => `#/components/schemas/${name}`),
    ...Object.keys(plan.document.inline).map((key) => `#/inline/${encodeURIComponent(key)}`),
  ];
}
