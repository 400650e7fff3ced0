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
    expect([byApp.three!.client_ip, byApp.one!.client_ip, byApp.two!.client_ip]).toEqual(['192.0.2.1', '192.0.2.2', '2001:db8::1']);
    // What is not personal stays exact: float literals and key order.
    expect(text).toContain('"context":{"b":"bee","n":1.0,"10":"ten","geo":{"ip":"192.0.2.2"}}');
  });

  it('stops with one line for a target that cannot be reached, is not authentik, or refuses the token', async () => {
    const closed = await serve(() => undefined);
    closed.server.close();
    const unreachable = await runCli(['record', '--from', `${closed.url}/api/v3`, '--token', 't']);
    expect([unreachable.code, unreachable.stderr]).toEqual([1, `error: cannot reach ${closed.url}/api/v3/events/system_tasks/?ordering=name&page_size=100&page=1: ECONNREFUSED\n`]);
    const page = await serve((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>login</html>'));
    try {
      const html = await runCli(['record', '--from', `${page.url}/api/v3`, '--token', 't']);
      expect([html.code, html.stderr]).toEqual([1, `error: ${page.url}/api/v3/events/system_tasks/?ordering=name&page_size=100&page=1 is not authentik's API: it answered 200 text/html, not JSON\n`]);
    } finally {
      page.server.close();
    }
    const refused = await runCli(['record', '--from', source.baseUrl, '--token', 'nosee']);
    expect([refused.code, refused.stderr]).toEqual([1, `error: ${source.baseUrl}/events/system_tasks/?ordering=name&page_size=100&page=1 answered 403: You do not have permission to perform this action. (the token must be allowed to view events and system tasks)\n`]);
    const usage = await runCli(['record', '--from', source.baseUrl, '--tokn', 'x']);
    expect([usage.code, usage.stderr]).toEqual([1, 'error: unknown argument --tokn (did you mean --token?)\n']);
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
        `${flaky.url}/api/v3/events/system_tasks/?ordering=name&page_size=100&page=1 answered 503; trying again in 500 ms`,
        `${flaky.url}/api/v3/events/system_tasks/?ordering=name&page_size=100&page=1 answered 429; trying again in 1000 ms`,
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
