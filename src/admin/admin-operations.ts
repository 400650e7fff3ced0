import { detailError } from '../drf/api-error';
import type { MockFault, MockFaults, MockStubRequest } from '../openapi/generated/schemas';
import type { Stubs } from '../mock-control/stubs';
import type { Contract } from '../openapi/contract';
import type { Faults } from '../mock-control/faults';
import { toJournalEntry, waitForRecords, type Journal } from '../mock-control/journal';
import { applyState, copyState, snapshotState, summarise, type Runtime } from '../mock-control/runtime';
import type { Collection } from '../store/collection';
import type { StateTable } from '../store/state-table';
import { buildState, loadCatalogueScenario, ScenarioError, toScenario, type MockState, type ScenarioCatalogue, type ScenarioShape } from '../seed/scenario';
import type { HandlerContext, HandlerResult, OperationRegistry } from '../registry/operation-registry';
import { createSessionHandlers, type SessionControl } from './session-operations';
import { createDashboardHandlers, readJournalFilter, readWholeNumber, type DashboardOverview } from './dashboard-operations';
import { ajvSentence, sentence, sentences, type BodyNaming } from './error-sentences';
import { createRowHandlers } from './row-operations';

export interface AdminDeps {
  runtime: Runtime;
  /** The version served: its tables are what the state, the scenarios and the lists hold. */
  version: ScenarioShape & { name: string };
  /** The mock's clock, for scenario rows that give no time. */
  clock: () => number;
  contract: Contract;
  fallbackBrand: Record<string, unknown>;
  /** The schema in use (the full schema with --full-spec), which injected answers must honour. */
  servedContract: Contract;
  journal: Journal;
  faults: Faults;
  stubs: Stubs;
  /** authentik's operationIds, the only ones faults may name. */
  apiOperationIds: ReadonlySet<string>;
  scenarios: ScenarioCatalogue;
  /** What the Overview reports beside the state: how responses and the admin API are checked, and warnings. */
  overview: DashboardOverview;
  log: (line: string) => void;
  /** Every session of the mock, for /__mock__/sessions. */
  sessions: SessionControl;
}

// How the admin API's 400s name the places of their bodies (error-sentences.ts).
const SCENARIO: BodyNaming = { root: 'the scenario' };
const FAULTS: BodyNaming = { root: 'the faults', first: (operationId) => `the fault on ${operationId}` };
const STUB: BodyNaming = { root: 'the stub' };

/** A scenario that does not load is a 400 that says each problem as a sentence; nothing changes. */
function asBadRequest<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof ScenarioError) throw detailError(400, sentences(error.problems, SCENARIO));
    throw error;
  }
}

/** A sentence with a note before its full stop: `… needs pagination (checked as 200).` */
const noted = (said: string, note: string) => `${said.slice(0, -1)} ${note}.`;

type AdminHandler = (ctx: HandlerContext) => HandlerResult | Promise<HandlerResult>;

/** The admin API's behaviour, keyed by the operationIds of spec/mock-admin.yaml; none needs a permission. */
export function createAdminOperations(deps: AdminDeps): OperationRegistry {
  const handlers = { ...createAdminHandlers(deps), ...createDashboardHandlers(deps), ...createRowHandlers(deps), ...createSessionHandlers(deps.sessions, deps.contract) };
  return Object.fromEntries(Object.entries(handlers).map(([operationId, handle]) => [operationId, { handle }]));
}

function createAdminHandlers(deps: AdminDeps): Record<string, AdminHandler> {
  /** A fault as the faults table and a stub hold it: a forced status has a spec-valid body (a GenericError by default). `where` names it in words. */
  function checkedFault(operationId: string, spec: MockFault, where: string): MockFault {
    const fault = { ...spec };
    const naming: BodyNaming = { root: where };
    if (fault.status !== undefined) {
      if (fault.body === undefined && fault.status < 400) throw detailError(400, `${where[0]!.toUpperCase()}${where.slice(1)} answers ${fault.status}, which needs a body valid for ${operationId}.`);
      fault.body ??= { detail: `Injected fault: HTTP ${fault.status}` };
      // A forced answer must still honour the spec, so that frontends are not taught wrong shapes.
      const check = deps.servedContract.checkResponse(operationId, fault.status, fault.body);
      if (!check.ok) throw detailError(400, noted(sentence(`/body${check.path === '/' ? '' : check.path}`, check.message, naming), `(checked as ${check.status})`));
    }
    if (Array.isArray(fault.latency_ms) && fault.latency_ms[0] > fault.latency_ms[1]) throw detailError(400, sentence('/latency_ms', 'must be a range [min, max], the smaller first', naming));
    return fault;
  }

  /** Adds rows to a table, or replaces those with the same id; a key that must be unique may not clash with another row's. */
  function upsert(table: StateTable, body: unknown): HandlerResult {
    const { runtime, contract, fallbackBrand } = deps;
    const items: BodyNaming = { root: 'the request body', first: (index) => `${table.noun} ${Number(index) + 1}` };
    if (!Array.isArray(body)) throw detailError(400, `The request body must be an array of ${table.noun}s.`);
    let built: MockState;
    try {
      built = buildState('request body', { [table.key]: body }, contract, fallbackBrand, { tables: [table], seed: deps.version.seed, now: deps.clock });
    } catch (error) {
      if (error instanceof ScenarioError) throw detailError(400, sentences(error.problems.map((problem) => ({ ...problem, pointer: problem.pointer.replace(`/${table.key}`, '') })), items));
      throw error;
    }
    const rows = runtime.store[table.key] as Collection<unknown>;
    const incoming = (built.store[table.key] as Collection<unknown>).all();
    if (table.unique) {
      const { keyOf } = table.unique;
      const taken = new Map(rows.all().map((row) => [keyOf(row), table.idOf(row)]));
      for (const [index, row] of incoming.entries()) {
        const owner = taken.get(keyOf(row));
        if (owner !== undefined && owner !== table.idOf(row)) throw detailError(400, sentence(`/${index}`, `${table.unique.rule}; ${table.noun} ${owner} already has them`, items));
      }
    }
    let created = 0;
    for (const row of incoming) {
      if (!rows.get(table.idOf(row))) created++;
      rows.set(table.idOf(row), row);
    }
    return { status: 200, body: { created, replaced: incoming.length - created } };
  }

  const { runtime, contract, fallbackBrand, journal, faults, scenarios } = deps;
  // Scenarios loaded through the admin API read the mock's clock, not the system's.
  const version: ScenarioShape = { ...deps.version, now: deps.clock };
  const summary = () => summarise(runtime, version.tables);
  const startup: MockState = snapshotState(runtime);

  return {
    // Faults and stubs go too: after a reset the mock answers as it did at start-up (the journal is kept, to read).
    mock_reset() {
      applyState(runtime, copyState(startup));
      faults.clear();
      deps.stubs.clear();
      return { status: 200, body: summary() };
    },

    mock_scenarios_list() {
      return { status: 200, body: { scenarios: scenarios.list() } };
    },

    mock_scenarios_load({ params }) {
      const name = params.name ?? '';
      // Only scenarios in fixtures/: a URL must not name arbitrary files.
      const state = asBadRequest(() => loadCatalogueScenario(scenarios, name, contract, fallbackBrand, version));
      if (!state) throw detailError(404, `No scenario named "${name}" in fixtures/.`);
      applyState(runtime, state);
      return { status: 200, body: summary() };
    },

    mock_state_retrieve() {
      return { status: 200, body: toScenario(runtime.store, runtime.access.policy, runtime.description ?? `state exported from scenario ${runtime.scenario}`, version.tables) };
    },

    mock_state_replace(ctx) {
      const body = ctx.body();
      applyState(runtime, { ...asBadRequest(() => buildState('request body', body, contract, fallbackBrand, version)), name: 'request body' });
      return { status: 200, body: summary() };
    },

    // Rows authentik's API cannot add (system tasks, Dramatiq tasks, schedules), added or replaced by id.
    ...Object.fromEntries(version.tables.flatMap((table) => (table.admin?.upsert ? [[table.admin.upsert, (ctx: HandlerContext) => upsert(table, ctx.body())]] : []))),

    mock_requests_list({ query }) {
      return { status: 200, body: { requests: journal.list(readJournalFilter(query)) } };
    },

    async mock_requests_wait(ctx) {
      const filter = readJournalFilter(ctx.query);
      const count = readWholeNumber(ctx.query.get('count'), 'count', 1, 1, 1000);
      const timeoutMs = readWholeNumber(ctx.query.get('timeout_ms'), 'timeout_ms', 5000, 0, 60_000);
      const { satisfied, records } = await waitForRecords(journal, filter, count, timeoutMs);
      return { status: 200, body: { satisfied, requests: records.map(toJournalEntry) } };
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
      if (!valid(body)) throw detailError(400, ajvSentence(valid.errors![0]!, FAULTS));
      const table: MockFaults = {};
      for (const [operationId, spec] of Object.entries(body as MockFaults)) {
        if (!deps.apiOperationIds.has(operationId)) throw detailError(400, `There is no operation ${operationId} in authentik's API to put a fault on.`);
        table[operationId] = checkedFault(operationId, spec!, FAULTS.first!(operationId));
      }
      faults.replace(table);
      return { status: 200, body: faults.current };
    },

    mock_stubs_list() {
      return { status: 200, body: { stubs: deps.stubs.current } };
    },

    mock_stubs_create(ctx) {
      const body = ctx.body();
      const valid = contract.schemaValidator('MockStubRequest');
      if (!valid(body)) throw detailError(400, ajvSentence(valid.errors![0]!, STUB));
      const stub = body as MockStubRequest;
      if (!deps.apiOperationIds.has(stub.operationId)) throw detailError(400, `The stub's operationId, ${stub.operationId}, is not an operation of authentik's API.`);
      if ((stub.response === undefined) === (stub.fault === undefined)) throw detailError(400, 'The stub needs a response or a fault: one of them, not both.');
      if (stub.response && !stub.outsideContract) {
        // A stubbed answer must honour the spec, as every answer does, unless the stub says it knowingly does not.
        const check = deps.servedContract.checkResponse(stub.operationId, stub.response.status, stub.response.body);
        if (!check.ok) throw detailError(400, noted(sentence(`/response/body${check.path === '/' ? '' : check.path}`, check.message, STUB), `(checked as ${check.status}); set outsideContract to send it anyway`));
      }
      const added = deps.stubs.add(stub.fault ? { ...stub, fault: checkedFault(stub.operationId, stub.fault, "the stub's fault") } : stub);
      return { status: 201, body: added };
    },

    mock_stubs_clear() {
      deps.stubs.clear();
      return { status: 204 };
    },

    mock_stubs_delete({ params }) {
      if (!deps.stubs.remove(params.id ?? '')) throw detailError(404, `No stub with id "${params.id}".`);
      return { status: 204 };
    },

    mock_faults_clear() {
      faults.clear();
      return { status: 204 };
    },
  };
}
