import { EVENTS, SCHEDULES, DRAMATIQ_TASKS } from '../helpers/test-app';
import { appSchedule, DENIED, fixtureSchedules, fixtureStore, NOT_PROVIDED, S, tasksApp } from './dramatiq-fixtures';

const ids = (body: { results: Array<{ id: string }> }) => body.results.map((row) => row.id);
const OUTPOST_JSON =
  '{"id":"c3e7b2d5-f901-4c1a-8b2f-3e4d5c6b7a89","identifier":"5d8f2a3b-1c4e-4f6a-9b7c-8d9e0f1a2b3c","uid":"authentik.outposts.tasks.outpost_controller:authentik Embedded Outpost","actor_name":"authentik.outposts.tasks.outpost_controller",' +
  '"rel_obj_app_label":"authentik_outposts","rel_obj_model":"outpost","rel_obj_id":"5d8f2a3b-1c4e-4f6a-9b7c-8d9e0f1a2b3c","crontab":"17 */4 * * *","paused":false,"next_run":"2025-08-22T20:17:00Z","description":"Create/update/monitor/delete the deployment of an Outpost.","last_task_status":"info"}';

describe('GET /tasks/schedules/ (authentik 2025.8)', () => {
  it('writes each schedule in the serializer field order, last_task_status from its newest task, autocomplete {} last', async () => {
    const { as } = tasksApp();
    const res = await as('viewer').get(`${SCHEDULES}?ordering=-next_run&page_size=1`);
    expect(res.text).toBe(`{"pagination":{"next":2,"previous":0,"count":3,"current":1,"total_pages":3,"start_index":1,"end_index":1},"results":[${OUTPOST_JSON}],"autocomplete":{}}`);
  });

  it('shows null for a schedule with no task, and the newest task by mtime otherwise', async () => {
    const { as } = tasksApp();
    const res = await as('viewer').get(SCHEDULES);
    expect(res.body.results.map((row: { last_task_status: unknown }) => row.last_task_status)).toEqual(['rejected', 'warning', 'info']);
  });

  it('orders by next_run, actor_name, identifier: a paused schedule (1970) first, a null identifier last among ties', async () => {
    const twin = { ...appSchedule(), id: '0f0e0d0c-0b0a-4908-8706-050403020100', identifier: 'zz', rel_obj: { app_label: 'x', model: 'y' }, next_run: fixtureSchedules()[1]!.next_run, actor_name: fixtureSchedules()[1]!.actor_name };
    const nullIdentifier = { ...twin, id: '1f0e0d0c-0b0a-4908-8706-050403020100', identifier: null };
    const { as } = tasksApp({ store: fixtureStore({ schedules: [nullIdentifier, ...fixtureSchedules(), twin] }) });
    expect(ids((await as('viewer').get(SCHEDULES)).body)).toEqual([S.ldap, S.docker, twin.id, nullIdentifier.id, S.outpost]);
    expect(ids((await as('viewer').get(`${SCHEDULES}?ordering=-paused,description,actor_name`)).body)).toEqual([S.ldap, S.outpost, nullIdentifier.id, S.docker, twin.id]);
  });

  it('leaves the rel_obj_* keys out for an app-level schedule (authentik breaks its schema there)', async () => {
    const { as, logs } = tasksApp({ store: fixtureStore({ schedules: [appSchedule()] }) });
    const res = await as('viewer').get(`${SCHEDULES}${S.app}/`);
    expect(res.text).toBe(
      '{"id":"b2d6a1c4-e8f0-4b0f-9a1e-2d3c4b5a6978","identifier":null,"uid":"authentik.core.tasks.clean_expired_models","actor_name":"authentik.core.tasks.clean_expired_models","rel_obj_id":null,"crontab":"2-59/5 * * * *","paused":false,"next_run":"2025-08-22T16:42:00Z","description":"Remove expired objects.","last_task_status":null}',
    );
    expect(logs).toEqual([]);
  });

  it.each([
    ['paused=true', [S.ldap]],
    ['paused=True', [S.ldap]],
    ['paused=2', [S.ldap]],
    ['paused=3', [S.docker, S.outpost]],
    ['paused=1', [S.ldap, S.docker, S.outpost]],
    ['paused=yes', [S.ldap, S.docker, S.outpost]],
    ['actor_name=%20authentik.sources.ldap.tasks.ldap_sync%20', [S.ldap]],
    ['rel_obj_content_type__model=outpost', [S.outpost]],
    ['rel_obj_content_type__app_label=authentik_outposts', [S.docker, S.outpost]],
    ['rel_obj_id=5d8f2a3b-1c4e-4f6a-9b7c-8d9e0f1a2b3c', [S.outpost]],
    ['rel_obj_id__isnull=true', []],
  ])('filters %s', async (filter, expected) => {
    const { as } = tasksApp();
    const res = await as('viewer').get(`${SCHEDULES}?${filter}`);
    expect([res.status, ids(res.body)]).toEqual([200, expected]);
  });

  it('answers a NUL in a CharFilter with 400, and a filter mismatch on the detail URL with 404', async () => {
    const { as } = tasksApp();
    expect((await as('viewer').get(`${SCHEDULES}?actor_name=%00`)).text).toBe('{"actor_name":["Null characters are not allowed."]}');
    expect((await as('viewer').get(`${SCHEDULES}${S.outpost}/?paused=true`)).text).toBe('{"detail":"No Schedule matches the given query."}');
    expect((await as('viewer').get(`${SCHEDULES}qwerqwer/`)).text).toBe('{"detail":"Not found."}');
  });

  describe('search is authentik\'s crash', () => {
    it('answers any search with terms with the 500 page, before the permission filter, on list and detail URLs', async () => {
      const { as, store } = tasksApp();
      for (const [who, url] of [['viewer', `${SCHEDULES}?search=x`], ['nobody', `${SCHEDULES}?search=x`], ['anonymous', `${SCHEDULES}${S.outpost}/?search=x`], ['nobody', `${SCHEDULES}qwerqwer/?search=x`]] as const) {
        const res = await as(who).get(url);
        expect([res.status, res.headers['content-type']]).toEqual([500, 'text/html; charset=utf-8']);
      }
      // A write's crash meets the 500 view, which allows only GET: 405 with an empty page, nothing stored.
      const before = store.schedules.all();
      const patch = await as('changer').patch(`${SCHEDULES}${S.outpost}/?search=x`).send({ paused: true });
      expect([patch.status, patch.text, patch.headers.allow]).toEqual([405, '', 'GET, HEAD, OPTIONS']);
      expect(store.schedules.all()).toBe(before);
    });

    it('lets empty searches through, answers a NUL with the 400, and refuses anonymous list callers first', async () => {
      const { as } = tasksApp();
      expect((await as('viewer').get(`${SCHEDULES}?search=`)).status).toBe(200);
      expect((await as('viewer').get(`${SCHEDULES}?search=%20,%20`)).status).toBe(200);
      expect((await as('nobody').get(`${SCHEDULES}?search=%00`)).text).toBe('["Null characters are not allowed."]');
      expect((await as('anonymous').get(`${SCHEDULES}?search=x`)).text).toBe(NOT_PROVIDED);
    });
  });

  it('refuses without view_schedule: list (not provided / denied) and detail (denied for any id)', async () => {
    const { as } = tasksApp();
    expect((await as('anonymous').get(SCHEDULES)).text).toBe(NOT_PROVIDED);
    expect((await as('nobody').get(SCHEDULES)).text).toBe(DENIED);
    for (const who of ['anonymous', 'nobody', 'change-only'] as const) {
      expect((await as(who).get(`${SCHEDULES}${S.outpost}/`)).text).toBe(DENIED);
      expect((await as(who).get(`${SCHEDULES}00000000-0000-4000-8000-000000000000/`)).text).toBe(DENIED);
    }
    expect((await as('viewer').get(`${SCHEDULES}00000000-0000-4000-8000-000000000000/`)).text).toBe('{"detail":"No Schedule matches the given query."}');
  });

  it('routes no POST or DELETE on a schedule: 405 even anonymously, with the detail Allow', async () => {
    const { as } = tasksApp();
    const res = await as('anonymous').post(`${SCHEDULES}${S.outpost}/`);
    expect([res.status, res.headers.allow]).toEqual([405, 'GET, PUT, PATCH, HEAD, OPTIONS']);
    expect((await as('viewer').delete(SCHEDULES)).text).toBe(DENIED);
    expect((await as('admin').delete(SCHEDULES)).status).toBe(405);
  });
});

describe('PUT / PATCH /tasks/schedules/{id}/', () => {
  it('changes paused and rel_obj_id, ignores read-only and unknown keys, and answers the whole schedule', async () => {
    const { as, store } = tasksApp();
    const res = await as('changer').patch(`${SCHEDULES}${S.docker}/`).send({ rel_obj_id: '  other  ', actor_name: 'x', next_run: '2030-01-01T00:00:00Z', bogus: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: S.docker, rel_obj_id: 'other', actor_name: 'authentik.outposts.tasks.outpost_service_connection_monitor', next_run: '2025-08-22T16:48:00Z', paused: false });
    expect(store.schedules.get(S.docker)!.rel_obj_id).toBe('other');
  });

  it('pauses: the answer still shows the old next_run, the next GET shows 1970 (the trigger); un-pausing keeps 1970', async () => {
    const { as } = tasksApp();
    const res = await as('changer').patch(`${SCHEDULES}${S.docker}/`).send({ paused: 'on' });
    expect([res.body.paused, res.body.next_run]).toEqual([true, '2025-08-22T16:48:00Z']);
    expect((await as('changer').get(`${SCHEDULES}${S.docker}/`)).body.next_run).toBe('1970-01-01T00:00:00Z');
    const unpaused = await as('changer').patch(`${SCHEDULES}${S.docker}/`).send({ paused: false });
    expect([unpaused.body.paused, unpaused.body.next_run]).toEqual([false, '1970-01-01T00:00:00Z']);
    // Its next_run now 1970 like the paused ldap schedule's, it sorts first (by actor_name among the two).
    expect(ids((await as('viewer').get(SCHEDULES)).body)).toEqual([S.docker, S.ldap, S.outpost]);
  });

  it.each([
    [{ paused: 'TRUE' }, true], [{ paused: 'yes' }, true], [{ paused: 'Y' }, true], [{ paused: 1 }, true], [{ paused: 1.0 }, true],
    [{ paused: 'off' }, false], [{ paused: 'f' }, false], [{ paused: 0 }, false], [{ paused: 'No' }, false],
  ])('reads paused %j as DRF 3.16 does', async (body, expected) => {
    const { as } = tasksApp();
    expect((await as('changer').patch(`${SCHEDULES}${S.docker}/`).send(body)).body.paused).toBe(expected);
  });

  it.each([
    ['PUT', {}, '{"crontab":["This field is required."]}'],
    ['PUT', { paused: null, rel_obj_id: null }, '{"crontab":["This field is required."],"paused":["This field may not be null."]}'],
    ['PATCH', { crontab: '' }, '{"crontab":["This field may not be blank."]}'],
    ['PATCH', { crontab: '   ' }, '{"crontab":["This field may not be blank."]}'],
    ['PATCH', { crontab: null }, '{"crontab":["This field may not be null."]}'],
    ['PATCH', { crontab: ['* * * * *'] }, '{"crontab":["Not a valid string."]}'],
    ['PATCH', { crontab: true }, '{"crontab":["Not a valid string."]}'],
    ['PATCH', { crontab: 61 }, '{"crontab":["61 is not a valid crontab"]}'],
    ['PATCH', { crontab: ' 61 * * * * ' }, '{"crontab":["61 * * * * is not a valid crontab"]}'],
    ['PATCH', { crontab: '@daily' }, '{"crontab":["@daily is not a valid crontab"]}'],
    ['PATCH', { paused: 'maybe' }, '{"paused":["Must be a valid boolean."]}'],
    ['PATCH', { paused: 2 }, '{"paused":["Must be a valid boolean."]}'],
    ['PATCH', { rel_obj_id: '' }, '{"rel_obj_id":["This field may not be blank."]}'],
    ['PUT', { paused: 'maybe', crontab: '61 * * * *\u0000', rel_obj_id: '' }, '{"rel_obj_id":["This field may not be blank."],"crontab":["61 * * * *\\u0000 is not a valid crontab","Null characters are not allowed."],"paused":["Must be a valid boolean."]}'],
  ] as const)('%s %j → 400', async (method, body, expected) => {
    const { as, store } = tasksApp();
    const schedulesBefore = store.schedules.all();
    const eventsBefore = store.events.all();
    const send = method === 'PUT' ? as('changer').put(`${SCHEDULES}${S.docker}/`) : as('changer').patch(`${SCHEDULES}${S.docker}/`);
    const res = await send.send(body);
    expect([res.status, res.text]).toEqual([400, expected]);
    expect(store.schedules.all()).toBe(schedulesBefore);
    expect(store.events.all()).toBe(eventsBefore);
  });

  it('answers a body that is no object, and a missing schedule before the body', async () => {
    const { as } = tasksApp();
    expect((await as('changer').patch(`${SCHEDULES}${S.docker}/`).type('application/json').send('[]')).text).toBe('{"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}');
    expect((await as('changer').patch(`${SCHEDULES}00000000-0000-4000-8000-000000000000/`).type('application/json').send('[]')).text).toBe('{"detail":"No Schedule matches the given query."}');
  });

  it('needs change_schedule after view_schedule and the lookup', async () => {
    const { as, store } = tasksApp();
    const before = store.schedules.all();
    expect((await as('viewer').patch(`${SCHEDULES}${S.docker}/`).send({ paused: true })).text).toBe(DENIED);
    expect((await as('viewer').patch(`${SCHEDULES}00000000-0000-4000-8000-000000000000/`).send({ paused: true })).text).toBe('{"detail":"No Schedule matches the given query."}');
    expect((await as('change-only').patch(`${SCHEDULES}${S.docker}/`).send({ paused: true })).text).toBe(DENIED);
    expect((await as('anonymous').put(`${SCHEDULES}${S.docker}/`).send({ crontab: '* * * * *' })).text).toBe(DENIED);
    expect(store.schedules.all()).toBe(before);
  });

  it('records a model_updated event for a change through the API', async () => {
    const { as, store } = tasksApp();
    const res = await as('changer').patch(`${SCHEDULES}${S.outpost}/?x=1`).set('User-Agent', 'test-agent').send({ paused: false });
    expect(res.status).toBe(200);
    const events = store.events.all().filter((event) => event.action === 'model_updated');
    expect(events).toHaveLength(1);
    const event = await as('admin').get(`${EVENTS}${events[0]!.pk}/`);
    expect(event.body).toMatchObject({
      action: 'model_updated',
      app: 'authentik.events.middleware',
      user: { pk: 1, email: 'root@localhost', username: 'akadmin' },
      context: {
        model: { pk: 'c3e7b2d5f9014c1a8b2f3e4d5c6b7a89', app: 'authentik_tasks_schedules', name: 'Schedule authentik.outposts.tasks.outpost_controller:authentik.outposts.tasks.outpost_controller:authentik Embedded Outpost', model_name: 'schedule' },
        http_request: { path: `${SCHEDULES}${S.outpost}/`, method: 'PATCH', args: { x: '1' }, user_agent: 'test-agent' },
      },
      created: '2025-08-22T16:40:00Z',
    });
    expect(Object.keys(event.body.context)).toEqual(['model', 'http_request']);
  });

  // These need the crontab module (cron-converter 1.2.2's seeker). Now is 2025-08-22T16:40:00Z.
  it.each([
    [' 5 * * * * ', '5 * * * *', '2025-08-22T17:05:00Z'],
    ['*/15 * * * *', '*/15 * * * *', '2025-08-22T16:45:00Z'],
    ['0 0 * * *', '0 0 * * *', '2025-08-23T00:00:00Z'],
  ])('recomputes next_run when the crontab changes (%j → %s)', async (sent, stored, nextRun) => {
    const { as } = tasksApp();
    const res = await as('changer').put(`${SCHEDULES}${S.docker}/`).send({ crontab: sent });
    expect([res.status, res.body.crontab, res.body.next_run]).toEqual([200, stored, nextRun]);
    expect((await as('changer').get(`${SCHEDULES}${S.docker}/`)).body.next_run).toBe(nextRun);
  });

  it('keeps next_run when the crontab sent is the stored one, and shows the new one while the trigger stores 1970 on pause', async () => {
    const { as } = tasksApp();
    expect((await as('changer').put(`${SCHEDULES}${S.docker}/`).send({ crontab: '3-59/15 * * * *' })).body.next_run).toBe('2025-08-22T16:48:00Z');
    const both = await as('changer').patch(`${SCHEDULES}${S.outpost}/`).send({ crontab: '*/61 * * * *', paused: 'yes' });
    expect([both.body.next_run, both.body.paused]).toEqual(['2025-08-22T17:00:00Z', true]);
    expect((await as('changer').get(`${SCHEDULES}${S.outpost}/`)).body.next_run).toBe('1970-01-01T00:00:00Z');
  });
});

describe('a crontab cron-converter accepts but never matches', () => {
  it('crashes authentik\'s save(): the error view\'s empty 405 on PATCH and PUT, and the schedule is unchanged', async () => {
    const { as, store, logs } = tasksApp();
    const before = store.schedules.get(S.docker);
    const events = store.events.size;
    for (const send of [() => as('changer').patch(`${SCHEDULES}${S.docker}/`), () => as('changer').put(`${SCHEDULES}${S.docker}/`)]) {
      const res = await send().send({ crontab: '0 0 31 2 *' });
      expect([res.status, res.text, res.headers.allow]).toEqual([405, '', 'GET, HEAD, OPTIONS']);
    }
    expect(store.schedules.get(S.docker)).toBe(before);
    // No model_updated event either: save() never got that far.
    expect(store.events.size).toBe(events);
    expect(logs.some((line) => line.includes('Unable to find execution time for schedule 0 0 31 2 *'))).toBe(true);
  });
});

describe('POST /tasks/schedules/{id}/send/', () => {
  it('sends a new task (superusers only): 200 {} although the schema documents 204', async () => {
    const { as, store } = tasksApp();
    const res = await as('admin').post(`${SCHEDULES}${S.ldap}/send/`).send({ ignored: true });
    expect([res.status, res.text, res.headers['content-type'], res.headers.allow]).toEqual([200, '{}', 'application/json; charset=utf-8', 'POST, OPTIONS']);
    const sent = await as('admin').get(`${DRAMATIQ_TASKS}?rel_obj_id=${S.ldap}&state=queued`);
    expect(sent.body.results).toHaveLength(1);
    const [task] = sent.body.results;
    expect(task).toEqual({
      message_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      queue_name: 'default',
      actor_name: 'authentik.sources.ldap.tasks.ldap_sync',
      state: 'queued',
      mtime: '2025-08-22T16:40:00Z',
      rel_obj_app_label: 'authentik_tasks_schedules',
      rel_obj_model: 'schedule',
      rel_obj_id: S.ldap,
      uid: 'authentik.sources.ldap.tasks.ldap_sync',
      messages: [{ timestamp: '2025-08-22T16:40:00Z', log_level: 'info', logger: "<class 'authentik.tasks.middleware.MessagesMiddleware'>", event: 'Task has been queued', attributes: { delay: null } }],
      previous_messages: [],
      aggregated_status: 'queued',
      description: 'Sync LDAP source.',
    });
    expect(store.tasks.size).toBe(8);
    // A paused schedule is sent too, and its next_run stays; its last task is now the sent one.
    const schedule = await as('admin').get(`${SCHEDULES}${S.ldap}/`);
    expect([schedule.body.next_run, schedule.body.last_task_status]).toEqual(['1970-01-01T00:00:00Z', 'queued']);
  });

  it.each([
    ['anonymous', '00000000-0000-4000-8000-000000000000', 404, '{"detail":"No Schedule matches the given query."}'],
    ['anonymous', 'qwerqwer', 404, '{"detail":"Not found."}'],
    ['anonymous', S.ldap, 403, NOT_PROVIDED],
    ['nobody', S.ldap, 403, DENIED],
    ['sender', S.ldap, 403, DENIED],
    ['sender', '00000000-0000-4000-8000-000000000000', 404, '{"detail":"No Schedule matches the given query."}'],
    ['viewer', S.ldap, 403, DENIED],
  ] as const)('%s on %s → %i, nothing sent', async (who, id, status, body) => {
    const { as, store } = tasksApp();
    const before = store.tasks.all();
    const res = await as(who).post(`${SCHEDULES}${id}/send/?search=x&paused=bogus`);
    expect([res.status, res.text]).toEqual([status, body]);
    expect(store.tasks.all()).toBe(before);
  });
});
