import type { IncomingHttpHeaders } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import type { Faults } from '../mock-control/faults';
import type { Journal } from '../mock-control/journal';
import type { Operation } from '../openapi/operations';
import type { PyValue } from '../python/py-json';
import { ApiError, methodNotAllowed, notAuthenticated, permissionDenied } from './api-error';
import { answerCrash } from './answer-crash';
import { toAuthentikCrash } from './authentik-crash';
import { authenticate, can, type Access, type Principal } from './authenticate';
import { assertAcceptsJson } from './negotiate';
import { answerUnknownUrl } from './not-found-page';
import type { DescribeActions } from './options-actions';
import { DECORATOR_PERMISSION, REQUIRED_PERMISSION } from './permissions';
import { parseQuery, type Query } from './query';
import { readBody } from './read-body';
import { parseJsonBody } from './request-body';
import { toErrorReply, type Log, type Reply, type SendJson } from './respond';
import type { Route, RouteTable } from './route-table';

/** What an operation handler gets: the parsed request, already authenticated and routed. */
export interface HandlerContext {
  operation: Operation;
  /** Path parameters as sent (percent-decoded), e.g. `{ event_uuid: 'qwerqwer' }`. */
  params: Record<string, string>;
  query: Query;
  /** undefined only on operations that allow anonymous access (`security: [{}]` in the spec). */
  principal: Principal | undefined;
  /** The request as sent, for the Prism fallback, which reads headers and repeated query parameters itself. */
  request: { url: string; headers: IncomingHttpHeaders; raw(): Promise<Buffer | undefined> };
  /** Parses the body on first call, like DRF's lazy `request.data`; undefined for an empty body. */
  body(): PyValue | undefined;
  /**
   * Throws 403 when the caller lacks the operation's permission. Detail handlers call it after their
   * lookup, since DRF checks object permissions there (a missing object is a 404 first).
   */
  authorize(): void;
}

export interface HandlerResult {
  status: number;
  body?: unknown;
  /** Why this answer is not checked against the spec, where authentik's answer is not what it documents. */
  outsideContract?: string;
}

export type OperationHandler = (ctx: HandlerContext) => HandlerResult | Promise<HandlerResult>;

export interface PipelineOptions {
  routes: RouteTable;
  handlers: Record<string, OperationHandler>;
  /** DRF view names for OPTIONS metadata, by route template (`Event List`). */
  viewNames: Record<string, string>;
  /** The `actions` block of OPTIONS metadata (createDescribeActions); without it, none. */
  describeActions?: DescribeActions;
  access: Access;
  /** The largest request body accepted, in bytes; larger ones are a 413. */
  bodyLimit: number;
  sendJson: SendJson;
  journal: Journal;
  faults: Faults;
  log: Log;
}

export const API_PREFIX = '/api/v3';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The request pipeline for `/api/v3/…`, in DRF's order: route → content negotiation (406) → the
 * Authorization header (403) → on a list URL, no credentials (403, before any 405) → method (405) → on a
 * detail URL, no credentials (403 at lookup) → on a list URL, the permission (403) → injected faults →
 * the operation's handler. Every reply goes through `sendJson` and into the journal.
 */
export function createApiPipeline(options: PipelineOptions): RequestHandler {
  const { routes, handlers, viewNames, access, bodyLimit, sendJson, journal, faults, log } = options;
  for (const route of routes.routes) {
    for (const op of route.operations.values()) {
      if (!handlers[op.operationId]) throw new Error(`no handler implements ${op.operationId} (${op.method} ${op.path})`);
    }
  }

  return async (req: Request, res: Response, next) => {
    if (!req.path.startsWith(`${API_PREFIX}/`)) return next();
    const started = performance.now();
    let raw: Buffer | undefined;
    const journalize = (operationId: string | undefined, status: number, responseBody: unknown) =>
      journal.record({ at: Date.now(), method: req.method, path: req.path, url: req.url, operationId, status, durationMs: performance.now() - started, requestBody: keptBody(raw), responseBody });
    const finish = (reply: Reply) => {
      sendJson(res, reply);
      journalize(reply.operationId, reply.status, reply.body);
    };

    const path = decodePath(req.path.slice(API_PREFIX.length));
    const found = path === undefined ? undefined : routes.find(path);
    if (!found) return answerUnknownUrl(req, res);
    const { route, params } = found;
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const operation = route.operations.get(method);
    try {
      const query = parseQuery(req.url);
      assertAcceptsJson(req.headers.accept, query.get('format'));
      const principal = authenticate(req.headers.authorization, access.policy);
      const anonymous = operation?.allowsAnonymous === true;
      if (!principal && !route.isDetail && !anonymous) throw notAuthenticated();
      if (req.method === 'OPTIONS') {
        const actions = await options.describeActions?.(route, { principal, params, query, url: req.url, headers: req.headers });
        const body = { ...metadata(route, viewNames), ...(actions ? { actions } : {}) };
        return finish({ status: 200, body, allow: route.allow, outsideContract: 'OPTIONS metadata is not in the spec' });
      }
      if (!operation) throw methodNotAllowed(req.method);
      const decorated = DECORATOR_PERMISSION[operation.operationId];
      if (decorated) {
        if (!principal) throw notAuthenticated();
        if (!can(principal, decorated)) throw permissionDenied();
      } else if (!principal && !anonymous) throw permissionDenied();
      const required = REQUIRED_PERMISSION[operation.operationId];
      const authorize = () => {
        if (required && !(principal && can(principal, required))) throw permissionDenied();
      };
      if (!route.isDetail) authorize();

      // Read before the handler runs (it is synchronous); a read failure (413) is thrown when the handler asks.
      const reading = readBody(req, bodyLimit);
      let bodyError: ApiError | undefined;
      if (reading) {
        try {
          raw = await reading;
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          bodyError = error;
        }
      }

      const fault = faults.decide(operation.operationId);
      if (fault.delayMs > 0) await sleep(fault.delayMs);
      if (fault.drop) {
        journalize(operation.operationId, 0, undefined);
        req.socket.destroy();
        return;
      }
      if (fault.answer) return finish({ operationId: operation.operationId, ...fault.answer, allow: route.allow });

      let parsed: { value: PyValue | undefined } | undefined;
      const result = await handlers[operation.operationId]!({
        operation,
        params,
        query,
        principal,
        authorize,
        request: { url: req.url, headers: req.headers, raw: () => (bodyError ? Promise.reject(bodyError) : Promise.resolve(raw)) },
        body() {
          if (bodyError) throw bodyError;
          parsed ??= { value: parseJsonBody(raw ?? Buffer.alloc(0), req.headers['content-type']) };
          return parsed.value;
        },
      });
      finish({ operationId: operation.operationId, status: result.status, body: result.body, allow: route.allow, outsideContract: result.outsideContract });
    } catch (error) {
      const crash = toAuthentikCrash(error);
      if (crash) return void journalize(operation?.operationId, answerCrash(req, res, crash, log), undefined);
      finish(toErrorReply(error, { operationId: operation?.operationId, allow: route.allow }, `${req.method} ${req.originalUrl}`, log));
    }
  };
}

/** The journal keeps at most 64 KiB of a body, copied, so that a large body is not held in memory whole. */
function keptBody(raw: Buffer | undefined): Buffer | undefined {
  const kept = 64 * 1024;
  return raw && raw.length > kept ? Buffer.from(raw.subarray(0, kept)) : raw;
}

/** Django resolves URLs on the percent-decoded path; a path that does not decode matches nothing. */
function decodePath(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** DRF's SimpleMetadata answer to OPTIONS, before its `actions` block (see options-actions.ts). */
function metadata(route: Route, viewNames: Record<string, string>) {
  const operation = route.operations.values().next().value as Operation | undefined;
  return {
    name: viewNames[route.template] ?? route.template,
    description: operation?.description ?? '',
    renders: ['application/json'],
    parses: ['application/json'],
  };
}
