/** `authentik-events-mock/fetch`: the mock as `(Request) => Promise<Response>`; nothing here needs Node. */
export { createFetchHandler, type FetchHandler } from './hosts/fetch-handler';
export type { BundledMockOptions } from './hosts/bundled-mock';
export { MockAdminError, type MockAdmin } from './core/admin-client';
