import { appWith, as, at, event, EVENTS } from './helpers';

// authentik-2025.8-behaviour.md, "Pagination and autocomplete": AutocompletePagination adds the DjangoQL
// schema of the events QL fields as the third key of every page.
const ACTIONS = '["login","login_failed","logout","user_write","suspicious_request","password_set","secret_view","secret_rotate","invitation_used","authorize_application","source_linked","impersonation_started","impersonation_ended","flow_execution","policy_execution","policy_exception","property_mapping_exception","system_task_execution","system_task_exception","system_exception","configuration_error","model_created","model_updated","model_deleted","email_sent","update_available","custom_"]';
const autocomplete = (apps: string) =>
  `{"current_model":"authentik_events.event","models":{"authentik_events.event":{"action":{"type":"str","nullable":false,"options":${ACTIONS}},"event_uuid":{"type":"str","nullable":false,"options":null},"app":{"type":"str","nullable":false,"options":${apps}},"client_ip":{"type":"str","nullable":false,"options":null},"user":{"type":"relation","nullable":false,"options":null,"relation":"authentik_events.event_user"},"brand":{"type":"relation","nullable":false,"options":null,"relation":"authentik_events.event_brand"},"context":{"type":"relation","nullable":false,"options":null,"relation":"authentik_events.event_context"},"created":{"type":"datetime","nullable":false,"options":[]}}}}`;

const created = at('2025-08-22T16:00:00Z');
const apps = ['authentik.tasks.middleware', 'authentik.events.signals', 'authentik.blueprints.v1.importer', 'authentik.events.middleware', 'authentik.events.signals'];

describe('2025.8 events list: autocomplete', () => {
  it('is the third key, compact, with the reference\'s literal (four distinct apps, sorted)', async () => {
    const { http } = appWith(apps.map((app, i) => event(i === 0 ? 'logout' : 'login', created - i, { app })));
    const res = await http.get(`${EVENTS}?page_size=1`).set(as('admin'));
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['pagination', 'results', 'autocomplete']);
    expect(res.text.endsWith(`,"autocomplete":${autocomplete('["authentik.blueprints.v1.importer","authentik.events.middleware","authentik.events.signals","authentik.tasks.middleware"]')}}`)).toBe(true);
  });

  it('an empty table: `app` options are []', async () => {
    const { http } = appWith([]);
    const res = await http.get(EVENTS).set(as('viewer'));
    expect(res.text).toBe(`{"pagination":{"next":0,"previous":0,"count":0,"current":1,"total_pages":1,"start_index":0,"end_index":0},"results":[],"autocomplete":${autocomplete('[]')}}`);
  });

  it('`app` is every app of the table, whatever the filters, search and page select', async () => {
    const { http } = appWith(apps.map((app, i) => event('login', created - i, { app })));
    const all = '["authentik.blueprints.v1.importer","authentik.events.middleware","authentik.events.signals","authentik.tasks.middleware"]';
    for (const query of ['actions=logout', 'search=nothing-matches', 'page=last&page_size=2', 'app=x&ordering=-app']) {
      const res = await http.get(`${EVENTS}?${query}`).set(as('viewer'));
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body.autocomplete)).toBe(autocomplete(all));
    }
  });

  it('`app` options in PostgreSQL\'s order (code points), the empty string included (checked on the oracle)', async () => {
    const odd = ['b', 'B', 'a', '', 'é', '\u{1F600}', '\uFFFD', 'a b', '_x', 'a'];
    const { http } = appWith(odd.map((app, i) => event('login', created - i, { app })));
    const res = await http.get(`${EVENTS}?page_size=1`).set(as('admin'));
    expect(res.body.autocomplete.models['authentik_events.event'].app.options).toEqual(['', 'B', '_x', 'a', 'a b', 'b', 'é', '\uFFFD', '\u{1F600}']);
  });

  it('follows writes', async () => {
    const { http } = appWith([event('login', created, { app: 'one' })]);
    await http.post(EVENTS).set(as('admin')).send({ action: 'login', app: 'another' });
    const res = await http.get(EVENTS).set(as('admin'));
    expect(res.body.autocomplete.models['authentik_events.event'].app.options).toEqual(['another', 'one']);
  });

  it('an invalid page is still a bare 404, without autocomplete', async () => {
    const { http } = appWith([event('login', created)]);
    const res = await http.get(`${EVENTS}?page=2`).set(as('admin'));
    expect([res.status, res.text]).toEqual([404, '{"detail":"Invalid page."}']);
  });
});
