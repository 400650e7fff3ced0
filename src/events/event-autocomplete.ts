import { compareCodePoints } from '../drf/postgres-order';
import type { EventRecord } from '../store/records';

/**
 * The `autocomplete` key of authentik 2025.8's events list: the DjangoQL schema of EventViewSet's eight QL
 * fields as AKQLSchemaSerializer writes it, on every page, licence or not. `action` offers every EventActions
 * value in declaration order; `app` the distinct `app` of every event in the table (the model's manager:
 * no filter, search or permission applies), as PostgreSQL orders them (C collation: code points); JSON fields
 * are relations with no nested fields. No field is nullable.
 */
export function eventAutocomplete(actions: readonly string[], events: Iterable<EventRecord>): Record<string, unknown> {
  const apps = [...new Set([...events].map((event) => event.app))].sort(compareCodePoints);
  const text = (options: readonly string[] | null) => ({ type: 'str', nullable: false, options });
  const relation = (name: string) => ({ type: 'relation', nullable: false, options: null, relation: `authentik_events.event_${name}` });
  return {
    current_model: 'authentik_events.event',
    models: {
      'authentik_events.event': {
        action: text(actions),
        event_uuid: text(null),
        app: text(apps),
        client_ip: text(null),
        user: relation('user'),
        brand: relation('brand'),
        context: relation('context'),
        created: { type: 'datetime', nullable: false, options: [] },
      },
    },
  };
}
