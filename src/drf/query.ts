/**
 * The query string as Django's QueryDict reads it: `+` is a space, bad escapes stay as they are, invalid
 * UTF-8 becomes U+FFFD, and a repeated parameter answers with its last value (`QueryDict.get`).
 */
export type Query = ReadonlyMap<string, string>;

/** The Query parseQuery makes: also every value of a repeated parameter, in the order sent. */
class ParsedQuery extends Map<string, string> {
  readonly lists = new Map<string, string[]>();
}

export function parseQuery(url: string): Query {
  const at = url.indexOf('?');
  const query = new ParsedQuery();
  if (at === -1) return query;
  for (const [key, value] of new URLSearchParams(url.slice(at + 1))) {
    query.set(key, value);
    const list = query.lists.get(key);
    if (list) list.push(value);
    else query.lists.set(key, [value]);
  }
  return query;
}

/**
 * `QueryDict.getlist`: every value of a parameter, in the order sent (`[]` when absent). A Query built by
 * hand (a plain Map) holds one value per parameter.
 */
export function queryValues(query: Query, name: string): string[] {
  if (query instanceof ParsedQuery) return [...(query.lists.get(name) ?? [])];
  const value = query.get(name);
  return value === undefined ? [] : [value];
}

/** Every (name, value) pair, repeated parameters included, in the order of their first appearance. */
export function queryPairs(query: Query): [string, string][] {
  if (!(query instanceof ParsedQuery)) return [...query];
  return [...query.lists].flatMap(([name, values]) => values.map((value) => [name, value] as [string, string]));
}
