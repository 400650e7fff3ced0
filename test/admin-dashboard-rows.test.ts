import { AUTH, createTestApp, DRAMATIQ_TASKS, TASKS } from './helpers/test-app';

// The admin API behind the dashboard's QA abilities (issue 18, part 6): reset that also removes faults and
// stubs, lists that search and page like authentik's API, and a task's delete and run from its row.

describe('admin API: reset removes faults and stubs and keeps the journal', () => {
  it('answers the start-up summary, and afterwards no fault or stub answers', async () => {
    const { http } = createTestApp();
    await http.put('/__mock__/faults').send({ events_system_tasks_list: { status: 503 } });
    await http.post('/__mock__/stubs').send({ operationId: 'events_events_list', fault: { status: 500 } });
    expect((await http.get(TASKS).set(AUTH)).status).toBe(503);
    const reset = await http.post('/__mock__/reset');
    expect([reset.status, reset.text]).toEqual([200, '{"scenario":"seed 1","system_tasks":22,"events":40}']);
    expect((await http.get('/__mock__/faults')).text).toBe('{}');
    expect((await http.get('/__mock__/stubs')).text).toBe('{"stubs":[]}');
    expect((await http.get(TASKS).set(AUTH)).status).toBe(200);
    const journal = (await http.get('/__mock__/requests?operationId=events_system_tasks_list')).body.requests as Array<{ status: number }>;
    expect(journal.map((entry) => entry.status)).toEqual([200, 503]);
  });
});

describe('admin API: the task lists search and page', () => {
  it('2024.8: search as authentik\'s search finds, count of the matches, offset and limit', async () => {
    const { http } = createTestApp();
    const ours = await http.get('/__mock__/system-tasks?search=ldap&limit=2&offset=1');
    const authentiks = await http.get(`${TASKS}?search=ldap&ordering=full_name`).set(AUTH);
    const names = authentiks.body.results.map((t: { full_name: string }) => t.full_name);
    expect(names.length).toBeGreaterThanOrEqual(3);
    expect(ours.body.count).toBe(authentiks.body.pagination.count);
    expect(ours.body.system_tasks.map((t: { full_name: string }) => t.full_name)).toEqual(names.slice(1, 3));
    expect((await http.get('/__mock__/system-tasks?offset=-1')).text).toBe('{"detail":"offset must be a whole number from 0 to 9007199254740991"}');
    expect((await http.get('/__mock__/system-tasks?search=no-such-task')).text).toBe('{"count":0,"system_tasks":[]}');
  });

  it('2025.8: search over the tasks as authentik\'s search finds them, newest first', async () => {
    const { http } = createTestApp({ version: '2025.8' });
    const ours = await http.get('/__mock__/tasks?search=blueprint&limit=10000');
    const authentiks = await http.get(`${DRAMATIQ_TASKS}?search=blueprint&page_size=100`).set(AUTH);
    expect(ours.body.count).toBe(authentiks.body.pagination.count);
    expect(ours.body.tasks.map((t: { message_id: string }) => t.message_id)).toEqual(authentiks.body.results.map((t: { message_id: string }) => t.message_id));
    expect(ours.body.count).toBeGreaterThan(0);
    await http.post('/__mock__/scenarios/failing-tasks');
    const rejected = await http.get('/__mock__/tasks?state=rejected&aggregated_status=rejected&search=ldap');
    expect(rejected.body.tasks.map((t: { uid: string }) => t.uid)).toEqual(['authentik.sources.ldap.tasks.ldap_sync:corp-ldap']);
    expect((await http.get('/__mock__/tasks?state=done&aggregated_status=')).body.count).toBe(4);
  });
});

describe('admin API: a task deleted or run from its row', () => {
  it('2024.8: deletes a system task (then 404), and runs one as authentik\'s run does', async () => {
    const { http } = createTestApp();
    await http.post('/__mock__/scenarios/failing-tasks');
    const [failing] = (await http.get(`${TASKS}?status=error&ordering=full_name`).set(AUTH)).body.results as Array<{ uuid: string; full_name: string }>;
    const ran = await http.post(`/__mock__/system-tasks/${failing!.uuid.toUpperCase()}/run`);
    expect([ran.status, ran.body.status, ran.body.full_name, ran.body.messages.length]).toEqual([200, 'successful', 'apply_blueprint:default-brand', 1]);
    expect((await http.get(`${TASKS}${failing!.uuid}/`).set(AUTH)).body).toEqual(ran.body);
    const removed = await http.delete(`/__mock__/system-tasks/${failing!.uuid}`);
    expect(removed.status).toBe(204);
    expect((await http.get(`${TASKS}${failing!.uuid}/`).set(AUTH)).status).toBe(404);
    const again = await http.delete(`/__mock__/system-tasks/${failing!.uuid}`);
    expect([again.status, again.text]).toEqual([404, `{"detail":"No system task with uuid \\"${failing!.uuid}\\"."}`]);
    expect((await http.get('/__mock__/overview')).body.state.system_tasks).toBe(5);
  });

  it('2025.8: retries a rejected task, refuses a queued one with a sentence, and deletes one', async () => {
    const { http } = createTestApp({ version: '2025.8' });
    await http.post('/__mock__/scenarios/failing-tasks');
    const [rejected] = (await http.get(`${DRAMATIQ_TASKS}?state=rejected`).set(AUTH)).body.results as Array<{ message_id: string }>;
    const retried = await http.post(`/__mock__/tasks/${rejected!.message_id}/retry`);
    expect([retried.status, retried.body.state]).toEqual([200, 'queued']);
    expect((await http.get(`${DRAMATIQ_TASKS}${rejected!.message_id}/`).set(AUTH)).body).toEqual(retried.body);
    const refused = await http.post(`/__mock__/tasks/${rejected!.message_id}/retry`);
    expect([refused.status, refused.text]).toEqual([400, `{"detail":"The task ${rejected!.message_id} is queued: only a done or rejected task can be retried."}`]);
    expect((await http.delete(`/__mock__/tasks/${rejected!.message_id}`)).status).toBe(204);
    expect((await http.get(`${DRAMATIQ_TASKS}${rejected!.message_id}/`).set(AUTH)).status).toBe(404);
    expect((await http.get('/__mock__/overview')).body.state.tasks).toBe(5);
  });

  it('has no system-task routes in 2025.8 and no task routes in 2024.8', async () => {
    const v2024 = createTestApp();
    const v2025 = createTestApp({ version: '2025.8' });
    expect((await v2024.http.delete('/__mock__/tasks/0b5e0c57-5d0a-4f53-9f51-0c4c1b3c0a11')).status).toBe(404);
    expect((await v2025.http.delete('/__mock__/system-tasks/0b5e0c57-5d0a-4f53-9f51-0c4c1b3c0a11')).status).toBe(404);
  });
});

describe('admin API: a refused body is said in sentences', () => {
  it('names the place in words and says the rule, for faults, stubs and upserts', async () => {
    const { http } = createTestApp();
    const said = async (path: string, body: unknown, method: 'put' | 'post' = 'post') => {
      const res = await http[method](`/__mock__${path}`).send(body as object);
      return [res.status, res.body.detail];
    };
    expect(await said('/faults', { events_events_list: { status: 'soon' } }, 'put')).toEqual([400, 'The status of the fault on events_events_list must be a whole number.']);
    expect(await said('/faults', { events_events_list: { status: 700 } }, 'put')).toEqual([400, 'The status of the fault on events_events_list must be at most 599.']);
    expect(await said('/faults', { events_events_list: { retry: true } }, 'put')).toEqual([400, 'The fault on events_events_list has a field it does not know: retry.']);
    expect(await said('/faults', { events_events_list: { latency_ms: [400, 200] } }, 'put')).toEqual([400, 'The latency_ms of the fault on events_events_list must be a range [min, max], the smaller first.']);
    expect(await said('/faults', { events_events_list: { status: 302 } }, 'put')).toEqual([400, 'The fault on events_events_list answers 302, which needs a body valid for events_events_list.']);
    expect(await said('/stubs', { response: { status: 204 } })).toEqual([400, 'The stub needs operationId.']);
    expect(await said('/stubs', { operationId: 'events_events_list', fault: { latency_ms: [1, 2, 3] } })).toEqual([400, 'The latency_ms of the fault of the stub must be a whole number.']);
    expect(await said('/system-tasks', [{ name: 'x' }])).toEqual([400, '7 problems: System task 1 needs description. System task 1 needs duration. System task 1 needs finish_timestamp. System task 1 needs messages. System task 1 needs start_timestamp. And 2 more.']);
    expect(await said('/state', { systemTasks: [], events: [{ pk: 'x' }] }, 'put')).toEqual([400, '4 problems: Event 1 needs action. Event 1 needs app. Event 1 needs created. The pk of event 1 must be a UUID.']);
  });
});
