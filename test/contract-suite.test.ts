import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBaseline } from '../contract-tests/baseline';
import { findingId, groupFindings, toFindingKey } from '../contract-tests/findings';
import { runContract } from '../contract-tests/run-contract';
import type { Result } from '../contract-tests/results';
import { BROKEN_SERVERS, createAuthentikLikeServer, createBrokenServer, createCorrectServer, NO_PERMISSION_TOKEN, SUITE_TOKEN, VIEWER_TOKEN } from './helpers/broken-servers';
import { serve } from './helpers/serve';
import { createContract } from '../src/openapi/contract';
import { loadSpec } from '../src/node/spec-files';

// The suite tests authentik's contract, as `npm run contract` does; the admin API is not part of it.
const contract = createContract(loadSpec());
const RESTRICTED_TOKENS = { viewerToken: VIEWER_TOKEN, noPermissionToken: NO_PERMISSION_TOKEN };
const SHIPPED_BASELINE = join(__dirname, '..', 'contract-tests', 'baselines', 'authentik-2024.8.json');

async function runAgainst(app: Parameters<typeof serve>[0], options: { readOnly?: boolean; strict?: boolean; viewerToken?: string; noPermissionToken?: string } = {}): Promise<Result[]> {
  const server = await serve(app);
  try {
    return await runContract({ baseUrl: server.baseUrl, token: SUITE_TOKEN, contract, runs: 10, taskRunWaitMs: 500, ...options });
  } finally {
    await server.close();
  }
}

// The mock reproduces authentik's run 404 body, which breaks the schema (decision 013): the suite reports it
// against the mock as against authentik, as a known finding of the shipped baseline. What a broken server
// adds is what is not in it.
const KNOWN = new Set(readBaseline(SHIPPED_BASELINE).entries.map(findingId));
const newFailures = (results: Result[]) => results.filter((r) => r.outcome === 'fail' && !KNOWN.has(findingId(toFindingKey(r))));
const failedChecks = (results: Result[]) => [...new Set(newFailures(results).map((r) => r.check))].sort();
const failureFindings = (results: Result[]) => groupFindings(results).filter((f) => f.outcome === 'fail');

describe('the contract suite', () => {
  it('passes the correct mock, given viewer and no-permission tokens, with zero failures and every check exercised', async () => {
    const results = await runAgainst(createCorrectServer(), RESTRICTED_TOKENS);
    expect(newFailures(results)).toEqual([]);
    // Its one finding is authentik's own: the run 404 with a body; it keeps uid schema-valid, unlike authentik.
    expect(failureFindings(results).map((f) => `${f.check} ${f.operationId} ${f.message}`)).toEqual(['response-schema events_system_tasks_run_create 404 response: must have no body']);
    const exercised = new Set(results.filter((r) => r.outcome === 'pass').map((r) => r.check));
    expect([...exercised].sort()).toEqual(
      ['auth-enforced', 'content-type', 'filters', 'generated-invalid-body', 'generated-query', 'generated-valid-body', 'headers', 'lifecycle', 'list-actions', 'negative-data', 'ordering', 'pagination', 'permission-none', 'permission-viewer', 'positive-data', 'reachability', 'response-schema', 'search', 'status-code', 'task-run'],
    );
  });

  it.each(BROKEN_SERVERS.map((s) => [s.defect, s.finding.check, s.finding.operationId, s] as const))(
    'catches "%s" as a %s finding on %s that states the cause, and fails no unrelated check',
    async (_defect, _check, _operationId, server) => {
      const results = await runAgainst(createBrokenServer(server.middleware), server.restrictedTokens ? RESTRICTED_TOKENS : {});
      const { message, ...key } = server.finding;
      expect(failureFindings(results)).toContainEqual(expect.objectContaining({ ...key, message: typeof message === 'string' ? message : expect.stringMatching(message) }));
      expect(failedChecks(results)).toEqual([...server.failingChecks].sort());
    },
  );

  it('shows a failing generated case on events_events_create as its shrunk counter-example, a ready-to-paste curl', async () => {
    const accepting = BROKEN_SERVERS.find((s) => s.defect === 'an invalid body is accepted')!;
    const results = await runAgainst(createBrokenServer(accepting.middleware));
    const generated = results.find((r) => r.check === 'generated-invalid-body' && r.outcome === 'fail')!;
    expect(generated.message).toMatch(/shrunk counter-example after \d+ runs \(seed 20240806, path "[\d:]*"\)$/);
    expect(generated.curl).toMatch(/^curl -i -X POST 'http:\/\/127\.0\.0\.1:\d+\/api\/v3\/events\/events\/' .*-H 'Content-Type: application\/json' --data-raw '/);
  });

  it('makes only GET requests with --read-only, the permission checks\' included, and passes the mock', async () => {
    const seen: string[] = [];
    const app = createBrokenServer(() => [(req, _res, next) => { seen.push(`${req.method} ${req.headers.authorization}`); next(); }]);
    const results = await runAgainst(app, { readOnly: true, ...RESTRICTED_TOKENS });
    expect(new Set(seen.map((line) => line.split(' ')[0]))).toEqual(new Set(['GET']));
    expect(seen).toContain(`GET Bearer ${VIEWER_TOKEN}`);
    expect(seen).toContain(`GET Bearer ${NO_PERMISSION_TOKEN}`);
    expect(results.filter((r) => r.outcome === 'fail')).toEqual([]);
  });

  it('fails undocumented error statuses under --strict and only warns otherwise', async () => {
    const undocumented = (results: Result[]) => results.filter((r) => r.check === 'status-code' && r.cause === 'status 404 is not documented (200, 400, 403)');
    const strict = undocumented(await runAgainst(createCorrectServer(), { strict: true, readOnly: true }));
    const lenient = undocumented(await runAgainst(createCorrectServer(), { readOnly: true }));
    expect(strict.length).toBeGreaterThan(0);
    expect(new Set(strict.map((r) => r.outcome))).toEqual(new Set(['fail']));
    expect([lenient.length, new Set(lenient.map((r) => r.outcome))]).toEqual([strict.length, new Set(['warn'])]);
  });

  it('skips the permission checks, saying which flag is missing, when no restricted token is given', async () => {
    const results = await runAgainst(createCorrectServer(), { readOnly: true });
    expect(results.filter((r) => r.check.startsWith('permission-'))).toEqual([
      { operationId: '(suite)', check: 'permission-viewer', outcome: 'skip', message: 'no --viewer-token given' },
      { operationId: '(suite)', check: 'permission-none', outcome: 'skip', message: 'no --no-permission-token given' },
    ]);
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
  const child = spawn(process.execPath, [join(__dirname, '..', 'dist', 'contract-tests', 'cli.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GITHUB_STEP_SUMMARY: '' } });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout })));
}

const RUN_404_BODY = 'FAIL [response-schema] events_system_tasks_run_create /: 404 response: must have no body';

describe('against authentik 2024.8: the mock with exactly authentik\'s two deviations (uid null, a body on the run 404)', () => {
  let server: Awaited<ReturnType<typeof serve>>;
  const dir = mkdtempSync(join(tmpdir(), 'contract-'));
  beforeAll(async () => {
    server = await serve(createAuthentikLikeServer());
  });
  afterAll(() => server.close());
  const target = () => ['--base-url', server.baseUrl, '--token', SUITE_TOKEN, '--runs', '3'];

  it('prints two grouped findings, each once with its count and one curl, and exits 1', async () => {
    const { code, stdout } = await runContractCli(target());
    const failures = stdout.split('\n').filter((line) => line.startsWith('FAIL')).sort();
    expect(failures).toEqual([expect.stringMatching(/^FAIL \[response-schema\] events_system_tasks_list \/results\/\*\/uid: 200 response: must be string \(\d+ times\)$/), RUN_404_BODY]);
    expect(stdout).toMatch(/\n {4}curl -i -X GET 'http:\/\/127\.0\.0\.1:\d+\/api\/v3\/events\/system_tasks\/\?[^']*' -H 'Accept: application\/json' -H "Authorization: Bearer \$TOKEN"\n/);
    expect(stdout).toMatch(/\ncontract: \d+ passed, \d+ failed in 2 findings, 2 skipped\nverdict: failed: 2 findings\n$/);
    expect(code).toBe(1);
  });

  it('lists every instance under --verbose', async () => {
    const { stdout } = await runContractCli([...target(), '--read-only', '--verbose']);
    const instances = stdout.split('\n').filter((line) => /^ {6}FAIL \[response-schema\] events_system_tasks_list: GET \/api\/v3\/events\/system_tasks\/ -> 200: 200 at \/results\/\d+\/uid: must be string$/.test(line));
    const count = Number(/\/results\/\*\/uid: 200 response: must be string \((\d+) times\)/.exec(stdout)?.[1]);
    expect(instances.length).toBe(count);
    expect(count).toBeGreaterThan(1);
  });

  it('exits 0 with the shipped baseline and writes the Markdown summary, JUnit and JSON reports', async () => {
    const [summary, junit, json] = ['summary.md', 'junit.xml', 'report.json'].map((name) => join(dir, name));
    const { code, stdout } = await runContractCli([...target(), '--baseline', SHIPPED_BASELINE, '--summary-md', summary!, '--junit', junit!, '--report-json', json!]);
    expect(stdout).toContain(`\nknown findings (in ${SHIPPED_BASELINE}):\n`);
    expect(stdout).toMatch(/\nFAIL \[response-schema\] events_system_tasks_list \/results\/\*\/uid: 200 response: must be string \(\d+ times\) — authentik 2024\.8 sends uid: null /);
    expect(stdout).toContain(`\n${RUN_404_BODY} — authentik 2024.8 answers a run of a missing task with 404`);
    expect(stdout).not.toContain('new findings');
    expect(stdout).toMatch(/\nverdict: passed: 2 known findings in the baseline\n$/);
    expect(code).toBe(0);

    const markdown = readFileSync(summary!, 'utf8');
    expect(markdown).toMatch(/^## Contract suite: passed\n\ncontract suite against http:\/\/127\.0\.0\.1:\d+\/api\/v3; seed 20240806, 3 runs per property\n\n\*\*Verdict: passed: 2 known findings in the baseline\.\*\* /);
    expect(markdown).toContain('\n### Known findings, accepted by the baseline: 2\n');
    expect(markdown).toMatch(/\n\| response-schema \| <code>events_system_tasks_list<\/code> \| <code>\/results\/\*\/uid<\/code> \| 200 response: must be string \| \d+ \| authentik 2024\.8 sends uid: null /);

    const xml = readFileSync(junit!, 'utf8');
    expect(xml).toMatch(/<testcase classname="events_system_tasks_list" name="response-schema" time="\d+\.\d{3}"><skipped message="known finding in the baseline: authentik 2024\.8 sends uid: null [^"]*"\/><system-out>KNOWN/);
    expect(xml).toMatch(/<testcase classname="events_system_tasks_list" name="status-code" time="\d+\.\d{3}"><system-out>WARNING: WARN \[status-code\] events_system_tasks_list: status 404 is not documented \(200, 400, 403\) \(/);
    expect(xml).not.toContain('<failure');

    const report = JSON.parse(readFileSync(json!, 'utf8')) as { passed: boolean; findings: Array<{ status: string; operationId: string; path?: string; count: number }>; results: unknown[] };
    expect(report.passed).toBe(true);
    const accepted = report.findings.filter((f) => f.status !== 'warning').map(({ status, operationId, path }) => ({ status, operationId, path }));
    expect(accepted.sort((a, b) => a.operationId.localeCompare(b.operationId))).toEqual([
      { status: 'known', operationId: 'events_system_tasks_list', path: '/results/*/uid' },
      { status: 'known', operationId: 'events_system_tasks_run_create', path: '/' },
    ]);
    expect(report.results.length).toBeGreaterThan(1000);
  });

  it('--write-baseline records the two findings the shipped baseline lists, and accepts them', async () => {
    const written = join(dir, 'written.json');
    const { code } = await runContractCli([...target(), '--write-baseline', written]);
    const keys = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { findings: Array<Record<string, string>> }).findings.map(({ check, operationId, path, message }) => ({ check, operationId, path, message }));
    expect(keys(written)).toEqual(expect.arrayContaining(keys(SHIPPED_BASELINE)));
    expect(keys(written)).toHaveLength(2);
    expect(code).toBe(0);
  });
});

describe('npm run contract', () => {
  it('starts the mock itself with viewer and no-permission tokens when no base URL is given, judges it with the authentik baseline and exits 0', async () => {
    const { code, stdout } = await runContractCli(['--runs', '5']);
    expect(stdout).toMatch(/^contract suite against http:\/\/127\.0\.0\.1:\d+\/api\/v3 \(started for this run; judged with the authentik 2024\.8 baseline\); seed 20240806, 5 runs per property; viewer and no-permission tokens\n/);
    // Its one failure is authentik's own run 404 body, which the mock reproduces (decision 013).
    expect(stdout).toContain('\nFAIL [response-schema] events_system_tasks_run_create /: 404 response: must have no body — authentik 2024.8 answers');
    expect(stdout).toMatch(/\ncontract: \d+ passed, 1 failed in 1 finding, 0 skipped\nverdict: passed: 1 known finding in the baseline\n$/);
    expect(code).toBe(0);
  });

  it('exits 1 and names the check when the server breaks the contract', async () => {
    const broken = BROKEN_SERVERS.find((s) => s.defect === 'authentication failures answer 401')!;
    const server = await serve(createBrokenServer(broken.middleware));
    try {
      const { code, stdout } = await runContractCli(['--base-url', server.baseUrl, '--token', SUITE_TOKEN, '--read-only', '--runs', '3']);
      expect(code).toBe(1);
      expect(stdout).toContain('\nFAIL [auth-enforced] events_system_tasks_list: GET with no Authorization header answered 401 {"detail":"Authentication credentials were not provided."} (expected 403 with a GenericError body)\n');
    } finally {
      await server.close();
    }
  });

  it('suggests the nearest flag for a mistyped one', async () => {
    expect(await runContractCli(['--base-ulr', 'http://127.0.0.1:1/api/v3'])).toEqual({ code: 2, stdout: 'error: unknown argument --base-ulr (did you mean --base-url?)\n' });
    expect(await runContractCli(['--bogus'])).toEqual({ code: 2, stdout: 'error: unknown argument --bogus (try --help)\n' });
  });

  it('refuses a base URL without a token, with one line', async () => {
    const { code, stdout } = await runContractCli(['--base-url', 'http://127.0.0.1:1/api/v3']);
    expect([code, stdout]).toEqual([2, 'error: --token (or CONTRACT_TOKEN) is required with --base-url\n']);
  });

  it('refuses a baseline entry without a reason before running, naming the file and the JSON path', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'contract-')), 'baseline.json');
    writeFileSync(file, JSON.stringify({ version: 1, findings: [{ check: 'response-schema', operationId: 'events_system_tasks_list', message: 'x' }] }));
    const { code, stdout } = await runContractCli(['--base-url', 'http://127.0.0.1:1/api/v3', '--token', 't', '--baseline', file]);
    expect([code, stdout]).toEqual([2, `error: ${file} at /findings/0/reason: must say why the finding is accepted\n`]);
  });
});
