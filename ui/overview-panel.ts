import type { MockOverview } from '../src/openapi/generated/schemas';
import { callAdmin } from './admin-api';
import type { DashboardContext } from './context';
import { h, messageLine, panel, replaceChildren } from './dom';
import { stateCounts } from './state-counts';

/**
 * Overview: the authentik version the mock is, the scenario in use, the counts (those the version has, e.g.
 * system tasks in 2024.8, tasks and schedules in 2025.8), the token and validation modes, and Reset.
 */
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
      ...fact('authentik version', overview.authentik_version, 'overview-version'),
      ...fact('Scenario', state.scenario, 'overview-scenario'),
      // overview-system-tasks, overview-tasks, overview-schedules, overview-workers, overview-events.
      ...stateCounts(state).flatMap(({ key, label, count }) => fact(label[0]!.toUpperCase() + label.slice(1), String(count), `overview-${key.replaceAll('_', '-')}`)),
      ...fact('Tokens', tokens, 'overview-tokens'),
      ...fact('Response validation', overview.response_validation, 'overview-validation'),
      ...fact('Admin API', overview.admin_token ? 'needs the admin token' : 'open (no --admin-token)', 'overview-admin'),
    );
  };
  return { element: panel('overview', 'Overview', facts, h('div', { class: 'actions' }, reset), message.element), show };
}
