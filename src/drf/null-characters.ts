import { AuthentikCrash } from './authentik-crash';

/**
 * NUL (U+0000) in what authentik reads. A filter's form field (django-filter's CharFilter is a Django
 * CharField) refuses it with ProhibitNullCharactersValidator before any query runs: 400, in the filterset's
 * field order. A value that reaches PostgreSQL unvalidated (per_month/'s `action` and `query`,
 * top_per_user/'s `action`) is refused by the database driver instead: authentik's 500. DRF's SearchFilter
 * strips NUL from search terms, so search never fails on it.
 */
export const NULL_CHARACTERS_MESSAGE = 'Null characters are not allowed.';

export const hasNullCharacter = (text: string): boolean => text.includes('\u0000');

/** authentik's crash when a text holding NUL reaches PostgreSQL as a query parameter. */
export function nullCharacterCrash(what: string): AuthentikCrash {
  return new AuthentikCrash(`PostgreSQL text cannot contain NUL (0x00), sent in ${what}`);
}
