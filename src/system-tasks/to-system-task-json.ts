import type { SystemTask } from '../openapi/generated/schemas';
import { formatIsoMicros } from '../python/py-datetime';
import type { SystemTaskRecord } from '../store/records';

/** `name:uid` when the task has a uid, else `name` (authentik's SystemTaskSerializer.get_full_name). */
export function fullName(task: Pick<SystemTaskRecord, 'name' | 'uid'>): string {
  return task.uid ? `${task.name}:${task.uid}` : task.name;
}

/** The (name, uid) pair authentik keeps unique, as one key (not full_name: names may contain a colon). */
export function taskIdentity(task: Pick<SystemTaskRecord, 'name' | 'uid'>): string {
  return `${task.name}\u0000${task.uid ?? ''}`;
}

// Rows are immutable (see Collection), so each row's JSON form is built once.
const memo = new WeakMap<SystemTaskRecord, SystemTask>();

/** A system task as authentik's SystemTaskSerializer prints it, in the spec's field order; no uid means no `uid` key. */
export function toSystemTaskJson(task: SystemTaskRecord): SystemTask {
  let json = memo.get(task);
  if (!json) {
    json = buildSystemTaskJson(task);
    memo.set(task, json);
  }
  return json;
}

function buildSystemTaskJson(task: SystemTaskRecord): SystemTask {
  return {
    uuid: task.uuid,
    name: task.name,
    full_name: fullName(task),
    ...(task.uid === undefined ? {} : { uid: task.uid }),
    description: task.description,
    start_timestamp: formatIsoMicros(task.start_timestamp),
    finish_timestamp: formatIsoMicros(task.finish_timestamp),
    duration: task.duration,
    status: task.status,
    messages: task.messages,
    expires: task.expires === null ? null : formatIsoMicros(task.expires),
    expiring: task.expiring,
  };
}
