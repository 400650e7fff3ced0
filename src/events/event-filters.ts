import { createRowSearch, icontains } from '../drf/search';
import { toJsonbText } from '../drf/jsonb';
import { toListQuery, type ListQuery } from '../drf/list-cache';
import { toPostgresInet } from '../drf/postgres-inet';
import { AuthentikCrash } from '../drf/authentik-crash';
import { validationError } from '../drf/api-error';
import { hasNullCharacter, NULL_CHARACTERS_MESSAGE } from '../drf/null-characters';
import { queryValues, type Query } from '../drf/query';
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

/**
 * One filter of authentik's EventsFilter. `char` is a CharFilter (a Django CharField: value stripped, empty
 * means no filter, NUL refused); `choices` a MultipleChoiceFilter over the EventActions values (the parameter
 * repeated, values not stripped, OR of exact matches, the first value that is no choice refused).
 */
export type EventFilter = { name: string; kind: 'char'; build: (value: string) => Predicate } | { name: string; kind: 'choices'; field: 'action' };

const charFilter = (name: string, build: (value: string) => Predicate): EventFilter => ({ name, kind: 'char', build });

const ACTION = charFilter('action', (value) => (record) => icontains(record.action, value));
// inet equality; readEventQuery has set aside values that are not addresses.
const CLIENT_IP = charFilter('client_ip', (value) => {
  const address = toPostgresInet(value);
  return (record) => record.client_ip === address;
});
// A primary key may be sent with dashes while the context stores UUID.hex.
const CONTEXT_FILTERS = [
  charFilter('context_model_pk', (value) => jsonEquals('context', ['model', 'pk'], [value, value.replaceAll('-', '')])),
  charFilter('context_model_name', (value) => jsonEquals('context', ['model', 'model_name'], [value])),
  charFilter('context_model_app', (value) => jsonEquals('context', ['model', 'app'], [value])),
  charFilter('context_authorized_app', (value) => jsonEquals('context', ['authorized_application', 'pk'], [value, value.replaceAll('-', '')])),
];
const BRAND_NAME = charFilter('brand_name', (value) => jsonEquals('brand', ['name'], [value]));

/**
 * authentik 2024.8's EventsFilter, in django-filter's order (the order of its 400's keys): Meta.fields
 * (`action`, `client_ip`, `username`), then the other declared filters. `username` is `user.username` exact.
 */
export const EVENT_FILTERS_2024_8: readonly EventFilter[] = [ACTION, CLIENT_IP, charFilter('username', (value) => jsonEquals('user', ['username'], [value])), ...CONTEXT_FILTERS, BRAND_NAME];

/**
 * authentik 2025.8's: `actions` is declared after the context filters and before `brand_name`, and
 * `username` matches `user.username` or `context.username` (`Q(user__username=v) | Q(context__username=v)`).
 */
export const EVENT_FILTERS_2025_8: readonly EventFilter[] = [
  ACTION,
  CLIENT_IP,
  charFilter('username', (value) => {
    const inUser = jsonEquals('user', ['username'], [value]);
    const inContext = jsonEquals('context', ['username'], [value]);
    return (record) => inUser(record) || inContext(record);
  }),
  ...CONTEXT_FILTERS,
  { name: 'actions', kind: 'choices', field: 'action' },
  BRAND_NAME,
];

/** Django's ChoiceField message for a value that is no choice (the value as sent; `''` leaves two spaces). */
export const invalidChoiceMessage = (value: string): string => `Select a valid choice. ${value} is not one of the available choices.`;

/** The filters and search of a request, and a `client_ip` value that is no address (see `badClientIp`). */
export interface EventQuery extends ListQuery<EventRecord> {
  /**
   * Django hands a `client_ip` lookup value to Python's `ipaddress.ip_address`, which raises ValueError for
   * anything else (`abc`, `1.2.3.4/24`) when the query runs: on a list that is authentik's 500, on a detail
   * route DRF's `get_object_or_404` turns it into a 404.
   */
  badClientIp?: string;
}

/** What reads a request's filters: the filterset, the EventActions values, and how search splits terms. */
export interface EventQueryRules {
  filters: readonly EventFilter[];
  actionChoices: readonly string[];
  searchTerms(query: Query): string[];
}

/**
 * The filters and search of a request. They apply on detail routes too (`GET …/{id}/?action=zzz` is a
 * 404), as DRF filters before its lookup. The filterset's form is validated first, every failing filter at
 * once in filter order; then the search terms (whose own 400 comes first where search runs first, see the
 * entries' beforePermissions).
 */
export function readEventQuery(query: Query, rules: EventQueryRules): EventQuery {
  const predicates: Predicate[] = [];
  const errors: Record<string, string[]> = {};
  for (const filter of rules.filters) {
    if (filter.kind === 'choices') {
      const values = queryValues(query, filter.name);
      const bad = values.find((value) => !rules.actionChoices.includes(value));
      if (bad !== undefined) errors[filter.name] = [invalidChoiceMessage(bad)];
      else if (values.length > 0) {
        const wanted = new Set(values);
        predicates.push((record) => wanted.has(record[filter.field]));
      }
      continue;
    }
    const value = pyStrip(query.get(filter.name) ?? '');
    if (value === '') continue;
    if (hasNullCharacter(value)) errors[filter.name] = [NULL_CHARACTERS_MESSAGE];
    else predicates.push(filter.build(value));
  }
  // The filterset's form is validated before its query runs: a NUL is a 400, even beside a bad client_ip.
  if (Object.keys(errors).length > 0) throw validationError(errors);
  const clientIp = pyStrip(query.get('client_ip') ?? '');
  const badClientIp = clientIp !== '' && toPostgresInet(clientIp) === undefined ? clientIp : undefined;
  return { ...toListQuery(predicates, rules.searchTerms(query), searchEvents), ...(badClientIp === undefined ? {} : { badClientIp }) };
}

/** authentik's 500 for a `client_ip` filter value that is no address, once its query runs. */
export function badClientIpCrash(value: string): AuthentikCrash {
  return new AuthentikCrash(`ipaddress.ip_address() rejects the client_ip filter value ${JSON.stringify(value)}`);
}
