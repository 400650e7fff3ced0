import type { Contract } from '../src/openapi/contract';
import { checkAuthentication } from './checks/auth';
import { checkEventListActions } from './checks/event-list-actions';
import { checkFiltersSearchOrdering } from './checks/filters-search-ordering';
import { checkGenerated } from './checks/generated';
import { checkLifecycle } from './checks/lifecycle';
import { checkMethodProbes } from './checks/method-probes';
import { checkNegativeData } from './checks/negative-data';
import { checkPagination } from './checks/pagination';
import { checkPermissions } from './checks/permissions';
import { checkPositiveData } from './checks/positive-data';
import { checkTaskRun } from './checks/task-run';
import { Recorder, type Result } from './results';
import type { SuiteContext } from './suite-context';
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
}

export const DEFAULT_SEED = 20240806;
export const DEFAULT_RUNS = 25;
export const DEFAULT_TASK_RUN_WAIT_MS = 10_000;

const CHECK_GROUPS: Array<[string, (ctx: SuiteContext) => Promise<void>]> = [
  ['authentication', checkAuthentication],
  ['405 probes', checkMethodProbes],
  ['permissions', checkPermissions],
  ['lifecycle', checkLifecycle],
  ['task run', checkTaskRun],
  ['negative data', checkNegativeData],
  ['positive data', checkPositiveData],
  ['pagination', checkPagination],
  ['filters, search and ordering', checkFiltersSearchOrdering],
  ['generated cases', checkGenerated],
  ['events list actions', checkEventListActions],
];

/**
 * Runs every check against one server and returns the results. A check that throws (the server hung up,
 * answered garbage) is recorded as a failure of that group, and the others still run.
 */
export async function runContract(options: ContractRunOptions): Promise<Result[]> {
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
  };
  for (const [name, run] of CHECK_GROUPS) {
    try {
      await run(ctx);
    } catch (error) {
      recorder.fail('(suite)', 'lifecycle', `the ${name} checks stopped: ${(error as Error).message}`);
    }
  }
  return recorder.results;
}
