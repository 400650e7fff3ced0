import type { Permission, Principal, TokenPolicy } from '../../src/auth/authenticate';
import type { LogEvent } from '../../src/openapi/generated/schemas-2025.8';
import { parseDjangoDatetime, type Micros } from '../../src/python/py-datetime';
import type { ScheduleRecord, TaskRecord, WorkerRecord } from '../../src/store/dramatiq-records';
import { createStore, type Store } from '../../src/store/store';
import { writtenTask } from '../../src/tasks/aggregated-status';
import { createTestApp, type TestApp } from '../helpers/test-app';

export const at = (iso: string): Micros => parseDjangoDatetime(iso)!;
/** The tests' now: the oracle's selftest time, 2025-08-22T16:40:00Z. */
export const NOW = at('2025-08-22T16:40:00Z');

const MIDDLEWARE = "<class 'authentik.tasks.middleware.MessagesMiddleware'>";
const log = (timestamp: string, event: string, level: LogEvent['log_level'] = 'info', logger = MIDDLEWARE, attributes: Record<string, unknown> = {}): LogEvent => ({ timestamp, log_level: level, logger, event, attributes });

/** Schedule ids and task ids of the fixture, by name. */
export const S = {
  outpost: 'c3e7b2d5-f901-4c1a-8b2f-3e4d5c6b7a89',
  docker: 'd4f8c3e6-0a12-4d2b-9c30-4f5e6d7c8b9a',
  ldap: 'e5a9d4f7-1b23-4e3c-8d41-5a6f7e8d9cab',
  app: 'b2d6a1c4-e8f0-4b0f-9a1e-2d3c4b5a6978',
} as const;
export const T = {
  info: '4f1c0e0a-7a7e-4f57-9a55-0c6b7d1b2e11',
  error: '5a2d1f0b-8b8f-4a68-8b66-1d7c8e2c3f22',
  warning: '6b3e2a1c-9c9a-4b79-8c77-2e8d9f3d4a33',
  done: '7c4f3b2d-0dab-4c8a-9d88-3f9e0a4e5b44',
  rejected: '8d5a4c3e-1ebc-4d9b-8e99-4a0f1b5f6c55',
  queued: '9e6b5d4f-2fc3-4eac-8faa-5b1a2c6a7d66',
  consumed: 'af7c6e5a-30d4-4fbd-90bb-6c2b3d7b8e77',
  plain: 'b08d7f6b-41e5-4ace-81cc-7d3b4e8c9f88',
} as const;

const OUTPOST = '5d8f2a3b-1c4e-4f6a-9b7c-8d9e0f1a2b3c';
const SCHEDULE = { app_label: 'authentik_tasks_schedules', model: 'schedule' };

function task(fields: Partial<TaskRecord> & Pick<TaskRecord, 'message_id' | 'actor_name' | 'state' | 'mtime'>): TaskRecord {
  return writtenTask({ queue_name: 'default', rel_obj: null, rel_obj_id: null, uid_suffix: null, messages: [], previous_messages: [], ...fields });
}

/** Tasks that all have a related object, so that strict response validation passes for every list of them. */
export function fixtureTasks(): TaskRecord[] {
  return [
    task({
      message_id: T.info, actor_name: 'authentik.outposts.tasks.outpost_controller', state: 'done', mtime: at('2025-08-22T16:32:00.912337Z'),
      rel_obj: SCHEDULE, rel_obj_id: S.outpost, uid_suffix: 'authentik Embedded Outpost',
      messages: [log('2025-08-22T16:32:00.120113Z', 'Task has been queued', 'info', MIDDLEWARE, { delay: null }), log('2025-08-22T16:32:00.910221Z', 'Task finished processing without errors')],
    }),
    task({
      message_id: T.error, actor_name: 'authentik.blueprints.v1.tasks.apply_blueprint', state: 'done', mtime: at('2025-08-22T16:20:00Z'),
      rel_obj: { app_label: 'authentik_blueprints', model: 'blueprintinstance' }, rel_obj_id: '7e6d5c4b-3a29-4817-8f6e-5d4c3b2a1908', uid_suffix: 'default-authentication-flow',
      messages: [log('2025-08-22T16:20:00Z', 'Blueprint validation failed', 'error', 'authentik.blueprints.v1.tasks.apply_blueprint:default-authentication-flow'), log('2025-08-22T16:20:00Z', 'x', 'warning')],
    }),
    task({
      message_id: T.warning, actor_name: 'authentik.outposts.tasks.outpost_service_connection_monitor', state: 'done', mtime: at('2025-08-22T16:10:00Z'),
      rel_obj: SCHEDULE, rel_obj_id: S.docker, uid_suffix: 'Local Docker connection',
      messages: [log('2025-08-22T16:10:00Z', 'Could not connect', 'warning'), log('2025-08-22T16:10:00Z', 'ok')],
    }),
    task({ message_id: T.done, actor_name: 'authentik.events.tasks.notification_cleanup', state: 'done', mtime: at('2025-08-22T15:00:00Z'), rel_obj: SCHEDULE, rel_obj_id: S.outpost }),
    task({
      message_id: T.rejected, actor_name: 'authentik.sources.ldap.tasks.ldap_sync', state: 'rejected', mtime: at('2025-08-22T16:30:00Z'),
      rel_obj: SCHEDULE, rel_obj_id: S.ldap, uid_suffix: 'corp-ldap',
      messages: [log('2025-08-22T16:29:00Z', 'Task has been queued', 'info', MIDDLEWARE, { delay: null }), log('2025-08-22T16:30:00Z', 'timed out', 'error')],
      previous_messages: [log('2025-08-22T16:00:00Z', 'older attempt', 'error')],
    }),
    task({ message_id: T.queued, actor_name: 'authentik.stages.email.tasks.send_mail', state: 'queued', mtime: at('2025-08-22T16:33:00Z'), rel_obj: { app_label: 'authentik_events', model: 'notificationtransport' }, rel_obj_id: 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b', messages: [log('2025-08-22T16:33:00Z', 'Task has been queued', 'info', MIDDLEWARE, { delay: null })] }),
    task({ message_id: T.consumed, actor_name: 'authentik.gone.tasks.removed_actor', state: 'consumed', mtime: at('2025-08-22T16:33:30Z'), rel_obj: { app_label: 'authentik_outposts', model: 'outpost' }, rel_obj_id: OUTPOST, queue_name: 'default.DQ' }),
  ];
}

/** A task without a related object: its JSON has no rel_obj_* keys, which strict validation refuses. */
export function plainTask(): TaskRecord {
  return task({ message_id: T.plain, actor_name: 'authentik.events.tasks.event_trigger_dispatch', state: 'done', mtime: at('2025-08-22T14:00:00Z'), messages: [] });
}

function schedule(fields: Partial<ScheduleRecord> & Pick<ScheduleRecord, 'id' | 'actor_name' | 'crontab' | 'next_run'>): ScheduleRecord {
  return { identifier: null, uid_suffix: null, rel_obj: null, rel_obj_id: null, paused: false, ...fields };
}

/** Per-object schedules (each has a related object). */
export function fixtureSchedules(): ScheduleRecord[] {
  return [
    schedule({ id: S.outpost, identifier: OUTPOST, uid_suffix: 'authentik Embedded Outpost', actor_name: 'authentik.outposts.tasks.outpost_controller', rel_obj: { app_label: 'authentik_outposts', model: 'outpost' }, rel_obj_id: OUTPOST, crontab: '17 */4 * * *', next_run: at('2025-08-22T20:17:00Z') }),
    schedule({ id: S.docker, identifier: '6e9f3b4c-2d5f-4a7b-8c8d-9e0f1a2b3c4d', uid_suffix: 'Local Docker connection', actor_name: 'authentik.outposts.tasks.outpost_service_connection_monitor', rel_obj: { app_label: 'authentik_outposts', model: 'dockerserviceconnection' }, rel_obj_id: '6e9f3b4c-2d5f-4a7b-8c8d-9e0f1a2b3c4d', crontab: '3-59/15 * * * *', next_run: at('2025-08-22T16:48:00Z') }),
    schedule({ id: S.ldap, identifier: 'corp-ldap', uid_suffix: 'corp-ldap', actor_name: 'authentik.sources.ldap.tasks.ldap_sync', rel_obj: { app_label: 'authentik_sources_ldap', model: 'ldapsource' }, rel_obj_id: '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d', crontab: '17 */2 * * *', paused: true, next_run: 0 }),
  ];
}

/** The app-level schedule of a fresh install: no identifier, no related object. */
export function appSchedule(): ScheduleRecord {
  return schedule({ id: S.app, actor_name: 'authentik.core.tasks.clean_expired_models', crontab: '2-59/5 * * * *', next_run: at('2025-08-22T16:42:00Z') });
}

export function fixtureStore({ tasks = fixtureTasks(), schedules = fixtureSchedules(), workers = [] as WorkerRecord[] } = {}): Store {
  const store = createStore();
  for (const row of tasks) store.tasks.set(row.message_id, row);
  for (const row of schedules) store.schedules.set(row.id, row);
  for (const row of workers) store.workers.set(row.worker_id, row);
  return store;
}

const principal = (token: string, permissions: Permission[], superuser = false): [string, Principal] => [token, { token, superuser, permissions: new Set(permissions) }];

/** Tokens: `admin` a superuser; the others hold the named global permissions. */
export const TOKENS: TokenPolicy = {
  mode: 'list',
  tokens: new Map([
    principal('admin', [], true),
    principal('viewer', ['view_task', 'view_schedule']),
    principal('retrier', ['view_task', 'retry_task']),
    principal('retry-only', ['retry_task']),
    principal('changer', ['view_schedule', 'change_schedule']),
    principal('change-only', ['change_schedule']),
    principal('sender', ['view_schedule', 'send_schedule']),
    principal('system', ['view_system_info']),
    principal('nobody', []),
  ]),
};

/** A clock that starts at `start` and moves on a microsecond per call, as timezone.now() never repeats. */
export function stepClock(start = NOW): () => Micros {
  let now = start - 1;
  return () => ++now;
}

export type Who = keyof typeof WHO_TOKENS | 'anonymous';
const WHO_TOKENS = { admin: 0, viewer: 0, retrier: 0, 'retry-only': 0, changer: 0, 'change-only': 0, sender: 0, system: 0, nobody: 0 };

/** The 2025.8 app over `store`, the tokens above, a fixed clock; `as(who)` sends requests as that token. */
export function tasksApp(options: { store?: Store; clock?: () => Micros; validateResponses?: 'strict' | 'warn' } = {}) {
  const app: TestApp = createTestApp({ version: '2025.8', store: options.store ?? fixtureStore(), clock: options.clock ?? stepClock(), tokenPolicy: TOKENS, ...(options.validateResponses ? { validateResponses: options.validateResponses } : {}) });
  const as = (who: Who) => {
    const auth = (test: ReturnType<TestApp['http']['get']>) => (who === 'anonymous' ? test : test.set('Authorization', `Bearer ${who}`));
    return {
      get: (url: string) => auth(app.http.get(url)),
      post: (url: string) => auth(app.http.post(url)),
      put: (url: string) => auth(app.http.put(url)),
      patch: (url: string) => auth(app.http.patch(url)),
      delete: (url: string) => auth(app.http.delete(url)),
      head: (url: string) => auth(app.http.head(url)),
      options: (url: string) => auth(app.http.options(url)),
    };
  };
  return { ...app, as };
}

export const DENIED = '{"detail":"You do not have permission to perform this action."}';
export const NOT_PROVIDED = '{"detail":"Authentication credentials were not provided."}';
