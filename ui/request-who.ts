import type { MockJournalEntry } from '../src/openapi/generated/schemas';
import { dataTable, h } from './dom';

/** Who the request's token resolved to, in words: `qa-f… (superuser)`, `qa-r… with view_event, add_event`. */
export function principalText(principal: MockJournalEntry['principal']): string {
  if (principal === null) return 'none (no credentials)';
  if (principal.superuser) return `${principal.token} (superuser)`;
  return principal.permissions.length === 0 ? `${principal.token} (no permissions)` : `${principal.token} with ${principal.permissions.join(', ')}`;
}

/** A journal entry's principal and request headers (the journal masks the credential), for the request's detail. */
export function requestWho(entry: MockJournalEntry): Node {
  const rows = Object.entries(entry.request_headers).map(([name, value]) => h('tr', {}, h('th', { scope: 'row' }, name), h('td', {}, value)));
  return h(
    'div',
    { class: 'request-who' },
    h('p', { class: 'principal' }, `Principal: ${principalText(entry.principal)}`),
    h('div', { class: 'request-headers' }, dataTable('Request headers', ['Name', 'Value'], h('tbody', {}, ...rows))),
  );
}
