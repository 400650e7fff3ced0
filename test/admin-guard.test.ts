import { exposureWarning, isLoopbackHost } from '../src/core/admin-guard';
import { createTestApp, TASKS, AUTH } from './helpers/test-app';

const refusedHost = (name: string) => ({
  detail: `Host "${name}" is not allowed for the admin API and the dashboard (DNS rebinding protection); start the mock with --allowed-hosts ${name} to allow it.`,
});
const refusedOrigin = (origin: string) => ({ detail: `Origin ${origin} may not use the admin API (only this server's own pages may); start the mock with --cors-origin ${origin} to allow it.` });

describe('the admin API and the dashboard refuse other sites', () => {
  it('answers a page on another origin 403 without CORS headers, where the API still allows any origin', async () => {
    const { http } = createTestApp();
    const journal = await http.get('/__mock__/requests').set({ Host: '127.0.0.1:9000', Origin: 'http://evil.test' });
    expect([journal.status, journal.body, journal.headers['access-control-allow-origin']]).toEqual([403, refusedOrigin('http://evil.test'), undefined]);
    const preflight = await http.options('/__mock__/state').set({ Host: '127.0.0.1:9000', Origin: 'http://evil.test', 'Access-Control-Request-Method': 'PUT' });
    expect([preflight.status, preflight.headers['access-control-allow-origin'], preflight.headers['access-control-allow-methods']]).toEqual([403, undefined, undefined]);
    const api = await http.get(TASKS).set(AUTH).set({ Host: '127.0.0.1:9000', Origin: 'http://evil.test' });
    expect([api.status, api.headers['access-control-allow-origin']]).toEqual([200, '*']);
  });

  it('refuses a cross-site POST that needs no preflight, and changes nothing', async () => {
    const { http } = createTestApp();
    await http.post('/__mock__/scenarios/empty');
    const reset = await http.post('/__mock__/reset').set({ Host: 'localhost:9000', Origin: 'http://evil.test' });
    expect([reset.status, reset.body]).toEqual([403, refusedOrigin('http://evil.test')]);
    expect((await http.get('/__mock__/overview')).body.state).toEqual({ scenario: 'empty', system_tasks: 0, events: 0 });
  });

  it('answers its own pages (Origin is this server) without CORS headers', async () => {
    const { http } = createTestApp();
    const res = await http.post('/__mock__/reset').set({ Host: '127.0.0.1:9000', Origin: 'http://127.0.0.1:9000' });
    expect([res.status, res.headers['access-control-allow-origin']]).toEqual([200, undefined]);
  });

  it('with --cors-origin, lets that origin read and write the admin API, preflight included', async () => {
    const { http } = createTestApp({ corsOrigins: ['http://app.test'] });
    const preflight = await http.options('/__mock__/faults').set({ Host: '127.0.0.1:9000', Origin: 'http://app.test', 'Access-Control-Request-Method': 'PUT' });
    expect([preflight.status, preflight.headers['access-control-allow-origin'], preflight.headers['access-control-allow-methods']]).toEqual([204, 'http://app.test', 'GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS']);
    const res = await http.get('/__mock__/faults').set({ Host: '127.0.0.1:9000', Origin: 'http://app.test' });
    expect([res.status, res.headers['access-control-allow-origin'], res.headers.vary]).toEqual([200, 'http://app.test', 'Origin, Cookie']);
    expect((await http.get('/__mock__/faults').set({ Host: '127.0.0.1:9000', Origin: 'http://other.test' })).status).toBe(403);
  });

  it.each([
    ['localhost:9000', 200],
    ['LOCALHOST', 200],
    ['127.0.0.1:9000', 200],
    ['[::1]:9000', 200],
    ['app.localhost:5173', 200],
    // An IP literal cannot come from DNS rebinding: the page's own origin is that address.
    ['192.168.1.20:9000', 200],
    ['[fe80::1]', 200],
    ['evil.example', 403],
    ['evil.example:9000', 403],
    ['localhost.evil.example', 403],
  ])('with Host %s answers %d', async (host, status) => {
    const { http } = createTestApp();
    const res = await http.get('/__mock__/overview').set('Host', host);
    expect(res.status).toBe(status);
    if (status === 403) expect(res.body).toEqual(refusedHost(host.replace(/:\d+$/, '').toLowerCase()));
  });

  it('accepts the --host value and --allowed-hosts (a leading dot takes subdomains; all turns the check off)', async () => {
    const { http } = createTestApp({ listenHost: 'mock.internal', allowedHosts: ['qa.test', '.corp.test'] });
    const status = async (host: string) => (await http.get('/__mock__/overview').set('Host', host)).status;
    expect(await Promise.all(['mock.internal:9000', 'qa.test', 'corp.test', 'a.b.corp.test', 'xcorp.test', 'sub.qa.test'].map(status))).toEqual([200, 200, 200, 200, 403, 403]);
    const open = createTestApp({ allowedHosts: ['all'] });
    expect((await open.http.get('/__mock__/overview').set('Host', 'evil.example')).status).toBe(200);
  });

  it('refuses a foreign Host on the dashboard page too, and leaves authentik API paths to their own rules', async () => {
    const { http } = createTestApp({ dashboard: new Map([['', { contentType: 'text/html; charset=utf-8', text: '<!doctype html>' }]]) });
    const page = await http.get('/__mock__/').set('Host', 'evil.example');
    expect([page.status, page.body]).toEqual([403, refusedHost('evil.example')]);
    expect((await http.get(TASKS).set(AUTH).set('Host', 'evil.example')).status).toBe(200);
  });
});

describe('the warning for a mock reachable from other machines without --admin-token', () => {
  it.each([
    ['0.0.0.0', undefined, true],
    ['::', undefined, true],
    ['192.168.1.5', undefined, true],
    ['0.0.0.0', 'secret', false],
    ['127.0.0.1', undefined, false],
    ['localhost', undefined, false],
    ['::1', undefined, false],
  ])('listening on %s with admin token %s: warns %s', (host, token, warns) => {
    const expected = `warning: listening on ${host} without --admin-token: anyone who can reach this port can read the request journal and replace the state; pass --admin-token`;
    expect(exposureWarning(host, token)).toBe(warns ? expected : undefined);
  });

  it('is what the overview reports', async () => {
    const { http } = createTestApp({ listenHost: '0.0.0.0' });
    expect((await http.get('/__mock__/overview')).body.warnings).toEqual([exposureWarning('0.0.0.0', undefined)]);
  });

  it('knows loopback names', () => {
    expect(['localhost', 'a.localhost', '127.0.0.2', '[::1]:80', '::1', '10.0.0.1', 'localhost.example'].map(isLoopbackHost)).toEqual([true, true, true, true, true, false, false]);
  });
});
