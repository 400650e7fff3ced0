import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assess } from '../contract-tests/assessment';
import { formatFinding } from '../contract-tests/findings';
import { runCli } from '../contract-tests/launch-mock';
import { startMock, type RunningMock } from '../src/index';
import { verifyTarget, type VerifyRun } from '../src/verify/verify';

// `authentik-events-mock verify` against a second mock standing in for a real authentik (issue 19, part 2).
const TARGET = { seed: 5, tasks: 6, events: 40, tokens: 'target-token', quiet: true } as const;
const dir = mkdtempSync(join(tmpdir(), 'verify-'));
const targets: RunningMock[] = [];

async function startTarget(): Promise<RunningMock> {
  const target = await startMock(TARGET);
  targets.push(target);
  return target;
}
afterAll(() => Promise.all(targets.map((target) => target.close())));

const verify = (target: RunningMock, requests = 80, seed = 3) => verifyTarget({ against: target.apiUrl, token: 'target-token', requests, seed });
const findings = (run: VerifyRun) => {
  const assessment = assess(run.results);
  return { differences: assessment.newFailures.map(formatFinding), known: assessment.warnings.map(formatFinding) };
};
/**
 * The requests a stub on the target answered that can differ (a HEAD of the actions list has no body to
 * differ in); a request that differs is sent four times: once, and three times more after the target is
 * recorded again.
 */
async function stubbed(target: RunningMock): Promise<number> {
  const entries = await target.admin.requests();
  return entries.filter((entry) => entry.answered_by === 'stub' && !(entry.method === 'HEAD' && entry.operationId === 'events_events_actions_list')).length;
}

const actionsOf = async (target: RunningMock) => JSON.parse(await (await fetch(`${target.apiUrl}/events/events/actions/`, { headers: { Authorization: 'Bearer target-token' } })).text()) as Array<{ name: string }>;

describe('authentik-events-mock verify', () => {
  it('finds no difference in a target that is the recording, and lists the ties the README names apart', async () => {
    const target = await startTarget();
    const run = await verify(target, 200, 1);
    expect(run.requests).toHaveLength(200);
    expect(findings(run)).toEqual({ differences: [], known: ['WARN [same-body] events_events_top_per_user_list: known difference: README "Ties in ordering"', 'WARN [same-body] events_events_list: known difference: README "Ties in ordering"'] });
    // volume/'s buckets are counted back from the moment of the request: one that straddles a second differs
    // until it is sent again (a re-recording later), as it would against authentik.
    expect(run.resolvedByResync).toBeLessThanOrEqual(1);
    // Read-only: the target saw nothing but GET, HEAD and OPTIONS.
    const methods = new Set((await target.admin.requests()).map((entry) => entry.method));
    expect([...methods].sort()).toEqual(['GET', 'HEAD', 'OPTIONS']);
  });

  it('reports exactly what stubs on the target change: a status and a changed row, grouped, with both curls', async () => {
    const target = await startTarget();
    const actions = await actionsOf(target);
    await target.admin.addStub({ operationId: 'events_system_tasks_retrieve', response: { status: 503, body: { detail: 'maintenance' } } });
    await target.admin.addStub({ operationId: 'events_events_actions_list', response: { status: 200, body: actions.map((action, i) => (i === 2 ? { ...action, name: 'Logged out' } : action)) } });
    await target.admin.clearRequests();

    const run = await verify(target, 80, 3);
    expect(findings(run)).toEqual({
      differences: [
        'FAIL [same-status] events_system_tasks_retrieve: status: target 503, mock 404 (8 times)',
        'FAIL [same-body] events_events_actions_list /*/name: body: value differs (4 times)',
        'FAIL [same-status] events_system_tasks_retrieve: status: target 503, mock 200 (3 times)',
      ],
      known: [],
    });
    // Exactly the requests the stubs answered, each once.
    expect(await stubbed(target)).toBe(4 * (8 + 4 + 3));
    const example = assess(run.results).newFailures[1]!.instances[0]!;
    expect(example.message).toBe('GET /events/events/actions/: value differs at /2/name: target "Logged out", mock "Logout"');
    expect(example.curl).toBe(
      `curl -i -X GET '${target.apiUrl}/events/events/actions/' -H "Authorization: Bearer $AUTHENTIK_TOKEN"\n` +
        `curl -i -X GET 'http://127.0.0.1:9000/api/v3/events/events/actions/' -H "Authorization: Bearer $AUTHENTIK_TOKEN"`,
    );
  });

  it('reports a list in another order as one difference of the list', async () => {
    const target = await startTarget();
    await target.admin.addStub({ operationId: 'events_events_actions_list', response: { status: 200, body: [...(await actionsOf(target))].reverse() } });
    await target.admin.clearRequests();
    const run = await verify(target, 80, 3);
    expect(findings(run)).toEqual({ differences: ['FAIL [same-body] events_events_actions_list: body: order differs (4 times)'], known: [] });
    expect(await stubbed(target)).toBe(4 * 4);
    expect(assess(run.results).newFailures[0]!.instances[0]!.message).toMatch(/^GET \/events\/events\/actions\/: order differs at the body: target \[\{"name":"Custom Prefix",.*, mock \[\{"name":"Login",/);
  });

  it('re-records a target that writes events during the run: its new rows are not differences', async () => {
    const target = await startTarget();
    const run = await verifyTarget({
      against: target.apiUrl,
      token: 'target-token',
      requests: 40,
      seed: 4,
      onCompared: async (done) => {
        if (done !== 1) return;
        const created = await fetch(`${target.apiUrl}/events/events/`, { method: 'POST', headers: { Authorization: 'Bearer target-token', 'Content-Type': 'application/json' }, body: '{"action":"login","app":"live","context":{}}' });
        expect(created.status).toBe(201);
      },
    });
    expect(findings(run).differences).toEqual([]);
    expect(run.resolvedByResync).toBeGreaterThan(0);
    expect(run.recording.events).toHaveLength(41);
  });
});

describe('authentik-events-mock verify --writes', () => {
  it('compares creates, reads, updates, deletes and task runs on each side\'s own rows, and deletes what it created', async () => {
    const target = await startTarget();
    await target.admin.clearRequests();
    const run = await verifyTarget({ against: target.apiUrl, token: 'target-token', requests: 20, seed: 2, writes: 6 });
    expect(findings(run)).toEqual({ differences: [], known: [] });
    const writes = (await target.admin.requests()).filter((entry) => !['GET', 'HEAD', 'OPTIONS'].includes(entry.method));
    const methods = [...new Set(writes.map((entry) => `${entry.method} ${entry.operationId}`))].sort();
    expect(methods).toEqual(['DELETE events_events_destroy', 'PATCH events_events_partial_update', 'POST events_events_create', 'POST events_system_tasks_run_create', 'PUT events_events_update']);
    const created = writes.filter((entry) => entry.operationId === 'events_events_create' && entry.status === 201).length;
    expect(created).toBeGreaterThan(0);
    expect(writes.filter((entry) => entry.operationId === 'events_events_destroy' && entry.status === 204)).toHaveLength(created);
    const list = JSON.parse(await (await fetch(`${target.apiUrl}/events/events/?page_size=1`, { headers: { Authorization: 'Bearer target-token' } })).text()) as { pagination: { count: number } };
    expect(list.pagination.count).toBe(40);
  });

  it('reports a target that refuses creates: every create it answered, and nothing is left to delete', async () => {
    const target = await startTarget();
    await target.admin.addStub({ operationId: 'events_events_create', response: { status: 400, body: { app: ['closed for the test'] } } });
    await target.admin.clearRequests();
    const run = await verifyTarget({ against: target.apiUrl, token: 'target-token', requests: 20, seed: 2, writes: 6 });
    expect(findings(run)).toEqual({
      differences: ['FAIL [same-status] events_events_create: status: target 400, mock 201 (5 times)', 'FAIL [same-body] events_events_create /app: body: key differs'],
      known: [],
    });
    // Every create the stub answered differs (a write is not sent again), and none was left on the target.
    const stubbedCreates = (await target.admin.requests()).filter((entry) => entry.answered_by === 'stub');
    expect(stubbedCreates).toHaveLength(5 + 1);
    expect((await target.admin.requests()).filter((entry) => entry.method === 'DELETE')).toEqual([]);
    const write = assess(run.results).newFailures[0]!.instances[0]!;
    expect(write.curl).toMatch(/^curl -i -X POST 'http:\/\/127\.0\.0\.1:\d+\/api\/v3\/events\/events\/' -H "Authorization: Bearer \$AUTHENTIK_TOKEN" -H 'Content-Type: application\/json' --data-raw '\{"action":"[a-z_]+","app":"[^"]+","context":.*\}'\ncurl -i -X POST 'http:\/\/127\.0\.0\.1:9000\/api\/v3\/events\/events\/' /);
  });
});

describe('authentik-events-mock verify, the built command', () => {
  it('exits 0 for an identical target and 1 with the report and the three report files for a changed one', async () => {
    const target = await startTarget();
    const same = await runCli(['verify', '--against', target.apiUrl, '--requests', '30'], { AUTHENTIK_TOKEN: 'target-token' });
    expect([same.code, same.stdout.split('\n').at(-2)]).toEqual([0, 'verdict: no difference in 30 requests']);
    expect(same.stdout).not.toContain('target-token');

    await target.admin.addStub({ operationId: 'events_system_tasks_retrieve', response: { status: 503, body: { detail: 'maintenance' } } });
    const files = { junit: join(dir, 'verify.xml'), md: join(dir, 'verify.md'), json: join(dir, 'verify.json') };
    const changed = await runCli(['verify', '--against', target.apiUrl, '--token', 'target-token', '--requests', '30', '--seed', '2', '--junit', files.junit, '--summary-md', files.md, '--report-json', files.json]);
    expect(changed.code).toBe(1);
    expect(changed.stdout).not.toContain('target-token');
    const curls = (path: string) => [`  curl -i -X GET '${target.apiUrl}${path}' -H "Authorization: Bearer $AUTHENTIK_TOKEN"`, `  curl -i -X GET 'http://127.0.0.1:9000/api/v3${path}' -H "Authorization: Bearer $AUTHENTIK_TOKEN"`];
    const task = '/events/system_tasks/b55ef6e5-18ae-4fcc-8bbc-f51335c07d41/';
    expect(changed.stdout.split('\n').slice(1)).toEqual([
      '',
      'differences (2 kinds, in 4 requests; the second curl is for `authentik-events-mock --scenario RECORDING` on http://127.0.0.1:9000/api/v3):',
      'FAIL [same-status] events_system_tasks_retrieve: status: target 503, mock 404 (2 times)',
      '  e.g. GET /events/system_tasks/not-a-uuid/: status: target 503, mock 404',
      ...curls('/events/system_tasks/not-a-uuid/'),
      'FAIL [same-status] events_system_tasks_retrieve: status: target 503, mock 200 (2 times)',
      `  e.g. GET ${task}: status: target 503, mock 200`,
      ...curls(task),
      '',
      'verdict: 4 of 30 requests answered differently (2 kinds of difference)',
      '',
    ]);
    // The contract suite's writers: a test case per operation and check, the Markdown table, the JSON findings.
    const junit = readFileSync(files.junit, 'utf8');
    expect(junit).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="verify" tests="\d+" failures="1" skipped="0" time="[\d.]+">\n/);
    expect(junit).toContain('<testcase classname="events_system_tasks_retrieve" name="same-status" time="');
    expect(junit).toContain('><failure message="2 findings, 4 failures">FAIL [same-status] events_system_tasks_retrieve: status: target 503, mock 404 (2 times)\n    curl -i -X GET');
    const md = readFileSync(files.md, 'utf8');
    expect(md).toMatch(/^## verify: failed\n\nverify http:\/\/127\.0\.0\.1:\d+\/api\/v3 \(authentik 2024\.8\) against the mock loaded from its recording of [\d-]+T[\d:.]+Z \(40 events, 6 system tasks\): 30 read-only requests, seed 2\n/);
    expect(md).toContain('### Differences: 2\n\n| check | operation | path | message | times |\n|---|---|---|---|---:|\n| same-status | <code>events_system_tasks_retrieve</code> |  | status: target 503, mock 404 | 2 |\n| same-status | <code>events_system_tasks_retrieve</code> |  | status: target 503, mock 200 | 2 |\n');
    const report = JSON.parse(readFileSync(files.json, 'utf8')) as { run: Record<string, unknown>; passed: boolean; findings: Array<{ status: string; check: string; message: string; count: number }> };
    expect([report.run.against, report.run.seed, report.run.requests, report.run.resolvedByResync, report.passed]).toEqual([target.apiUrl, 2, 30, 0, false]);
    expect(report.findings.map(({ status, check, message, count }) => [status, check, message, count])).toEqual([
      ['new', 'same-status', 'status: target 503, mock 404', 2],
      ['new', 'same-status', 'status: target 503, mock 200', 2],
    ]);
  }, 60_000);

  it('exits 2 with one line for a target that cannot be reached or is not authentik, and when the token is missing', async () => {
    const closed = await serve(() => undefined);
    closed.server.close();
    const unreachable = await runCli(['verify', '--against', `${closed.url}/api/v3`, '--token', 't']);
    expect(unreachable).toEqual({ code: 2, stdout: '', stderr: `error: cannot reach ${closed.url}/api/v3/events/system_tasks/?ordering=name,uid&page_size=100&page=1: ECONNREFUSED\n` });
    const page = await serve((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>login</html>'));
    try {
      const html = await runCli(['verify', '--against', `${page.url}/api/v3`, '--token', 't']);
      expect(html).toEqual({ code: 2, stdout: '', stderr: `error: ${page.url}/api/v3/events/system_tasks/?ordering=name,uid&page_size=100&page=1 is not authentik's API: it answered 200 text/html, not JSON\n` });
    } finally {
      page.server.close();
    }
    expect(await runCli(['verify', '--against', `${page.url}/api/v3`])).toEqual({ code: 2, stdout: '', stderr: 'error: verify needs --token (or AUTHENTIK_TOKEN), a superuser\'s token\n' });
  });
});

async function serve(handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${address.port}` };
}
