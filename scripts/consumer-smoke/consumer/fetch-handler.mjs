// The fetch handler answers a WHATWG Request in-process, with the admin API beside it.
import assert from 'node:assert/strict';
import { createFetchHandler } from 'authentik-events-mock/fetch';

const handle = createFetchHandler({ tokens: ['t'] });
const list = await handle(new Request('http://mock.test/api/v3/events/system_tasks/?page_size=2', { headers: { Authorization: 'Bearer t' } }));
const body = await list.json();
assert.equal(list.status, 200);
assert.equal(body.results.length, 2);
assert.equal(body.pagination.count, 22);
const created = await handle(new Request('http://mock.test/api/v3/events/events/', { method: 'POST', headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' }, body: '{"action":"login","app":"fetch"}' }));
assert.equal(created.status, 201);
const denied = await handle(new Request('http://mock.test/api/v3/events/events/', { headers: { Authorization: 'Bearer nope' } }));
assert.deepEqual([denied.status, await denied.json()], [403, { detail: 'Token invalid/expired' }]);
await handle.admin.setFaults({ events_system_tasks_list: { drop_connection: true } });
assert.equal((await handle(new Request('http://mock.test/api/v3/events/system_tasks/', { headers: { Authorization: 'Bearer t' } }))).type, 'error');
console.log('fetch handler: ok');
