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

/** True when every term matches at least one of the record's search texts. */
export function matchesSearch(terms: readonly string[], texts: ReadonlyArray<string | null | undefined>): boolean {
  return terms.every((term) => texts.some((text) => icontains(text, term)));
}
