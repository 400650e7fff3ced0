import { gzipSync } from 'node:zlib';
import { request } from './helpers/inject';
import { rawRequest } from './helpers/raw-request';
import { createTestApp, EVENTS, AUTH } from './helpers/test-app';

const BASE = Date.parse('2024-09-20T10:11:12Z') * 1000 + 345_678;
/** A clock that ticks one microsecond per reading, so created/expires are exact. */
function steppingClock() {
  let now = BASE - 1;
  return () => ++now;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('events_events_create', () => {
  it('answers 201 with all nine fields in order and authentik defaults', async () => {
    const { api, fallbackBrand } = createTestApp({ clock: steppingClock() });
    const res = await api.post(EVENTS).send({ action: 'login', app: 'my-app' });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBeUndefined();
    expect(Object.keys(res.body)).toEqual(['pk', 'user', 'action', 'app', 'context', 'client_ip', 'created', 'expires', 'brand']);
    expect(res.body.pk).toMatch(UUID);
    expect(res.body).toEqual({
      pk: res.body.pk,
      user: {},
      action: 'login',
      app: 'my-app',
      context: {},
      client_ip: null,
      // expires is computed a moment before created: created + 365 days, less one tick.
      created: '2024-09-20T10:11:12.345679Z',
      expires: '2025-09-20T10:11:12.345678Z',
      brand: fallbackBrand,
    });
    expect(res.text).toContain(`"brand":{"app":"authentik_brands","model_name":"brand","pk":"${String(fallbackBrand.pk)}","name":"Brand fallback"}`);
  });

  it('stores only what the body says: the caller is not copied into user or client_ip', async () => {
    const { api } = createTestApp();
    const res = await api.post(EVENTS).set('X-Forwarded-For', '9.9.9.9').send({ action: 'custom_', app: 'x' });
    expect(res.body).toMatchObject({ user: {}, client_ip: null, action: 'custom_' });
  });

  it('ignores unknown and read-only keys', async () => {
    const { api } = createTestApp({ clock: steppingClock() });
    const res = await api.post(EVENTS).send({ action: 'login', app: 'x', pk: '00000000-0000-4000-8000-000000000000', created: '2000-01-01T00:00:00Z', foo: 1 });
    expect(res.status).toBe(201);
    expect(res.body.pk).not.toBe('00000000-0000-4000-8000-000000000000');
    expect(res.body.created).toBe('2024-09-20T10:11:12.345679Z');
    expect(res.body).not.toHaveProperty('foo');
  });

  it('is remembered: retrieve returns what was sent, JSON fields in jsonb key order', async () => {
    const { api, store } = createTestApp();
    const before = store.events.size;
    const sent = { action: 'model_created', app: 'authentik.core', user: { username: 'akadmin', pk: 1, email: 'a@b.c' }, context: { zz: 1, a: { d: 1, c: 2 } }, client_ip: '10.0.0.1', expires: '2030-01-01T00:00:00Z', brand: { name: 'b' } };
    const created = await api.post(EVENTS).send(sent);
    expect(created.status).toBe(201);
    // The answer to the POST keeps the client's key order, as DRF returns the in-memory dict.
    expect(created.text).toContain('"user":{"username":"akadmin","pk":1,"email":"a@b.c"}');
    expect(store.events.size).toBe(before + 1);
    const fetched = await api.get(`${EVENTS}${created.body.pk}/`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual({ ...created.body });
    expect(fetched.text).toContain('"user":{"pk":1,"email":"a@b.c","username":"akadmin"}');
    expect(fetched.text).toContain('"context":{"a":{"c":2,"d":1},"zz":1}');
    expect(fetched.body.expires).toBe('2030-01-01T00:00:00Z');
  });

  it.each(['login', 'custom_', 'update_available', 'system_task_exception'])('accepts action %s', async (action) => {
    const { api } = createTestApp();
    expect((await api.post(EVENTS).send({ action, app: 'x' })).status).toBe(201);
  });
});

describe('events_events_create: field validation with DRF messages (400 lists every failing field at once)', () => {
  const { api, store } = createTestApp();
  const post = (body: unknown) => api.post(EVENTS).set('Content-Type', 'application/json').send(JSON.stringify(body));
  const REQUIRED = ['This field is required.'];
  const DATETIME = ['Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].'];

  it.each([
    [{}, { action: REQUIRED, app: REQUIRED }],
    [{ action: '', app: 'x' }, { action: ['"" is not a valid choice.'] }],
    [{ action: 5, app: 'x' }, { action: ['"5" is not a valid choice.'] }],
    [{ action: true, app: 'x' }, { action: ['"True" is not a valid choice.'] }],
    [{ action: ['login'], app: 'x' }, { action: ['"[\'login\']" is not a valid choice.'] }],
    [{ action: 'custom_foo', app: 'x' }, { action: ['"custom_foo" is not a valid choice.'] }],
    [{ action: 'LOGIN', app: 'x' }, { action: ['"LOGIN" is not a valid choice.'] }],
    [{ action: null, app: null }, { action: ['This field may not be null.'], app: ['This field may not be null.'] }],
    [{ action: 'login', app: '' }, { app: ['This field may not be blank.'] }],
    [{ action: 'login', app: ' \t\n' }, { app: ['This field may not be blank.'] }],
    [{ action: 'login', app: true }, { app: ['Not a valid string.'] }],
    [{ action: 'login', app: [] }, { app: ['Not a valid string.'] }],
    [{ action: 'login', app: { a: 1 } }, { app: ['Not a valid string.'] }],
    [{ action: 'login', app: 'a\u0000b' }, { app: ['Null characters are not allowed.'] }],
    [{ action: 'login', app: 'x', client_ip: '' }, { client_ip: ['This field may not be blank.'] }],
    [{ action: 'login', app: 'x', client_ip: 'localhost' }, { client_ip: ['Enter a valid IPv4 or IPv6 address.'] }],
    [{ action: 'login', app: 'x', client_ip: '1.2.3.256' }, { client_ip: ['Enter a valid IPv4 or IPv6 address.'] }],
    [{ action: 'login', app: 'x', client_ip: '1::2::3' }, { client_ip: ['Enter a valid IPv4 or IPv6 address.'] }],
    [{ action: 'login', app: 'x', client_ip: 12 }, { client_ip: ['Enter a valid IPv4 or IPv6 address.'] }],
    [{ action: 'login', app: 'x', expires: 'tomorrow' }, { expires: DATETIME }],
    [{ action: 'login', app: 'x', expires: 1700000000 }, { expires: DATETIME }],
    [{ action: 'login', app: 'x', expires: '' }, { expires: DATETIME }],
    [{ action: 'login', app: 'x', expires: null }, { expires: ['This field may not be null.'] }],
    [{ action: 'login', app: 'x', expires: '9999-12-31T23:59:59-01:00' }, { expires: ['Datetime value out of range.'] }],
    [{ action: 'login', app: 'x', expires: '0001-01-01T00:00:00+00:01' }, { expires: ['Datetime value out of range.'] }],
    [{ action: 'login', app: 'x', user: null, context: null, brand: null }, { user: ['This field may not be null.'], context: ['This field may not be null.'], brand: ['This field may not be null.'] }],
    [
      { user: null, action: 'nope', app: '', client_ip: 'x', expires: 'x', brand: null },
      { user: ['This field may not be null.'], action: ['"nope" is not a valid choice.'], app: ['This field may not be blank.'], client_ip: ['Enter a valid IPv4 or IPv6 address.'], expires: DATETIME, brand: ['This field may not be null.'] },
    ],
  ])('%j -> 400 %j', async (body, errors) => {
    const before = store.events.size;
    const res = await post(body);
    expect([res.status, res.body]).toEqual([400, errors]);
    expect(JSON.stringify(Object.keys(res.body))).toBe(JSON.stringify(Object.keys(errors)));
    expect(store.events.size).toBe(before);
  });

  it.each([
    ['{"action":"login","app":1.0}', { app: '1.0' }],
    ['{"action":"login","app":5}', { app: '5' }],
    ['{"action":"login","app":1e3}', { app: '1000.0' }],
    ['{"action":"login","app":"  padded  "}', { app: 'padded' }],
    ['{"action":"login","app":"x","client_ip":"::ffff:1.2.3.4"}', { client_ip: '1.2.3.4' }],
    ['{"action":"login","app":"x","client_ip":" 10.1.2.3 "}', { client_ip: '10.1.2.3' }],
    ['{"action":"login","app":"x","client_ip":"2001:DB8::0:1"}', { client_ip: '2001:db8::1' }],
    ['{"action":"login","app":"x","client_ip":null}', { client_ip: null }],
    ['{"action":"login","app":"x","expires":"2025-01-01"}', { expires: '2025-01-01T00:00:00Z' }],
    ['{"action":"login","app":"x","expires":"2025-01-01T10:00:00"}', { expires: '2025-01-01T10:00:00Z' }],
    ['{"action":"login","app":"x","expires":"2025-01-01T10:00:00.5+02:00"}', { expires: '2025-01-01T08:00:00.500000Z' }],
    ['{"action":"login","app":"x","user":5,"context":"text","brand":[1,{"b":2}]}', { user: 5, context: 'text', brand: [1, { b: 2 }] }],
    ['{"action":"login","app":"x\\u2028y"}', { app: 'x\u2028y' }],
  ])('%s -> 201 with %j', async (text, fields) => {
    const res = await api.post(EVENTS).set('Content-Type', 'application/json').send(text);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject(fields);
  });

  it('writes U+2028 and U+2029 unescaped in the JSON text, as orjson does', async () => {
    const res = await api.post(EVENTS).set('Content-Type', 'application/json').send('{"action":"login","app":"a\\u2028b\\u2029c"}');
    expect(res.text).toContain('"app":"a\u2028b\u2029c"');
  });
});

describe('events_events_create: request bodies (authentik-behaviour.md, Request bodies table)', () => {
  const mock = createTestApp();
  const { api, store } = mock;
  const send = (body: string | Buffer, contentType?: string) => {
    const test = request(mock).post(EVENTS).set(AUTH);
    if (contentType !== undefined) test.set('Content-Type', contentType);
    return test.send(body);
  };

  it.each([
    ['{"action": "login",', 'JSON parse error - Expecting property name enclosed in double quotes: line 1 column 20 (char 19)'],
    ['{"action": login}', 'JSON parse error - Expecting value: line 1 column 12 (char 11)'],
    ['NaN', "JSON parse error - Out of range float values are not JSON compliant: 'NaN'"],
  ])('answers 400 to malformed JSON %j', async (body, detail) => {
    const res = await send(body, 'application/json');
    expect([res.status, res.body]).toEqual([400, { detail }]);
  });

  it('does not inflate a gzip Content-Encoding, as Django does not: the bytes reach the parser, which is authentik\'s crash', async () => {
    const before = store.events.size;
    const body = gzipSync(Buffer.from('{"action":"login","app":"x"}'));
    const res = await rawRequest(mock.app, 'POST', EVENTS, { ...AUTH, 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, body);
    expect([res.status, res.headers['content-type'], res.headers.allow, res.text]).toEqual([405, 'text/html; charset=utf-8', 'GET, HEAD, OPTIONS', '']);
    expect(store.events.size).toBe(before);
  });

  it('decodes the body in the charset the Content-Type names', async () => {
    const body = Buffer.from('{"action":"login","app":"caf\xe9"}', 'latin1');
    const res = await rawRequest(mock.app, 'POST', EVENTS, { ...AUTH, 'Content-Type': 'application/json; charset=latin-1' }, body);
    expect([res.status, JSON.parse(res.text).app]).toEqual([201, 'café']);
  });

  it('reads the body as UTF-8 when the charset is one Python does not know, as Django ignores it (measured)', async () => {
    const body = Buffer.from('{"action":"login","app":"café"}', 'utf8');
    const res = await rawRequest(mock.app, 'POST', EVENTS, { ...AUTH, 'Content-Type': 'application/json; charset=bogus' }, body);
    expect([res.status, JSON.parse(res.text).app]).toEqual([201, 'café']);
  });

  it.each(['text/plain', 'text/plain; charset=utf-8', 'application/merge-patch+json', 'application/x-www-form-urlencoded'])(
    'answers 415 for Content-Type %s, quoting the header as sent',
    async (type) => {
      const res = await send('{"action":"login","app":"x"}', type);
      expect([res.status, res.body]).toEqual([415, { detail: `Unsupported media type "${type}" in request.` }]);
    },
  );

  it('answers 415 with "" for a non-empty body without a Content-Type', async () => {
    const res = await request(mock).post(EVENTS).set(AUTH).unset('Content-Type').send(Buffer.from('{"action":"login","app":"x"}'));
    expect([res.status, res.body]).toEqual([415, { detail: 'Unsupported media type "" in request.' }]);
  });

  it.each(['application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json;version=2'])('parses %s as JSON', async (type) => {
    expect((await send('{"action":"login","app":"x"}', type)).status).toBe(201);
  });

  it.each([
    ['[]', 'list'],
    ['"text"', 'str'],
    ['5', 'int'],
    ['1.5', 'float'],
    ['true', 'bool'],
  ])('answers 400 non_field_errors for a %s body', async (body, type) => {
    const res = await send(body, 'application/json');
    expect([res.status, res.body]).toEqual([400, { non_field_errors: [`Invalid data. Expected a dictionary, but got ${type}.`] }]);
  });

  it('answers 400 "No data provided" for a JSON null body', async () => {
    const res = await send('null', 'application/json');
    expect([res.status, res.body]).toEqual([400, { non_field_errors: ['No data provided'] }]);
  });

  it.each([undefined, 'text/plain'])('treats an empty body as {} whatever its Content-Type (%s)', async (type) => {
    const test = request(mock).post(EVENTS).set(AUTH);
    if (type) test.set('Content-Type', type);
    const res = await test;
    expect([res.status, res.body]).toEqual([400, { action: ['This field is required.'], app: ['This field is required.'] }]);
  });

  it('loses nothing on rejected requests', async () => {
    const before = JSON.stringify(store.events.all());
    await send('{', 'application/json');
    await send('x', 'text/plain');
    await send('[]', 'application/json');
    expect(JSON.stringify(store.events.all())).toBe(before);
    expect((await api.get(`${EVENTS}?page_size=1`)).status).toBe(200);
  });
});

describe('events_events_retrieve, events_events_partial_update, events_events_update and events_events_destroy', () => {
  const setup = async () => {
    const t = createTestApp({ clock: steppingClock() });
    const created = await t.api.post(EVENTS).send({ action: 'login', app: 'before', context: { k: 1 }, client_ip: '1.1.1.1' });
    return { ...t, event: created.body as Record<string, unknown>, url: `${EVENTS}${String(created.body.pk)}/` };
  };

  it('finds an event by any UUID spelling and answers 404 otherwise', async () => {
    const { api, event } = await setup();
    const pk = String(event.pk);
    for (const spelling of [pk.toUpperCase(), pk.replaceAll('-', ''), `urn:uuid:${pk}`, `%7B${pk}%7D`]) {
      expect((await api.get(`${EVENTS}${spelling}/`)).body).toEqual(event);
    }
    for (const missing of ['qwerqwer', '00000000-0000-4000-8000-000000000000']) {
      const res = await api.get(`${EVENTS}${missing}/`);
      expect([res.status, res.body]).toEqual([404, { detail: 'Not found.' }]);
    }
  });

  it('applies list filters and search on the detail route', async () => {
    const { api, url } = await setup();
    expect((await api.get(`${url}?action=zzz`)).status).toBe(404);
    expect((await api.get(`${url}?action=LOG`)).status).toBe(200);
    expect((await api.get(`${url}?search=zzz`)).status).toBe(404);
    expect((await api.get(`${url}?search=before`)).status).toBe(200);
    expect((await api.get(`${url}?client_ip=1.1.1.2`)).status).toBe(404);
    expect((await api.patch(`${url}?action=zzz`).send({ app: 'x' })).status).toBe(404);
  });

  it('PATCH changes only the fields sent and keeps pk and created', async () => {
    const { api, event, url } = await setup();
    const res = await api.patch(url).send({ app: 'after', client_ip: null });
    expect([res.status, res.body]).toEqual([200, { ...event, app: 'after', client_ip: null }]);
    expect((await api.get(url)).body).toEqual(res.body);
  });

  it.each([[undefined], ['{}']])('PATCH with body %s returns the event unchanged', async (body) => {
    const { api, event, url } = await setup();
    const test = api.patch(url).set('Content-Type', 'application/json');
    const res = await (body === undefined ? test : test.send(body));
    expect([res.status, res.body]).toEqual([200, event]);
  });

  it('PATCH looks the event up before reading the body: 404 beats a bad body', async () => {
    const { api } = await setup();
    const res = await api.patch(`${EVENTS}00000000-0000-4000-8000-000000000000/`).set('Content-Type', 'text/plain').send('garbage');
    expect([res.status, res.body]).toEqual([404, { detail: 'Not found.' }]);
  });

  it('PATCH with a bad field answers 400 and changes nothing', async () => {
    const { api, event, url } = await setup();
    const res = await api.patch(url).send({ app: 'changed', action: 'nope' });
    expect([res.status, res.body]).toEqual([400, { action: ['"nope" is not a valid choice.'] }]);
    expect((await api.get(url)).body).toEqual(event);
  });

  it('PUT requires action and app, and leaves omitted optional fields alone', async () => {
    const { api, event, url } = await setup();
    const bad = await api.put(url).send({ app: 'x' });
    expect([bad.status, bad.body]).toEqual([400, { action: ['This field is required.'] }]);
    const res = await api.put(url).send({ action: 'logout', app: 'put' });
    expect([res.status, res.body]).toEqual([200, { ...event, action: 'logout', app: 'put' }]);
  });

  it('DELETE answers 204 without a body, then the event is gone', async () => {
    const { api, url } = await setup();
    const res = await api.delete(url);
    expect([res.status, res.text, res.headers['content-type']]).toEqual([204, '', undefined]);
    expect((await api.get(url)).status).toBe(404);
  });
});

describe('events_events_list', () => {
  const { api, store } = createTestApp({ events: 60 });

  it('orders by -created by default', async () => {
    const res = await api.get(EVENTS);
    const created = res.body.results.map((e: { created: string }) => Date.parse(e.created));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(res.body.pagination.count).toBe(60);
  });

  it('filters by username, action (icontains) and brand_name', async () => {
    const first = store.events.all()[0]!;
    const username = (first.user as { username: string }).username;
    const byUser = await api.get(`${EVENTS}?username=${username}`);
    expect(byUser.body.results.length).toBeGreaterThan(0);
    expect(byUser.body.results.every((e: { user: { username: string } }) => e.user.username === username)).toBe(true);
    const byAction = await api.get(`${EVENTS}?action=LOG`);
    expect(byAction.body.results.every((e: { action: string }) => e.action.includes('log'))).toBe(true);
    expect((await api.get(`${EVENTS}?brand_name=Brand%20fallback`)).body.pagination.count).toBe(60);
    expect((await api.get(`${EVENTS}?brand_name=other`)).body.pagination.count).toBe(0);
  });

  it('searches JSON fields as their jsonb text, quotes included', async () => {
    const username = (store.events.all()[0]!.user as { username: string }).username;
    const res = await api.get(`${EVENTS}?search=${encodeURIComponent(`"${username}"`)}&page_size=1000`);
    const expected = store.events.all().filter((e) => JSON.stringify(e.user).includes(`"${username}"`) || JSON.stringify(e.context).includes(`"${username}"`));
    expect(res.body.pagination.count).toBe(expected.length);
    expect(res.body.results.length).toBeGreaterThan(0);
  });

  it('requires every search term to match (spaces and commas split terms)', async () => {
    const all = (await api.get(`${EVENTS}?page_size=1000`)).body.results as Array<{ action: string; app: string }>;
    const res = await api.get(`${EVENTS}?search=login,events.signals&page_size=1000`);
    const hits = res.body.results as Array<{ action: string; app: string }>;
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThan(all.length);
  });

  it('keeps IPv6 addresses in Postgres inet form: the POST answer shows the serializer\'s text, reads show inet\'s', async () => {
    const sent = 'FB8F:EE7B:EFDF:0BFF:BE65:0B73:BFAD:11F2';
    const created = await api.post(EVENTS).send({ action: 'login', app: 'inet', client_ip: sent });
    expect(created.body.client_ip).toBe('fb8f:ee7b:efdf:bff:be65:b73:bfad:11f2');
    const compatible = await api.post(EVENTS).send({ action: 'login', app: 'inet', client_ip: '0:0:0:0:0:0:1.2.3.4' });
    expect(compatible.body.client_ip).toBe('::102:304');
    expect((await api.get(`${EVENTS}${compatible.body.pk}/`)).body.client_ip).toBe('::1.2.3.4');
    // Search sees inet's text; the filter compares addresses, however they are spelt.
    expect((await api.get(`${EVENTS}?search=efdf:bff`)).body.results.map((e: { pk: string }) => e.pk)).toEqual([created.body.pk]);
    expect((await api.get(`${EVENTS}?search=0bff`)).body.pagination.count).toBe(0);
    expect((await api.get(`${EVENTS}?client_ip=${encodeURIComponent(sent)}`)).body.results.map((e: { pk: string }) => e.pk)).toEqual([created.body.pk]);
    expect((await api.get(`${EVENTS}?client_ip=${encodeURIComponent('::102:304')}`)).body.results.map((e: { pk: string }) => e.pk)).toEqual([compatible.body.pk]);
    for (const pk of [created.body.pk, compatible.body.pk]) store.events.delete(pk);
  });

  it('orders by app, then -created, when asked', async () => {
    const res = await api.get(`${EVENTS}?ordering=app,-created`);
    const apps = res.body.results.map((e: { app: string }) => e.app);
    expect(apps).toEqual([...apps].sort());
  });

  it('orders client_ip as PostgreSQL orders inet: IPv4 before IPv6, then by address, not as text (measured)', async () => {
    const { api: fresh } = createTestApp({ events: 0 });
    for (const ip of ['10.0.0.2', '9.0.0.1', '::1', '1.2.3.4', '::ffff:1.2.3.5', 'fe80::1', '2001:db8::1', '255.255.255.255', '0.0.0.0', '::']) {
      expect((await fresh.post(EVENTS).send({ action: 'login', app: 'ipsort', client_ip: ip })).status).toBe(201);
    }
    await fresh.post(EVENTS).send({ action: 'login', app: 'no-ip' });
    const order = async (term: string) => (await fresh.get(`${EVENTS}?ordering=${term}`)).body.results.map((e: { client_ip: string | null }) => e.client_ip);
    // authentik 2024.8.6 on PostgreSQL 15 answered these orders; NULL last ascending, first descending.
    const ascending = ['0.0.0.0', '1.2.3.4', '1.2.3.5', '9.0.0.1', '10.0.0.2', '255.255.255.255', '::', '::1', '2001:db8::1', 'fe80::1'];
    expect(await order('client_ip')).toEqual([...ascending, null]);
    expect(await order('-client_ip')).toEqual([null, ...[...ascending].reverse()]);
  });
});
