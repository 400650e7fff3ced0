import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBaseline } from '../contract-tests/baseline';
import { whyUnrouted } from '../contract-tests/checks/routes';
import { startMock, type RunningMock } from '../contract-tests/launch-mock';
import { SUITE_VERSIONS } from '../contract-tests/suite-versions';
import type { Exchange } from '../contract-tests/target';
import { findSpecPath, loadSpec } from '../src/node/spec-files';
import { listOperations, type Operation } from '../src/openapi/operations';
import { AUTHENTIK_VERSIONS } from '../src/versions/version-names';
import { runContractCli } from './helpers/contract-cli';

const BASELINES = join(__dirname, '..', 'contract-tests', 'baselines');

const TASKS_OPERATIONS = ['tasks_schedules_list', 'tasks_schedules_retrieve', 'tasks_schedules_update', 'tasks_schedules_partial_update', 'tasks_schedules_send_create', 'tasks_tasks_list', 'tasks_tasks_retrieve', 'tasks_tasks_retry_create', 'tasks_workers_list'];

describe('authentik-events-contract --authentik-version 2025.8', () => {
  const dir = mkdtempSync(join(tmpdir(), 'contract-2025.8-'));

  it('starts a 2025.8 mock itself and passes it, its only failures the 2025.8 baseline\'s, every entry seen; every check of the suite exercised', async () => {
    const report = join(dir, 'report.json');
    const baseline = readBaseline(join(BASELINES, 'authentik-2025.8.json'));
    const { code, stdout } = await runContractCli(['--authentik-version', '2025.8', '--runs', '5', '--report-json', report]);
    expect(stdout).toMatch(/^contract suite against http:\/\/127\.0\.0\.1:\d+\/api\/v3 \(started for this run; judged with the authentik 2025\.8 baseline\); seed 20240806, 5 runs per property; viewer and no-permission tokens\n/);
    expect(stdout).not.toContain('new findings');
    expect(stdout).not.toContain('baseline entries checked but not seen');
    expect(stdout).toMatch(new RegExp(`\\nverdict: passed: ${baseline.entries.length} known findings in the baseline\\n$`));
    expect(code).toBe(0);

    const json = JSON.parse(readFileSync(report, 'utf8')) as { run: { authentikVersion: string }; results: Array<{ check: string; operationId: string; outcome: string }> };
    expect(json.run.authentikVersion).toBe('2025.8');
    const passed = new Set(json.results.filter((r) => r.outcome === 'pass').map((r) => r.check));
    expect([...passed].sort()).toEqual(
      ['auth-enforced', 'content-type', 'filters', 'generated-invalid-body', 'generated-query', 'generated-valid-body', 'headers', 'lifecycle', 'list-actions', 'negative-data', 'ordering', 'pagination', 'permission-none', 'permission-viewer', 'positive-data', 'reachability', 'response-schema', 'schedule-send', 'schedule-update', 'search', 'status-code', 'task-retry', 'workers'],
    );
    // Every operation of the 2025.8 spec is reached, and none of 2024.8's system tasks is asked for.
    const reached = json.results.filter((r) => r.check === 'reachability' && r.outcome === 'pass').map((r) => r.operationId).sort();
    expect(reached).toEqual(listOperations(loadSpec(findSpecPath(SUITE_VERSIONS['2025.8'].profile))).map((op) => op.operationId).sort());
    expect(json.results.some((r) => r.operationId.startsWith('events_system_tasks'))).toBe(false);
  }, 60_000);

  describe('against a 2024.8 mock', () => {
    let mock: RunningMock;
    beforeAll(async () => {
      mock = await startMock(['--tokens', 'admin-token']);
    });
    afterAll(() => mock.stop());

    it('fails with one reachability finding per tasks operation, naming it, and runs none of the checks that need them', async () => {
      const { code, stdout } = await runContractCli(['--authentik-version', '2025.8', '--base-url', mock.baseUrl, '--token', 'admin-token', '--runs', '3']);
      expect(stdout).toMatch(/^contract suite against http:\/\/127\.0\.0\.1:\d+\/api\/v3 \(authentik 2025\.8\); seed/);
      const reachability = stdout.split('\n').filter((line) => line.startsWith('FAIL [reachability]')).sort();
      expect(reachability).toEqual([
        "FAIL [reachability] tasks_schedules_list: GET /tasks/schedules/ answers 404 with text/html, not the API's JSON: the target has no such route",
        "FAIL [reachability] tasks_schedules_partial_update: PATCH /tasks/schedules/{id}/ answers 405 with no body, not the API's JSON: the target has no such route",
        "FAIL [reachability] tasks_schedules_retrieve: GET /tasks/schedules/{id}/ answers 404 with text/html, not the API's JSON: the target has no such route",
        "FAIL [reachability] tasks_schedules_send_create: POST /tasks/schedules/{id}/send/ answers 405 with no body, not the API's JSON: the target has no such route",
        "FAIL [reachability] tasks_schedules_update: PUT /tasks/schedules/{id}/ answers 405 with no body, not the API's JSON: the target has no such route",
        "FAIL [reachability] tasks_tasks_list: GET /tasks/tasks/ answers 404 with text/html, not the API's JSON: the target has no such route",
        "FAIL [reachability] tasks_tasks_retrieve: GET /tasks/tasks/{message_id}/ answers 404 with text/html, not the API's JSON: the target has no such route",
        "FAIL [reachability] tasks_tasks_retry_create: POST /tasks/tasks/{message_id}/retry/ answers 405 with no body, not the API's JSON: the target has no such route",
        "FAIL [reachability] tasks_workers_list: GET /tasks/workers answers 404 with text/html, not the API's JSON: the target has no such route",
      ]);
      // The missing operations appear in no other finding: their checks were skipped, not failed.
      const others = stdout.split('\n').filter((line) => /^FAIL \[(?!reachability)/.test(line));
      expect(others.filter((line) => TASKS_OPERATIONS.some((id) => line.includes(` ${id}`)))).toEqual([]);
      // The 2024.8 events API shows where 2025.8 changed it.
      expect(others).toEqual(expect.arrayContaining([
        'FAIL [lifecycle] events_events_retrieve: a random UUID answered 404 {"detail":"Not found."} (expected 404 {"detail":"No Event matches the given query."})',
        'FAIL [pagination] events_events_list: page= (empty) answered 404 undefined (expected 200, page 1)',
      ]));
      expect(code).toBe(1);
    }, 60_000);
  });

  it('the default, 2024.8, suite against a 2025.8 mock names the three system-task operations it lacks', async () => {
    const mock = await startMock(['--authentik-version', '2025.8', '--tokens', 'admin-token']);
    try {
      const { code, stdout } = await runContractCli(['--base-url', mock.baseUrl, '--token', 'admin-token', '--runs', '3']);
      expect(stdout.split('\n').filter((line) => line.startsWith('FAIL [reachability]')).sort()).toEqual([
        "FAIL [reachability] events_system_tasks_list: GET /events/system_tasks/ answers 404 with text/html, not the API's JSON: the target has no such route",
        "FAIL [reachability] events_system_tasks_retrieve: GET /events/system_tasks/{uuid}/ answers 404 with text/html, not the API's JSON: the target has no such route",
        "FAIL [reachability] events_system_tasks_run_create: POST /events/system_tasks/{uuid}/run/ answers 405 with no body, not the API's JSON: the target has no such route",
      ]);
      // per_month/ is routed in 2025.8 (as an event lookup): its checks run and say what changed.
      expect(stdout).toContain('FAIL [list-actions] events_events_per_month_list: /events/events/per_month/ answered 404 {"detail":"Not found."} (expected 31 points');
      expect(code).toBe(1);
    } finally {
      await mock.stop();
    }
  }, 60_000);

  it('refuses a version it does not know, with one line', async () => {
    expect(await runContractCli(['--authentik-version', '2030.1'])).toEqual({ code: 2, stdout: '', stderr: 'error: --authentik-version must be one of 2024.8, 2025.8, not "2030.1"\n' });
  });
});

describe('the suite of each version, as data', () => {
  it.each(AUTHENTIK_VERSIONS.map((version) => [version]))('%s: every operation its checks need is in its spec, and its baseline names operations of that spec', (version) => {
    const suite = SUITE_VERSIONS[version];
    const operations = new Set(listOperations(loadSpec(findSpecPath(suite.profile))).map((op) => op.operationId));
    expect(suite.checks.flatMap((group) => group.needs).filter((id) => !operations.has(id))).toEqual([]);
    expect([...suite.rules.lookupBeforePermission].filter((id) => !operations.has(id))).toEqual([]);
    const baseline = readBaseline(join(BASELINES, suite.profile.baseline));
    expect(baseline.entries.filter((entry) => !operations.has(entry.operationId))).toEqual([]);
  });

  it('2025.8 lists authentik 2025.8.1\'s schema breaks: send/\'s 200 {}, the omitted rel_obj keys, volume/\'s zoneless time, the schedules search crash, the 404 bodies, the NUL search 400', () => {
    const entries = readBaseline(join(BASELINES, 'authentik-2025.8.json')).entries.map((entry) => `${entry.check} ${entry.operationId}${entry.path ? ` ${entry.path}` : ''}: ${entry.message}`);
    expect(entries).toEqual([
      "response-schema tasks_tasks_list /results/*: 200 response: must have required property 'rel_obj_app_label'",
      "response-schema tasks_tasks_retrieve /: 200 response: must have required property 'rel_obj_app_label'",
      "response-schema tasks_schedules_list /results/*: 200 response: must have required property 'rel_obj_app_label'",
      "response-schema tasks_schedules_retrieve /: 200 response: must have required property 'rel_obj_app_label'",
      "response-schema tasks_schedules_update /: 200 response: must have required property 'rel_obj_app_label'",
      "response-schema tasks_schedules_partial_update /: 200 response: must have required property 'rel_obj_app_label'",
      'response-schema events_events_volume_list /*/time: 200 response: must match format "date-time"',
      'status-code tasks_schedules_send_create: 200 is a success status the operation does not document (204, 400, 403, 404, 500)',
      "response-schema tasks_schedules_send_create /: 200 (undocumented, checked as GenericError) response: must have required property 'detail'",
      'status-code tasks_schedules_list: GET answered 500: the server crashed',
      'response-schema tasks_tasks_retry_create /: 404 response: must have no body',
      'response-schema tasks_schedules_send_create /: 404 response: must have no body',
      'response-schema events_events_list /: 400 response: must be object',
      'response-schema tasks_tasks_list /: 400 response: must be object',
    ]);
  });
});

describe('whyUnrouted: what tells a missing operation from an answer of the API', () => {
  const operation = { operationId: 'tasks_tasks_list', method: 'GET', path: '/tasks/tasks/' } as Operation;
  const exchange = (method: string, status: number, text: string, contentType?: string): Exchange => {
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { operation, method, url: 'http://x/api/v3/tasks/tasks/', requestHeaders: {}, status, headers: new Headers(contentType ? { 'content-type': contentType } : {}), text, json, curl: '' };
  };
  it.each<[string, Exchange, string | undefined]>([
    ["Django's HTML 404", exchange('GET', 404, '<!doctype html><title>Not Found</title>', 'text/html; charset=utf-8'), "404 with text/html, not the API's JSON: the target has no such route"],
    ["Django's empty 405", exchange('POST', 405, '', 'text/html; charset=utf-8'), "405 with no body, not the API's JSON: the target has no such route"],
    ["DRF's 405 for the operation's own method", exchange('POST', 405, '{"detail":"Method \\"POST\\" not allowed."}', 'application/json'), '405 "Method \\"POST\\" not allowed.": the path is routed without POST'],
    ['a 501 placeholder', exchange('GET', 501, '{"detail":"not implemented yet"}', 'application/json'), '501: the target does not implement it'],
    ["DRF's 404 for a missing object", exchange('GET', 404, '{"detail":"No Task matches the given query."}', 'application/json'), undefined],
    ['a JSON 404 sent as text/plain', exchange('GET', 404, '{"detail":"Not found."}', 'text/plain'), undefined],
    ['a 400 for a missing body', exchange('POST', 400, '{"action":["This field is required."]}', 'application/json'), undefined],
    ['a 403', exchange('GET', 403, '{"detail":"You do not have permission to perform this action."}', 'application/json'), undefined],
    ['a 200', exchange('GET', 200, '[]', 'application/json'), undefined],
  ])('%s', (_name, given, why) => {
    expect(whyUnrouted(given)).toBe(why);
  });
});
