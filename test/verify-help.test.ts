import { runCli } from '../contract-tests/launch-mock';
import { VERIFY_USAGE } from '../src/verify/verify-command';

test('verify --help prints its usage and exits 0; the server usage points to it; a bad flag is one line and exit 2', async () => {
  expect(await runCli(['verify', '--help'])).toEqual({ code: 0, stdout: `${VERIFY_USAGE}\n`, stderr: '' });
  expect((await runCli(['--help'])).stdout).toContain('\nauthentik-events-mock verify --help   compare the mock with a real authentik, request by request\n');
  expect(await runCli(['verify', '--against', 'http://127.0.0.1:9/api/v3', '--token', 't', '--requets', '5'])).toEqual({ code: 2, stdout: '', stderr: 'error: unknown argument --requets (did you mean --requests?)\n' });
  expect(await runCli(['verify', '--against', 'http://127.0.0.1:9/api/v3', '--token', 't', '--authentik-version', '2025.8'])).toEqual({
    code: 2,
    stdout: '',
    stderr: 'error: verify cannot record authentik 2025.8 yet: it reads the system tasks API, which 2025.8 does not have\n',
  });
});
