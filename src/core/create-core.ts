import { createAdminOperations } from '../admin/admin-operations';
import { authenticate, superuser, type TokenPolicy } from '../auth/authenticate';
import { detailError } from '../drf/api-error';
import { parseJsonBody } from '../drf/request-body';
import { Faults } from '../mock-control/faults';
import { Stubs } from '../mock-control/stubs';
import { Journal, keptBody, type JournalRecord } from '../mock-control/journal';
import { copyState, summarise, type Runtime } from '../mock-control/runtime';
import type { MockSession } from '../openapi/generated/schemas';
import type { SessionControl } from '../admin/session-operations';
import { sentences } from '../admin/error-sentences';
import { SessionDirectory, type SessionLike } from './session-directory';
import { DEFAULT_SESSION, isSessionName, SESSION_NAME_RULE, sessionNameOf } from './session-name';
import type { Contract } from '../openapi/contract';
import { createJsonWriter } from '../openapi/json-writer';
import { parseScenarioJson, type JsonFieldsOf } from '../seed/scenario-json';
import { listOperations } from '../openapi/operations';
import { utf8DecodeLenient } from '../python/utf8';
import { loadCatalogueScenario, ScenarioError, toScenario, type MockState, type ScenarioCatalogue } from '../seed/scenario';
import type { Store } from '../store/store';
import { profileFor } from '../versions/profiles';
import type { VersionProfile } from '../versions/version-profile';
import { createDrf } from '../drf/drf-rules';
import { createSystemClock, type Clock } from '../time/clock';
import { commonHeaderPairs } from './common-headers';
import { headerValue, type CoreOutcome, type CoreRequest, type CoreResponse, type HandleRequest } from './core-types';
import { createAdminGuard, exposureWarning } from './admin-guard';
import { createCors } from './cors';
import { answerDashboard, type DashboardAssets } from './dashboard';
import type { OperationEntry, OperationHandler, OperationRegistry } from '../registry/operation-registry';
import { createDescribeActions, describeView } from './options-metadata';
import { runPipeline, type Surface } from './pipeline';
import { createResponder, toErrorReply, type Log, type Reply, type ResponseValidationMode } from './respond';
import { createRouteTable } from './route-table';
import { toErrorViewReply } from './django-error-views';
import type { ForwarderFactory } from './forwarder';

export const API_PREFIX = '/api/v3';
export const ADMIN_PREFIX = '/__mock__';

export interface CoreOptions {
  validateResponses: ResponseValidationMode;
  /** The tokens accepted when the scenario names none. */
  tokenPolicy: TokenPolicy;
  /** Origins allowed by CORS; undefined allows any on the API, none on the admin API and the dashboard. */
  corsOrigins?: readonly string[];
  /** `--allowed-hosts`: `Host` names the admin API and the dashboard accept besides loopback ones (admin-guard.ts). */
  allowedHosts?: readonly string[];
  /** The address the host listens on (`--host`), when there is one: an allowed `Host`, and whether to warn. */
  listenHost?: string;
  /** The largest request body accepted, in bytes. */
  bodyLimit: number;
  /** Protects the admin API when set. */
  adminToken?: string;
  /** Added to every API request: fixed milliseconds or a [min, max] range. */
  latency?: number | [number, number];
  /** Seeds the fault PRNG, so failure rates repeat. */
  seed?: number;
  /** The scenario the store was loaded from, for the admin API's summaries. */
  scenario?: string;
  /** That scenario's description, which the state export repeats. */
  scenarioDescription?: string;
  /** The tokens the start-up scenario names, which take the place of `tokenPolicy`. */
  scenarioTokens?: TokenPolicy;
  /** `--max-sessions`: named sessions kept besides the default one; past it the least recently used is removed. */
  maxSessions?: number;
}

/** The cap on named sessions when none is given (the memory of 100 sessions is in the README, measured by the benchmark). */
export const DEFAULT_MAX_SESSIONS = 100;

/** One session's state and the surfaces that serve it. */
export interface Session extends SessionLike {
  runtime: Runtime;
  journal: Journal;
  faults: Faults;
  stubs: Stubs;
  api: Surface;
  admin: Surface;
}

export interface CoreDeps {
  /** The authentik version served: its resources, DRF rules and seed (default 2024.8). */
  version?: VersionProfile;
  store: Store;
  /** The merged contract of the version's spec (spec/authentik-events.yaml for 2024.8) and spec/mock-admin.yaml. */
  contract: Contract;
  /**
   * With a whole authentik schema (`--full-spec`): its contract replaces ours for routing and response
   * validation, our handlers serve the operations we implement, and `fallback` answers all the others.
   */
  fullSpec?: { contract: Contract; fallback: OperationHandler };
  /** `--upstream` / `--proxy` (src/upstream): API requests it claims are answered by a real authentik, not the pipeline. */
  upstream?: ForwarderFactory;
  fallbackBrand: Record<string, unknown>;
  /** The scenarios the admin API can load by name. */
  scenarios: ScenarioCatalogue;
  options: CoreOptions;
  clock?: Clock;
  log?: Log;
  /** Told of every API request once it is answered (the CLI prints a line). */
  onRequest?: (record: JournalRecord) => void;
  /** The dashboard's built files, served at `/__mock__/`; without them only the admin API answers there. */
  dashboard?: DashboardAssets;
}

/** A running mock without a host: `handle` answers requests, the rest is its state for the admin API and tests. */
export interface MockCore {
  handle: HandleRequest;
  /** The authentik version it is. */
  version: VersionProfile;
  runtime: Runtime;
  journal: Journal;
  faults: Faults;
  /** The sessions (issue 18); the fields above are the default session's. */
  sessions: SessionDirectory<Session>;
  /** Ends the open journal streams, before a host stops listening (a stream never ends by itself). */
  close(): void;
  /** The state as GET /__mock__/state writes it (the state file's text): the loaded scenario's description, else this one. */
  exportState(description: string): string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Builds the mock's request core: authentik's API and the admin API as two surfaces of one pipeline,
 * then CORS, latency, the journal and response validation around it. Knows no framework and no Node API.
 */
export function createCore(deps: CoreDeps): MockCore {
  const { store, contract, fullSpec, fallbackBrand, options, clock = createSystemClock(), log = (line) => console.error(line), onRequest } = deps;
  const version = deps.version ?? profileFor();
  const drf = createDrf(version.drf);
  // The schema in use: what is routed, and what every response is checked against.
  const served = fullSpec?.contract ?? contract;
  const operations = listOperations(served.spec);
  const apiOperations = operations.filter((op) => !op.path.startsWith(ADMIN_PREFIX));
  const apiOperationIds = new Set(apiOperations.map((op) => op.operationId));
  const adminOperations = operations.filter((op) => op.path.startsWith(ADMIN_PREFIX));
  // authentik's answers are written as orjson writes them; the admin API's (the state export) hold every
  // stored digit, even of an int orjson cannot write, so that an export loads back exactly.
  const adminOperationIds = new Set(adminOperations.map((op) => op.operationId));
  const writeJson = createJsonWriter(served.spec, { exactIntsFor: (operationId) => adminOperationIds.has(operationId) });
  const responder = createResponder(served, writeJson, options.validateResponses, log);
  /**
   * Checks and writes a reply; what was sent (after validation) is what the journal records. A reply that
   * cannot be written (a value orjson refuses) is the mock's failure, answered 500 rather than thrown at the host.
   */
  const send = (reply: Reply, extraHeaders: readonly string[], head: boolean, request: string): { response: CoreResponse; sent: Reply } => {
    const sent = responder.check(reply);
    try {
      return { response: responder.write(sent, extraHeaders, head), sent };
    } catch (error) {
      const failed = toErrorReply(error, { operationId: reply.operationId }, request, log);
      return { response: responder.write(failed, extraHeaders, head), sent: failed };
    }
  };
  const respond = (reply: Reply, extraHeaders: readonly string[], head: boolean, request: string) => send(reply, extraHeaders, head, request).response;
  const cors = createCors(options.corsOrigins);
  // The admin API can read the journal and replace the state: no origin but those named may call it.
  const adminCors = createCors(options.corsOrigins ?? []);
  const guard = createAdminGuard(options);
  const warning = exposureWarning(options.listenHost, options.adminToken);
  // Routing is the same in every session; what a route's handlers read (the store) is the session's.
  const apiRoutes = createRouteTable(apiOperations);
  const adminRoutes = createRouteTable(adminOperations);

  const adminPrincipal = superuser('admin');
  const adminAuthenticate = (headers: CoreRequest['headers']) => {
    if (options.adminToken !== undefined && headerValue(headers, 'authorization') !== `Bearer ${options.adminToken}`) {
      throw detailError(403, 'The admin API needs the bearer token given with --admin-token.');
    }
    return adminPrincipal;
  };
  const overview = { response_validation: options.validateResponses, admin_token: options.adminToken !== undefined, warnings: warning === undefined ? [] : [warning] };

  /**
   * One isolated mock inside the server (issue 18): its own store, tokens, faults, stubs and journal, and the
   * handlers built over them. Handlers hold their store, so each session has its own; rows are immutable and
   * shared between sessions until one of them writes (a copy of a state copies its tables' maps, not the rows).
   */
  function openSession(name: string, state: MockState): Session {
    const runtime: Runtime = { scenario: state.name, description: state.description, store: state.store, access: { policy: state.tokens ?? options.tokenPolicy }, defaultTokens: options.tokenPolicy };
    const journal = new Journal();
    journal.onListenerError = (error) => log(`a journal stream failed: ${(error as Error).stack ?? String(error)}`);
    const faults = new Faults(options.seed ?? 1, options.latency);
    const stubs = new Stubs();
    // Our operations are built on our own spec, whichever schema is served; only those it lists are routed.
    const ours: OperationRegistry = version.createOperations({ spec: contract.spec, store: runtime.store, clock, fallbackBrand, drf });
    const apiRegistry: Record<string, OperationEntry> = {};
    for (const op of apiOperations) {
      const entry: OperationEntry | undefined = ours[op.operationId] ?? (fullSpec && { handle: fullSpec.fallback });
      if (!entry) throw new Error(`no handler implements ${op.operationId} (${op.method} ${op.path})`);
      apiRegistry[op.operationId] = entry;
    }
    const describeActions = createDescribeActions(served.spec, apiRegistry);
    const api: Surface = {
      prefix: API_PREFIX,
      routes: apiRoutes,
      registry: apiRegistry,
      authenticate: (headers) => authenticate(headerValue(headers, 'authorization'), runtime.access.policy),
      parseBody: (raw, contentType) => parseJsonBody(raw, contentType),
      unknownRoute: (method) => toErrorViewReply(method, 404),
      drf: {
        describe(route, principal, ctx) {
          const actions = describeActions(route, principal, ctx);
          return { ...describeView(route, apiRegistry), ...(actions ? { actions } : {}) };
        },
        rules: drf,
      },
      faults,
      stubs,
    };
    const admin: Surface = {
      prefix: '',
      routes: adminRoutes,
      registry: createAdminOperations({
        runtime, version, clock, contract, servedContract: served, fallbackBrand, journal, faults, stubs, apiOperationIds, scenarios: deps.scenarios, overview, log, sessions: sessionControl,
      }),
      authenticate: adminAuthenticate,
      parseBody: (raw) => parseAdminJson(raw, version.tables),
      unknownRoute(_method, headers) {
        try {
          adminAuthenticate(headers);
          return { status: 404, body: { detail: 'Not found.' } };
        } catch (error) {
          return { status: 403, body: (error as { body: unknown }).body };
        }
      },
    };
    const now = Date.now();
    return { name, created: now, lastUsed: now, runtime, journal, faults, stubs, api, admin, close: () => journal.endStreams() };
  }

  // The start-up state, kept apart from the default session's store (which the API writes to), for new sessions.
  const startupState: MockState = { name: options.scenario ?? 'seed', description: options.scenarioDescription, store, tokens: options.scenarioTokens };
  const startup = copyState(startupState);
  const describeSession = (session: Session): MockSession => ({
    name: session.name,
    created: new Date(session.created).toISOString(),
    last_used: new Date(session.lastUsed).toISOString(),
    state: summarise(session.runtime, version.tables),
    faults: Object.keys(session.faults.current).length,
    stubs: session.stubs.current.length,
    requests: session.journal.size,
  });
  const sessionControl: SessionControl = {
    get max() {
      return sessions.max;
    },
    list: () => sessions.list().map(describeSession),
    describe(name) {
      const found = sessions.get(name);
      return found && describeSession(found);
    },
    start(name, scenario) {
      if (!isSessionName(name)) throw detailError(400, `"${name}" is not a session name; use ${SESSION_NAME_RULE}.`);
      if (name === DEFAULT_SESSION) throw detailError(400, 'The default session is the one requests without a session use; POST /__mock__/reset or /__mock__/scenarios/NAME changes it.');
      let state = copyState(startup);
      if (scenario !== undefined) {
        const loaded = loadScenarioForSession(scenario);
        if (!loaded) throw detailError(404, `No scenario named "${scenario}" in fixtures/.`);
        state = loaded;
      }
      const session = openSession(name, state);
      return { created: sessions.replace(session), session: describeSession(session) };
    },
    remove(name) {
      if (name === DEFAULT_SESSION) throw detailError(400, 'The default session cannot be removed; POST /__mock__/reset resets it.');
      return sessions.remove(name);
    },
  };
  const loadScenarioForSession = (name: string): MockState | undefined => {
    try {
      return loadCatalogueScenario(deps.scenarios, name, contract, fallbackBrand, { ...version, now: clock });
    } catch (error) {
      if (error instanceof ScenarioError) throw detailError(400, sentences(error.problems, { root: 'the scenario' }));
      throw error;
    }
  };
  const sessions: SessionDirectory<Session> = new SessionDirectory(openSession(DEFAULT_SESSION, startupState), (name) => openSession(name, copyState(startup)), options.maxSessions ?? DEFAULT_MAX_SESSIONS, Date.now, log);
  const { runtime, journal, faults } = sessions.defaultSession;

  const forward = deps.upstream?.({ responder, ownRoutes: apiRoutes, onRequest, log });

  async function handle(request: CoreRequest): Promise<CoreOutcome> {
    const started = performance.now();
    const head = request.method === 'HEAD';
    const query = request.url.indexOf('?');
    const path = query === -1 ? request.url : request.url.slice(0, query);
    const isAdmin = isAdminPath(path);
    if (isAdmin) {
      const refused = guard(request.headers);
      if (refused !== undefined) return respond({ status: 403, body: { detail: refused } }, [], head, described(request));
      const page = deps.dashboard && answerDashboard(deps.dashboard, request.method, path.slice(ADMIN_PREFIX.length + 1));
      if (page) return page;
    }
    const corsDecision = (isAdmin ? adminCors : cors)(request.method, request.headers);
    if (corsDecision.preflight) return { status: 204, headers: [...commonHeaderPairs(), ...corsDecision.headers] };
    const isApi = !isAdmin && path.startsWith(`${API_PREFIX}/`);
    if (!isAdmin && !isApi) return respond(toErrorViewReply(request.method, 404), corsDecision.headers, head, described(request));
    const named = sessionNameOf(request.headers);
    if ('invalid' in named) return respond({ status: 400, body: { detail: named.invalid }, outsideContract: 'a session name the mock refuses' }, corsDecision.headers, head, described(request));
    const session = sessions.use(named.name);
    const surface = isAdmin ? session.admin : session.api;
    // --upstream / --proxy: a request the forwarder claims is the real authentik's to answer (src/upstream).
    const forwarded = isApi ? forward?.(request, path, corsDecision.headers, session) : undefined;
    if (forwarded) return forwarded;

    const tooLarge = request.bodyTooLarge === true || (request.body !== undefined && request.body.length > options.bodyLimit);
    const effective = tooLarge ? { ...request, body: undefined, bodyTooLarge: true } : request;
    const { reply, fault, principal, stubId } = await runPipeline(surface, effective, decodePath(path.slice(surface.prefix.length)), log, options.bodyLimit);
    // A dropped connection sends nothing, so there is no response to check against the contract.
    const { response, sent } = fault?.drop ? { response: undefined, sent: reply } : send(reply, corsDecision.headers, head, described(request));
    if (surface.faults) {
      // --latency delays every API answer, the early 403/404/405 ones too; a fault's own latency wins.
      const delay = fault?.delayMs ?? surface.faults.delayFor(reply.operationId);
      if (delay > 0) await sleep(delay);
      const record: JournalRecord = {
        at: Date.now(),
        method: request.method,
        path,
        url: request.url,
        operationId: reply.operationId,
        status: fault?.drop ? 0 : sent.status,
        durationMs: performance.now() - started,
        requestBody: keptBody(request.body),
        responseBody: sent.body,
        headers: request.headers,
        principal,
        answeredBy: stubId !== undefined ? 'stub' : fault?.drop || fault?.answer ? 'fault' : 'mock',
        ...(stubId === undefined ? {} : { stubId, outsideContract: reply.outsideContract !== undefined }),
        session: session.name,
      };
      session.journal.record(record);
      onRequest?.(record);
    }
    return response ?? { dropConnection: true };
  }

  const exportState = (description: string) => writeJson('mock_state_retrieve', 200, toScenario(runtime.store, runtime.access.policy, runtime.description ?? description, version.tables));
  return { handle, version, runtime, journal, faults, sessions, close: () => sessions.closeAll(), exportState };
}

const isAdminPath = (path: string) => path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`);

/** The mock answers `/api/v3/…` and `/__mock__…` (a query may follow); hosts that share a server leave the rest alone. */
export function isMockPath(url: string): boolean {
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  return path.startsWith(`${API_PREFIX}/`) || isAdminPath(path);
}

const described = (request: CoreRequest) => `${request.method} ${request.url}`;

/**
 * The admin API reads bodies as JSON (UTF-8), a scenario's JSON fields as authentik reads them (float
 * literals, big ints, key order: scenario-json.ts); its errors name the rule, not DRF's wording.
 */
function parseAdminJson(raw: Uint8Array, tables: readonly JsonFieldsOf[]): unknown {
  if (raw.length === 0) return undefined;
  try {
    return parseScenarioJson(utf8DecodeLenient(raw), tables);
  } catch (error) {
    throw detailError(400, `request body: not valid JSON: ${(error as Error).message}`);
  }
}

/** Django resolves URLs on the percent-decoded path; a path that does not decode matches nothing. */
export function decodePath(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}
