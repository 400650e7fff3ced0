import { createRowSearch, searchTerms, icontains } from '../drf/search';
import { toJsonbText } from '../drf/jsonb';
import { toListQuery, type ListQuery } from '../drf/list-cache';
import { toPostgresInet } from '../drf/postgres-inet';
import { AuthentikCrash } from '../drf/authentik-crash';
import { validationError } from '../drf/api-error';
import { hasNullCharacter, NULL_CHARACTERS_MESSAGE } from '../drf/null-characters';
import type { Query } from '../drf/query';
import { JsonNumber } from '../python/json-number';
import { pyStrip } from '../python/py-strip';
import type { EventRecord } from '../store/records';

/** authentik's EventViewSet: default ordering, orderable fields (the serializer's model fields), search fields. */
export const EVENT_DEFAULT_ORDERING = ['-created'];
export const EVENT_ORDERING_FIELDS = new Set(['pk', 'user', 'action', 'app', 'context', 'client_ip', 'created', 'expires', 'brand']);
/** The Event model's JSONField columns, stored as jsonb. */
export const EVENT_JSONB_FIELDS = new Set(['user', 'context', 'brand']);

type Predicate = (record: EventRecord) => boolean;

// DRF SearchFilter over authentik's search_fields for events; JSON fields are searched as jsonb text.
export const searchEvents = createRowSearch<EventRecord>((record) => [record.pk, toJsonbText(record.user), record.action, record.app, toJsonbText(record.context), record.client_ip]);

/** Reads a JSON path such as `model.pk` out of a jsonb field; undefined when any step is missing. */
function jsonPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const step of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current) || current instanceof JsonNumber) return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

/** Django's `json_field__a__b=value` for a CharFilter: the JSON value at the path equals the string. */
const jsonEquals = (field: 'user' | 'context' | 'brand', path: string[], values: string[]) => (record: EventRecord) =>
  values.includes(jsonPath(record[field], path) as string);

// authentik's EventsFilter, in its field order (the order of its 400's keys); a primary key may be sent
// with dashes while the context stores UUID.hex.
const FILTERS: Record<string, (value: string) => Predicate> = {
  action: (value) => (record) => icontains(record.action, value),
  // inet equality; readEventQuery has set aside values that are not addresses.
  client_ip: (value) => {
    const address = toPostgresInet(value);
    return (record) => record.client_ip === address;
  },
  username: (value) => jsonEquals('user', ['username'], [value]),
  context_model_pk: (value) => jsonEquals('context', ['model', 'pk'], [value, value.replaceAll('-', '')]),
  context_model_name: (value) => jsonEquals('context', ['model', 'model_name'], [value]),
  context_model_app: (value) => jsonEquals('context', ['model', 'app'], [value]),
  context_authorized_app: (value) => jsonEquals('context', ['authorized_application', 'pk'], [value, value.replaceAll('-', '')]),
  brand_name: (value) => jsonEquals('brand', ['name'], [value]),
};

/** The filters and search of a request, and a `client_ip` value that is no address (see `badClientIp`). */
export interface EventQuery extends ListQuery<EventRecord> {
  /**
   * Django hands a `client_ip` lookup value to Python's `ipaddress.ip_address`, which raises ValueError for
   * anything else (`abc`, `1.2.3.4/24`) when the query runs: on a list that is authentik's 500, on a detail
   * route DRF's `get_object_or_404` turns it into a 404.
   */
  badClientIp?: string;
}

/**
 * The filters and search of a request. They apply on detail routes too (`GET …/{id}/?action=zzz` is a
 * 404), as DRF filters before its lookup. django-filter strips values and skips empty ones.
 */
export function readEventQuery(query: Query): EventQuery {
  const predicates: Predicate[] = [];
  const errors: Record<string, string[]> = {};
  for (const [name, build] of Object.entries(FILTERS)) {
    const value = pyStrip(query.get(name) ?? '');
    if (value === '') continue;
    if (hasNullCharacter(value)) errors[name] = [NULL_CHARACTERS_MESSAGE];
    else predicates.push(build(value));
  }
  // The filterset's form is validated before its query runs: a NUL is a 400, even beside a bad client_ip.
  if (Object.keys(errors).length > 0) throw validationError(errors);
  const clientIp = pyStrip(query.get('client_ip') ?? '');
  const badClientIp = clientIp !== '' && toPostgresInet(clientIp) === undefined ? clientIp : undefined;
  return { ...toListQuery(predicates, searchTerms(query), searchEvents), ...(badClientIp === undefined ? {} : { badClientIp }) };
}

/** authentik's 500 for a `client_ip` filter value that is no address, once its query runs. */
export function badClientIpCrash(value: string): AuthentikCrash {
  return new AuthentikCrash(`ipaddress.ip_address() rejects the client_ip filter value ${JSON.stringify(value)}`);
}
