import { createEventListActionOperations } from '../../src/events/event-list-action-operations';
import { EVENTS_2024_8, EVENTS_2025_8 } from '../../src/events/event-operations';
import { createStore } from '../../src/store/store';
import { appWith, as, at, DENIED, event, EVENTS, NO_CREDENTIALS } from './helpers';

// authentik-2025.8-behaviour.md, "URLs, methods and Allow": per_month/ is gone and is now the detail route.
describe('2025.8: /events/events/per_month/ is an event lookup with pk "per_month"', () => {
  const { http, store } = appWith([event('login', at('2025-08-22T16:00:00Z'))]);
  const URL = `${EVENTS}per_month/`;

  it('GET and HEAD for a viewer: the malformed-id 404 `Not found.`, with the detail route\'s Allow', async () => {
    const res = await http.get(URL).set(as('viewer'));
    expect([res.status, res.text, res.headers.allow]).toEqual([404, '{"detail":"Not found."}', 'GET, PUT, PATCH, DELETE, HEAD, OPTIONS']);
    expect((await http.head(URL).set(as('viewer'))).status).toBe(404);
    expect((await http.get(`${URL}?action=login&query=%7B%7D`).set(as('admin'))).status).toBe(404);
  });

  it('PUT, PATCH and DELETE: the same 404 for a caller who may view, 403 for one who may not, nothing changed', async () => {
    for (const res of [await http.put(URL).set(as('viewer')).send({}), await http.patch(URL).set(as('admin')).send({}), await http.delete(URL).set(as('admin'))]) {
      expect([res.status, res.body]).toEqual([404, { detail: 'Not found.' }]);
    }
    for (const res of [await http.get(URL).set(as('nobody')), await http.delete(URL).set(as('adder')), await http.get(URL)]) {
      expect([res.status, res.body]).toEqual([403, DENIED]);
    }
    expect(store.events.size).toBe(1);
  });

  it('POST is not routed on a detail URL: 405 (even without credentials)', async () => {
    for (const res of [await http.post(URL).set(as('admin')).send({}), await http.post(URL).send({})]) {
      expect([res.status, res.body, res.headers.allow]).toEqual([405, { detail: 'Method "POST" not allowed.' }, 'GET, PUT, PATCH, DELETE, HEAD, OPTIONS']);
    }
  });

  it('the detail route\'s filter backends run: search NUL and filter 400s', async () => {
    const nul = await http.get(`${URL}?search=%00`).set(as('nobody'));
    expect([nul.status, nul.text]).toEqual([400, '["Null characters are not allowed."]']);
    const bad = await http.get(`${URL}?actions=bad`).set(as('viewer'));
    expect([bad.status, bad.body]).toEqual([400, { actions: ['Select a valid choice. bad is not one of the available choices.'] }]);
  });

  it('OPTIONS describes the event detail view', async () => {
    const res = await http.options(URL).set(as('viewer'));
    expect([res.status, res.body.name]).toEqual([200, 'Event Instance']);
  });
});

describe('2025.8: actions/ and top_per_user/ are unchanged', () => {
  const app = 'authentik.providers.oauth2.views.authorize';
  const events = [
    event('authorize_application', at('2025-08-22T16:00:00Z'), { app, user: { pk: 1 }, context: { authorized_application: { pk: 'a1', name: 'One' } } }),
    event('authorize_application', at('2025-08-22T15:00:00Z'), { app, user: { pk: 2 }, context: { authorized_application: { pk: 'a1', name: 'One' } } }),
    event('login', at('2025-08-22T14:00:00Z'), { context: { authorized_application: { pk: 'a2' } } }),
  ];
  const { http } = appWith(events);

  it('actions/ lists the 27 actions, needs only authentication, ignores search and filters', async () => {
    const res = await http.get(`${EVENTS}actions/?search=%00&actions=bad`).set(as('nobody'));
    expect([res.status, res.body.length, res.body[0]]).toEqual([200, 27, { name: 'Login', description: '', component: 'login', model_name: '', requires_enterprise: false }]);
    const anonymous = await http.get(`${EVENTS}actions/`);
    expect([anonymous.status, anonymous.body]).toEqual([403, NO_CREDENTIALS]);
  });

  it('top_per_user/ counts the caller\'s viewable events of one action and ignores the list\'s filters and search', async () => {
    const res = await http.get(`${EVENTS}top_per_user/?action=authorize_application&actions=bad&search=%00&username=nobody`).set(as('viewer'));
    expect([res.status, res.text]).toEqual([200, '[{"application":{"pk":"a1","name":"One"},"counted_events":2,"unique_users":2}]']);
    const none = await http.get(`${EVENTS}top_per_user/?action=authorize_application`).set(as('nobody'));
    expect([none.status, none.text]).toEqual([200, '[]']);
  });

  it('each version\'s variant names its own list actions: 2025.8 has no per_month/, 2024.8 keeps it', () => {
    const deps = { spec: { components: { schemas: {} } } as never, store: createStore(), clock: () => 0, readQuery: () => ({ filter: undefined, terms: [], matches: undefined }) };
    expect(Object.keys(createEventListActionOperations(deps, EVENTS_2025_8.listActions))).toEqual(['events_events_actions_list', 'events_events_volume_list', 'events_events_top_per_user_list']);
    expect(Object.keys(createEventListActionOperations(deps, EVENTS_2024_8.listActions))).toEqual(['events_events_actions_list', 'events_events_volume_list', 'events_events_per_month_list', 'events_events_top_per_user_list']);
  });
});
