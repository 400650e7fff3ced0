import { PROFILES } from '../src/versions/profiles';
import { DEFAULT_AUTHENTIK_VERSION, type AuthentikVersion } from '../src/versions/version-names';
import type { VersionProfile } from '../src/versions/version-profile';
import { checkAuthentication } from './checks/auth';
import { checkTaskList, TASK_LIST_TERMS } from './checks/dramatiq-tasks';
import { checkEvents2025 } from './checks/events-2025-8';
import { checkEventListActions } from './checks/event-list-actions';
import { checkFiltersSearchOrdering } from './checks/filters-search-ordering';
import { checkGenerated, checkGeneratedBodies, checkGeneratedQuery } from './checks/generated';
import { checkLifecycle } from './checks/lifecycle';
import { checkMethodProbes } from './checks/method-probes';
import { checkNegativeData } from './checks/negative-data';
import { checkListPagination, checkPagination } from './checks/pagination';
import { checkPermissions } from './checks/permissions';
import { checkPositiveData } from './checks/positive-data';
import { checkSchedules } from './checks/schedules';
import { checkTaskRetry } from './checks/task-retry';
import { checkTaskRun } from './checks/task-run';
import { checkTasksPermissions } from './checks/tasks-permissions';
import { checkWorkers } from './checks/workers';
import type { SuiteContext, VersionRules } from './suite-context';

/** Checks that run together, with the operations they use: they do not run when the target lacks one. */
export interface CheckGroup {
  name: string;
  needs: readonly string[];
  run(ctx: SuiteContext): Promise<void>;
}

/** One authentik version's suite, as data: its profile (spec, baseline), its check groups in order, its rules. */
export interface SuiteVersion {
  profile: VersionProfile;
  checks: readonly CheckGroup[];
  /**
   * The permissions of the viewer token the suite gives a mock it starts (`--tokens viewer:a+b`): every view
   * permission of the version's API, no other.
   */
  viewerPermissions: readonly string[];
  rules: VersionRules;
}

const EVENTS = ['events_events_list', 'events_events_create', 'events_events_retrieve', 'events_events_update', 'events_events_partial_update', 'events_events_destroy'];
const SYSTEM_TASKS = ['events_system_tasks_list', 'events_system_tasks_retrieve'];
const TASKS = ['tasks_tasks_list', 'tasks_tasks_retrieve'];
const SCHEDULES = ['tasks_schedules_list', 'tasks_schedules_retrieve', 'tasks_schedules_update', 'tasks_schedules_partial_update', 'tasks_schedules_send_create'];

/** The checks every version runs first: over every operation the target has. */
const GENERIC: CheckGroup[] = [
  { name: 'authentication', needs: [], run: checkAuthentication },
  { name: '405 probes', needs: [], run: checkMethodProbes },
  { name: 'permissions', needs: [], run: checkPermissions },
];

export const SUITE_VERSIONS: Readonly<Record<AuthentikVersion, SuiteVersion>> = {
  '2024.8': {
    profile: PROFILES['2024.8'],
    checks: [
      ...GENERIC,
      { name: 'lifecycle', needs: EVENTS, run: checkLifecycle },
      { name: 'task run', needs: [...SYSTEM_TASKS, 'events_system_tasks_run_create'], run: checkTaskRun },
      { name: 'negative data', needs: EVENTS, run: checkNegativeData },
      { name: 'positive data', needs: EVENTS, run: checkPositiveData },
      { name: 'pagination', needs: SYSTEM_TASKS, run: checkPagination },
      { name: 'filters, search and ordering', needs: SYSTEM_TASKS, run: checkFiltersSearchOrdering },
      { name: 'generated cases', needs: [...EVENTS, ...SYSTEM_TASKS], run: checkGenerated },
      { name: 'events list actions', needs: [...EVENTS, 'events_events_actions_list', 'events_events_volume_list', 'events_events_per_month_list', 'events_events_top_per_user_list'], run: checkEventListActions },
    ],
    viewerPermissions: ['view_event', 'view_systemtask'],
    rules: { lookupBeforePermission: new Set() },
  },
  '2025.8': {
    profile: PROFILES['2025.8'],
    checks: [
      ...GENERIC,
      { name: 'tasks permissions', needs: [...TASKS, 'tasks_tasks_retry_create', ...SCHEDULES, 'tasks_workers_list'], run: checkTasksPermissions },
      { name: 'lifecycle', needs: EVENTS, run: checkLifecycle },
      { name: 'negative data', needs: EVENTS, run: checkNegativeData },
      { name: 'positive data', needs: EVENTS, run: checkPositiveData },
      { name: 'events 2025.8', needs: [...EVENTS, 'events_events_actions_list', 'events_events_volume_list', 'events_events_top_per_user_list'], run: checkEvents2025 },
      { name: 'tasks', needs: TASKS, run: checkTaskList },
      { name: 'task retry', needs: [...TASKS, 'tasks_tasks_retry_create'], run: checkTaskRetry },
      { name: 'schedules', needs: [...SCHEDULES, ...TASKS], run: checkSchedules },
      { name: 'workers', needs: ['tasks_workers_list'], run: checkWorkers },
      {
        name: 'pagination',
        needs: [...TASKS, 'tasks_schedules_list'],
        run: async (ctx) => {
          await checkListPagination(ctx, 'tasks_tasks_list', 'message_id');
          await checkListPagination(ctx, 'tasks_schedules_list', 'id');
        },
      },
      {
        name: 'generated cases',
        needs: [...EVENTS, 'tasks_tasks_list'],
        run: async (ctx) => {
          await checkGeneratedBodies(ctx);
          await checkGeneratedQuery(ctx, 'tasks_tasks_list', TASK_LIST_TERMS);
        },
      },
    ],
    viewerPermissions: ['view_event', 'view_task', 'view_schedule', 'view_system_info'],
    // `POST /tasks/schedules/{id}/send/` has no filter backends and calls get_object() in its decorator.
    rules: { lookupBeforePermission: new Set(['tasks_schedules_send_create']) },
  },
};

export function suiteFor(version: AuthentikVersion = DEFAULT_AUTHENTIK_VERSION): SuiteVersion {
  return SUITE_VERSIONS[version];
}
