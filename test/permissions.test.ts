import { request } from './helpers/inject';
import { createTestApp as createHarness } from './helpers/test-app';

const TASKS = '/api/v3/events/system_tasks/';
const EVENTS = '/api/v3/events/events/';
const DENIED = { detail: 'You do not have permission to perform this action.' };

describe('token permissions (restricted-token scenario)', () => {
  const setup = async () => {
    const harness = createHarness();
    await harness.http.post('/__mock__/scenarios/restricted-token');
    const as = (token: string) => ({
      get: (url: string) => request(harness).get(url).set('Authorization', `Bearer ${token}`),
      post: (url: string) => request(harness).post(url).set('Authorization', `Bearer ${token}`),
      patch: (url: string) => request(harness).patch(url).set('Authorization', `Bearer ${token}`),
      delete: (url: string) => request(harness).delete(url).set('Authorization', `Bearer ${token}`),
    });
    const eventId = harness.runtime.store.events.all()[0]!.pk;
    const taskId = harness.runtime.store.systemTasks.all()[0]!.uuid;
    return { ...harness, restricted: as('qa-restricted'), admin: as('qa-admin'), other: as('not-listed'), eventId, taskId };
  };

  it('refuses tokens the scenario does not name', async () => {
    const { other } = await setup();
    const res = await other.get(TASKS);
    expect([res.status, res.body]).toEqual([403, { detail: 'Token invalid/expired' }]);
  });

  it('answers 403 on the task list at once, before filters and paging', async () => {
    const { restricted } = await setup();
    for (const url of [TASKS, `${TASKS}?status=bogus`, `${TASKS}?page=99`]) {
      const res = await restricted.get(url);
      expect([res.status, res.body]).toEqual([403, DENIED]);
    }
  });

  it('answers 403 on a detail URL before the lookup without the view permission, for a missing task and an existing one', async () => {
    const { restricted, taskId } = await setup();
    for (const url of [`${TASKS}00000000-0000-4000-8000-000000000000/`, `${TASKS}${taskId}/`, `${TASKS}qwerqwer/`]) {
      const res = await restricted.get(url);
      expect([url, res.status, res.body]).toEqual([url, 403, DENIED]);
    }
  });

  it('with the view permission, looks the object up before the change permission: 404 for a missing event, 403 for an existing one', async () => {
    const { restricted, eventId } = await setup();
    const missing = await restricted.patch(`${EVENTS}00000000-0000-4000-8000-000000000000/`).send({ app: 'x' });
    expect([missing.status, missing.body]).toEqual([404, { detail: 'Not found.' }]);
    const existing = await restricted.delete(`${EVENTS}${eventId}/`);
    expect([existing.status, existing.body]).toEqual([403, DENIED]);
  });

  it('checks the permission a method maps to before the 405 on a list URL; the superuser gets the 405', async () => {
    const { restricted, admin } = await setup();
    const deleteList = await restricted.delete(EVENTS);
    expect([deleteList.status, deleteList.body]).toEqual([403, DENIED]);
    const postTasks = await restricted.post(TASKS).send({});
    expect([postTasks.status, postTasks.body]).toEqual([403, DENIED]);
    const adminDelete = await admin.delete(EVENTS);
    expect([adminDelete.status, adminDelete.headers.allow, adminDelete.body]).toEqual([405, 'GET, POST, HEAD, OPTIONS', { detail: 'Method "DELETE" not allowed.' }]);
    const adminPost = await admin.post(TASKS).send({});
    expect([adminPost.status, adminPost.headers.allow, adminPost.body]).toEqual([405, 'GET, HEAD, OPTIONS', { detail: 'Method "POST" not allowed.' }]);
  });

  it('may view and add events but not change them', async () => {
    const { restricted, eventId } = await setup();
    expect((await restricted.get(EVENTS)).status).toBe(200);
    expect((await restricted.get(`${EVENTS}${eventId}/`)).status).toBe(200);
    expect((await restricted.post(EVENTS).send({ action: 'login', app: 'x' })).status).toBe(201);
    const patch = await restricted.patch(`${EVENTS}${eventId}/`).send({ app: 'changed' });
    expect([patch.status, patch.body]).toEqual([403, DENIED]);
    expect((await restricted.get(`${EVENTS}${eventId}/`)).body.app).not.toBe('changed');
  });

  it('lets the superuser token do everything', async () => {
    const { admin, eventId } = await setup();
    expect((await admin.get(TASKS)).status).toBe(200);
    expect((await admin.patch(`${EVENTS}${eventId}/`).send({ app: 'changed' })).status).toBe(200);
  });

  it('goes back to the start-up tokens on reset', async () => {
    const harness = await setup();
    const { http } = harness;
    await http.post('/__mock__/reset');
    expect((await request(harness).get(TASKS).set('Authorization', 'Bearer anything')).status).toBe(200);
  });
});
