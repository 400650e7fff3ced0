import request from 'supertest';
import { rawRequest, type RawResponse } from './helpers/raw-request';
import { AUTH, createTestApp, EVENTS, TASKS } from './helpers/test-app';

// authentik-behaviour.md, "Measured on authentik's own code", Crashes: authentik's 500 handler is a page view
// that allows only GET, HEAD and OPTIONS, so a crash is a 500 page on GET and an empty 405 on writes.
const SERVER_ERROR_PAGE =
  '<!doctype html>\n<html lang="en">\n<head>\n  <title>Server Error (500)</title>\n</head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n';
const CRASH_LOG = /^authentik answers this with its error page: /;

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; text: string };

/** The status, the headers that matter and the body of one answer. */
const shape = (res: Answer | RawResponse) => ({
  status: res.status,
  contentType: res.headers['content-type'],
  allow: res.headers.allow,
  vary: res.headers.vary,
  poweredBy: res.headers['x-powered-by'],
  body: res.text,
});

const PAGE_500 = { status: 500, contentType: 'text/html; charset=utf-8', allow: undefined, vary: 'Cookie', poweredBy: 'authentik', body: SERVER_ERROR_PAGE };
const EMPTY_405 = { status: 405, contentType: 'text/html; charset=utf-8', allow: 'GET, HEAD, OPTIONS', vary: 'Cookie', poweredBy: 'authentik', body: '' };
const EMPTY_200 = { ...EMPTY_405, status: 200 };

describe('authentik\'s crashes, as the client sees them', () => {
  const { app, api, store, logs } = createTestApp();
  const post = (text: string) => api.post(EVENTS).set('Content-Type', 'application/json').send(text);
  const someEvent = () => store.events.all()[0]!;

  beforeEach(() => {
    logs.length = 0;
  });
  afterEach(() => {
    // A crash is logged as authentik's answer, never as the mock's own error.
    for (const line of logs) expect(line).toMatch(CRASH_LOG);
  });

  it('logs one line naming the cause and the request, not a stack', async () => {
    await api.get(`${EVENTS}?client_ip=abc`);
    expect(logs).toEqual(['authentik answers this with its error page: ipaddress.ip_address() rejects the client_ip filter value "abc" (GET /api/v3/events/events/?client_ip=abc)']);
  });

  describe('NUL inside a JSON field (Postgres jsonb refuses it)', () => {
    it.each([
      ['a context value', '{"action":"login","app":"x","context":{"a":"x\\u0000y"}}'],
      ['a context key', '{"action":"login","app":"x","context":{"a\\u0000":1}}'],
      ['a user value deep down', '{"action":"login","app":"x","user":{"a":[{"b":"\\u0000"}]}}'],
      ['the brand', '{"action":"login","app":"x","brand":"\\u0000"}'],
    ])('POST with NUL in %s answers the empty 405 and stores nothing', async (_where, text) => {
      const before = store.events.version;
      expect(shape(await post(text))).toEqual(EMPTY_405);
      expect(store.events.version).toBe(before);
    });

    it('PATCH and PUT with NUL answer the empty 405 and change nothing', async () => {
      const event = someEvent();
      expect(shape(await api.patch(`${EVENTS}${event.pk}/`).send({ context: { a: '\u0000' } }))).toEqual(EMPTY_405);
      expect(shape(await api.put(`${EVENTS}${event.pk}/`).send({ action: 'login', app: 'x', user: { '\u0000': 1 } }))).toEqual(EMPTY_405);
      expect(store.events.get(event.pk)).toBe(event);
    });

    it('comes after validation: a body with another invalid field is still a 400', async () => {
      const res = await post('{"action":"nope","app":"x","context":{"a":"\\u0000"}}');
      expect([res.status, res.body]).toEqual([400, { action: ['"nope" is not a valid choice.'] }]);
    });
  });

  describe('a JSON field nested too deep for orjson to write back', () => {
    const nested = (levels: number) => `${'{"a":'.repeat(levels - 1)}{}${'}'.repeat(levels - 1)}`;

    it('POST with a context of 254 levels answers the empty 405 and stores nothing; 253 levels is created', async () => {
      const before = store.events.size;
      expect(shape(await post(`{"action":"login","app":"x","context":${nested(254)}}`))).toEqual(EMPTY_405);
      expect(store.events.size).toBe(before);
      const created = await post(`{"action":"login","app":"deep","context":${nested(253)}}`);
      expect(created.status).toBe(201);
      // On its own the event is written; in a list page it sits two levels deeper, where orjson gives up.
      expect((await api.get(`${EVENTS}${(created.body as { pk: string }).pk}/`)).status).toBe(200);
      expect(shape(await api.get(`${EVENTS}?search=deep`))).toEqual(PAGE_500);
      store.events.delete((created.body as { pk: string }).pk);
    });
  });

  describe('a body that is not valid UTF-8', () => {
    const bad = Buffer.from([0x7b, 0xff, 0x7d]);

    it.each(['POST', 'PUT', 'PATCH'])('%s answers the empty 405 and stores nothing', async (method) => {
      const before = store.events.version;
      const url = method === 'POST' ? EVENTS : `${EVENTS}${someEvent().pk}/`;
      expect(shape(await rawRequest(app, method, url, { ...AUTH, 'Content-Type': 'application/json' }, bad))).toEqual(EMPTY_405);
      expect(store.events.version).toBe(before);
    });

    it('is read only after the lookup: PATCH of a missing event is a 404', async () => {
      const res = await rawRequest(app, 'PATCH', `${EVENTS}00000000-0000-4000-8000-000000000000/`, { ...AUTH, 'Content-Type': 'application/json' }, bad);
      expect([res.status, JSON.parse(res.text)]).toEqual([404, { detail: 'Not found.' }]);
    });

    it('charset=ascii with a byte above 0x7f fails the same way', async () => {
      const res = await rawRequest(app, 'POST', EVENTS, { ...AUTH, 'Content-Type': 'application/json; charset=ascii' }, Buffer.from('{"app":"\xe9"}', 'latin1'));
      expect(shape(res)).toEqual(EMPTY_405);
    });
  });

  describe('an Authorization header with bytes ≥ 0x80, on any method', () => {
    // `été` as UTF-8 bytes; Node sends each character of a header string as one latin-1 byte.
    const header = `Bearer ${Buffer.from('été').toString('latin1')}`;

    it.each([EVENTS, TASKS, `${EVENTS}00000000-0000-4000-8000-000000000000/`])('GET %s answers the 500 page', async (url) => {
      expect(shape(await request(app).get(url).set('Authorization', header))).toEqual(PAGE_500);
    });

    it('POST, PATCH and DELETE answer the empty 405, OPTIONS the empty 200, HEAD the 500 without a body', async () => {
      const target = someEvent();
      const before = store.events.size;
      expect(shape(await request(app).post(EVENTS).set('Authorization', header).send({ action: 'login', app: 'x' }))).toEqual(EMPTY_405);
      expect(shape(await request(app).patch(`${EVENTS}${target.pk}/`).set('Authorization', header).send({}))).toEqual(EMPTY_405);
      expect(shape(await request(app).delete(`${EVENTS}${target.pk}/`).set('Authorization', header))).toEqual(EMPTY_405);
      expect(shape(await request(app).options(EVENTS).set('Authorization', header))).toEqual(EMPTY_200);
      const head = await request(app).head(TASKS).set('Authorization', header);
      expect([head.status, head.headers['content-type'], head.text]).toEqual([500, 'text/html; charset=utf-8', undefined]);
      // Nothing was created, changed or deleted.
      expect([store.events.size, store.events.get(target.pk)]).toEqual([before, target]);
    });

    it('a plain ASCII token is not affected', async () => {
      expect((await request(app).get(TASKS).set('Authorization', 'Bearer ete')).status).toBe(200);
    });
  });

  describe('an events client_ip filter that is not an address', () => {
    it.each(['abc', '1.2.3.4/24', '01.2.3.4', '1.2.3'])('GET the list with client_ip=%s answers the 500 page', async (value) => {
      expect(shape(await api.get(`${EVENTS}?client_ip=${encodeURIComponent(value)}`))).toEqual(PAGE_500);
    });

    it('checks a page number that is no positive int first (404 Invalid page.)', async () => {
      const res = await api.get(`${EVENTS}?client_ip=abc&page=0`);
      expect([res.status, res.body]).toEqual([404, { detail: 'Invalid page.' }]);
    });

    it('is a 404 on a detail URL, where DRF\'s get_object_or_404 catches the ValueError', async () => {
      const res = await api.get(`${EVENTS}${someEvent().pk}/?client_ip=abc`);
      expect([res.status, res.body]).toEqual([404, { detail: 'Not found.' }]);
    });
  });

  describe('a stored integer beyond 64 bits', () => {
    it('is echoed as a float, then every read of its row is the 500 page, and writes that show it the empty 405', async () => {
      const created = await post('{"action":"login","app":"bigint","context":{"n":18446744073709551616}}');
      expect(created.status).toBe(201);
      expect(created.text).toContain('"context":{"n":1.8446744073709552e19}');
      const url = `${EVENTS}${(created.body as { pk: string }).pk}/`;
      expect(shape(await api.get(url))).toEqual(PAGE_500);
      expect(shape(await api.get(`${EVENTS}?search=bigint`))).toEqual(PAGE_500);
      expect((await api.get(`${EVENTS}?search=nothing-matches-this`)).status).toBe(200);
      const stored = store.events.get((created.body as { pk: string }).pk);
      expect(shape(await api.patch(url).send({ app: 'other' }))).toEqual(EMPTY_405);
      expect(store.events.get((created.body as { pk: string }).pk)).toBe(stored);
      // OPTIONS looks the row up without writing it, so it still offers PUT.
      expect(Object.keys((await api.options(url)).body.actions as object)).toEqual(['PUT']);
      // Writing the field anew heals the row; deleting needs no answer body.
      expect((await api.patch(url).send({ context: { n: 1 } })).status).toBe(200);
      expect((await api.get(url)).status).toBe(200);
      expect((await api.delete(url)).status).toBe(204);
    });
  });
});
