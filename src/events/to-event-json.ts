import type { Event } from '../openapi/generated/schemas';
import { formatIsoMicros } from '../python/py-datetime';
import type { EventRecord } from '../store/records';

/** An event as authentik's EventSerializer prints it: all nine fields, in the spec's order. */
export function toEventJson(record: EventRecord, written: Partial<Pick<EventRecord, 'user' | 'context' | 'brand'>> = {}): Event {
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
