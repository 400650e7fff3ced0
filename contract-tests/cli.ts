#!/usr/bin/env node
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createContract } from '../src/openapi/contract';
import { findSpecPath, loadSpec } from '../src/node/spec-files';
import { AUTHENTIK_VERSIONS, DEFAULT_AUTHENTIK_VERSION, isAuthentikVersion, type AuthentikVersion } from '../src/versions/version-names';
import { flagHint } from '../src/config/nearest-name';
import { assess } from './assessment';
import { BaselineError, readBaseline, toBaselineJson, type Baseline } from './baseline';
import { groupFindings } from './findings';
import { startMock, type RunningMock } from './launch-mock';
import { formatReport } from './report';
import { probeReachable } from './reachability';
import type { RunInfo } from './report-json';
import { DEFAULT_RUNS, DEFAULT_SEED, runContract } from './run-contract';
import { suiteFor } from './suite-versions';
import { writeReports } from './write-reports';
import { runUpgradeCheck } from './upgrade-check/command';

const USAGE = `usage: authentik-events-contract [--base-url URL] [--token T] [--viewer-token T] [--no-permission-token T]
         [--authentik-version V] [--read-only] [--strict] [--runs N] [--seed N] [--verbose] [--baseline FILE] [--write-baseline FILE]
         [--junit FILE] [--summary-md FILE] [--report-json FILE]
  --base-url     the API root, e.g. http://authentik.example:9000/api/v3 (env CONTRACT_BASE_URL);
                 without it, this mock is started as a separate process on a free port, with restricted tokens
  --token        a bearer token of a superuser (env CONTRACT_TOKEN)
  --viewer-token a token that may view but not change: events and system tasks (2024.8); events, tasks,
                 schedules and system info (2025.8) (env CONTRACT_VIEWER_TOKEN)
  --no-permission-token  a valid token without any permission (env CONTRACT_NO_PERMISSION_TOKEN)
  --authentik-version V  the authentik version to hold the target to: ${AUTHENTIK_VERSIONS.join(' | ')} [${DEFAULT_AUTHENTIK_VERSION}]:
                 its spec, its checks and its baseline; a mock the suite starts is that version
  --read-only    send only GET requests: no creates, updates, deletes or write probes
  --strict       undocumented error statuses (404, 405, 406, 415) fail instead of warn
  --runs N       generated cases per property [${DEFAULT_RUNS}];  --seed N  their seed [${DEFAULT_SEED}]
  --verbose      list every failure and warning, not only one per finding
  --baseline FILE        accept the findings listed in FILE: the run fails only on new ones
  --write-baseline FILE  record this run's failures in FILE as the accepted findings
  --junit FILE   write JUnit XML (a test case per operation and check)
  --summary-md FILE      write a Markdown summary (GitHub Actions: "$GITHUB_STEP_SUMMARY")
  --report-json FILE     write the whole result as JSON
       authentik-events-contract upgrade-check …
  what changes in another authentik version for the requests an app sent to the mock (upgrade-check --help)`;

interface CliOptions {
  baseUrl?: string;
  token?: string;
  viewerToken?: string;
  noPermissionToken?: string;
  /** As given; undefined means the default version, which the report then does not name. */
  authentikVersion?: AuthentikVersion;
  readOnly: boolean;
  strict: boolean;
  runs: number;
  seed: number;
  verbose: boolean;
  baseline?: string;
  writeBaseline?: string;
  junit?: string;
  summaryMd?: string;
  reportJson?: string;
}

function parseArgs(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
  const options: CliOptions = {
    baseUrl: env.CONTRACT_BASE_URL || undefined,
    token: env.CONTRACT_TOKEN || undefined,
    viewerToken: env.CONTRACT_VIEWER_TOKEN || undefined,
    noPermissionToken: env.CONTRACT_NO_PERMISSION_TOKEN || undefined,
    readOnly: false,
    strict: false,
    runs: DEFAULT_RUNS,
    seed: DEFAULT_SEED,
    verbose: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i] ?? fail(`${flag} needs a value`);
    if (flag === '--base-url') options.baseUrl = value();
    else if (flag === '--token') options.token = value();
    else if (flag === '--viewer-token') options.viewerToken = value();
    else if (flag === '--no-permission-token') options.noPermissionToken = value();
    else if (flag === '--authentik-version') {
      const version = value();
      if (!isAuthentikVersion(version)) fail(`--authentik-version must be one of ${AUTHENTIK_VERSIONS.join(', ')}, not "${version}"`);
      options.authentikVersion = version;
    } else if (flag === '--read-only') options.readOnly = true;
    else if (flag === '--strict') options.strict = true;
    else if (flag === '--runs') options.runs = positiveInt(flag, value());
    else if (flag === '--seed') options.seed = positiveInt(flag, value());
    else if (flag === '--verbose') options.verbose = true;
    else if (flag === '--baseline') options.baseline = value();
    else if (flag === '--write-baseline') options.writeBaseline = value();
    else if (flag === '--junit') options.junit = value();
    else if (flag === '--summary-md') options.summaryMd = value();
    else if (flag === '--report-json') options.reportJson = value();
    else if (flag === '--help' || flag === '-h') fail(USAGE);
    else fail(`unknown argument ${flag}${flagHint(flag, USAGE.match(/--[a-z-]+/g) ?? [])}`);
  }
  return options;
}

function positiveInt(flag: string, text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) fail(`${flag} must be a positive whole number, not "${text}"`);
  return Number(text);
}

function fail(message: string): never {
  console.error(message.startsWith('usage:') ? message : `error: ${message}`);
  process.exit(2);
}

/** A shipped baseline of a version's known deviations (`baselines/<file>`); this file runs from contract-tests/ or dist/contract-tests/. */
function shippedBaseline(file: string): string {
  const candidates = [join(__dirname, 'baselines', file), join(__dirname, '..', '..', 'contract-tests', 'baselines', file)];
  return candidates.find((path) => existsSync(path)) ?? candidates[0]!;
}

const newToken = (role: string) => `contract-${role}-${randomBytes(8).toString('hex')}`;

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2), process.env);
  const version = options.authentikVersion ?? DEFAULT_AUTHENTIK_VERSION;
  const suite = suiteFor(version);
  // Read before the run, so that a mistake in the file costs seconds, not a whole run.
  let baseline: Baseline | undefined;
  try {
    baseline = options.baseline === undefined ? undefined : readBaseline(options.baseline);
  } catch (error) {
    if (error instanceof BaselineError) fail(error.message);
    throw error;
  }
  let mock: RunningMock | undefined;
  let { baseUrl, token, viewerToken, noPermissionToken } = options;
  if (!baseUrl) {
    // No target: start this mock as a real process, with a token list so that unknown tokens are refused,
    // and a viewer and a no-permission token so that the permission checks run too.
    token ??= newToken('admin');
    viewerToken ??= newToken('viewer');
    noPermissionToken ??= newToken('nobody');
    mock = await startMock(['--authentik-version', version, '--tokens', `${token},${viewerToken}:${suite.viewerPermissions.join('+')},${noPermissionToken}:`]);
    baseUrl = mock.baseUrl;
    // The mock reproduces the version's own deviations from its schema (decision 013), so it is judged
    // against their baseline unless another is named.
    baseline ??= readBaseline(shippedBaseline(suite.profile.baseline));
  }
  if (!token) fail('--token (or CONTRACT_TOKEN) is required with --base-url');
  // One probe before any check: a target that cannot be reached is one line and exit 2, not a page of failures.
  if (!mock) {
    const unreachable = await probeReachable(baseUrl);
    if (unreachable) fail(unreachable);
  }
  try {
    const contract = createContract(loadSpec(findSpecPath(suite.profile)));
    const tokens = [viewerToken ? 'viewer' : '', noPermissionToken ? 'no-permission' : ''].filter(Boolean).join(' and ');
    const asked = options.authentikVersion === undefined || mock ? '' : ` (authentik ${version})`;
    const header = `contract suite against ${baseUrl}${asked}${mock ? ` (started for this run; judged with the authentik ${version} baseline)` : ''}; seed ${options.seed}, ${options.runs} runs per property${options.readOnly ? ', read-only' : ''}${options.strict ? ', strict' : ''}${tokens ? `; ${tokens} tokens` : ''}`;
    console.log(header);
    const results = await runContract({ baseUrl, token, viewerToken, noPermissionToken, contract, authentikVersion: version, readOnly: options.readOnly, strict: options.strict, seed: options.seed, runs: options.runs });
    if (options.writeBaseline) {
      writeFileSync(options.writeBaseline, toBaselineJson(groupFindings(results), baseline));
      // The run is judged against what it just recorded: writing a baseline accepts the current findings.
      baseline = readBaseline(options.writeBaseline);
    }
    const assessment = assess(results, baseline);
    console.log(`\n${formatReport(assessment, { verbose: options.verbose })}`);
    const run: RunInfo = { baseUrl, authentikVersion: version, seed: options.seed, runs: options.runs, readOnly: options.readOnly, strict: options.strict, viewerToken: !!viewerToken, noPermissionToken: !!noPermissionToken };
    writeReports(assessment, options, header, run);
    return assessment.passed ? 0 : 1;
  } finally {
    await mock?.stop();
  }
}

// A subcommand comes first; without one, the contract suite runs, as it always has.
const [subcommand, ...subcommandArgs] = process.argv.slice(2);
(subcommand === 'upgrade-check' ? runUpgradeCheck(subcommandArgs) : main()).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`error: ${error.message}`);
    process.exit(2);
  },
);
