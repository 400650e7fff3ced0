import type { CoreRequest } from '../core/core-types';

/** What the upstream answered, its body read as text. */
export interface UpstreamAnswer {
  ok: true;
  status: number;
  headers: Headers;
  text: string;
}

/** Why there is no answer to pass on: the 502 or 504 a reverse proxy gives, and the reason in words. */
export interface UpstreamFailure {
  ok: false;
  status: 502 | 504;
  /** `could not be reached (ECONNREFUSED)`, `did not answer within 30000 ms` */
  reason: string;
}

// Hop-by-hop headers (RFC 9110 7.6.1) belong to one connection, not the request; fetch refuses some of
// them, and computes Host, Content-Length and Accept-Encoding itself (it decodes what it asked for).
const NOT_FORWARDED = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'expect', 'host', 'content-length', 'accept-encoding']);

/**
 * Sends one request to the upstream: `url` is the upstream's API root joined with the request's path under
 * /api/v3. With `token`, it replaces the client's Authorization; without, the client's own goes through.
 * Never throws: a connection that fails, or an answer slower than `timeoutMs` (body included), is a failure.
 */
export async function sendUpstream(url: string, request: CoreRequest, token: string | undefined, timeoutMs: number): Promise<UpstreamAnswer | UpstreamFailure> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || NOT_FORWARDED.has(name) || name.startsWith('proxy-')) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.body !== undefined;
  try {
    // Redirects go back to the client, as a reverse proxy passes them.
    const response = await fetch(url, { method: request.method, headers, body: hasBody ? request.body : undefined, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    return { ok: true, status: response.status, headers: response.headers, text: await response.text() };
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') return { ok: false, status: 504, reason: `did not answer within ${timeoutMs} ms` };
    // fetch says only "fetch failed"; the cause has the system's code (ECONNREFUSED, ENOTFOUND, a TLS error).
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { ok: false, status: 502, reason: `could not be reached (${cause?.code ?? cause?.message ?? (error as Error).message})` };
  }
}
