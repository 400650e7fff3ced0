import type { IHttpRequest } from '@stoplight/prism-http';
import { pageSizeOf } from '../drf/paginate';
import { detailError, invalidPage } from '../drf/api-error';
import type { HandlerContext } from '../registry/operation-registry';
import type { Query } from '../drf/query';
import { isJsonMediaType, mediaTypeOf, parseJsonBody } from '../drf/request-body';
import type { Operation } from '../openapi/operations';
import { defineOwn, toPlainJson } from '../python/py-repr';
import { utf8DecodeLenient } from '../python/utf8';

/**
 * The request as Prism reads it. The body goes through the same parser as our own operations, so a
 * malformed JSON body or a wrong Content-Type gets authentik's 400/415 before Prism sees it; Prism then
 * gets plain JSON data. Form bodies (authentik's file uploads) go through as text, which Prism parses.
 */
export async function toPrismRequest(ctx: HandlerContext): Promise<IHttpRequest> {
  const { operation, request } = ctx;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  let body: unknown;
  if (operation.requestMediaTypes.length > 0) {
    const raw = await request.raw();
    const contentType = headers['content-type'] ?? '';
    const mediaType = mediaTypeOf(contentType);
    const acceptsJson = operation.requestMediaTypes.includes('application/json');
    if (!raw || raw.length === 0) {
      // DRF reads an empty body as `{}`.
      body = {};
      headers['content-type'] = operation.requestMediaTypes[0]!;
    } else if (acceptsJson && isJsonMediaType(contentType)) {
      body = toPlainJson(parseJsonBody(raw, contentType)!);
      headers['content-type'] = 'application/json';
    } else if (operation.requestMediaTypes.includes(mediaType)) {
      body = utf8DecodeLenient(raw);
    } else {
      throw detailError(415, `Unsupported media type "${contentType}" in request.`);
    }
  }
  return {
    method: operation.method.toLowerCase() as IHttpRequest['method'],
    url: { path: fillTemplate(operation.path, ctx.params), query: withDrfPagination(operation, ctx, queryValues(request.url)) },
    headers,
    body,
  };
}

/**
 * DRF's reading of `page` and `page_size`, which Prism cannot know: a bad page is a 404 `Invalid page.`,
 * a bad page size is ignored, `page=last` and `+5` are fine. Prism then gets the values as plain numbers.
 */
function withDrfPagination(operation: Operation, ctx: HandlerContext, values: QueryValues): QueryValues {
  const { query } = ctx;
  if (!operation.parameters.some((param) => param.in === 'query' && param.name === 'page')) return values;
  const page = ctx.drf!.requestedPage(query);
  if (page === undefined) throw invalidPage();
  return { ...values, page: page === 'last' ? '1' : String(page), page_size: String(pageSizeOf(query)) };
}

/** The path Prism routes on: the spec's template with the request's parameters put back. */
function fillTemplate(template: string, params: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

/** A query as Prism reads it: a parameter given once is a string, a repeated one an array. */
type QueryValues = Record<string, string | string[]>;

/** Every value of every query parameter; Prism validates arrays (`?groups=a&groups=b`) itself. */
function queryValues(url: string): QueryValues {
  const at = url.indexOf('?');
  const values: QueryValues = {};
  if (at === -1) return values;
  for (const [key, value] of new URLSearchParams(url.slice(at + 1))) {
    const seen = Object.hasOwn(values, key) ? values[key] : undefined;
    defineOwn(values, key, seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value]);
  }
  return values;
}
