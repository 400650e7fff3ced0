import { createServer } from 'node:net';
import { describeUnreachable } from '../contract-tests/reachability';
import { runContractCli } from './helpers/contract-cli';

/** A port that was free a moment ago: listened on, then closed, so nothing answers there. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('authentik-events-contract, the installed command', () => {
  it('--help names the bin, not npm run', async () => {
    const { code, stdout, stderr } = await runContractCli(['--help']);
    expect([code, stdout, stderr.split('\n')[0]]).toEqual([2, '', 'usage: authentik-events-contract [--base-url URL] [--token T] [--viewer-token T] [--no-permission-token T]']);
  });

  it('ends with exit 2 and one line naming the URL when nothing listens, with no findings and no reports', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/api/v3`;
    const { code, stdout, stderr } = await runContractCli(['--base-url', url, '--token', 't']);
    expect([code, stdout, stderr]).toEqual([2, '', `error: cannot reach ${url}: connection refused\n`]);
  });

  it('against the mock, does not tell to remove the shipped baseline\'s uid: null entry, which real authentik needs', async () => {
    const { code, stdout } = await runContractCli(['--runs', '2']);
    const lines = stdout.split('\n');
    const at = lines.findIndex((line) => line.startsWith('baseline entries checked but not seen in this run ('));
    expect([code, stdout.includes('remove from the baseline'), lines[at + 1]]).toEqual([0, false, '[response-schema] events_system_tasks_list /results/*/uid: 200 response: must be string']);
    expect(lines[at]).toMatch(/^baseline entries checked but not seen in this run \(.*authentik-2024\.8\.json lists known deviations of a server: remove an entry only if this target is that server and the deviation is gone\):$/);
  }, 60_000);
});

describe('describeUnreachable', () => {
  const url = 'http://authentik.invalid/api/v3';
  const fetchFailed = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });
  it.each<[unknown, string]>([
    [fetchFailed('ECONNREFUSED'), 'connection refused'],
    [fetchFailed('ENOTFOUND'), 'DNS lookup failed for authentik.invalid'],
    [fetchFailed('EAI_AGAIN'), 'DNS lookup failed for authentik.invalid'],
    [new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 'timeout: no answer within 10 s'],
    [new DOMException('This operation was aborted', 'AbortError'), 'timeout: no answer within 10 s'],
    [fetchFailed('UND_ERR_CONNECT_TIMEOUT'), 'timeout: no answer within 10 s'],
  ])('names the cause of error case %#', (error, why) => {
    expect(describeUnreachable(url, error, 10_000)).toBe(`cannot reach ${url}: ${why}`);
  });
});
