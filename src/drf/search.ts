import type { Query } from '../http/query';
import { pySplit } from '../python/py-strip';

/**
 * DRF's SearchFilter terms: NUL characters removed, commas read as spaces, split on whitespace.
 * Every term must then match at least one search field.
 */
export function searchTerms(query: Query): string[] {
  const param = query.get('search') ?? '';
  return pySplit(param.replaceAll('\x00', '').replaceAll(',', ' '));
}

/** Postgres `UPPER(field) LIKE UPPER('%term%')`, Django's icontains; a NULL field never matches. */
export function icontains(field: string | null | undefined, term: string): boolean {
  return field !== null && field !== undefined && field.toUpperCase().includes(term.toUpperCase());
}

/**
 * A search over immutable rows (see Collection): each row's search texts are upper-cased and joined once
 * and kept, so a search over ten thousand rows is one `includes` per row and term. Joining with NUL is
 * exact because search terms never contain NUL (DRF strips it).
 */
export function createRowSearch<T extends object>(textsOf: (row: T) => ReadonlyArray<string | null | undefined>) {
  const memo = new WeakMap<T, string>();
  return (terms: readonly string[]) => {
    const upperTerms = terms.map((term) => term.toUpperCase());
    return (row: T): boolean => {
      let text = memo.get(row);
      if (text === undefined) {
        text = textsOf(row)
          .filter((t): t is string => t !== null && t !== undefined)
          .map((t) => t.toUpperCase())
          .join('\u0000');
        memo.set(row, text);
      }
      return upperTerms.every((term) => text.includes(term));
    };
  };
}
