import { fromDramatiqState, toDramatiqState } from '../../src/tasks/dramatiq-state';
import { fixtureStore, fixtureTasks, NOW, plainTask, appSchedule, fixtureSchedules } from './dramatiq-fixtures';

describe('the Dramatiq tables in a state export', () => {
  it('writes the oracle\'s format and reads it back to the same rows', () => {
    const worker = { worker_id: '0d4a6b1e-5f1c-4c7e-9a43-2f8e1c3b9d70@3f9c2d7a1b4e', version: '2025.8.1', last_seen: NOW, alive: true, heartbeat: true };
    const store = fixtureStore({ tasks: [...fixtureTasks(), plainTask()], schedules: [...fixtureSchedules(), appSchedule()], workers: [worker] });
    const state = toDramatiqState(store);
    expect(Object.keys(state.tasks[7]!)).toEqual(['message_id', 'queue_name', 'actor_name', 'state', 'mtime', 'rel_obj_id', '_uid', 'messages', 'previous_messages']);
    expect(state.schedules[0]).toMatchObject({ _uid: 'authentik Embedded Outpost', rel_obj_app_label: 'authentik_outposts', rel_obj_model: 'outpost', next_run: '2025-08-22T20:17:00Z' });
    expect(state.workers).toEqual([{ id: '0d4a6b1e-5f1c-4c7e-9a43-2f8e1c3b9d70', hostname: '3f9c2d7a1b4e', version: '2025.8.1', last_seen: '2025-08-22T16:40:00Z', alive: true, heartbeat: true }]);
    const back = fromDramatiqState(JSON.parse(JSON.stringify(state)), 0);
    expect(back.tasks).toEqual(store.tasks.all());
    expect(back.schedules).toEqual(store.schedules.all());
    expect(back.workers).toEqual(store.workers.all());
  });

  it('reads the oracle\'s defaults and a uid given whole', () => {
    const { tasks, workers } = fromDramatiqState({ tasks: [{ message_id: 'm', actor_name: 'a.b', uid: 'a.b:x' }], workers: [{ id: 'w', hostname: 'h', version: 'v' }] }, NOW);
    expect(tasks[0]).toMatchObject({ state: 'queued', queue_name: 'default', mtime: NOW, uid_suffix: 'x', aggregated_status: 'queued', rel_obj: null, rel_obj_id: null });
    expect(workers[0]).toEqual({ worker_id: 'w@h', version: 'v', last_seen: NOW, alive: true, heartbeat: false });
  });
});
