import { createListSource, createVersionedCache } from '../drf/list-cache';
import { paginate } from '../drf/paginate';
import { toPostgresInet, inetSortKey } from '../drf/postgres-inet';
import { parseOrdering, sortBy } from '../drf/ordering';
import { fieldRulesFromSchema, validateBody, type FieldRule } from '../drf/serializer';
import { assertJsonbStorable, toJsonbValue } from '../drf/jsonb';
import { invalidPage, notFound } from '../drf/api-error';
import type { EventActions } from '../openapi/generated/schemas';
import { getOperation, listOperations } from '../openapi/operations';
import type { Query } from '../drf/query';
import { days, type Micros } from '../python/py-datetime';
import type { PyValue } from '../python/py-json';
import { toCanonicalUuid } from '../python/py-uuid';
import { detailEntry, type HandlerContext, type OperationRegistry, type ResourceDeps } from '../registry/operation-registry';
import type { EventRecord } from '../store/records';
import { assertEventRenderable } from './assert-renderable';
import { ACTIONS_LIST, createEventListActionOperations, PER_MONTH_LIST, TOP_PER_USER_LIST, VOLUME_BUCKETS, VOLUME_COORDINATES, type EventListAction } from './event-list-action-operations';
import { badClientIpCrash, EVENT_DEFAULT_ORDERING, EVENT_FILTERS_2024_8, EVENT_FILTERS_2025_8, EVENT_JSONB_FIELDS, EVENT_ORDERING_FIELDS, readEventQuery, searchEvents, type EventFilter } from './event-filters';
import { eventAutocomplete } from './event-autocomplete';
import { toEventJson, type WrittenFields } from './to-event-json';

export interface EventHandlerDeps extends ResourceDeps {
  newId?: () => string;
}

/**
 * What the events resource does differently from one authentik version to the next, as data; each version
 * profile passes its own. The DRF rules (404 message, empty page, search splitting and order) come apart,
 * with the version's ResourceDeps; the JSON fields' rule follows from the version's spec (JSONDictField).
 */
export interface EventsVariant {
  /** The model's name in Django's 404 message (`No Event matches the given query.`). */
  model: 'Event';
  /** EventsFilter's filters, in django-filter's order. */
  filters: readonly EventFilter[];
  /** EventViewSet's `@action(detail=False)` list actions. */
  listActions: readonly EventListAction[];
  /** Whether list pages carry the DjangoQL `autocomplete` of the events QL fields (2025.8's AutocompletePagination). */
  autocomplete: boolean;
}

export const EVENTS_2024_8: EventsVariant = {
  model: 'Event',
  filters: EVENT_FILTERS_2024_8,
  listActions: [ACTIONS_LIST, VOLUME_COORDINATES, PER_MONTH_LIST, TOP_PER_USER_LIST],
  autocomplete: false,
};

export const EVENTS_2025_8: EventsVariant = {
  model: 'Event',
  filters: EVENT_FILTERS_2025_8,
  listActions: [ACTIONS_LIST, VOLUME_BUCKETS, TOP_PER_USER_LIST],
  autocomplete: true,
};

// authentik's Event.expires default: default_event_duration(), now + 365 days.
const EVENT_LIFETIME = days(365);

/** The events operations, keyed by operationId: handler, permission, DRF view name, list or detail. */
export function createEventOperations(deps: EventHandlerDeps, variant: EventsVariant): OperationRegistry {
  const { spec, store, clock, fallbackBrand, drf } = deps;
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const operations = listOperations(spec);
  const requestRules = (operationId: string): FieldRule[] =>
    fieldRulesFromSchema(spec, getOperation(operations, operationId).requestSchema!, { client_ip: 'ip' });
  // Compiled once: the serializer fields of EventRequest (POST, PUT) and PatchedEventRequest (PATCH).
  const createRules = requestRules('events_events_create');
  const updateRules = requestRules('events_events_update');
  const patchRules = requestRules('events_events_partial_update');
  // client_ip is an inet column: it sorts by family and address, not as text (`10.0.0.2` < `9.0.0.1` as text).
  const valueOf = (event: EventRecord, field: string): unknown => (field === 'client_ip' ? event.client_ip && (inetSortKey(event.client_ip) ?? event.client_ip) : event[field as keyof EventRecord]);
  const listSource = createListSource<EventRecord>((rows, terms) => sortBy(rows, terms, valueOf, EVENT_JSONB_FIELDS), searchEvents.textOf);
  // Stored rows hold jsonb key order; the default brand is put in that order once, not per request.
  const storedFallbackBrand = toJsonbValue(fallbackBrand);
  const actionChoices = (spec.components.schemas.EventActions?.enum ?? []) as string[];
  const queryRules = { filters: variant.filters, actionChoices, searchTerms: (query: Query) => drf.searchTerms(query) };
  const readQuery = (query: Query) => readEventQuery(query, queryRules);
  // Where search is the first filter backend, its 400 (a NUL) comes before the permission filter's 403.
  const beforePermissions = drf.rules.searchBeforePermissions ? (ctx: HandlerContext) => void drf.searchTerms(ctx.query) : undefined;
  const searchFirst = beforePermissions ? { beforePermissions } : {};
  const autocompleteCache = createVersionedCache<Record<string, unknown>>(1);
  const autocomplete = () => autocompleteCache(store.events.version, '', () => eventAutocomplete(actionChoices, store.events.all()));

  /** DRF's get_object: filters (and their 400s) first, then the id, then 404 `Not found.` */
  function findEvent(ctx: HandlerContext): EventRecord {
    const { matches, badClientIp } = readQuery(ctx.query);
    const id = toCanonicalUuid(ctx.params.event_uuid ?? '');
    // DRF turns a malformed id's ValidationError into a bare 404; Django's get_object_or_404 names the model.
    if (id === undefined || badClientIp !== undefined) throw notFound();
    const record = store.events.get(id);
    if (!record || (matches && !matches(record))) throw drf.missingObject(variant.model);
    return record;
  }

  /**
   * Applies validated values to an event and answers as DRF's serializer.data does after save(). Where
   * authentik would fail (jsonb refuses the value, orjson cannot write the answer) nothing is stored.
   */
  function save(record: EventRecord, values: Map<string, unknown>, isNew: boolean) {
    const written: WrittenFields = {};
    const next: EventRecord = { ...record };
    if (isNew) {
      next.user = {};
      next.context = {};
      next.brand = storedFallbackBrand;
    }
    for (const [name, value] of values) {
      if (name === 'user' || name === 'context' || name === 'brand') {
        assertJsonbStorable(value);
        written[name] = value;
        next[name] = toJsonbValue(value);
      } else if (name === 'action') next.action = value as EventActions;
      else if (name === 'app') next.app = value as string;
      else if (name === 'client_ip') {
        // Postgres keeps the address and prints it its own way; the answer shows the serializer's text.
        written.client_ip = value as string | null;
        next.client_ip = value === null ? null : (toPostgresInet(value as string) ?? null);
      } else if (name === 'expires') next.expires = value as Micros;
    }
    // A new event's defaults are Python values too, so the POST answer shows them in insertion order.
    const answer = toEventJson(next, isNew ? { user: record.user, context: record.context, brand: record.brand, ...written } : written);
    assertEventRenderable(answer, 1);
    store.events.set(next.pk, next);
    return answer;
  }

  return {
    ...createEventListActionOperations({ spec, store, clock, readQuery, ...searchFirst }, variant.listActions),

    events_events_list: {
      permission: 'view_event',
      viewName: 'Event List',
      ...searchFirst,
      handle(ctx) {
        const selection = readQuery(ctx.query);
        if (selection.badClientIp !== undefined) {
          // Django's paginator rejects a page number that is no positive int before it runs the count query.
          if (drf.requestedPage(ctx.query) === undefined) throw invalidPage();
          throw badClientIpCrash(selection.badClientIp);
        }
        const ordering = parseOrdering(ctx.query, EVENT_ORDERING_FIELDS, EVENT_DEFAULT_ORDERING);
        const rows = listSource(store.events.version, () => store.events.all(), ctx.query, ordering, selection);
        const page = paginate(rows, ctx.query, drf);
        for (const event of page.results) assertEventRenderable(event, 3);
        const results = page.results.map((event) => toEventJson(event));
        return { status: 200, body: variant.autocomplete ? { pagination: page.pagination, results, autocomplete: autocomplete() } : { pagination: page.pagination, results } };
      },
    },

    events_events_create: {
      permission: 'add_event',
      viewName: 'Event List',
      handle(ctx) {
        const values = validateBody(createRules, ctx.body() as PyValue | undefined, false);
        // authentik computes the expiry default a moment before `created` is set.
        const expires = clock() + EVENT_LIFETIME;
        const draft: EventRecord = {
          pk: newId(),
          user: {},
          action: values.get('action') as EventActions,
          app: values.get('app') as string,
          context: {},
          client_ip: null,
          created: clock(),
          expires,
          brand: fallbackBrand,
        };
        return { status: 201, body: save(draft, values, true) };
      },
    },

    events_events_retrieve: detailEntry({
      detail: true,
      permission: 'view_event',
      viewName: 'Event Instance',
      ...searchFirst,
      lookup: findEvent,
      handle(_ctx, record) {
        assertEventRenderable(record, 1);
        return { status: 200, body: toEventJson(record) };
      },
    }),

    events_events_update: detailEntry({
      detail: true,
      permission: 'change_event',
      viewName: 'Event Instance',
      ...searchFirst,
      lookup: findEvent,
      handle: (ctx, record) => ({ status: 200, body: save(record, validateBody(updateRules, ctx.body() as PyValue | undefined, false), false) }),
    }),

    events_events_partial_update: detailEntry({
      detail: true,
      permission: 'change_event',
      viewName: 'Event Instance',
      ...searchFirst,
      lookup: findEvent,
      handle: (ctx, record) => ({ status: 200, body: save(record, validateBody(patchRules, ctx.body() as PyValue | undefined, true), false) }),
    }),

    events_events_destroy: detailEntry({
      detail: true,
      permission: 'delete_event',
      viewName: 'Event Instance',
      ...searchFirst,
      lookup: findEvent,
      handle(_ctx, record) {
        store.events.delete(record.pk);
        return { status: 204 };
      },
    }),
  };
}
