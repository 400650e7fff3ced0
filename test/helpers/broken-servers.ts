import express, { type Express, type Request, type RequestHandler, type Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { CheckName } from '../../contract-tests/results';
import { createApp } from '../../src/hosts/express-app';
import { superuser, type Permission, type Principal } from '../../src/auth/authenticate';
import { createFallbackBrand, seedStore } from '../../src/seed/seed-store';
import type { Store } from '../../src/store/store';
import { contract } from './test-app';

export const SUITE_TOKEN = 'suite-token';
/** May view events and system tasks, nothing else: what `--tokens viewer:view_event+view_systemtask` gives. */
export const VIEWER_TOKEN = 'suite-viewer';
/** Valid, with no permission at all: `--tokens nobody:`. */
export const NO_PERMISSION_TOKEN = 'suite-nobody';

const restricted = (token: string, permissions: Permission[]): Principal => ({ token, superuser: false, permissions: new Set(permissions) });

/** The mock over its own store, with response validation off (a broken server must be able to send broken answers). */
function createMockOver(store: Store, fallbackBrand: Record<string, unknown>): Express {
  const tokens: Principal[] = [superuser(SUITE_TOKEN), restricted(VIEWER_TOKEN, ['view_event', 'view_systemtask']), restricted(NO_PERMISSION_TOKEN, [])];
  return createApp({
    store,
    contract,
    fallbackBrand,
    log: () => undefined,
    options: { validateResponses: 'off', tokenPolicy: { mode: 'list', tokens: new Map(tokens.map((p) => [p.token, p])) }, bodyLimit: 1_000_000 },
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

/** Edits JSON object bodies in place. */
const editJson = (edit: (body: Record<string, unknown>, out: Outgoing) => void) =>
  rewrite((out) => {
    if (!out.body.startsWith('{')) return;
    const body = JSON.parse(out.body) as Record<string, unknown>;
    edit(body, out);
    out.body = JSON.stringify(body);
  });

const EVENTS = '/api/v3/events/events/';
const TASKS = '/api/v3/events/system_tasks/';
const isCreate = (req: Request) => req.method === 'POST' && req.path === EVENTS;
const eventDetailId = (req: Request) => new RegExp(`^${EVENTS}([^/]+)/$`).exec(req.path)?.[1];
const fakeEvent = () => ({ pk: randomUUID(), user: {}, action: 'login', app: 'fake', context: {}, client_ip: null, created: new Date().toISOString(), expires: new Date().toISOString(), brand: {} });
const dropQuery = (name: string): RequestHandler => (req, _res, next) => {
  const url = new URL(req.url, 'http://x');
  url.searchParams.delete(name);
  req.url = `${url.pathname}${url.search}`;
  next();
};
const isToken = (req: Request, token: string) => req.headers.authorization === `Bearer ${token}`;
/** Sends the request on as the superuser's: the mock then answers as if the caller held every permission. */
const actAsSuperuser = (req: Request) => void (req.headers.authorization = `Bearer ${SUITE_TOKEN}`);
// The methods the spec routes on each list URL; any other is a 405 for a superuser.
const LIST_METHODS: Record<string, string[]> = { [EVENTS]: ['GET', 'POST'], [TASKS]: ['GET'] };

/** One deliberately broken server, and the finding the suite must report for it. */
export interface BrokenServer {
  defect: string;
  /** The grouped finding that names the defect: its check, operationId and message (the why). */
  finding: { check: CheckName; operationId: string; path?: string; message: string | RegExp };
  /** Every check that fails: the defect's own and those it legitimately breaks too, so nothing unrelated fails. */
  failingChecks: CheckName[];
  /** Whether the run gets the viewer and no-permission tokens (the permission checks need them). */
  restrictedTokens?: boolean;
  /** The defect, put in front of the mock; it may reach into the mock's store. */
  middleware: (store: Store) => RequestHandler[];
}

/** One server per rule broken, with the finding that must catch it. */
export const BROKEN_SERVERS: BrokenServer[] = [
  {
    defect: 'create answers 200 instead of 201',
    finding: { check: 'status-code', operationId: 'events_events_create', message: '200 is a success status the operation does not document (201, 400, 403)' },
    // list-actions creates the events it counts, and stops when a create is not a 201.
    failingChecks: ['status-code', 'response-schema', 'lifecycle', 'positive-data', 'generated-valid-body', 'list-actions'],
    middleware: () => [rewrite((out) => { if (isCreate(out.req) && out.status === 201) out.status = 200; })],
  },
  {
    defect: 'events lack the required `created`',
    finding: { check: 'response-schema', operationId: 'events_events_retrieve', path: '/', message: "200 response: must have required property 'created'" },
    failingChecks: ['response-schema'],
    middleware: () => [editJson((body) => { delete body.created; })],
  },
  {
    defect: 'tasks report status "success", outside the enum',
    finding: { check: 'response-schema', operationId: 'events_system_tasks_list', path: '/results/*/status', message: '200 response: must be equal to one of the allowed values (unknown, successful, warning, error)' },
    failingChecks: ['response-schema', 'filters'],
    middleware: () => [editJson((body) => { for (const task of (body.results as Array<Record<string, unknown>> | undefined) ?? [body]) if (task.status === 'successful') task.status = 'success'; })],
  },
  {
    defect: 'pagination count is off by one',
    finding: { check: 'pagination', operationId: 'events_system_tasks_list', message: "pages differ from DRF's pagination in total_pages" },
    failingChecks: ['pagination', 'generated-query'],
    middleware: () => [editJson((body) => { const p = body.pagination as { count: number } | undefined; if (p) p.count += 1; })],
  },
  {
    defect: 'create answers but stores nothing',
    finding: { check: 'lifecycle', operationId: 'events_events_retrieve', message: 'retrieve after create answered 404 with {"detail":"Not found."} (expected the created event)' },
    // list-actions counts the events it creates, which are gone.
    failingChecks: ['lifecycle', 'list-actions'],
    // The mock validates and answers the create as usual; the new event is then forgotten before the answer leaves.
    middleware: (store) => [rewrite((out) => { if (isCreate(out.req) && out.status === 201) store.events.delete(String((JSON.parse(out.body) as { pk: string }).pk)); })],
  },
  {
    defect: 'an invalid body is accepted',
    finding: { check: 'negative-data', operationId: 'events_events_create', message: /^required on action: answered 201 \{"pk":"\{uuid\}",/ },
    failingChecks: ['negative-data', 'generated-invalid-body'],
    middleware: () => [rewrite((out) => { if (isCreate(out.req) && out.status === 400) { out.status = 201; out.body = JSON.stringify(fakeEvent()); } })],
  },
  {
    defect: 'authentication failures answer 401',
    finding: { check: 'auth-enforced', operationId: 'events_system_tasks_list', message: 'GET with no Authorization header answered 401 {"detail":"Authentication credentials were not provided."} (expected 403 with a GenericError body)' },
    failingChecks: ['auth-enforced', 'task-run'],
    middleware: () => [rewrite((out) => { if (out.status === 403) out.status = 401; })],
  },
  {
    defect: 'JSON is sent as text/plain',
    finding: { check: 'content-type', operationId: 'events_system_tasks_list', message: 'Content-Type is not application/json (got "text/plain")' },
    failingChecks: ['content-type'],
    middleware: () => [rewrite((out) => { if (out.headers.get('content-type')?.startsWith('application/json')) out.headers.set('content-type', 'text/plain'); })],
  },
  {
    defect: 'PATCH answers the change but does not store it',
    finding: { check: 'lifecycle', operationId: 'events_events_retrieve', message: 'retrieve after patch shows app=contract-suite-lifecycle (expected the patch, other fields unchanged)' },
    failingChecks: ['lifecycle'],
    // The mock validates, stores and answers the PATCH; the stored event is then put back as it was.
    middleware: (store) => [
      (req, _res, next) => {
        const id = req.method === 'PATCH' ? eventDetailId(req) : undefined;
        const before = id === undefined ? undefined : store.events.get(id);
        if (before) (req as Request & { before?: typeof before }).before = before;
        next();
      },
      rewrite((out) => {
        const before = (out.req as Request & { before?: ReturnType<Store['events']['get']> }).before;
        if (before && out.status === 200) store.events.set(before.pk, before);
      }),
    ],
  },
  {
    defect: 'running a task answers 204 but records no run',
    finding: { check: 'task-run', operationId: 'events_system_tasks_retrieve', message: /^task \{uuid\} shows no new run 0\.5 s after it was started/ },
    failingChecks: ['task-run'],
    middleware: (store) => [
      (req, res, next) => {
        const id = new RegExp(`^${TASKS}([^/]+)/run/$`).exec(req.path)?.[1];
        if (req.method === 'POST' && id !== undefined && store.systemTasks.get(id) && isToken(req, SUITE_TOKEN)) return void res.status(204).end();
        next();
      },
    ],
  },
  {
    defect: 'running a task without credentials is a 401',
    finding: { check: 'task-run', operationId: 'events_system_tasks_run_create', message: 'no credentials answered 401 {"detail":"Authentication credentials were not provided."} (expected 403 "Authentication credentials were not provided.")' },
    failingChecks: ['auth-enforced', 'task-run'],
    middleware: () => [rewrite((out) => { if (/\/run\/$/.test(out.req.path) && out.status === 403) out.status = 401; })],
  },
  { defect: 'ordering is ignored', finding: { check: 'ordering', operationId: 'events_system_tasks_list', message: /^ordering=-name orders the rows by name: got / }, failingChecks: ['ordering'], middleware: () => [dropQuery('ordering')] },
  { defect: 'the status filter is ignored', finding: { check: 'filters', operationId: 'events_system_tasks_list', message: 'status=successful: 22 rows, 9 not matching (expected the 13 matching rows)' }, failingChecks: ['filters'], middleware: () => [dropQuery('status')] },
  { defect: 'search is ignored', finding: { check: 'search', operationId: 'events_system_tasks_list', message: 'search=zz-no-such-task-zz: 22 rows, 22 not matching (expected the 0 matching rows)' }, failingChecks: ['search', 'list-actions'], middleware: () => [dropQuery('search')] }, // volume/ loses its search too
  {
    defect: '403 carries WWW-Authenticate',
    finding: { check: 'headers', operationId: 'events_events_list', message: 'GET -> 403 carries a WWW-Authenticate header' },
    failingChecks: ['headers'],
    middleware: () => [rewrite((out) => { if (out.status === 403) out.headers.set('www-authenticate', 'Bearer'); })],
  },
  {
    defect: '405 lacks Allow',
    finding: { check: 'headers', operationId: 'events_events_list', message: 'DELETE on /events/events/ answered 405 without Allow (expected 405 with Allow "GET, POST, HEAD, OPTIONS")' },
    failingChecks: ['headers'],
    middleware: () => [rewrite((out) => { if (out.status === 405) out.headers.delete('allow'); })],
  },
  {
    defect: '405 names the wrong methods in Allow',
    finding: { check: 'headers', operationId: 'events_system_tasks_retrieve', message: 'DELETE on /events/system_tasks/{uuid}/ answered 405 with Allow "GET, HEAD" (expected 405 with Allow "GET, HEAD, OPTIONS")' },
    failingChecks: ['headers'],
    middleware: () => [rewrite((out) => { if (out.status === 405) out.headers.set('allow', (out.headers.get('allow') ?? '').replace(', OPTIONS', '')); })],
  },
  {
    defect: 'a viewer may write',
    finding: { check: 'permission-viewer', operationId: 'events_events_partial_update', message: /^PATCH \/events\/events\/\{event_uuid\}\/ with an existing id answered 200 / },
    failingChecks: ['permission-viewer'],
    restrictedTokens: true,
    middleware: () => [(req, _res, next) => { if (isToken(req, VIEWER_TOKEN) && !['GET', 'HEAD', 'OPTIONS'].includes(req.method)) actAsSuperuser(req); next(); }],
  },
  {
    defect: 'a method a list URL does not allow is a 405 before the permission check',
    finding: {
      check: 'permission-viewer',
      operationId: 'events_events_list',
      message: 'DELETE /events/events/ answered 405 {"detail":"Method \\"DELETE\\" not allowed."} (expected 403 {"detail":"You do not have permission to perform this action."}: a token without the delete permission is refused, before the 405 for a method /events/events/ does not allow)',
    },
    failingChecks: ['permission-viewer', 'permission-none'],
    restrictedTokens: true,
    middleware: () => [(req, _res, next) => { if (LIST_METHODS[req.path] && !LIST_METHODS[req.path]!.includes(req.method) && !isToken(req, SUITE_TOKEN)) actAsSuperuser(req); next(); }],
  },
  {
    defect: 'a token without the view permission is refused only after the lookup',
    finding: {
      check: 'permission-none',
      operationId: 'events_events_retrieve',
      message: 'GET /events/events/{event_uuid}/ with a random id answered 404 {"detail":"Not found."} (expected 403 {"detail":"You do not have permission to perform this action."}: a token without the view permission is refused before the object is looked up)',
    },
    failingChecks: ['permission-none'],
    restrictedTokens: true,
    middleware: (store) => [
      (req, res, next) => {
        const [, collection, id] = /^\/api\/v3\/events\/(events|system_tasks)\/([^/]+)\/$/.exec(req.path) ?? [];
        const missing = id !== undefined && (collection === 'events' ? store.events : store.systemTasks).get(id) === undefined;
        if (missing && isToken(req, NO_PERMISSION_TOKEN)) return void res.status(404).json({ detail: 'Not found.' });
        next();
      },
    ],
  },
  // As before issue 13: the list actions fell through to the detail route, `volume` being no UUID.
  {
    defect: 'the events list actions are missing (404 Not found.)',
    finding: { check: 'list-actions', operationId: 'events_events_actions_list', message: /^actions\/ answered 404 with components undefined/ },
    // The 404 also lacks the route's Allow header; response-schema accepts a GenericError 404.
    failingChecks: ['headers', 'list-actions'],
    middleware: () => [(req, res, next) => (/^\/api\/v3\/events\/events\/(actions|volume|per_month|top_per_user)\/$/.test(req.path) && req.headers.authorization === `Bearer ${SUITE_TOKEN}` ? void res.status(404).json({ detail: 'Not found.' }) : next())],
  },
  {
    defect: 'volume/ ignores the events list filters',
    finding: { check: 'list-actions', operationId: 'events_events_volume_list', message: /^volume\/\?search=contract-suite-charts-\{uuid\}-absent counted \d+,\d+,\d+ \(expected 0,0,0, the current point second\)$/ },
    failingChecks: ['list-actions'],
    middleware: () => [(req, res, next) => (req.path.endsWith('/volume/') ? dropQuery('search')(req, res, next) : next())],
  },
];

/**
 * authentik 2024.8.6 as the contract suite saw it (issue 14): the mock, with exactly the two deviations
 * of the real server from its schema. Tasks without a uid send `uid: null` (the mock omits the key), and
 * running a missing task answers 404 `{"detail":"Not found."}` where the schema documents no body.
 */
export function createAuthentikLikeServer(): Express {
  return createBrokenServer(() => [
    editJson((body, out) => {
      if (!out.req.path.startsWith(TASKS) || out.status !== 200) return;
      for (const task of (body.results as Array<Record<string, unknown>> | undefined) ?? [body]) if (!('uid' in task)) task.uid = null;
    }),
    rewrite((out) => {
      if (!/\/run\/$/.test(out.req.path) || out.status !== 404 || out.body !== '') return;
      out.body = JSON.stringify({ detail: 'Not found.' });
      out.headers.set('content-type', 'application/json');
    }),
  ]);
}

/** The mock with one defect put in front of it. */
export function createBrokenServer(middleware: (store: Store) => RequestHandler[]): Express {
  const fallbackBrand = createFallbackBrand(1);
  const store = seedStore({ seed: 1, tasks: 22, events: 20 }, fallbackBrand);
  const app = express();
  for (const handler of middleware(store)) app.use(handler);
  app.use(createMockOver(store, fallbackBrand));
  return app;
}

/** The mock as it is, with the suite's three tokens. */
export function createCorrectServer(): Express {
  return createBrokenServer(() => []);
}
