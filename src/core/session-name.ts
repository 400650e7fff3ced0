import { headerValue, type CoreHeaders } from './core-types';

/** The session a request names nothing: the mock as it ran before sessions existed. */
export const DEFAULT_SESSION = 'default';

export const SESSION_HEADER = 'x-mock-session';
export const SESSION_COOKIE = 'mock_session';

// Unreserved URL characters only, so that a name reads the same in a header, a cookie and a URL path.
const NAME = /^[A-Za-z0-9._~-]{1,64}$/;

/** What a session name must be, for the 400 that refuses another. */
export const SESSION_NAME_RULE = "1 to 64 letters, digits, '.', '_', '~' or '-'";

export function isSessionName(name: string): boolean {
  return NAME.test(name);
}

/**
 * The session a request names: the `X-Mock-Session` header, else the `mock_session` cookie, else the default.
 * A name that breaks the rule comes back as `{ invalid }`, for a 400 that names where it came from.
 */
export function sessionNameOf(headers: CoreHeaders): { name: string } | { invalid: string } {
  const header = headerValue(headers, SESSION_HEADER);
  if (header !== undefined) {
    const name = header.trim();
    return isSessionName(name) ? { name } : { invalid: `X-Mock-Session: "${header}" is not a session name; use ${SESSION_NAME_RULE}.` };
  }
  const cookie = cookieValue(headerValue(headers, 'cookie'), SESSION_COOKIE);
  if (cookie === undefined) return { name: DEFAULT_SESSION };
  return isSessionName(cookie) ? { name: cookie } : { invalid: `cookie ${SESSION_COOKIE}: "${cookie}" is not a session name; use ${SESSION_NAME_RULE}.` };
}

/** One cookie's value from a `Cookie` header (RFC 6265 §5.4: `name=value` pairs joined by `; `); the first wins. */
function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const pair of header.split(';')) {
    const equals = pair.indexOf('=');
    if (equals !== -1 && pair.slice(0, equals).trim() === name) return pair.slice(equals + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return undefined;
}
