import { build } from 'esbuild';
import { join } from 'node:path';
import { Configuration, EventActions, EventsApi, EventsSystemTasksListStatusEnum, FetchError, ResponseError } from '@goauthentik/api';
import { setupServer } from 'msw/node';
import { ConfigError } from '../../src/config/config';
import { createHandlers, MockAdminError } from '../../src/msw';
import { toRequestPattern } from '../../src/hosts/msw-handlers';
import { startMock, type RunningMock } from '../../src/hosts/start-mock';

// msw's setupServer intercepts the process's fetch; authentik's own client (2024.8.3) calls it unchanged.
// Requests to other origins (the HTTP mock below) go to the network.
const AUTHENTIK = 'https://authentik.company';
const TOKEN = 'frontend-token';
const { handlers, mock } = createHandlers({ baseUrl: AUTHENTIK, tokens: [TOKEN, 'viewer:view_event'] });
const server = setupServer(...handlers);
const clientWith = (token: string) => new EventsApi(new Configuration({ basePath: `${AUTHENTIK}/api/v3`, accessToken: token }));
const api = clientWith(TOKEN);

beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
beforeEach(async () => {
  await mock.reset();
  await mock.clearRequests();
});
afterAll(() => server.close());

/** The status and JSON body a client call was refused with. */
async function refusal(call: Promise<unknown>): Promise<[number, unknown]> {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ResponseError)) throw new Error(`expected a refused call, got ${String(error)}`);
  return [error.response.status, await error.response.json()];
}

describe('createHandlers (authentik-events-mock/msw) under setupServer, with @goauthentik/api', () => {
  it('lists and searches system tasks', async () => {
    const all = await api.eventsSystemTasksList({ pageSize: 5, ordering: '-name' });
    expect([all.pagination.count, all.pagination.totalPages, all.results.map((task) => task.fullName)]).toEqual([
      22,
      5,
      ['webauthn_mds_import', 'update_latest_version', 'outpost_token_ensurer', 'outpost_service_connection_monitor', 'outpost_controller:authentik-embedded-outpost'],
    ]);
    const found = await api.eventsSystemTasksList({ search: 'outpost' });
    expect(found.results.map((task) => task.fullName)).toEqual([
      'outpost_controller:authentik-embedded-outpost',
      'outpost_controller:ldap-outpost',
      'outpost_controller:proxy-outpost',
      'outpost_service_connection_monitor',
      'outpost_token_ensurer',
    ]);
  });

  it('creates, fetches and patches an event, and journals each request', async () => {
    const created = await api.eventsEventsCreate({ eventRequest: { action: EventActions.Custom, app: 'storybook', context: { n: [1, { x: null }] } } });
    expect([created.action, created.app, created.context, created.brand]).toEqual(['custom_', 'storybook', { n: [1, { x: null }] }, expect.objectContaining({ name: 'Brand fallback' })]);
    expect(await api.eventsEventsRetrieve({ eventUuid: created.pk })).toEqual(created);
    const patched = await api.eventsEventsPartialUpdate({ eventUuid: created.pk, patchedEventRequest: { app: 'patched' } });
    expect([patched.pk, patched.app, patched.context]).toEqual([created.pk, 'patched', { n: [1, { x: null }] }]);
    const journal = await mock.requests();
    expect(journal.map((entry) => [entry.method, entry.operationId, entry.status])).toEqual([
      ['PATCH', 'events_events_partial_update', 200],
      ['GET', 'events_events_retrieve', 200],
      ['POST', 'events_events_create', 201],
    ]);
  });

  it("answers authentik's 403 to a token outside the list, and to a permission the token lacks", async () => {
    expect(await refusal(clientWith('stranger').eventsSystemTasksList())).toEqual([403, { detail: 'Token invalid/expired' }]);
    expect(await refusal(clientWith('viewer').eventsSystemTasksList())).toEqual([403, { detail: 'You do not have permission to perform this action.' }]);
    expect((await clientWith('viewer').eventsEventsList({ pageSize: 1 })).pagination.count).toBe(250);
  });

  it("answers DRF's 400 body for an invalid event, as over HTTP", async () => {
    const raw = await fetch(`${AUTHENTIK}/api/v3/events/events/`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body: '{"action": "bogus", "app": " "}' });
    expect([raw.status, await raw.json()]).toEqual([400, { action: ['"bogus" is not a valid choice.'], app: ['This field may not be blank.'] }]);
  });

  it('switches scenario through the controller', async () => {
    expect(await mock.loadScenario('failing-tasks')).toEqual({ scenario: 'failing-tasks', system_tasks: 6, events: 30, tokens: 2 });
    const failing = await api.eventsSystemTasksList({ status: EventsSystemTasksListStatusEnum.Error });
    expect(failing.results.map((task) => task.name)).toEqual(['apply_blueprint', 'ldap_sync', 'outpost_controller']);
    await expect(mock.loadScenario('nope')).rejects.toEqual(new MockAdminError(404, 'No scenario named "nope" in fixtures/.'));
  });

  it('injects faults: a 503 the client sees, then a dropped connection as a network error', async () => {
    await mock.setFaults({ events_system_tasks_list: { status: 503 } });
    expect(await refusal(api.eventsSystemTasksList())).toEqual([503, { detail: 'Injected fault: HTTP 503' }]);
    await mock.setFaults({ events_system_tasks_list: { drop_connection: true } });
    await expect(api.eventsSystemTasksList()).rejects.toBeInstanceOf(FetchError);
    await mock.clearFaults();
    expect((await api.eventsSystemTasksList()).pagination.count).toBe(22);
    expect((await mock.requests({ operationId: 'events_system_tasks_list' })).map((entry) => entry.status)).toEqual([200, 0, 503]);
  });
});

describe('the same answers as the mock over HTTP', () => {
  let http: RunningMock;
  beforeAll(async () => {
    http = await startMock({ tokens: [TOKEN, 'viewer:view_event'] });
  });
  afterAll(() => http.close());

  // Status, headers (less those that differ per request or per socket) and body, as text.
  const VARYING = new Set(['x-authentik-id', 'date', 'connection', 'keep-alive']);
  async function answer(origin: string, path: string, init: RequestInit): Promise<string> {
    const res = await fetch(`${origin}${path}`, { ...init, headers: { Authorization: `Bearer ${TOKEN}`, ...init.headers } });
    const headers = [...res.headers].filter(([name]) => !VARYING.has(name)).map(([name, value]) => `${name}: ${value}`);
    return `${res.status}\n${headers.join('\n')}\n\n${await res.text()}`;
  }
  const json = { 'Content-Type': 'application/json' };

  // Every row has all three values: jest takes a test function with more parameters than the row for one that wants `done`.
  it.each<[string, string, RequestInit]>([
    ['a page of tasks with ordering', '/api/v3/events/system_tasks/?ordering=-name&page_size=3&page=2', {}],
    ['a filter value DRF refuses', '/api/v3/events/system_tasks/?status=bogus', {}],
    ['a page past the last', '/api/v3/events/events/?page=99', {}],
    ['the last page of a search', '/api/v3/events/events/?page=last&page_size=7&search=login', {}],
    ['HEAD', '/api/v3/events/events/', { method: 'HEAD' }],
    ['OPTIONS metadata', '/api/v3/events/events/', { method: 'OPTIONS' }],
    ['a method the view does not allow', '/api/v3/events/events/', { method: 'DELETE' }],
    ["Django's HTML 404 for a missing slash", '/api/v3/events/events', {}],
    ['a permission the token lacks', '/api/v3/events/system_tasks/', { headers: { Authorization: 'Bearer viewer' } }],
    ['invalid JSON', '/api/v3/events/events/', { method: 'POST', headers: json, body: '{"action": ' }],
    ['a media type the view does not parse', '/api/v3/events/events/', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'x' }],
    ['the admin API', '/__mock__/faults', {}],
  ])('%s', async (_label, path, init) => {
    expect(await answer(AUTHENTIK, path, init)).toBe(await answer(http.url, path, init));
  });
});

describe('which requests the handlers take', () => {
  it.each<[string | undefined, string, boolean]>([
    [undefined, 'https://authentik.company/api/v3/events/events/', true],
    [undefined, 'http://localhost:5173/api/v3/core/users/me/', true],
    [undefined, 'http://localhost:5173/__mock__/state', true],
    [undefined, 'http://localhost:5173/__mock__', true],
    [undefined, 'http://localhost:5173/api/v3', false],
    [undefined, 'http://localhost:5173/src/api/v3/x', false],
    [undefined, 'http://localhost:5173/__mock__x', false],
    ['https://authentik.company', 'https://authentik.company/api/v3/events/events/', true],
    ['https://authentik.company/', 'https://authentik.company/__mock__/faults', true],
    ['https://authentik.company/api/v3/', 'https://authentik.company/api/v3/events/events/', true],
    ['https://authentik.company', 'https://authentik.company.evil.test/api/v3/events/events/', false],
    ['https://authentik.company', 'http://authentik.company/api/v3/events/events/', false],
    ['https://authentik.company', 'http://localhost:5173/api/v3/events/events/', false],
    ['http://localhost:9000', 'http://localhost:9000/api/v3/events/events/', true],
    ['http://localhost:9000', 'http://localhost:9001/api/v3/events/events/', false],
  ])('baseUrl %s: %s → %s', (baseUrl, url, taken) => {
    expect(toRequestPattern(baseUrl).test(url)).toBe(taken);
  });

  it('refuses a baseUrl that is not an origin', () => {
    expect(() => createHandlers({ baseUrl: 'authentik.company' })).toThrow(new ConfigError('baseUrl: "authentik.company" is not a URL; give an origin such as https://authentik.company'));
    expect(() => createHandlers({ baseUrl: 'https://authentik.company/if/admin/' })).toThrow(
      new ConfigError('baseUrl: "https://authentik.company/if/admin/" must be an origin such as https://authentik.company (or its /api/v3), without a path, query or credentials'),
    );
  });

  it('leaves other origins to the network', async () => {
    const unhandled: string[] = [];
    server.events.on('request:unhandled', ({ request }) => void unhandled.push(request.url));
    try {
      await fetch('http://127.0.0.1:9/api/v3/events/events/').catch(() => undefined);
      expect(unhandled).toEqual(['http://127.0.0.1:9/api/v3/events/events/']);
    } finally {
      server.events.removeAllListeners();
    }
  });
});

describe('the browser bundle', () => {
  it("holds no eval and no ajv compiler: validators are ajv's standalone code, and nothing comes from Node", async () => {
    const result = await build({ entryPoints: [join(__dirname, '..', '..', 'src', 'msw.ts')], bundle: true, format: 'esm', platform: 'browser', write: false, metafile: true, logLevel: 'silent' });
    expect(result.errors).toEqual([]);
    expect(result.outputFiles[0]!.text.match(/new Function|\beval\(/g)).toBeNull();
    expect(Object.keys(result.metafile.inputs).filter((path) => path.includes('node_modules/ajv')).sort()).toEqual(['node_modules/ajv-formats/dist/formats.js', 'node_modules/ajv/dist/runtime/ucs2length.js']);
    expect(Object.values(result.metafile.outputs)[0]!.imports).toEqual([]);
  });
});
