import type { MockOverview } from '../src/openapi/generated/schemas';
import { callAdmin } from './admin-api';
import type { DashboardContext } from './context';
import { h, panel, replaceChildren } from './dom';
import { countOf, faultLines, stubLine } from './overrides-summary';
import { stateCounts } from './state-counts';
import { stateMessage } from './state-message';

/**
 * Overview: the authentik version the mock is, the scenario in use, the counts (those the version has, e.g.
 * system tasks in 2024.8, tasks and schedules in 2025.8), the faults and stubs in force, the token and
 * validation modes, and Reset, which says what it resets before and after.
 */
export function createOverviewPanel(ctx: DashboardContext): { element: HTMLElement; show(): void } {
  const facts = h('dl', { class: 'facts' });
  const message = stateMessage(ctx);
  const reset = h('button', { type: 'button', 'aria-describedby': 'reset-hint' }, 'Reset');
  reset.addEventListener('click', async () => {
    // What the reset removes, as the overview last read it: POST /reset answers only the state it went back to.
    const removed = `${countOf(Object.keys(ctx.faults).length, 'fault')} and ${countOf(ctx.stubs.length, 'stub')} removed`;
    try {
      const summary = await callAdmin<MockOverview['state']>('POST', '/reset');
      message.ok(`Reset: the state is back to ${summary.scenario}, ${removed}, the request journal kept.`);
      ctx.refreshState(message);
    } catch (error) {
      message.error((error as Error).message);
    }
  });
  const list = (lines: string[], id: string) => (lines.length === 0 ? h('dd', { id }, 'none') : h('dd', { id }, h('ul', { class: 'overrides' }, ...lines.map((line) => h('li', {}, line)))));
  const show = () => {
    const overview = ctx.overview;
    const { state } = overview;
    const tokens = overview.token_mode === 'any' ? 'any non-empty bearer token' : `${state.tokens ?? 0} configured token(s)`;
    const fact = (term: string, value: string, id: string) => [h('dt', {}, term), h('dd', { id }, value)];
    replaceChildren(
      facts,
      ...fact('authentik version', overview.authentik_version, 'overview-version'),
      ...fact('Scenario', state.scenario, 'overview-scenario'),
      // overview-system-tasks, overview-tasks, overview-schedules, overview-workers, overview-events.
      ...stateCounts(state).flatMap(({ key, label, count }) => fact(label[0]!.toUpperCase() + label.slice(1), String(count), `overview-${key.replaceAll('_', '-')}`)),
      h('dt', {}, 'Faults'),
      list(faultLines(ctx.faults), 'overview-faults'),
      h('dt', {}, 'Stubs'),
      list(ctx.stubs.map(stubLine), 'overview-stubs'),
      ...fact('Tokens', tokens, 'overview-tokens'),
      ...fact('Response validation', overview.response_validation, 'overview-validation'),
      ...fact('Admin API', overview.admin_token ? 'needs the admin token' : 'open (no --admin-token)', 'overview-admin'),
    );
  };
  const hint = h('p', { class: 'hint', id: 'reset-hint' }, 'Reset puts back the state the mock started with and removes every fault and stub; the request journal is kept.');
  return { element: panel('overview', 'Overview', facts, h('div', { class: 'actions' }, reset), hint, message.element), show };
}
