import type { Faker } from '@faker-js/faker';
import { toJsonbValue } from '../drf/jsonb';
import type { LogEvent, StateEnum } from '../openapi/generated/schemas-2025.8';
import { days, formatIsoMicros, hours, seconds, type Micros } from '../python/py-datetime';
import type { ContentTypeRef, ScheduleRecord, TaskRecord, WorkerRecord } from '../store/dramatiq-records';
import type { EventRecord } from '../store/records';
import type { Store } from '../store/store';
import { writtenTask } from '../tasks/aggregated-status';
import { nextCronRun, parseCrontab } from '../tasks/crontab';
import { lifecycleMessage, SCHEDULE_CONTENT_TYPE } from '../tasks/task-state-changes';
import { SERVER_VERSION, uidOf } from '../tasks/to-dramatiq-json';
import { createFallbackBrand, createSeedFaker, seedReferenceTime, seedStore, type SeedOptions } from './seed-store';

/**
 * authentik 2025.8's Dramatiq tables as a fresh single-tenant install fills them (decisions 005, 014): the
 * schedules its apps register, the tasks those schedules and authentik's signals sent in the last day or
 * two before the reference time, the exception events failed tasks recorded, and one connected worker.
 * Pure given the seed and the reference time.
 */

/** A schedule a fresh install registers: `{m}`, `{h}`, `{d}` are its per-host pseudo-random minute, hour, weekday. */
interface ScheduleSpec {
  actor: string;
  crontab: string;
  /** A per-object schedule: its uid part, and the related object (whose pk is also its identifier). */
  object?: { uid: string; relObj: ContentTypeRef };
}

const FRESH_INSTALL_SCHEDULES: readonly ScheduleSpec[] = [
  { actor: 'authentik.admin.tasks.update_latest_version', crontab: '{m} * * * *' },
  { actor: 'authentik.outposts.tasks.outpost_connection_discovery', crontab: '{m} */8 * * *' },
  { actor: 'authentik.tasks.tasks.clean_worker_statuses', crontab: '{m} {h} * * *' },
  { actor: 'authentik.blueprints.v1.tasks.blueprints_discovery', crontab: '{m} * * * *' },
  { actor: 'authentik.blueprints.v1.tasks.clear_failed_blueprints', crontab: '{m} * * * *' },
  { actor: 'authentik.core.tasks.clean_expired_models', crontab: '2-59/5 * * * *' },
  { actor: 'authentik.core.tasks.clean_temporary_users', crontab: '9-59/5 * * * *' },
  { actor: 'authentik.crypto.tasks.certificate_discovery', crontab: '{m} * * * *' },
  { actor: 'authentik.enterprise.tasks.enterprise_update_usage', crontab: '{m} */2 * * *' },
  { actor: 'authentik.enterprise.policies.unique_password.tasks.trim_password_histories', crontab: '{m} */12 * * *' },
  { actor: 'authentik.enterprise.policies.unique_password.tasks.check_and_purge_password_history', crontab: '{m} */24 * * *' },
  { actor: 'authentik.events.tasks.notification_cleanup', crontab: '{m} */8 * * *' },
  { actor: 'authentik.outposts.tasks.outpost_token_ensurer', crontab: '{m} */8 * * *' },
  { actor: 'authentik.sources.oauth.tasks.update_well_known_jwks', crontab: '{m} */3 * * *' },
  { actor: 'authentik.stages.authenticator_webauthn.tasks.webauthn_mds_import', crontab: '{m} {h} * * {d}' },
  { actor: 'authentik.outposts.tasks.outpost_controller', crontab: '{m} */4 * * *', object: { uid: 'authentik Embedded Outpost', relObj: { app_label: 'authentik_outposts', model: 'outpost' } } },
  { actor: 'authentik.outposts.tasks.outpost_service_connection_monitor', crontab: '3-59/15 * * * *', object: { uid: 'Local Docker connection', relObj: { app_label: 'authentik_outposts', model: 'dockerserviceconnection' } } },
];

/** The blueprints a fresh install applies, by their metadata names. */
const BLUEPRINTS = [
  'Default - Authentication flow', 'Default - Brand', 'Default - Events Transport & Rules', 'Default - Invalidation flow',
  'Default - Out-of-box-experience flow', 'Default - Password change flow', 'Default - User settings flow',
  'System - OAuth2 Provider - Scopes', 'System - SAML Provider - Mappings', 'authentik Bootstrap',
];

/** Django's slugify, as apply_blueprint's uid uses it. */
function slugify(text: string): string {
  return text.toLowerCase().replace(/[^\w\s-]/g, '').trim().replace(/[-\s]+/g, '-');
}

/** What an actor logs on a run that went well, and when it caught a problem (logged at warning or error). */
const ACTOR_LINES: Record<string, { info: string[]; warning?: string[]; error?: string[] }> = {
  'authentik.core.tasks.clean_expired_models': { info: ['Expired 0 Tokens', 'Expired 0 Sessions', 'Expired 1 AuthenticatedSessions'] },
  'authentik.core.tasks.clean_temporary_users': { info: ['Deleted 0 temporary users'] },
  'authentik.admin.tasks.update_latest_version': { info: ['Successfully updated latest Version'], warning: ['Failed to update latest version: HTTPSConnectionPool(host=\'version.goauthentik.io\', port=443): Read timed out.'] },
  'authentik.blueprints.v1.tasks.blueprints_discovery': { info: ['Successfully imported 32 files.'] },
  'authentik.blueprints.v1.tasks.apply_blueprint': { info: ['Blueprint applied successfully'], error: ['Blueprint validation failed'] },
  'authentik.crypto.tasks.certificate_discovery': { info: ['Successfully imported 0 files.'] },
  'authentik.outposts.tasks.outpost_controller': { info: ['Successfully updated outpost deployment'], warning: ['Outpost is not reachable: connection refused'] },
  'authentik.outposts.tasks.outpost_service_connection_monitor': { info: ['Service connection is healthy'], warning: ['Could not connect to Docker socket'] },
  'authentik.outposts.tasks.outpost_token_ensurer': { info: ['Successfully checked 1 Outposts.'] },
  'authentik.enterprise.tasks.enterprise_update_usage': { info: ['Successfully updated usage'] },
  'authentik.events.tasks.notification_cleanup': { info: ['Expired 0 Notifications'] },
  'authentik.events.tasks.notification_transport': { info: ['Notification sent'], error: ['Notification failed to send: Connection refused'] },
  'authentik.stages.email.tasks.send_mail': { info: ['Email to jane.doe@example.com sent'], error: ['Failed to send email: [Errno 111] Connection refused'] },
  'authentik.sources.oauth.tasks.update_well_known_jwks': { info: ['Updated 0 OAuth sources'] },
};

/** Exceptions of failed (rejected) tasks: the exception's text and its class. */
const FAILURES = [
  { type: 'ConnectionRefusedError', text: '[Errno 111] Connection refused' },
  { type: 'TimeoutError', text: 'timed out' },
  { type: 'SMTPServerDisconnected', text: 'Connection unexpectedly closed' },
];

/** Tasks sent by authentik's signals rather than by a schedule, with their related object (or none). */
const SIGNAL_TASKS: ReadonlyArray<{ actor: string; relObj: ContentTypeRef | null; uid?: (faker: Faker) => string }> = [
  { actor: 'authentik.blueprints.v1.tasks.apply_blueprint', relObj: { app_label: 'authentik_blueprints', model: 'blueprintinstance' }, uid: (faker) => slugify(faker.helpers.arrayElement(BLUEPRINTS)) },
  { actor: 'authentik.outposts.tasks.outpost_send_update', relObj: { app_label: 'authentik_outposts', model: 'outpost' }, uid: () => 'authentik Embedded Outpost' },
  { actor: 'authentik.events.tasks.event_trigger_handler', relObj: { app_label: 'authentik_events', model: 'notificationrule' } },
  { actor: 'authentik.events.tasks.notification_transport', relObj: { app_label: 'authentik_events', model: 'notificationtransport' } },
  { actor: 'authentik.events.tasks.event_trigger_dispatch', relObj: null },
  { actor: 'authentik.stages.email.tasks.send_mail', relObj: null },
  { actor: 'authentik.outposts.tasks.outpost_session_end', relObj: null },
  { actor: 'authentik.events.tasks.gdpr_cleanup', relObj: null },
];

// Most tasks finished; a few failed for good, a few wait for or sit with a worker.
const STATE_WEIGHTS: Array<{ value: StateEnum; weight: number }> = [
  { value: 'done', weight: 82 },
  { value: 'rejected', weight: 8 },
  { value: 'queued', weight: 5 },
  { value: 'consumed', weight: 5 },
];
const LEVEL_WEIGHTS: Array<{ value: 'info' | 'warning' | 'error'; weight: number }> = [
  { value: 'info', weight: 82 },
  { value: 'warning', weight: 11 },
  { value: 'error', weight: 7 },
];
// The first tasks show every kind of row once.
const FIRST_OUTCOMES: ReadonlyArray<{ state: StateEnum; level?: 'info' | 'warning' | 'error' }> = [
  { state: 'done', level: 'info' }, { state: 'done', level: 'warning' }, { state: 'done', level: 'error' },
  { state: 'rejected' }, { state: 'queued' }, { state: 'consumed' },
];

const hex32 = (faker: Faker) => faker.string.hexadecimal({ length: 32, casing: 'lower', prefix: '' });
const entry = (at: Micros, level: LogEvent['log_level'], logger: string, event: string, attributes: Record<string, unknown> = {}): LogEvent => ({
  timestamp: formatIsoMicros(at), log_level: level, logger, event, attributes: toJsonbValue(attributes) as Record<string, unknown>,
});

/** The schedules of a fresh install, `{m}` `{h}` `{d}` fixed by the seed, next_run the first match after `reference`. */
export function createFreshInstallSchedules(faker: Faker, reference: Micros): ScheduleRecord[] {
  const minute = faker.number.int({ min: 0, max: 59 });
  const hour = faker.number.int({ min: 0, max: 23 });
  const weekday = faker.number.int({ min: 0, max: 6 });
  return FRESH_INSTALL_SCHEDULES.map((spec) => {
    const crontab = spec.crontab.replace('{m}', String(minute)).replace('{h}', String(hour)).replace('{d}', String(weekday));
    const objectId = spec.object ? faker.string.uuid() : null;
    const parsed = parseCrontab(crontab);
    if (!parsed) throw new Error(`seed: ${crontab} is not a valid crontab`);
    return {
      id: faker.string.uuid(),
      identifier: objectId,
      uid_suffix: spec.object?.uid ?? null,
      actor_name: spec.actor,
      rel_obj: spec.object ? { ...spec.object.relObj } : null,
      rel_obj_id: objectId,
      crontab,
      paused: false,
      next_run: nextCronRun(parsed, reference),
    };
  });
}

interface SeedTask {
  task: TaskRecord;
  /** The `system_task_exception` event a failed task recorded. */
  event?: EventRecord;
}

/** A task of `actor` whose last write was at `mtime`, in `state` (and, when done, logging at `level`). */
function createTask(
  faker: Faker,
  brand: Record<string, unknown>,
  sent: { actor: string; relObj: ContentTypeRef | null; relObjId: string | null; uidSuffix: string | null; relObjName?: string },
  outcome: { state: StateEnum; level?: 'info' | 'warning' | 'error' },
  mtime: Micros,
): SeedTask {
  const uid = sent.uidSuffix ? `${sent.actor}:${sent.uidSuffix}` : sent.actor;
  const lines = ACTOR_LINES[sent.actor] ?? { info: [] };
  const queuedAt = mtime - seconds(faker.number.float({ min: 0.2, max: 3, fractionDigits: 6 }));
  const startedAt = queuedAt + faker.number.int({ min: 20_000, max: 400_000 });
  const messages: LogEvent[] = [lifecycleMessage(queuedAt, 'Task has been queued', { delay: null })];
  let previous: LogEvent[] = [];
  let event: EventRecord | undefined;
  if (outcome.state !== 'queued') messages.push(lifecycleMessage(startedAt, 'Task is being processed'));
  if (outcome.state === 'done') {
    const level = outcome.level ?? 'info';
    const texts = (level === 'info' ? lines.info : (lines[level] ?? lines.info)) ?? [];
    texts.slice(0, faker.number.int({ min: 1, max: Math.max(1, texts.length) })).forEach((text, i) => messages.push(entry(startedAt + (i + 1) * 1000, level, uid, text)));
    if (level !== 'info' && texts === lines.info) messages.push(entry(startedAt + 5000, level, uid, level === 'error' ? 'Task failed to complete' : 'Task completed with warnings'));
    messages.push(lifecycleMessage(mtime - faker.number.int({ min: 500, max: 5000 }), 'Task finished processing without errors'));
  } else if (outcome.state === 'rejected') {
    const failure = faker.helpers.arrayElement(FAILURES);
    const traceback = `Traceback (most recent call last):\n  File "/ak-root/packages/django-dramatiq-postgres/django_dramatiq_postgres/middleware.py", line 91, in after_process_message\n${failure.type}: ${failure.text}`;
    // Earlier attempts failed the same way; each re-enqueue moved their log to previous_messages.
    const attempts = faker.number.int({ min: 0, max: 2 });
    for (let a = 0; a < attempts; a++) {
      const at = queuedAt - seconds((attempts - a) * 30);
      previous = [...previous, ...(a === 0 ? [lifecycleMessage(at - 1000, 'Task has been queued', { delay: null })] : [lifecycleMessage(at - 1000, 'Task will be retried', { delay: 30000 })]), lifecycleMessage(at, 'Task is being processed'), entry(at + 500, 'error', "<class 'authentik.tasks.middleware.MessagesMiddleware'>", failure.text, { exception: traceback })];
    }
    if (attempts > 0) messages[0] = lifecycleMessage(queuedAt, 'Task will be retried', { delay: 30000 });
    messages.push(entry(mtime - 1000, 'error', "<class 'authentik.tasks.middleware.MessagesMiddleware'>", failure.text, { exception: traceback }));
    const context: Record<string, unknown> = { actor: sent.actor, message: `Task ${sent.actor} encountered an error`, exception: traceback };
    // The related object's model dict; a schedule's name is its str(), `Schedule <actor_name>:<uid>`.
    const name = sent.relObjName ?? sent.uidSuffix ?? sent.relObj?.model;
    if (sent.relObj && sent.relObjId) context.rel_obj = { app: sent.relObj.app_label, model_name: sent.relObj.model, pk: sent.relObjId.replaceAll('-', ''), name };
    event = {
      pk: faker.string.uuid(),
      user: toJsonbValue({}),
      action: 'system_task_exception',
      app: 'authentik.tasks.middleware',
      context: toJsonbValue(context),
      client_ip: null,
      created: mtime,
      expires: mtime + days(365),
      brand: toJsonbValue(brand),
    } as EventRecord;
  }
  const task = writtenTask({
    message_id: faker.string.uuid(),
    queue_name: 'default',
    actor_name: sent.actor,
    state: outcome.state,
    mtime,
    rel_obj: sent.relObj ? { ...sent.relObj } : null,
    rel_obj_id: sent.relObjId,
    uid_suffix: sent.uidSuffix,
    messages,
    previous_messages: previous,
  });
  return { task, ...(event ? { event } : {}) };
}

/**
 * The seeded worker: alive and heartbeating, so that `GET /tasks/workers` lists it whatever the time (a
 * frontend developer expects a connected worker, as a running install has); `last_seen` is the reference
 * time and later reads see the latest 30-s beat since (see worker-operations).
 */
export function createSeedWorker(faker: Faker, reference: Micros): WorkerRecord {
  return { worker_id: `${faker.string.uuid()}@${faker.string.hexadecimal({ length: 12, casing: 'lower', prefix: '' })}`, version: SERVER_VERSION, last_seen: reference, alive: true, heartbeat: true };
}

/**
 * Fills `store`'s schedules, tasks and workers, and adds the exception events of failed tasks to its events.
 * `taskCount` tasks: mostly runs of the schedules (related object: the schedule), the others sent by
 * signals (blueprints, outposts, notifications, mail), with mtimes in the two days before `reference`.
 * No tasks means no Dramatiq rows at all (`--tasks 0`, a scenario that lists its own schedules and workers).
 */
export function seedDramatiq(store: Store, options: { seed: number; tasks: number; reference: Micros }, brand: Record<string, unknown>): void {
  if (options.tasks === 0) return;
  const faker = createSeedFaker(options.seed + 2);
  const schedules = createFreshInstallSchedules(faker, options.reference);
  for (const schedule of schedules) store.schedules.set(schedule.id, schedule);
  // The objects signal tasks point at, a few of each kind, so that filtering by rel_obj_id finds several.
  const objectIds = new Map(SIGNAL_TASKS.map((kind) => [kind.actor, Array.from({ length: 3 }, () => faker.string.uuid())]));
  for (let i = 0; i < options.tasks; i++) {
    const outcome = FIRST_OUTCOMES[i] ?? ((state) => (state === 'done' ? { state, level: faker.helpers.weightedArrayElement(LEVEL_WEIGHTS) } : { state }))(faker.helpers.weightedArrayElement(STATE_WEIGHTS));
    // Waiting and running tasks are recent; finished ones spread over the two days the broker keeps them.
    const age = outcome.state === 'queued' || outcome.state === 'consumed' ? faker.number.int({ min: seconds(1), max: seconds(90) }) : faker.number.int({ min: seconds(60), max: days(2) - hours(1) });
    const mtime = options.reference - age;
    const fromSchedule = i % 3 !== 2;
    let sent: Parameters<typeof createTask>[2];
    if (fromSchedule) {
      const schedule = faker.helpers.arrayElement(schedules);
      // A schedule passes its args and options on, not its uid: the task's uid is the actor name.
      sent = { actor: schedule.actor_name, relObj: { ...SCHEDULE_CONTENT_TYPE }, relObjId: schedule.id, uidSuffix: null, relObjName: `Schedule ${schedule.actor_name}:${uidOf(schedule)}` };
    } else {
      const kind = faker.helpers.arrayElement(SIGNAL_TASKS);
      sent = { actor: kind.actor, relObj: kind.relObj, relObjId: kind.relObj ? faker.helpers.arrayElement(objectIds.get(kind.actor)!) : null, uidSuffix: kind.uid?.(faker) ?? null };
    }
    const { task, event } = createTask(faker, brand, sent, outcome, mtime);
    store.tasks.set(task.message_id, task);
    if (event) store.events.set(event.pk, event);
  }
  const worker = createSeedWorker(faker, options.reference);
  store.workers.set(worker.worker_id, worker);
}

/**
 * The 2025.8 profile's seed: events as for every version (no system tasks: 2025.8 has none), then the
 * Dramatiq tables, whose failed tasks add their `system_task_exception` events.
 */
export function seedDramatiqStore(options: SeedOptions, brand = createFallbackBrand(options.seed)): Store {
  const reference = options.reference ?? seedReferenceTime();
  const store = seedStore({ ...options, tasks: 0, reference }, brand);
  seedDramatiq(store, { seed: options.seed, tasks: options.tasks, reference }, brand);
  return store;
}
