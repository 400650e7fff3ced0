import type { MockOverview } from '../src/openapi/generated/schemas';
import { AdminApiError, adminToken, callAdmin } from './admin-api';
import type { DashboardContext } from './context';
import { h, replaceChildren } from './dom';
import { createEventsPanel } from './events-panel';
import { createFaultsPanel } from './faults-panel';
import { createOverviewPanel } from './overview-panel';
import { createRequestsPanel } from './requests-panel';
import { createScenariosPanel } from './scenarios-panel';
import { createSystemTasksPanel } from './system-tasks-panel';
import { createTokenPrompt } from './token-prompt';

const app = document.getElementById('app')!;
const SECTIONS: ReadonlyArray<[id: string, title: string]> = [
  ['overview', 'Overview'],
  ['scenarios', 'Scenarios'],
  ['requests', 'Requests'],
  ['system-tasks', 'System tasks'],
  ['events', 'Events'],
  ['faults', 'Faults'],
];
const warnings = document.getElementById('warnings')!;

/** Reads the overview; a 403 means the admin token is missing or wrong, and the page asks for it. */
async function boot(): Promise<void> {
  let overview: MockOverview;
  try {
    overview = await callAdmin<MockOverview>('GET', '/overview');
  } catch (error) {
    if (error instanceof AdminApiError && error.status === 403) {
      replaceChildren(app, createTokenPrompt(adminToken.get() === undefined ? undefined : error.message, () => void boot()));
      return;
    }
    replaceChildren(app, h('p', { role: 'alert', class: 'message error' }, `The admin API did not answer: ${(error as Error).message}`));
    return;
  }
  replaceChildren(warnings, ...overview.warnings.map((line) => h('p', { role: 'alert', class: 'warning' }, line)));
  start(overview);
}

function start(first: MockOverview): void {
  let pending: ReturnType<typeof setTimeout> | undefined;
  const ctx: DashboardContext = {
    overview: first,
    // Several writes in a burst (a frontend creating events) cost one refresh.
    refreshState() {
      clearTimeout(pending);
      pending = setTimeout(() => void refreshState(), 150);
    },
  };
  const overview = createOverviewPanel(ctx);
  const scenarios = createScenariosPanel(ctx);
  const tasks = createSystemTasksPanel(ctx);
  const events = createEventsPanel();
  const faults = createFaultsPanel(first.operations);
  const requests = createRequestsPanel(first.operations, () => ctx.refreshState());
  const refreshState = async () => {
    try {
      ctx.overview = await callAdmin<MockOverview>('GET', '/overview');
      overview.show(ctx.overview);
      await Promise.all([tasks.refresh(), events.refresh()]);
    } catch (error) {
      if (error instanceof AdminApiError && error.status === 403) void boot();
    }
  };
  overview.show(first);
  replaceChildren(
    app,
    h('nav', { 'aria-label': 'Sections' }, h('ul', {}, ...SECTIONS.map(([id, title]) => h('li', {}, h('a', { href: `#${id}` }, title))))),
    h('div', { class: 'grid' }, overview.element, scenarios.element),
    requests.element,
    tasks.element,
    events.element,
    faults.element,
  );
  void Promise.all([scenarios.refresh(), tasks.refresh(), events.refresh(), faults.refresh()]).then(() => document.body.setAttribute('data-ready', 'true'));
  requests.start();
}

void boot();
