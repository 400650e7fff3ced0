// The MSW handlers under setupServer in a Node ESM test setup (as vitest loads them): one msw, the ESM build.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { createHandlers } from 'authentik-events-mock/msw';
import { setupServer } from 'msw/node';

const require = createRequire(import.meta.url);
assert.equal(require.cache[require.resolve('msw')], undefined, "msw's CommonJS build is loaded beside its ESM build");
const { handlers, mock } = createHandlers({ baseUrl: 'https://authentik.company', tokens: ['t'] });
const server = setupServer(...handlers);
server.listen({ onUnhandledRequest: 'error' });
try {
  const auth = { headers: { Authorization: 'Bearer t' } };
  const list = await fetch('https://authentik.company/api/v3/events/system_tasks/?page_size=2', auth);
  assert.deepEqual([list.status, (await list.json()).pagination.count], [200, 22]);
  assert.deepEqual(await mock.loadScenario('empty'), { scenario: 'empty', system_tasks: 0, events: 0, tokens: 1 });
  await mock.setFaults({ events_system_tasks_list: { drop_connection: true } });
  await assert.rejects(fetch('https://authentik.company/api/v3/events/system_tasks/', auth), TypeError);
} finally {
  server.close();
}
console.log('msw setupServer (ESM): ok');
