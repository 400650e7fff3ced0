import { ApiError, detailError } from './api-error';
import type { Query } from './query';
import { parsePyInt } from '../python/py-int';
import { pySplit } from '../python/py-strip';

/**
 * What the DRF, Django and django-filter releases an authentik version pins do differently, as data: the
 * handlers call the flavour built from it (createDrf) and never ask which version runs, and the upgrade
 * check compares two versions' rules to say what an app will see change.
 */
export interface DrfRules {
  /** The libraries the release pins, as the reference states them: what the rules below were read from. */
  libraries: { django: string; drf: string; djangoFilter: string };
  /**
   * The 404 body for a well-formed id that matches no row, `{model}` standing for the model's name: DRF 3.14
   * says `Not found.`; 3.15+ passes Django's `No Event matches the given query.` on. A malformed id is
   * `Not found.` in both (DRF turns the ValidationError into a bare Http404).
   */
  missingObjectMessage: string;
  /** `?page=` with an empty value: DRF 3.14 404 `Invalid page.`; 3.16 reads `… or 1`, page 1. */
  emptyPage: 'invalid' | 'first';
  /**
   * How `?search=` becomes terms: DRF 3.14 strips NULs and splits on commas and whitespace; 3.16 splits with
   * Django's smart_split (quoted phrases kept whole) and answers a NUL with 400 `["Null characters are not allowed."]`.
   */
  search: 'split' | 'smart-split';
  /** Whether search runs before the permission filter (2025.8's QLSearch is the first filter backend). */
  searchBeforePermissions: boolean;
}

export const NULL_IN_SEARCH = 'Null characters are not allowed.';
/** The search NUL 400 is a bare list where authentik's schema documents a ValidationError object. */
export const NULL_IN_SEARCH_OUTSIDE_CONTRACT = "DRF 3.16's SearchFilter answers a NUL in `search` with a bare JSON list, where authentik's schema documents the 400 as a ValidationError object";

/** The rules as functions, for handlers and the pipeline. */
export interface Drf {
  readonly rules: DrfRules;
  /** The 404 for a well-formed id of `model` (`Event`, `Task`) that no row matches. */
  missingObject(model: string): ApiError;
  /** The page asked for: a positive int, `last`, or undefined for a page that is invalid whatever the count. */
  requestedPage(query: Query): number | 'last' | undefined;
  /** The search terms of a request; throws the 400 a NUL gets where the rules say so. */
  searchTerms(query: Query): string[];
}

export function createDrf(rules: DrfRules): Drf {
  return {
    rules,
    missingObject: (model) => detailError(404, rules.missingObjectMessage.replace('{model}', model)),
    requestedPage(query) {
      const raw = query.get('page');
      const text = raw === undefined || (raw === '' && rules.emptyPage === 'first') ? '1' : raw;
      if (text === 'last') return 'last';
      const page = parsePyInt(text);
      return page !== undefined && page >= 1 ? page : undefined;
    },
    searchTerms(query) {
      const param = query.get('search') ?? '';
      if (rules.search === 'split') return pySplit(param.replaceAll('\x00', '').replaceAll(',', ' '));
      if (param.includes('\x00')) throw new ApiError(400, [NULL_IN_SEARCH], NULL_IN_SEARCH_OUTSIDE_CONTRACT);
      return smartSplitTerms(param);
    },
  };
}

/**
 * DRF 3.16's search_smart_split: Django's smart_split on whitespace (a quoted run stays whole), each piece
 * stripped of commas at its ends; a piece in matching quotes is one term, unquoted and unescaped; any other
 * is split on commas, empty parts dropped.
 */
export function smartSplitTerms(text: string): string[] {
  const terms: string[] = [];
  // Django's smart_split_re: runs glued from unquoted text and quoted strings (backslash escapes), or \S+.
  const pattern = /((?:[^\s'"]*(?:(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')[^\s'"]*)+)|\S+)/gu;
  for (const [token] of text.matchAll(pattern)) {
    const piece = token.replace(/^,+|,+$/g, '');
    if ((piece.startsWith('"') || piece.startsWith("'")) && piece.at(-1) === piece[0]) {
      // Django's unescape_string_literal.
      const quote = piece[0]!;
      terms.push(piece.slice(1, -1).replaceAll(`\\${quote}`, quote).replaceAll('\\\\', '\\'));
    } else {
      for (const part of piece.split(',')) if (part !== '') terms.push(part.trim());
    }
  }
  return terms;
}

export const DRF_3_14: DrfRules = {
  libraries: { django: '5.0.8', drf: '3.14.0', djangoFilter: '24.3' },
  missingObjectMessage: 'Not found.',
  emptyPage: 'invalid',
  search: 'split',
  searchBeforePermissions: false,
};

export const DRF_3_16: DrfRules = {
  libraries: { django: '5.1.11', drf: '3.16.0', djangoFilter: '25.1' },
  missingObjectMessage: 'No {model} matches the given query.',
  emptyPage: 'first',
  search: 'smart-split',
  searchBeforePermissions: true,
};
