import { runContract } from '../contract-tests/run-contract';
import { createPrismFallback } from '../src/fallback/prism-fallback';
import { createContract } from '../src/openapi/contract';
import { mergeAdminSpec, type OpenApiDocument } from '../src/openapi/spec-document';
import { fullSchema, fullSpecDeps } from './helpers/full-spec';
import { serve } from './helpers/serve';
import { createTestApp, EVENTS, onlyTokens, TASKS } from './helpers/test-app';
import { findAdminSpecPath, loadSpec } from '../src/node/spec-files';

// With authentik's whole schema: our handlers keep the events and tasks, Prism answers the rest, and
// everything goes through one pipeline. Strict response validation is on in every test, so any body that
// broke the schema would be a 500 here.
const app = createTestApp({ fullSpec: fullSpecDeps('static') });
const { api, http } = app;

describe('--full-spec: operations we do not implement (Prism fallback)', () => {
  it('answers admin/version/ with the schema example, schema-valid, and authentik headers', async () => {
    const res = await api.get('/api/v3/admin/version/');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ version_current: 'string', version_latest: 'string', version_latest_valid: true, build_hash: 'string', outdated: true, outpost_outdated: true });
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
    expect(res.headers['x-authentik-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(res.headers['x-powered-by']).toBe('authentik');
  });

  it('routes a literal segment before a parameter: core/users/me/ is core_users_me_retrieve, not a user lookup', async () => {
    const me = await api.get('/api/v3/core/users/me/');
    expect(me.status).toBe(200);
    expect(Object.keys(me.body).sort()).toEqual(['original', 'user']);
    const user = await api.get('/api/v3/core/users/7/');
    expect([user.status, typeof user.body.username]).toEqual([200, 'string']);
  });

  it('turns Prism request-validation findings into authentik answers', async () => {
    expect(await statusAndBody(api.get('/api/v3/core/groups/qwerqwer/'))).toEqual([404, { detail: 'Not found.' }]);
    expect(await statusAndBody(api.get('/api/v3/core/users/?page=abc'))).toEqual([404, { detail: 'Invalid page.' }]);
    expect((await api.get('/api/v3/core/users/?page_size=abc')).status).toBe(200);
    expect((await api.get('/api/v3/core/users/?page=last&page_size=+5')).status).toBe(200);
    expect(await statusAndBody(api.get('/api/v3/core/users/?page=0'))).toEqual([404, { detail: 'Invalid page.' }]);
    expect(await statusAndBody(api.get('/api/v3/core/users/?type=bogus'))).toEqual([400, { type: ['Select a valid choice. bogus is not one of the available choices.'] }]);
    expect(await statusAndBody(api.get('/api/v3/rbac/permissions/assigned_by_roles/'))).toEqual([400, { model: ['This field is required.'] }]);
    expect(await statusAndBody(api.post('/api/v3/core/groups/').send({}))).toEqual([400, { name: ['This field is required.'] }]);
    expect(await statusAndBody(api.post('/api/v3/core/groups/'))).toEqual([400, { name: ['This field is required.'] }]);
    expect(await statusAndBody(api.post('/api/v3/core/groups/').send({ name: 5 }))).toEqual([400, { name: ['Not a valid string.'] }]);
    expect(await statusAndBody(api.post('/api/v3/core/groups/').send({ name: '', is_superuser: 'x' }))).toEqual([400, { name: ['This field may not be blank.'], is_superuser: ['Must be a valid boolean.'] }]);
    expect(await statusAndBody(api.post('/api/v3/core/applications/').send({ name: 'a', slug: 'x'.repeat(60) }))).toEqual([400, { slug: ['Ensure this field has no more than 50 characters.'] }]);
  });

  it('parses bodies as authentik does before Prism sees them: 400 for bad JSON, 415 for other media types', async () => {
    const bad = await api.post('/api/v3/core/groups/').set('Content-Type', 'application/json').send('{"name":');
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/^JSON parse error - /);
    const text = await api.post('/api/v3/core/groups/').set('Content-Type', 'text/plain').send('name');
    expect([text.status, text.body]).toEqual([415, { detail: 'Unsupported media type "text/plain" in request.' }]);
  });

  it('creates with 201 and deletes with 204 and no body', async () => {
    const created = await api.post('/api/v3/core/groups/').send({ name: 'offline' });
    expect(created.status).toBe(201);
    expect(typeof created.body.pk).toBe('string');
    const deleted = await api.delete('/api/v3/core/groups/4af43191-2f37-4a16-8471-4e8e40c314af/');
    expect([deleted.status, deleted.text, deleted.headers['content-type']]).toEqual([204, '', undefined]);
  });

  it('answers 405 with Allow and OPTIONS metadata on a fallback URL, and the HTML 404 without the slash', async () => {
    const put = await api.put('/api/v3/admin/version/');
    expect([put.status, put.body, put.headers.allow]).toEqual([405, { detail: 'Method "PUT" not allowed.' }, 'GET, HEAD, OPTIONS']);
    const options = await api.options('/api/v3/admin/version/');
    expect(options.status).toBe(200);
    expect(options.body).toMatchObject({ renders: ['application/json'], parses: ['application/json'] });
    const noSlash = await api.get('/api/v3/admin/version');
    expect([noSlash.status, noSlash.headers['content-type']]).toEqual([404, 'text/html; charset=utf-8']);
  });

  it('still serves our own operations from the store, not from Prism', async () => {
    const tasks = await api.get(TASKS);
    expect(tasks.body.pagination.count).toBe(22);
    const events = await api.get(`${EVENTS}?page_size=1`);
    expect(events.body.pagination.count).toBe(app.store.events.size);
  });
});

describe('--full-spec: the same authentication, CORS, journal, faults and latency on a fallback operation', () => {
  it('answers the 403 table on fallback URLs: no credentials, unknown token, other scheme', async () => {
    const { http: strict } = createTestApp({ fullSpec: fullSpecDeps('static'), tokenPolicy: onlyTokens('good') });
    expect(await statusAndBody(strict.get('/api/v3/core/groups/'))).toEqual([403, { detail: 'Authentication credentials were not provided.' }]);
    expect(await statusAndBody(strict.post('/api/v3/core/groups/'))).toEqual([403, { detail: 'Authentication credentials were not provided.' }]);
    expect(await statusAndBody(strict.get('/api/v3/core/groups/4af43191-2f37-4a16-8471-4e8e40c314af/'))).toEqual([403, { detail: 'You do not have permission to perform this action.' }]);
    expect(await statusAndBody(strict.get('/api/v3/core/users/me/').set('Authorization', 'Bearer bad'))).toEqual([403, { detail: 'Token invalid/expired' }]);
    expect(await statusAndBody(strict.get('/api/v3/core/users/me/').set('Authorization', 'Basic eDp5'))).toEqual([403, { detail: 'Unsupported authentication type' }]);
    expect((await strict.get('/api/v3/core/users/me/').set('Authorization', 'Bearer good')).status).toBe(200);
    // Operations whose security allows anonymous callers (`- {}`) answer without credentials, but a bad token is still refused.
    expect((await strict.get('/api/v3/root/config/')).status).toBe(200);
    expect((await strict.get('/api/v3/core/brands/current/')).status).toBe(200);
    expect((await strict.get('/api/v3/root/config/').set('Authorization', 'Bearer bad')).status).toBe(403);
  });

  it('answers a CORS preflight and exposes X-authentik-id on a fallback URL', async () => {
    const preflight = await http.options('/api/v3/core/users/me/').set('Origin', 'http://localhost:5173').set('Access-Control-Request-Method', 'GET');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(preflight.headers['access-control-allow-headers']).toMatch(/authorization/i);
    const actual = await api.get('/api/v3/core/users/me/').set('Origin', 'http://localhost:5173');
    expect(actual.headers['access-control-expose-headers']).toMatch(/X-authentik-id/i);
  });

  it('records fallback requests in the journal with their operationId', async () => {
    const own = createTestApp({ fullSpec: fullSpecDeps('static') });
    await own.api.get('/api/v3/admin/version/');
    await own.api.post('/api/v3/core/groups/').send({});
    const journal = (await own.http.get('/__mock__/requests')).body.requests;
    expect(journal).toMatchObject([
      { method: 'POST', path: '/api/v3/core/groups/', operationId: 'core_groups_create', status: 400, request_body: {}, response_body: { name: ['This field is required.'] } },
      { method: 'GET', path: '/api/v3/admin/version/', operationId: 'admin_version_retrieve', status: 200, response_body: { version_current: 'string' } },
    ]);
  });

  it('injects faults, latency and dropped connections on fallback operations, known by their operationId', async () => {
    const own = createTestApp({ fullSpec: fullSpecDeps('static') });
    const set = await own.http.put('/__mock__/faults').send({ admin_version_retrieve: { status: 503 } });
    expect(set.status).toBe(200);
    expect(await statusAndBody(own.api.get('/api/v3/admin/version/'))).toEqual([503, { detail: 'Injected fault: HTTP 503' }]);
    expect((await own.api.get('/api/v3/core/users/me/')).status).toBe(200);
    // Latency on a fallback operation, then a dropped connection.
    await own.http.put('/__mock__/faults').send({ core_users_me_retrieve: { latency_ms: 150 }, root_config_retrieve: { drop_connection: true } });
    const started = Date.now();
    expect((await own.api.get('/api/v3/core/users/me/')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await expect(own.api.get('/api/v3/root/config/')).rejects.toThrow(/socket hang up|ECONNRESET/);
    // An injected success must be valid for that operation in the full schema.
    const version = { version_current: '2024.8.6', version_latest: '2024.8.6', version_latest_valid: true, build_hash: 'abc', outdated: false, outpost_outdated: false };
    expect((await own.http.put('/__mock__/faults').send({ admin_version_retrieve: { status: 200, body: version } })).status).toBe(200);
    expect(await statusAndBody(own.api.get('/api/v3/admin/version/'))).toEqual([200, version]);
    const wrong = await own.http.put('/__mock__/faults').send({ admin_version_retrieve: { status: 200, body: { version_current: 1 } } });
    expect([wrong.status, wrong.body.detail]).toEqual([400, "The body of the fault on admin_version_retrieve needs build_hash (checked as 200)."]);
  });
});

describe('--full-spec: our own operations are unchanged', () => {
  it('passes the whole contract suite served through the full schema, its one finding authentik\'s own run 404 body', async () => {
    const own = createTestApp({ fullSpec: fullSpecDeps('static'), tokenPolicy: onlyTokens('suite-token') });
    const server = await serve(own.app);
    try {
      const results = await runContract({ baseUrl: server.baseUrl, token: 'suite-token', contract: createContract(loadSpec()), runs: 10, taskRunWaitMs: 500 });
      // The mock reproduces authentik's body on the run 404, which the schema documents without content (decision 013).
      expect(results.filter((r) => r.outcome === 'fail').map((r) => `${r.operationId} ${r.cause}`)).toEqual(['events_system_tasks_run_create 404 response: must have no body']);
      expect(results.filter((r) => r.outcome === 'pass').length).toBeGreaterThan(1000);
    } finally {
      await server.close();
    }
    expect(own.logs).toEqual([]);
  }, 30_000);
});

describe('--full-spec: response validation covers Prism too', () => {
  it('reports a fallback body that breaks the schema as a response_contract_violation', async () => {
    // A schema whose only example contradicts it: Prism's static mode sends the example.
    const own = loadSpec();
    const broken: OpenApiDocument = {
      ...own,
      paths: {
        ...own.paths,
        '/core/broken/': {
          get: {
            operationId: 'core_broken_retrieve',
            security: [{ authentik: [] }],
            responses: { '200': { description: '', content: { 'application/json': { schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' } }, example: { name: 5 } } } } } },
          },
        },
      },
    };
    const contract = createContract(mergeAdminSpec(broken, loadSpec(findAdminSpecPath())), { lazy: true });
    const logs: string[] = [];
    const { api: brokenApi } = createTestApp({ fullSpec: { contract, fallback: createPrismFallback(broken, { mode: 'static', seed: 1, log: (line) => logs.push(line) }) } });
    const res = await brokenApi.get('/api/v3/core/broken/');
    expect([res.status, res.body]).toEqual([500, { detail: 'Response of core_broken_retrieve (200) violates the spec at /name: must be string', code: 'response_contract_violation' }]);
  });
});

describe('--full-spec: dynamic bodies', () => {
  it('makes faker data that is schema-valid and the same under the same seed', async () => {
    // Two fallbacks made apart, as two servers started with the same --seed would be.
    const separate = () => ({ contract: fullSchema().contract, fallback: createPrismFallback(fullSchema().spec, { mode: 'dynamic', seed: 7, log: () => undefined }) });
    const first = createTestApp({ fullSpec: separate() });
    const second = createTestApp({ fullSpec: separate() });
    const a = await first.api.get('/api/v3/admin/version/');
    const b = await second.api.get('/api/v3/admin/version/');
    expect(a.status).toBe(200);
    expect(a.body).toEqual(b.body);
    expect(a.body.version_current).not.toBe('string');
  });

  it('names a discriminated branch with its own value (ChallengeTypes on the flow executor)', async () => {
    const { api: dynamic } = createTestApp({ fullSpec: fullSpecDeps('dynamic') });
    for (let i = 0; i < 5; i++) {
      const challenge = await dynamic.get('/api/v3/flows/executor/default-authentication-flow/?query=next%3D%2F');
      expect(challenge.status).toBe(200);
      expect(challenge.body.component).toMatch(/^x?ak-/);
    }
  });
});

async function statusAndBody(test: PromiseLike<{ status: number; body: unknown }>): Promise<[number, unknown]> {
  const res = await test;
  return [res.status, res.body];
}
