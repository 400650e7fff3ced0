import type { IncomingMessage, ServerResponse } from 'node:http';
import { createMockAdmin, type MockAdmin } from '../core/admin-client';
import { createCore, isMockPath, type MockCore } from '../core/create-core';
import { configFromOptions, type MockOptions } from '../config/mock-options';
import { prepareMock, toCoreDeps } from '../node/prepare-mock';
import { createNodeHandler } from './node-http';

/** Connect's `(req, res, next)`, which Express 4 and 5, Vite's `server.middlewares` and webpack-dev-server take. */
export type MockMiddleware = ((req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void) & {
  /** The admin API as methods, as `startMock().admin`. */
  admin: MockAdmin;
  /** The mock itself: its request core, journal and faults. */
  mock: MockCore;
};

const REPARSED_WARNING =
  'authentik-events-mock: a body parser mounted before the mock (express.json() or similar) had already read a request body; ' +
  'the mock answers from req.body, but byte-exact JSON semantics (1.0 stays 1.0, exact parse errors) need the mock mounted before body parsers.';

/**
 * The mock inside an existing dev server, so that the frontend calls its own origin: no CORS, no second
 * process. Built once, here: spec, fixtures and the seeded store are read when this is called.
 */
export function createMockMiddleware(options: MockOptions = {}): MockMiddleware {
  const config = configFromOptions(options, { port: 0 });
  const prepared = prepareMock(config, { scenarioData: typeof options.scenario === 'object' ? options.scenario : undefined });
  const core = createCore(toCoreDeps(prepared.deps));
  let warned = false;
  const handler = createNodeHandler(core.handle, {
    bodyLimit: config.bodyLimit,
    useOriginalUrl: true,
    log: (line) => console.error(line),
    onReparsedBody() {
      if (warned) return;
      warned = true;
      console.warn(REPARSED_WARNING);
    },
  });
  const middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => {
    const url = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '/';
    if (!isMockPath(url)) return next();
    void handler(req, res);
  };
  return Object.assign(middleware, { admin: createMockAdmin(core.handle, config.adminToken), mock: core });
}
