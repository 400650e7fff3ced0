import type { Contract } from '../src/openapi/contract';
import { listOperations } from '../src/openapi/operations';
import type { AuthentikVersion } from '../src/versions/version-names';
import { checkRoutes } from './checks/routes';
import { Recorder, type Result } from './results';
import type { SuiteContext } from './suite-context';
import { suiteFor } from './suite-versions';
import { Target } from './target';

export interface ContractRunOptions {
  baseUrl: string;
  token: string;
  contract: Contract;
  readOnly?: boolean;
  strict?: boolean;
  seed?: number;
  runs?: number;
  /** How long task-run waits for a started task to show its new run (a real authentik runs it in a worker). */
  taskRunWaitMs?: number;
  /** A token that may view events and system tasks but not change them (permission-viewer). */
  viewerToken?: string;
  /** A valid token without any permission (permission-none). */
  noPermissionToken?: string;
  /** The authentik version whose checks run (suite-versions.ts); the contract should be of its spec. 2024.8 by default. */
  authentikVersion?: AuthentikVersion;
}

export const DEFAULT_SEED = 20240806;
export const DEFAULT_RUNS = 25;
export const DEFAULT_TASK_RUN_WAIT_MS = 10_000;

/**
 * Runs every check of the version's suite against one server and returns the results. First, reachability:
 * which operations of the spec the target has; a check group that needs one it lacks does not run (a skip
 * names the operation), so a missing API is one finding per operation, not a page of failures. A check that
 * throws (the server hung up, answered garbage) is recorded as a failure of that group, and the others still run.
 */
export async function runContract(options: ContractRunOptions): Promise<Result[]> {
  const suite = suiteFor(options.authentikVersion);
  const recorder = new Recorder();
  const tokens = { viewer: options.viewerToken, noPermission: options.noPermissionToken };
  const target = new Target({ baseUrl: options.baseUrl, token: options.token, contract: options.contract, recorder, strict: options.strict ?? false, otherTokens: tokens });
  const ctx: SuiteContext = {
    target,
    recorder,
    spec: options.contract.spec,
    readOnly: options.readOnly ?? false,
    seed: options.seed ?? DEFAULT_SEED,
    runs: options.runs ?? DEFAULT_RUNS,
    taskRunWaitMs: options.taskRunWaitMs ?? DEFAULT_TASK_RUN_WAIT_MS,
    tokens,
    operations: listOperations(options.contract.spec),
    rules: suite.rules,
  };
  let unrouted = new Map<string, string>();
  try {
    const routes = await checkRoutes(ctx);
    ctx.operations = routes.routed;
    unrouted = routes.unrouted;
  } catch (error) {
    recorder.fail('(suite)', 'reachability', `the reachability checks stopped: ${(error as Error).message}`);
  }
  const inSpec = new Set(listOperations(ctx.spec).map((operation) => operation.operationId));
  for (const { name, needs, run } of suite.checks) {
    const absent = needs.find((operationId) => !inSpec.has(operationId));
    const missing = needs.find((operationId) => unrouted.has(operationId));
    if (absent !== undefined) {
      recorder.record('(suite)', 'reachability', 'skip', `the ${name} checks did not run: the spec has no ${absent}`);
      continue;
    }
    if (missing !== undefined) {
      recorder.record(missing, 'reachability', 'skip', `the ${name} checks did not run: ${unrouted.get(missing)!}`);
      continue;
    }
    try {
      await run(ctx);
    } catch (error) {
      recorder.fail('(suite)', 'lifecycle', `the ${name} checks stopped: ${(error as Error).message}`);
    }
  }
  return recorder.results;
}
