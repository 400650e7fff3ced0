import { request } from './helpers/inject';
import { AUTH, createTestApp, EVENTS, TASKS } from './helpers/test-app';

const mock = createTestApp();
const { store } = mock;
const eventUrl = () => `${EVENTS}${store.events.all()[0]!.pk}/`;
const taskUrl = () => `${TASKS}${store.systemTasks.all()[0]!.uuid}/`;

describe('URLs that match no route go to Django\'s error views (no slash redirect, as on authentik)', () => {
  const SECURITY = { 'x-powered-by': 'authentik', 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin' };

  it.each(['/api/v3/events/events', '/api/v3/events/system_tasks', '/api/v3/events/events/00000000-0000-4000-8000-000000000000'])(
    'GET %s answers an HTML 404 with Vary: Cookie and no Allow',
    async (url) => {
      const res = await request(mock).get(url).set(AUTH);
      expect(res.status).toBe(404);
      expect(res.headers).toMatchObject({ 'content-type': 'text/html; charset=utf-8', vary: 'Cookie', ...SECURITY });
      expect(res.headers.allow).toBeUndefined();
      expect(res.text).toBe('<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n');
    },
  );

  it.each(['post', 'patch', 'put', 'delete'] as const)('%s without the slash answers 405 with an empty text/html body and Allow', async (method) => {
    const res = await request(mock)[method]('/api/v3/events/events').set(AUTH).send({ action: 'login', app: 'x' });
    expect([res.status, res.text]).toEqual([405, '']);
    expect(res.headers).toMatchObject({ 'content-type': 'text/html; charset=utf-8', 'content-length': '0', allow: 'GET, HEAD, OPTIONS', vary: 'Cookie', ...SECURITY });
  });

  it('OPTIONS without the slash answers 200 with an empty text/html body and Allow', async () => {
    const res = await request(mock).options('/api/v3/events/events').set(AUTH);
    expect([res.status, res.text]).toEqual([200, '']);
    expect(res.headers).toMatchObject({ 'content-type': 'text/html; charset=utf-8', 'content-length': '0', allow: 'GET, HEAD, OPTIONS', vary: 'Cookie', ...SECURITY });
  });

  it('HEAD without the slash answers the 404 without a body', async () => {
    const res = await request(mock).head('/api/v3/events/events').set(AUTH);
    expect([res.status, res.text, res.headers['content-type'], res.headers.vary]).toEqual([404, '', 'text/html; charset=utf-8', 'Cookie']);
  });

  it.each(['/api/v3/', '/api/v3/events/', '/api/v3/core/users/me/', '/', '/API/v3/events/events/', '/api/v3/events/events/a.b/'])(
    'GET %s (no such route) answers the HTML 404',
    async (url) => {
      const res = await request(mock).get(url).set(AUTH);
      expect([res.status, res.headers['content-type']]).toEqual([404, 'text/html; charset=utf-8']);
    },
  );
});

describe('methods', () => {
  it.each([
    [EVENTS, 'GET, POST, HEAD, OPTIONS'],
    ['event', 'GET, PUT, PATCH, DELETE, HEAD, OPTIONS'],
    [TASKS, 'GET, HEAD, OPTIONS'],
    ['task', 'GET, HEAD, OPTIONS'],
  ])('%s carries Allow: %s on every JSON response', async (which, allow) => {
    const url = which === 'event' ? eventUrl() : which === 'task' ? taskUrl() : which;
    expect((await request(mock).get(url).set(AUTH)).headers.allow).toBe(allow);
    expect((await request(mock).get(url)).headers.allow).toBe(allow);
    expect((await request(mock).get(`${url}?page=99`).set(AUTH)).headers.allow).toBe(allow);
  });

  it.each([
    ['delete', EVENTS, 'DELETE'],
    ['put', EVENTS, 'PUT'],
    ['patch', EVENTS, 'PATCH'],
    ['post', 'event', 'POST'],
    ['post', TASKS, 'POST'],
    ['delete', 'task', 'DELETE'],
    ['patch', 'task', 'PATCH'],
  ] as const)('%s %s answers 405 Method "%s" not allowed.', async (method, which, name) => {
    const url = which === 'event' ? eventUrl() : which === 'task' ? taskUrl() : which;
    const res = await request(mock)[method](url).set(AUTH);
    expect([res.status, res.body]).toEqual([405, { detail: `Method "${name}" not allowed.` }]);
    const allow = which === EVENTS ? 'GET, POST, HEAD, OPTIONS' : which === 'event' ? 'GET, PUT, PATCH, DELETE, HEAD, OPTIONS' : 'GET, HEAD, OPTIONS';
    expect(res.headers.allow).toBe(allow);
  });

  it('answers HEAD like GET, without a body', async () => {
    const res = await request(mock).head(TASKS).set(AUTH);
    expect([res.status, res.text, res.headers['content-type']]).toEqual([200, '', 'application/json; charset=utf-8']);
    expect(Number(res.headers['content-length'])).toBeGreaterThan(100);
  });

  it('answers OPTIONS without Origin with DRF metadata', async () => {
    const res = await request(mock).options(TASKS).set(AUTH);
    expect([res.status, res.body]).toEqual([
      200,
      { name: 'System Task List', description: 'Read-only view set that returns all background tasks', renders: ['application/json'], parses: ['application/json'] },
    ]);
  });
});

describe('content negotiation (406 and ?format=)', () => {
  it.each(['text/html', 'application/xml', 'text/*', 'garbage', ''])('answers 406 to Accept: %j', async (accept) => {
    const res = await request(mock).get(TASKS).set(AUTH).set('Accept', accept);
    expect([res.status, res.body]).toEqual([406, { detail: 'Could not satisfy the request Accept header.' }]);
  });

  it.each(['application/json', '*/*', 'application/*', 'text/html, application/json;q=0.1', 'application/json; indent=4', 'APPLICATION/JSON'])(
    'answers JSON to Accept: %s',
    async (accept) => {
      expect((await request(mock).get(TASKS).set(AUTH).set('Accept', accept)).status).toBe(200);
    },
  );

  it('accepts ?format=json and answers 404 Not found. to another format', async () => {
    expect((await request(mock).get(`${TASKS}?format=json`).set(AUTH)).status).toBe(200);
    const res = await request(mock).get(`${TASKS}?format=api`).set(AUTH);
    expect([res.status, res.body]).toEqual([404, { detail: 'Not found.' }]);
  });
});

describe('response headers', () => {
  it('sends authentik headers and compact JSON', async () => {
    const res = await request(mock).get(`${TASKS}?page_size=1`).set(AUTH);
    expect(res.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      vary: 'Cookie',
      'x-powered-by': 'authentik',
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
    });
    expect(res.headers['x-authentik-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(res.headers.etag).toBeUndefined();
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.text).not.toMatch(/": |, "/);
  });

  it('gives every request its own id', async () => {
    const a = await request(mock).get(TASKS);
    const b = await request(mock).get(TASKS);
    expect(a.headers['x-authentik-id']).not.toBe(b.headers['x-authentik-id']);
  });
});

describe('CORS for browser frontends on another origin', () => {
  it('answers a preflight with 204, without authentication, allowing Authorization', async () => {
    const res = await request(mock).options(EVENTS).set('Origin', 'http://localhost:5173').set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'authorization, content-type');
    expect(res.status).toBe(204);
    expect(res.headers).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'authorization, content-type',
      'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS',
    });
  });

  it('exposes X-authentik-id on actual requests', async () => {
    const res = await request(mock).get(TASKS).set(AUTH).set('Origin', 'http://localhost:5173');
    expect(res.headers).toMatchObject({ 'access-control-allow-origin': '*', 'access-control-expose-headers': 'X-authentik-id' });
  });

  it('with --cors-origin, echoes allowed origins only', async () => {
    const restricted = createTestApp({ corsOrigins: ['http://app.test'] });
    const ok = await request(restricted).get(TASKS).set(AUTH).set('Origin', 'http://app.test');
    expect(ok.headers['access-control-allow-origin']).toBe('http://app.test');
    expect(ok.headers.vary).toBe('Origin, Cookie');
    const other = await request(restricted).options(TASKS).set('Origin', 'http://evil.test').set('Access-Control-Request-Method', 'GET');
    expect(other.status).toBe(204);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('request body limit', () => {
  it('answers 413 with a GenericError body and keeps serving', async () => {
    const small = createTestApp({ bodyLimit: 100 });
    const res = await small.api.post(EVENTS).send({ action: 'login', app: 'x'.repeat(200) });
    expect([res.status, res.body]).toEqual([413, { detail: 'Request body is larger than the limit of 100 bytes.' }]);
    expect((await small.api.post(EVENTS).send({ action: 'login', app: 'x' })).status).toBe(201);
  });
});
