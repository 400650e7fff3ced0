import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, startMock } from '../contract-tests/launch-mock';
import { ScenarioError } from '../src/seed/scenario';
import { createFallbackBrand } from '../src/seed/seed-store';
import { contract } from './helpers/test-app';
import { listScenarios, loadScenario } from '../src/node/scenario-files';

const brand = createFallbackBrand(1);
const dir = mkdtempSync(join(tmpdir(), 'scenarios-'));
const AUTH = { Authorization: 'Bearer t' };

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
    ['{"systemTasks": [{"uuid": "nope"}]}', '/systemTasks/0: must have required property \'description\''],
    ['{"events": [{"pk": "1b4e28ba-2fa1-41d2-883f-0016d3cca427", "action": "logon", "app": "a", "created": "2024-01-01T00:00:00Z"}]}', '/events/0/action: must be equal to one of the allowed values'],
    ['{"tokens": [{"token": "t", "permissions": ["root"]}]}', '/tokens/0/permissions/0: must be equal to one of the allowed values (view_systemtask, run_task, view_event, add_event, change_event, delete_event)'],
    ['{"generate": {"tasks": -1}}', '/generate/tasks: must be >= 0'],
    ['{"systemTasks": [{"uuid": "1b4e28ba-2fa1-41d2-883f-0016d3cca427", "name": "n", "uid": "u", "full_name": "n", "description": "d", "start_timestamp": "2024-01-01T00:00:00Z", "finish_timestamp": "2024-01-01T00:00:00Z", "duration": 0, "status": "unknown", "messages": []}]}', '/systemTasks/0/full_name: must be "n:u" (name:uid, or name without a uid)'],
    ['[1, 2', '/: not valid JSON'],
  ])('a bad file %s stops the load naming file, pointer and rule', (text, expected) => {
    const path = join(dir, `bad-${Math.random()}.json`);
    writeFileSync(path, text);
    expect(() => loadScenario(path, contract, brand)).toThrow(ScenarioError);
    expect(() => loadScenario(path, contract, brand)).toThrow(`${path}: ${expected}`);
  });

  it('a bad --scenario stops start-up with one line and exit 1', async () => {
    const path = join(dir, 'bad-start.json');
    writeFileSync(path, '{"events": [{"pk": "x"}]}');
    const result = await runCli(['--scenario', path, '--port', '0']);
    expect([result.code, result.stderr]).toEqual([1, `error: ${path}: /events/0: must have required property 'action'\n`]);
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
      expect(second.output()).toContain(`${stateFile}: 0 system tasks, 1 events`);
      const fetched = await fetch(`${second.baseUrl}/events/events/${event.pk}/`, { headers: AUTH });
      expect([fetched.status, ((await fetched.json()) as { context: unknown }).context]).toEqual([200, { ticket: 'QA-1' }]);
    } finally {
      await second.stop();
    }
  });
});
