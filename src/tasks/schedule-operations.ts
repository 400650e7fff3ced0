import { notAuthenticated, notFound, permissionDenied } from '../drf/api-error';
import { AuthentikCrash } from '../drf/authentik-crash';
import { createListSource } from '../drf/list-cache';
import { paginate } from '../drf/paginate';
import { parseOrdering, sortBy } from '../drf/ordering';
import type { PyValue } from '../python/py-json';
import { toCanonicalUuid } from '../python/py-uuid';
import { detailEntry, type HandlerContext, type OperationRegistry, type ResourceDeps } from '../registry/operation-registry';
import type { ScheduleRecord } from '../store/dramatiq-records';
import { CronSearchError, nextCronRun, type Crontab } from './crontab';
import { readScheduleQuery, SCHEDULE_DEFAULT_ORDERING, SCHEDULE_ORDERING_FIELDS, scheduleSortValue } from './dramatiq-filters';
import { scheduleUpdatedEvent, taskAuditEvents } from './schedule-event';
import { validateScheduleBody } from './schedule-body';
import { sentTask } from './task-state-changes';
import { toScheduleJson } from './to-dramatiq-json';
import { lastTaskStatus } from './last-task-status';
import { SCHEDULE_SERIALIZER_FIELDS } from './serializer-fields';

/** What the `set_next_run_on_paused` trigger writes when a schedule is paused: `to_timestamp(0)`. */
export const PAUSED_NEXT_RUN = 0;

export interface ScheduleDeps extends ResourceDeps {
  /** The message_id of a task `send/` creates (uuid4); tests may fix it. */
  newId?: () => string;
}

/** authentik 2025.8's ScheduleViewSet: list, retrieve, update, partial update and `send`, keyed by operationId. */
export function createScheduleOperations(deps: ScheduleDeps): OperationRegistry {
  const { store, clock, drf, fallbackBrand } = deps;
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const listSource = createListSource<ScheduleRecord>((rows, terms) => sortBy(rows, terms, scheduleSortValue), () => '');
  const toJson = (schedule: ScheduleRecord) => toScheduleJson(schedule, lastTaskStatus(store.tasks, schedule.id));

  /**
   * QLSearch falls back to DRF's SearchFilter, whose search_fields name `description`, which is no model
   * field: any search with terms raises FieldError (authentik's 500), before the permission filter and, on
   * detail URLs, even for an anonymous caller. A NUL is the search's 400 first.
   */
  const searchCrash = (ctx: HandlerContext) => {
    if (drf.searchTerms(ctx.query).length > 0) throw new AuthentikCrash("FieldError: Cannot resolve keyword 'description' into field (ScheduleViewSet.search_fields)");
  };

  const lookupId = (ctx: HandlerContext): ScheduleRecord => {
    const id = toCanonicalUuid(ctx.params.id ?? '');
    if (id === undefined) throw notFound();
    const schedule = store.schedules.get(id);
    if (!schedule) throw drf.missingObject('Schedule');
    return schedule;
  };

  /** DRF's get_object: filters (400), then the id (404). */
  const findSchedule = (ctx: HandlerContext): ScheduleRecord => {
    const { matches } = readScheduleQuery(ctx.query);
    const schedule = lookupId(ctx);
    if (matches && !matches(schedule)) throw drf.missingObject('Schedule');
    return schedule;
  };

  /** UpdateModelMixin after get_object: validate, save (next_run follows a new crontab), record the change. */
  const update = (ctx: HandlerContext, schedule: ScheduleRecord, partial: boolean) => {
    const changes = validateScheduleBody(ctx.body() as PyValue | undefined, partial);
    const now = clock();
    const saved: ScheduleRecord = { ...schedule };
    if ('rel_obj_id' in changes) saved.rel_obj_id = changes.rel_obj_id!;
    if ('paused' in changes) saved.paused = changes.paused!;
    if (changes.crontab && changes.crontab.text !== schedule.crontab) {
      saved.crontab = changes.crontab.text;
      saved.next_run = nextRunOrCrash(changes.crontab.parsed, now);
    }
    // The trigger moves next_run to 1970 when paused goes from false to true; Django does not read the row
    // back, so the answer still shows the next_run it saved, and the next GET shows 1970.
    const stored = !schedule.paused && saved.paused ? { ...saved, next_run: PAUSED_NEXT_RUN } : saved;
    const answer = toJson(saved);
    store.schedules.set(stored.id, stored);
    const event = scheduleUpdatedEvent(stored, ctx, now, fallbackBrand);
    store.events.set(event.pk, event);
    return { status: 200, body: answer };
  };

  /** PUT (`partial` false) and PATCH: UpdateModelMixin on the detail URL, change_schedule after the lookup. */
  const updateEntry = (partial: boolean) =>
    detailEntry({
      detail: true,
      permission: 'change_schedule',
      viewName: 'Schedule Instance',
      serializerFields: SCHEDULE_SERIALIZER_FIELDS,
      beforePermissions: searchCrash,
      lookup: findSchedule,
      handle: (ctx, schedule) => update(ctx, schedule, partial),
    });

  return {
    tasks_schedules_list: {
      permission: 'view_schedule',
      viewName: 'Schedule List',
      beforePermissions: searchCrash,
      handle(ctx) {
        const selection = readScheduleQuery(ctx.query);
        const ordering = parseOrdering(ctx.query, SCHEDULE_ORDERING_FIELDS, SCHEDULE_DEFAULT_ORDERING);
        const rows = listSource(store.schedules.version, () => store.schedules.all(), ctx.query, ordering, selection);
        const page = paginate(rows, ctx.query, drf);
        return { status: 200, body: { pagination: page.pagination, results: page.results.map(toJson), autocomplete: {} } };
      },
    },

    tasks_schedules_retrieve: detailEntry({
      detail: true,
      permission: 'view_schedule',
      viewName: 'Schedule Instance',
      beforePermissions: searchCrash,
      lookup: findSchedule,
      handle: (_ctx, schedule) => ({ status: 200, body: toJson(schedule) }),
    }),

    tasks_schedules_update: updateEntry(false),
    tasks_schedules_partial_update: updateEntry(true),

    // `@permission_required("…send_schedule")` over ObjectPermissions with `filter_backends=[]`: without the
    // global permission the decorator runs get_object (404 for a missing id, even anonymous) and its object
    // check, which for POST wants `add_schedule`; the view body runs the same check again. Only a superuser
    // gets through. The pipeline's anonymous check comes after this hook, so the hook does all of it.
    tasks_schedules_send_create: detailEntry({
      detail: true,
      viewName: 'Send',
      serializerFields: SCHEDULE_SERIALIZER_FIELDS,
      beforePermissions(ctx) {
        lookupId(ctx);
        if (!ctx.principal) throw notAuthenticated();
        if (!ctx.principal.superuser) throw permissionDenied();
      },
      lookup: lookupId,
      handle(ctx, schedule) {
        const now = clock();
        const task = sentTask(schedule, newId(), now);
        store.tasks.set(task.message_id, task);
        for (const event of taskAuditEvents('send', task.message_id, ctx, now, fallbackBrand)) store.events.set(event.pk, event);
        return { status: 200, body: {}, outsideContract: 'authentik answers send/ with 200 {} (Response({})), where its schema documents 204 without content' };
      },
    }),
  };
}

/**
 * The next run of a crontab that parsed; one cron-converter never matches (`0 0 31 2 *`) makes authentik's
 * save() raise, which its error view answers, and nothing is stored.
 */
function nextRunOrCrash(crontab: Crontab, now: number): number {
  try {
    return nextCronRun(crontab, now);
  } catch (error) {
    if (error instanceof CronSearchError) throw new AuthentikCrash(error.message);
    throw error;
  }
}
