import { createTestApp, DRAMATIQ_TASKS, SCHEDULES, WORKERS } from '../helpers/test-app';
import { S, T, tasksApp } from './dramatiq-fixtures';

describe('the Dramatiq tables in the 2025.8 state export and scenarios', () => {
  it('exports tasks, schedules and workers as the API writes them, and loads the export back unchanged', async () => {
    const app = createTestApp({ version: '2025.8', tasks: 12, events: 3 });
    const exported = await app.http.get('/__mock__/state');
    expect(exported.status).toBe(200);
    const state = exported.body as Record<string, Array<Record<string, unknown>>>;
    expect(Object.keys(state)).toEqual(expect.arrayContaining(['events', 'tasks', 'schedules', 'workers']));
    expect([state.tasks!.length, state.schedules!.length, state.workers!.length]).toEqual([12, 17, 1]);
    expect(Object.keys(state.workers![0]!)).toEqual(['worker_id', 'version', 'version_matching', 'last_seen', 'alive', 'heartbeat']);
    const before = await Promise.all([`${DRAMATIQ_TASKS}?page_size=100`, SCHEDULES, WORKERS].map((url) => app.api.get(url)));
    const loaded = await app.http.put('/__mock__/state').set('Content-Type', 'application/json').send(exported.text);
    expect(loaded.status).toBe(200);
    expect((await app.http.get('/__mock__/state')).text).toBe(exported.text);
    const after = await Promise.all([`${DRAMATIQ_TASKS}?page_size=100`, SCHEDULES, WORKERS].map((url) => app.api.get(url)));
    expect(after.map((res) => res.text)).toEqual(before.map((res) => res.text));
  });

  it('fills what a scenario leaves out (derived fields, a running worker) and refuses a wrong aggregated_status or uid', async () => {
    const { http, as } = tasksApp();
    const scenario = {
      tasks: [{ message_id: T.info, actor_name: 'authentik.core.tasks.clean_expired_models', state: 'done', mtime: '2025-08-22T16:00:00Z', messages: [{ timestamp: '2025-08-22T16:00:00Z', log_level: 'warning', logger: 'x', event: 'y', attributes: {} }] }],
      schedules: [{ id: S.app, actor_name: 'authentik.core.tasks.clean_expired_models', rel_obj_id: null, crontab: '2-59/5 * * * *', next_run: '2025-08-22T16:42:00Z' }],
      workers: [{ worker_id: 'w@h', version: '2025.8.0' }],
    };
    expect((await http.put('/__mock__/state').send(scenario)).status).toBe(200);
    expect((await as('admin').get(`${DRAMATIQ_TASKS}${T.info}/`)).body).toMatchObject({ aggregated_status: 'warning', uid: 'authentik.core.tasks.clean_expired_models', description: 'Remove expired objects.', queue_name: 'default' });
    expect((await as('admin').get(`${SCHEDULES}${S.app}/`)).body).toMatchObject({ identifier: null, paused: false, last_task_status: null });
    expect((await as('admin').get(WORKERS)).text).toBe('[{"worker_id":"w@h","version":"2025.8.0","version_matching":false}]');
    const badUid = await http.put('/__mock__/state').send({ tasks: [{ ...scenario.tasks[0], uid: 'other' }] });
    expect([badUid.status, badUid.text]).toEqual([400, '{"detail":"The uid of task 1 must be \\"authentik.core.tasks.clean_expired_models\\" or start with \\"authentik.core.tasks.clean_expired_models:\\" (the actor name, then the actor\'s own uid)."}']);
    const badStatus = await http.put('/__mock__/state').send({ tasks: [{ ...scenario.tasks[0], aggregated_status: 'info' }] });
    expect([badStatus.status, badStatus.text]).toEqual([400, '{"detail":"The aggregated_status of task 1 must be \\"warning\\" (authentik\'s trigger derives it from state and messages)."}']);
    // Neither load changed the state.
    expect((await as('admin').get(`${DRAMATIQ_TASKS}${T.info}/`)).body.aggregated_status).toBe('warning');
  });
});
