import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatReport, toJUnit } from '../contract-tests/report';
import { runContract } from '../contract-tests/run-contract';
import type { Result } from '../contract-tests/results';
import { BROKEN_SERVERS, createBrokenServer, createCorrectServer, SUITE_TOKEN } from './helpers/broken-servers';
import { serve } from './helpers/serve';
import { createContract } from '../src/openapi/contract';
import { loadSpec } from '../src/openapi/load-spec';

// The suite tests authentik's contract, as `npm run contract` does; the admin API is not part of it.
const contract = createContract(loadSpec());

async function runAgainst(app: Parameters<typeof serve>[0], options: { readOnly?: boolean; strict?: boolean } = {}): Promise<Result[]> {
  const server = await serve(app);
  try {
    return await runContract({ baseUrl: server.baseUrl, token: SUITE_TOKEN, contract, runs: 10, taskRunWaitMs: 500, ...options });
  } finally {
    await server.close();
  }
}

const failedChecks = (results: Result[]) => [...new Set(results.filter((r) => r.outcome === 'fail').map((r) => r.check))].sort();

describe('the contract suite', () => {
  it('passes the correct mock with zero failures, every check exercised', async () => {
    const results = await runAgainst(createCorrectServer());
    expect(results.filter((r) => r.outcome === 'fail')).toEqual([]);
    const exercised = new Set(results.filter((r) => r.outcome === 'pass').map((r) => r.check));
    expect([...exercised].sort()).toEqual(
      ['auth-enforced', 'content-type', 'filters', 'generated-invalid-body', 'generated-query', 'generated-valid-body', 'headers', 'lifecycle', 'list-actions', 'negative-data', 'ordering', 'pagination', 'positive-data', 'response-schema', 'search', 'status-code', 'task-run'],
    );
  });

  it.each(BROKEN_SERVERS.map((s) => [s.defect, s.check, s.middleware] as const))('catches "%s" with the %s check', async (_defect, check, middleware) => {
    const results = await runAgainst(createBrokenServer([...middleware]));
    expect(failedChecks(results)).toContain(check);
    const failure = results.find((r) => r.outcome === 'fail' && r.check === check)!;
    expect(formatReport([failure], '')).toContain(`FAIL [${check}] ${failure.operationId}: `);
  });

  it('shows a failing generated case as its shrunk counter-example, a ready-to-paste curl', async () => {
    const accepting = BROKEN_SERVERS.find((s) => s.check === 'negative-data')!;
    const results = await runAgainst(createBrokenServer([...accepting.middleware]));
    const generated = results.find((r) => r.check === 'generated-invalid-body' && r.outcome === 'fail')!;
    expect(generated.message).toMatch(/shrunk counter-example after \d+ runs \(seed 20240806, path "[\d:]*"\)$/);
    expect(generated.curl).toMatch(/^curl -i -X POST 'http:\/\/127\.0\.0\.1:\d+\/api\/v3\/events\/events\/' .*-H 'Content-Type: application\/json' --data-raw '/);
  });

  it('makes only GET requests with --read-only', async () => {
    const seen: string[] = [];
    const app = createBrokenServer([(req, _res, next) => { seen.push(req.method); next(); }]);
    const results = await runAgainst(app, { readOnly: true });
    expect(new Set(seen)).toEqual(new Set(['GET']));
    expect(results.filter((r) => r.outcome === 'fail')).toEqual([]);
  });

  it('fails undocumented error statuses under --strict and only warns otherwise', async () => {
    const results = await runAgainst(createCorrectServer(), { strict: true, readOnly: true });
    const undocumented = results.filter((r) => r.check === 'status-code' && r.group === '404 undocumented');
    expect(undocumented.length).toBeGreaterThan(0);
    expect(undocumented.every((r) => r.outcome === 'fail')).toBe(true);
  });

  it('writes JUnit XML with a failure element per failed check', () => {
    const xml = toJUnit([
      { operationId: 'events_events_create', check: 'status-code', outcome: 'fail', message: 'POST -> 200 <bad>', curl: "curl -X POST 'u'" },
      { operationId: 'events_events_create', check: 'lifecycle', outcome: 'pass', message: 'ok' },
    ]);
    expect(xml).toContain('<testsuite name="events_events_create" tests="2" failures="1" skipped="0">');
    expect(xml).toContain('<failure message="status-code">POST -&gt; 200 &lt;bad&gt;\ncurl -X POST &apos;u&apos;</failure>');
  });
});

describe('against a stateless spec-only mock (Prism)', () => {
  it('fails on the lifecycle and authentication checks rather than passing', async () => {
    const { createPrismServer } = await import('./helpers/prism-server');
    const results = await runAgainst(await createPrismServer());
    const failed = failedChecks(results);
    expect(failed).toEqual(expect.arrayContaining(['auth-enforced', 'lifecycle']));
  });
});

/** Runs `npm run contract`'s program (built by npm test) and collects its exit code and output. */
function runContractCli(args: string[]): Promise<{ code: number | null; stdout: string }> {
  const child = spawn(process.execPath, [join(__dirname, '..', 'dist', 'contract-tests', 'cli.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout })));
}

describe('npm run contract', () => {
  it('starts the mock itself when no base URL is given, passes it and exits 0', async () => {
    const junit = join(tmpdir(), `contract-${process.pid}.xml`);
    rmSync(junit, { force: true });
    const { code, stdout } = await runContractCli(['--runs', '5', '--junit', junit]);
    expect(stdout).toMatch(/^contract suite against http:\/\/127\.0\.0\.1:\d+\/api\/v3\/ \(started for this run\); seed 20240806, 5 runs per property\n/);
    expect(stdout).toMatch(/\ncontract: \d+ passed, 0 failed, 0 skipped\n$/);
    expect(code).toBe(0);
    expect(existsSync(junit) && readFileSync(junit, 'utf8')).toContain('<testsuites name="contract"');
  });

  it('exits 1 and names the check when the server breaks the contract', async () => {
    const broken = BROKEN_SERVERS.find((s) => s.check === 'auth-enforced')!;
    const server = await serve(createBrokenServer([...broken.middleware]));
    try {
      const { code, stdout } = await runContractCli(['--base-url', server.baseUrl, '--token', SUITE_TOKEN, '--read-only', '--runs', '3']);
      expect(code).toBe(1);
      expect(stdout).toContain('FAIL [auth-enforced] events_system_tasks_list: GET with no Authorization header answered 401');
    } finally {
      await server.close();
    }
  });

  it('refuses a base URL without a token, with one line', async () => {
    const { code, stdout } = await runContractCli(['--base-url', 'http://127.0.0.1:1/api/v3']);
    expect([code, stdout]).toEqual([2, 'error: --token (or CONTRACT_TOKEN) is required with --base-url\n']);
  });
});
