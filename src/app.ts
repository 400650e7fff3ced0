import express, { type Express } from 'express';
import { createAdminHandlers } from './admin/admin-handlers';
import { ADMIN_PREFIX, createAdminPipeline } from './admin/admin-pipeline';
import { createEventHandlers } from './events/event-handlers';
import type { PrismFallback } from './fallback/prism-fallback';
import { createApiPipeline, type OperationHandler } from './http/api-pipeline';
import type { TokenPolicy } from './http/authenticate';
import { createCors } from './http/cors';
import { answerUnknownUrl } from './http/not-found-page';
import { createDescribeActions } from './http/options-actions';
import { createResponder, type Log, type ResponseValidationMode } from './http/respond';
import { createRouteTable } from './http/route-table';
import { Faults } from './mock-control/faults';
import { Journal } from './mock-control/journal';
import type { Runtime } from './mock-control/runtime';
import type { Contract } from './openapi/contract';
import { createJsonWriter } from './openapi/json-writer';
import { listOperations } from './openapi/operations';
import type { Store } from './store/store';
import { createSystemTaskHandlers } from './system-tasks/system-task-handlers';
import { createSystemClock, type Clock } from './time/clock';

export interface AppOptions {
  validateResponses: ResponseValidationMode;
  /** The tokens accepted when the scenario names none. */
  tokenPolicy: TokenPolicy;
  /** Origins allowed by CORS; undefined allows any. */
  corsOrigins?: readonly string[];
  /** The largest request body accepted, in bytes. */
  bodyLimit: number;
  /** Protects the admin API when set. */
  adminToken?: string;
  /** Added to every API request: fixed milliseconds or a [min, max] range. */
  latency?: number | [number, number];
  /** Seeds the fault PRNG, so failure rates repeat. */
  seed?: number;
  /** The scenario the store was loaded from, for the admin API's summaries. */
  scenario?: string;
  /** The tokens the start-up scenario names, which take the place of `tokenPolicy`. */
  scenarioTokens?: TokenPolicy;
}

export interface AppDeps {
  store: Store;
  /** The merged contract of spec/authentik-events.yaml and spec/mock-admin.yaml (`loadContract`). */
  contract: Contract;
  /**
   * With a whole authentik schema (`--full-spec`): its contract replaces ours for routing and response
   * validation, our handlers serve the operations we implement, and Prism answers all the others.
   */
  fullSpec?: { contract: Contract; fallback: PrismFallback };
  fallbackBrand: Record<string, unknown>;
  options: AppOptions;
  clock?: Clock;
  log?: Log;
}

export interface Mock {
  app: Express;
  runtime: Runtime;
  journal: Journal;
  faults: Faults;
}

// DRF's view names, which OPTIONS metadata reports.
const VIEW_NAMES: Record<string, string> = {
  '/events/events/': 'Event List',
  '/events/events/{event_uuid}/': 'Event Instance',
  // An extra action is named after its function (`run`, `per_month`), as DRF's @action does.
  '/events/events/actions/': 'Actions',
  '/events/events/per_month/': 'Per month',
  '/events/events/top_per_user/': 'Top per user',
  '/events/events/volume/': 'Volume',
  '/events/system_tasks/': 'System Task List',
  '/events/system_tasks/{uuid}/': 'System Task Instance',
  '/events/system_tasks/{uuid}/run/': 'Run',
};

/** Builds the mock: middleware order and routes only; behaviour lives in the resource folders. */
export function createMock({ store, contract, fullSpec, fallbackBrand, options, clock = createSystemClock(), log = (line) => console.error(line) }: AppDeps): Mock {
  const { spec } = contract;
  // The schema in use: what is routed, and what every response is checked against.
  const served = fullSpec?.contract ?? contract;
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', false);

  const runtime: Runtime = { scenario: options.scenario ?? 'seed', store, access: { policy: options.scenarioTokens ?? options.tokenPolicy }, defaultTokens: options.tokenPolicy };
  const journal = new Journal();
  const faults = new Faults(options.seed ?? 1, options.latency);
  const sendJson = createResponder(served, createJsonWriter(served.spec), options.validateResponses, log);
  const operations = listOperations(served.spec);
  const apiOperations = operations.filter((op) => !op.path.startsWith(ADMIN_PREFIX));

  const cors = createCors(options.corsOrigins);
  const admin = createAdminPipeline({
    routes: createRouteTable(operations.filter((op) => op.path.startsWith(ADMIN_PREFIX))),
    handlers: createAdminHandlers({ runtime, contract, servedContract: served, fallbackBrand, journal, faults, apiOperationIds: new Set(apiOperations.map((op) => op.operationId)) }),
    adminToken: options.adminToken,
    bodyLimit: options.bodyLimit,
    sendJson,
    log,
  });
  // Our handlers are built on our own spec, whichever schema is served; only operations it lists are routed.
  const ours: Record<string, OperationHandler> = { ...createEventHandlers({ spec, store, clock, fallbackBrand }), ...createSystemTaskHandlers({ spec, store, clock }) };
  const handlers: Record<string, OperationHandler> = {};
  for (const op of apiOperations) {
    const handler = ours[op.operationId] ?? fullSpec?.fallback.handle;
    if (handler) handlers[op.operationId] = handler;
  }
  const api = createApiPipeline({
    routes: createRouteTable(apiOperations),
    handlers,
    viewNames: VIEW_NAMES,
    describeActions: createDescribeActions(served.spec, handlers),
    access: runtime.access,
    bodyLimit: options.bodyLimit,
    sendJson,
    journal,
    faults,
    log,
  });
  // One middleware dispatches (CORS, then admin or API): each Express layer costs every request a few
  // percent of throughput, which the benchmark showed.
  app.use((req, res, next) => cors(req, res, () => void (req.path.startsWith(ADMIN_PREFIX) ? admin : api)(req, res, next)));
  app.use(answerUnknownUrl);
  return { app, runtime, journal, faults };
}

/** The app alone, for callers that need no handle on the runtime. */
export function createApp(deps: AppDeps): Express {
  return createMock(deps).app;
}
