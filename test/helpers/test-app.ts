import type { Express } from 'express';
import { createMock, type AppDeps, type AppOptions, type Mock } from '../../src/hosts/express-app';
import { request, type InjectTest } from './inject';
import { superuser, type TokenPolicy } from '../../src/auth/authenticate';
import { createFallbackBrand } from '../../src/seed/seed-store';
import { profileFor } from '../../src/versions/profiles';
import type { AuthentikVersion } from '../../src/versions/version-names';
import type { Store } from '../../src/store/store';
import type { Clock } from '../../src/time/clock';
import { loadContract } from '../../src/node/spec-files';

export const TOKEN = 'test-token';

/** A token policy accepting exactly these tokens, each a superuser. */
export const onlyTokens = (...tokens: string[]): TokenPolicy => ({ mode: 'list', tokens: new Map(tokens.map((t) => [t, superuser(t)])) });
export const AUTH = { Authorization: `Bearer ${TOKEN}` };

export const contract = loadContract();

const contracts = new Map<AuthentikVersion, ReturnType<typeof loadContract>>();
/** A version's merged contract, loaded once per test file. */
export function contractFor(version: AuthentikVersion): ReturnType<typeof loadContract> {
  let found = contracts.get(version);
  if (!found) contracts.set(version, (found = loadContract(profileFor(version))));
  return found;
}

export interface TestApp extends Mock {
  app: Express;
  /** Requests in-process through the core, without credentials, for the admin API and unauthenticated calls. */
  http: ReturnType<typeof request>;
  store: Store;
  logs: string[];
  fallbackBrand: Record<string, unknown>;
  /** In-process requests with the bearer token already set. */
  api: {
    get(path: string): InjectTest;
    post(path: string): InjectTest;
    patch(path: string): InjectTest;
    put(path: string): InjectTest;
    delete(path: string): InjectTest;
    options(path: string): InjectTest;
  };
}

/**
 * The real app over a seeded store, with strict response validation: any response that breaks the spec
 * becomes a 500 and fails the test that expected something else.
 */
export function createTestApp({ store: givenStore, clock, tasks, events, fullSpec, dashboard, version, ...overrides }: Partial<AppOptions> & { store?: Store; clock?: Clock; tasks?: number; events?: number; fullSpec?: AppDeps['fullSpec']; dashboard?: AppDeps['dashboard']; version?: AuthentikVersion } = {}): TestApp {
  const fallbackBrand = createFallbackBrand(1);
  const profile = profileFor(version);
  const store = givenStore ?? profile.seed({ seed: 1, tasks: tasks ?? 22, events: events ?? 40 }, fallbackBrand);
  const logs: string[] = [];
  const mock = createMock({
    version: profile,
    store,
    contract: version === undefined ? contract : contractFor(version),
    fullSpec,
    dashboard,
    fallbackBrand,
    clock,
    log: (line) => logs.push(line),
    options: {
      validateResponses: 'strict',
      tokenPolicy: { mode: 'any' },
      bodyLimit: 1024 * 1024,
      scenario: 'seed 1',
      ...overrides,
    },
  });
  const { app } = mock;
  const agent = request(mock);
  const withAuth = (test: InjectTest) => test.set(AUTH);
  return {
    ...mock,
    http: agent,
    store,
    logs,
    fallbackBrand,
    api: {
      get: (path) => withAuth(agent.get(path)),
      post: (path) => withAuth(agent.post(path)),
      patch: (path) => withAuth(agent.patch(path)),
      put: (path) => withAuth(agent.put(path)),
      delete: (path) => withAuth(agent.delete(path)),
      options: (path) => withAuth(agent.options(path)),
    },
  };
}

export const TASKS = '/api/v3/events/system_tasks/';
/** authentik 2025.8's tasks API. */
export const DRAMATIQ_TASKS = '/api/v3/tasks/tasks/';
export const SCHEDULES = '/api/v3/tasks/schedules/';
export const WORKERS = '/api/v3/tasks/workers';
export const EVENTS = '/api/v3/events/events/';
