import type { Event } from '../openapi/generated/schemas';
import { formatIsoMicros } from '../python/py-datetime';
import type { EventRecord } from '../store/records';

// Rows are immutable (see Collection), so each stored row's JSON form is built once.
const memo = new WeakMap<EventRecord, Event>();

/**
 * Fields as the client wrote them, which the answer to that write shows instead of what Postgres gives
 * back: JSON fields in the client's key order, `client_ip` as the serializer cleaned it.
 */
export type WrittenFields = Partial<Pick<EventRecord, 'user' | 'context' | 'brand' | 'client_ip'>>;

/** An event as authentik's EventSerializer prints it: all nine fields, in the spec's order. */
export function toEventJson(record: EventRecord, written?: WrittenFields): Event {
  if (written) return buildEventJson(record, written);
  let json = memo.get(record);
  if (!json) {
    json = buildEventJson(record, {});
    memo.set(record, json);
  }
  return json;
}

function buildEventJson(record: EventRecord, written: WrittenFields): Event {
  return {
    pk: record.pk,
    user: 'user' in written ? written.user : record.user,
    action: record.action,
    app: record.app,
    context: 'context' in written ? written.context : record.context,
    client_ip: 'client_ip' in written ? (written.client_ip ?? null) : record.client_ip,
    created: formatIsoMicros(record.created),
    expires: formatIsoMicros(record.expires),
    brand: 'brand' in written ? written.brand : record.brand,
  };
}
