import type { MockScenarioList, MockStateSummary } from '../src/openapi/generated/schemas';
import { callAdmin } from './admin-api';
import type { DashboardContext } from './context';
import { h, panel } from './dom';
import { describeCounts } from './state-counts';
import { stateMessage } from './state-message';

/**
 * Scenarios: load one of fixtures/, export the state as JSON, import a scenario file. The picker shows the
 * scenario running; a state that is no file of fixtures/ (a seed, an import) is shown as a choice that cannot be loaded.
 */
export function createScenariosPanel(ctx: DashboardContext): { element: HTMLElement; refresh(): Promise<void>; show(): void } {
  const message = stateMessage(ctx);
  let names: string[] = [];
  const select = h('select', { id: 'scenario-select' });
  const load = h('button', { type: 'button' }, 'Load');
  const exportButton = h('button', { type: 'button' }, 'Export');
  const file = h('input', { type: 'file', id: 'scenario-import', accept: '.json,application/json' });

  const loaded = (summary: MockStateSummary, what: string) => {
    message.ok(`Loaded ${what}: ${describeCounts(summary)}.`);
    ctx.refreshState(message);
  };
  load.addEventListener('click', async () => {
    try {
      loaded(await callAdmin<MockStateSummary>('POST', `/scenarios/${encodeURIComponent(select.value)}`), select.value);
    } catch (error) {
      message.error((error as Error).message);
    }
  });
  exportButton.addEventListener('click', async () => {
    try {
      const state = await callAdmin<unknown>('GET', '/state');
      const url = URL.createObjectURL(new Blob([JSON.stringify(state, null, 1)], { type: 'application/json' }));
      const link = h('a', { href: url, download: `mock-state-${ctx.overview.state.scenario.replace(/[^\w.-]+/g, '-')}.json` });
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      message.ok('Exported the state as a scenario file.');
    } catch (error) {
      message.error((error as Error).message);
    }
  });
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    file.value = '';
    let data: unknown;
    try {
      data = JSON.parse(await chosen.text());
    } catch (error) {
      message.error(`${chosen.name}: not valid JSON: ${(error as Error).message}`);
      return;
    }
    try {
      loaded(await callAdmin<MockStateSummary>('PUT', '/state', data), chosen.name);
    } catch (error) {
      // The person chose a file: the line names it before the admin API's sentence.
      message.error(`${chosen.name}: ${(error as Error).message}`);
    }
  });

  const running = h('option', { value: '', disabled: true });
  const show = () => {
    const name = ctx.overview.state.scenario;
    running.textContent = `${name} (running; not a file in fixtures/)`;
    running.hidden = names.includes(name);
    select.value = names.includes(name) ? name : '';
    load.disabled = select.value === '';
  };
  select.addEventListener('change', () => void (load.disabled = select.value === ''));
  const refresh = async () => {
    const { scenarios } = await callAdmin<MockScenarioList>('GET', '/scenarios');
    names = scenarios.map((s) => s.name);
    select.replaceChildren(running, ...scenarios.map((s) => h('option', { value: s.name }, s.description ? `${s.name}: ${s.description}` : s.name)));
    show();
  };
  const element = panel(
    'scenarios',
    'Scenarios',
    h('div', { class: 'field-row' }, h('label', { for: 'scenario-select' }, 'Scenario'), select, load),
    h('div', { class: 'field-row' }, exportButton, h('label', { for: 'scenario-import' }, 'Import'), file),
    message.element,
  );
  return { element, refresh, show };
}
