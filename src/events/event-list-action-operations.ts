import { AuthentikCrash } from '../drf/authentik-crash';
import { hasNullCharacter, nullCharacterCrash } from '../drf/null-characters';
import type { OpenApiDocument } from '../openapi/spec-document';
import type { OperationRegistry } from '../registry/operation-registry';
import { parsePyInt } from '../python/py-int';
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

/**
 * The events list actions (authentik's `@action(detail=False)` methods of EventViewSet), keyed by
 * operationId. GET only, no pagination. Measured: `actions/` needs only authentication, the chart data
 * the view permission. An extra action's view is named after its function, as DRF's @action does.
 */
export function createEventListActionOperations(deps: { spec: OpenApiDocument; store: Store; clock: Clock }): OperationRegistry {
  const { store, clock } = deps;
  const actionTypes = listEventActionTypes(deps.spec);

  return {
    events_events_actions_list: {
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
      permission: 'view_event',
      viewName: 'Per month',
      handle(ctx) {
        const action = ctx.query.get('action') ?? DEFAULT_ACTION;
        if (hasNullCharacter(action)) throw nullCharacterCrash('per_month/?action');
        let query: PyValue;
        try {
          query = parsePyJson(ctx.query.get('query') ?? '{}');
        } catch (error) {
          // authentik answers `Response(status=400)`: no body, and so no Content-Type either.
          if (error instanceof PyJsonError) return { status: 400, outsideContract: 'authentik answers a query that is not JSON with an empty 400 (Response(status=400))' };
          throw error;
        }
        if (holdsNullCharacter(query)) throw nullCharacterCrash('per_month/?query');
        const lookups = toEventLookups(query);
        const created = store.events.all().filter((event) => event.action === action && lookups(event)).map((event) => event.created);
        return { status: 200, body: countEventsPer(created, clock(), PER_MONTH) };
      },
    },

    events_events_top_per_user_list: {
      permission: 'view_event',
      viewName: 'Top per user',
      handle(ctx) {
        const text = ctx.query.get('top_n') ?? '15';
        const topN = parsePyInt(text);
        if (topN === undefined) throw new AuthentikCrash(`int() rejects top_n=${JSON.stringify(text)}`);
        const action = ctx.query.get('action') ?? DEFAULT_ACTION;
        if (hasNullCharacter(action)) throw nullCharacterCrash('top_per_user/?action');
        return { status: 200, body: topPerUser(store.events.all(), action, topN) };
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
