import type { Query } from '../http/query';
import { pyStrip } from '../python/py-strip';
import { comparePostgres } from './postgres-order';

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
 * Sorts by the terms with Postgres semantics (NULLs last ascending, first descending). The sort is stable,
 * so ties keep store order, where Postgres gives no guarantee.
 */
export function sortBy<T>(items: readonly T[], terms: readonly OrderingTerm[], valueOf: (item: T, field: string) => unknown): T[] {
  return [...items].sort((a, b) => {
    for (const term of terms) {
      const c = comparePostgres(valueOf(a, term.field), valueOf(b, term.field));
      if (c !== 0) return term.descending ? -c : c;
    }
    return 0;
  });
}
