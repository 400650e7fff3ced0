import { createOperationLookup, type SuiteContext } from '../suite-context';

const WORKER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}@.+$/;

/**
 * workers: `GET /tasks/workers` (no trailing slash: authentik routes it with `path()`) answers a JSON array,
 * not a page, of `{worker_id: "<uuid>@<hostname>", version, version_matching}` (`[]` when no worker is
 * alive); `/tasks/workers/` with the slash is no route: Django's HTML 404.
 */
export async function checkWorkers(ctx: SuiteContext): Promise<void> {
  const { recorder, target } = ctx;
  const workers = createOperationLookup(ctx.spec)('tasks_workers_list');
  const listed = await target.call(workers);
  const rows = Array.isArray(listed.json) ? (listed.json as Array<Record<string, unknown>>) : undefined;
  const bad = rows?.find((row) => typeof row.worker_id !== 'string' || !WORKER_ID.test(row.worker_id) || typeof row.version !== 'string' || typeof row.version_matching !== 'boolean' || Object.keys(row).join() !== 'worker_id,version,version_matching');
  recorder.expect(listed.status === 200 && !!rows && bad === undefined, workers.operationId, 'workers', `GET ${workers.path} answered ${listed.status} ${listed.text.slice(0, 160)} (expected 200, an array of {worker_id: "<uuid>@<host>", version, version_matching})`, listed.curl, { cause: 'workers is not an array of {worker_id, version, version_matching}' });
  const slashed = await target.call({ ...workers, path: `${workers.path}/` }, { conformance: false });
  recorder.expect(slashed.status === 404 && slashed.json === undefined, workers.operationId, 'workers', `GET ${workers.path}/ (with a slash) answered ${slashed.status} ${slashed.text.slice(0, 80)} (expected Django's HTML 404: the route has no trailing slash)`, slashed.curl);
}
