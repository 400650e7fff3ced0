import express, { type Express } from 'express';
import { createEventHandlers } from './events/event-handlers';
import { createApiPipeline } from './http/api-pipeline';
import type { TokenPolicy } from './http/authenticate';
import { createCors } from './http/cors';
import { answerUnknownUrl } from './http/not-found-page';
import { createResponder, type Log, type ResponseValidationMode } from './http/respond';
import { createRouteTable } from './http/route-table';
import { createContract, type Contract } from './openapi/contract';
import { createJsonWriter } from './openapi/json-writer';
import { listOperations } from './openapi/operations';
import type { Store } from './store/store';
import { createSystemTaskHandlers } from './system-tasks/system-task-handlers';
import { createSystemClock, type Clock } from './time/clock';

export interface AppOptions {
  validateResponses: ResponseValidationMode;
  tokenPolicy: TokenPolicy;
  /** Origins allowed by CORS; undefined allows any. */
  corsOrigins?: readonly string[];
  /** The largest request body accepted, in bytes. */
  bodyLimit: number;
}

export interface AppDeps {
  store: Store;
  contract: Contract;
  fallbackBrand: Record<string, unknown>;
  options: AppOptions;
  clock?: Clock;
  log?: Log;
}

// DRF's view names, which OPTIONS metadata reports.
const VIEW_NAMES: Record<string, string> = {
  '/events/events/': 'Event List',
  '/events/events/{event_uuid}/': 'Event Instance',
  '/events/system_tasks/': 'System Task List',
  '/events/system_tasks/{uuid}/': 'System Task Instance',
};

/** Builds the mock: middleware order and routes only; behaviour lives in the resource folders. */
export function createApp({ store, contract, fallbackBrand, options, clock = createSystemClock(), log = (line) => console.error(line) }: AppDeps): Express {
  const { spec } = contract;
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', false);

  const sendJson = createResponder(contract, createJsonWriter(spec), options.validateResponses, log);
  const api = createApiPipeline({
    routes: createRouteTable(listOperations(spec)),
    handlers: { ...createEventHandlers({ spec, store, clock, fallbackBrand }), ...createSystemTaskHandlers({ spec, store }) },
    viewNames: VIEW_NAMES,
    tokenPolicy: options.tokenPolicy,
    bodyLimit: options.bodyLimit,
    sendJson,
    log,
  });

  app.use(createCors(options.corsOrigins));
  app.use(api);
  app.use(answerUnknownUrl);
  return app;
}
