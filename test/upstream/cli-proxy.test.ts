import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, startMock as startCli } from '../../contract-tests/launch-mock';
import { startMock, type RunningMock } from '../../src/index';
import { FULL_SCHEMA } from '../helpers/full-spec';

// --proxy through the built CLI, in front of a second mock (in this process) as the real authentik.
const AUTH = { Authorization: 'Bearer client-token' };
const scratch = mkdtempSync(join(tmpdir(), 'mock-proxy-'));
let real: RunningMock;
beforeAll(async () => {
  real = await startMock({ quiet: true, seed: 9, events: 3 });
});
afterAll(async () => {
  await real.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the CLI with --upstream and --proxy', () => {
  it('says where it forwards, logs a violation on one line, and writes what was browsed to --state-file', async () => {
    const stateFile = join(scratch, 'recording.json');
    const cli = await startCli(['--upstream', real.apiUrl, '--proxy', '--state-file', stateFile]);
    let code: number | null;
    try {
      expect(cli.output().split('\n')[3]).toBe(`  upstream: ${real.apiUrl} answers every API request (--proxy); answers checked against ${FULL_SCHEMA}`);
      const events = (await (await fetch(`${cli.baseUrl}/events/events/`, { headers: AUTH })).json()) as { results: Array<{ pk: string }> };
      expect(events.results).toHaveLength(3);
      await real.admin.addStub({ operationId: 'events_system_tasks_list', times: 1, outsideContract: true, response: { status: 200, body: { results: [] } } });
      const broken = await fetch(`${cli.baseUrl}/events/system_tasks/`, { headers: AUTH });
      expect([broken.status, await broken.text()]).toEqual([200, '{"results":[]}']);
    } finally {
      code = await cli.stop();
    }
    expect(code).toBe(0);
    expect(cli.output()).toContain(
      "\nupstream_contract_violation: GET /api/v3/events/system_tasks/: Response of events_system_tasks_list (200) violates the spec at /: must have required property 'pagination'\n",
    );
    expect(cli.output()).toMatch(/\nGET \/api\/v3\/events\/system_tasks\/ 200 \d+(\.\d)? ms from upstream\n/);
    const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as { events: Array<{ pk: string }>; systemTasks: unknown[] };
    const upstream = (await real.admin.state()) as unknown as { events: Array<{ pk: string }> };
    expect(saved.events.map((e) => e.pk).sort()).toEqual(upstream.events.map((e) => e.pk).sort());
    expect(saved.systemTasks).toEqual([]);
  });

  it.each([
    [['--proxy'], "error: --proxy needs --upstream URL, the real authentik's API root (https://authentik.example/api/v3)\n"],
    [['--upstream', 'https://authentik.example/'], 'error: --upstream must be an http(s) URL of authentik\'s API root, ending in /api/v3 (https://authentik.example/api/v3), not "https://authentik.example/"\n'],
  ])('stops start-up with one line for %j', async (args, line) => {
    const result = await runCli(args);
    expect([result.code, result.stderr, result.stdout]).toEqual([1, line, '']);
  });
});
