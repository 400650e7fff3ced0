import type { MockEventList } from '../src/openapi/generated/schemas';
import { callAdmin } from './admin-api';
import { dataTable, expandableRow, h, json, panel, replaceChildren, shortTime } from './dom';

const SHOWN = 100;

/** Events: the newest first; a row opens the event's JSON as authentik's API gives it. */
export function createEventsPanel(): { element: HTMLElement; refresh(): Promise<void> } {
  const body = h('tbody');
  const shown = h('p', { class: 'hint' });
  const table = dataTable('Events', ['Action', 'App', 'User', 'Client IP', 'Created'], body);
  const refresh = async () => {
    const { count, events } = await callAdmin<MockEventList>('GET', `/events?limit=${SHOWN}`);
    shown.textContent = count > events.length ? `The newest ${events.length} of ${count} events.` : `${count} events, newest first.`;
    replaceChildren(
      body,
      ...events.flatMap((event) => {
        const user = (event.user as { username?: unknown } | undefined)?.username;
        return expandableRow(event.action, [event.app, typeof user === 'string' ? user : '', event.client_ip ?? '', shortTime(event.created)], () => json(event), 5);
      }),
    );
  };
  return { element: panel('events', 'Events', shown, h('div', { class: 'scroll' }, table)), refresh };
}
