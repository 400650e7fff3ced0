import type { Query } from './query';
import { pySplit } from '../python/py-strip';
import { pgUpper } from './pg-upper';

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
  return field !== null && field !== undefined && pgUpper(field).includes(pgUpper(term));
}

/** A search over one table: the per-row predicate for detail routes, and the row text for list scans. */
export interface RowSearch<T> {
  (terms: readonly string[]): (row: T) => boolean;
  /** The row's search fields, upper-cased and joined with NUL (DRF strips NUL from terms, so this is exact). */
  textOf(row: T): string;
}

/**
 * A search over immutable rows (see Collection): each row's search texts are upper-cased and joined once
 * and kept, so a search over ten thousand rows is one `includes` per row and term.
 */
export function createRowSearch<T extends object>(textsOf: (row: T) => ReadonlyArray<string | null | undefined>): RowSearch<T> {
  const memo = new WeakMap<T, string>();
  const textOf = (row: T): string => {
    let text = memo.get(row);
    if (text === undefined) {
      text = textsOf(row)
        .filter((t): t is string => t !== null && t !== undefined)
        .map(pgUpper)
        .join('\u0000');
      memo.set(row, text);
    }
    return text;
  };
  const search = (terms: readonly string[]) => {
    const upperTerms = terms.map(pgUpper);
    return (row: T): boolean => {
      const text = textOf(row);
      return upperTerms.every((term) => text.includes(term));
    };
  };
  return Object.assign(search, { textOf });
}
