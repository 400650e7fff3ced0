// A zone off UTC by a fraction of an hour, so that the volume test below tells a zone-less time (read as local
// time, as authentik 2025.8 sends it) from one with `Z`. Node applies a change of TZ at once; the worker's
// other test files get theirs back after this one.
const zone = process.env.TZ;
process.env.TZ = 'Asia/Kolkata';
afterAll(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

// authentik's own published TypeScript client, release 2025.8.1 (the devDependency @goauthentik/api-2025.8),
// against a mock started with --authentik-version 2025.8: a frontend's tour of events, tasks, schedules and workers.
import { Configuration, EventActions, EventsApi, ResponseError, TasksApi, TasksTasksListStateEnum } from '@goauthentik/api-2025.8/dist/esm/index.js';
import { startMock, type RunningMock } from '../contract-tests/launch-mock';

/** The response of a call the client rejects (it throws ResponseError for any status ≥ 400). */
const failure = (call: Promise<unknown>): Promise<Response> =>
  call.then(
    () => {
      throw new Error('expected the server to refuse the request');
    },
    (error: ResponseError) => error.response,
  );

let mock: RunningMock;
let events: EventsApi;
let tasks: TasksApi;

beforeAll(async () => {
  mock = await startMock(['--authentik-version', '2025.8', '--seed', '5']);
  const configuration = new Configuration({ basePath: mock.baseUrl, accessToken: 'frontend-token' });
  events = new EventsApi(configuration);
  tasks = new TasksApi(configuration);
});
afterAll(() => mock.stop());

describe('@goauthentik/api 2025.8.1 works against a 2025.8 mock', () => {
  it('lists events with the actions filter, and reads the autocomplete key', async () => {
    const page = await events.eventsEventsList({ actions: [EventActions.Login, EventActions.LoginFailed], pageSize: 5 });
    expect(page.results.length).toBeGreaterThan(0);
    expect(page.results.every((event) => event.action === 'login' || event.action === 'login_failed')).toBe(true);
    expect(page.autocomplete).toMatchObject({ current_model: 'authentik_events.event' });
  });

  it('creates, fetches and patches an event; a non-object context is refused with authentik 2025.8\'s message', async () => {
    const created = await events.eventsEventsCreate({ eventRequest: { action: EventActions.ModelCreated, app: 'my-frontend', context: { note: 'hi' } } });
    expect(await events.eventsEventsRetrieve({ eventUuid: created.pk })).toEqual(created);
    const patched = await events.eventsEventsPartialUpdate({ eventUuid: created.pk, patchedEventRequest: { app: 'patched-app' } });
    expect(patched.app).toBe('patched-app');
    const refused = await failure(events.eventsEventsPartialUpdateRaw({ eventUuid: created.pk, patchedEventRequest: { context: 'text' as unknown as Record<string, unknown> } }));
    expect([refused.status, await refused.text()]).toEqual([400, '{"context":["Value must be a dictionary, and not have any duplicate keys."]}']);
    const missing = await failure(events.eventsEventsRetrieveRaw({ eventUuid: '00000000-0000-4000-8000-000000000000' }));
    expect([missing.status, await missing.text()]).toEqual([404, '{"detail":"No Event matches the given query."}']);
  });

  it('reads the event volume as 6-hour buckets per action', async () => {
    const volume = await events.eventsEventsVolumeList({ historyDays: 60 });
    expect(volume.length).toBeGreaterThan(0);
    // authentik writes `time` without a zone (decision 025): `new Date('…T12:00:00')` reads it as local time,
    // so the client's Date has the bucket's hour in local time, whatever the machine's zone.
    expect(volume.every((row) => row.time instanceof Date && row.count > 0 && row.time.getHours() % 6 === 0 && row.time.getMinutes() === 0)).toBe(true);
  });

  it('lists tasks, retries a finished one and sees it queued again with its log kept', async () => {
    const done = await tasks.tasksTasksList({ state: TasksTasksListStateEnum.Done, pageSize: 1 });
    const task = done.results[0]!;
    expect(task.mtime).toBeInstanceOf(Date);
    await tasks.tasksTasksRetryCreate({ messageId: task.messageId! });
    const retried = await tasks.tasksTasksRetrieve({ messageId: task.messageId! });
    expect(retried.state).toBe('queued');
    expect(retried.aggregatedStatus).toBe('queued');
    expect(retried.previousMessages).toEqual(task.messages);
    expect(retried.messages.map((message) => message.event)).toEqual(['Task will be retried']);
    // A queued task cannot be retried: 400 without a body.
    const again = await failure(tasks.tasksTasksRetryCreateRaw({ messageId: task.messageId! }));
    expect([again.status, await again.text()]).toEqual([400, '']);
  });

  it('patches a schedule\'s crontab (next_run moves) and pauses it, sends it, and sees the new task', async () => {
    const [schedule] = (await tasks.tasksSchedulesList({ actorName: 'authentik.core.tasks.clean_expired_models' })).results;
    const patched = await tasks.tasksSchedulesPartialUpdate({ id: schedule!.id, patchedScheduleRequest: { crontab: '0 3 * * *' } });
    expect([patched.crontab, patched.nextRun.getUTCHours(), patched.nextRun.getUTCMinutes()]).toEqual(['0 3 * * *', 3, 0]);
    const bad = await failure(tasks.tasksSchedulesPartialUpdateRaw({ id: schedule!.id, patchedScheduleRequest: { crontab: '61 * * * *' } }));
    expect([bad.status, await bad.text()]).toEqual([400, '{"crontab":["61 * * * * is not a valid crontab"]}']);
    await tasks.tasksSchedulesPartialUpdate({ id: schedule!.id, patchedScheduleRequest: { paused: true } });
    expect((await tasks.tasksSchedulesRetrieve({ id: schedule!.id })).nextRun.toISOString()).toBe('1970-01-01T00:00:00.000Z');

    const before = (await tasks.tasksTasksList({ relObjId: schedule!.id })).pagination.count;
    await tasks.tasksSchedulesSendCreate({ id: schedule!.id });
    const sent = await tasks.tasksTasksList({ relObjId: schedule!.id, ordering: '-mtime' });
    expect(sent.pagination.count).toBe(before + 1);
    expect(sent.results[0]).toMatchObject({ state: 'queued', actorName: 'authentik.core.tasks.clean_expired_models', relObjAppLabel: 'authentik_tasks_schedules', relObjModel: 'schedule' });
  });

  it('lists the connected worker', async () => {
    const workers = await tasks.tasksWorkersList();
    expect(workers).toEqual([expect.objectContaining({ version: '2025.8.1', versionMatching: true })]);
  });
});
