import type { ErrorObject, ValidateFunction } from 'ajv';
import { GENERIC_ERROR_POINTER, type ContractPlan, type StatusPlan } from './contract-plan';
import { describeAjvError } from './describe-ajv-error';
import type { OpenApiDocument } from './spec-document';

/** The outcome of checking one response against the spec. */
export type ContractCheck = { ok: true } | { ok: false; status: string; path: string; message: string };

/**
 * The spec compiled for validation: one validator per operationId × documented status, compiled once
 * (ajv's advice: compile once, validate many times). Statuses the spec does not document (404, 405, 406,
 * 413, 415, 500…) are checked against `GenericError`, the shape authentik gives them.
 */
export interface Contract {
  spec: OpenApiDocument;
  checkResponse(operationId: string | undefined, status: number, body: unknown): ContractCheck;
  /** A validator for one component schema, e.g. `SystemTask`; used by fixtures and tests. */
  schemaValidator(name: string): ValidateFunction;
}

/**
 * The validator for a pointer into the plan's document (`#/components/schemas/Event`, `#/inline/…`): compiled
 * by ajv at run time on Node, or looked up in the standalone code generated at build time for the browser.
 * Throws when the pointer has no validator or its schema cannot be compiled.
 */
export type ValidatorSource = (pointer: string) => ValidateFunction;

export interface ContractFromValidatorsOptions {
  /** Get each validator on first use instead of all at once (see ContractOptions.lazy). */
  lazy?: boolean;
  /** Turns a validator that cannot be had at start-up into the error that stops start-up. */
  explainFailure?: (error: Error) => never;
}

/** Checks one body; `path` is the JSON pointer of the first failure. */
type BodyCheck = (body: unknown) => { ok: true } | { ok: false; path: string; message: string };

/** The contract on a plan, whatever made its validators: the checks, the status lookup and the memo of valid bodies. */
export function createContractFromValidators(spec: OpenApiDocument, plan: ContractPlan, validatorAt: ValidatorSource, { lazy = false, explainFailure }: ContractFromValidatorsOptions = {}): Contract {
  const validItems = new Map<string, WeakSet<object>>();
  const toCheck = (statusPlan: NonNullable<StatusPlan>): BodyCheck => {
    const validate = validatorAt(statusPlan.pointer);
    const items = (statusPlan.split?.arrays ?? []).map(({ property, itemRef }) => {
      if (!validItems.has(itemRef)) validItems.set(itemRef, new WeakSet());
      return { property, validate: validatorAt(itemRef), known: validItems.get(itemRef)! };
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

  // A check is made on first use and kept; `null` means the status has no body.
  const compiled = new Map<string, BodyCheck | null>();
  const compile = (key: string, statusPlan: StatusPlan): BodyCheck | null => {
    let check = compiled.get(key);
    if (check !== undefined) return check;
    try {
      check = statusPlan ? toCheck(statusPlan) : null;
    } catch (error) {
      if (!lazy) {
        explainFailure?.(error as Error);
        throw error;
      }
      // A schema that cannot be compiled is reported on the response that needed it, not thrown at a request.
      const reason = (error as Error).message;
      check = () => ({ ok: false, path: '/', message: `the schema cannot be compiled: ${reason}` });
    }
    compiled.set(key, check);
    return check;
  };
  const genericErrorPlan = { pointer: GENERIC_ERROR_POINTER };
  if (!lazy) {
    for (const [operationId, byStatus] of plan.byOperation) for (const [status, statusPlan] of byStatus) compile(`${operationId} ${status}`, statusPlan);
    compile('GenericError', genericErrorPlan);
  }

  return {
    spec,
    checkResponse(operationId, status, body) {
      const byStatus = operationId === undefined ? undefined : plan.byOperation.get(operationId);
      const key = String(status);
      // openapi-backend's lookup order: the exact status, then its class (2XX), then default.
      const documented = [key, `${key[0]}XX`, 'default'].find((candidate) => byStatus?.has(candidate));
      const check = documented === undefined ? compile('GenericError', genericErrorPlan) : compile(`${operationId} ${documented}`, byStatus!.get(documented)!);
      const label = documented ?? `${key} (undocumented, checked as GenericError)`;
      // HTTP gives a 204 no body, whatever schema the spec puts on it (authentik documents one on flows import).
      if (status === 204 && body === undefined) return { ok: true };
      if (check === null) {
        return body === undefined ? { ok: true } : { ok: false, status: label, path: '/', message: 'must have no body' };
      }
      const result = check(body);
      return result.ok ? result : { ...result, status: label };
    },
    schemaValidator(name) {
      return validatorAt(`#/components/schemas/${name}`);
    },
  };
}

function failure(validate: ValidateFunction, prefix: string): { ok: false; path: string; message: string } {
  const first = (validate.errors as ErrorObject[])[0]!;
  return { ok: false, path: `${prefix}${first.instancePath}` || '/', message: describeAjvError(first) };
}
