import express from 'express';
import { setupServer } from 'msw/node';
import type { AddressInfo } from 'node:net';
import { createMockMiddleware } from '../src/express';
import { createFetchHandler } from '../src/fetch';
import { startMock as startCli } from '../contract-tests/launch-mock';
import { createAdminClient, startMock, type RunningMock } from '../src/index';
import { createHandlers } from '../src/msw';

// Sessions (issue 18, part 1): one server, many isolated mocks, chosen by `X-Mock-Session` or the `mock_session` cookie.
const TASKS = 'events/system_tasks/';
const EVENTS = 'events/events/';
const AUTH = { Authorization: 'Bearer session-test' };
const NEW_EVENT = JSON.stringify({ action: 'login', app: 'billing', context: {} });

/** GET/POST against a mock's API, in a session (header), a cookie session, or none. */
function apiOf(apiUrl: string) {
  const headers = (session?: { header?: string; cookie?: string }) => ({
    ...AUTH,
    ...(session?.header === undefined ? {} : { 'X-Mock-Session': session.header }),
    ...(session?.cookie === undefined ? {} : { Cookie: `theme=dark; mock_session=${session.cookie}` }),
  });
  return {
    get: (path: string, session?: { header?: string; cookie?: string }) => fetch(`${apiUrl}/${path}`, { headers: headers(session) }),
    createEvent: (session?: { header?: string; cookie?: string }) => fetch(`${apiUrl}/${EVENTS}`, { method: 'POST', headers: { ...headers(session), 'Content-Type': 'application/json' }, body: NEW_EVENT }),
    count: async (path: string, session?: { header?: string; cookie?: string }) => ((await (await fetch(`${apiUrl}/${path}`, { headers: headers(session) })).json()) as { pagination: { count: number } }).pagination.count,
  };
}

/** The behaviours every host must show, run against one host's API base and admin client. */
function sessionBehaviours(setup: () => { apiUrl: string; admin: ReturnType<typeof createAdminClient> }, maxSessions = 100) {
  it('two sessions are isolated: writes, faults, stubs and the journal; no session is the default one', async () => {
    const { apiUrl, admin } = setup();
    const api = apiOf(apiUrl);
    const a = admin.session('worker-a');
    const b = admin.session('worker-b');
    const before = await api.count(EVENTS);
    expect((await api.createEvent({ header: 'worker-a' })).status).toBe(201);
    await a.setFaults({ events_system_tasks_list: { status: 503 } });
    await b.addStub({ operationId: 'events_events_list', match: { query: { search: 'billing' } }, response: { status: 200, body: { pagination: { next: 0, previous: 0, count: 7, current: 1, total_pages: 1, start_index: 0, end_index: 0 }, results: [] } } });

    expect([await api.count(EVENTS, { header: 'worker-a' }), await api.count(EVENTS, { header: 'worker-b' }), await api.count(EVENTS)]).toEqual([before + 1, before, before]);
    expect([(await api.get(TASKS, { header: 'worker-a' })).status, (await api.get(TASKS, { header: 'worker-b' })).status, (await api.get(TASKS)).status]).toEqual([503, 200, 200]);
    expect([await api.count(`${EVENTS}?search=billing`, { header: 'worker-a' }), await api.count(`${EVENTS}?search=billing`, { header: 'worker-b' })]).toEqual([1, 7]);
    expect([(await a.stubs()).length, (await b.stubs()).length, JSON.stringify(await b.setFaults({}))]).toEqual([0, 1, '{}']);

    const journalA = (await a.requests()).map((entry) => `${entry.method} ${entry.url} ${entry.status} ${entry.session}`);
    expect(journalA).toEqual([
      `GET /api/v3/${EVENTS}?search=billing 200 worker-a`,
      `GET /api/v3/${TASKS} 503 worker-a`,
      `GET /api/v3/${EVENTS} 200 worker-a`,
      `POST /api/v3/${EVENTS} 201 worker-a`,
    ]);
    expect((await b.requests()).map((entry) => `${entry.url} ${entry.answered_by}`)).toEqual([`/api/v3/${EVENTS}?search=billing stub`, `/api/v3/${TASKS} mock`, `/api/v3/${EVENTS} mock`]);
    expect((await admin.requests()).every((entry) => entry.session === 'default')).toBe(true);
  });

  it('a cookie works like the header, and the header wins over the cookie', async () => {
    const { apiUrl, admin } = setup();
    const api = apiOf(apiUrl);
    const before = await api.count(EVENTS);
    expect((await api.createEvent({ cookie: 'qa-anna' })).status).toBe(201);
    expect([await api.count(EVENTS, { cookie: 'qa-anna' }), await api.count(EVENTS, { header: 'qa-anna' }), await api.count(EVENTS, { header: 'qa-ben', cookie: 'qa-anna' }), await api.count(EVENTS)]).toEqual([before + 1, before + 1, before, before]);
    expect((await admin.session('qa-anna').requests()).map((entry) => entry.request_headers.cookie)).toEqual([undefined, 'theme=dark; mock_session=qa-anna', 'theme=dark; mock_session=qa-anna']);
  });

  it('a session starts from a named scenario, lists with its counts, resets to where it started, and is removed', async () => {
    const { apiUrl, admin } = setup();
    const api = apiOf(apiUrl);
    const failing = await admin.startSession('failing', { scenario: 'failing-tasks' });
    expect([await api.count(TASKS, { header: 'failing' }), await api.count(`${TASKS}?status=error`, { header: 'failing' })]).toEqual([6, 3]);
    expect((await api.createEvent({ header: 'failing' })).status).toBe(201);
    const described = await failing.describeSession();
    expect([described.name, described.state, described.faults, described.stubs, described.requests]).toEqual(['failing', { scenario: 'failing-tasks', system_tasks: 6, events: 31 }, 0, 0, 3]);
    expect((await failing.reset()).events).toBe(30);

    // Most recently used first: this call names "failing" itself.
    const list = await failing.sessions();
    const [newest] = list.sessions;
    expect([list.max_sessions, newest!.name, list.sessions.some((session) => session.name === 'default')]).toEqual([maxSessions, 'failing', true]);
    expect(Date.parse(newest!.last_used) >= Date.parse(newest!.created)).toBe(true);

    await admin.removeSession('failing');
    expect((await admin.sessions()).sessions.map((session) => session.name)).not.toContain('failing');
    // Named again, it starts afresh from the start-up state, not from the scenario.
    expect(await api.count(TASKS, { header: 'failing' })).toBe(await api.count(TASKS));
  });
}

describe('sessions over HTTP (startMock and createAdminClient)', () => {
  let mock: RunningMock;
  let logs: string[];
  const error = console.error;
  beforeEach(async () => {
    logs = [];
    console.error = (line: string) => logs.push(line);
    mock = await startMock({ quiet: true });
  });
  afterEach(async () => {
    console.error = error;
    await mock.close();
  });

  sessionBehaviours(() => ({ apiUrl: mock.apiUrl, admin: createAdminClient(mock.url) }));

  it('refuses a bad session name with a 400 and a sentence; PUT, GET and DELETE answer their errors', async () => {
    const bad = await fetch(`${mock.apiUrl}/${TASKS}`, { headers: { ...AUTH, 'X-Mock-Session': 'a b' } });
    expect([bad.status, bad.headers.get('content-type'), await bad.text()]).toEqual([400, 'application/json; charset=utf-8', `{"detail":"X-Mock-Session: \\"a b\\" is not a session name; use 1 to 64 letters, digits, '.', '_', '~' or '-'."}`]);
    const cookie = await fetch(`${mock.apiUrl}/${TASKS}`, { headers: { ...AUTH, Cookie: 'mock_session=%2F' } });
    expect([cookie.status, await cookie.text()]).toEqual([400, `{"detail":"cookie mock_session: \\"%2F\\" is not a session name; use 1 to 64 letters, digits, '.', '_', '~' or '-'."}`]);
    const call = async (method: string, path: string, body?: string) => {
      const response = await fetch(`${mock.url}/__mock__/sessions/${path}`, { method, headers: body === undefined ? {} : { 'Content-Type': 'application/json' }, body });
      return [response.status, await response.text()];
    };
    expect(await call('GET', 'nobody')).toEqual([404, '{"detail":"No session named \\"nobody\\"."}']);
    expect(await call('DELETE', 'nobody')).toEqual([404, '{"detail":"No session named \\"nobody\\"."}']);
    expect(await call('DELETE', 'default')).toEqual([400, '{"detail":"The default session cannot be removed; POST /__mock__/reset resets it."}']);
    expect(await call('PUT', 'default', '{}')).toEqual([400, '{"detail":"The default session is the one requests without a session use; POST /__mock__/reset or /__mock__/scenarios/NAME changes it."}']);
    expect(await call('PUT', 'x', '{"scenario":"nope"}')).toEqual([404, '{"detail":"No scenario named \\"nope\\" in fixtures/."}']);
    expect(await call('PUT', 'x', '{"scenario":1}')).toEqual([400, '{"detail":"The scenario of the session must be text (a string)."}']);
    expect(await call('PUT', 'x', '{"scenery":"a"}')).toEqual([400, '{"detail":"The session has a field it does not know: scenery."}']);
    expect(await call('PUT', '%20x', '{}')).toEqual([400, `{"detail":"\\" x\\" is not a session name; use 1 to 64 letters, digits, '.', '_', '~' or '-'."}`]);
    // None of those started a session.
    expect((await createAdminClient(mock.url).sessions()).sessions.map((session) => session.name)).toEqual(['default']);
    const first = await call('PUT', 'x');
    const again = await call('PUT', 'x', '{}');
    expect([first[0], again[0]]).toEqual([201, 200]);
  });

  it('CORS lets X-Mock-Session through a preflight', async () => {
    const preflight = await fetch(`${mock.apiUrl}/${EVENTS}`, { method: 'OPTIONS', headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST' } });
    expect([preflight.status, preflight.headers.get('access-control-allow-headers')]).toEqual([204, 'authorization, content-type, x-mock-session']);
    const asked = await fetch(`${mock.apiUrl}/${EVENTS}`, { method: 'OPTIONS', headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization, x-mock-session' } });
    expect(asked.headers.get('access-control-allow-headers')).toBe('authorization, x-mock-session');
  });
});

describe('the session cap', () => {
  it('evicts the least recently used session with a log line, never the default one', async () => {
    const logs: string[] = [];
    const error = console.error;
    console.error = (line: string) => logs.push(line);
    const mock = await startMock({ quiet: true, maxSessions: 2 });
    try {
      const api = apiOf(mock.apiUrl);
      expect((await api.createEvent({ header: 'one' })).status).toBe(201);
      await api.get(TASKS, { header: 'two' });
      await api.get(TASKS, { header: 'one' });
      await api.get(TASKS, { header: 'three' });
      const names = (await createAdminClient(mock.url).sessions()).sessions.map((session) => session.name);
      expect(names).toEqual(['default', 'three', 'one']);
      expect(logs).toEqual([expect.stringMatching(/^session "two" removed: more than --max-sessions 2 sessions; it was the least recently used \(last used \d{4}-\d\d-\d\dT[\d:.]+Z\)$/)]);
      // "one" kept its write.
      expect(await api.count(`${EVENTS}?search=billing`, { header: 'one' })).toBe(1);
    } finally {
      console.error = error;
      await mock.close();
    }
  });
});

describe('sessions on the CLI (the built server)', () => {
  let cli: Awaited<ReturnType<typeof startCli>>;
  beforeAll(async () => {
    cli = await startCli(['--max-sessions', '5']);
  });
  afterAll(() => cli.stop());

  sessionBehaviours(() => ({ apiUrl: cli.baseUrl, admin: createAdminClient(cli.baseUrl) }), 5);
});

describe('--max-sessions on the CLI', () => {
  it('prints the session on the request line, and evicts the least recently used session past the cap', async () => {
    const cli = await startCli(['--max-sessions', '1']);
    try {
      const api = apiOf(cli.baseUrl);
      await api.get(TASKS, { header: 'line-a' });
      await api.get(TASKS, { header: 'line-b' });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const lines = cli.output().split('\n');
      expect(lines.filter((line) => / 200 [\d.]+ ms/.test(line) && line.startsWith(`GET /api/v3/${TASKS} `))).toEqual([expect.stringMatching(/\(session line-a\)$/), expect.stringMatching(/\(session line-b\)$/)]);
      expect(lines.filter((line) => line.startsWith('session "'))).toEqual([expect.stringMatching(/^session "line-a" removed: more than --max-sessions 1 sessions; it was the least recently used/)]);
      expect((await createAdminClient(cli.baseUrl).sessions()).sessions.map((session) => session.name)).toEqual(['default', 'line-b']);
    } finally {
      await cli.stop();
    }
  });
});

describe('sessions in MSW (setupServer)', () => {
  const ORIGIN = 'https://authentik.company';
  const { handlers, mock } = createHandlers({ baseUrl: ORIGIN, maxSessions: 100 });
  const server = setupServer(...handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  sessionBehaviours(() => ({ apiUrl: `${ORIGIN}/api/v3`, admin: createAdminClient(ORIGIN) }));

  it('the MSW mock object reaches a session too', async () => {
    const api = apiOf(`${ORIGIN}/api/v3`);
    await mock.session('msw-a').setFaults({ events_events_list: { status: 503 } });
    expect([(await api.get(EVENTS, { header: 'msw-a' })).status, (await api.get(EVENTS)).status]).toEqual([503, 200]);
  });
});

describe('sessions in the Express middleware (and so the Vite plugin, which mounts it)', () => {
  let server: ReturnType<ReturnType<typeof express>['listen']>;
  let origin: string;
  beforeAll(async () => {
    const app = express();
    app.use(createMockMiddleware({ quiet: true }));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeIdleConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  sessionBehaviours(() => ({ apiUrl: `${origin}/api/v3`, admin: createAdminClient(origin) }));
});

describe('sessions in the fetch handler', () => {
  it('a write in one session is not seen in another, nor without a session', async () => {
    const handle = createFetchHandler({ tokens: ['t'] });
    const call = (method: string, path: string, session?: string, body?: string) =>
      handle(new Request(`http://authentik.test/api/v3/${path}`, { method, body, headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json', ...(session ? { 'X-Mock-Session': session } : {}) } }));
    const count = async (session?: string) => ((await (await call('GET', `${EVENTS}?search=billing`, session)).json()) as { pagination: { count: number } }).pagination.count;
    expect((await call('POST', EVENTS, 'fetch-a', NEW_EVENT)).status).toBe(201);
    expect([await count('fetch-a'), await count('fetch-b'), await count()]).toEqual([1, 0, 0]);
  });
});
