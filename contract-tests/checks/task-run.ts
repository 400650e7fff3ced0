import { createOperationLookup, idParams, instantMicros, unknownId, type SuiteContext } from '../suite-context';

const HOUR_MICROS = 3600 * 1_000_000;

/**
 * task-run: `POST /events/system_tasks/{uuid}/run/`. Without credentials it is 403 `...not provided.`
 * (the view checks run_task itself, even on this detail URL); a random UUID is 404; a real task answers
 * 204 with no body and then shows a new run: a later finish, `expiring` true, and `expires` = finish + 6 h
 * (+ 9 h after an error). Writes, so it is skipped with --read-only.
 */
export async function checkTaskRun(ctx: SuiteContext): Promise<void> {
  const op = createOperationLookup(ctx.spec);
  const { recorder, target } = ctx;
  const run = op('events_system_tasks_run_create');
  const retrieve = op('events_system_tasks_retrieve');
  if (ctx.readOnly) {
    recorder.record(run.operationId, 'task-run', 'skip', '--read-only: running a task writes');
    return;
  }

  const anonymous = await target.call(run, { params: idParams(run, unknownId()), authorization: null });
  const notProvided = (anonymous.json as { detail?: unknown } | undefined)?.detail === 'Authentication credentials were not provided.';
  recorder.expect(anonymous.status === 403 && notProvided, run.operationId, 'task-run', `no credentials answered ${anonymous.status} ${anonymous.text.slice(0, 120)} (expected 403 "Authentication credentials were not provided.")`, anonymous.curl);

  const missing = await target.call(run, { params: idParams(run, unknownId()) });
  recorder.expect(missing.status === 404, run.operationId, 'task-run', `a random UUID answered ${missing.status} (expected 404)`, missing.curl);

  const list = await target.call(op('events_system_tasks_list'), { query: { page_size: '1' } });
  const task = (list.json as { results?: Array<Record<string, unknown>> } | undefined)?.results?.[0];
  if (!task) {
    recorder.record(run.operationId, 'task-run', 'skip', 'the target has no system tasks to run');
    return;
  }
  const params = idParams(run, String(task.uuid));
  const ran = await target.call(run, { params });
  if (!recorder.expect(ran.status === 204 && ran.text === '', run.operationId, 'task-run', `running task ${String(task.uuid)} answered ${ran.status} ${ran.text.slice(0, 120)} (expected 204, no body)`, ran.curl)) return;

  const before = instantMicros(task.finish_timestamp);
  // A real authentik runs the task in a worker after answering; the mock records the run before answering.
  const deadline = Date.now() + ctx.taskRunWaitMs;
  let after: Record<string, unknown> | undefined;
  let last = ran;
  for (;;) {
    last = await target.call(retrieve, { params: idParams(retrieve, String(task.uuid)) });
    const shown = last.json as Record<string, unknown> | undefined;
    if (last.status === 200 && shown && instantMicros(shown.finish_timestamp) > before) {
      after = shown;
      break;
    }
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (!recorder.expect(after !== undefined, retrieve.operationId, 'task-run', `task ${String(task.uuid)} shows no new run ${ctx.taskRunWaitMs / 1000} s after it was started (finish_timestamp still ${String(task.finish_timestamp)})`, last.curl)) return;
  const keep = after!.status === 'error' ? 9 : 6;
  const expiresRight = instantMicros(after!.expires) === instantMicros(after!.finish_timestamp) + keep * HOUR_MICROS;
  recorder.expect(
    after!.expiring === true && expiresRight && after!.status !== 'unknown',
    retrieve.operationId,
    'task-run',
    `after the run: status ${String(after!.status)}, expiring ${String(after!.expiring)}, expires ${String(after!.expires)} (expected a run status, expiring true, expires = finish_timestamp + ${keep} h)`,
    last.curl,
  );
}
