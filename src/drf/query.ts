/**
 * The query string as Django's QueryDict reads it: `+` is a space, bad escapes stay as they are, invalid
 * UTF-8 becomes U+FFFD, and a repeated parameter answers with its last value (`QueryDict.get`).
 */
export type Query = ReadonlyMap<string, string>;

export function parseQuery(url: string): Query {
  const at = url.indexOf('?');
  const query = new Map<string, string>();
  if (at === -1) return query;
  for (const [key, value] of new URLSearchParams(url.slice(at + 1))) query.set(key, value);
  return query;
}
