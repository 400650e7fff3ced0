import { runCli } from '../contract-tests/launch-mock';
import { RECORD_USAGE } from '../src/record/record-command';

test('record --help prints its usage and exits 0; the server usage points to it', async () => {
  expect(await runCli(['record', '--help'])).toEqual({ code: 0, stdout: `${RECORD_USAGE}\n`, stderr: '' });
  expect((await runCli(['--help'])).stdout).toContain('\nauthentik-events-mock record --help   record a real authentik\'s tasks and events into a scenario\n');
  expect(await runCli(['record', '--from', 'http://127.0.0.1:9/api/v3'])).toEqual({ code: 1, stdout: '', stderr: 'error: record needs --token (or AUTHENTIK_TOKEN), a token that may view events and system tasks\n' });
});
