/**
 * An expected outcome that is not a success (not found, invalid page, validation, permission): thrown
 * anywhere below a route and turned into an HTTP response in exactly one place, the pipeline.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown> | readonly unknown[],
    /** Why this answer is not checked against the spec, where authentik's error body breaks its own schema. */
    readonly outsideContract?: string,
  ) {
    super(`${status} ${JSON.stringify(body)}`);
  }
}

/** An error with authentik's GenericError body, `{"detail": text}` (no `code` key, as DRF sends it). */
export function detailError(status: number, text: string): ApiError {
  return new ApiError(status, { detail: text });
}

export const notFound = (): ApiError => detailError(404, 'Not found.');
export const invalidPage = (): ApiError => detailError(404, 'Invalid page.');
export const permissionDenied = (): ApiError => detailError(403, 'You do not have permission to perform this action.');
export const notAuthenticated = (): ApiError => detailError(403, 'Authentication credentials were not provided.');
export const methodNotAllowed = (method: string): ApiError => detailError(405, `Method "${method}" not allowed.`);

/** DRF's field-error body: every failing field with its messages, e.g. `{"app": ["This field is required."]}`. */
export function validationError(errors: Record<string, string[]>): ApiError {
  return new ApiError(400, errors);
}
