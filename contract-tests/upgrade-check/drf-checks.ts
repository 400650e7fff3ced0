import { ApiError, invalidPage } from '../../src/drf/api-error';
import { createDrf, type DrfRules } from '../../src/drf/drf-rules';
import { parseQuery } from '../../src/drf/query';
import { isDeepStrictEqual } from 'node:util';
import type { CheckContext, RequestInContext } from './check-context';
import type { Observation } from './findings';
import { queryParameters, refName, responseSchema } from './spec-diff';

/** The DrfRules `search` values in words, for the message. */
const SEARCH_RULES: Record<DrfRules['search'], string> = {
  split: 'NULs stripped, split on commas and whitespace',
  'smart-split': "Django's smart_split, quoted phrases kept whole",
};

/**
 * What the DRF and Django releases of the two versions answer differently to the app's own requests, read
 * from the profiles' DrfRules (src/drf/drf-rules.ts) through the same functions the mock's handlers call:
 * the 404 message for a missing object, an empty `?page=`, and how `?search=` becomes terms.
 */
export function checkDrfRules(ctx: CheckContext, { request, fromOp, toOp, query }: RequestInContext): Observation[] {
  if (!toOp) return [];
  const from = createDrf(ctx.from.profile.drf);
  const to = createDrf(ctx.to.profile.drf);
  const base = { operationId: fromOp.operationId, request, basis: 'drf-rules' as const };
  const out: Observation[] = [];
  const fv = ctx.from.version;
  const tv = ctx.to.version;

  // A 404 for a well-formed id that matched no row: DRF 3.15+ passes Django's message on.
  const routed = ctx.to.route(request.method, request.path);
  if (request.status === 404 && routed?.operation.operationId === toOp.operationId && Object.keys(routed.pathParams).length > 0) {
    const model = refName(responseSchema(toOp, 200)?.schema) ?? refName(responseSchema(fromOp, 200)?.schema) ?? 'object';
    const before = from.missingObject(model).body;
    const after = to.missingObject(model).body;
    const wellFormed = toOp.parameters.filter((p) => p.in === 'path').every((p) => ctx.to.validate(p.schema, routed.pathParams[p.name]).length === 0);
    if (wellFormed && isDeepStrictEqual(request.response_body, before) && !isDeepStrictEqual(before, after)) {
      out.push({ ...base, severity: 'breaking', kind: 'changed-message', subject: '404 detail', message: `404 for a well-formed id that matches no ${model}: ${fv} says ${JSON.stringify(before)}, ${tv} says ${JSON.stringify(after)}` });
    }
  }

  const params = parseQuery(request.url);
  const toParams = queryParameters(toOp);
  // An empty ?page=: 3.14 finds no such page, 3.16 reads `… or 1`.
  if (query.get('page')?.at(-1) === '' && toParams.has('page')) {
    const outcome = (page: ReturnType<typeof from.requestedPage>) => (page === undefined ? `404 ${JSON.stringify(invalidPage().body)}` : `page ${page}`);
    const before = outcome(from.requestedPage(params));
    const after = outcome(to.requestedPage(params));
    if (before !== after) out.push({ ...base, severity: 'breaking', kind: 'changed-message', subject: '?page empty', message: `?page= (empty): ${fv} answers ${before}, ${tv} answers ${after}` });
  }

  // ?search=: split into terms by the rules of each version; a NUL is a 400 where the rules say so.
  if (query.has('search') && toParams.has('search')) {
    const terms = (drf: typeof from): string[] | ApiError => {
      try {
        return drf.searchTerms(params);
      } catch (error) {
        if (error instanceof ApiError) return error;
        throw error;
      }
    };
    const before = terms(from);
    const after = terms(to);
    if (after instanceof ApiError && !(before instanceof ApiError)) {
      out.push({ ...base, severity: 'breaking', kind: 'changed-message', subject: '?search error', message: `?search= the app sent: ${fv} searched for ${JSON.stringify(before)}, ${tv} answers ${after.status} ${JSON.stringify(after.body)}` });
    } else if (!(before instanceof ApiError) && !(after instanceof ApiError) && !isDeepStrictEqual(before, after)) {
      out.push({
        ...base,
        severity: 'breaking',
        kind: 'changed-search',
        subject: '?search terms',
        message: `?search= is split into other terms (${fv}: ${SEARCH_RULES[ctx.from.profile.drf.search]}; ${tv}: ${SEARCH_RULES[ctx.to.profile.drf.search]}); every term must match, so the results differ`,
        detail: `terms ${JSON.stringify(before)} → ${JSON.stringify(after)}`,
      });
    }
  }
  return out;
}
