import { createTestApp as createHarness, onlyTokens } from './helpers/test-app';

const AUTH = { Authorization: 'Bearer qa' };
const TASKS = '/api/v3/events/system_tasks/';
const EVENTS = '/api/v3/events/events/';

const validTask = (uuid: string, name: string, extra: Record<string, unknown> = {}) => ({
  uuid,
  name,
  description: `${name} description`,
  start_timestamp: '2024-10-01T10:00:00Z',
  finish_timestamp: '2024-10-01T10:00:01.5Z',
  duration: 1.5,
  status: 'error',
  messages: [{ timestamp: '2024-10-01T10:00:01Z', log_level: 'error', logger: name, event: 'boom', attributes: {} }],
  expires: '2024-10-01T19:00:01.5Z',
  expiring: true,
  ...extra,
});

describe('admin API: scenarios and state', () => {
  it('lists the shipped scenarios with their descriptions', async () => {
    const { http } = createHarness();
    const res = await http.get('/__mock__/scenarios');
    expect(res.status).toBe(200);
    expect(res.body.scenarios.map((s: { name: string }) => s.name)).toEqual(['default', 'empty', 'failing-tasks', 'large', 'restricted-token']);
    expect(res.body.scenarios.every((s: { description: string }) => s.description.length > 10)).toBe(true);
  });

  it('loads a scenario, and reset goes back to the start-up state', async () => {
    const { http } = createHarness();
    const before = (await http.get(`${TASKS}?page_size=1`).set(AUTH)).body.pagination.count;
    const loaded = await http.post('/__mock__/scenarios/failing-tasks');
    expect([loaded.status, loaded.body]).toEqual([200, { scenario: 'failing-tasks', system_tasks: 6, events: 30 }]);
    const failing = await http.get(`${TASKS}?status=error`).set(AUTH);
    expect(failing.body.results.map((t: { full_name: string }) => t.full_name)).toEqual(['apply_blueprint:default-brand', 'ldap_sync:corp-ldap:user:0', 'outpost_controller:authentik-embedded-outpost']);
    await http.post(EVENTS).set(AUTH).send({ action: 'login', app: 'x' });
    const reset = await http.post('/__mock__/reset');
    expect([reset.status, reset.body]).toEqual([200, { scenario: 'seed 1', system_tasks: 22, events: 40 }]);
    expect((await http.get(`${TASKS}?page_size=1`).set(AUTH)).body.pagination.count).toBe(before);
  });

  it('answers 404 for a scenario that is not in fixtures/', async () => {
    const { http } = createHarness();
    const res = await http.post('/__mock__/scenarios/no-such-scenario');
    expect([res.status, res.body]).toEqual([404, { detail: 'No scenario named "no-such-scenario" in fixtures/.' }]);
    // A path in the name never reaches the file system.
    expect((await http.post('/__mock__/scenarios/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
  });

  it('exports the state as a scenario that loads back unchanged', async () => {
    const { http } = createHarness();
    await http.post(EVENTS).set(AUTH).send({ action: 'custom_', app: 'remember me', context: { b: 1, a: 2 } });
    const exported = await http.get('/__mock__/state');
    expect(exported.status).toBe(200);
    const before = (await http.get(`${EVENTS}?page_size=1000`).set(AUTH)).text;
    await http.post('/__mock__/scenarios/empty');
    expect((await http.get(EVENTS).set(AUTH)).body.pagination.count).toBe(0);
    const replaced = await http.put('/__mock__/state').send(exported.body);
    expect([replaced.status, replaced.body]).toEqual([200, { scenario: 'request body', system_tasks: 22, events: 41 }]);
    expect((await http.get(`${EVENTS}?page_size=1000`).set(AUTH)).text).toBe(before);
  });

  it('refuses a bad scenario with a sentence that names the place and the rule, and keeps the current state', async () => {
    const { http } = createHarness();
    const before = (await http.get('/__mock__/state')).text;
    const bad = { systemTasks: [validTask('00000000-0000-4000-8000-000000000001', 'a'), validTask('00000000-0000-4000-8000-000000000002', 'b', { status: 'finished' })] };
    const res = await http.put('/__mock__/state').send(bad);
    expect([res.status, res.body]).toEqual([400, { detail: 'The status of system task 2 must be one of: unknown, successful, warning, error.' }]);
    const unknownKey = await http.put('/__mock__/state').send({ tasks: [] });
    expect(unknownKey.body).toEqual({ detail: 'The scenario has a field it does not know: tasks.' });
    const badEvent = await http.put('/__mock__/state').send({ events: [{ pk: 'x', action: 'login', app: 'a', created: '2024-01-01T00:00:00Z' }] });
    expect(badEvent.body).toEqual({ detail: 'The pk of event 1 must be a UUID.' });
    expect((await http.get('/__mock__/state')).text).toBe(before);
  });
});

describe('admin API: system tasks', () => {
  it('adds tasks and replaces those with the same uuid; they appear in the public API', async () => {
    const { http } = createHarness();
    const first = await http.post('/__mock__/system-tasks').send([validTask('00000000-0000-4000-8000-0000000000aa', 'qa_task')]);
    expect([first.status, first.body]).toEqual([200, { created: 1, replaced: 0 }]);
    const again = await http.post('/__mock__/system-tasks').send([validTask('00000000-0000-4000-8000-0000000000aa', 'qa_task', { status: 'successful' })]);
    expect(again.body).toEqual({ created: 0, replaced: 1 });
    const shown = await http.get(`${TASKS}00000000-0000-4000-8000-0000000000aa/`).set(AUTH);
    expect(shown.body).toMatchObject({ name: 'qa_task', full_name: 'qa_task', status: 'successful', duration: 1.5 });
  });

  it('rejects a task that breaks the spec or (name, uid) uniqueness, naming where', async () => {
    const { http } = createHarness();
    const broken = await http.post('/__mock__/system-tasks').send([{ ...validTask('00000000-0000-4000-8000-0000000000ab', 'x'), duration: 'long' }]);
    expect(broken.body).toEqual({ detail: 'The duration of system task 1 must be a number.' });
    const existing = (await http.get(`${TASKS}?page_size=1`).set(AUTH)).body.results[0];
    const clash = await http.post('/__mock__/system-tasks').send([validTask('00000000-0000-4000-8000-0000000000ac', existing.name, existing.uid ? { uid: existing.uid } : {})]);
    expect(clash.status).toBe(400);
    expect(clash.body.detail).toMatch(/^System task 1: \(name, uid\) must be unique; system task [0-9a-f-]{36} already has them\.$/);
  });
});

describe('admin API: the request journal', () => {
  it('keeps a body nested too deeply to be written back as its text, so the journal stays readable', async () => {
    const { http } = createHarness();
    const deep = `{"action":"login","app":"x","context":${'['.repeat(20000)}${']'.repeat(20000)}}`;
    await http.post(EVENTS).set(AUTH).set('Content-Type', 'application/json').send(deep);
    const listed = await http.get('/__mock__/requests');
    expect([listed.status, listed.body.requests[0].request_body]).toEqual([200, deep]);
  });

  it('records method, path, query, status, duration and bodies, newest first, filterable', async () => {
    const { http } = createHarness();
    await http.get(`${TASKS}?status=bogus`).set(AUTH);
    await http.post(EVENTS).set(AUTH).send({ action: 'login', app: 'journal' });
    const all = await http.get('/__mock__/requests');
    expect(all.status).toBe(200);
    expect(all.body.requests).toHaveLength(2);
    const [created, rejected] = all.body.requests;
    expect(created).toMatchObject({ method: 'POST', path: EVENTS, operationId: 'events_events_create', status: 201, request_body: { action: 'login', app: 'journal' } });
    expect(created.response_body).toMatchObject({ app: 'journal' });
    expect(rejected).toMatchObject({ method: 'GET', query: { status: 'bogus' }, status: 400, response_body: { status: ['Select a valid choice. bogus is not one of the available choices.'] } });
    expect(typeof created.duration_ms).toBe('number');
    const filtered = await http.get('/__mock__/requests?operationId=events_system_tasks_list&status=400');
    expect(filtered.body.requests).toHaveLength(1);
    expect((await http.delete('/__mock__/requests')).status).toBe(204);
    expect((await http.get('/__mock__/requests')).body.requests).toEqual([]);
  });
});

describe('admin API: faults', () => {
  it('forces a spec-valid status for one operation and clears it', async () => {
    const { http } = createHarness();
    const set = await http.put('/__mock__/faults').send({ events_system_tasks_list: { status: 403 } });
    expect([set.status, set.body]).toEqual([200, { events_system_tasks_list: { status: 403, body: { detail: 'Injected fault: HTTP 403' } } }]);
    const failed = await http.get(TASKS).set(AUTH);
    expect([failed.status, failed.body]).toEqual([403, { detail: 'Injected fault: HTTP 403' }]);
    expect((await http.get(`${EVENTS}?page_size=1`).set(AUTH)).status).toBe(200);
    expect((await http.get('/__mock__/faults')).body).toEqual({ events_system_tasks_list: { status: 403, body: { detail: 'Injected fault: HTTP 403' } } });
    expect((await http.delete('/__mock__/faults')).status).toBe(204);
    expect((await http.get(TASKS).set(AUTH)).status).toBe(200);
  });

  it('refuses a forced body that would break the spec, and unknown operations', async () => {
    const { http } = createHarness();
    const bad = await http.put('/__mock__/faults').send({ events_events_retrieve: { status: 200, body: { pk: 'x' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toBe('The body of the fault on events_events_retrieve needs action (checked as 200).');
    const unknown = await http.put('/__mock__/faults').send({ core_users_me: { status: 500 } });
    expect(unknown.body).toEqual({ detail: "There is no operation core_users_me in authentik's API to put a fault on." });
    const shape = await http.put('/__mock__/faults').send({ events_events_list: { failure_rate: 2 } });
    expect(shape.body).toEqual({ detail: 'The failure_rate of the fault on events_events_list must be at most 1.' });
  });

  it('fails a reproducible share of requests under the seed', async () => {
    const run = async () => {
      const { http } = createHarness({ seed: 7 });
      await http.put('/__mock__/faults').send({ events_system_tasks_list: { status: 503, failure_rate: 0.3 } });
      const statuses: number[] = [];
      for (let i = 0; i < 200; i++) statuses.push((await http.get(TASKS).set(AUTH)).status);
      return statuses;
    };
    const first = await run();
    const second = await run();
    expect(second).toEqual(first);
    const failures = first.filter((s) => s === 503).length;
    expect(failures).toBeGreaterThan(40);
    expect(failures).toBeLessThan(80);
    expect(new Set(first)).toEqual(new Set([200, 503]));
  });

  it('adds latency within tolerance, fixed and as a range', async () => {
    const { http } = createHarness();
    await http.put('/__mock__/faults').send({ events_system_tasks_list: { latency_ms: 150 }, events_events_list: { latency_ms: [50, 60] } });
    const timed = async (url: string) => {
      const start = performance.now();
      const res = await http.get(url).set(AUTH);
      expect(res.status).toBe(200);
      return performance.now() - start;
    };
    const fixed = await timed(TASKS);
    expect(fixed).toBeGreaterThanOrEqual(148);
    expect(fixed).toBeLessThan(400);
    const ranged = await timed(EVENTS);
    expect(ranged).toBeGreaterThanOrEqual(48);
    expect(ranged).toBeLessThan(300);
  });

  it('applies the global --latency to every API request', async () => {
    const { http } = createHarness({ latency: 120 });
    const start = performance.now();
    await http.get(TASKS).set(AUTH);
    expect(performance.now() - start).toBeGreaterThanOrEqual(118);
  });

  it.each([
    ['403 without credentials', TASKS, {}, 403],
    ['403 for an unknown token', TASKS, { Authorization: 'Bearer nope' }, 403],
    ['404 for a missing object', `${TASKS}qwerqwer/`, AUTH, 404],
    ['405 for a method not routed', TASKS, AUTH, 405],
    ['404 HTML for the missing slash', '/api/v3/events/events', AUTH, 404],
  ])('delays the early answers too: %s', async (_name, url, headers, status) => {
    const { http } = createHarness({ latency: 120, tokenPolicy: onlyTokens('qa') });
    const start = performance.now();
    const res = await (status === 405 ? http.delete(url) : http.get(url)).set(headers);
    expect([res.status, performance.now() - start >= 118]).toEqual([status, true]);
  });

  it('drops the connection when asked, journals it with status 0 and logs no contract violation', async () => {
    const { http, logs } = createHarness();
    await http.put('/__mock__/faults').send({ events_system_tasks_list: { drop_connection: true } });
    await expect(http.get(TASKS).set(AUTH)).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await http.get('/__mock__/requests')).body.requests[0]).toMatchObject({ operationId: 'events_system_tasks_list', status: 0 });
    expect(logs).toEqual([]);
  });
});

describe('admin API: protection', () => {
  it('needs the --admin-token bearer when one is set', async () => {
    const { http } = createHarness({ adminToken: 'sesame' });
    const denied = await http.get('/__mock__/scenarios');
    expect([denied.status, denied.body]).toEqual([403, { detail: 'The admin API needs the bearer token given with --admin-token.' }]);
    expect((await http.get('/__mock__/scenarios').set('Authorization', 'Bearer sesame')).status).toBe(200);
  });

  it('answers unknown admin paths with 404 and wrong methods with 405', async () => {
    const { http } = createHarness();
    expect((await http.get('/__mock__/nope')).status).toBe(404);
    const wrong = await http.get('/__mock__/reset');
    expect([wrong.status, wrong.body, wrong.headers.allow]).toEqual([405, { detail: 'Method "GET" not allowed.' }, 'POST, OPTIONS']);
  });
});
