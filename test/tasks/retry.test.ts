import { DRAMATIQ_TASKS } from '../helpers/test-app';
import { DENIED, NOT_PROVIDED, T, tasksApp } from './dramatiq-fixtures';

const retry = (id: string, query = '') => `${DRAMATIQ_TASKS}${id}/retry/${query}`;

describe('POST /tasks/tasks/{message_id}/retry/ (authentik 2025.8)', () => {
  it('re-enqueues a rejected task under the same message_id: 204, queued, messages moved to previous_messages, mtime kept', async () => {
    const { as, store } = tasksApp();
    const before = store.tasks.get(T.rejected)!;
    const res = await as('retrier').post(retry(T.rejected));
    expect([res.status, res.text, res.headers['content-type'], res.headers.allow]).toEqual([204, '', undefined, 'POST, OPTIONS']);
    const after = await as('retrier').get(`${DRAMATIQ_TASKS}${T.rejected}/`);
    expect(after.text).toBe(
      '{"message_id":"8d5a4c3e-1ebc-4d9b-8e99-4a0f1b5f6c55","queue_name":"default","actor_name":"authentik.sources.ldap.tasks.ldap_sync","state":"queued","mtime":"2025-08-22T16:30:00Z",' +
        '"rel_obj_app_label":"authentik_tasks_schedules","rel_obj_model":"schedule","rel_obj_id":"e5a9d4f7-1b23-4e3c-8d41-5a6f7e8d9cab","uid":"authentik.sources.ldap.tasks.ldap_sync:corp-ldap",' +
        '"messages":[{"timestamp":"2025-08-22T16:40:00Z","log_level":"info","logger":"<class \'authentik.tasks.middleware.MessagesMiddleware\'>","event":"Task will be retried","attributes":{"delay":null}}],' +
        '"previous_messages":[{"timestamp":"2025-08-22T16:00:00Z","log_level":"error","logger":"<class \'authentik.tasks.middleware.MessagesMiddleware\'>","event":"older attempt","attributes":{}},' +
        '{"timestamp":"2025-08-22T16:29:00Z","log_level":"info","logger":"<class \'authentik.tasks.middleware.MessagesMiddleware\'>","event":"Task has been queued","attributes":{"delay":null}},' +
        '{"timestamp":"2025-08-22T16:30:00Z","log_level":"error","logger":"<class \'authentik.tasks.middleware.MessagesMiddleware\'>","event":"timed out","attributes":{}}],' +
        '"aggregated_status":"queued","description":"Sync LDAP source."}',
    );
    expect(store.tasks.get(T.rejected)!.mtime).toBe(before.mtime);
    expect(store.tasks.size).toBe(7);
  });

  it('re-runs a done task too, and ignores the request body', async () => {
    const { as, store } = tasksApp();
    const res = await as('retrier').post(retry(T.info)).send({ state: 'done', messages: [] });
    expect(res.status).toBe(204);
    expect(store.tasks.get(T.info)).toMatchObject({ state: 'queued', aggregated_status: 'queued' });
  });

  it.each([['queued', T.queued], ['consumed', T.consumed]])('answers 400 with no body and no Content-Type for a %s task, and changes nothing', async (_state, id) => {
    const { as, store } = tasksApp();
    const before = store.tasks.get(id);
    const res = await as('retrier').post(retry(id));
    expect([res.status, res.text, res.headers['content-type'], res.headers['content-length'], res.headers.allow]).toEqual([400, '', undefined, undefined, 'POST, OPTIONS']);
    expect(store.tasks.get(id)).toBe(before);
  });

  describe('order of checks: global retry_task, search, view_task, filters, lookup, state', () => {
    it.each([
      ['anonymous', retry(T.rejected), 403, NOT_PROVIDED],
      ['anonymous', retry('qwerqwer'), 403, NOT_PROVIDED],
      ['viewer', retry(T.rejected), 403, DENIED],
      ['viewer', retry('00000000-0000-4000-8000-000000000000', '?search=%00'), 403, DENIED],
      ['retry-only', retry(T.rejected, '?search=%00'), 400, '["Null characters are not allowed."]'],
      ['retry-only', retry('00000000-0000-4000-8000-000000000000'), 403, DENIED],
      ['retry-only', retry(T.queued, '?state=bogus'), 403, DENIED],
      ['retrier', retry(T.rejected, '?state=bogus'), 400, '{"state":["Select a valid choice. bogus is not one of the available choices."]}'],
      ['retrier', retry(T.rejected, '?state=done'), 404, '{"detail":"No Task matches the given query."}'],
      ['retrier', retry('00000000-0000-4000-8000-000000000000'), 404, '{"detail":"No Task matches the given query."}'],
      ['retrier', retry('qwerqwer'), 404, '{"detail":"Not found."}'],
      ['retrier', retry(T.queued, '?state=queued'), 400, ''],
      ['admin', retry(T.queued), 400, ''],
    ] as const)('%s %s → %i', async (who, url, status, body) => {
      const { as, store } = tasksApp();
      const before = store.tasks.all();
      const res = await as(who).post(url);
      expect([res.status, res.text]).toEqual([status, body]);
      expect(store.tasks.all()).toBe(before);
    });

    it('needs the global retry_task: another method on the retry URL is 405', async () => {
      const { as } = tasksApp();
      const res = await as('retrier').get(retry(T.rejected));
      expect([res.status, res.text, res.headers.allow]).toEqual([405, '{"detail":"Method \\"GET\\" not allowed."}', 'POST, OPTIONS']);
    });
  });
});
