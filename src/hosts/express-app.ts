import express, { type Express } from 'express';
import { createCore, type CoreOptions, type MockCore } from '../core/create-core';
import { createNodeHandler } from './node-http';
import { toCoreDeps, type AppDeps } from '../node/prepare-mock';

export type AppOptions = CoreOptions;
export type { AppDeps };


export interface Mock extends MockCore {
  app: Express;
}

/**
 * The mock as an Express app: the CLI's server. Express only carries requests to the core (one handler,
 * no routing: each Express layer cost every request a few percent of throughput in the benchmark).
 */
export function createMock(deps: AppDeps): Mock {
  const core = createCore(toCoreDeps(deps));
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', false);
  const handler = createNodeHandler(core.handle, { bodyLimit: deps.options.bodyLimit, log: deps.log });
  app.use((req, res) => void handler(req, res));
  return { ...core, app };
}

/** The app alone, for callers that need no handle on the runtime. */
export function createApp(deps: AppDeps): Express {
  return createMock(deps).app;
}
