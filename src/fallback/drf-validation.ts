import type { IPrismDiagnostic } from '@stoplight/prism-core';
import { ApiError, notFound, validationError } from '../drf/api-error';

/**
 * Prism's request-validation findings as authentik would answer them:
 * - a path parameter Prism rejects (`qwerqwer` for a UUID or an integer id) is a lookup miss, 404 `Not found.`;
 * - anything else is a 400 with DRF's field-error body, `{"<field>": ["<message>"]}`, using DRF's wording
 *   for the common rules and Prism's otherwise.
 * Returns undefined when nothing is left to reject.
 */
export function toDrfError(findings: readonly IPrismDiagnostic[], query: Record<string, string | string[]>): ApiError | undefined {
  const errors: Record<string, string[]> = {};
  for (const finding of findings) {
    const [location = '', name, ...rest] = finding.path ?? [];
    const where = String(location);
    if (where === 'path') return notFound();
    const field = fieldOf(where, name === undefined ? undefined : String(name), rest.length > 0, finding.message);
    const given = where === 'query' && name !== undefined && Object.hasOwn(query, String(name)) ? query[String(name)] : undefined;
    const value = Array.isArray(given) ? given.at(-1) : given;
    (errors[field] ??= []).push(drfMessage(where, String(finding.code), finding.message, value));
  }
  return Object.keys(errors).length > 0 ? validationError(errors) : undefined;
}

/** The key DRF files an error under: the field, or `non_field_errors` for the body as a whole. */
function fieldOf(location: string, name: string | undefined, nested: boolean, message: string): string {
  if (name === undefined) {
    // Prism names a missing property in its message only: "Request body must have required property 'name'".
    return /required property '([^']+)'/.exec(message)?.[1] ?? 'non_field_errors';
  }
  if (location === 'body' && nested) return name!;
  return name ?? 'non_field_errors';
}

function drfMessage(location: string, code: string, message: string, value: string | undefined): string {
  if (code === 'required') return 'This field is required.';
  if (location === 'query' && code === 'enum') return `Select a valid choice. ${value ?? ''} is not one of the available choices.`;
  if (location === 'query' && code === 'type' && /integer|number/.test(message)) return 'Enter a number.';
  if (code === 'format' && /uuid/.test(message)) return location === 'query' ? 'Enter a valid UUID.' : 'Must be a valid UUID.';
  if (location === 'body' && code === 'type' && /must be string/.test(message)) return 'Not a valid string.';
  if (location === 'body' && code === 'minLength' && /fewer than 1 characters/.test(message)) return 'This field may not be blank.';
  const longest = location === 'body' && code === 'maxLength' ? /more than (\d+) characters/.exec(message)?.[1] : undefined;
  if (longest !== undefined) return `Ensure this field has no more than ${longest} characters.`;
  if (location === 'body' && code === 'type' && /must be integer/.test(message)) return 'A valid integer is required.';
  if (location === 'body' && code === 'type' && /must be boolean/.test(message)) return 'Must be a valid boolean.';
  return message;
}
