import { toJsonbValue } from '../drf/jsonb';
import { toPostgresInet } from '../drf/postgres-inet';
import type { Event } from '../openapi/generated/schemas';
import { days } from '../python/py-datetime';
import { toCanonicalUuid } from '../python/py-uuid';
import type { EventRecord } from '../store/records';
import { scenarioTime, type StateTable } from '../store/state-table';
import { toEventJson } from './to-event-json';

const micros = scenarioTime;

/** Events in a scenario, in every version: what the API gives, with authentik's defaults for what is left out. */
export const EVENT_TABLE: StateTable<EventRecord> = {
  key: 'events',
  schema: 'Event',
  summaryKey: 'events',
  noun: 'event',
  jsonFields: ['user', 'context', 'brand'],
  idOf: (event) => event.pk,
  toJson: (event) => ({ ...toEventJson(event) }) as Record<string, unknown>,
  fromJson(item, { fallbackBrand }) {
    const event = item as unknown as Event;
    const created = micros(event.created);
    return {
      pk: toCanonicalUuid(event.pk)!,
      user: toJsonbValue(event.user ?? {}),
      action: event.action,
      app: event.app,
      context: toJsonbValue(event.context ?? {}),
      // Stored as Postgres's inet prints it, like addresses written through the API.
      client_ip: event.client_ip == null ? null : (toPostgresInet(event.client_ip) ?? event.client_ip),
      created,
      expires: event.expires ? micros(event.expires) : created + days(365),
      brand: toJsonbValue(event.brand ?? fallbackBrand),
    };
  },
  // Events are added through authentik's own API (POST), so the admin API only lists them, newest first.
  admin: { list: 'mock_events_list', listKey: 'events', order: (rows) => [...rows].sort((a, b) => b.created - a.created) },
};
