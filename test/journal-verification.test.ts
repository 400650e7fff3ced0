import { createAdminClient, MockAdminError, startMock, type RunningMock } from '../src/index';
import { maskCredential } from '../src/mock-control/journal';
import { createTestApp, EVENTS, onlyTokens, TASKS } from './helpers/test-app';

// Verification (issue 18, part 4): what the journal keeps of a request, its filters, and waiting for requests.
describe('the journal records who asked and what answered', () => {
  it('keeps the request headers with the credential masked, the principal, and whether a fault answered', async () => {
    const { http } = createTestApp({ tokenPolicy: { mode: 'list', tokens: new Map([['qa-restricted-token', { token: 'qa-restricted-token', superuser: false, permissions: new Set(['view_event', 'add_event'] as const) }]]) } });
    await http.get(`${EVENTS}?page_size=2`).set('Authorization', 'Bearer qa-restricted-token').set('X-Trace', 'a1');
    await http.put('/__mock__/faults').send({ events_events_list: { status: 503 } });
    await http.get(EVENTS).set('Authorization', 'Bearer qa-restricted-token');
    await http.get(TASKS);
    const [anonymous, fault, listed] = (await http.get('/__mock__/requests')).body.requests;
    expect(listed).toMatchObject({
      method: 'GET',
      url: '/api/v3/events/events/?page_size=2',
      request_headers: expect.objectContaining({ authorization: 'Bearer qa-r…', 'x-trace': 'a1' }),
      principal: { token: 'qa-r…', superuser: false, permissions: ['add_event', 'view_event'] },
      answered_by: 'mock',
    });
    expect([fault.status, fault.principal.token, fault.answered_by]).toEqual([503, 'qa-r…', 'fault']);
    expect([anonymous.status, anonymous.principal, anonymous.answered_by, anonymous.request_headers.authorization]).toEqual([403, null, 'mock', undefined]);
  });

  it('masks any scheme, and shows nothing of a short token', () => {
    expect([maskCredential('Bearer abcdefghijk'), maskCredential('Bearer short'), maskCredential('Basic dXNlcjpwYXNzd29yZA=='), maskCredential('token')]).toEqual(['Bearer abcd…', 'Bearer …', 'Basic dXNl…', '…']);
  });
});

describe('GET /__mock__/requests filters', () => {
  it('by method, status and query parameters, all of which must hold', async () => {
    const { api, http } = createTestApp({ tokenPolicy: onlyTokens('test-token') });
    await api.get(`${EVENTS}?page_size=20&ordering=-created`);
    await api.get(`${EVENTS}?page_size=5`);
    await api.post(EVENTS).send({ action: 'login', app: 'x' });
    await api.get(`${EVENTS}?page=99`);
    const urls = async (query: string) => ((await http.get(`/__mock__/requests?${query}`)).body.requests as Array<{ url: string }>).map((entry) => entry.url);
    expect(await urls('operationId=events_events_list&query=page_size%3D20')).toEqual(['/api/v3/events/events/?page_size=20&ordering=-created']);
    expect(await urls('method=post')).toEqual(['/api/v3/events/events/']);
    expect(await urls('status=404')).toEqual(['/api/v3/events/events/?page=99']);
    expect(await urls('query=page_size%3D20&query=ordering%3Dcreated')).toEqual([]);
    const bad = await http.get('/__mock__/requests?query=page_size');
    expect([bad.status, bad.text]).toEqual([400, '{"detail":"query must be name=value, not \\"page_size\\""}']);
  });
});

describe('waitForRequests', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ tokens: ['t'], adminToken: 'admin-secret', quiet: true });
  });
  afterAll(() => mock.close());
  beforeEach(() => mock.admin.clearRequests());

  const listEvents = (query: string) => fetch(`${mock.apiUrl}/events/events/?${query}`, { headers: { Authorization: 'Bearer t' } });

  it('resolves on requests made after it was called, in-process and from another process\'s view over HTTP', async () => {
    const overHttp = createAdminClient(mock.url, { adminToken: 'admin-secret' });
    const waiting = overHttp.waitForRequests({ operationId: 'events_events_list', query: { page_size: '20' } }, { count: 2, timeoutMs: 10_000 });
    const inProcess = mock.admin.waitForRequests({ operationId: 'events_events_list', query: { page_size: '20' } }, { count: 2, timeoutMs: 10_000 });
    await listEvents('page_size=20');
    await listEvents('page_size=5');
    await listEvents('page_size=20&page=2');
    for (const seen of await Promise.all([waiting, inProcess])) expect(seen.map((entry) => entry.url)).toEqual(['/api/v3/events/events/?page_size=20&page=2', '/api/v3/events/events/?page_size=20']);
  });

  it('counts the requests already recorded, and rejects on timeout with what it saw', async () => {
    await listEvents('page_size=20');
    expect((await mock.admin.waitForRequests({ query: { page_size: '20' } })).length).toBe(1);
    const refused = await mock.admin.waitForRequests({ query: { page_size: '20' } }, { count: 3, timeoutMs: 200 }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(MockAdminError);
    expect((refused as MockAdminError).message).toBe('waited 200 ms for 3 request(s) matching {"query":{"page_size":"20"}}; saw 1: GET /api/v3/events/events/?page_size=20 → 200');
  });

  it('refuses a count or timeout out of range with a 400 naming it', async () => {
    const res = await fetch(`${mock.url}/__mock__/requests/wait?count=0`, { headers: { Authorization: 'Bearer admin-secret' } });
    expect([res.status, await res.text()]).toEqual([400, '{"detail":"count must be a whole number from 1 to 1000"}']);
    const long = await fetch(`${mock.url}/__mock__/requests/wait?timeout_ms=60001`, { headers: { Authorization: 'Bearer admin-secret' } });
    expect(await long.text()).toBe('{"detail":"timeout_ms must be a whole number from 0 to 60000"}');
  });
});
