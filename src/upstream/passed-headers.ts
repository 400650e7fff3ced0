import { utf8Length } from '../python/utf8';
import type { UpstreamAnswer } from './send-upstream';

// Per connection (RFC 9110 7.6.1), or no longer true once fetch has decoded the body and the text is re-sent.
const DROPPED = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'content-length', 'content-encoding']);

/**
 * The upstream's response headers for the client, as `[name, value, …]`: its own, less the hop-by-hop ones
 * and its CORS headers, which give way to the mock's (the browser's origin talks to the mock), then the
 * Content-Length of the text sent (HEAD keeps the upstream's, which is GET's).
 */
export function passedHeaders(answer: UpstreamAnswer, corsHeaders: readonly string[], head: boolean): string[] {
  const out: string[] = [];
  for (const [name, value] of answer.headers) {
    if (DROPPED.has(name) || name.startsWith('access-control-')) continue;
    out.push(name, value);
  }
  out.push(...corsHeaders);
  const length = answer.headers.get('content-length');
  if (head && length !== null) out.push('Content-Length', length);
  else if (!head && answer.status !== 204 && answer.status !== 304) out.push('Content-Length', String(utf8Length(answer.text)));
  return out;
}
