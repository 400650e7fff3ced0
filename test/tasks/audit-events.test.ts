import { EVENTS } from '../helpers/test-app';
import { S, T, tasksApp } from './dramatiq-fixtures';

// authentik 2025.8.1's events middleware on retry/ and send/, measured with its own code (the 2025.8 oracle,
// ORACLE_AUDIT=1): a retry saves the task twice, two model_updated with the id as UUID.hex; a send creates
// the task (model_created) and saves it again (model_updated), with the id kept dashed (the dramatiq
// message's string). The request's args, path, method and user agent go into context.http_request.
const audit = async (app: ReturnType<typeof tasksApp>, before: Set<string>) => {
  const fresh = app.store.events.all().filter((event) => !before.has(event.pk)).sort((a, b) => a.created - b.created);
  return Promise.all(fresh.map(async (event) => (await app.as('admin').get(`${EVENTS}${event.pk}/`)).body));
};

describe('events recorded by retry/ and send/ (authentik 2025.8)', () => {
  it('retry/ records two model_updated events for the task, its pk as hex', async () => {
    const app = tasksApp();
    const before = new Set(app.store.events.all().map((event) => event.pk));
    const res = await app.as('admin').post(`/api/v3/tasks/tasks/${T.done}/retry/?a=1`).set('User-Agent', 'curl/7.88.1');
    expect(res.status).toBe(204);
    const events = await audit(app, before);
    const model = { pk: T.done.replaceAll('-', ''), app: 'authentik_tasks', name: T.done, model_name: 'task' };
    const http = { args: { a: '1' }, path: `/api/v3/tasks/tasks/${T.done}/retry/`, method: 'POST', user_agent: 'curl/7.88.1' };
    expect(events.map((event) => [event.action, event.app, event.context.model, event.context.http_request])).toEqual([
      ['model_updated', 'authentik.events.middleware', model, expect.objectContaining(http)],
      ['model_updated', 'authentik.events.middleware', model, expect.objectContaining(http)],
    ]);
    expect(Object.keys(events[0].context.http_request)).toEqual(['args', 'path', 'method', 'request_id', 'user_agent']);
  });

  it('a retry refused (queued task) records nothing', async () => {
    const app = tasksApp();
    const before = new Set(app.store.events.all().map((event) => event.pk));
    expect((await app.as('admin').post(`/api/v3/tasks/tasks/${T.queued}/retry/`)).status).toBe(400);
    expect(await audit(app, before)).toEqual([]);
  });

  it('send/ records model_created then model_updated for the new task, its pk dashed', async () => {
    const app = tasksApp();
    const before = new Set(app.store.events.all().map((event) => event.pk));
    const tasks = new Set(app.store.tasks.all().map((task) => task.message_id));
    expect((await app.as('admin').post(`/api/v3/tasks/schedules/${S.outpost}/send/`)).text).toBe('{}');
    const sent = app.store.tasks.all().find((task) => !tasks.has(task.message_id))!.message_id;
    const events = await audit(app, before);
    const model = { pk: sent, app: 'authentik_tasks', name: sent, model_name: 'task' };
    expect(events.map((event) => [event.action, event.context.model])).toEqual([['model_created', model], ['model_updated', model]]);
    expect(sent).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
  });
});
