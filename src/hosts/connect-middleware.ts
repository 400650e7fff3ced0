import type { IncomingMessage, ServerResponse } from 'node:http';
import { createMockAdmin, type MockAdmin } from '../core/admin-client';
import { createCore, isMockPath, type MockCore } from '../core/create-core';
import { configFromOptions, type MockOptions } from '../config/mock-options';
import { prepareMock, toCoreDeps } from '../node/prepare-mock';
import { createNodeHandler } from './node-http';
import { describeCounts } from '../seed/scenario';
import type { Store } from '../store/store';
import type { VersionProfile } from '../versions/version-profile';
import { createLineWriter } from '../node/line-writer';
import { createRequestLogger } from '../node/request-log';

/** Where a host prints the mock's lines (the Vite plugin gives Vite's logger), and whether it announces itself. */
export interface MiddlewareHost {
  /** One line; default: standard output, in batches. */
  info?: (line: string) => void;
  /** The start-up line with the URLs; false when the host prints its own once it knows its address (Vite). */
  announce?: boolean;
}

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
export function createMockMiddleware(options: MockOptions = {}, host: MiddlewareHost = {}): MockMiddleware {
  const config = configFromOptions(options, { port: 0 });
  const info = host.info ?? createLineWriter(process.stdout).write;
  const prepared = prepareMock(config, {
    scenarioData: typeof options.scenario === 'object' ? options.scenario : undefined,
    onRequest: config.quiet ? undefined : createRequestLogger(config.logFormat, info),
  });
  // The middleware does not know the address its host listens on: it names the paths it answers.
  if (host.announce !== false) info(`authentik-events-mock: ${describeMock(prepared.state.name, prepared.state.store, prepared.version)}; API at /api/v3, dashboard at /__mock__/ on this server`);
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

/** `default: 40 system tasks, 200 events (authentik 2024.8)`, as the CLI's banner says it. */
export function describeMock(name: string, store: Store, version: VersionProfile): string {
  return `${name}: ${describeCounts(store, version.tables)} (authentik ${version.name})`;
}
