import type { Query } from './query';
import { pyStrip } from '../python/py-strip';
import { compareSortKeys, toSortKey } from './postgres-order';

/** One term of DRF's `ordering` parameter: a field and a direction. */
export interface OrderingTerm {
  field: string;
  descending: boolean;
}

/**
 * DRF's OrderingFilter: comma-separated terms, `-` for descending; terms that are not orderable fields
 * are dropped silently; if none remain, the view's default ordering applies. Never an error.
 */
export function parseOrdering(query: Query, validFields: ReadonlySet<string>, defaultOrdering: readonly string[]): OrderingTerm[] {
  const param = query.get('ordering');
  const terms = (param ?? '')
    .split(',')
    .map(pyStrip)
    .filter((term) => validFields.has(term.replace(/^-/, '')));
  return (terms.length > 0 ? terms : defaultOrdering).map((term) => ({ field: term.replace(/^-/, ''), descending: term.startsWith('-') }));
}

/**
 * Sorts by the terms with Postgres semantics (NULLs last ascending, first descending; `jsonbFields` are
 * compared as jsonb). Each row's sort keys
 * are computed once, not per comparison. Ties keep store order, where Postgres gives no guarantee.
 */
export function sortBy<T>(
  items: readonly T[],
  terms: readonly OrderingTerm[],
  valueOf: (item: T, field: string) => unknown,
  jsonbFields: ReadonlySet<string> = new Set(),
): T[] {
  const jsonb = terms.map((term) => jsonbFields.has(term.field));
  const keyed = items.map((item, index) => ({ item, index, keys: terms.map((term, i) => toSortKey(valueOf(item, term.field), jsonb[i])) }));
  const signs = terms.map((term) => (term.descending ? -1 : 1));
  keyed.sort((a, b) => {
    for (let i = 0; i < signs.length; i++) {
      const c = compareSortKeys(a.keys[i]!, b.keys[i]!);
      if (c !== 0) return signs[i]! * c;
    }
    return a.index - b.index;
  });
  return keyed.map((entry) => entry.item);
}
