import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { OpenApiDocument, SchemaObject } from './load-spec';
import { listOperations } from './operations';

const SPEC_ID = 'openapi.json';

/** The outcome of checking one response against the spec. */
export type ContractCheck = { ok: true } | { ok: false; status: string; path: string; message: string };

/**
 * The spec compiled for validation: one ajv validator per operationId × documented status, built once at
 * start-up (ajv's advice: compile once, validate many times), so a bad schema fails at boot, not on a request.
 * Statuses the spec does not document (404, 405, 406, 413, 415, 500…) are checked against `GenericError`,
 * the shape authentik gives them.
 */
export interface Contract {
  spec: OpenApiDocument;
  checkResponse(operationId: string | undefined, status: number, body: unknown): ContractCheck;
  /** A validator for one component schema, e.g. `SystemTask`; used by fixtures and tests. */
  schemaValidator(name: string): ValidateFunction;
}

export function createAjv(): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: true });
  addFormats(ajv);
  // OpenAPI's numeric formats carry no constraint that JSON Schema can check.
  for (const format of ['double', 'float', 'int32', 'int64']) ajv.addFormat(format, true);
  // The containers of the registered document and OpenAPI's annotations, so strict mode takes the spec as it is.
  ajv.addVocabulary(['components', 'schemas', 'inline', 'example', 'externalDocs', 'xml', 'discriminator']);
  return ajv;
}

export function createContract(spec: OpenApiDocument): Contract {
  const ajv = createAjv();
  const responseSchemas = new Map<string, Map<string, SchemaObject | null>>();
  const inline: Record<string, SchemaObject> = {};
  for (const op of listOperations(spec)) {
    const byStatus = new Map<string, SchemaObject | null>();
    for (const status of op.responseStatuses) {
      const schema = op.responses[status]?.content?.['application/json']?.schema ?? null;
      if (schema && typeof schema.$ref !== 'string') inline[`${op.operationId}:${status}`] = schema;
      byStatus.set(status, schema);
    }
    responseSchemas.set(op.operationId, byStatus);
  }
  // One document holds every schema, so that `#/components/schemas/X` resolves wherever it appears.
  ajv.addSchema({ $id: SPEC_ID, components: { schemas: spec.components.schemas }, inline });

  const pointerTo = (operationId: string, status: string, schema: SchemaObject): string =>
    typeof schema.$ref === 'string' ? schema.$ref : `#/inline/${encodeURIComponent(`${operationId}:${status}`)}`;
  const getValidator = (pointer: string): ValidateFunction => {
    const validate = ajv.getSchema(`${SPEC_ID}${pointer}`);
    if (!validate) throw new Error(`${pointer} does not resolve in the spec`);
    return validate;
  };

  const validators = new Map<string, Map<string, ValidateFunction | null>>();
  let genericError: ValidateFunction;
  try {
    for (const [operationId, byStatus] of responseSchemas) {
      const compiled = new Map<string, ValidateFunction | null>();
      for (const [status, schema] of byStatus) {
        compiled.set(status, schema ? getValidator(pointerTo(operationId, status, schema)) : null);
      }
      validators.set(operationId, compiled);
    }
    genericError = getValidator('#/components/schemas/GenericError');
  } catch (error) {
    throwWithSchemaPath(spec, error as Error);
  }

  return {
    spec,
    checkResponse(operationId, status, body) {
      const byStatus = operationId === undefined ? undefined : validators.get(operationId);
      const key = String(status);
      // openapi-backend's lookup order: the exact status, then its class (2XX), then default.
      const documented = [key, `${key[0]}XX`, 'default'].find((candidate) => byStatus?.has(candidate));
      const validate = documented === undefined ? genericError : byStatus!.get(documented)!;
      const label = documented ?? `${key} (undocumented, checked as GenericError)`;
      if (validate === null) {
        return body === undefined ? { ok: true } : { ok: false, status: label, path: '/', message: 'must have no body' };
      }
      if (validate(body)) return { ok: true };
      const first = (validate.errors as ErrorObject[])[0]!;
      return { ok: false, status: label, path: first.instancePath || '/', message: describeAjvError(first) };
    },
    schemaValidator(name) {
      return getValidator(`#/components/schemas/${name}`);
    },
  };
}

/**
 * Names the component schema ajv rejects by its JSON path (`#/components/schemas/Event: type must be…`),
 * compiling each on its own; only runs once compilation has already failed.
 */
function throwWithSchemaPath(spec: OpenApiDocument, original: Error): never {
  for (const name of Object.keys(spec.components.schemas)) {
    const ajv = createAjv();
    ajv.addSchema({ $id: SPEC_ID, components: { schemas: spec.components.schemas } });
    try {
      ajv.getSchema(`${SPEC_ID}#/components/schemas/${name}`);
    } catch (error) {
      throw new Error(`#/components/schemas/${name}: ${(error as Error).message}`);
    }
  }
  throw original;
}

/** One ajv error as a phrase: `must be equal to one of the allowed values (unknown, successful, …)`. */
export function describeAjvError(error: ErrorObject): string {
  if (error.keyword === 'enum') return `${error.message} (${(error.params.allowedValues as unknown[]).join(', ')})`;
  if (error.keyword === 'additionalProperties') return `${error.message} (${String(error.params.additionalProperty)})`;
  return error.message ?? error.keyword;
}
