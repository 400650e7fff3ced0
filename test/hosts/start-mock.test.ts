import { request } from 'node:http';
import { createServer } from 'node:net';
import { Configuration, EventsApi } from '@goauthentik/api';
import { ConfigError, MockAdminError, startMock } from '../../src/index';

const AUTH = { Authorization: 'Bearer t' };

describe('startMock (authentik-events-mock)', () => {
  it('listens on a free loopback port and gives its URLs', async () => {
    const mock = await startMock();
    try {
      expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
      expect(mock.apiUrl).toBe(`http://127.0.0.1:${mock.port}/api/v3`);
      const res = await fetch(`${mock.apiUrl}/events/system_tasks/`, { headers: AUTH });
      expect([res.status, ((await res.json()) as { pagination: { count: number } }).pagination.count]).toEqual([200, 22]);
    } finally {
      await mock.close();
    }
  });

  it("gives an apiUrl that authentik's client takes unchanged as its basePath", async () => {
    const mock = await startMock({ tasks: 3, events: 0 });
    try {
      const events = new EventsApi(new Configuration({ basePath: mock.apiUrl, accessToken: 't' }));
      const tasks = await events.eventsSystemTasksList({ ordering: 'name' });
      expect([tasks.pagination.count, tasks.results.length]).toEqual([3, 3]);
      const created = await events.eventsEventsCreate({ eventRequest: { action: 'login', app: 'basepath' } });
      expect((await events.eventsEventsRetrieve({ eventUuid: created.pk })).app).toBe('basepath');
    } finally {
      await mock.close();
    }
  });

  it('rejects a busy port with the CLI\'s sentence', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      await expect(startMock({ port })).rejects.toThrow(new ConfigError(`cannot listen on 127.0.0.1:${port}: the port is already in use`));
    } finally {
      blocker.close();
    }
  });

  it('keeps separate state in several instances of one process', async () => {
    const [a, b] = await Promise.all([startMock({ scenario: 'empty' }), startMock({ tasks: 3, events: 5 })]);
    try {
      await fetch(`${a.apiUrl}/events/events/`, { method: 'POST', headers: { ...AUTH, 'Content-Type': 'application/json' }, body: '{"action":"login","app":"only-a"}' });
      expect([(await a.admin.state()).events!.length, (await b.admin.state()).events!.length]).toEqual([1, 5]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('drives the admin API with methods: scenarios, tasks, journal, faults, reset', async () => {
    const mock = await startMock({ tokens: 't' });
    try {
      expect(await mock.admin.loadScenario('empty')).toEqual({ scenario: 'empty', system_tasks: 0, events: 0, tokens: 1 });
      expect(await mock.admin.loadScenario({ description: 'inline', events: [] })).toEqual({ scenario: 'request body', system_tasks: 0, events: 0, tokens: 1 });
      const task = { uuid: '5d3c8c5e-1f1e-4a51-9d7b-0c2f8e7a6b10', name: 'clean_expired_models', description: 'Remove expired objects', start_timestamp: '2024-10-01T11:00:00Z', finish_timestamp: '2024-10-01T11:00:01Z', duration: 1.0, status: 'error', messages: [] };
      expect(await mock.admin.addSystemTasks([task])).toEqual({ created: 1, replaced: 0 });
      await fetch(`${mock.apiUrl}/events/system_tasks/?status=error`, { headers: AUTH });
      const [entry] = await mock.admin.requests({ operationId: 'events_system_tasks_list' });
      expect([entry!.status, entry!.query]).toEqual([200, { status: 'error' }]);
      await mock.admin.clearRequests();
      expect(await mock.admin.requests()).toEqual([]);
      await mock.admin.setFaults({ events_system_tasks_list: { status: 503 } });
      expect((await fetch(`${mock.apiUrl}/events/system_tasks/`, { headers: AUTH })).status).toBe(503);
      await mock.admin.clearFaults();
      expect((await fetch(`${mock.apiUrl}/events/system_tasks/`, { headers: AUTH })).status).toBe(200);
      expect(await mock.admin.reset()).toEqual({ scenario: 'seed 1', system_tasks: 22, events: 250, tokens: 1 });
      await expect(mock.admin.loadScenario('nope')).rejects.toEqual(new MockAdminError(404, 'No scenario named "nope" in fixtures/.'));
    } finally {
      await mock.close();
    }
  });

  it('sends the admin token when the mock has one', async () => {
    const mock = await startMock({ adminToken: 'secret' });
    try {
      expect((await mock.admin.state()).description).toBe('state exported from scenario seed 1');
      expect((await fetch(`${mock.url}/__mock__/state`)).status).toBe(403);
    } finally {
      await mock.close();
    }
  });

  it('serves the dashboard, and takes allowedHosts for the admin API\'s Host check', async () => {
    const mock = await startMock({ allowedHosts: ['mock.test'] });
    try {
      const script = await fetch(`${mock.url}/__mock__/ui/dashboard.js`);
      expect([script.status, script.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
      const status = (host: string) =>
        new Promise<number>((resolve, reject) => {
          const req = request(`${mock.url}/__mock__/overview`, { headers: { Host: host } }, (res) => (res.resume(), resolve(res.statusCode!)));
          req.on('error', reject).end();
        });
      expect([await status('mock.test'), await status('other.test')]).toEqual([200, 403]);
    } finally {
      await mock.close();
    }
  });

  it('closes while a dashboard keeps the journal stream open: the stream ends, close() resolves', async () => {
    const mock = await startMock();
    const stream = await fetch(`${mock.url}/__mock__/requests/stream`);
    const reader = stream.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('retry: 2000\n\n');
    const closed = await Promise.race([mock.close().then(() => 'closed'), new Promise((resolve) => setTimeout(() => resolve('still open after 3 s'), 3000))]);
    expect(closed).toBe('closed');
    expect((await reader.read()).done).toBe(true);
  });

  it('rejects a bad option with the CLI one-line message', async () => {
    await expect(startMock({ validateResponses: 'loud' as never })).rejects.toEqual(new ConfigError('--validate-responses must be strict, warn or off, not "loud"'));
    await expect(startMock({ latency: [80, 20] })).rejects.toEqual(new ConfigError('--latency must be milliseconds (50) or a range (20-80), not "80-20"'));
    await expect(startMock({ bogus: 1 } as never)).rejects.toThrow('unknown option bogus (known: authentikVersion, port, host,');
    await expect(startMock({ scenarios: 'empty' } as never)).rejects.toThrow('unknown option scenarios (did you mean scenario? known: authentikVersion, port, host,');
  });
});
