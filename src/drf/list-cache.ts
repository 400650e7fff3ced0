import { pgUpper } from './pg-upper';
import { queryPairs, type Query } from './query';
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

/** The query parameters that select and order rows (every value of a repeated one); paging is applied to the cached result. */
export function selectionKey(query: Query): string {
  const selecting = queryPairs(query).filter(([name]) => name !== 'page' && name !== 'page_size' && name !== 'format');
  return JSON.stringify(selecting.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export const orderingKey = (terms: readonly OrderingTerm[]): string => terms.map((t) => `${t.descending ? '-' : ''}${t.field}`).join(',');

/**
 * How a query selects rows: the filters as one predicate and the search terms apart (list scans match the
 * terms against row texts), and both together as `matches` (detail routes test one row).
 */
export interface ListQuery<T> {
  filter: ((row: T) => boolean) | undefined;
  terms: readonly string[];
  matches: ((row: T) => boolean) | undefined;
}

/** Combines a query's filter predicates and search terms into a ListQuery. */
export function toListQuery<T>(predicates: ReadonlyArray<(row: T) => boolean>, terms: readonly string[], search: (terms: readonly string[]) => (row: T) => boolean): ListQuery<T> {
  const filter = predicates.length === 0 ? undefined : (row: T) => predicates.every((predicate) => predicate(row));
  const searched = terms.length > 0 ? search(terms) : undefined;
  const matches = !searched ? filter : !filter ? searched : (row: T) => filter(row) && searched(row);
  return { filter, terms, matches };
}

/**
 * A list's rows for a query: every row sorted once per ordering, with each row's search text in an array
 * beside it, then selected. Sorting is stable and selecting keeps order, so this equals filtering then
 * sorting, while a new search is a plain loop over strings (no per-row lookups).
 */
export function createListSource<T>(sort: (rows: readonly T[], terms: readonly OrderingTerm[]) => T[], textOf: (row: T) => string) {
  // The texts are made on the first search in an ordering, not before: most list requests do not search.
  const sorted = createVersionedCache<{ rows: readonly T[]; texts?: readonly string[] }>(32);
  const selected = createVersionedCache<readonly T[]>(64);
  return (version: number, all: () => readonly T[], query: Query, ordering: readonly OrderingTerm[], selection: ListQuery<T>): readonly T[] =>
    selected(version, selectionKey(query), () => {
      const ordered = sorted(version, orderingKey(ordering), () => ({ rows: sort(all(), ordering) }));
      const { terms, filter } = selection;
      if (terms.length === 0 && !filter) return ordered.rows;
      const upper = terms.map(pgUpper);
      const texts = upper.length > 0 ? (ordered.texts ??= ordered.rows.map(textOf)) : undefined;
      const out: T[] = [];
      // A plain loop: this runs for every row of a table on each new search.
      rows: for (let i = 0; i < ordered.rows.length; i++) {
        if (texts) {
          const text = texts[i]!;
          for (let t = 0; t < upper.length; t++) if (!text.includes(upper[t]!)) continue rows;
        }
        const row = ordered.rows[i]!;
        if (filter && !filter(row)) continue;
        out.push(row);
      }
      return out;
    });
}
