import express, { type Express, type Request, type RequestHandler, type Response } from 'express';
import { randomUUID } from 'node:crypto';
import { createApp } from '../../src/app';
import { createFallbackBrand, seedStore } from '../../src/seed/seed-store';
import { contract, onlyTokens } from './test-app';

export const SUITE_TOKEN = 'suite-token';

/** The mock with response validation off (a broken server must be able to send broken answers). */
function mockApp(): Express {
  const fallbackBrand = createFallbackBrand(1);
  return createApp({
    store: seedStore({ seed: 1, tasks: 22, events: 20 }, fallbackBrand),
    contract,
    fallbackBrand,
    log: () => undefined,
    options: { validateResponses: 'off', tokenPolicy: onlyTokens(SUITE_TOKEN), bodyLimit: 1_000_000 },
  });
}

interface Outgoing {
  req: Request;
  status: number;
  body: string;
  /** Response headers by lower-case name; edit freely. */
  headers: Map<string, string>;
}

/**
 * Rewrites each response on its way out. The mock writes status and headers in one `writeHead`, so that
 * call is held back until `end`, when the transform has seen the body.
 */
function rewrite(transform: (out: Outgoing) => void): RequestHandler {
  return (req, res, next) => {
    const writeHead = res.writeHead.bind(res) as (status: number, headers: string[]) => Response;
    const end = res.end.bind(res) as (chunk?: unknown) => Response;
    let held: { status: number; headers: string[] } | undefined;
    res.writeHead = ((status: number, headers?: string[]) => {
      held = { status, headers: headers ?? [] };
      return res;
    }) as Response['writeHead'];
    res.end = ((chunk?: unknown) => {
      const pairs = held?.headers ?? [];
      const headers = new Map<string, string>();
      for (let i = 0; i < pairs.length; i += 2) headers.set(pairs[i]!.toLowerCase(), pairs[i + 1]!);
      for (const [name, value] of Object.entries(res.getHeaders())) headers.set(name, String(value));
      const out: Outgoing = { req, status: held?.status ?? res.statusCode, body: chunk === undefined ? '' : String(chunk), headers };
      transform(out);
      if (out.headers.has('content-length')) out.headers.set('content-length', String(Buffer.byteLength(out.body)));
      for (const name of Object.keys(res.getHeaders())) res.removeHeader(name);
      writeHead(out.status, [...out.headers].flat());
      return end(out.body);
    }) as Response['end'];
    next();
  };
}

/** Edits JSON bodies in place. */
const editJson = (edit: (body: Record<string, unknown>, out: Outgoing) => void) =>
  rewrite((out) => {
    if (!out.body.startsWith('{')) return;
    const body = JSON.parse(out.body) as Record<string, unknown>;
    edit(body, out);
    out.body = JSON.stringify(body);
  });

const isCreate = (req: Request) => req.method === 'POST' && req.path === '/api/v3/events/events/';
const fakeEvent = () => ({ pk: randomUUID(), user: {}, action: 'login', app: 'fake', context: {}, client_ip: null, created: new Date().toISOString(), expires: new Date().toISOString(), brand: {} });
const dropQuery = (name: string): RequestHandler => (req, _res, next) => {
  const url = new URL(req.url, 'http://x');
  url.searchParams.delete(name);
  req.url = `${url.pathname}${url.search}`;
  next();
};

/** One server per rule broken, with the check that must catch it. */
export const BROKEN_SERVERS: Array<{ defect: string; check: string; middleware: RequestHandler[] }> = [
  { defect: 'create answers 200 instead of 201', check: 'status-code', middleware: [rewrite((out) => { if (isCreate(out.req) && out.status === 201) out.status = 200; })] },
  { defect: 'events lack the required `created`', check: 'response-schema', middleware: [editJson((body) => { delete body.created; })] },
  {
    defect: 'tasks report status "success", outside the enum',
    check: 'response-schema',
    middleware: [editJson((body) => { for (const task of (body.results as Array<Record<string, unknown>> | undefined) ?? [body]) if (task.status === 'successful') task.status = 'success'; })],
  },
  { defect: 'pagination count is off by one', check: 'pagination', middleware: [editJson((body) => { const p = body.pagination as { count: number } | undefined; if (p) p.count += 1; })] },
  {
    defect: 'create is stateless (nothing is stored)',
    check: 'lifecycle',
    middleware: [
      express.json(),
      (req, res, next) => (isCreate(req) && req.headers.authorization === `Bearer ${SUITE_TOKEN}` ? void res.status(201).json({ ...fakeEvent(), ...(req.body as object) }) : next()),
    ],
  },
  {
    defect: 'an invalid body is accepted',
    check: 'negative-data',
    middleware: [rewrite((out) => { if (isCreate(out.req) && out.status === 400) { out.status = 201; out.body = JSON.stringify(fakeEvent()); } })],
  },
  { defect: 'authentication failures answer 401', check: 'auth-enforced', middleware: [rewrite((out) => { if (out.status === 403) out.status = 401; })] },
  { defect: 'JSON is sent as text/plain', check: 'content-type', middleware: [rewrite((out) => { if (out.headers.get('content-type')?.startsWith('application/json')) out.headers.set('content-type', 'text/plain'); })] },
  {
    defect: 'PATCH answers the change but does not store it',
    check: 'lifecycle',
    middleware: [
      express.json(),
      (req, _res, next) => {
        if (req.method === 'PATCH') {
          req.method = 'GET';
          (req as Request & { lostPatch?: unknown }).lostPatch = req.body;
        }
        next();
      },
      editJson((body, out) => Object.assign(body, (out.req as Request & { lostPatch?: object }).lostPatch ?? {})),
    ],
  },
  {
    defect: 'running a task answers 204 but records no run',
    check: 'task-run',
    middleware: [(req, res, next) => (req.method === 'POST' && /\/run\/$/.test(req.path) && req.headers.authorization === `Bearer ${SUITE_TOKEN}` ? void res.status(204).end() : next())],
  },
  {
    defect: 'running a task without credentials is a 401',
    check: 'task-run',
    middleware: [rewrite((out) => { if (/\/run\/$/.test(out.req.path) && out.status === 403) out.status = 401; })],
  },
  { defect: 'ordering is ignored', check: 'ordering', middleware: [dropQuery('ordering')] },
  { defect: 'the status filter is ignored', check: 'filters', middleware: [dropQuery('status')] },
  { defect: 'search is ignored', check: 'search', middleware: [dropQuery('search')] },
  { defect: '403 carries WWW-Authenticate', check: 'headers', middleware: [rewrite((out) => { if (out.status === 403) out.headers.set('www-authenticate', 'Bearer'); })] },
  { defect: '405 lacks Allow', check: 'headers', middleware: [rewrite((out) => { if (out.status === 405) out.headers.delete('allow'); })] },
  // As before issue 13: the list actions fell through to the detail route, `volume` being no UUID.
  {
    defect: 'the events list actions are missing (404 Not found.)',
    check: 'list-actions',
    middleware: [(req, res, next) => (/^\/api\/v3\/events\/events\/(actions|volume|per_month|top_per_user)\/$/.test(req.path) && req.headers.authorization === `Bearer ${SUITE_TOKEN}` ? void res.status(404).json({ detail: 'Not found.' }) : next())],
  },
  { defect: 'volume/ ignores the events list filters', check: 'list-actions', middleware: [(req, _res, next) => (req.path.endsWith('/volume/') ? dropQuery('search')(req, _res, next) : next())] },
];

/** The mock with one defect put in front of it. */
export function createBrokenServer(middleware: RequestHandler[]): Express {
  const app = express();
  app.use(...middleware);
  app.use(mockApp());
  return app;
}

export { mockApp as createCorrectServer };
