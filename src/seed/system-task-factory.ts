import type { Faker } from '@faker-js/faker';
import type { SystemTaskStatusEnum } from '../openapi/generated/schemas';
import { formatIsoMicros, seconds, type Micros } from '../python/py-datetime';
import type { SystemTaskRecord } from '../store/records';
import { resultExpiry } from '../system-tasks/result-expiry';
import { LEVEL_FOR_STATUS, TASK_CATALOGUE, type TaskKind } from '../system-tasks/task-catalogue';

/** The (name, uid) pairs authentik's tasks run as, tasks without a uid first; `(name, uid)` is unique. */
export function taskIdentities(): Array<{ kind: TaskKind; uid?: string }> {
  const plain = TASK_CATALOGUE.filter((kind) => !kind.uids).map((kind) => ({ kind }));
  const withUid = TASK_CATALOGUE.flatMap((kind) => (kind.uids ?? []).map((uid) => ({ kind, uid })));
  return [...plain, ...withUid];
}

/** A task that has never run, as authentik reports it (the mock uses `info` where authentik sends `log_level: ""`). */
export function createNeverRunTask(faker: Faker, kind: TaskKind, uid: string | undefined, at: Micros): SystemTaskRecord {
  return {
    uuid: faker.string.uuid(),
    name: kind.name,
    ...(uid === undefined ? {} : { uid }),
    description: kind.description,
    start_timestamp: at,
    finish_timestamp: at,
    duration: 0,
    status: 'unknown',
    messages: [{ timestamp: formatIsoMicros(at), log_level: 'info', logger: kind.name, event: 'Task has not been run yet.', attributes: {} }],
    expires: null,
    expiring: false,
  };
}

/** A task after a run that ended with `status`, finishing shortly before `reference`. */
export function createRunTask(
  faker: Faker,
  kind: TaskKind,
  uid: string | undefined,
  status: Exclude<SystemTaskStatusEnum, 'unknown'>,
  reference: Micros,
): SystemTaskRecord {
  const start = reference - seconds(faker.number.int({ min: 60, max: 5 * 3600 })) - faker.number.int({ min: 0, max: 999_999 });
  const finish = start + faker.number.int({ min: 2_000, max: status === 'error' ? 30_000_000 : 8_000_000 });
  const lines = status === 'successful' ? kind.success : status === 'warning' ? kind.warning : kind.error;
  const count = faker.number.int({ min: 1, max: Math.min(3, lines.length) });
  const messages = faker.helpers.arrayElements(lines, count).map((event, index) => ({
    timestamp: formatIsoMicros(start + (index + 1) * Math.floor((finish - start) / (count + 1))),
    log_level: LEVEL_FOR_STATUS[status],
    logger: kind.name,
    event,
    attributes: index === 0 && uid !== undefined ? { uid } : {},
  }));
  return {
    uuid: faker.string.uuid(),
    name: kind.name,
    ...(uid === undefined ? {} : { uid }),
    description: kind.description,
    start_timestamp: start,
    finish_timestamp: finish,
    // As authentik computes it: finish.timestamp() - start.timestamp(), in float seconds.
    duration: Math.max(finish / 1e6 - start / 1e6, 0),
    status,
    messages,
    expires: resultExpiry(status, finish),
    expiring: true,
  };
}
