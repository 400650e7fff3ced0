import { jsonbIdentity, toJsonbText } from '../drf/jsonb';
import { AuthentikCrash } from '../drf/authentik-crash';
import type { EventTopPerUser } from '../openapi/generated/schemas';
import { JsonNumber } from '../python/json-number';
import { assertOrjsonWritable } from '../python/orjson-limits';
import type { EventRecord } from '../store/records';

/**
 * `GET /events/events/top_per_user/` (authentik's events API): events of one action (exact) whose
 * `context.authorized_application` is present and not null, grouped by that value as jsonb compares it,
 * with the count of events and of distinct `user ->> 'pk'`, ordered by `-counted_events`, first `topN`
 * groups. Ties keep the order in which groups first appear, where Postgres gives none.
 * Where authentik fails, this throws its crash: a negative `topN` (Django refuses negative slicing) and an
 * application that is not an object (DRF's DictField calls `.items()` on it).
 */
export function topPerUser(events: readonly EventRecord[], action: string, topN: number): EventTopPerUser[] {
  if (topN < 0) throw new AuthentikCrash(`Django refuses negative slicing (top_n=${topN}): Negative indexing is not supported.`);
  const groups = new Map<string, { application: unknown; counted: number; users: Set<string> }>();
  for (const event of events) {
    if (event.action !== action) continue;
    const application = keyOf(event.context, 'authorized_application');
    if (application === undefined || application === null) continue;
    const key = jsonbIdentity(application);
    let group = groups.get(key);
    if (!group) {
      group = { application, counted: 0, users: new Set() };
      groups.set(key, group);
    }
    group.counted++;
    const pk = keyOf(event.user, 'pk');
    if (pk !== undefined && pk !== null) group.users.add(typeof pk === 'string' ? pk : toJsonbText(pk));
  }
  const top = [...groups.values()].sort((a, b) => b.counted - a.counted).slice(0, topN);
  return top.map(({ application, counted, users }) => {
    if (typeof application !== 'object' || Array.isArray(application) || application instanceof JsonNumber) {
      throw new AuthentikCrash(`DictField cannot show context.authorized_application ${toJsonbText(application)}: it is not an object`);
    }
    // The answer is a list (level 1) of objects (2) holding the application (3).
    assertOrjsonWritable(application, 3);
    return { application: application as Record<string, unknown>, counted_events: counted, unique_users: users.size };
  });
}

/** `json -> 'key'`: undefined (SQL NULL) when the value is not an object or lacks the key. */
function keyOf(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof JsonNumber) return undefined;
  return Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}
