import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, startMock, type RunningMock } from '../contract-tests/launch-mock';
import { recordScenario } from '../src/record/record';

// `authentik-events-mock record` against a second mock standing in for a real authentik (issue 19).
const dir = mkdtempSync(join(tmpdir(), 'record-'));
const TOKEN = 'Bearer source-token';
let source: RunningMock;

const PERSONAL = [
  '{"action":"login","app":"one","user":{"pk":7,"username":"jane.doe","email":"jane@corp.example"},"context":{"geo":{"ip":"10.20.30.40"},"n":1.0,"10":"ten","b":"bee"},"client_ip":"10.20.30.40"}',
  '{"action":"login_failed","app":"two","user":{"pk":7,"username":"jane.doe","email":"jane@corp.example"},"context":{"username":"jane.doe","name":"Jane Doe"},"client_ip":"2001:db8:aa::5"}',
  '{"action":"login","app":"three","user":{"pk":8,"username":"max","email":"max@corp.example"},"context":{},"client_ip":"10.20.30.41"}',
];

beforeAll(async () => {
  source = await startMock(['--tokens', 'source-token,nosee:view_event', '--tasks', '6', '--events', '40', '--seed', '5']);
  for (const body of PERSONAL) {
    const created = await fetch(`${source.baseUrl}/events/events/`, { method: 'POST', headers: { Authorization: TOKEN, 'Content-Type': 'application/json' }, body });
    expect(created.status).toBe(201);
  }
}, 30_000);
afterAll(() => source?.stop());

const record = (...args: string[]) => runCli(['record', '--from', source.baseUrl, '--token', 'source-token', ...args]);

describe('authentik-events-mock record', () => {
  it('pages through tasks and events, stops at --events mid-page, keeps a row seen twice once, and honours --since', async () => {
    const text = await recordScenario({ from: source.baseUrl, token: 'source-token', pageSize: 4, events: 10 });
    const data = JSON.parse(text) as { systemTasks: Array<{ name: string; uid?: string }>; events: Array<{ pk: string; created: string }> };
    expect([data.systemTasks.length, new Set(data.systemTasks.map((task) => `${task.name}:${task.uid}`)).size]).toEqual([6, 6]);
    expect([data.events.length, new Set(data.events.map((event) => event.pk)).size]).toEqual([10, 10]);
    const created = data.events.map((event) => event.created);
    expect(created).toEqual([...created].sort().reverse());
    const sinceText = await recordScenario({ from: source.baseUrl, token: 'source-token', pageSize: 4, since: created[4] });
    expect((JSON.parse(sinceText) as { events: unknown[] }).events.length).toBe(5);
  });

  it('writes a piped scenario of any size whole (stdout is flushed before the exit)', async () => {
    const big = await startMock(['--events', '600']);
    try {
      const piped = await runCli(['record', '--from', big.baseUrl, '--token', 't', '--events', '600']);
      expect(piped.code).toBe(0);
      expect(piped.stdout.length).toBeGreaterThan(4 * 65_536);
      expect((JSON.parse(piped.stdout) as { events: unknown[] }).events).toHaveLength(600);
    } finally {
      await big.stop();
    }
  });

  it('writes a scenario that loads back and answers lists, filters, search, ordering and pages byte for byte', async () => {
    const out = join(dir, 'recorded.json');
    const result = await record('--out', out);
    expect([result.code, result.stdout]).toEqual([0, '']);
    expect(result.stderr).toContain('system tasks: 6 of 6\n');
    expect(result.stderr).toContain('events: 43 of 43\n');
    const text = readFileSync(out, 'utf8');
    expect(text).not.toContain('source-token');
    expect(text).toMatch(/^\{"description":"recorded from http:\/\/127\.0\.0\.1:\d+\/api\/v3 at \d{4}-\d\d-\d\dT[\d:.]+Z: 6 system tasks, the newest 43 events",/);

    const copy = await startMock(['--scenario', out, '--tokens', 'source-token']);
    try {
      for (const path of [
        '/events/events/?ordering=pk&page_size=20&page=2',
        '/events/events/?search=login&ordering=-created',
        '/events/events/?username=jane.doe',
        '/events/events/?ordering=context,pk&page_size=100',
        '/events/events/?client_ip=10.20.30.40',
        '/events/system_tasks/?ordering=-duration,name',
        '/events/system_tasks/?status=error',
        '/events/events/?ordering=-client_ip,pk&page_size=10',
      ]) {
        const [want, got] = await Promise.all([source, copy].map((mock) => fetch(`${mock.baseUrl}${path}`, { headers: { Authorization: TOKEN } }).then(async (res) => `${res.status} ${await res.text()}`)));
        expect([path, got]).toEqual([path, want]);
      }
    } finally {
      await copy.stop();
    }
  }, 60_000);

  it('--redact leaves no username, e-mail or address, and gives the same original the same pseudonym', async () => {
    const out = join(dir, 'redacted.json');
    expect((await record('--redact', '--events', '3', '--out', out)).code).toBe(0);
    const text = readFileSync(out, 'utf8');
    for (const original of ['jane.doe', 'jane@corp.example', 'max@corp.example', '"max"', 'Jane Doe', '10.20.30.40', '10.20.30.41', '2001:db8:aa::5']) expect([original, text.includes(original)]).toEqual([original, false]);
    const events = (JSON.parse(text) as { events: Array<{ app: string; user: { username: string; email: string }; context: Record<string, unknown>; client_ip: string }> }).events;
    const byApp = Object.fromEntries(events.map((event) => [event.app, event]));
    expect(byApp.one!.user.username).toBe(byApp.two!.user.username);
    expect(byApp.two!.context.username).toBe(byApp.one!.user.username);
    expect(byApp.one!.user.username).not.toBe(byApp.three!.user.username);
    expect((byApp.one!.context.geo as { ip: string }).ip).toBe(byApp.one!.client_ip);
    // Pseudonyms are handed out in the order the events are read (newest first).
    expect([byApp.three!.client_ip, byApp.one!.client_ip, byApp.two!.client_ip]).toEqual(['198.18.0.1', '198.18.0.2', '2001:db8::1']);
    // What is not personal stays exact: float literals and key order.
    expect(text).toContain('"context":{"b":"bee","n":1.0,"10":"ten","geo":{"ip":"198.18.0.2"}}');
  });

  it('stops with one line for a target that cannot be reached, is not authentik, or refuses the token', async () => {
    const closed = await serve(() => undefined);
    closed.server.close();
    const unreachable = await runCli(['record', '--from', `${closed.url}/api/v3`, '--token', 't']);
    expect([unreachable.code, unreachable.stderr]).toEqual([1, `error: cannot reach ${closed.url}/api/v3/events/system_tasks/?ordering=name,uid&page_size=100&page=1: ECONNREFUSED\n`]);
    const page = await serve((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>login</html>'));
    try {
      const html = await runCli(['record', '--from', `${page.url}/api/v3`, '--token', 't']);
      expect([html.code, html.stderr]).toEqual([1, `error: ${page.url}/api/v3/events/system_tasks/?ordering=name,uid&page_size=100&page=1 is not authentik's API: it answered 200 text/html, not JSON\n`]);
    } finally {
      page.server.close();
    }
    const refused = await runCli(['record', '--from', source.baseUrl, '--token', 'nosee']);
    expect([refused.code, refused.stderr]).toEqual([1, `error: ${source.baseUrl}/events/system_tasks/?ordering=name,uid&page_size=100&page=1 answered 403: You do not have permission to perform this action. (the token must be allowed to view events and system tasks)\n`]);
    const usage = await runCli(['record', '--from', source.baseUrl, '--tokn', 'x']);
    expect([usage.code, usage.stderr]).toEqual([1, 'error: unknown argument --tokn (did you mean --token?)\n']);
    const nowhere = await record('--out', join(dir, 'missing', 'x.json'));
    expect([nowhere.code, nowhere.stderr]).toEqual([1, `error: --out ${join(dir, 'missing', 'x.json')}: the folder ${join(dir, 'missing')} does not exist\n`]);
  });

  it('writes what authentik sends and its schema forbids as the mock serves it: uid null, description null, log_level ""', async () => {
    const page = (results: string) => `{"pagination":{"next":0,"previous":0,"count":1,"current":1,"total_pages":1,"start_index":1,"end_index":1},"results":[${results}]}`;
    const task = '{"uuid":"1b4e28ba-2fa1-41d2-883f-0016d3cca427","name":"clean_expired_models","full_name":"clean_expired_models","uid":null,"description":null,"start_timestamp":"2024-01-01T00:00:00Z","finish_timestamp":"2024-01-01T00:00:00Z","duration":0.0,"status":"unknown","messages":[{"timestamp":"2024-01-01T00:00:00Z","log_level":"","logger":"x","event":"Task has not been run yet.","attributes":{}}],"expires":null,"expiring":false}';
    const fake = await serve((req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(req.url!.includes('system_tasks') ? page(task) : page('').replace('"count":1', '"count":0')));
    try {
      const text = await recordScenario({ from: `${fake.url}/api/v3`, token: 't', now: () => new Date('2026-12-03T12:00:00Z') });
      expect(text).toContain('"systemTasks":[{"uuid":"1b4e28ba-2fa1-41d2-883f-0016d3cca427","name":"clean_expired_models","full_name":"clean_expired_models","description":"","start_timestamp":"2024-01-01T00:00:00Z","finish_timestamp":"2024-01-01T00:00:00Z","duration":0.0,"status":"unknown","messages":[{"timestamp":"2024-01-01T00:00:00Z","log_level":"info",');
    } finally {
      fake.server.close();
    }
  });

  it('gives up with one line after four 5xx answers', async () => {
    const down = await serve((_req, res) => res.writeHead(502, { 'Content-Type': 'text/html' }).end('<h1>Bad Gateway</h1>'));
    try {
      await expect(recordScenario({ from: `${down.url}/api/v3`, token: 't', sleep: async () => undefined })).rejects.toThrow(`${down.url}/api/v3/events/system_tasks/?ordering=name,uid&page_size=100&page=1 answered 502 4 times; giving up`);
    } finally {
      down.server.close();
    }
  });

  it('counts a page that does not answer in time as a failed try, and believes Retry-After', async () => {
    const hanging = await serve(() => undefined);
    try {
      await expect(recordScenario({ from: `${hanging.url}/api/v3`, token: 't', timeoutMs: 50, sleep: async () => undefined })).rejects.toThrow(`cannot reach ${hanging.url}/api/v3/events/system_tasks/?ordering=name,uid&page_size=100&page=1: no answer within 50 ms, 4 times`);
    } finally {
      hanging.server.closeAllConnections();
      hanging.server.close();
    }
    let calls = 0;
    const waits: number[] = [];
    const busy = await serve((_req, res) => {
      calls++;
      if (calls === 1) return void res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': '3' }).end('{"detail":"slow down"}');
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"pagination":{"next":0,"previous":0,"count":0,"current":1,"total_pages":1,"start_index":0,"end_index":0},"results":[]}');
    });
    try {
      await recordScenario({ from: `${busy.url}/api/v3`, token: 't', sleep: async (ms) => void waits.push(ms) });
      expect(waits).toEqual([3000]);
    } finally {
      busy.server.close();
    }
  });

  it('tries again after a 503 or 429, then goes on', async () => {
    let calls = 0;
    const flaky = await serve((_req, res) => {
      calls++;
      if (calls <= 2) return void res.writeHead(calls === 1 ? 503 : 429, { 'Content-Type': 'application/json' }).end('{"detail":"busy"}');
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"pagination":{"next":0,"previous":0,"count":0,"current":1,"total_pages":1,"start_index":0,"end_index":0},"results":[]}');
    });
    const lines: string[] = [];
    try {
      const text = await recordScenario({ from: `${flaky.url}/api/v3`, token: 't', log: (line) => lines.push(line), sleep: async () => undefined, now: () => new Date('2026-12-03T12:00:00Z') });
      expect(text).toBe(`{"description":"recorded from ${flaky.url}/api/v3 at 2026-12-03T12:00:00.000Z: 0 system tasks, the newest 0 events","systemTasks":[],"events":[]}`);
      expect(lines.slice(0, 2)).toEqual([
        `${flaky.url}/api/v3/events/system_tasks/?ordering=name,uid&page_size=100&page=1 answered 503; trying again in 500 ms`,
        `${flaky.url}/api/v3/events/system_tasks/?ordering=name,uid&page_size=100&page=1 answered 429; trying again in 1000 ms`,
      ]);
    } finally {
      flaky.server.close();
    }
  });
});

function serve(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}
