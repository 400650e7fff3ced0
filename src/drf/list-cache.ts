import type { Query } from '../http/query';
import type { OrderingTerm } from './ordering';

/**
 * Results derived from a collection, kept until it changes (its version moves), bounded (the oldest entry
 * goes first). Lists use two: all rows sorted per ordering, and the filtered page source per query.
 */
export function createVersionedCache<T>(limit = 64) {
  const entries = new Map<string, T>();
  let seenVersion = -1;
  return (version: number, key: string, compute: () => T): T => {
    if (version !== seenVersion) {
      entries.clear();
      seenVersion = version;
    }
    let value = entries.get(key);
    if (value === undefined) {
      value = compute();
      if (entries.size >= limit) entries.delete(entries.keys().next().value!);
      entries.set(key, value);
    }
    return value;
  };
}

/** The query parameters that select and order rows; paging is applied to the cached result. */
export function selectionKey(query: Query): string {
  const selecting = [...query].filter(([name]) => name !== 'page' && name !== 'page_size' && name !== 'format');
  return JSON.stringify(selecting.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export const orderingKey = (terms: readonly OrderingTerm[]): string => terms.map((t) => `${t.descending ? '-' : ''}${t.field}`).join(',');

/**
 * A list's rows for a query: every row sorted once per ordering, then filtered. Sorting is stable and
 * filtering keeps order, so this equals filtering then sorting, while new searches reuse the sorted rows.
 */
export function createListSource<T>(sort: (rows: readonly T[], terms: readonly OrderingTerm[]) => T[]) {
  const sorted = createVersionedCache<readonly T[]>(32);
  const selected = createVersionedCache<readonly T[]>(64);
  return (version: number, all: () => readonly T[], query: Query, terms: readonly OrderingTerm[], matches: ((row: T) => boolean) | undefined): readonly T[] =>
    selected(version, selectionKey(query), () => {
      const ordered = sorted(version, orderingKey(terms), () => sort(all(), terms));
      return matches ? ordered.filter(matches) : ordered;
    });
}
