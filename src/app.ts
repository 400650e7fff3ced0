import express, { type Express } from 'express';
import { createCore, type CoreDeps, type CoreOptions, type MockCore } from './core/create-core';
import type { PrismFallback } from './fallback/prism-fallback';
import { createNodeHandler } from './hosts/node-http';
import { toCoreDeps } from './node/prepare-mock';
import type { Contract } from './openapi/contract';
import type { ScenarioCatalogue } from './seed/scenario';

export type AppOptions = CoreOptions;

export interface AppDeps extends Omit<CoreDeps, 'scenarios' | 'fullSpec'> {
  /** Scenarios the admin API loads by name; default: fixtures/ on disk. */
  scenarios?: ScenarioCatalogue;
  /** A whole authentik schema, its operations we do not implement answered by Prism (`--full-spec`). */
  fullSpec?: { contract: Contract; fallback: PrismFallback };
}

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
