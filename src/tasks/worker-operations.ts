import { type Micros, seconds } from '../python/py-datetime';
import type { OperationRegistry, ResourceDeps } from '../registry/operation-registry';
import type { WorkerRecord } from '../store/dramatiq-records';
import { toWorkerJson } from './to-dramatiq-json';

/** A worker is listed when its status row was seen within the last two minutes. */
const SEEN_WITHIN = seconds(120);
/** How often a running `ak worker` writes `last_seen`. */
const HEARTBEAT = seconds(30);

/** When the row was last seen at `now`: a heartbeating worker has written it at every 30-s beat since. */
export function lastSeen(worker: WorkerRecord, now: Micros): Micros {
  if (!worker.heartbeat || now <= worker.last_seen) return worker.last_seen;
  return worker.last_seen + Math.floor((now - worker.last_seen) / HEARTBEAT) * HEARTBEAT;
}

/** Whether `GET /tasks/workers` lists the worker: its lock is held and it was seen in the last two minutes. */
export function isConnected(worker: WorkerRecord, now: Micros): boolean {
  return worker.alive && lastSeen(worker, now) > now - SEEN_WITHIN;
}

/** authentik 2025.8's WorkerView (`GET /tasks/workers`, no trailing slash): `view_system_info`, a bare array. */
export function createWorkerOperations(deps: ResourceDeps): OperationRegistry {
  const { store, clock } = deps;
  return {
    tasks_workers_list: {
      permission: 'view_system_info',
      anyMethod: true,
      viewName: 'Worker',
      handle() {
        const now = clock();
        return { status: 200, body: store.workers.all().filter((worker) => isConnected(worker, now)).map(toWorkerJson) };
      },
    },
  };
}
