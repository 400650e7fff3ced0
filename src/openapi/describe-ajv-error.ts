import type { ErrorObject } from 'ajv';

/** One ajv error as a phrase: `must be equal to one of the allowed values (unknown, successful, …)`. */
export function describeAjvError(error: ErrorObject): string {
  if (error.keyword === 'enum') return `${error.message} (${(error.params.allowedValues as unknown[]).join(', ')})`;
  if (error.keyword === 'additionalProperties') return `${error.message} (${String(error.params.additionalProperty)})`;
  return error.message ?? error.keyword;
}
