// A TypeScript consumer: every entry point's types resolve and fit together.
import { startMock, type AuthentikVersion, type MockOptions, type RunningMock } from 'authentik-events-mock';
import { createMockMiddleware } from 'authentik-events-mock/express';
import { createFetchHandler } from 'authentik-events-mock/fetch';
import { authentikMock } from 'authentik-events-mock/vite';
import { createHandlers, type MswHandlers } from 'authentik-events-mock/msw';
import { setupServer } from 'msw/node';

const options: MockOptions = { seed: 2, tokens: ['a', 'b:view_event'], latency: [10, 20], scenario: 'failing-tasks' };
async function setup(): Promise<RunningMock> {
  const mock = await startMock(options);
  const summary = await mock.admin.loadScenario('empty');
  const count: number = summary.events;
  await mock.admin.setFaults({ events_events_list: { status: 503, failure_rate: 0.5 } });
  return count === 0 ? mock : mock;
}
const middleware = createMockMiddleware({ adminToken: 'x' });
const handler: (request: Request) => Promise<Response> = createFetchHandler();
const plugin: { name: string } = authentikMock({ validateResponses: 'warn' });
const msw: MswHandlers = createHandlers({ baseUrl: 'https://authentik.company', scenario: 'empty' });
const server = setupServer(...msw.handlers);
const reset: Promise<{ events: number }> = msw.mock.reset();
// authentik 2025.8 on every host, and its admin methods.
const version: AuthentikVersion = '2025.8';
const handler2025: (request: Request) => Promise<Response> = createFetchHandler({ authentikVersion: version });
const msw2025: MswHandlers = createHandlers({ authentikVersion: version });
const added: Promise<{ created: number }> = msw2025.mock.addTasks([]).then(() => msw2025.mock.addSchedules([]));
export { setup, middleware, handler, plugin, server, reset, handler2025, added };
