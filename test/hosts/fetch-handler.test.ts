import { build } from 'esbuild';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { createFetchHandler } from '../../src/fetch';
import { ConfigError } from '../../src/config/config';

const AUTH = { Authorization: 'Bearer t' };
const get = (path: string, headers: Record<string, string> = AUTH) => new Request(`http://mock.test${path}`, { headers });

describe('createFetchHandler (authentik-events-mock/fetch)', () => {
  it('answers a Request with the status, headers and body the core gives', async () => {
    const handle = createFetchHandler();
    const res = await handle(get('/api/v3/events/system_tasks/?page_size=2'));
    const body = (await res.json()) as { pagination: { count: number; next: number }; results: unknown[] };
    expect([res.status, res.headers.get('content-type'), res.headers.get('allow'), res.headers.get('x-powered-by')]).toEqual([200, 'application/json; charset=utf-8', 'GET, HEAD, OPTIONS', 'authentik']);
    expect([body.pagination.count, body.pagination.next, body.results.length]).toEqual([22, 2, 2]);
  });

  it('creates, then lists what it created (state lives in the handler)', async () => {
    const handle = createFetchHandler({ scenario: 'empty' });
    const created = await handle(new Request('http://mock.test/api/v3/events/events/', { method: 'POST', headers: { ...AUTH, 'Content-Type': 'application/json' }, body: '{"action":"login","app":"fetch"}' }));
    expect(created.status).toBe(201);
    const list = (await (await handle(get('/api/v3/events/events/'))).json()) as { results: Array<{ app: string }> };
    expect(list.results.map((e) => e.app)).toEqual(['fetch']);
  });

  it('answers HEAD with the headers and no body, and the missing slash with the HTML 404', async () => {
    const handle = createFetchHandler();
    const head = await handle(new Request('http://mock.test/api/v3/events/events/', { method: 'HEAD', headers: AUTH }));
    expect([head.status, await head.text(), Number(head.headers.get('content-length')) > 100]).toEqual([200, '', true]);
    const noSlash = await handle(get('/api/v3/events/events'));
    expect([noSlash.status, noSlash.headers.get('content-type'), (await noSlash.text()).includes('<h1>Not Found</h1>')]).toEqual([404, 'text/html; charset=utf-8', true]);
  });

  it('turns a dropped connection into Response.error(), a network error to fetch, and logs no violation', async () => {
    const handle = createFetchHandler();
    await handle.admin.setFaults({ events_events_list: { drop_connection: true } });
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect((await handle(get('/api/v3/events/events/'))).type).toBe('error');
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
    expect((await handle.admin.requests({ operationId: 'events_events_list' })).map((entry) => entry.status)).toEqual([0]);
    await handle.admin.clearFaults();
    expect((await handle(get('/api/v3/events/events/'))).status).toBe(200);
  });

  it('loads bundled scenarios by name, and refuses what needs files or a socket', async () => {
    const handle = createFetchHandler({ scenario: 'failing-tasks', tokens: ['t'] });
    const errors = (await (await handle(get('/api/v3/events/system_tasks/?status=error'))).json()) as { pagination: { count: number } };
    expect(errors.pagination.count).toBeGreaterThan(0);
    expect((await handle(get('/api/v3/events/system_tasks/', { Authorization: 'Bearer other' }))).status).toBe(403);
    expect(() => createFetchHandler({ scenario: 'fixtures/default.json' })).toThrow(new ConfigError('--scenario: no bundled scenario named "fixtures/default.json" (bundled: default, empty, failing-tasks, large, restricted-token); a file path needs a Node host'));
    expect(() => createFetchHandler({ port: 1 } as never)).toThrow(new ConfigError('port needs a Node host (startMock, the CLI or the middleware)'));
  });

  it('bundles for a browser with nothing from Node, and runs where Node globals do not exist', async () => {
    const result = await build({ entryPoints: [join(__dirname, '..', '..', 'src', 'fetch.ts')], bundle: true, platform: 'browser', format: 'iife', globalName: 'mockFetch', write: false, logLevel: 'silent' });
    expect(result.errors).toEqual([]);
    // A context with the web platform's globals only: no Buffer, process, require or module.
    const web = { Request, Response, Headers, URL, URLSearchParams, TextEncoder, TextDecoder, crypto, performance, setTimeout, clearTimeout, console, queueMicrotask, structuredClone };
    const context = createContext({ ...web });
    runInContext(result.outputFiles[0]!.text, context);
    const exported = (context as { mockFetch: { createFetchHandler: typeof createFetchHandler } }).mockFetch;
    const handle = exported.createFetchHandler({ seed: 3, tasks: 4 });
    const res = await handle(new Request('http://mock.test/api/v3/events/system_tasks/', { headers: AUTH }));
    expect([res.status, ((await res.json()) as { pagination: { count: number } }).pagination.count]).toEqual([200, 4]);
    const body = '{"action":"login","app":"caf\u00e9","context":{"n":[1,{"x":null}]}}';
    const created = await handle(new Request('http://mock.test/api/v3/events/events/', { method: 'POST', headers: { ...AUTH, 'Content-Type': 'application/json' }, body }));
    expect([created.status, ((await created.json()) as { app: string }).app]).toEqual([201, 'café']);
    const latin1 = await handle(new Request('http://mock.test/api/v3/events/events/', { method: 'POST', headers: { ...AUTH, 'Content-Type': 'application/json; charset=latin-1' }, body: new Uint8Array([...Buffer.from('{"action":"login","app":"caf\xe9"}', 'latin1')]) }));
    expect([latin1.status, ((await latin1.json()) as { app: string }).app]).toEqual([201, 'café']);
    const journal = await handle.admin.requests({ operationId: 'events_events_create' });
    expect(journal.map((entry) => entry.status)).toEqual([201, 201]);
    for (const name of ['Buffer', 'process', 'require', 'module']) expect(name in context).toBe(false);
  });
});
