import { detailError, notFound } from './api-error';
import { isJsonMediaType } from './request-body';

/**
 * DRF's content negotiation with JSONRenderer as the only renderer, which runs before authentication:
 * `?format=` other than `json` is a 404; an `Accept` with no entry matching `application/json` is a 406.
 * DRF ignores `q` values here, so `application/json;q=0` still matches.
 */
export function assertAcceptsJson(accept: string | undefined, format: string | undefined): void {
  if (format && format !== 'json') throw notFound();
  // Measured: an Accept header that is present but empty matches nothing, so it is a 406 too.
  if (accept === undefined) return;
  // An entry is acceptable by the same test DRF's parser uses for a JSON Content-Type.
  if (!accept.split(',').some(isJsonMediaType)) throw detailError(406, 'Could not satisfy the request Accept header.');
}
