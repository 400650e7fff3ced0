import { createListSource } from '../drf/list-cache';
import { notFound } from '../drf/api-error';
import { paginate } from '../drf/paginate';
import { parseOrdering, sortBy } from '../drf/ordering';
import { toCanonicalUuid } from '../python/py-uuid';
import { detailEntry, type HandlerContext, type OperationRegistry, type ResourceDeps } from '../registry/operation-registry';
import type { TaskRecord } from '../store/dramatiq-records';
import { createTaskQueryReader, searchTasks, TASK_DEFAULT_ORDERING, TASK_JSONB_FIELDS, TASK_ORDERING_FIELDS, taskSortValue } from './dramatiq-filters';
import { isRetryable, retriedTask } from './task-state-changes';
import { toTaskJson } from './to-dramatiq-json';
import { taskAuditEvents } from './schedule-event';
import { TASK_SERIALIZER_FIELDS } from './serializer-fields';

/** The body-less 400 of a retry on a task that has not finished: DRF writes no body and so no Content-Type. */
const NOT_RETRYABLE = { status: 400 } as const;

/** authentik 2025.8's TaskViewSet: list, retrieve and the `retry` action, keyed by operationId. */
export function createTaskOperations(deps: ResourceDeps): OperationRegistry {
  const { store, clock, drf, fallbackBrand } = deps;
  const readTaskQuery = createTaskQueryReader(deps.spec);
  const listSource = createListSource<TaskRecord>((rows, terms) => sortBy(rows, terms, taskSortValue, TASK_JSONB_FIELDS), searchTasks.textOf);
  // QLSearch, the first filter backend: a NUL in `search` is its 400, before the permission filter's 403.
  const searchFirst = (ctx: HandlerContext) => void drf.searchTerms(ctx.query);

  /** DRF's get_object: search, the permission filter (the pipeline's), filters (400), then the id (404). */
  const findTask = (ctx: HandlerContext): TaskRecord => {
    const { matches } = readTaskQuery(ctx.query, drf);
    const id = toCanonicalUuid(ctx.params.message_id ?? '');
    if (id === undefined) throw notFound();
    const task = store.tasks.get(id);
    if (!task || (matches && !matches(task))) throw drf.missingObject('Task');
    return task;
  };

  return {
    tasks_tasks_list: {
      permission: 'view_task',
      viewName: 'Task List',
      beforePermissions: searchFirst,
      handle(ctx) {
        const selection = readTaskQuery(ctx.query, drf);
        const ordering = parseOrdering(ctx.query, TASK_ORDERING_FIELDS, TASK_DEFAULT_ORDERING);
        const rows = listSource(store.tasks.version, () => store.tasks.all(), ctx.query, ordering, selection);
        const page = paginate(rows, ctx.query, drf);
        // AutocompletePagination: TaskViewSet has no QL fields, so its autocomplete is `{}`.
        return { status: 200, body: { pagination: page.pagination, results: page.results.map(toTaskJson), autocomplete: {} } };
      },
    },

    tasks_tasks_retrieve: detailEntry({
      detail: true,
      permission: 'view_task',
      viewName: 'Task Instance',
      beforePermissions: searchFirst,
      lookup: findTask,
      handle: (_ctx, task) => ({ status: 200, body: toTaskJson(task) }),
    }),

    // `permission_classes=[]` and `@permission_required(None, ["authentik_tasks.retry_task"])`: the global
    // retry_task first, then get_object with every filter backend (view_task, filters, 404); no object check.
    tasks_tasks_retry_create: detailEntry({
      detail: true,
      decoratorPermission: 'retry_task',
      permission: 'view_task',
      viewName: 'Retry',
      serializerFields: TASK_SERIALIZER_FIELDS,
      beforePermissions: searchFirst,
      lookup: findTask,
      handle(ctx, task) {
        if (!isRetryable(task)) return NOT_RETRYABLE;
        const now = clock();
        store.tasks.set(task.message_id, retriedTask(task, now));
        for (const event of taskAuditEvents('retry', task.message_id, ctx, now, fallbackBrand)) store.events.set(event.pk, event);
        return { status: 204 };
      },
    }),
  };
}
