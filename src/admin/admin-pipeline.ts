import type { Request, RequestHandler, Response } from 'express';
import { detailError, methodNotAllowed } from '../http/api-error';
import { readBody } from '../http/read-body';
import { toErrorReply, type Log, type SendJson } from '../http/respond';
import type { Route, RouteTable } from '../http/route-table';
import type { AdminHandler } from './admin-handlers';

export const ADMIN_PREFIX = '/__mock__';

export interface AdminPipelineOptions {
  routes: RouteTable;
  handlers: Record<string, AdminHandler>;
  /** When set, every admin request needs `Authorization: Bearer <adminToken>`. */
  adminToken?: string;
  bodyLimit: number;
  sendJson: SendJson;
  log: Log;
}

/** Routes `/__mock__/…` to the admin handlers; plain JSON in and out, every answer validated like the API's. */
export function createAdminPipeline(options: AdminPipelineOptions): RequestHandler {
  const { routes, handlers, adminToken, bodyLimit, sendJson, log } = options;
  return async (req: Request, res: Response, next) => {
    if (req.path !== ADMIN_PREFIX && !req.path.startsWith(`${ADMIN_PREFIX}/`)) return next();
    const found = routes.find(req.path);
    const operation = found?.route.operations.get(req.method);
    try {
      if (adminToken !== undefined && req.headers.authorization !== `Bearer ${adminToken}`) {
        throw detailError(403, 'The admin API needs the bearer token given with --admin-token.');
      }
      if (!found) throw detailError(404, 'Not found.');
      if (!operation) throw methodNotAllowed(req.method);
      const reading = readBody(req, bodyLimit);
      const raw = reading ? await reading : undefined;
      let body: unknown;
      if (raw && raw.length > 0) {
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch (error) {
          throw detailError(400, `request body: not valid JSON: ${(error as Error).message}`);
        }
      }
      const url = new URL(req.url, 'http://mock');
      const result = handlers[operation.operationId]!({ params: found.params, query: url.searchParams, body });
      sendJson(res, { operationId: operation.operationId, status: result.status, body: result.body, allow: found.route.allow });
    } catch (error) {
      sendJson(res, toErrorReply(error, { operationId: operation?.operationId, allow: found?.route.allow }, `${req.method} ${req.originalUrl}`, log));
    }
  };
}
