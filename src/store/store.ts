import { Collection } from './collection';
import type { EventRecord, SystemTaskRecord } from './records';

/** Everything the mock remembers. Knows nothing of HTTP, the spec or faker. */
export interface Store {
  events: Collection<EventRecord>;
  systemTasks: Collection<SystemTaskRecord>;
}

export function createStore(): Store {
  return { events: new Collection(), systemTasks: new Collection() };
}
