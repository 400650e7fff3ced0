import type { MockFaults, MockJournalEntry, MockScenario, MockSession, MockSessionList, MockStateExport, MockStateSummary, MockStub, MockStubRequest, MockUpsertSummary } from '../openapi/generated/schemas';
import { utf8Encode } from '../python/utf8';
import { isDropped, type HandleRequest } from './core-types';

/** The admin API as methods, for test code: `startMock().admin`, the MSW controller. */
export interface MockAdmin {
  /** Back to the start-up state. */
  reset(): Promise<MockStateSummary>;
  /** A scenario of fixtures/ by name, or a scenario object (as `PUT /__mock__/state` takes it). */
  loadScenario(nameOrScenario: string | MockScenario): Promise<MockStateSummary>;
  /**
   * The state as `GET /__mock__/state` gives it, parsed by `JSON.parse`: fine for reading, but `1.0` and ints
   * beyond 2^53 become plain JS numbers. To save a state and load it back exactly, keep the HTTP body's text.
   */
  state(): Promise<MockStateExport>;
  setState(state: MockScenario): Promise<MockStateSummary>;
  /** authentik 2024.8's system tasks, added or replaced by uuid. */
  addSystemTasks(tasks: readonly object[]): Promise<MockUpsertSummary>;
  /** authentik 2025.8's Dramatiq tasks, added or replaced by message_id. */
  addTasks(tasks: readonly object[]): Promise<MockUpsertSummary>;
  /** authentik 2025.8's schedules, added or replaced by id. */
  addSchedules(schedules: readonly object[]): Promise<MockUpsertSummary>;
  /** The journal, newest first; every filter given must hold (`query`: parameters the request carried with those values). */
  requests(filter?: RequestFilter): Promise<MockJournalEntry[]>;
  /**
   * Resolves with the matching requests (newest first) once the journal holds `count` of them (default 1;
   * those already recorded count), or rejects after `timeoutMs` (default 5000) with what it saw.
   */
  waitForRequests(filter: RequestFilter, options?: { count?: number; timeoutMs?: number }): Promise<MockJournalEntry[]>;
  clearRequests(): Promise<void>;
  setFaults(faults: MockFaults): Promise<MockFaults>;
  /** A stub: requests to its operation that carry what `match` names get its response or fault, `times` times at most. */
  addStub(stub: MockStubRequest): Promise<MockStub>;
  stubs(): Promise<MockStub[]>;
  removeStub(id: string): Promise<void>;
  clearStubs(): Promise<void>;
  clearFaults(): Promise<void>;
  /** Every session of the mock, most recently used first, and the cap (`--max-sessions`). */
  sessions(): Promise<MockSessionList>;
  /**
   * Starts (or restarts) a session from the start-up state or a scenario of fixtures/, with no faults, stubs
   * or journal, and returns the admin API of that session: its methods act on its state alone.
   */
  startSession(name: string, options?: { scenario?: string }): Promise<MockAdmin>;
  /** The admin API of one session (started as a copy of the start-up state by its first request). */
  session(name: string): MockAdmin;
  /** The session this client acts on, as `GET /__mock__/sessions/NAME` describes it. */
  describeSession(): Promise<MockSession>;
  removeSession(name: string): Promise<void>;
}

/** A refused admin call: the admin API's status and its one-line `detail`. */
export class MockAdminError extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(detail);
  }
}

/** Which journal entries a call asks for. */
export interface RequestFilter {
  operationId?: string;
  method?: string;
  status?: number;
  /** Query parameters the request carried, each with exactly this value. */
  query?: Readonly<Record<string, string>>;
}

/** A filter as the admin API's query string (`GET /__mock__/requests`, `…/requests/wait`). */
function filterQuery(filter: RequestFilter): URLSearchParams {
  const query = new URLSearchParams();
  if (filter.operationId !== undefined) query.set('operationId', filter.operationId);
  if (filter.method !== undefined) query.set('method', filter.method);
  if (filter.status !== undefined) query.set('status', String(filter.status));
  for (const [name, value] of Object.entries(filter.query ?? {})) query.append('query', `${name}=${value}`);
  return query;
}

/**
 * Calls the admin API in-process through the same core, so that these methods answer exactly as the HTTP
 * endpoints do (same checks, same one-line errors); nothing listens for them.
 */
export function createMockAdmin(handle: HandleRequest, adminToken?: string, session?: string): MockAdmin {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = adminToken === undefined ? {} : { authorization: `Bearer ${adminToken}` };
    if (session !== undefined) headers['x-mock-session'] = session;
    const bytes = body === undefined ? undefined : utf8Encode(JSON.stringify(body));
    if (bytes) headers['content-type'] = 'application/json';
    const outcome = await handle({ method, url: `/__mock__${path}`, headers, body: bytes });
    if (isDropped(outcome)) throw new MockAdminError(0, 'the admin API dropped the connection');
    const parsed: unknown = outcome.body ? JSON.parse(outcome.body) : undefined;
    if (outcome.status >= 400) throw new MockAdminError(outcome.status, String((parsed as { detail?: unknown } | undefined)?.detail ?? `HTTP ${outcome.status}`));
    return parsed as T;
  };
  return {
    reset: () => call('POST', '/reset'),
    loadScenario: (scenario) => (typeof scenario === 'string' ? call('POST', `/scenarios/${encodeURIComponent(scenario)}`) : call('PUT', '/state', scenario)),
    state: () => call('GET', '/state'),
    setState: (state) => call('PUT', '/state', state),
    addSystemTasks: (tasks) => call('POST', '/system-tasks', tasks),
    addTasks: (tasks) => call('POST', '/tasks', tasks),
    addSchedules: (schedules) => call('POST', '/schedules', schedules),
    async requests(filter = {}) {
      const text = filterQuery(filter).toString();
      return (await call<{ requests: MockJournalEntry[] }>('GET', `/requests${text ? `?${text}` : ''}`)).requests;
    },
    async waitForRequests(filter, options = {}) {
      const count = options.count ?? 1;
      const query = filterQuery(filter);
      query.set('count', String(count));
      if (options.timeoutMs !== undefined) query.set('timeout_ms', String(options.timeoutMs));
      const answer = await call<{ satisfied: boolean; requests: MockJournalEntry[] }>('GET', `/requests/wait?${query.toString()}`);
      if (answer.satisfied) return answer.requests;
      const saw = answer.requests.map((entry) => `${entry.method} ${entry.url} → ${entry.status}`).join(', ');
      throw new MockAdminError(408, `waited ${options.timeoutMs ?? 5000} ms for ${count} request(s) matching ${JSON.stringify(filter)}; saw ${answer.requests.length}${saw ? `: ${saw}` : ''}`);
    },
    clearRequests: () => call('DELETE', '/requests'),
    setFaults: (faults) => call('PUT', '/faults', faults),
    addStub: (stub) => call('POST', '/stubs', stub),
    stubs: async () => (await call<{ stubs: MockStub[] }>('GET', '/stubs')).stubs,
    removeStub: (id) => call('DELETE', `/stubs/${encodeURIComponent(id)}`),
    clearStubs: () => call('DELETE', '/stubs'),
    clearFaults: () => call('DELETE', '/faults'),
    sessions: () => call('GET', '/sessions'),
    async startSession(name, options = {}) {
      await call('PUT', `/sessions/${encodeURIComponent(name)}`, options.scenario === undefined ? {} : { scenario: options.scenario });
      return createMockAdmin(handle, adminToken, name);
    },
    session: (name) => createMockAdmin(handle, adminToken, name),
    describeSession: () => call('GET', `/sessions/${encodeURIComponent(session ?? 'default')}`),
    removeSession: (name) => call('DELETE', `/sessions/${encodeURIComponent(name)}`),
  };
}

