import { Configuration, EventActions, EventsApi, EventsSystemTasksListStatusEnum, ResponseError } from '@goauthentik/api';
import { startMock, type RunningMock } from '../contract-tests/launch-mock';

// authentik's own published TypeScript client, release 2024.8.3, against the running server.
let mock: RunningMock;
let events: EventsApi;

beforeAll(async () => {
  mock = await startMock(['--seed', '5']);
  events = new EventsApi(new Configuration({ basePath: mock.baseUrl, accessToken: 'frontend-token' }));
});
afterAll(() => mock.stop());

describe('@goauthentik/api 2024.8 works against the mock', () => {
  it('lists system tasks with filters, paging and ordering', async () => {
    const page = await events.eventsSystemTasksList({ pageSize: 5, page: 2, ordering: '-name' });
    expect(page.pagination).toMatchObject({ count: 22, current: 2, totalPages: 5, next: 3, previous: 1, startIndex: 6, endIndex: 10 });
    expect(page.results).toHaveLength(5);
    const failing = await events.eventsSystemTasksList({ status: EventsSystemTasksListStatusEnum.Error });
    expect(failing.results.length).toBeGreaterThan(0);
    expect(failing.results.every((task) => task.status === 'error' && task.expires instanceof Date)).toBe(true);
  });

  it('fetches one system task', async () => {
    const [first] = (await events.eventsSystemTasksList({ pageSize: 1 })).results;
    const task = await events.eventsSystemTasksRetrieve({ uuid: first!.uuid });
    expect(task).toEqual(first);
    expect(task.startTimestamp).toBeInstanceOf(Date);
  });

  it('creates, fetches and patches an event and gets back what it sent', async () => {
    const sent = { action: EventActions.ModelCreated, app: 'my-frontend', user: { pk: 7, username: 'jane', email: 'jane@example.com' }, context: { model: { app: 'authentik_core', model_name: 'application', pk: 'abc', name: 'Grafana' } }, clientIp: '192.0.2.10' };
    const created = await events.eventsEventsCreate({ eventRequest: sent });
    expect(created).toMatchObject({ ...sent, brand: expect.objectContaining({ name: 'Brand fallback' }) });
    expect(created.created).toBeInstanceOf(Date);

    const fetched = await events.eventsEventsRetrieve({ eventUuid: created.pk });
    expect(fetched).toEqual(created);

    const patched = await events.eventsEventsPartialUpdate({ eventUuid: created.pk, patchedEventRequest: { app: 'patched-app' } });
    expect(patched).toEqual({ ...created, app: 'patched-app' });
    expect(await events.eventsEventsRetrieve({ eventUuid: created.pk })).toEqual(patched);
  });

  it('draws the admin dashboard\'s login chart (volume/) from seeded and created events', async () => {
    const before = await events.eventsEventsVolumeList({ action: 'login' });
    expect(before).toHaveLength(22);
    expect(before.reduce((sum, point) => sum + point.yCord, 0)).toBeGreaterThan(0);
    expect(before[0]!.xCord - before[1]!.xCord).toBe(8 * 3600 * 1000);
    await events.eventsEventsCreate({ eventRequest: { action: EventActions.Login, app: 'my-frontend' } });
    const after = await events.eventsEventsVolumeList({ action: 'login' });
    expect(after[1]!.yCord).toBe(before[1]!.yCord + 1);
    expect((await events.eventsEventsActionsList()).map((type) => type.component)).toContain('login');
  });

  it('gets authentik error bodies as ResponseError', async () => {
    const error = await events.eventsEventsRetrieve({ eventUuid: '00000000-0000-4000-8000-000000000000' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseError);
    const response = (error as ResponseError).response;
    expect([response.status, await response.json()]).toEqual([404, { detail: 'Not found.' }]);
  });
});
