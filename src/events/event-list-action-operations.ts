import { AuthentikCrash } from '../drf/authentik-crash';
import { hasNullCharacter, nullCharacterCrash } from '../drf/null-characters';
import type { OpenApiDocument } from '../openapi/spec-document';
import type { HandlerContext, OperationRegistry } from '../registry/operation-registry';
import { parsePyBigInt } from '../python/py-int';
import { can } from '../auth/authenticate';
import { parsePyJson, PyJsonError, type PyValue } from '../python/py-json';
import type { Store } from '../store/store';
import type { Clock } from '../time/clock';
import { listEventActionTypes } from './event-action-types';
import { badClientIpCrash, type EventQuery } from './event-filters';
import { countVolume, volumeWindowStart } from './event-volume';
import type { Query } from '../drf/query';
import { toEventLookups } from './event-lookups';
import { countEventsPer, PER_MONTH, VOLUME } from './events-per';
import { topPerUser } from './top-per-user';

// EventAction.LOGIN, the default `action` of per_month/ and top_per_user/.
const DEFAULT_ACTION = 'login';
const BIGINT_MAX = 2n ** 63n - 1n;

/** What a list action is built from: the resource's deps and how the events list reads its query. */
export interface EventListActionDeps {
  spec: OpenApiDocument;
  store: Store;
  clock: Clock;
  /** The events list's filters and search (filter_queryset's DjangoFilterBackend and search backend). */
  readQuery(query: Query): EventQuery;
  /** Filter backends that run before the permission filter, where the version's search comes first. */
  beforePermissions?: (ctx: HandlerContext) => void;
}

/** One `@action(detail=False)` of EventViewSet: its operation(s), keyed by operationId. */
export type EventListAction = (deps: EventListActionDeps) => OperationRegistry;

// Tokens hold global permissions only: with view_event every event is viewable, without it none.
const viewable = (store: Store, ctx: HandlerContext) => (ctx.principal && can(ctx.principal, 'view_event') ? store.events.all() : []);

/*
 * The events list actions (authentik's `@action(detail=False)` methods of EventViewSet). GET only, no
 * pagination. Measured on authentik 2024.8.6's code: `actions/` needs only authentication; `volume/` runs
 * the list's filter_queryset, whose RBAC filter answers 403 without the view permission; `per_month/` and
 * `top_per_user/` need only authentication too and count the events the caller may view (guardian's
 * get_objects_for_user): none without the view permission, so zeros and `[]`. An extra action's view is
 * named after its function, as DRF's @action does. 2025.8 keeps `actions/` and `top_per_user/`, drops
 * `per_month/` and answers `volume/` with 6-hour buckets.
 */

/** `actions/`: every EventActions value as a TypeCreate (no filter backends, authentication only). */
export const ACTIONS_LIST: EventListAction = ({ spec }) => {
  const actionTypes = listEventActionTypes(spec);
  return { events_events_actions_list: { model: 'event', viewName: 'Actions', handle: () => ({ status: 200, body: actionTypes }) } };
};

/** 2024.8's `volume/`: the events list's filters and search apply (filter_queryset), then the chart arithmetic. */
export const VOLUME_COORDINATES: EventListAction = ({ store, clock, readQuery }) => ({
  events_events_volume_list: {
    permission: 'view_event',
    viewName: 'Volume',
    handle(ctx) {
      const selection = readQuery(ctx.query);
      if (selection.badClientIp !== undefined) throw badClientIpCrash(selection.badClientIp);
      const { matches } = selection;
      const created = store.events.all().filter((event) => !matches || matches(event)).map((event) => event.created);
      return { status: 200, body: countEventsPer(created, clock(), VOLUME) };
    },
  },
});

/**
 * 2025.8's `volume/`: filter_queryset (search first, then the permission filter, then the list's filters;
 * `ordering` is overridden), the `history_days` window, then `[{action, time, count}]` per 6-hour bucket.
 * authentik returns the queryset's raw rows, whose `time` has no zone designator although its schema says
 * `format: date-time`: that answer is outside the contract, as authentik's own is.
 */
export const VOLUME_BUCKETS: EventListAction = ({ store, clock, readQuery, beforePermissions }) => ({
  events_events_volume_list: {
    permission: 'view_event',
    viewName: 'Volume',
    ...(beforePermissions ? { beforePermissions } : {}),
    handle(ctx) {
      const { matches, badClientIp } = readQuery(ctx.query);
      const since = volumeWindowStart(ctx.query.get('history_days'), clock());
      // The queryset runs only when the rows are read: then ip_address() refuses a bad client_ip.
      if (badClientIp !== undefined) throw badClientIpCrash(badClientIp);
      const rows = countVolume(
        store.events.all().filter((event) => !matches || matches(event)),
        since,
      );
      return { status: 200, body: rows, outsideContract: VOLUME_TIME_WITHOUT_ZONE };
    },
  },
});

/** Why 2025.8's `volume/` answer is exempt from the mock's own response validation (a schema break of authentik's). */
export const VOLUME_TIME_WITHOUT_ZONE =
  "authentik 2025.8's volume/ writes `time` as a naive datetime (`2025-08-22T12:00:00`, no zone designator) although EventVolume types it `format: date-time`";

/** 2024.8's `per_month/`: day buckets over 4 weeks of one action, optionally narrowed by a JSON `query`. */
export const PER_MONTH_LIST: EventListAction = ({ store, clock }) => ({
  events_events_per_month_list: {
    model: 'event',
    viewName: 'Per month',
    handle(ctx) {
      const action = ctx.query.get('action') ?? DEFAULT_ACTION;
      let query: PyValue;
      try {
        query = parsePyJson(ctx.query.get('query') ?? '{}');
      } catch (error) {
        // authentik answers `Response(status=400)`: no body, and so no Content-Type either.
        if (error instanceof PyJsonError) return { status: 400, outsideContract: 'authentik answers a query that is not JSON with an empty 400 (Response(status=400))' };
        throw error;
      }
      const lookups = toEventLookups(query);
      // The queryset is built (its 400s and crashes come first), then runs: PostgreSQL refuses a NUL.
      if (hasNullCharacter(action)) throw nullCharacterCrash('per_month/?action');
      if (holdsNullCharacter(query)) throw nullCharacterCrash('per_month/?query');
      const created = viewable(store, ctx).filter((event) => event.action === action && lookups(event)).map((event) => event.created);
      return { status: 200, body: countEventsPer(created, clock(), PER_MONTH) };
    },
  },
});

/** `top_per_user/`: the caller's viewable events of one action, grouped by authorized application (other filters ignored). */
export const TOP_PER_USER_LIST: EventListAction = ({ store }) => ({
  events_events_top_per_user_list: {
    model: 'event',
    viewName: 'Top per user',
    handle(ctx) {
      const text = ctx.query.get('top_n') ?? '15';
      const exact = parsePyBigInt(text);
      if (exact === undefined) throw new AuthentikCrash(`int() rejects top_n=${JSON.stringify(text)}`);
      // The slice becomes SQL's LIMIT, a bigint (negative slices fail before, in topPerUser).
      if (exact > BIGINT_MAX) throw new AuthentikCrash(`PostgreSQL: bigint out of range (LIMIT ${exact})`);
      const topN = Number(exact);
      const action = ctx.query.get('action') ?? DEFAULT_ACTION;
      // Django answers a `[:0]` slice without running the query, so nothing reaches PostgreSQL then.
      if (topN !== 0 && hasNullCharacter(action)) throw nullCharacterCrash('top_per_user/?action');
      return { status: 200, body: topPerUser(viewable(store, ctx), action, topN) };
    },
  },
});

/** The list actions of one version, in the order given. */
export function createEventListActionOperations(deps: EventListActionDeps, actions: readonly EventListAction[]): OperationRegistry {
  return Object.assign({}, ...actions.map((build) => build(deps))) as OperationRegistry;
}

/** Whether a string value anywhere in per_month/'s `query` holds NUL: the database refuses it. */
function holdsNullCharacter(value: PyValue): boolean {
  if (typeof value === 'string') return hasNullCharacter(value);
  if (value instanceof Map) return [...(value as Map<string, PyValue>).values()].some(holdsNullCharacter);
  if (Array.isArray(value)) return value.some(holdsNullCharacter);
  return false;
}
