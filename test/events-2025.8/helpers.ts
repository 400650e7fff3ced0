import { randomUUID } from 'node:crypto';
import type { Permission } from '../../src/auth/authenticate';
import type { EventActions } from '../../src/openapi/generated/schemas-2025.8';
import { days, type Micros } from '../../src/python/py-datetime';
import type { EventRecord } from '../../src/store/records';
import { createStore } from '../../src/store/store';
import { createTestApp } from '../helpers/test-app';

export { EVENTS } from '../helpers/test-app';

/** 2025-08-22T17:00:00.123456Z: the reference's volume example is that day. */
export const NOW: Micros = Date.UTC(2025, 7, 22, 17, 0, 0) * 1000 + 123_456;
export const at = (iso: string): Micros => Date.parse(iso) * 1000;

export function event(action: EventActions, created: Micros, extra: Partial<EventRecord> = {}): EventRecord {
  return { pk: randomUUID(), user: { pk: 1, username: 'akadmin' }, action, app: 'authentik.events.signals', context: {}, client_ip: '192.0.2.10', created, expires: created + days(365), brand: {}, ...extra };
}

const principal = (token: string, permissions: Permission[], superuser = false) => [token, { token, superuser, permissions: new Set(permissions) }] as const;

/**
 * authentik 2025.8 over exactly these events, at a fixed now, with a superuser (`admin`), a token with the
 * global view permission (`viewer`), one that may only add (`adder`) and one with none (`nobody`).
 */
export function appWith(events: EventRecord[]) {
  const store = createStore();
  for (const e of events) store.events.set(e.pk, e);
  const tokens = new Map([principal('admin', [], true), principal('viewer', ['view_event']), principal('adder', ['add_event']), principal('nobody', []), principal('changer', ['view_event', 'change_event'])]);
  return createTestApp({ version: '2025.8', store, clock: () => NOW, tokenPolicy: { mode: 'list', tokens } });
}

export const as = (token: string) => ({ Authorization: `Bearer ${token}` });
export const DENIED = { detail: 'You do not have permission to perform this action.' };
export const NO_CREDENTIALS = { detail: 'Authentication credentials were not provided.' };
export const NULL_IN_SEARCH = '["Null characters are not allowed."]';
export const NOT_A_DICT = 'Value must be a dictionary, and not have any duplicate keys.';
