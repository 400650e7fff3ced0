import type { Event } from '../openapi/generated/schemas';
import { formatIsoMicros } from '../python/py-datetime';
import type { EventRecord } from '../store/records';

// Rows are immutable (see Collection), so each stored row's JSON form is built once.
const memo = new WeakMap<EventRecord, Event>();

/**
 * An event as authentik's EventSerializer prints it: all nine fields, in the spec's order. `written` holds
 * JSON fields as the client sent them, which the answer to a write shows instead of the stored jsonb form.
 */
export function toEventJson(record: EventRecord, written?: Partial<Pick<EventRecord, 'user' | 'context' | 'brand'>>): Event {
  if (written) return buildEventJson(record, written);
  let json = memo.get(record);
  if (!json) {
    json = buildEventJson(record, {});
    memo.set(record, json);
  }
  return json;
}

function buildEventJson(record: EventRecord, written: Partial<Pick<EventRecord, 'user' | 'context' | 'brand'>>): Event {
  return {
    pk: record.pk,
    user: 'user' in written ? written.user : record.user,
    action: record.action,
    app: record.app,
    context: 'context' in written ? written.context : record.context,
    client_ip: record.client_ip,
    created: formatIsoMicros(record.created),
    expires: formatIsoMicros(record.expires),
    brand: 'brand' in written ? written.brand : record.brand,
  };
}
