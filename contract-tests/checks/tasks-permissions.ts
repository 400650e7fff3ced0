import { createOperationLookup, idParams, sameJson, unknownId, type SuiteContext } from '../suite-context';
import { expectNulSearch400 } from './dramatiq-tasks';

const DENIED = { detail: 'You do not have permission to perform this action.' };
const NOT_PROVIDED = { detail: 'Authentication credentials were not provided.' };

/**
 * The order of authentik 2025.8's checks on the tasks API where it is not the generic one (reference,
 * "Authentication and permissions"); permissions.ts and auth.ts cover the rest:
 * - a method a detail URL does not route is 405 even without credentials (has_permission passes on a detail
 *   URL): DELETE `/tasks/tasks/{id}/`, POST `/tasks/schedules/{id}/`;
 * - `send/` looks the schedule up first: an existing one without credentials is 403 `…not provided.`;
 * - `retry/` checks the global retry_task before the lookup: a viewer is refused even for a random id;
 * - a search error (a NUL: 400) comes before the permission filter's 403 (search is the first filter backend);
 * - `/tasks/workers` needs view_system_info alone: the viewer (who holds it) gets 200, the no-permission token 403.
 * The writes are skipped under --read-only.
 */
export async function checkTasksPermissions(ctx: SuiteContext): Promise<void> {
  const op = createOperationLookup(ctx.spec);
  const { recorder, target, tokens } = ctx;
  const workers = op('tasks_workers_list');
  for (const [check, token, expected] of [['permission-viewer', tokens.viewer, 200], ['permission-none', tokens.noPermission, 403]] as const) {
    if (!token) continue;
    const exchange = await target.call(workers, { authorization: `Bearer ${token}` });
    const ok = exchange.status === expected && (expected === 200 || sameJson(exchange.json, DENIED));
    recorder.expect(ok, workers.operationId, check, `GET ${workers.path} answered ${exchange.status} ${exchange.text.slice(0, 120)} (expected ${expected === 200 ? '200: the viewer holds view_system_info' : `403 ${JSON.stringify(DENIED)}`})`, exchange.curl);
  }
  // Search is the first filter backend: its 400 comes before the permission filter's 403.
  if (tokens.noPermission) await expectNulSearch400(ctx, 'tasks_tasks_list', `Bearer ${tokens.noPermission}`, 'permission-none');
  if (ctx.readOnly) return;

  const taskDetail = op('tasks_tasks_retrieve');
  const scheduleDetail = op('tasks_schedules_retrieve');
  for (const [operation, method] of [[taskDetail, 'DELETE'], [scheduleDetail, 'POST']] as const) {
    const exchange = await target.call(operation, { method, params: idParams(operation, unknownId()), authorization: null });
    recorder.expect(exchange.status === 405, operation.operationId, 'auth-enforced', `${method} ${operation.path} without credentials answered ${exchange.status} ${exchange.text.slice(0, 120)} (expected 405: a detail URL's permission check passes, the method is refused)`, exchange.curl);
  }

  const send = op('tasks_schedules_send_create');
  const listed = await target.call(op('tasks_schedules_list'), { query: { page_size: '1' } });
  const schedule = (listed.json as { results?: Array<{ id?: unknown }> } | undefined)?.results?.[0];
  if (schedule) {
    const exchange = await target.call(send, { params: idParams(send, String(schedule.id)), authorization: null });
    recorder.expect(exchange.status === 403 && sameJson(exchange.json, NOT_PROVIDED), send.operationId, 'auth-enforced', `POST ${send.path} on an existing schedule without credentials answered ${exchange.status} ${exchange.text.slice(0, 120)} (expected 403 ${JSON.stringify(NOT_PROVIDED)})`, exchange.curl);
  } else recorder.record(send.operationId, 'auth-enforced', 'skip', 'the target has no schedule to send');

  if (tokens.viewer) {
    const retry = op('tasks_tasks_retry_create');
    const exchange = await target.call(retry, { params: idParams(retry, unknownId()), authorization: `Bearer ${tokens.viewer}` });
    recorder.expect(exchange.status === 403 && sameJson(exchange.json, DENIED), retry.operationId, 'permission-viewer', `POST ${retry.path} with a random id and the viewer token answered ${exchange.status} ${exchange.text.slice(0, 120)} (expected 403 ${JSON.stringify(DENIED)}: the global retry_task is checked before the lookup)`, exchange.curl);
  }
}
