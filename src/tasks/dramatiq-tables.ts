import type { LogEvent, Schedule, StateEnum, Task, Worker } from '../openapi/generated/schemas-2025.8';
import { formatIsoMicros, parseDjangoDatetime } from '../python/py-datetime';
import { toCanonicalUuid } from '../python/py-uuid';
import type { ContentTypeRef, ScheduleRecord, TaskRecord, WorkerRecord } from '../store/dramatiq-records';
import { scenarioTime, type StateTable } from '../store/state-table';
import { toJsonbValue } from '../drf/jsonb';
import { parseOrdering, sortBy } from '../drf/ordering';
import { actorDescription } from './actor-catalogue';
import { lastTaskStatus } from './last-task-status';
import { SCHEDULE_DEFAULT_ORDERING, SCHEDULE_ORDERING_FIELDS, scheduleSortValue, searchTasks, TASK_DEFAULT_ORDERING, TASK_JSONB_FIELDS, TASK_ORDERING_FIELDS, taskSortValue } from './dramatiq-filters';
import { isRetryable, retriedTask } from './task-state-changes';
import { aggregatedStatus, writtenTask } from './aggregated-status';
import { SERVER_VERSION, toScheduleJson, toTaskJson, toWorkerJson } from './to-dramatiq-json';

/**
 * authentik 2025.8's Dramatiq tables in a scenario and the state export: rows as the API writes them (the
 * 2025.8 oracle loads that form too: it splits `uid` back into the actor and `_uid`, and ignores the derived
 * `aggregated_status`, `description` and `last_task_status`). A scenario may leave the derived fields out.
 */

const micros = scenarioTime;

const asStoredLogEvent = (message: LogEvent): LogEvent => ({ ...message, attributes: toJsonbValue(message.attributes) as LogEvent['attributes'] });

const relObjOf = (item: { rel_obj_app_label?: string; rel_obj_model?: string }): ContentTypeRef | null =>
  item.rel_obj_app_label !== undefined && item.rel_obj_model !== undefined ? { app_label: item.rel_obj_app_label, model: item.rel_obj_model } : null;

/** The `_uid` part of a row's `uid` (`<actor_name>:<_uid>`), or null when it is the actor name alone. */
const uidSuffixOf = (uid: string, actor: string): string | null => (uid.startsWith(`${actor}:`) ? uid.slice(actor.length + 1) : null);

/** A view's default ordering as terms: what a list without `?ordering=` is sorted by. */
const defaultOrdering = (fields: ReadonlySet<string>, ordering: readonly string[]) => parseOrdering(new Map(), fields, ordering);

const uidRule = (actor: string) => `must be "${actor}" or start with "${actor}:" (the actor name, then the actor's own uid)`;

export const TASK_TABLE: StateTable<TaskRecord> = {
  key: 'tasks',
  schema: 'Task',
  summaryKey: 'tasks',
  noun: 'task',
  jsonFields: ['messages', 'previous_messages'],
  idOf: (task) => task.message_id,
  toJson: (task) => ({ ...toTaskJson(task) }) as Record<string, unknown>,
  complete(raw) {
    const state = (raw.state ?? 'queued') as StateEnum;
    const messages = (raw.messages ?? []) as LogEvent[];
    const actor = String(raw.actor_name ?? '');
    return {
      ...raw,
      messages,
      previous_messages: raw.previous_messages ?? [],
      uid: raw.uid ?? actor,
      aggregated_status: raw.aggregated_status ?? aggregatedStatus(state, Array.isArray(messages) ? messages : []),
      description: raw.description !== undefined ? raw.description : actorDescription(actor),
    };
  },
  check(item) {
    const task = item as unknown as Task;
    if (task.uid !== task.actor_name && uidSuffixOf(task.uid, task.actor_name) === null) return { pointer: '/uid', rule: uidRule(task.actor_name) };
    const derived = aggregatedStatus(task.state ?? 'queued', task.messages);
    return task.aggregated_status === derived ? undefined : { pointer: '/aggregated_status', rule: `must be "${derived}" (authentik's trigger derives it from state and messages)` };
  },
  // A row without a time gets the time of the load, as the oracle's loader does.
  fromJson(item, { now }) {
    const task = item as unknown as Task;
    return writtenTask({
      message_id: (task.message_id && toCanonicalUuid(task.message_id)) || crypto.randomUUID(),
      queue_name: task.queue_name ?? 'default',
      actor_name: task.actor_name,
      state: task.state ?? 'queued',
      mtime: task.mtime ? micros(task.mtime) : now,
      rel_obj: relObjOf(task),
      rel_obj_id: task.rel_obj_id ?? null,
      uid_suffix: uidSuffixOf(task.uid, task.actor_name),
      // LogEventSerializer writes its fields in their declared order; `attributes` comes back from jsonb.
      messages: task.messages.map(asStoredLogEvent),
      previous_messages: task.previous_messages.map(asStoredLogEvent),
    });
  },
  // Authentik's API cannot add tasks (only retry and send make them): the admin API lists and upserts them.
  admin: {
    list: 'mock_tasks_list',
    upsert: 'mock_tasks_upsert',
    listKey: 'tasks',
    order: (rows) => sortBy(rows, defaultOrdering(TASK_ORDERING_FIELDS, TASK_DEFAULT_ORDERING), taskSortValue, TASK_JSONB_FIELDS),
    searchText: searchTasks.textOf,
    filterValues: (task) => ({ state: task.state, aggregated_status: task.aggregated_status }),
    // authentik answers a retry of an unfinished task with a body-less 400; the admin API says why.
    row: { param: 'message_id', remove: 'mock_tasks_delete', run: { operationId: 'mock_tasks_retry', apply: (task, now) => (isRetryable(task) ? retriedTask(task, now) : `The task ${task.message_id} is ${task.state}: only a done or rejected task can be retried.`) } },
  },
};

export const SCHEDULE_TABLE: StateTable<ScheduleRecord> = {
  key: 'schedules',
  schema: 'Schedule',
  summaryKey: 'schedules',
  noun: 'schedule',
  jsonFields: [],
  idOf: (schedule) => schedule.id,
  // last_task_status is derived from the tasks table, as the API derives it.
  toJson: (schedule, store) => ({ ...toScheduleJson(schedule, lastTaskStatus(store.tasks, schedule.id)) }) as Record<string, unknown>,
  complete(raw) {
    const actor = String(raw.actor_name ?? '');
    return {
      ...raw,
      identifier: raw.identifier !== undefined ? raw.identifier : null,
      uid: raw.uid ?? actor,
      description: raw.description !== undefined ? raw.description : actorDescription(actor),
      last_task_status: raw.last_task_status !== undefined ? raw.last_task_status : null,
    };
  },
  check(item) {
    const schedule = item as unknown as Schedule;
    return schedule.uid === schedule.actor_name || uidSuffixOf(schedule.uid, schedule.actor_name) !== null ? undefined : { pointer: '/uid', rule: uidRule(schedule.actor_name) };
  },
  fromJson(item) {
    const schedule = item as unknown as Schedule;
    return {
      id: toCanonicalUuid(schedule.id) ?? schedule.id,
      identifier: schedule.identifier,
      uid_suffix: uidSuffixOf(schedule.uid, schedule.actor_name),
      actor_name: schedule.actor_name,
      rel_obj: relObjOf(schedule),
      rel_obj_id: schedule.rel_obj_id ?? null,
      crontab: schedule.crontab,
      paused: schedule.paused ?? false,
      next_run: micros(schedule.next_run),
    };
  },
  // Schedules come from authentik's apps, never from its API: the admin API lists them (the API's default order) and upserts them.
  admin: { list: 'mock_schedules_list', upsert: 'mock_schedules_upsert', listKey: 'schedules', order: (rows) => sortBy(rows, defaultOrdering(SCHEDULE_ORDERING_FIELDS, SCHEDULE_DEFAULT_ORDERING), scheduleSortValue) },
};

/**
 * Workers: the API's Worker, plus what its status row holds (`last_seen`, `alive`: the lock is held) and
 * whether the mock keeps it beating. A worker given without `last_seen` is a running one: alive and beating.
 */
export const WORKER_TABLE: StateTable<WorkerRecord> = {
  key: 'workers',
  schema: 'Worker',
  summaryKey: 'workers',
  noun: 'worker',
  jsonFields: [],
  idOf: (worker) => worker.worker_id,
  toJson: (worker) => ({ ...toWorkerJson(worker), last_seen: formatIsoMicros(worker.last_seen), alive: worker.alive, heartbeat: worker.heartbeat }),
  complete: (raw) => ({ ...raw, version_matching: raw.version_matching ?? raw.version === SERVER_VERSION }),
  check(item) {
    const worker = item as unknown as Worker & Record<string, unknown>;
    if (worker.version_matching !== (worker.version === SERVER_VERSION)) return { pointer: '/version_matching', rule: `must be ${worker.version === SERVER_VERSION} (the worker's version against the server's ${SERVER_VERSION})` };
    if (worker.last_seen !== undefined && (typeof worker.last_seen !== 'string' || parseDjangoDatetime(worker.last_seen) === undefined)) return { pointer: '/last_seen', rule: 'must be a date-time' };
    for (const flag of ['alive', 'heartbeat']) if (worker[flag] !== undefined && typeof worker[flag] !== 'boolean') return { pointer: `/${flag}`, rule: 'must be boolean' };
    return undefined;
  },
  fromJson(item, { now }) {
    const worker = item as unknown as Worker & { last_seen?: string; alive?: boolean; heartbeat?: boolean };
    return {
      worker_id: worker.worker_id,
      version: worker.version,
      last_seen: worker.last_seen === undefined ? now : micros(worker.last_seen),
      alive: worker.alive ?? true,
      heartbeat: worker.heartbeat ?? worker.last_seen === undefined,
    };
  },
};

