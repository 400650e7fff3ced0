import type { MockOverview } from '../src/openapi/generated/schemas';
import { callAdmin } from './admin-api';
import type { DashboardContext } from './context';
import { h, messageLine, panel, replaceChildren } from './dom';

/** Overview: the scenario in use, the counts, the token and validation modes, and Reset. */
export function createOverviewPanel(ctx: DashboardContext): { element: HTMLElement; show(overview: MockOverview): void } {
  const facts = h('dl', { class: 'facts' });
  const message = messageLine();
  const reset = h('button', { type: 'button' }, 'Reset');
  reset.addEventListener('click', async () => {
    try {
      const summary = await callAdmin<MockOverview['state']>('POST', '/reset');
      message.ok(`Back to the start-up state: ${summary.scenario}.`);
      ctx.refreshState();
    } catch (error) {
      message.error((error as Error).message);
    }
  });
  const show = (overview: MockOverview) => {
    const { state } = overview;
    const tokens = overview.token_mode === 'any' ? 'any non-empty bearer token' : `${state.tokens ?? 0} configured token(s)`;
    const fact = (term: string, value: string, id: string) => [h('dt', {}, term), h('dd', { id }, value)];
    replaceChildren(
      facts,
      ...fact('Scenario', state.scenario, 'overview-scenario'),
      ...fact('System tasks', String(state.system_tasks), 'overview-tasks'),
      ...fact('Events', String(state.events), 'overview-events'),
      ...fact('Tokens', tokens, 'overview-tokens'),
      ...fact('Response validation', overview.response_validation, 'overview-validation'),
      ...fact('Admin API', overview.admin_token ? 'needs the admin token' : 'open (no --admin-token)', 'overview-admin'),
    );
  };
  return { element: panel('overview', 'Overview', facts, h('div', { class: 'actions' }, reset), message.element), show };
}
