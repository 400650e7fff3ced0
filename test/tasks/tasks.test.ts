import { DRAMATIQ_TASKS } from '../helpers/test-app';
import { DENIED, fixtureStore, fixtureTasks, NOT_PROVIDED, plainTask, T, tasksApp } from './dramatiq-fixtures';

const ids = (body: { results: Array<{ message_id: string }> }) => body.results.map((row) => row.message_id);

describe('GET /tasks/tasks/ (authentik 2025.8)', () => {
  it('writes each task with the serializer field order, mtime with Z, uid, the actor description, and autocomplete {} as the third key', async () => {
    const { as } = tasksApp();
    const res = await as('viewer').get(`${DRAMATIQ_TASKS}?ordering=mtime&page_size=1&page=2`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.text).toBe(
      '{"pagination":{"next":3,"previous":1,"count":7,"current":2,"total_pages":7,"start_index":2,"end_index":2},"results":[' +
        '{"message_id":"6b3e2a1c-9c9a-4b79-8c77-2e8d9f3d4a33","queue_name":"default","actor_name":"authentik.outposts.tasks.outpost_service_connection_monitor","state":"done","mtime":"2025-08-22T16:10:00Z",' +
        '"rel_obj_app_label":"authentik_tasks_schedules","rel_obj_model":"schedule","rel_obj_id":"d4f8c3e6-0a12-4d2b-9c30-4f5e6d7c8b9a","uid":"authentik.outposts.tasks.outpost_service_connection_monitor:Local Docker connection",' +
        '"messages":[{"timestamp":"2025-08-22T16:10:00Z","log_level":"warning","logger":"<class \'authentik.tasks.middleware.MessagesMiddleware\'>","event":"Could not connect","attributes":{}},{"timestamp":"2025-08-22T16:10:00Z","log_level":"info","logger":"<class \'authentik.tasks.middleware.MessagesMiddleware\'>","event":"ok","attributes":{}}],' +
        '"previous_messages":[],"aggregated_status":"warning","description":"Update cached state of service connection."}],"autocomplete":{}}',
    );
  });

  it('orders by -mtime by default; aggregated_status is the trigger\'s (worst level of messages when done, else the state)', async () => {
    const { as } = tasksApp();
    const res = await as('viewer').get(DRAMATIQ_TASKS);
    expect(ids(res.body)).toEqual([T.consumed, T.queued, T.info, T.rejected, T.error, T.warning, T.done]);
    expect(Object.fromEntries(res.body.results.map((row: { message_id: string; aggregated_status: string }) => [row.message_id, row.aggregated_status]))).toEqual({
      [T.info]: 'info', [T.error]: 'error', [T.warning]: 'warning', [T.done]: 'done', [T.rejected]: 'rejected', [T.queued]: 'queued', [T.consumed]: 'consumed',
    });
  });

  it('gives a null description for an actor authentik does not define, and the queue as stored', async () => {
    const { as } = tasksApp();
    const res = await as('viewer').get(`${DRAMATIQ_TASKS}${T.consumed}/`);
    expect(res.body).toMatchObject({ description: null, queue_name: 'default.DQ', uid: 'authentik.gone.tasks.removed_actor', messages: [] });
  });

  it('leaves rel_obj_app_label and rel_obj_model out for a task without a related object (authentik breaks its schema there)', async () => {
    const { as, logs } = tasksApp({ store: fixtureStore({ tasks: [plainTask()] }) });
    const res = await as('viewer').get(`${DRAMATIQ_TASKS}${T.plain}/`);
    expect(res.text).toBe(
      '{"message_id":"b08d7f6b-41e5-4ace-81cc-7d3b4e8c9f88","queue_name":"default","actor_name":"authentik.events.tasks.event_trigger_dispatch","state":"done","mtime":"2025-08-22T14:00:00Z","rel_obj_id":null,"uid":"authentik.events.tasks.event_trigger_dispatch","messages":[],"previous_messages":[],"aggregated_status":"done","description":"Dispatch new event notifications."}',
    );
    // The profile's omittedFields relax the schema there: strict validation lets it through.
    expect(logs).toEqual([]);
  });

  describe('filters', () => {
    it.each([
      ['queue_name=default.DQ', [T.consumed]],
      ['queue_name=%20default.DQ%20', [T.consumed]],
      ['actor_name=authentik.blueprints.v1.tasks.apply_blueprint', [T.error]],
      ['actor_name=', [T.consumed, T.queued, T.info, T.rejected, T.error, T.warning, T.done]],
      ['state=rejected', [T.rejected]],
      ['state=', [T.consumed, T.queued, T.info, T.rejected, T.error, T.warning, T.done]],
      ['rel_obj_content_type__app_label=authentik_tasks_schedules', [T.info, T.rejected, T.warning, T.done]],
      ['rel_obj_content_type__model=blueprintinstance', [T.error]],
      ['rel_obj_id=c3e7b2d5-f901-4c1a-8b2f-3e4d5c6b7a89', [T.info, T.done]],
      ['rel_obj_id=C3E7B2D5-F901-4C1A-8B2F-3E4D5C6B7A89', []],
      ['aggregated_status=error&aggregated_status=warning', [T.error, T.warning]],
      ['aggregated_status=info', [T.info]],
      ['rel_obj_id__isnull=true', []],
      ['rel_obj_id__isnull=False', [T.consumed, T.queued, T.info, T.rejected, T.error, T.warning, T.done]],
      ['state=done&aggregated_status=done', [T.done]],
    ])('%s', async (filter, expected) => {
      const { as } = tasksApp();
      const res = await as('viewer').get(`${DRAMATIQ_TASKS}?${filter}`);
      expect([res.status, ids(res.body)]).toEqual([200, expected]);
    });

    it('reads rel_obj_id__isnull with NullBooleanSelect: true/True/2 and false/False/3, anything else filters nothing', async () => {
      const { as } = tasksApp({ store: fixtureStore({ tasks: [...fixtureTasks(), plainTask()] }) });
      for (const value of ['true', 'True', '2']) expect(ids((await as('viewer').get(`${DRAMATIQ_TASKS}?rel_obj_id__isnull=${value}`)).body)).toEqual([T.plain]);
      for (const value of ['false', 'False', '3']) expect(ids((await as('viewer').get(`${DRAMATIQ_TASKS}?rel_obj_id__isnull=${value}`)).body)).not.toContain(T.plain);
      for (const value of ['1', '0', 'TRUE', 'yes', '']) expect((await as('viewer').get(`${DRAMATIQ_TASKS}?rel_obj_id__isnull=${value}`)).body.pagination.count).toBe(8);
    });

    it('answers every bad filter at once, in the filterset order, with the value as sent (choices are not trimmed)', async () => {
      const { as } = tasksApp();
      const res = await as('viewer').get(`${DRAMATIQ_TASKS}?aggregated_status=info&aggregated_status=bogus&aggregated_status=worse&rel_obj_id=a%00b&state=done%20`);
      expect([res.status, res.text]).toEqual([
        400,
        '{"state":["Select a valid choice. done  is not one of the available choices."],"rel_obj_id":["Null characters are not allowed."],"aggregated_status":["Select a valid choice. bogus is not one of the available choices."]}',
      ]);
    });

    it('reads aggregated_status= as the empty choice, and a comma-joined value as one choice', async () => {
      const { as } = tasksApp();
      expect((await as('viewer').get(`${DRAMATIQ_TASKS}?aggregated_status=`)).text).toBe('{"aggregated_status":["Select a valid choice.  is not one of the available choices."]}');
      expect((await as('viewer').get(`${DRAMATIQ_TASKS}?aggregated_status=info,error`)).text).toBe('{"aggregated_status":["Select a valid choice. info,error is not one of the available choices."]}');
    });

    it('applies on the detail route: a task the filters exclude is a 404, a bad filter a 400', async () => {
      const { as } = tasksApp();
      expect([(await as('viewer').get(`${DRAMATIQ_TASKS}${T.info}/?state=queued`)).status, (await as('viewer').get(`${DRAMATIQ_TASKS}${T.info}/?state=queued`)).text]).toEqual([404, '{"detail":"No Task matches the given query."}']);
      expect((await as('viewer').get(`${DRAMATIQ_TASKS}${T.info}/?state=done`)).status).toBe(200);
      expect((await as('viewer').get(`${DRAMATIQ_TASKS}${T.info}/?state=nope`)).status).toBe(400);
    });
  });

  describe('search', () => {
    it.each([
      ['outpost', [T.consumed, T.info, T.warning]],
      ['Embedded', [T.info]],
      ['corp-ldap', [T.rejected]],
      ['blueprintinstance', [T.error]],
      ['DQ', [T.consumed]],
      ['warning', [T.warning]],
      ['9e6b5d4f-2fc3', [T.queued]],
      ['outpost,controller', [T.info]],
      ['"outpost_controller"', [T.info]],
      ['"docker connection"', [T.warning]],
      ['"connection docker"', []],
      ['connection%20docker', [T.warning]],
      ['removed_actor%20info', []],
    ])('%s', async (search, expected) => {
      const { as } = tasksApp();
      const res = await as('viewer').get(`${DRAMATIQ_TASKS}?search=${search}`);
      expect([res.status, ids(res.body)]).toEqual([200, expected]);
    });

    it('answers a NUL with a bare list 400, before the permission filter and on the detail route', async () => {
      const { as } = tasksApp();
      for (const who of ['viewer', 'nobody'] as const) {
        const res = await as(who).get(`${DRAMATIQ_TASKS}?search=a%00`);
        expect([res.status, res.text]).toEqual([400, '["Null characters are not allowed."]']);
      }
      expect((await as('anonymous').get(`${DRAMATIQ_TASKS}${T.info}/?search=%00`)).text).toBe('["Null characters are not allowed."]');
      // On the list URL, no credentials is refused before any filter backend runs.
      expect((await as('anonymous').get(`${DRAMATIQ_TASKS}?search=%00`)).text).toBe(NOT_PROVIDED);
    });
  });

  describe('ordering', () => {
    it('sorts by the source names, drops unknown and non-model fields, and falls back to -mtime', async () => {
      const { as } = tasksApp();
      expect(ids((await as('viewer').get(`${DRAMATIQ_TASKS}?ordering=actor_name`)).body)).toEqual([T.error, T.done, T.consumed, T.info, T.warning, T.rejected, T.queued]);
      expect(ids((await as('viewer').get(`${DRAMATIQ_TASKS}?ordering=rel_obj_content_type__model,-mtime`)).body)).toEqual([T.error, T.queued, T.consumed, T.info, T.rejected, T.warning, T.done]);
      for (const ordering of ['uid', 'description', 'rel_obj_app_label', 'messages', 'bogus', '']) {
        expect(ids((await as('viewer').get(`${DRAMATIQ_TASKS}?ordering=${ordering}`)).body)).toEqual([T.consumed, T.queued, T.info, T.rejected, T.error, T.warning, T.done]);
      }
    });
  });

  describe('pagination', () => {
    it('reads ?page= (empty) as page 1 and answers Invalid page. beyond the last', async () => {
      const { as } = tasksApp();
      expect((await as('viewer').get(`${DRAMATIQ_TASKS}?page=&page_size=3`)).body.pagination).toEqual({ next: 2, previous: 0, count: 7, current: 1, total_pages: 3, start_index: 1, end_index: 3 });
      expect((await as('viewer').get(`${DRAMATIQ_TASKS}?page=4&page_size=3`)).text).toBe('{"detail":"Invalid page."}');
    });
  });

  describe('detail and permissions', () => {
    it('names the model for a well-formed missing id and says Not found. for a malformed one', async () => {
      const { as } = tasksApp();
      expect((await as('viewer').get(`${DRAMATIQ_TASKS}00000000-0000-4000-8000-000000000000/`)).text).toBe('{"detail":"No Task matches the given query."}');
      expect((await as('viewer').get(`${DRAMATIQ_TASKS}qwerqwer/`)).text).toBe('{"detail":"Not found."}');
      const upper = await as('viewer').get(`${DRAMATIQ_TASKS}${T.info.toUpperCase().replaceAll('-', '')}/`);
      expect([upper.status, upper.body.message_id]).toEqual([200, T.info]);
    });

    it('refuses the list without credentials (not provided) and without view_task (denied), before filters and paging', async () => {
      const { as } = tasksApp();
      for (const url of [DRAMATIQ_TASKS, `${DRAMATIQ_TASKS}?state=bogus`, `${DRAMATIQ_TASKS}?page=99`]) {
        expect([(await as('anonymous').get(url)).status, (await as('anonymous').get(url)).text]).toEqual([403, NOT_PROVIDED]);
        expect([(await as('nobody').get(url)).status, (await as('nobody').get(url)).text]).toEqual([403, DENIED]);
      }
    });

    it('refuses a detail URL without view_task for any id, anonymous callers included, before the filters and the lookup', async () => {
      const { as } = tasksApp();
      for (const who of ['anonymous', 'nobody', 'retry-only'] as const) {
        for (const url of [`${DRAMATIQ_TASKS}${T.info}/`, `${DRAMATIQ_TASKS}qwerqwer/`, `${DRAMATIQ_TASKS}${T.info}/?state=bogus`]) {
          const res = await as(who).get(url);
          expect([res.status, res.text]).toEqual([403, DENIED]);
        }
      }
    });

    it('has no write routes: POST on the list is 403 without add_task and 405 for a superuser; unrouted detail methods are 405 even anonymously', async () => {
      const { as } = tasksApp();
      expect((await as('viewer').post(DRAMATIQ_TASKS)).text).toBe(DENIED);
      const superuser = await as('admin').post(DRAMATIQ_TASKS);
      expect([superuser.status, superuser.text, superuser.headers.allow]).toEqual([405, '{"detail":"Method \\"POST\\" not allowed."}', 'GET, HEAD, OPTIONS']);
      const del = await as('anonymous').delete(`${DRAMATIQ_TASKS}${T.info}/`);
      expect([del.status, del.text, del.headers.allow]).toEqual([405, '{"detail":"Method \\"DELETE\\" not allowed."}', 'GET, HEAD, OPTIONS']);
    });

    it('routes no slash-less form (Django 404 page)', async () => {
      const { as } = tasksApp();
      const res = await as('viewer').get('/api/v3/tasks/tasks');
      expect([res.status, res.headers['content-type']]).toEqual([404, 'text/html; charset=utf-8']);
    });
  });
});
