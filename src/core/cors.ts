import type { CoreHeaders } from './core-types';
import { headerValue } from './core-types';

/** What CORS adds to one request: extra response headers, or (for a preflight) the whole answer's headers. */
export interface CorsDecision {
  /** `[name, value, …]` to add to the response. */
  headers: string[];
  /** An OPTIONS carrying `Origin`: answered 204 at once, before authentication. */
  preflight: boolean;
}

const NONE: CorsDecision = { headers: [], preflight: false };

/**
 * CORS for browser frontends on another origin. The real server is same-origin and sends none of this;
 * the mock adds it so that a dev server on another port can call it. An OPTIONS carrying `Origin` is a
 * preflight and is answered 204 before authentication (browsers send preflights without credentials).
 * `allowedOrigins` undefined means any origin (`*`; bearer tokens are not CORS credentials, so `*` works).
 */
export function createCors(allowedOrigins: readonly string[] | undefined) {
  return (method: string, headers: CoreHeaders): CorsDecision => {
    const origin = headerValue(headers, 'origin');
    if (origin === undefined) return NONE;
    const allowed = allowedOrigins === undefined || allowedOrigins.includes(origin);
    const out: string[] = [];
    if (allowed) {
      out.push('Access-Control-Allow-Origin', allowedOrigins === undefined ? '*' : origin);
      if (allowedOrigins !== undefined) out.push('Vary', 'Origin');
      out.push('Access-Control-Expose-Headers', 'X-authentik-id');
    }
    const preflight = method === 'OPTIONS';
    if (preflight && allowed) {
      out.push(
        'Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS',
        'Access-Control-Allow-Headers', headerValue(headers, 'access-control-request-headers') ?? 'authorization, content-type, x-mock-session',
        'Access-Control-Max-Age', '600',
      );
    }
    return { headers: out, preflight };
  };
}
