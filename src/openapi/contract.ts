import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { findAdminSpecPath, findSpecPath, loadSpec, mergeAdminSpec, type OpenApiDocument, type SchemaObject } from './load-spec';
import { toAjvDialect } from './ajv-dialect';
import { listOperations } from './operations';
import { splitSchema, type SplitSchema } from './split-schema';

const SPEC_ID = 'openapi.json';

/** The outcome of checking one response against the spec. */
export type ContractCheck = { ok: true } | { ok: false; status: string; path: string; message: string };

/**
 * The spec compiled for validation: one ajv validator per operationId × documented status, compiled once
 * (ajv's advice: compile once, validate many times): at start-up, or on first use with `lazy`.
 * Statuses the spec does not document (404, 405, 406, 413, 415, 500…) are checked against `GenericError`,
 * the shape authentik gives them; so are error statuses it documents without content, but a 400 there
 * against `ValidationError` (decision 013).
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

/** Checks one body; `path` is the JSON pointer of the first failure. */
type BodyCheck = (body: unknown) => { ok: true } | { ok: false; path: string; message: string };

export interface ContractOptions {
  /**
   * Compile each validator on first use instead of all at start-up. authentik's full schema has 875
   * operations; compiling them all costs about a second and most are never called. Our own spec is
   * compiled eagerly, so that a schema ajv rejects stops start-up rather than a request.
   */
  lazy?: boolean;
}

type Plan = { pointer: string; split?: SplitSchema } | null;

export function createContract(spec: OpenApiDocument, { lazy = false }: ContractOptions = {}): Contract {
  const ajv = createAjv();
  const dialect = toAjvDialect(spec);
  const plans = new Map<string, Map<string, Plan>>();
  const inline: Record<string, SchemaObject> = {};
  for (const op of listOperations(dialect)) {
    const byStatus = new Map<string, Plan>();
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
    plans.set(op.operationId, byStatus);
  }
  // One document holds every schema, so that `#/components/schemas/X` resolves wherever it appears.
  ajv.addSchema({ $id: SPEC_ID, components: { schemas: dialect.components.schemas }, inline });

  const getValidator = (pointer: string): ValidateFunction => {
    const validate = ajv.getSchema(`${SPEC_ID}${pointer}`);
    if (!validate) throw new Error(`${pointer} does not resolve in the spec`);
    return validate;
  };
  const validItems = new Map<string, WeakSet<object>>();
  const toCheck = (plan: { pointer: string; split?: SplitSchema }): BodyCheck => {
    const validate = getValidator(plan.pointer);
    const items = (plan.split?.arrays ?? []).map(({ property, itemRef }) => {
      if (!validItems.has(itemRef)) validItems.set(itemRef, new WeakSet());
      return { property, validate: getValidator(itemRef), known: validItems.get(itemRef)! };
    });
    // Bodies are immutable once built (see Collection), so an object found valid is not checked again.
    const validBodies = new WeakSet<object>();
    return (body) => {
      const isObject = typeof body === 'object' && body !== null;
      if (isObject && validBodies.has(body)) return { ok: true };
      if (!validate(body)) return failure(validate, '');
      for (const { property, validate: validateItem, known } of items) {
        const list = (body as Record<string, unknown>)[property];
        if (!Array.isArray(list)) continue;
        for (let i = 0; i < list.length; i++) {
          const item: unknown = list[i];
          if (typeof item === 'object' && item !== null && known.has(item)) continue;
          if (!validateItem(item)) return failure(validateItem, `/${property}/${i}`);
          if (typeof item === 'object' && item !== null) known.add(item);
        }
      }
      if (isObject) validBodies.add(body);
      return { ok: true };
    };
  };

  // A check is compiled on first use and kept; `null` means the status has no body.
  const compiled = new Map<string, BodyCheck | null>();
  const compile = (key: string, plan: Plan): BodyCheck | null => {
    let check = compiled.get(key);
    if (check !== undefined) return check;
    try {
      check = plan ? toCheck(plan) : null;
    } catch (error) {
      if (!lazy) throwWithSchemaPath(dialect, error as Error);
      // A schema ajv cannot compile is reported on the response that needed it, not thrown at a request.
      const reason = (error as Error).message;
      check = () => ({ ok: false, path: '/', message: `the schema cannot be compiled: ${reason}` });
    }
    compiled.set(key, check);
    return check;
  };
  const genericErrorPlan = { pointer: '#/components/schemas/GenericError' };
  const validationErrorPlan = { pointer: '#/components/schemas/ValidationError' };
  if (!lazy) {
    for (const [operationId, byStatus] of plans) for (const [status, plan] of byStatus) compile(`${operationId} ${status}`, plan);
    compile('GenericError', genericErrorPlan);
  }

  return {
    spec,
    checkResponse(operationId, status, body) {
      const byStatus = operationId === undefined ? undefined : plans.get(operationId);
      const key = String(status);
      // openapi-backend's lookup order: the exact status, then its class (2XX), then default.
      const documented = [key, `${key[0]}XX`, 'default'].find((candidate) => byStatus?.has(candidate));
      const check = documented === undefined ? compile('GenericError', genericErrorPlan) : compile(`${operationId} ${documented}`, byStatus!.get(documented)!);
      const label = documented ?? `${key} (undocumented, checked as GenericError)`;
      // HTTP gives a 204 no body, whatever schema the spec puts on it (authentik documents one on flows import).
      if (status === 204 && body === undefined) return { ok: true };
      if (check === null) {
        if (body === undefined) return { ok: true };
        // authentik sends its error body on every error status, also where its schema documents the status
        // without content (404 on events_system_tasks_run_create): field errors on a 400, else a
        // GenericError (decision 013).
        if (status >= 400) {
          const [name, plan] = status === 400 && spec.components.schemas.ValidationError ? ['ValidationError', validationErrorPlan] : ['GenericError', genericErrorPlan];
          const error = compile(name, plan)!(body);
          return error.ok ? error : { ...error, status: `${label} (documented without content, checked as ${name})` };
        }
        return { ok: false, status: label, path: '/', message: 'must have no body' };
      }
      const result = check(body);
      return result.ok ? result : { ...result, status: label };
    },
    schemaValidator(name) {
      return getValidator(`#/components/schemas/${name}`);
    },
  };
}

function failure(validate: ValidateFunction, prefix: string): { ok: false; path: string; message: string } {
  const first = (validate.errors as ErrorObject[])[0]!;
  return { ok: false, path: `${prefix}${first.instancePath}` || '/', message: describeAjvError(first) };
}

/**
 * Names the component schema ajv rejects by its JSON path (`#/components/schemas/Event: type must be…`),
 * compiling each on its own; only runs once compilation has already failed.
 */
function throwWithSchemaPath(spec: OpenApiDocument, original: Error): never {
  const ajv = createAjv();
  ajv.addSchema({ $id: SPEC_ID, components: { schemas: spec.components.schemas } });
  for (const name of Object.keys(spec.components.schemas)) {
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

/** The contract of spec/authentik-events.yaml with spec/mock-admin.yaml merged in: what the server checks against. */
export function loadContract(): Contract {
  return createContract(mergeAdminSpec(loadSpec(findSpecPath()), loadSpec(findAdminSpecPath())));
}
