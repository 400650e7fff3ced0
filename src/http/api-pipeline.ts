import type { Request, RequestHandler, Response } from 'express';
import type { Operation } from '../openapi/operations';
import type { PyValue } from '../python/py-json';
import { ApiError, methodNotAllowed, notAuthenticated, permissionDenied } from './api-error';
import { authenticate, type Principal, type TokenPolicy } from './authenticate';
import { assertAcceptsJson } from './negotiate';
import { answerUnknownUrl } from './not-found-page';
import { parseQuery, type Query } from './query';
import { readBody } from './read-body';
import { parseJsonBody } from './request-body';
import type { Log, SendJson } from './respond';
import { findRoute, type Route } from './route-table';

/** What an operation handler gets: the parsed request, already authenticated and routed. */
export interface HandlerContext {
  operation: Operation;
  /** Path parameters as sent (percent-decoded), e.g. `{ event_uuid: 'qwerqwer' }`. */
  params: Record<string, string>;
  query: Query;
  principal: Principal;
  /** Parses the body on first call, like DRF's lazy `request.data`; undefined for an empty body. */
  body(): PyValue | undefined;
}

export interface HandlerResult {
  status: number;
  body?: unknown;
}

export type OperationHandler = (ctx: HandlerContext) => HandlerResult | Promise<HandlerResult>;

export interface PipelineOptions {
  routes: Route[];
  handlers: Record<string, OperationHandler>;
  /** DRF view names for OPTIONS metadata, by route template (`Event List`). */
  viewNames: Record<string, string>;
  tokenPolicy: TokenPolicy;
  /** The largest request body accepted, in bytes; larger ones are a 413. */
  bodyLimit: number;
  sendJson: SendJson;
  log: Log;
}

export const API_PREFIX = '/api/v3';

/**
 * The request pipeline for `/api/v3/…`, in DRF's order: route → content negotiation (406) → the
 * Authorization header (403) → on a list URL, no credentials (403, before any 405) → method (405) → on a
 * detail URL, no credentials (403 at lookup) → the operation's handler. Every reply goes through `sendJson`.
 */
export function createApiPipeline(options: PipelineOptions): RequestHandler {
  const { routes, handlers, viewNames, tokenPolicy, bodyLimit, sendJson, log } = options;
  for (const route of routes) {
    for (const op of route.operations.values()) {
      if (!handlers[op.operationId]) throw new Error(`no handler implements ${op.operationId} (${op.method} ${op.path})`);
    }
  }

  return async (req: Request, res: Response, next) => {
    if (!req.path.startsWith(`${API_PREFIX}/`)) return next();
    const path = decodePath(req.path.slice(API_PREFIX.length));
    const found = path === undefined ? undefined : findRoute(routes, path);
    if (!found) return answerUnknownUrl(req, res);
    const { route, params } = found;
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const operation = route.operations.get(method);
    try {
      const query = parseQuery(req.url);
      assertAcceptsJson(req.headers.accept, query.get('format'));
      const principal = authenticate(req.headers.authorization, tokenPolicy);
      if (!principal && !route.isDetail) throw notAuthenticated();
      if (req.method === 'OPTIONS') {
        const body = metadata(route, viewNames);
        return sendJson(res, { status: 200, body, allow: route.allow, outsideContract: 'OPTIONS metadata is not in the spec' });
      }
      if (!operation) throw methodNotAllowed(req.method);
      if (!principal) throw permissionDenied();
      // Read before the handler runs (it is synchronous); a read failure (413) is thrown when the handler asks.
      const reading = readBody(req, bodyLimit);
      let raw: Buffer = Buffer.alloc(0);
      let bodyError: ApiError | undefined;
      if (reading) {
        try {
          raw = await reading;
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          bodyError = error;
        }
      }
      let parsed: { value: PyValue | undefined } | undefined;
      const result = await handlers[operation.operationId]!({
        operation,
        params,
        query,
        principal,
        body() {
          if (bodyError) throw bodyError;
          parsed ??= { value: parseJsonBody(raw, req.headers['content-type']) };
          return parsed.value;
        },
      });
      sendJson(res, { operationId: operation.operationId, status: result.status, body: result.body, allow: route.allow });
    } catch (error) {
      if (error instanceof ApiError) {
        return sendJson(res, { operationId: operation?.operationId, status: error.status, body: error.body, allow: route.allow });
      }
      log(`unexpected error on ${req.method} ${req.originalUrl}: ${(error as Error).stack ?? String(error)}`);
      sendJson(res, { status: 500, body: { detail: 'A server error occurred.' }, allow: route.allow });
    }
  };
}

/** Django resolves URLs on the percent-decoded path; a path that does not decode matches nothing. */
function decodePath(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** DRF's SimpleMetadata answer to OPTIONS (without `actions`, which describe serializer fields). */
function metadata(route: Route, viewNames: Record<string, string>) {
  const operation = route.operations.values().next().value as Operation | undefined;
  return {
    name: viewNames[route.template] ?? route.template,
    description: operation?.description ?? '',
    renders: ['application/json'],
    parses: ['application/json'],
  };
}
