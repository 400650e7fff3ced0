import fc from 'fast-check';
import { bodyArb, jsonText, nasty, queryArb, startFuzzTarget } from './helpers/fuzz-requests';
import { fullSpecDeps } from './helpers/full-spec';
import { createTestApp, TOKEN } from './helpers/test-app';

// The Prism fallback under odd input: whatever reaches it, the answer is a 2xx or authentik's 4xx,
// never a 5xx or a contract violation, and the process stays up. Fixed seed, so a failure repeats.
const SEED = 6_2024;
const RUNS = 1000;
const BODY_LIMIT = 64 * 1024;

const { app, logs } = createTestApp({ bodyLimit: BODY_LIMIT, events: 5, fullSpec: fullSpecDeps('static') });
let target: Awaited<ReturnType<typeof startFuzzTarget>>;
beforeAll(async () => {
  target = await startFuzzTarget(app);
});
afterAll(() => target.close());

const GROUP = '4af43191-2f37-4a16-8471-4e8e40c314af';
// Fallback operations of several shapes: lists with filters, detail URLs (UUID, integer, slug), creates,
// updates, actions, an anonymous operation, and a multipart upload.
const targets = fc.constantFrom(
  { method: 'GET', path: '/api/v3/core/users/' },
  { method: 'GET', path: '/api/v3/core/users/me/' },
  { method: 'GET', path: '/api/v3/core/users/7/' },
  { method: 'GET', path: '/api/v3/core/users/x.y/' },
  { method: 'GET', path: '/api/v3/core/groups/' },
  { method: 'POST', path: '/api/v3/core/groups/' },
  { method: 'POST', path: '/api/v3/core/groups/?page=x' },
  { method: 'PATCH', path: `/api/v3/core/groups/${GROUP}/` },
  { method: 'PUT', path: `/api/v3/core/groups/${GROUP}/` },
  { method: 'DELETE', path: '/api/v3/core/groups/qwerqwer/' },
  { method: 'DELETE', path: `/api/v3/core/groups/${GROUP}/` },
  { method: 'POST', path: '/api/v3/core/applications/' },
  { method: 'POST', path: '/api/v3/core/applications/grafana/set_icon/' },
  { method: 'GET', path: '/api/v3/flows/executor/default-authentication-flow/' },
  { method: 'POST', path: '/api/v3/flows/executor/default-authentication-flow/' },
  { method: 'GET', path: '/api/v3/rbac/permissions/assigned_by_roles/' },
  { method: 'GET', path: '/api/v3/root/config/' },
  { method: 'TRACE', path: '/api/v3/admin/version/' },
);

const requests = fc
  .record({
    target: targets,
    query: queryArb(['page', 'page_size', 'ordering', 'search', 'name', 'type', 'model', 'is_active', 'groups_by_pk', 'query']),
    auth: fc.constantFrom(`Bearer ${TOKEN}`, `Bearer ${TOKEN}`, undefined, 'Basic eDp5'),
    contentType: fc.constantFrom(undefined, 'application/json', 'application/json', 'application/json', 'application/json; charset=latin-1', 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded'),
    // Bodies that may pass validation too (a group needs a name), so that 2xx answers are fuzzed as well.
    body: fc.oneof({ weight: 1, arbitrary: bodyArb(BODY_LIMIT) }, { weight: 2, arbitrary: fc.record({ name: fc.oneof(fc.string(), nasty), is_superuser: fc.oneof(fc.boolean(), nasty) }, { requiredKeys: ['name'] }).map(jsonText) }),
  })
  .map(({ target: t, query, auth, contentType, body }) => ({
    method: t.method,
    path: `${t.path}${query}`,
    headers: { ...(auth ? { Authorization: auth } : {}), ...(contentType ? { 'Content-Type': contentType } : {}) },
    body: t.method === 'GET' ? undefined : body,
  }));

describe('fuzzing the Prism fallback', () => {
  it(`answers ${RUNS} odd requests to fallback operations with no 5xx`, async () => {
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(requests, async (req) => {
        const res = await target.send(req);
        statuses.add(res.status);
        if (res.status >= 500) throw new Error(`${res.status} ${res.text.slice(0, 300)}`);
        if (res.contentType.startsWith('application/json')) JSON.parse(res.text);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect([...statuses].sort()).toEqual(expect.arrayContaining([200, 201, 204, 400, 403, 404, 405, 413, 415]));
    expect(logs).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const alive = await target.send({ method: 'GET', path: '/api/v3/admin/version/', headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(alive.status).toBe(200);
  }, 60_000);
});
