import { detailError } from '../drf/api-error';
import type { MockFaults } from '../openapi/generated/schemas';
import type { Contract } from '../openapi/contract';
import { describeAjvError } from '../openapi/describe-ajv-error';
import type { Faults } from '../mock-control/faults';
import type { Journal } from '../mock-control/journal';
import { applyState, copyState, snapshotState, summarise, type Runtime } from '../mock-control/runtime';
import { taskIdentity } from '../system-tasks/to-system-task-json';
import { buildState, loadCatalogueScenario, ScenarioError, toScenario, type MockState, type ScenarioCatalogue } from '../seed/scenario';
import type { HandlerContext, HandlerResult, OperationRegistry } from '../registry/operation-registry';
import { createDashboardHandlers, readJournalFilter, type DashboardOverview } from './dashboard-operations';

export interface AdminDeps {
  runtime: Runtime;
  contract: Contract;
  fallbackBrand: Record<string, unknown>;
  /** The schema in use (the full schema with --full-spec), which injected answers must honour. */
  servedContract: Contract;
  journal: Journal;
  faults: Faults;
  /** authentik's operationIds, the only ones faults may name. */
  apiOperationIds: ReadonlySet<string>;
  scenarios: ScenarioCatalogue;
  /** What the Overview reports beside the state: how responses and the admin API are checked, and warnings. */
  overview: DashboardOverview;
  log: (line: string) => void;
}

/** A scenario that does not load is a 400 naming file, JSON pointer and rule; nothing changes. */
function asBadRequest<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof ScenarioError) throw detailError(400, error.message);
    throw error;
  }
}

type AdminHandler = (ctx: HandlerContext) => HandlerResult;

/** The admin API's behaviour, keyed by the operationIds of spec/mock-admin.yaml; none needs a permission. */
export function createAdminOperations(deps: AdminDeps): OperationRegistry {
  const handlers = { ...createAdminHandlers(deps), ...createDashboardHandlers(deps) };
  return Object.fromEntries(Object.entries(handlers).map(([operationId, handle]) => [operationId, { handle }]));
}

function createAdminHandlers(deps: AdminDeps): Record<string, AdminHandler> {
  const { runtime, contract, fallbackBrand, journal, faults, scenarios } = deps;
  const startup: MockState = snapshotState(runtime);

  return {
    mock_reset() {
      applyState(runtime, copyState(startup));
      return { status: 200, body: summarise(runtime) };
    },

    mock_scenarios_list() {
      return { status: 200, body: { scenarios: scenarios.list() } };
    },

    mock_scenarios_load({ params }) {
      const name = params.name ?? '';
      // Only scenarios in fixtures/: a URL must not name arbitrary files.
      const state = asBadRequest(() => loadCatalogueScenario(scenarios, name, contract, fallbackBrand));
      if (!state) throw detailError(404, `No scenario named "${name}" in fixtures/.`);
      applyState(runtime, state);
      return { status: 200, body: summarise(runtime) };
    },

    mock_state_retrieve() {
      return { status: 200, body: toScenario(runtime.store, runtime.access.policy, runtime.description ?? `state exported from scenario ${runtime.scenario}`) };
    },

    mock_state_replace(ctx) {
      const body = ctx.body();
      applyState(runtime, { ...asBadRequest(() => buildState('request body', body, contract, fallbackBrand)), name: 'request body' });
      return { status: 200, body: summarise(runtime) };
    },

    mock_system_tasks_upsert(ctx) {
      const body = ctx.body();
      if (!Array.isArray(body)) throw detailError(400, 'request body: /: must be an array of system tasks');
      let built: MockState;
      try {
        built = buildState('request body', { systemTasks: body }, contract, fallbackBrand);
      } catch (error) {
        if (error instanceof ScenarioError) throw detailError(400, error.message.replace(/(: |; )\/systemTasks\//g, '$1/'));
        throw error;
      }
      const incoming = built.store.systemTasks.all();
      const taken = new Map(runtime.store.systemTasks.all().map((t) => [taskIdentity(t), t.uuid]));
      for (const [index, task] of incoming.entries()) {
        const owner = taken.get(taskIdentity(task));
        if (owner !== undefined && owner !== task.uuid) throw detailError(400, `request body: /${index}: (name, uid) must be unique; task ${owner} already has them`);
      }
      let created = 0;
      for (const task of incoming) {
        if (!runtime.store.systemTasks.get(task.uuid)) created++;
        runtime.store.systemTasks.set(task.uuid, task);
      }
      return { status: 200, body: { created, replaced: incoming.length - created } };
    },

    mock_requests_list({ query }) {
      return { status: 200, body: { requests: journal.list(readJournalFilter(query)) } };
    },

    mock_requests_clear() {
      journal.clear();
      return { status: 204 };
    },

    mock_faults_retrieve() {
      return { status: 200, body: faults.current };
    },

    mock_faults_replace(ctx) {
      const body = ctx.body();
      const valid = contract.schemaValidator('MockFaults');
      if (!valid(body)) throw detailError(400, `request body: ${valid.errors![0]!.instancePath || '/'}: ${describeAjvError(valid.errors![0]!)}`);
      const table: MockFaults = {};
      for (const [operationId, spec] of Object.entries(body as MockFaults)) {
        if (!deps.apiOperationIds.has(operationId)) throw detailError(400, `request body: /${operationId}: not an operationId of authentik's API`);
        const fault = { ...spec! };
        if (fault.status !== undefined) {
          if (fault.body === undefined && fault.status < 400) throw detailError(400, `request body: /${operationId}/body: a ${fault.status} answer needs a body valid for ${operationId}`);
          fault.body ??= { detail: `Injected fault: HTTP ${fault.status}` };
          // A forced answer must still honour the spec, so that frontends are not taught wrong shapes.
          const check = deps.servedContract.checkResponse(operationId, fault.status, fault.body);
          if (!check.ok) throw detailError(400, `request body: /${operationId}/body${check.path === '/' ? '' : check.path}: ${check.message} (checked as ${check.status})`);
        }
        if (Array.isArray(fault.latency_ms) && fault.latency_ms[0] > fault.latency_ms[1]) throw detailError(400, `request body: /${operationId}/latency_ms: the range must be [min, max]`);
        table[operationId] = fault;
      }
      faults.replace(table);
      return { status: 200, body: faults.current };
    },

    mock_faults_clear() {
      faults.clear();
      return { status: 204 };
    },
  };
}
