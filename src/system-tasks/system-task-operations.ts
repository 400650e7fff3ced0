import { createSessionCookies } from '../auth/session-cookie';
import { createListSource } from '../drf/list-cache';
import { paginate } from '../drf/paginate';
import { parseOrdering, sortBy } from '../drf/ordering';
import { notFound } from '../drf/api-error';
import { detailEntry, type HandlerContext, type OperationRegistry, type ResourceDeps } from '../registry/operation-registry';
import { getOperation, listOperations } from '../openapi/operations';
import { toCanonicalUuid } from '../python/py-uuid';
import type { SystemTaskRecord } from '../store/records';
import { createTaskQueryReader, searchTasks, TASK_DEFAULT_ORDERING, TASK_JSONB_FIELDS, TASK_ORDERING_FIELDS } from './system-task-filters';
import { runTask } from './run-task';
import { toSystemTaskJson } from './to-system-task-json';

/** The system-task operations, keyed by operationId. Tasks are read-only through the API, except that one can be run. */
export function createSystemTaskOperations(deps: ResourceDeps): OperationRegistry {
  const { store, clock, drf } = deps;
  const sessionCookies = createSessionCookies();
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
    events_system_tasks_list: {
      permission: 'view_systemtask',
      viewName: 'System Task List',
      handle(ctx) {
        // Filters are read first even on a cache hit: their 400 must come before an Invalid page 404.
        const selection = readTaskQuery(ctx.query);
        const ordering = parseOrdering(ctx.query, TASK_ORDERING_FIELDS, TASK_DEFAULT_ORDERING);
        const rows = listSource(store.systemTasks.version, () => store.systemTasks.all(), ctx.query, ordering, selection);
        const page = paginate(rows, ctx.query, drf);
        return { status: 200, body: { pagination: page.pagination, results: page.results.map(toSystemTaskJson) } };
      },
    },

    events_system_tasks_retrieve: detailEntry({
      detail: true,
      permission: 'view_systemtask',
      viewName: 'System Task Instance',
      lookup: findTask,
      handle: (_ctx, task) => ({ status: 200, body: toSystemTaskJson(task) }),
    }),

    // authentik's view sets permission_classes=[] and checks the global run_task permission in a decorator,
    // before the lookup; no object permission follows.
    events_system_tasks_run_create: detailEntry({
      detail: true,
      decoratorPermission: 'run_task',
      // An extra action is named after its function (`run`), as DRF's @action does.
      viewName: 'Run',
      lookup: findTask,
      async handle(ctx, task) {
        // authentik's view adds a "Successfully started task" message to the session: its cookie comes back.
        // Made before the run is stored, so that nothing is stored if making it fails.
        const cookie = ctx.request.headers.cookie;
        const setCookie = await sessionCookies.issue(ctx.principal!.token, Array.isArray(cookie) ? cookie.join('; ') : cookie);
        store.systemTasks.set(task.uuid, runTask(task, clock()));
        return { status: 204, ...(setCookie === undefined ? {} : { setCookie }) };
      },
    }),
  };
}
