/**
 * `authentik-events-mock/msw`: the mock as Mock Service Worker handlers, for `setupWorker` in a browser
 * (Storybook, `vite dev`) and `setupServer` in jest or vitest. Needs msw 2 (an optional peer dependency:
 * only this entry point imports it); nothing here needs Node, and response validation compiles nothing at run time.
 */
import { http } from 'msw';
import { createHandlersWith, type MswHandlers, type MswHandlersOptions } from './hosts/msw-handlers';

export type { MswHandlers, MswHandlersOptions } from './hosts/msw-handlers';
export { MockAdminError, type MockAdmin } from './core/admin-client';
export type { MockFault, MockFaults, MockJournalEntry, MockScenario, MockStateSummary, MockUpsertSummary } from './openapi/generated/schemas';

/** The mock's msw handlers and its controller: `const { handlers, mock } = createHandlers({ scenario: 'empty' })`. */
export function createHandlers(options: MswHandlersOptions = {}): MswHandlers {
  return createHandlersWith({ http }, options);
}
