#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createContract } from '../src/openapi/contract';
import { startMock, type RunningMock } from './launch-mock';
import { formatReport, toJUnit } from './report';
import { DEFAULT_RUNS, DEFAULT_SEED, runContract } from './run-contract';
import { loadSpec } from '../src/node/spec-files';

const USAGE = `usage: npm run contract -- [--base-url URL] [--token T] [--read-only] [--strict] [--runs N] [--seed N] [--junit FILE]
  --base-url   the API root, e.g. http://authentik.example:9000/api/v3 (env CONTRACT_BASE_URL);
               without it, this mock is started as a separate process on a free port
  --token      a bearer token of a superuser (env CONTRACT_TOKEN)
  --read-only  send only GET requests: no creates, updates, deletes or write probes
  --strict     undocumented error statuses (404, 405, 406, 415) fail instead of warn
  --runs N     generated cases per property [${DEFAULT_RUNS}];  --seed N  their seed [${DEFAULT_SEED}]
  --junit FILE write JUnit XML for CI systems`;

interface CliOptions {
  baseUrl?: string;
  token?: string;
  readOnly: boolean;
  strict: boolean;
  runs: number;
  seed: number;
  junit?: string;
}

function parseArgs(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
  const options: CliOptions = { baseUrl: env.CONTRACT_BASE_URL || undefined, token: env.CONTRACT_TOKEN || undefined, readOnly: false, strict: false, runs: DEFAULT_RUNS, seed: DEFAULT_SEED };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i] ?? fail(`${flag} needs a value`);
    if (flag === '--base-url') options.baseUrl = value();
    else if (flag === '--token') options.token = value();
    else if (flag === '--read-only') options.readOnly = true;
    else if (flag === '--strict') options.strict = true;
    else if (flag === '--runs') options.runs = positiveInt(flag, value());
    else if (flag === '--seed') options.seed = positiveInt(flag, value());
    else if (flag === '--junit') options.junit = value();
    else if (flag === '--help' || flag === '-h') fail(USAGE);
    else fail(`unknown argument ${flag} (try --help)`);
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

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2), process.env);
  let mock: RunningMock | undefined;
  let { baseUrl, token } = options;
  if (!baseUrl) {
    // No target: start this mock as a real process, with a token list so that unknown tokens are refused.
    token ??= `contract-${randomBytes(8).toString('hex')}`;
    mock = await startMock(['--tokens', token]);
    baseUrl = mock.baseUrl;
  }
  if (!token) fail('--token (or CONTRACT_TOKEN) is required with --base-url');
  try {
    const contract = createContract(loadSpec());
    const header = `contract suite against ${baseUrl}${mock ? ' (started for this run)' : ''}; seed ${options.seed}, ${options.runs} runs per property${options.readOnly ? ', read-only' : ''}${options.strict ? ', strict' : ''}`;
    console.log(header);
    const results = await runContract({ baseUrl, token, contract, readOnly: options.readOnly, strict: options.strict, seed: options.seed, runs: options.runs });
    console.log(formatReport(results, ''));
    if (options.junit) writeFileSync(options.junit, toJUnit(results));
    return results.some((r) => r.outcome === 'fail') ? 1 : 0;
  } finally {
    await mock?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`error: ${error.message}`);
    process.exit(2);
  },
);
