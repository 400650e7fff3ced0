// authentik's own TypeScript client (@goauthentik/api, the repository's dev dependency) against one host.
import assert from 'node:assert/strict';
import { Configuration, EventActions, EventsApi } from '@goauthentik/api';

export async function exerciseClient(basePath, token) {
  const api = new EventsApi(new Configuration({ basePath, accessToken: token }));
  const tasks = await api.eventsSystemTasksList({ pageSize: 5 });
  assert.equal(tasks.results.length, 5);
  const task = await api.eventsSystemTasksRetrieve({ uuid: tasks.results[0].uuid });
  assert.equal(task.name, tasks.results[0].name);
  const created = await api.eventsEventsCreate({ eventRequest: { action: EventActions.Custom, app: 'consumer-smoke', context: { n: 1 } } });
  const fetched = await api.eventsEventsRetrieve({ eventUuid: created.pk });
  assert.deepEqual(fetched.context, { n: 1 });
  const patched = await api.eventsEventsPartialUpdate({ eventUuid: created.pk, patchedEventRequest: { app: 'patched' } });
  assert.equal(patched.app, 'patched');
  assert.equal((await api.eventsEventsRetrieve({ eventUuid: created.pk })).app, 'patched');
}
