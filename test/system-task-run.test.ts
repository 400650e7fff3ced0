import { createStore } from '../src/store/store';
import type { SystemTaskRecord } from '../src/store/records';
import { superuser } from '../src/auth/authenticate';
import { createTestApp, TASKS } from './helpers/test-app';

const at = (iso: string) => Date.parse(iso) * 1000;
const NOW = at('2024-11-05T12:00:00Z');
const NEVER_RUN = '00000000-0000-4000-8000-0000000000a1';
const FAILED = '00000000-0000-4000-8000-0000000000a2';

function freshStore() {
  const store = createStore();
  const base = { description: 'd', messages: [{ timestamp: '2024-10-01T10:00:00Z', log_level: 'info' as const, logger: 'x', event: 'Task has not been run yet.', attributes: {} }] };
  const rows: SystemTaskRecord[] = [
    { ...base, uuid: NEVER_RUN, name: 'clean_expired_models', start_timestamp: at('2024-10-01T10:00:00Z'), finish_timestamp: at('2024-10-01T10:00:00Z'), duration: 0, status: 'unknown', expires: null, expiring: false },
    { ...base, uuid: FAILED, name: 'outpost_controller', uid: 'authentik-embedded-outpost', start_timestamp: at('2024-10-01T10:00:00Z'), finish_timestamp: at('2024-10-01T10:00:02.5Z'), duration: 2.5, status: 'error', expires: at('2024-10-01T19:00:02.5Z'), expiring: true },
  ];
  for (const row of rows) store.systemTasks.set(row.uuid, row);
  return store;
}

const run = (uuid: string) => `${TASKS}${uuid}/run/`;

/** The Set-Cookie values of an answer, whether the client gives one string or a list. */
const cookiesOf = (headers: Record<string, unknown>): string[] => ([] as string[]).concat((headers['set-cookie'] as string | string[] | undefined) ?? []);

/** The claims of an authentik_session cookie's JWT. */
function sessionClaims(setCookie: string): Record<string, unknown> {
  const jwt = /^authentik_session=([^;]+); HttpOnly; Path=\/; SameSite=Lax$/.exec(setCookie)![1]!;
  const [header, payload, signature] = jwt.split('.');
  expect([header, signature]).toEqual(['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', expect.stringMatching(/^[A-Za-z0-9_-]{43}$/)]);
  return JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('events_system_tasks_run_create: the session cookie', () => {
  // authentik's view stores "Successfully started task" in the session (Django messages), so its session
  // middleware answers with the cookie; measured on authentik 2024.8.6's code over plain HTTP.
  it('sets authentik_session on a 204, a JWT whose claims are authentik\'s, in their order', async () => {
    const { api } = createTestApp({ store: freshStore(), clock: () => NOW });
    const res = await api.post(run(FAILED));
    expect(res.status).toBe(204);
    const cookie = cookiesOf(res.headers);
    expect(cookie).toHaveLength(1);
    const claims = sessionClaims(cookie[0]!);
    expect(Object.keys(claims)).toEqual(['sid', 'iss', 'sub', 'authenticated', 'acr']);
    expect(claims).toEqual({ sid: expect.stringMatching(/^[a-z0-9]{32}$/), iss: 'authentik', sub: expect.stringMatching(/^[0-9a-f]{64}$/), authenticated: true, acr: 'goauthentik.io/core/default' });
  });

  it('keeps the session key when the cookie comes back, and starts a new one for a cookie it did not sign', async () => {
    const { api } = createTestApp({ store: freshStore(), clock: () => NOW });
    const first = cookiesOf((await api.post(run(FAILED))).headers);
    const again = cookiesOf((await api.post(run(FAILED)).set('Cookie', first[0]!.split(';')[0]!)).headers);
    expect(sessionClaims(again[0]!).sid).toBe(sessionClaims(first[0]!).sid);
    const forged = first[0]!.split(';')[0]!.replace(/\.[^.]+$/, '.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    const fresh = cookiesOf((await api.post(run(FAILED)).set('Cookie', forged)).headers);
    expect(sessionClaims(fresh[0]!).sid).not.toBe(sessionClaims(first[0]!).sid);
  });

  it('sets no cookie where nothing runs: a missing task (404), no permission (403)', async () => {
    const { api } = createTestApp({ store: freshStore(), clock: () => NOW, tokenPolicy: { mode: 'list', tokens: new Map([['t', superuser('t')], ['v', { token: 'v', superuser: false, permissions: new Set(['view_systemtask'] as const) }]]) } });
    const missing = await api.post(run('00000000-0000-4000-8000-00000000ffff')).set('Authorization', 'Bearer t');
    const denied = await api.post(run(FAILED)).set('Authorization', 'Bearer v');
    expect([missing.status, missing.headers['set-cookie'], denied.status, denied.headers['set-cookie']]).toEqual([404, undefined, 403, undefined]);
  });
});

describe('events_system_tasks_run_create', () => {
  it('answers 204 with no body, and the task then shows a fresh successful run kept for 6 hours', async () => {
    const { api } = createTestApp({ store: freshStore(), clock: () => NOW });
    const res = await api.post(run(FAILED));
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(res.headers['content-type']).toBeUndefined();
    expect(res.headers.allow).toBe('POST, OPTIONS');

    const task = await api.get(`${TASKS}${FAILED}/`);
    expect(task.status).toBe(200);
    expect(task.body).toEqual({
      uuid: FAILED,
      name: 'outpost_controller',
      full_name: 'outpost_controller:authentik-embedded-outpost',
      uid: 'authentik-embedded-outpost',
      description: 'd',
      start_timestamp: '2024-11-05T11:59:57.500000Z',
      finish_timestamp: '2024-11-05T12:00:00Z',
      duration: 2.5,
      status: 'successful',
      messages: [{ timestamp: '2024-11-05T12:00:00Z', log_level: 'info', logger: 'outpost_controller', event: expect.any(String), attributes: { uid: 'authentik-embedded-outpost' } }],
      expires: '2024-11-05T18:00:00Z',
      expiring: true,
    });
  });

  it('gives a task that never ran a first run of a quarter second', async () => {
    const { api } = createTestApp({ store: freshStore(), clock: () => NOW });
    expect((await api.post(run(NEVER_RUN))).status).toBe(204);
    const task = (await api.get(`${TASKS}${NEVER_RUN}/`)).body;
    expect([task.start_timestamp, task.finish_timestamp, task.duration, task.status, task.expires, task.expiring]).toEqual([
      '2024-11-05T11:59:59.750000Z',
      '2024-11-05T12:00:00Z',
      0.25,
      'successful',
      '2024-11-05T18:00:00Z',
      true,
    ]);
    expect(task.messages).toEqual([{ timestamp: '2024-11-05T12:00:00Z', log_level: 'info', logger: 'clean_expired_models', event: 'Expired 0 authentik_core.AuthenticatedSession', attributes: {} }]);
  });

  it('answers 404 {"detail":"Not found."} for a missing or non-UUID task, as authentik does though its schema documents no content, changing nothing', async () => {
    const store = freshStore();
    const { api, logs } = createTestApp({ store });
    const before = store.systemTasks.all();
    for (const uuid of ['00000000-0000-4000-8000-0000000000ff', 'qwerqwer']) {
      const res = await api.post(run(uuid));
      expect([res.status, res.text, res.headers['content-type'], res.headers.allow]).toEqual([404, '{"detail":"Not found."}', 'application/json; charset=utf-8', 'POST, OPTIONS']);
    }
    // Filters apply before the lookup, as on retrieve.
    const filtered = await api.post(`${run(FAILED)}?status=successful`);
    expect([filtered.status, filtered.text]).toEqual([404, '{"detail":"Not found."}']);
    expect(logs).toEqual([]);
    const bad = await api.post(`${run(FAILED)}?status=bogus`);
    expect([bad.status, bad.body]).toEqual([400, { status: ['Select a valid choice. bogus is not one of the available choices.'] }]);
    expect(store.systemTasks.all()).toBe(before);
  });

  it('checks run_task before the lookup, and without credentials says they were not provided', async () => {
    const tokens = new Map([
      ['admin', superuser('admin')],
      ['viewer', { token: 'viewer', superuser: false, permissions: new Set(['view_systemtask'] as const) }],
      ['runner', { token: 'runner', superuser: false, permissions: new Set(['run_task'] as const) }],
    ]);
    const { http } = createTestApp({ store: freshStore(), tokenPolicy: { mode: 'list', tokens } });
    const post = (path: string, token?: string) => (token ? http.post(path).set('Authorization', `Bearer ${token}`) : http.post(path));
    expect([(await post(run(FAILED))).status, (await post(run(FAILED))).body]).toEqual([403, { detail: 'Authentication credentials were not provided.' }]);
    expect((await post(run('qwerqwer'), 'viewer')).body).toEqual({ detail: 'You do not have permission to perform this action.' });
    expect((await post(run(FAILED), 'viewer')).status).toBe(403);
    expect((await post(run(FAILED), 'nobody')).body).toEqual({ detail: 'Token invalid/expired' });
    expect((await post(run(FAILED), 'runner')).status).toBe(204);
    expect((await post(run('qwerqwer'), 'runner')).status).toBe(404);
    // No other method is routed there; the view has no permission classes, so even without credentials a GET is a 405.
    const get = await http.get(run(FAILED));
    expect([get.status, get.body, get.headers.allow]).toEqual([405, { detail: 'Method "GET" not allowed.' }, 'POST, OPTIONS']);
    const options = await http.options(run(FAILED)).set('Authorization', 'Bearer runner');
    expect([options.status, options.body]).toEqual([200, { name: 'Run', description: 'Run task', renders: ['application/json'], parses: ['application/json'], actions: { POST: expect.objectContaining({ uuid: expect.anything() }) } }]);
  });
});
