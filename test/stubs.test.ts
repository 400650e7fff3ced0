import { startMock } from '../src/index';
import { createTestApp, EVENTS, TASKS } from './helpers/test-app';

// Stubs (issue 18, part 3): answers chosen by what a request carries, in sequence, validated like every answer.
const ERROR_LIST = { pagination: { next: 0, previous: 0, count: 0, current: 1, total_pages: 1, start_index: 0, end_index: 0 }, results: [] };

describe('stubs', () => {
  it('a stub matched on a query parameter answers only those requests, with its status, body and headers', async () => {
    const { api, http } = createTestApp();
    const created = await http.post('/__mock__/stubs').send({ operationId: 'events_system_tasks_list', match: { query: { status: 'error' } }, response: { status: 200, headers: { 'X-Stubbed': 'yes' }, body: ERROR_LIST } });
    expect([created.status, created.text]).toEqual([201, `{"id":"stub-1","remaining":null,"stub":{"operationId":"events_system_tasks_list","match":{"query":{"status":"error"}},"response":{"status":200,"headers":{"X-Stubbed":"yes"},"body":${JSON.stringify(ERROR_LIST)}}}}`]);
    const stubbed = await api.get(`${TASKS}?status=error`);
    expect([stubbed.status, stubbed.headers['x-stubbed'], stubbed.text]).toEqual([200, 'yes', JSON.stringify(ERROR_LIST)]);
    const real = await api.get(`${TASKS}?status=successful`);
    expect([real.status, real.headers['x-stubbed'], real.body.pagination.count > 0]).toEqual([200, undefined, true]);
    const [, first] = (await http.get('/__mock__/requests')).body.requests;
    expect([first.answered_by, first.stub_id, first.outside_contract]).toEqual(['stub', 'stub-1', false]);
  });

  it('times: 2 answers twice, then the mock answers again, and the stub is gone from the list', async () => {
    const { api, http } = createTestApp();
    await http.post('/__mock__/stubs').send({ operationId: 'events_events_list', times: 2, response: { status: 503, body: { detail: 'try later' } } });
    expect((await http.get('/__mock__/stubs')).body.stubs.map((s: { remaining: number }) => s.remaining)).toEqual([2]);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await api.get(EVENTS)).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect((await http.get('/__mock__/stubs')).text).toBe('{"stubs":[]}');
  });

  it('the newest matching stub wins; a body subset and a header pick POSTs; a fault stub drops the connection', async () => {
    const { api, http } = createTestApp();
    await http.post('/__mock__/stubs').send({ operationId: 'events_events_create', response: { status: 400, body: { app: ['older stub'] } } });
    await http.post('/__mock__/stubs').send({ operationId: 'events_events_create', match: { body: { app: 'billing', context: { tier: 'gold' } }, headers: { 'x-tenant': 'acme' } }, response: { status: 400, body: { app: ['billing is closed'] } } });
    const billing = await api.post(EVENTS).set('X-Tenant', 'acme').send({ action: 'login', app: 'billing', context: { tier: 'gold', extra: 1 } });
    expect([billing.status, billing.text]).toEqual([400, '{"app":["billing is closed"]}']);
    const otherTenant = await api.post(EVENTS).set('X-Tenant', 'other').send({ action: 'login', app: 'billing', context: { tier: 'gold' } });
    expect(otherTenant.text).toBe('{"app":["older stub"]}');
    await http.post('/__mock__/stubs').send({ operationId: 'events_events_retrieve', times: 1, fault: { drop_connection: true } });
    const [event] = (await api.get(EVENTS)).body.results;
    await expect(api.get(`${EVENTS}${event.pk}/`)).rejects.toThrow();
    expect((await api.get(`${EVENTS}${event.pk}/`)).status).toBe(200);
  });

  it('a stub body that breaks the schema is refused unless outsideContract is set, and the journal marks those answers', async () => {
    const { api, http, store } = createTestApp();
    const refused = await http.post('/__mock__/stubs').send({ operationId: 'events_events_list', response: { status: 200, body: { results: 'nope' } } });
    expect([refused.status, refused.text]).toEqual([400, '{"detail":"The body of the response of the stub needs pagination (checked as 200); set outsideContract to send it anyway."}']);
    expect((await http.get('/__mock__/stubs')).text).toBe('{"stubs":[]}');
    await http.post('/__mock__/stubs').send({ operationId: 'events_events_list', outsideContract: true, response: { status: 200, body: { results: 'nope' } } });
    expect((await api.get(EVENTS)).text).toBe('{"results":"nope"}');
    const [entry] = (await http.get('/__mock__/requests')).body.requests;
    expect([entry.answered_by, entry.outside_contract]).toEqual(['stub', true]);
    expect(store.events.size).toBe(40);
  });

  it('refuses unknown operations, both or neither of response and fault, and removes stubs one by one or all', async () => {
    const { http } = createTestApp();
    expect((await http.post('/__mock__/stubs').send({ operationId: 'nope', response: { status: 204 } })).text).toBe('{"detail":"The stub\'s operationId, nope, is not an operation of authentik\'s API."}');
    expect((await http.post('/__mock__/stubs').send({ operationId: 'events_events_list' })).text).toBe('{"detail":"The stub needs a response or a fault: one of them, not both."}');
    expect((await http.post('/__mock__/stubs').send({ operationId: 'events_events_list', times: 0, fault: {} })).text).toBe('{"detail":"The times of the stub must be at least 1."}');
    const a = (await http.post('/__mock__/stubs').send({ operationId: 'events_events_list', fault: { latency_ms: 5 } })).body.id;
    await http.post('/__mock__/stubs').send({ operationId: 'events_events_list', fault: { latency_ms: 5 } });
    expect((await http.delete(`/__mock__/stubs/${a}`)).status).toBe(204);
    expect((await http.delete(`/__mock__/stubs/${a}`)).text).toBe(`{"detail":"No stub with id \\"${a}\\"."}`);
    expect((await http.get('/__mock__/stubs')).body.stubs.map((s: { id: string }) => s.id)).toEqual(['stub-2']);
    expect((await http.delete('/__mock__/stubs')).status).toBe(204);
    expect((await http.get('/__mock__/stubs')).text).toBe('{"stubs":[]}');
  });

  it('mock.admin has the stub methods', async () => {
    const mock = await startMock({ quiet: true });
    try {
      const stub = await mock.admin.addStub({ operationId: 'events_events_list', times: 1, response: { status: 503, body: { detail: 'down' } } });
      expect((await mock.admin.stubs()).map((s) => s.id)).toEqual([stub.id]);
      const res = await fetch(`${mock.apiUrl}/events/events/`, { headers: { Authorization: 'Bearer t' } });
      expect([res.status, await res.text()]).toEqual([503, '{"detail":"down"}']);
      await mock.admin.addStub({ operationId: 'events_events_list', fault: { latency_ms: 1 } });
      await mock.admin.clearStubs();
      expect(await mock.admin.stubs()).toEqual([]);
    } finally {
      await mock.close();
    }
  });
});
