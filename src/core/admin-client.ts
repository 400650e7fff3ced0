import type { MockFaults, MockJournalEntry, MockScenario, MockStateExport, MockStateSummary, MockUpsertSummary } from '../openapi/generated/schemas';
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
  requests(filter?: { operationId?: string; status?: number }): Promise<MockJournalEntry[]>;
  clearRequests(): Promise<void>;
  setFaults(faults: MockFaults): Promise<MockFaults>;
  clearFaults(): Promise<void>;
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

/**
 * Calls the admin API in-process through the same core, so that these methods answer exactly as the HTTP
 * endpoints do (same checks, same one-line errors); nothing listens for them.
 */
export function createMockAdmin(handle: HandleRequest, adminToken?: string): MockAdmin {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = adminToken === undefined ? {} : { authorization: `Bearer ${adminToken}` };
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
      const query = new URLSearchParams();
      if (filter.operationId !== undefined) query.set('operationId', filter.operationId);
      if (filter.status !== undefined) query.set('status', String(filter.status));
      const text = query.toString();
      return (await call<{ requests: MockJournalEntry[] }>('GET', `/requests${text ? `?${text}` : ''}`)).requests;
    },
    clearRequests: () => call('DELETE', '/requests'),
    setFaults: (faults) => call('PUT', '/faults', faults),
    clearFaults: () => call('DELETE', '/faults'),
  };
}

