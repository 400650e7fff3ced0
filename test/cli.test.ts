import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, startMock } from '../contract-tests/launch-mock';
import { FULL_SCHEMA } from './helpers/full-spec';

const AUTH = { Authorization: 'Bearer t' };

// Schemas the server must refuse at start-up.
const scratch = mkdtempSync(join(tmpdir(), 'mock-cli-'));
const NOT_OPENAPI = join(scratch, 'package.json');
writeFileSync(NOT_OPENAPI, '{"name": "not a schema"}');
const NOT_AUTHENTIK = join(scratch, 'petstore.yml');
writeFileSync(NOT_AUTHENTIK, 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\ncomponents: {schemas: {}}\n');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the command line (the built server, as npm start runs it)', () => {
  it('prints a banner with URL, seed, counts and token mode, then serves', async () => {
    const mock = await startMock(['--seed', '3', '--tasks', '5', '--events', '7']);
    try {
      expect(mock.output()).toMatch(
        /^authentik events mock listening on http:\/\/127\.0\.0\.1:(\d+)\/api\/v3\n  seed 3: 5 system tasks, 7 events \(authentik 2024\.8\); tokens: any non-empty bearer token; response validation: strict\n  admin API: http:\/\/127\.0\.0\.1:\1\/__mock__\/\n$/,
      );
      const res = await fetch(`${mock.baseUrl}/events/system_tasks/`, { headers: AUTH });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { pagination: { count: number } }).pagination.count).toBe(5);
    } finally {
      expect(await mock.stop()).toBe(0);
    }
  });

  it('warns in the banner when it listens beyond loopback without --admin-token, and serves the dashboard', async () => {
    const exposed = await startMock(['--host', '0.0.0.0', '--allowed-hosts', 'mock.test']);
    const guarded = await startMock(['--host', '0.0.0.0', '--admin-token', 'qa']);
    try {
      expect(exposed.output().split('\n')[3]).toBe(
        '  warning: listening on 0.0.0.0 without --admin-token: anyone who can reach this port can read the request journal and replace the state; pass --admin-token',
      );
      expect(guarded.output()).not.toContain('warning');
      const origin = exposed.baseUrl.replace(/\/api\/v3$/, '');
      const page = await fetch(`${origin}/__mock__/`);
      expect([page.status, page.headers.get('content-type'), (await page.text()).includes('/__mock__/ui/dashboard.js')]).toEqual([200, 'text/html; charset=utf-8', true]);
      const overview = (await (await fetch(`${origin}/__mock__/overview`)).json()) as { warnings: string[] };
      expect(overview.warnings).toEqual([exposed.output().split('\n')[3]!.trim()]);
    } finally {
      await Promise.all([exposed.stop(), guarded.stop()]);
    }
  });

  it('accepts only the configured tokens with --tokens', async () => {
    const mock = await startMock([], { MOCK_TOKENS: 'alpha,beta' });
    try {
      expect(mock.output()).toContain('tokens: 2 configured token(s)');
      expect((await fetch(`${mock.baseUrl}/events/system_tasks/`, { headers: { Authorization: 'Bearer beta' } })).status).toBe(200);
      const denied = await fetch(`${mock.baseUrl}/events/system_tasks/`, { headers: { Authorization: 'Bearer gamma' } });
      expect([denied.status, await denied.json()]).toEqual([403, { detail: 'Token invalid/expired' }]);
    } finally {
      await mock.stop();
    }
  });

  it('answers identically after a restart with the same seed', async () => {
    const bodies: string[] = [];
    for (let run = 0; run < 2; run++) {
      const mock = await startMock(['--seed', '11']);
      try {
        const tasks = await (await fetch(`${mock.baseUrl}/events/system_tasks/`, { headers: AUTH })).text();
        const events = await (await fetch(`${mock.baseUrl}/events/events/?page_size=20`, { headers: AUTH })).text();
        bodies.push(tasks + events);
      } finally {
        await mock.stop();
      }
    }
    expect(bodies[0]).toBe(bodies[1]);
  });

  it.each([
    [['--port', 'x'], 'error: --port must be a whole number from 0 to 65535, not "x"\n'],
    [['--bogus'], 'error: unknown argument --bogus (try --help)\n'],
    [['--validate-responses', 'maybe'], 'error: --validate-responses must be strict, warn or off, not "maybe"\n'],
    [['--full-spec', '/nonexistent/schema.yml'], "error: /nonexistent/schema.yml: cannot read the OpenAPI document: ENOENT: no such file or directory, open '/nonexistent/schema.yml'\n"],
    [['--full-spec', NOT_OPENAPI], `error: ${NOT_OPENAPI}: not an OpenAPI 3 document (paths and components.schemas are required)\n`],
    [['--full-spec', NOT_AUTHENTIK], `error: ${NOT_AUTHENTIK}: #/components/schemas/GenericError: missing; an authentik schema defines it\n`],
  ])('exits 1 with one line and no stack trace for %j', async (args, line) => {
    const result = await runCli(args);
    expect([result.code, result.stderr, result.stdout]).toEqual([1, line, '']);
  });

  it('with --full-spec and no path, serves the shipped authentik 2024.8.6 schema and says how much it serves itself', async () => {
    const mock = await startMock(['--full-spec', '--fallback-mode', 'dynamic']);
    try {
      expect(mock.output()).toContain(`\n  full schema: ${FULL_SCHEMA}: 875 operations, 13 served by the mock; Prism answers with dynamic bodies\n`);
      const version = await fetch(`${mock.baseUrl}/admin/version/`, { headers: AUTH });
      expect(version.status).toBe(200);
    } finally {
      await mock.stop();
    }
  });

  it('prints usage to stdout for --help and exits 0', async () => {
    const result = await runCli(['--help']);
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toMatch(/^usage: authentik-events-mock \[flags\]/);
    expect(result.stdout).toContain('--log-format');
  });

  it('prints the package version for --version and exits 0', async () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };
    expect(await runCli(['--version', '--port', '1'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('prints one line per API request: method, URL, status and milliseconds', async () => {
    const mock = await startMock();
    try {
      await fetch(`${mock.baseUrl}/events/system_tasks/?page_size=1`, { headers: AUTH });
      await fetch(`${mock.baseUrl}/events/events/`, { method: 'DELETE', headers: AUTH });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const lines = mock.output().split('\n').slice(3).filter(Boolean);
      expect(lines).toEqual([expect.stringMatching(/^GET \/api\/v3\/events\/system_tasks\/\?page_size=1 200 \d+(\.\d)? ms$/), expect.stringMatching(/^DELETE \/api\/v3\/events\/events\/ 405 \d+(\.\d)? ms$/)]);
    } finally {
      await mock.stop();
    }
  });

  it('prints JSON lines with --log-format json, and none with --quiet', async () => {
    const json = await startMock(['--log-format', 'json']);
    const quiet = await startMock(['--quiet']);
    try {
      await fetch(`${json.baseUrl}/events/system_tasks/`, { headers: AUTH });
      await fetch(`${quiet.baseUrl}/events/system_tasks/`, { headers: AUTH });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const [line] = json.output().split('\n').slice(3).filter(Boolean);
      expect(JSON.parse(line!)).toEqual({ time: expect.stringMatching(/Z$/), method: 'GET', url: '/api/v3/events/system_tasks/', operationId: 'events_system_tasks_list', status: 200, ms: expect.any(Number) });
      expect(quiet.output().split('\n').slice(3).filter(Boolean)).toEqual([]);
    } finally {
      await Promise.all([json.stop(), quiet.stop()]);
    }
  });

  it('exits 1 with one line when the port is busy', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = await runCli(['--port', String(port)]);
      expect([result.code, result.stderr]).toEqual([1, `error: cannot listen on 127.0.0.1:${port}: the port is already in use\n`]);
    } finally {
      blocker.close();
    }
  });
});
