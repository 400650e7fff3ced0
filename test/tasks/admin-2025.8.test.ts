import { listScenarios } from '../../src/node/scenario-files';
import { profileFor } from '../../src/versions/profiles';
import { createTestApp, DRAMATIQ_TASKS, SCHEDULES, WORKERS } from '../helpers/test-app';

const v2025 = profileFor('2025.8');

describe('fixtures/2025.8: the scenarios of authentik 2025.8', () => {
  it('has the same five scenarios as 2024.8, and the admin API lists and loads them', async () => {
    expect(listScenarios(v2025).map((s) => s.name)).toEqual(['default', 'empty', 'failing-tasks', 'large', 'restricted-token']);
    const { http } = createTestApp({ version: '2025.8' });
    const listed = await http.get('/__mock__/scenarios');
    expect(listed.body.scenarios.map((s: { path: string }) => s.path.slice(s.path.indexOf('fixtures/')))).toEqual([
      'fixtures/2025.8/default.json',
      'fixtures/2025.8/empty.json',
      'fixtures/2025.8/failing-tasks.json',
      'fixtures/2025.8/large.json',
      'fixtures/2025.8/restricted-token.json',
    ]);
    const loaded = await http.post('/__mock__/scenarios/failing-tasks');
    expect([loaded.status, loaded.text]).toEqual([200, '{"scenario":"failing-tasks","events":30,"tasks":6,"schedules":4,"workers":1}']);
    const empty = await http.post('/__mock__/scenarios/empty');
    expect(empty.text).toBe('{"scenario":"empty","events":0,"tasks":0,"schedules":0,"workers":0}');
  });

  it('failing-tasks: two rejected tasks, an error, two warnings and a healthy task; schedules show their last task status', async () => {
    const { http, api } = createTestApp({ version: '2025.8' });
    await http.post('/__mock__/scenarios/failing-tasks');
    const tasks = await api.get(`${DRAMATIQ_TASKS}?ordering=mtime`);
    expect(tasks.body.results.map((t: { actor_name: string; state: string; aggregated_status: string }) => `${t.actor_name} ${t.state} ${t.aggregated_status}`)).toEqual([
      'authentik.outposts.tasks.outpost_controller rejected rejected',
      'authentik.sources.ldap.tasks.ldap_sync rejected rejected',
      'authentik.blueprints.v1.tasks.apply_blueprint done error',
      'authentik.crypto.tasks.certificate_discovery done warning',
      'authentik.admin.tasks.update_latest_version done warning',
      'authentik.core.tasks.clean_expired_models done info',
    ]);
    const schedules = await api.get(`${SCHEDULES}?ordering=actor_name`);
    expect(schedules.body.results.map((s: { actor_name: string; last_task_status: string | null }) => `${s.actor_name} ${s.last_task_status}`)).toEqual([
      'authentik.admin.tasks.update_latest_version warning',
      'authentik.core.tasks.clean_expired_models info',
      'authentik.crypto.tasks.certificate_discovery warning',
      'authentik.outposts.tasks.outpost_controller rejected',
    ]);
    expect((await api.get(WORKERS)).text).toBe('[{"worker_id":"0d4a6b1e-5f1c-4c7e-9a43-2f8e1c3b9d70@3f9c2d7a1b4e","version":"2025.8.1","version_matching":true}]');
  });

  it('restricted-token: qa-restricted views tasks and schedules but may not retry, send or see workers', async () => {
    const { http } = createTestApp({ version: '2025.8' });
    await http.post('/__mock__/scenarios/restricted-token');
    const as = (path: string) => http.get(path).set('Authorization', 'Bearer qa-restricted');
    expect((await as(DRAMATIQ_TASKS)).status).toBe(200);
    expect((await as(SCHEDULES)).status).toBe(200);
    expect((await as(WORKERS)).text).toBe('{"detail":"You do not have permission to perform this action."}');
    const task = (await as(`${DRAMATIQ_TASKS}?state=done`)).body.results[0].message_id;
    const retry = await http.post(`${DRAMATIQ_TASKS}${task}/retry/`).set('Authorization', 'Bearer qa-restricted');
    expect([retry.status, retry.text]).toEqual([403, '{"detail":"You do not have permission to perform this action."}']);
  });
});

describe('the 2025.8 admin API: tasks and schedules, no system tasks', () => {
  it('routes /__mock__/tasks and /__mock__/schedules, and not /__mock__/system-tasks (and 2024.8 the reverse)', async () => {
    const v2025app = createTestApp({ version: '2025.8' });
    expect((await v2025app.http.get('/__mock__/system-tasks')).text).toBe('{"detail":"Not found."}');
    const v2024app = createTestApp();
    expect((await v2024app.http.get('/__mock__/tasks')).text).toBe('{"detail":"Not found."}');
    expect((await v2024app.http.get('/__mock__/schedules')).text).toBe('{"detail":"Not found."}');
  });

  it('lists tasks newest first and schedules in the API\'s default order, at most `limit`', async () => {
    const { http, api } = createTestApp({ version: '2025.8' });
    const tasks = await http.get('/__mock__/tasks?limit=3');
    expect(tasks.body.count).toBe(22);
    expect(tasks.body.tasks).toEqual((await api.get(`${DRAMATIQ_TASKS}?page_size=3`)).body.results);
    const schedules = await http.get('/__mock__/schedules');
    expect(schedules.body.count).toBe(17);
    // As the API writes them, last_task_status (derived from the tasks) included.
    expect(schedules.body.schedules).toEqual((await api.get(SCHEDULES)).body.results);
    expect(schedules.body.schedules.some((s: { last_task_status: string | null }) => s.last_task_status !== null)).toBe(true);
    expect((await http.get('/__mock__/tasks?limit=0')).text).toBe('{"detail":"limit must be a whole number from 1 to 10000"}');
  });

  it('upserts tasks by message_id, deriving what a task may leave out; a bad one is a 400 naming the pointer, and nothing changes', async () => {
    const { http, api, store } = createTestApp({ version: '2025.8' });
    const task = {
      message_id: '11111111-2222-4333-8444-555555555555',
      actor_name: 'authentik.core.tasks.clean_expired_models',
      state: 'done',
      mtime: '2025-08-22T14:07:00.912337Z',
      messages: [{ timestamp: '2025-08-22T14:07:00.455012Z', log_level: 'warning', logger: 'authentik.core.tasks.clean_expired_models', event: 'Expired 3 Tokens', attributes: { n: 1.0 } }],
    };
    const added = await http.post('/__mock__/tasks').set('Content-Type', 'application/json').send(JSON.stringify([task]).replace('"n":1', '"n":1.0'));
    expect([added.status, added.text]).toEqual([200, '{"created":1,"replaced":0}']);
    const got = await api.get(`${DRAMATIQ_TASKS}${task.message_id}/`);
    expect(got.text).toBe(
      '{"message_id":"11111111-2222-4333-8444-555555555555","queue_name":"default","actor_name":"authentik.core.tasks.clean_expired_models","state":"done","mtime":"2025-08-22T14:07:00.912337Z","rel_obj_id":null,"uid":"authentik.core.tasks.clean_expired_models","messages":[{"timestamp":"2025-08-22T14:07:00.455012Z","log_level":"warning","logger":"authentik.core.tasks.clean_expired_models","event":"Expired 3 Tokens","attributes":{"n":1.0}}],"previous_messages":[],"aggregated_status":"warning","description":"Remove expired objects."}',
    );
    const again = await http.post('/__mock__/tasks').send([{ ...task, state: 'rejected' }]);
    expect(again.text).toBe('{"created":0,"replaced":1}');
    const before = store.tasks.size;
    const bad = await http.post('/__mock__/tasks').send([{ ...task, message_id: '21111111-2222-4333-8444-555555555555' }, { ...task, state: 'finished' }]);
    // aggregated_status, left out, is derived from the bad state: both are named.
    expect([bad.status, bad.text]).toEqual([400, '{"detail":"2 problems: The state of task 2 must be one of: queued, consumed, rejected, done. The aggregated_status of task 2 must be one of: queued, consumed, rejected, done, info, warning, error."}']);
    expect(store.tasks.size).toBe(before);
    const notList = await http.post('/__mock__/tasks').send({});
    expect(notList.text).toBe('{"detail":"The request body must be an array of tasks."}');
  });

  it('stores a log entry\'s attributes as jsonb orders them, and dates rows that give no time by the mock\'s clock', async () => {
    const clock = () => Date.parse('2025-08-22T16:40:00Z') * 1000;
    const { http, api } = createTestApp({ version: '2025.8', clock });
    const task = { message_id: '31111111-2222-4333-8444-555555555555', actor_name: 'authentik.core.tasks.clean_expired_models', state: 'done', messages: [{ timestamp: '2025-08-22T14:07:00Z', log_level: 'info', logger: 'x', event: 'e', attributes: { zz: 1, a: 2.5 } }] };
    expect((await http.post('/__mock__/tasks').send([task])).text).toBe('{"created":1,"replaced":0}');
    const got = await api.get(`${DRAMATIQ_TASKS}${task.message_id}/`);
    expect(got.text).toContain('"mtime":"2025-08-22T16:40:00Z"');
    expect(got.text).toContain('"attributes":{"a":2.5,"zz":1}');
    await http.put('/__mock__/state').send({ workers: [{ worker_id: 'w@h', version: '2025.8.1' }] });
    expect((await http.get('/__mock__/state')).body.workers).toEqual([{ worker_id: 'w@h', version: '2025.8.1', version_matching: true, last_seen: '2025-08-22T16:40:00Z', alive: true, heartbeat: true }]);
  });

  it('upserts schedules by id; the API then serves them', async () => {
    const { http, api } = createTestApp({ version: '2025.8' });
    const schedule = { id: '0f6e2a1b-3c4d-4e5f-8a9b-0c1d2e3f4a59', identifier: null, uid: 'authentik.crypto.tasks.certificate_discovery', actor_name: 'authentik.crypto.tasks.certificate_discovery', rel_obj_id: null, crontab: '17 * * * *', paused: false, next_run: '2025-08-22T15:17:00Z' };
    expect((await http.post('/__mock__/schedules').send([schedule])).text).toBe('{"created":1,"replaced":0}');
    expect((await api.get(`${SCHEDULES}${schedule.id}/`)).text).toBe(
      '{"id":"0f6e2a1b-3c4d-4e5f-8a9b-0c1d2e3f4a59","identifier":null,"uid":"authentik.crypto.tasks.certificate_discovery","actor_name":"authentik.crypto.tasks.certificate_discovery","rel_obj_id":null,"crontab":"17 * * * *","paused":false,"next_run":"2025-08-22T15:17:00Z","description":"Discover, import and update certificates from the filesystem.","last_task_status":null}',
    );
    const bad = await http.post('/__mock__/schedules').send([{ ...schedule, uid: 'something else' }]);
    expect(bad.text).toBe('{"detail":"The uid of schedule 1 must be \\"authentik.crypto.tasks.certificate_discovery\\" or start with \\"authentik.crypto.tasks.certificate_discovery:\\" (the actor name, then the actor\'s own uid)."}');
  });
});
