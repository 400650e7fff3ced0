import type { MockSessionList } from '../src/openapi/generated/schemas';
import { callAdmin, dashboardSession } from './admin-api';
import { isSessionName, SESSION_NAME_RULE } from '../src/core/session-name';
import { h, messageLine } from './dom';

/**
 * Picks the session the dashboard shows (issue 18): the sessions the server holds, most recently used first,
 * or a new name. A pick reloads the page, so that no panel keeps what it read from the session before.
 */
export function createSessionPicker(): { element: HTMLElement; refresh(): Promise<void> } {
  const current = dashboardSession.get();
  const select = h('select', { id: 'session-picker', 'aria-describedby': 'session-hint' });
  const name = h('input', { id: 'session-new', type: 'text', placeholder: 'e.g. checkout-test', autocomplete: 'off' });
  const message = messageLine();
  const open = (session: string) => {
    dashboardSession.set(session);
    location.reload();
  };
  select.addEventListener('change', () => open(select.value));
  const form = h(
    'form',
    { class: 'session-new' },
    h('label', { for: 'session-new' }, 'New session'),
    name,
    h('button', { type: 'submit' }, 'Open session'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const wanted = name.value.trim();
    if (!isSessionName(wanted)) {
      message.error(`"${wanted}" is not a session name; use ${SESSION_NAME_RULE}.`);
      return;
    }
    open(wanted);
  });
  const element = h(
    'div',
    { class: 'session-picker', role: 'group', 'aria-label': 'Sessions' },
    h('label', { for: 'session-picker' }, 'Session'),
    select,
    h('span', { id: 'session-hint', class: 'hint' }, 'Requests with X-Mock-Session (or the mock_session cookie) are served by their session.'),
    form,
    message.element,
  );
  return {
    element,
    async refresh() {
      const { sessions } = await callAdmin<MockSessionList>('GET', '/sessions');
      const names = sessions.map((session) => session.name);
      // The tab's session is listed even before its first request has started it.
      if (!names.includes(current)) names.unshift(current);
      select.replaceChildren(...names.map((session) => h('option', { value: session, selected: session === current }, session)));
    },
  };
}
