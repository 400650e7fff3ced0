import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, startMock } from '../contract-tests/launch-mock';
import { ScenarioError } from '../src/seed/scenario';
import { createFallbackBrand } from '../src/seed/seed-store';
import { contract } from './helpers/test-app';
import { FIXTURES_DIR, listScenarios, loadScenario } from '../src/node/scenario-files';
import { ConfigError } from '../src/config/config';

const brand = createFallbackBrand(1);
const dir = mkdtempSync(join(tmpdir(), 'scenarios-'));
const AUTH = { Authorization: 'Bearer t' };

/** The one-line message a scenario file's load stops with. */
function loadError(path: string): string {
  try {
    loadScenario(path, contract, brand);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${path} loaded`);
}

describe('scenario files', () => {
  it.each(listScenarios().filter((s) => s.name !== 'large').map((s) => s.name))('%s loads and every record passes the spec', (name) => {
    const state = loadScenario(name, contract, brand);
    expect(state.name).toBe(name);
  });

  it('makes `large` from a seed instead of storing 110,000 records (its load time is measured by npm run bench)', () => {
    const large = JSON.parse(readFileSync(listScenarios().find((s) => s.name === 'large')!.path, 'utf8'));
    expect(large).toEqual({ description: expect.any(String), generate: { seed: 1, tasks: 10_000, events: 100_000 } });
  });

  it.each([
    ['{"systemTasks": [{"uuid": "1b4e28ba-2fa1-41d2-883f-0016d3cca427", "name": "n", "description": "d", "start_timestamp": "2024-01-01T00:00:00Z", "finish_timestamp": "2024-01-01T00:00:00Z", "duration": 0, "status": "unknown"}]}', '/systemTasks/0: must have required property \'messages\''],
    ['{"events": [{"pk": "1b4e28ba-2fa1-41d2-883f-0016d3cca427", "action": "logon", "app": "a", "created": "2024-01-01T00:00:00Z"}]}', '/events/0/action: must be equal to one of the allowed values (login, login_failed, logout, user_write, suspicious_request, password_set, secret_view, secret_rotate, invitation_used, authorize_application, source_linked, impersonation_started, impersonation_ended, flow_execution, policy_execution, policy_exception, property_mapping_exception, system_task_execution, system_task_exception, system_exception, configuration_error, model_created, model_updated, model_deleted, email_sent, update_available, custom_)'],
    ['{"tokens": [{"token": "t", "permissions": ["root"]}]}', '/tokens/0/permissions/0: must be equal to one of the allowed values (view_systemtask, run_task, view_event, add_event, change_event, delete_event, view_task, retry_task, view_schedule, change_schedule, send_schedule, view_system_info)'],
    ['{"generate": {"tasks": -1}}', '/generate/tasks: must be >= 0'],
    ['{"systemTasks": [{"uuid": "1b4e28ba-2fa1-41d2-883f-0016d3cca427", "name": "n", "uid": "u", "full_name": "n", "description": "d", "start_timestamp": "2024-01-01T00:00:00Z", "finish_timestamp": "2024-01-01T00:00:00Z", "duration": 0, "status": "unknown", "messages": []}]}', '/systemTasks/0/full_name: must be "n:u" (name:uid, or name without a uid)'],
    ['[1, 2', "/: not valid JSON: Expected ',' or ']' after array element in JSON at position 5"],
  ])('a bad file %s stops the load naming file, pointer and rule', (text, expected) => {
    const path = join(dir, `bad-${Math.random()}.json`);
    writeFileSync(path, text);
    expect(() => loadScenario(path, contract, brand)).toThrow(ScenarioError);
    expect(loadError(path)).toBe(`${path}: ${expected}`);
  });

  it('reports every problem of a file at once, each with its pointer and rule, on one line', () => {
    const path = join(dir, 'many-problems.json');
    const task = { uuid: '1b4e28ba-2fa1-41d2-883f-0016d3cca427', name: 'n', description: 'd', start_timestamp: '2024-01-01T00:00:00Z', finish_timestamp: '2024-01-01T00:00:00Z', duration: 0, status: 'unknown', messages: [] };
    const event = { pk: '2b4e28ba-2fa1-41d2-883f-0016d3cca427', action: 'login', app: 'a', created: '2024-01-01T00:00:00Z' };
    writeFileSync(path, JSON.stringify({ descripton: 'typo', systemTasks: [task, { ...task, uuid: 'nope' }, task], events: [{ ...event, action: 'logon' }, event, { ...event, app: 7 }] }));
    let error: ScenarioError | undefined;
    try {
      loadScenario(path, contract, brand);
    } catch (thrown) {
      error = thrown as ScenarioError;
    }
    expect(error?.problems).toEqual([
      { pointer: '/', rule: 'must NOT have additional properties (descripton)' },
      { pointer: '/systemTasks/1/uuid', rule: 'must match format "uuid"' },
      { pointer: '/systemTasks/2', rule: '(name, uid) must be unique; n is there twice' },
      { pointer: '/events/0/action', rule: expect.stringMatching(/^must be equal to one of the allowed values/) },
      { pointer: '/events/2/app', rule: 'must be string' },
    ]);
    expect(error?.message).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 5 problems: /: must NOT have additional properties \\(descripton\\); /systemTasks/1/uuid: must match format "uuid"; /systemTasks/2: \\(name, uid\\) must be unique; n is there twice; /events/0/action: must be equal to one of the allowed values[^;]*; /events/2/app: must be string$`));
  });

  it('loads a YAML scenario (timestamps stay strings) and names the line of a YAML mistake', () => {
    const path = join(dir, 'qa.yaml');
    writeFileSync(path, ['description: from YAML', 'events:', '  - pk: 3b4e28ba-2fa1-41d2-883f-0016d3cca427', '    action: login', '    app: yaml-app', '    created: 2024-05-01T10:00:00Z', ''].join('\n'));
    const state = loadScenario(path, contract, brand);
    expect(state.store.events.all().map((e) => [e.pk, e.app])).toEqual([['3b4e28ba-2fa1-41d2-883f-0016d3cca427', 'yaml-app']]);
    const broken = join(dir, 'broken.yml');
    writeFileSync(broken, 'events:\n  - pk: [unclosed\n');
    expect(loadError(broken)).toBe(`${broken}: /: not valid YAML: unexpected end of the stream within a flow collection (3:1)`);
  });

  it('an unknown scenario name lists the names fixtures/ has, and suggests the nearest', () => {
    const names = listScenarios().map((s) => s.name).join(', ');
    expect(names).toBe('default, empty, failing-tasks, large, restricted-token');
    expect(() => loadScenario('failing', contract, brand)).toThrow(new ConfigError(`--scenario: no scenario named "failing" in ${FIXTURES_DIR} (did you mean failing-tasks?); known: ${names}; or give a path to a .json or .yaml file`));
    expect(() => loadScenario('nothing-like-it', contract, brand)).toThrow(new ConfigError(`--scenario: no scenario named "nothing-like-it" in ${FIXTURES_DIR}; known: ${names}; or give a path to a .json or .yaml file`));
  });

  it('a bad --scenario stops start-up with one line and exit 1', async () => {
    const path = join(dir, 'bad-start.json');
    writeFileSync(path, '{"events": [{"pk": "x"}]}');
    const result = await runCli(['--scenario', path, '--port', '0']);
    expect([result.code, result.stderr]).toEqual([1, `error: ${path}: 4 problems: /events/0: must have required property 'action'; /events/0: must have required property 'app'; /events/0: must have required property 'created'; /events/0/pk: must match format "uuid"\n`]);
    const unknown = await runCli(['--scenario', 'failing', '--port', '0']);
    expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringMatching(/^error: --scenario: no scenario named "failing" in \S+fixtures \(did you mean failing-tasks\?\); known: default, empty, failing-tasks, large, restricted-token; or give a path to a \.json or \.yaml file\n$/)]);
  });
});

describe('--state-file', () => {
  it('survives a restart: what was created is there after SIGTERM and start', async () => {
    const stateFile = join(dir, 'state.json');
    const first = await startMock(['--state-file', stateFile, '--scenario', 'empty']);
    const created = await fetch(`${first.baseUrl}/events/events/`, { method: 'POST', headers: { ...AUTH, 'Content-Type': 'application/json' }, body: JSON.stringify({ action: 'custom_', app: 'prepared', context: { ticket: 'QA-1' } }) });
    const event = (await created.json()) as { pk: string };
    expect(await first.stop()).toBe(0);
    expect(existsSync(stateFile)).toBe(true);
    expect(JSON.parse(readFileSync(stateFile, 'utf8')).events).toHaveLength(1);

    const second = await startMock(['--state-file', stateFile, '--scenario', 'empty']);
    try {
      expect(second.output()).toContain(`${stateFile}: 0 system tasks, 1 event (authentik 2024.8)`);
      const fetched = await fetch(`${second.baseUrl}/events/events/${event.pk}/`, { headers: AUTH });
      expect([fetched.status, ((await fetched.json()) as { context: unknown }).context]).toEqual([200, { ticket: 'QA-1' }]);
    } finally {
      await second.stop();
    }
  });
});
