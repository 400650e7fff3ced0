import { createListSource } from '../drf/list-cache';
import { paginate } from '../drf/paginate';
import { parseOrdering, sortBy } from '../drf/ordering';
import { notFound } from '../http/api-error';
import type { HandlerContext, OperationHandler } from '../http/api-pipeline';
import type { OpenApiDocument } from '../openapi/load-spec';
import { getOperation, listOperations } from '../openapi/operations';
import { toCanonicalUuid } from '../python/py-uuid';
import type { SystemTaskRecord } from '../store/records';
import type { Store } from '../store/store';
import type { Clock } from '../time/clock';
import { createTaskQueryReader, searchTasks, TASK_DEFAULT_ORDERING, TASK_JSONB_FIELDS, TASK_ORDERING_FIELDS } from './system-task-filters';
import { runTask } from './run-task';
import { toSystemTaskJson } from './to-system-task-json';

/** Handlers for the system-task operations, keyed by operationId. Tasks are read-only through the API, except that one can be run. */
export function createSystemTaskHandlers(deps: { spec: OpenApiDocument; store: Store; clock: Clock }): Record<string, OperationHandler> {
  const { store, clock } = deps;
  const readTaskQuery = createTaskQueryReader(getOperation(listOperations(deps.spec), 'events_system_tasks_list'));
  const valueOf = (task: SystemTaskRecord, field: string): unknown => task[field as keyof SystemTaskRecord];
  const listSource = createListSource<SystemTaskRecord>((rows, terms) => sortBy(rows, terms, valueOf, TASK_JSONB_FIELDS), searchTasks.textOf);

  /** DRF's get_object: filters and search from the query apply first, then the lookup; a miss is a 404. */
  const findTask = (ctx: HandlerContext): SystemTaskRecord => {
    const { matches } = readTaskQuery(ctx.query);
    const id = toCanonicalUuid(ctx.params.uuid ?? '');
    const task = id === undefined ? undefined : store.systemTasks.get(id);
    if (!task || (matches && !matches(task))) throw notFound();
    return task;
  };

  return {
    events_system_tasks_list(ctx) {
      // Filters are read first even on a cache hit: their 400 must come before an Invalid page 404.
      const selection = readTaskQuery(ctx.query);
      const ordering = parseOrdering(ctx.query, TASK_ORDERING_FIELDS, TASK_DEFAULT_ORDERING);
      const rows = listSource(store.systemTasks.version, () => store.systemTasks.all(), ctx.query, ordering, selection);
      const page = paginate(rows, ctx.query);
      return { status: 200, body: { pagination: page.pagination, results: page.results.map(toSystemTaskJson) } };
    },

    events_system_tasks_retrieve(ctx) {
      const task = findTask(ctx);
      ctx.authorize();
      return { status: 200, body: toSystemTaskJson(task) };
    },

    // The permission (run_task) was checked before the lookup; see DECORATOR_PERMISSION.
    events_system_tasks_run_create(ctx) {
      const task = findTask(ctx);
      store.systemTasks.set(task.uuid, runTask(task, clock()));
      return { status: 204 };
    },
  };
}
