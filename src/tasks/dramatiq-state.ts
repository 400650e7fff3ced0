import type { LogEvent, StateEnum } from '../openapi/generated/schemas-2025.8';
import { formatIsoMicros, parseDjangoDatetime } from '../python/py-datetime';
import type { ContentTypeRef, ScheduleRecord, TaskRecord, WorkerRecord } from '../store/dramatiq-records';
import type { Store } from '../store/store';
import { writtenTask } from './aggregated-status';

/**
 * The Dramatiq tables in a state export (`GET /__mock__/state`), in the format the 2025.8 oracle loads: tasks
 * and schedules as the API writes them (`rel_obj_app_label`/`rel_obj_model` only with a related object) plus
 * `_uid`; workers as status rows `{id, hostname, version, last_seen, alive}`. `aggregated_status` and
 * `description` are derived, so they are not exported; the mock's own `heartbeat` is (a loaded worker
 * without it does not beat).
 */
export interface DramatiqState {
  tasks: Array<Record<string, unknown>>;
  schedules: Array<Record<string, unknown>>;
  workers: Array<Record<string, unknown>>;
}

const relObjKeys = (relObj: ContentTypeRef | null) => (relObj ? { rel_obj_app_label: relObj.app_label, rel_obj_model: relObj.model } : {});

export function toDramatiqState(store: Pick<Store, 'tasks' | 'schedules' | 'workers'>): DramatiqState {
  return {
    tasks: store.tasks.all().map((task) => ({
      message_id: task.message_id,
      queue_name: task.queue_name,
      actor_name: task.actor_name,
      state: task.state,
      mtime: formatIsoMicros(task.mtime),
      ...relObjKeys(task.rel_obj),
      rel_obj_id: task.rel_obj_id,
      _uid: task.uid_suffix,
      messages: task.messages,
      previous_messages: task.previous_messages,
    })),
    schedules: store.schedules.all().map((schedule) => ({
      id: schedule.id,
      identifier: schedule.identifier,
      _uid: schedule.uid_suffix,
      actor_name: schedule.actor_name,
      ...relObjKeys(schedule.rel_obj),
      rel_obj_id: schedule.rel_obj_id,
      crontab: schedule.crontab,
      paused: schedule.paused,
      next_run: formatIsoMicros(schedule.next_run),
    })),
    workers: store.workers.all().map((worker) => {
      const at = worker.worker_id.lastIndexOf('@');
      return { id: worker.worker_id.slice(0, at), hostname: worker.worker_id.slice(at + 1), version: worker.version, last_seen: formatIsoMicros(worker.last_seen), alive: worker.alive, heartbeat: worker.heartbeat };
    }),
  };
}

const text = (value: unknown, fallback: string | null = null): string | null => (typeof value === 'string' ? value : fallback);
const time = (value: unknown, fallback: number): number => (typeof value === 'string' ? (parseDjangoDatetime(value) ?? fallback) : fallback);
const relObjOf = (row: Record<string, unknown>): ContentTypeRef | null =>
  typeof row.rel_obj_app_label === 'string' && typeof row.rel_obj_model === 'string' ? { app_label: row.rel_obj_app_label, model: row.rel_obj_model } : null;

/**
 * The `_uid` part of a row: given as `_uid`, else split off `uid` (`<actor_name>:<_uid>`), as the oracle
 * reads it.
 */
function uidSuffixOf(row: Record<string, unknown>, actor: string): string | null {
  if ('_uid' in row) return text(row._uid);
  const uid = text(row.uid);
  return uid !== null && uid.startsWith(`${actor}:`) ? uid.slice(actor.length + 1) : null;
}

/**
 * Rows of a state file, shaped already (the scenario loader validates them against its schema first); what
 * is missing gets the oracle's defaults (`state` queued, `queue_name` default, times `now`).
 */
export function fromDramatiqState(state: Partial<DramatiqState>, now: number): { tasks: TaskRecord[]; schedules: ScheduleRecord[]; workers: WorkerRecord[] } {
  return {
    tasks: (state.tasks ?? []).map((row) => {
      const actor = text(row.actor_name, '')!;
      return writtenTask({
        message_id: text(row.message_id, '')!,
        queue_name: text(row.queue_name, 'default')!,
        actor_name: actor,
        state: (text(row.state, 'queued') as StateEnum),
        mtime: time(row.mtime, now),
        rel_obj: relObjOf(row),
        rel_obj_id: text(row.rel_obj_id),
        uid_suffix: uidSuffixOf(row, actor),
        messages: (row.messages as LogEvent[] | undefined) ?? [],
        previous_messages: (row.previous_messages as LogEvent[] | undefined) ?? [],
      });
    }),
    schedules: (state.schedules ?? []).map((row) => {
      const actor = text(row.actor_name, '')!;
      return {
        id: text(row.id, '')!,
        identifier: text(row.identifier),
        uid_suffix: uidSuffixOf(row, actor),
        actor_name: actor,
        rel_obj: relObjOf(row),
        rel_obj_id: text(row.rel_obj_id),
        crontab: text(row.crontab, '')!,
        paused: row.paused === true,
        next_run: time(row.next_run, now),
      };
    }),
    workers: (state.workers ?? []).map((row) => ({
      worker_id: `${text(row.id, '')}@${text(row.hostname, '')}`,
      version: text(row.version, '')!,
      last_seen: time(row.last_seen, now),
      alive: row.alive !== false,
      heartbeat: row.heartbeat === true,
    })),
  };
}
