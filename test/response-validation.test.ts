import { seedStore } from '../src/seed/seed-store';
import type { SystemTaskRecord } from '../src/store/records';
import { createTestApp, EVENTS, TASKS } from './helpers/test-app';

/** A store holding one task that breaks the spec, as a bug in the mock would make it. */
function corruptStore() {
  const store = seedStore({ seed: 1, tasks: 3, events: 1 });
  const [first] = store.systemTasks.all();
  store.systemTasks.set(first!.uuid, { ...first!, status: 'finished' as SystemTaskRecord['status'] });
  return { store, uuid: first!.uuid };
}

describe('every response is checked against the spec before it leaves', () => {
  it('strict (default): a violation becomes a 500 response_contract_violation naming the operation and path, and is logged', async () => {
    const { store, uuid } = corruptStore();
    const { api, http, logs } = createTestApp({ store });
    const res = await api.get(`${TASKS}${uuid}/`);
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      detail: 'Response of events_system_tasks_retrieve (200) violates the spec at /status: must be equal to one of the allowed values (unknown, successful, warning, error)',
      code: 'response_contract_violation',
    });
    expect(logs).toEqual([`response_contract_violation: ${res.body.detail}`]);
    // The journal shows what the client got, not the reply that was refused.
    const [entry] = (await http.get('/__mock__/requests?operationId=events_system_tasks_retrieve')).body.requests;
    expect([entry.status, entry.response_body]).toEqual([500, res.body]);
    const list = await api.get(`${TASKS}?ordering=uuid&page_size=3`);
    expect(list.status).toBe(500);
    expect(list.body.detail).toMatch(/^Response of events_system_tasks_list \(200\) violates the spec at \/results\/\d\/status: /);
  });

  it('warn: sends the original response and logs the violation', async () => {
    const { store, uuid } = corruptStore();
    const { api, logs } = createTestApp({ store, validateResponses: 'warn' });
    const res = await api.get(`${TASKS}${uuid}/`);
    expect([res.status, res.body.status]).toEqual([200, 'finished']);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain('events_system_tasks_retrieve (200) violates the spec at /status');
  });

  it('off: sends the original response without checking', async () => {
    const { store, uuid } = corruptStore();
    const { api, logs } = createTestApp({ store, validateResponses: 'off' });
    expect((await api.get(`${TASKS}${uuid}/`)).body.status).toBe('finished');
    expect(logs).toEqual([]);
  });

  it('checks error responses too: a bad event stored with a non-date created is caught on a 200', async () => {
    const store = seedStore({ seed: 1, tasks: 1, events: 1 });
    const [event] = store.events.all();
    store.events.set(event!.pk, { ...event!, app: 42 as unknown as string });
    const { api } = createTestApp({ store });
    const res = await api.get(`${EVENTS}${event!.pk}/`);
    expect([res.status, res.body.detail]).toEqual([500, 'Response of events_events_retrieve (200) violates the spec at /app: must be string']);
  });

  it('passes valid responses of every kind untouched in strict mode', async () => {
    const { api, logs } = createTestApp();
    const statuses = [
      (await api.get(TASKS)).status,
      (await api.get(`${TASKS}?status=bogus`)).status,
      (await api.get(`${TASKS}?page=9`)).status,
      (await api.delete(TASKS)).status,
      (await api.post(EVENTS).send({})).status,
      (await api.post(EVENTS).send({ action: 'login', app: 'x' })).status,
    ];
    expect(statuses).toEqual([200, 400, 404, 405, 400, 201]);
    expect(logs).toEqual([]);
  });
});

describe('an int beyond 64 bits in a stored event', () => {
  it("is authentik's 500 on its API, while the admin API writes the stored digits exactly", async () => {
    const { api, http, logs } = createTestApp({ tokenPolicy: { mode: 'any' } });
    // authentik stores it (and echoes it as a float); orjson cannot write it back afterwards.
    const created = await api.post(EVENTS).set('Content-Type', 'application/json').send('{"action":"login","app":"big","context":{"n":18446744073709551616}}');
    expect(created.status).toBe(201);
    const read = await api.get(`${EVENTS}${(created.body as { pk: string }).pk}/`);
    expect([read.status, read.headers['content-type']]).toEqual([500, 'text/html; charset=utf-8']);
    const listed = await http.get('/__mock__/events?limit=5');
    expect(listed.status).toBe(200);
    expect(listed.text).toContain('"context":{"n":18446744073709552000}');
    expect(logs.filter((line) => line.startsWith('unexpected error'))).toEqual([]);
  });
});
