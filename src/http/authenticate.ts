import { pyStrip } from '../python/py-strip';
import { detailError } from './api-error';

/** Who is calling: the bearer token, and what it may do. */
export interface Principal {
  token: string;
  superuser: boolean;
}

/** Which tokens the mock accepts: any non-empty bearer token (the default), or exactly a configured list. */
export type TokenPolicy = { mode: 'any' } | { mode: 'list'; tokens: ReadonlySet<string> };

/**
 * authentik's bearer authentication. The header is stripped first; a value without a space (`Bearer`,
 * `Basic`) counts as no credentials (undefined); another scheme is `Unsupported authentication type`;
 * an unknown token is `Token invalid/expired`. authentik answers 403, never 401, and sends no
 * WWW-Authenticate header.
 */
export function authenticate(header: string | undefined, policy: TokenPolicy): Principal | undefined {
  const credentials = pyStrip(header ?? '');
  if (credentials === '' || !credentials.includes(' ')) return undefined;
  const space = credentials.indexOf(' ');
  const scheme = credentials.slice(0, space);
  const token = credentials.slice(space + 1);
  if (scheme.toLowerCase() !== 'bearer') throw detailError(403, 'Unsupported authentication type');
  if (policy.mode === 'list' && !policy.tokens.has(token)) throw detailError(403, 'Token invalid/expired');
  return { token, superuser: true };
}
