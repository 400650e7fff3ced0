import { appWith, as, at, event, EVENTS } from './helpers';

// authentik-2025.8-behaviour.md, "Filters" and "Errors that changed for every operation".
const login = event('login', at('2025-08-22T16:32:11Z'), { user: { username: 'alice' } });
const logout = event('logout', at('2025-08-22T15:38:00Z'), { user: { username: 'bob' }, context: { username: 'alice' } });
const failed = event('login_failed', at('2025-08-22T11:38:00Z'), { user: {}, context: { username: 'carol' } });
const numeric = event('model_created', at('2025-08-22T10:00:00Z'), { user: { username: 5 }, context: { username: ['alice'] } });
const setup = () => appWith([login, logout, failed, numeric]);
const pks = (res: { body: { results: { pk: string }[] } }) => res.body.results.map((r) => r.pk);
const choice = (value: string) => `Select a valid choice. ${value} is not one of the available choices.`;

describe('2025.8 events: the actions filter', () => {
  const { http } = setup();
  const get = (query: string) => http.get(`${EVENTS}?${query}`).set(as('admin'));

  it('one value is an exact match', async () => {
    expect(pks(await get('actions=login'))).toEqual([login.pk]);
  });

  it('repeated values are an OR of exact matches, in the list\'s ordering', async () => {
    expect(pks(await get('actions=login&actions=logout'))).toEqual([login.pk, logout.pk]);
    expect(pks(await get('actions=logout&actions=login_failed&actions=logout'))).toEqual([logout.pk, failed.pk]);
  });

  it('is an AND with the other filters (action icontains)', async () => {
    expect(pks(await get('actions=login&actions=login_failed&action=failed'))).toEqual([failed.pk]);
  });

  it('a value that is no EventAction is a 400 naming the first bad value', async () => {
    const res = await get('actions=login&actions=bad&actions=worse');
    expect([res.status, res.text]).toEqual([400, `{"actions":["${choice('bad')}"]}`]);
  });

  it('a comma-joined value is one invalid choice; values are not stripped; labels are not values', async () => {
    for (const value of ['login,logout', ' login', 'Login', 'login_']) {
      const res = await get(`actions=${encodeURIComponent(value)}`);
      expect([res.status, res.body]).toEqual([400, { actions: [choice(value)] }]);
    }
  });

  it('an empty value is validated too: the message has two spaces', async () => {
    const res = await get('actions=');
    expect([res.status, res.text]).toEqual([400, '{"actions":["Select a valid choice.  is not one of the available choices."]}']);
    expect((await get('actions=login&actions=')).body).toEqual({ actions: [choice('')] });
  });

  it('every EventAction value is a choice', async () => {
    const all = ['login', 'login_failed', 'logout', 'user_write', 'suspicious_request', 'password_set', 'secret_view', 'secret_rotate', 'invitation_used', 'authorize_application', 'source_linked', 'impersonation_started', 'impersonation_ended', 'flow_execution', 'policy_execution', 'policy_exception', 'property_mapping_exception', 'system_task_execution', 'system_task_exception', 'system_exception', 'configuration_error', 'model_created', 'model_updated', 'model_deleted', 'email_sent', 'update_available', 'custom_'];
    const res = await get(all.map((a) => `actions=${a}`).join('&'));
    expect([res.status, res.body.pagination.count]).toEqual([200, 4]);
  });

  it('the 400 keys come in the filterset\'s order: action, client_ip, username, context_*, actions, brand_name (measured on the oracle)', async () => {
    const res = await get('brand_name=%00&actions=bad&context_model_pk=%00&username=%00&action=%00&context_authorized_app=%00&client_ip=%00');
    expect(res.status).toBe(400);
    const nul = '["Null characters are not allowed."]';
    expect(res.text).toBe(`{"action":${nul},"client_ip":${nul},"username":${nul},"context_model_pk":${nul},"context_authorized_app":${nul},"actions":["${choice('bad')}"],"brand_name":${nul}}`);
  });

  it('applies on the detail route: an event the filter excludes is Django\'s 404', async () => {
    const hit = await http.get(`${EVENTS}${login.pk}/?actions=login&actions=logout`).set(as('admin'));
    expect(hit.status).toBe(200);
    const miss = await http.get(`${EVENTS}${login.pk}/?actions=logout`).set(as('admin'));
    expect([miss.status, miss.text]).toEqual([404, '{"detail":"No Event matches the given query."}']);
    const bad = await http.get(`${EVENTS}${login.pk}/?actions=nope`).set(as('admin'));
    expect([bad.status, bad.body]).toEqual([400, { actions: [choice('nope')] }]);
  });

  it('a bad value on a write\'s detail route is a 400 before the body is read, nothing changed', async () => {
    const { http: h, store } = setup();
    const res = await h.patch(`${EVENTS}${login.pk}/?actions=nope`).set(as('admin')).send({ app: 'changed' });
    expect([res.status, res.body]).toEqual([400, { actions: [choice('nope')] }]);
    expect(store.events.get(login.pk)).toEqual(login);
  });

  it('without the view permission the list is a 403 before the filter\'s 400', async () => {
    const res = await http.get(`${EVENTS}?actions=bad`).set(as('nobody'));
    expect([res.status, res.body]).toEqual([403, { detail: 'You do not have permission to perform this action.' }]);
  });
});

describe('2025.8 events: username matches user.username or context.username', () => {
  const { http } = setup();
  const get = (query: string) => http.get(`${EVENTS}?${query}`).set(as('admin'));

  it('either field, exact, as a JSON string', async () => {
    expect(pks(await get('username=alice'))).toEqual([login.pk, logout.pk]);
    expect(pks(await get('username=carol'))).toEqual([failed.pk]);
    expect(pks(await get('username=bob'))).toEqual([logout.pk]);
    expect(pks(await get('username=ali'))).toEqual([]);
    expect(pks(await get('username=ALICE'))).toEqual([]);
  });

  it('a number or a list there is no match for its text', async () => {
    expect(pks(await get('username=5'))).toEqual([]);
  });

  it('the value is stripped; empty means no filter', async () => {
    expect(pks(await get('username=%20carol%20'))).toEqual([failed.pk]);
    expect((await get('username=%20')).body.pagination.count).toBe(4);
  });
});

describe('2025.8 events: 404s', () => {
  const { http } = setup();

  it('a well-formed id that does not exist: Django\'s message names the model', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', '00000000000040008000000000000000', '{00000000-0000-4000-8000-000000000000}']) {
      const res = await http.get(`${EVENTS}${id}/`).set(as('viewer'));
      expect([res.status, res.text, res.headers['content-type']]).toEqual([404, '{"detail":"No Event matches the given query."}', 'application/json; charset=utf-8']);
    }
  });

  it('a malformed id is still DRF\'s bare "Not found."', async () => {
    const res = await http.get(`${EVENTS}qwerqwer/`).set(as('viewer'));
    expect([res.status, res.text]).toEqual([404, '{"detail":"Not found."}']);
  });

  it('a client_ip that is no address makes the lookup a bare 404 (ValueError in get_object_or_404)', async () => {
    const res = await http.get(`${EVENTS}${login.pk}/?client_ip=abc`).set(as('viewer'));
    expect([res.status, res.text]).toEqual([404, '{"detail":"Not found."}']);
  });

  it('PUT, PATCH and DELETE of a missing event are the same 404, for a caller who may view', async () => {
    const { http: h, store } = setup();
    const url = `${EVENTS}00000000-0000-4000-8000-000000000000/`;
    for (const res of [await h.put(url).set(as('admin')).send({ action: 'login', app: 'x' }), await h.patch(url).set(as('changer')).send({}), await h.delete(url).set(as('viewer'))]) {
      expect([res.status, res.text]).toEqual([404, '{"detail":"No Event matches the given query."}']);
    }
    expect(store.events.size).toBe(4);
  });

  it('without the view permission any id is a 403', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'qwerqwer', login.pk]) {
      const res = await http.get(`${EVENTS}${id}/`).set(as('nobody'));
      expect([res.status, res.body]).toEqual([403, { detail: 'You do not have permission to perform this action.' }]);
    }
  });
});
