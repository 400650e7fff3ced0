/** `authentik-events-mock/express`: the mock as Connect middleware, for Express 4 and 5, Vite and webpack-dev-server. */
export { createMockMiddleware, type MockMiddleware } from './hosts/connect-middleware';
export type { MockOptions } from './config/mock-options';
