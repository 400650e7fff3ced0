import type { Query } from '../http/query';

/** The query parameters that select and order rows; paging is applied to the cached result. */
const SELECTING = (name: string) => name !== 'page' && name !== 'page_size' && name !== 'format';

/**
 * Filtered and sorted rows of a list, kept per query until the collection changes: paging through a list
 * of ten thousand tasks sorts it once, not once per page. Bounded; the oldest entry goes first.
 */
export function createListCache<T>(limit = 64) {
  const entries = new Map<string, readonly T[]>();
  let seenVersion = -1;
  return (version: number, query: Query, compute: () => readonly T[]): readonly T[] => {
    if (version !== seenVersion) {
      entries.clear();
      seenVersion = version;
    }
    const key = JSON.stringify([...query].filter(([name]) => SELECTING(name)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    let rows = entries.get(key);
    if (!rows) {
      rows = compute();
      if (entries.size >= limit) entries.delete(entries.keys().next().value!);
      entries.set(key, rows);
    }
    return rows;
  };
}
