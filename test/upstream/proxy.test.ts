import { startMock, type RunningMock } from '../../src/index';

// --proxy (issue 19, part 3): every API request goes to the "real" server (a second mock with other data),
// each answer is checked against the schema and marked in the journal, and the rows are kept in the store.
const AUTH = { Authorization: 'Bearer client-token' };
let real: RunningMock;
let logged: string[];
let spy: jest.SpyInstance;
beforeAll(async () => {
  real = await startMock({ quiet: true, seed: 7, events: 6, tasks: 3 });
});
afterAll(() => real.close());
beforeEach(async () => {
  await Promise.all([real.admin.clearStubs(), real.admin.clearRequests()]);
  logged = [];
  spy = jest.spyOn(console, 'error').mockImplementation((line: string) => void logged.push(line));
});
afterEach(() => spy.mockRestore());

async function withProxy(test: (proxy: RunningMock) => Promise<void>, options: { upstream?: string; upstreamTimeout?: number } = {}): Promise<void> {
  const proxy = await startMock({ quiet: true, upstream: options.upstream ?? real.apiUrl, proxy: true, ...(options.upstreamTimeout === undefined ? {} : { upstreamTimeout: options.upstreamTimeout }) });
  try {
    await test(proxy);
  } finally {
    await proxy.close();
  }
}

const GATEWAY_HEADERS = (res: Response) => [res.headers.get('content-type'), res.headers.get('x-powered-by')];

describe('--proxy', () => {
  it('in a session: the rows and the journal entry go to the session the request named, not the default one', async () => {
    await withProxy(async (proxy) => {
      const through = await fetch(`${proxy.apiUrl}/events/events/?page_size=2`, { headers: { ...AUTH, 'X-Mock-Session': 'recording' } });
      expect(through.status).toBe(200);
      const session = proxy.admin.session('recording');
      const [entry] = await session.requests();
      expect([entry!.answered_by, entry!.session, (await proxy.admin.requests()).length]).toEqual(['upstream', 'recording', 0]);
      expect([(await session.state()).events.length, (await proxy.admin.state()).events.length]).toEqual([2, 0]);
    });
  });

  it('passes a good answer on unmarked, and keeps its rows: the state export after browsing holds the upstream’s events and tasks', async () => {
    await withProxy(async (proxy) => {
      const direct = await (await fetch(`${real.apiUrl}/events/events/?page_size=4`, { headers: AUTH })).text();
      const through = await fetch(`${proxy.apiUrl}/events/events/?page_size=4`, { headers: AUTH });
      expect([through.status, await through.text()]).toEqual([200, direct]);
      const tasks = (await (await fetch(`${proxy.apiUrl}/events/system_tasks/`, { headers: AUTH })).json()) as { results: unknown[] };
      const [entry] = await proxy.admin.requests({ operationId: 'events_events_list' });
      expect([entry!.answered_by, entry!.status, entry!.contract_violations]).toEqual(['upstream', 200, []]);

      const byPk = (rows: Array<{ pk: string }>) => [...rows].sort((a, b) => a.pk.localeCompare(b.pk));
      const state = (await (await fetch(`${proxy.url}/__mock__/state`)).json()) as { events: Array<{ pk: string }>; systemTasks: Array<{ uuid: string }> };
      expect(byPk(state.events)).toEqual(byPk((JSON.parse(direct) as { results: Array<{ pk: string }> }).results));
      expect(state.events).toHaveLength(4);
      expect(state.systemTasks.map((t) => t.uuid).sort()).toEqual((tasks.results as Array<{ uuid: string }>).map((t) => t.uuid).sort());
      expect(logged).toEqual([]);
    });
  });

  it('forwards a write with its body, and keeps the row it answers with; a body over --body-limit is not forwarded but refused 413', async () => {
    await withProxy(async (proxy) => {
      const created = await fetch(`${proxy.apiUrl}/events/events/`, { method: 'POST', headers: { ...AUTH, 'Content-Type': 'application/json' }, body: '{"action":"custom_","app":"through-proxy","context":{"ratio":1.0}}' });
      const event = (await created.json()) as { pk: string; app: string };
      expect([created.status, event.app]).toEqual([201, 'through-proxy']);
      const upstreamRow = await (await fetch(`${real.apiUrl}/events/events/${event.pk}/`, { headers: AUTH })).text();
      expect(upstreamRow).toContain('"context":{"ratio":1.0}');
      const state = (await (await fetch(`${proxy.url}/__mock__/state`)).json()) as { events: Array<{ pk: string }> };
      expect(state.events.map((e) => e.pk)).toEqual([event.pk]);
      // The mock's own writer keeps the float literal it read from the upstream's answer.
      expect(await (await fetch(`${proxy.url}/__mock__/state`)).text()).toContain('"context":{"ratio":1.0}');
    });
    const small = await startMock({ quiet: true, upstream: real.apiUrl, proxy: true, bodyLimit: 10 });
    try {
      await real.admin.clearRequests();
      const refused = await fetch(`${small.apiUrl}/events/events/`, { method: 'POST', headers: { ...AUTH, 'Content-Type': 'application/json' }, body: '{"action":"custom_","app":"too-long"}' });
      expect([refused.status, await refused.text()]).toEqual([413, '{"detail":"Request body is larger than the limit of 10 bytes."}']);
      expect(await real.admin.requests()).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it('in authentik 2025.8, keeps the Dramatiq tasks and schedules it browses', async () => {
    const real2025 = await startMock({ quiet: true, authentikVersion: '2025.8', seed: 3, tasks: 4 });
    const proxy = await startMock({ quiet: true, authentikVersion: '2025.8', upstream: real2025.apiUrl, proxy: true });
    try {
      for (const list of ['tasks/tasks/', 'tasks/schedules/']) expect((await fetch(`${proxy.apiUrl}/${list}`, { headers: AUTH })).status).toBe(200);
      const ids = (state: Record<string, unknown>) => ({
        tasks: (state.tasks as Array<{ message_id: string }>).map((t) => t.message_id).sort(),
        schedules: (state.schedules as Array<{ id: string }>).map((t) => t.id).sort(),
      });
      const kept = ids((await (await fetch(`${proxy.url}/__mock__/state`)).json()) as Record<string, unknown>);
      expect(kept).toEqual(ids((await real2025.admin.state()) as unknown as Record<string, unknown>));
      expect([kept.tasks.length, kept.schedules.length > 0]).toEqual([4, true]);
    } finally {
      await Promise.all([proxy.close(), real2025.close()]);
    }
  });

  it('marks a schema-breaking upstream answer in the journal and the log, and gives the client the answer as it was', async () => {
    await real.admin.addStub({ operationId: 'events_events_list', outsideContract: true, response: { status: 200, body: { results: 'nope' } } });
    await withProxy(async (proxy) => {
      const res = await fetch(`${proxy.apiUrl}/events/events/`, { headers: AUTH });
      expect([res.status, await res.text()]).toEqual([200, '{"results":"nope"}']);
      const violation = "Response of events_events_list (200) violates the spec at /: must have required property 'pagination'";
      const [entry] = await proxy.admin.requests();
      expect([entry!.answered_by, entry!.status, entry!.contract_violations, entry!.response_body]).toEqual(['upstream', 200, [violation], { results: 'nope' }]);
      expect(logged).toEqual([`upstream_contract_violation: GET /api/v3/events/events/: ${violation}`]);
      expect(((await (await fetch(`${proxy.url}/__mock__/state`)).json()) as { events: unknown[] }).events).toEqual([]);
    });
  });

  it('marks a system task that breaks the schema as authentik’s do, and keeps it as record would (uid left out, description "")', async () => {
    const [task] = ((await (await fetch(`${real.apiUrl}/events/system_tasks/`, { headers: AUTH })).json()) as { results: Array<Record<string, unknown>> }).results;
    const asAuthentikSends = { ...task, uid: null, description: null };
    const page = { pagination: { next: 0, previous: 0, count: 1, current: 1, total_pages: 1, start_index: 1, end_index: 1 }, results: [asAuthentikSends] };
    await real.admin.addStub({ operationId: 'events_system_tasks_list', outsideContract: true, response: { status: 200, body: page } });
    await withProxy(async (proxy) => {
      expect((await fetch(`${proxy.apiUrl}/events/system_tasks/`, { headers: AUTH })).status).toBe(200);
      const [entry] = await proxy.admin.requests();
      expect(entry!.contract_violations).toEqual([expect.stringMatching(/^Response of events_system_tasks_list \(200\) violates the spec at \/results\/0\/(uid|description): must be string$/)]);
      const { systemTasks } = (await (await fetch(`${proxy.url}/__mock__/state`)).json()) as { systemTasks: Array<Record<string, unknown>> };
      const { uid: _uid, ...withoutUid } = task!;
      expect(systemTasks).toEqual([{ ...withoutUid, description: '' }]);
      expect(logged).toEqual([`upstream_contract_violation: GET /api/v3/events/system_tasks/: ${entry!.contract_violations[0]}`]);
    });
  });

  it('answers 502 when the upstream refuses the connection', async () => {
    const gone = await startMock({ quiet: true });
    await gone.close();
    await withProxy(
      async (proxy) => {
        const res = await fetch(`${proxy.apiUrl}/events/events/`, { headers: AUTH });
        expect([res.status, ...GATEWAY_HEADERS(res), await res.text()]).toEqual([502, 'application/json; charset=utf-8', 'authentik', '{"detail":"Bad gateway: the upstream authentik could not be reached (ECONNREFUSED).","code":"bad_gateway"}']);
        expect(logged).toEqual([`upstream 502 for GET /api/v3/events/events/: ${gone.apiUrl}/events/events/ could not be reached (ECONNREFUSED)`]);
        const [entry] = await proxy.admin.requests();
        expect([entry!.answered_by, entry!.status, entry!.operationId]).toEqual(['upstream', 502, 'events_events_list']);
      },
      { upstream: gone.apiUrl },
    );
  });

  it('answers 502 when the upstream sends HTML where the schema says JSON', async () => {
    // The upstream serves only the events API: authentik's users list is Django's HTML 404 page there.
    await withProxy(async (proxy) => {
      const res = await fetch(`${proxy.apiUrl}/core/users/`, { headers: AUTH });
      expect([res.status, ...GATEWAY_HEADERS(res), await res.text()]).toEqual([502, 'application/json; charset=utf-8', 'authentik', '{"detail":"Bad gateway: the upstream authentik answered 404 text/html; charset=utf-8, not JSON.","code":"bad_gateway"}']);
      expect(logged).toEqual([`upstream 502 for GET /api/v3/core/users/: ${real.apiUrl}/core/users/ answered 404 text/html; charset=utf-8, not JSON`]);
    });
  });

  it('answers 504 when the upstream is slower than --upstream-timeout, and stays up', async () => {
    await real.admin.addStub({ operationId: 'events_events_list', times: 1, fault: { latency_ms: 1500 } });
    await withProxy(
      async (proxy) => {
        const res = await fetch(`${proxy.apiUrl}/events/events/`, { headers: AUTH });
        expect([res.status, ...GATEWAY_HEADERS(res), await res.text()]).toEqual([504, 'application/json; charset=utf-8', 'authentik', '{"detail":"Gateway timeout: the upstream authentik did not answer within 200 ms.","code":"gateway_timeout"}']);
        expect(logged).toEqual([`upstream 504 for GET /api/v3/events/events/: ${real.apiUrl}/events/events/ did not answer within 200 ms`]);
        // The next request gets the upstream's answer: nothing broke.
        expect((await fetch(`${proxy.apiUrl}/events/events/`, { headers: AUTH })).status).toBe(200);
        // The upstream journals the slow request when it answers at last; wait for it, so nothing outlives the test.
        expect((await real.admin.waitForRequests({ operationId: 'events_events_list' }, { count: 2 })).map((r) => r.status)).toEqual([200, 200]);
      },
      { upstreamTimeout: 200 },
    );
  });
});
