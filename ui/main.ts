import type { MockFaults, MockOverview, MockStubList } from '../src/openapi/generated/schemas';
import { AdminApiError, adminToken, callAdmin } from './admin-api';
import type { DashboardContext } from './context';
import { h, replaceChildren } from './dom';
import { createEventsPanel } from './events-panel';
import { createFaultsPanel } from './faults-panel';
import { createOverviewPanel } from './overview-panel';
import { createRequestsPanel } from './requests-panel';
import { createScenariosPanel } from './scenarios-panel';
import { createSchedulesPanel } from './schedules-panel';
import { createSessionPicker } from './session-picker';
import { hasCount } from './state-counts';
import { createSystemTasksPanel } from './system-tasks-panel';
import { createTasksPanel } from './tasks-panel';
import { createTokenPrompt } from './token-prompt';

const app = document.getElementById('app')!;
const warnings = document.getElementById('warnings')!;

/** The overview with the faults and stubs in force: what the Overview shows and Reset removes. */
async function readOverview(): Promise<Pick<DashboardContext, 'overview' | 'faults' | 'stubs'>> {
  const [overview, faults, { stubs }] = await Promise.all([callAdmin<MockOverview>('GET', '/overview'), callAdmin<MockFaults>('GET', '/faults'), callAdmin<MockStubList>('GET', '/stubs')]);
  return { overview, faults, stubs };
}

/** Reads the overview; a 403 means the admin token is missing or wrong, and the page asks for it. */
async function boot(): Promise<void> {
  let overview: Awaited<ReturnType<typeof readOverview>>;
  try {
    overview = await readOverview();
  } catch (error) {
    if (error instanceof AdminApiError && error.status === 403) {
      replaceChildren(app, createTokenPrompt(adminToken.get() === undefined ? undefined : error.message, () => void boot()));
      return;
    }
    replaceChildren(app, h('p', { role: 'alert', class: 'message error' }, `The admin API did not answer: ${(error as Error).message}`));
    return;
  }
  replaceChildren(warnings, ...overview.overview.warnings.map((line) => h('p', { role: 'alert', class: 'warning' }, line)));
  start(overview);
}

interface StatePanel {
  id: string;
  title: string;
  element: HTMLElement;
  refresh(): Promise<void>;
}

/**
 * The panels of the state this authentik version has, decided from the overview's state counts (the admin
 * spec gives a version only the counts, and the routes, of the objects it has): system tasks in 2024.8, tasks
 * and schedules in 2025.8. No request is tried to find out, and no version number is compared.
 */
function versionPanels(ctx: DashboardContext): StatePanel[] {
  const { state } = ctx.overview;
  const panels: StatePanel[] = [];
  if (hasCount(state, 'system_tasks')) panels.push({ id: 'system-tasks', title: 'System tasks', ...createSystemTasksPanel(ctx) });
  if (hasCount(state, 'tasks')) panels.push({ id: 'tasks', title: 'Tasks', ...createTasksPanel(ctx) });
  if (hasCount(state, 'schedules')) panels.push({ id: 'schedules', title: 'Schedules', ...createSchedulesPanel(ctx) });
  return panels;
}

function start(first: Awaited<ReturnType<typeof readOverview>>): void {
  let pending: ReturnType<typeof setTimeout> | undefined;
  const listeners: Array<(sources: ReadonlySet<object>) => void> = [];
  const ctx: DashboardContext = {
    ...first,
    // The outcome lines are told at once; several writes in a burst (a frontend creating events) cost one read.
    refreshState(source) {
      const sources = new Set(source === undefined ? [] : [source]);
      for (const listener of listeners) listener(sources);
      clearTimeout(pending);
      pending = setTimeout(() => void refreshState(), 150);
    },
    onStateChange: (listener) => void listeners.push(listener),
  };
  const overview = createOverviewPanel(ctx);
  const scenarios = createScenariosPanel(ctx);
  const statePanels = versionPanels(ctx);
  const events = createEventsPanel();
  const faults = createFaultsPanel(ctx);
  const requests = createRequestsPanel(first.overview.operations, () => ctx.refreshState(), () => void readOverrides());
  // Only the Overview changes when a stub answers (the state does not): no outcome line is cleared.
  const readOverrides = async () => {
    Object.assign(ctx, await readOverview());
    overview.show();
  };
  const refreshState = async () => {
    try {
      Object.assign(ctx, await readOverview());
      overview.show();
      scenarios.show();
      faults.show();
      await Promise.all([...statePanels.map((p) => p.refresh()), events.refresh()]);
    } catch (error) {
      if (error instanceof AdminApiError && error.status === 403) void boot();
    }
  };
  overview.show();
  faults.show();
  const picker = createSessionPicker();
  document.querySelector('header.top')!.append(picker.element);
  const sections: Array<[id: string, title: string]> = [['overview', 'Overview'], ['scenarios', 'Scenarios'], ['requests', 'Requests'], ...statePanels.map((p): [string, string] => [p.id, p.title]), ['events', 'Events'], ['faults', 'Faults']];
  replaceChildren(
    app,
    h('nav', { 'aria-label': 'Sections' }, h('ul', {}, ...sections.map(([id, title]) => h('li', {}, h('a', { href: `#${id}` }, title))))),
    h('div', { class: 'grid' }, overview.element, scenarios.element),
    requests.element,
    ...statePanels.map((p) => p.element),
    events.element,
    faults.element,
  );
  // A panel that cannot read its list says so (the others still fill in), rather than leave the page waiting.
  const firstReads: Array<[title: string, read: Promise<void>]> = [['Sessions', picker.refresh()], ['Scenarios', scenarios.refresh()], ...statePanels.map((p): [string, Promise<void>] => [p.title, p.refresh()]), ['Events', events.refresh()]];
  void Promise.allSettled(firstReads.map(([, read]) => read)).then((outcomes) => {
    outcomes.forEach((outcome, i) => outcome.status === 'rejected' && warnings.append(h('p', { role: 'alert', class: 'warning' }, `${firstReads[i]![0]}: ${(outcome.reason as Error).message}`)));
    document.body.setAttribute('data-ready', 'true');
  });
  requests.start();
}

void boot();
