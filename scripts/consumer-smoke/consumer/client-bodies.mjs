// What authentik's own client (@goauthentik/api) receives for a fixed series of calls, as each response
// body's text: run in Node against `npm start` and in the MSW page in Chromium, and compared.
import { Configuration, EventsApi, ResponseError } from '@goauthentik/api';

export async function clientBodies(basePath, token) {
  const api = new EventsApi(new Configuration({ basePath, accessToken: token }));
  const stranger = new EventsApi(new Configuration({ basePath, accessToken: `not-${token}` }));
  const bodies = {};
  const record = async (label, call) => {
    try {
      bodies[label] = await (await call).raw.text();
    } catch (error) {
      if (!(error instanceof ResponseError)) throw error;
      bodies[label] = `${error.response.status} ${await error.response.text()}`;
    }
    return bodies[label];
  };
  const tasks = JSON.parse(await record('tasks, page 2 by -name', api.eventsSystemTasksListRaw({ ordering: '-name', pageSize: 5, page: 2 })));
  await record('one task', api.eventsSystemTasksRetrieveRaw({ uuid: tasks.results[0].uuid }));
  await record('failing tasks', api.eventsSystemTasksListRaw({ status: 'error' }));
  const events = JSON.parse(await record('events, search and ordering', api.eventsEventsListRaw({ search: 'login', ordering: '-created', pageSize: 7, page: 3 })));
  await record('one event', api.eventsEventsRetrieveRaw({ eventUuid: events.results[0].pk }));
  await record('a page past the last', api.eventsEventsListRaw({ page: 99 }));
  await record('a filter value DRF refuses', api.eventsSystemTasksListRaw({ status: 'bogus' }));
  await record('an unknown token', stranger.eventsSystemTasksListRaw({}));
  return bodies;
}
