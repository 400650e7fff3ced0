// A page that shows authentik's system tasks and creates events with authentik's own client
// (@goauthentik/api). The mock answers inside msw's service worker: the page talks to `/api/v3/` on its own
// origin as it would to authentik, and only the "Mock controls" know there is a mock.
import { Configuration, EventsApi, FetchError, ResponseError, type EventActions, type SystemTask } from '@goauthentik/api';
import { createHandlers } from 'authentik-events-mock/msw';
import { setupWorker } from 'msw/browser';

const TOKEN = 'example-token';
// strict is the default; named here because the page is also the proof that validation runs in the browser.
const { handlers, mock, core } = createHandlers({ tokens: [TOKEN], validateResponses: 'strict' });
const api = new EventsApi(new Configuration({ basePath: `${location.origin}/api/v3`, accessToken: TOKEN }));

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
}

/** What a failed call shows: authentik's status and `detail`, or that the request never got an answer. */
async function describeFailure(error: unknown): Promise<string> {
  if (error instanceof ResponseError) {
    const body = (await error.response.json().catch(() => ({}))) as { detail?: string };
    return `HTTP ${error.response.status}: ${body.detail ?? error.response.statusText}`;
  }
  if (error instanceof FetchError) return 'network error (no response)';
  return String(error);
}

/** Runs one user action; its failure is shown in the alert and the action's own output is cleared. */
async function attempt(what: string, action: () => Promise<void>, onFailure: () => void = () => {}): Promise<void> {
  byId('error').textContent = '';
  try {
    await action();
  } catch (error) {
    onFailure();
    byId('error').textContent = `${what} failed: ${await describeFailure(error)}`;
  }
}

function taskRow(task: SystemTask): HTMLTableRowElement {
  const row = document.createElement('tr');
  for (const text of [task.fullName, task.status]) row.appendChild(document.createElement('td')).textContent = text;
  return row;
}

function showTasks(): Promise<void> {
  return attempt(
    'Loading the system tasks',
    async () => {
      const page = await api.eventsSystemTasksList({ ordering: 'name', pageSize: 100 });
      byId('tasks-summary').textContent = `${page.pagination.count} system tasks`;
      byId('tasks').replaceChildren(...page.results.map(taskRow));
    },
    () => {
      byId('tasks-summary').textContent = '';
      byId('tasks').replaceChildren();
    },
  );
}

function createEvent(form: HTMLFormElement): Promise<void> {
  const data = new FormData(form);
  return attempt('Creating the event', async () => {
    const created = await api.eventsEventsCreate({ eventRequest: { action: data.get('action') as EventActions, app: String(data.get('app')) } });
    // Shown as the API gives it back, not as it was sent.
    const event = await api.eventsEventsRetrieve({ eventUuid: created.pk });
    const list = document.createElement('dl');
    for (const [term, value] of [['Event', event.pk], ['Action', event.action], ['App', event.app], ['Brand', String(event.brand?.name ?? '')]]) {
      list.appendChild(document.createElement('dt')).textContent = term!;
      list.appendChild(document.createElement('dd')).textContent = value!;
    }
    byId('created').replaceChildren(list);
  });
}

byId('reload-tasks').addEventListener('click', () => void showTasks());
byId<HTMLFormElement>('new-event').addEventListener('submit', (submit) => {
  submit.preventDefault();
  void createEvent(submit.target as HTMLFormElement);
});
byId('load-scenario').addEventListener('click', () => void attempt('Loading the scenario', () => mock.loadScenario(byId<HTMLSelectElement>('scenario').value).then(showTasks)));
byId('inject-503').addEventListener('click', () => void attempt('Injecting the fault', () => mock.setFaults({ events_system_tasks_list: { status: 503 } }).then(showTasks)));
byId('clear-faults').addEventListener('click', () => void attempt('Clearing the faults', () => mock.clearFaults().then(showTasks)));

await setupWorker(...handlers).start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledRequest: 'bypass', quiet: true });
byId('worker-status').textContent = 'The mock answers in a service worker.';
// The controller and the mock itself, for the browser console (and for the test that breaks the store on
// purpose, to see response validation answer 500 in the browser).
Object.assign(window, { authentikMock: { mock, core } });
await showTasks();
