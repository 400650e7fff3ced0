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
import { badClientIpCrash, readEventQuery } from './event-filters';
import { toEventLookups } from './event-lookups';
import { countEventsPer, PER_MONTH, VOLUME } from './events-per';
import { topPerUser } from './top-per-user';

// EventAction.LOGIN, the default `action` of per_month/ and top_per_user/.
const DEFAULT_ACTION = 'login';
const BIGINT_MAX = 2n ** 63n - 1n;

/**
 * The events list actions (authentik's `@action(detail=False)` methods of EventViewSet), keyed by
 * operationId. GET only, no pagination. Measured on authentik 2024.8.6's code: `actions/` needs only
 * authentication; `volume/` runs the list's filter_queryset, whose RBAC filter answers 403 without the view
 * permission; `per_month/` and `top_per_user/` need only authentication too and count the events the caller
 * may view (guardian's get_objects_for_user): none without the view permission, so zeros and `[]`. An
 * extra action's view is named after its function, as DRF's @action does.
 */
export function createEventListActionOperations(deps: { spec: OpenApiDocument; store: Store; clock: Clock }): OperationRegistry {
  const { store, clock } = deps;
  // Tokens hold global permissions only: with view_event every event is viewable, without it none.
  const viewable = (ctx: HandlerContext) => (ctx.principal && can(ctx.principal, 'view_event') ? store.events.all() : []);
  const actionTypes = listEventActionTypes(deps.spec);

  return {
    events_events_actions_list: {
      model: 'event',
      viewName: 'Actions',
      handle: () => ({ status: 200, body: actionTypes }),
    },

    // The events list's filters and search apply (filter_queryset), then the chart arithmetic.
    events_events_volume_list: {
      permission: 'view_event',
      viewName: 'Volume',
      handle(ctx) {
        const selection = readEventQuery(ctx.query);
        if (selection.badClientIp !== undefined) throw badClientIpCrash(selection.badClientIp);
        const { matches } = selection;
        const created = store.events.all().filter((event) => !matches || matches(event)).map((event) => event.created);
        return { status: 200, body: countEventsPer(created, clock(), VOLUME) };
      },
    },

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
        const created = viewable(ctx).filter((event) => event.action === action && lookups(event)).map((event) => event.created);
        return { status: 200, body: countEventsPer(created, clock(), PER_MONTH) };
      },
    },

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
        return { status: 200, body: topPerUser(viewable(ctx), action, topN) };
      },
    },
  };
}

/** Whether a string value anywhere in per_month/'s `query` holds NUL: the database refuses it. */
function holdsNullCharacter(value: PyValue): boolean {
  if (typeof value === 'string') return hasNullCharacter(value);
  if (value instanceof Map) return [...(value as Map<string, PyValue>).values()].some(holdsNullCharacter);
  if (Array.isArray(value)) return value.some(holdsNullCharacter);
  return false;
}
