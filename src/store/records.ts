import type { Event, LogEvent, SystemTask } from '../openapi/generated/schemas';
import type { Micros } from '../python/py-datetime';

/**
 * An event as the store holds it: the spec's `Event` with every field present and timestamps as
 * microseconds, so that they sort and print exactly (JSON text is made at the edge, in to-event-json).
 */
export type EventRecord = Required<Omit<Event, 'created' | 'expires'>> & {
  client_ip: string | null;
  created: Micros;
  expires: Micros;
};

/** A system task as the store holds it: the spec's `SystemTask` less `full_name`, which is derived. */
export type SystemTaskRecord = Omit<SystemTask, 'full_name' | 'start_timestamp' | 'finish_timestamp' | 'expires' | 'messages'> & {
  start_timestamp: Micros;
  finish_timestamp: Micros;
  expires: Micros | null;
  messages: LogEvent[];
};
