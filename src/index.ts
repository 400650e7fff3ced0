/**
 * authentik-events-mock: the offline twin of authentik's events API. `startMock` for a test runner's setup;
 * `authentik-events-mock/express` (middleware), `/vite` (plugin) and `/fetch` (a fetch handler) for the other hosts.
 */
export { startMock, type RunningMock } from './hosts/start-mock';
export type { MockOptions } from './config/mock-options';
export { MockAdminError, type MockAdmin, type RequestFilter } from './core/admin-client';
export { createAdminClient, type AdminClientOptions } from './hosts/http-admin-client';
export type { CoreRequest, CoreResponse, CoreOutcome } from './core/core-types';
export { ConfigError } from './config/config';
export { AUTHENTIK_VERSIONS, type AuthentikVersion } from './versions/version-names';
export { SpecError } from './openapi/spec-document';
export { ScenarioError } from './seed/scenario';
export type { MockFault, MockFaults, MockJournalEntry, MockScenario, MockStateSummary, MockStub, MockStubRequest, MockUpsertSummary } from './openapi/generated/schemas';
