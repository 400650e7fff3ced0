import { createOperationLookup, idParams, sameJson, unknownId, type SuiteContext } from '../suite-context';
import { fetchAll, type Row } from './task-list';

const RETRY = 'tasks_tasks_retry_create';

/**
 * task-retry: `POST /tasks/tasks/{message_id}/retry/`. A random id is 404 `No Task matches the given query.`,
 * and so is a task the query's filters leave out (get_object runs the list's filters); a task `queued` or
 * `consumed` is 400 with no body and no Content-Type; a `done` and a `rejected` task answer 204 with no body,
 * and a later GET shows the re-enqueued message: `state` queued (or a worker's later state), the old
 * `messages` appended to `previous_messages`, `messages` starting with `Task will be retried`, and `mtime`,
 * `uid` and the related object unchanged; retrying it again, still queued, is a 400. Writes: skipped under
 * --read-only. Against a real authentik a retry re-runs the task's actor.
 */
export async function checkTaskRetry(ctx: SuiteContext): Promise<void> {
  const op = createOperationLookup(ctx.spec);
  const { recorder, target } = ctx;
  const retry = op(RETRY);
  const retrieve = op('tasks_tasks_retrieve');
  if (ctx.readOnly) {
    recorder.record(RETRY, 'task-retry', 'skip', '--read-only: retrying a task writes');
    return;
  }
  const missing = await target.call(retry, { params: idParams(retry, unknownId()) });
  recorder.expect(missing.status === 404 && sameJson(missing.json, { detail: 'No Task matches the given query.' }), RETRY, 'task-retry', `a random id answered ${missing.status} ${missing.text.slice(0, 120)} (expected 404 {"detail":"No Task matches the given query."})`, missing.curl);

  const all = (await fetchAll(ctx, 'tasks_tasks_list'))?.rows ?? [];
  const inState = (state: string) => all.find((row) => row.state === state);
  for (const state of ['queued', 'consumed']) {
    const task = inState(state);
    if (!task) {
      recorder.record(RETRY, 'task-retry', 'skip', `the target has no ${state} task to retry`);
      continue;
    }
    const refused = await target.call(retry, { params: idParams(retry, String(task.message_id)) });
    recorder.expect(refused.status === 400 && refused.text === '' && !refused.headers.has('content-type'), RETRY, 'task-retry', `retrying a ${state} task answered ${refused.status} ${refused.text.slice(0, 80)} with Content-Type ${refused.headers.get('content-type') ?? 'none'} (expected 400, no body, no Content-Type)`, refused.curl);
  }

  for (const state of ['done', 'rejected']) {
    const task = inState(state);
    if (!task) {
      recorder.record(RETRY, 'task-retry', 'skip', `the target has no ${state} task to retry`);
      continue;
    }
    const params = idParams(retry, String(task.message_id));
    const filteredOut = await target.call(retry, { params, query: { actor_name: 'contract-suite-no-such-actor' } });
    recorder.expect(filteredOut.status === 404, RETRY, 'task-retry', `retrying a ${state} task that ?actor_name= filters out answered ${filteredOut.status} (expected 404: the list's filters apply)`, filteredOut.curl);
    const before = await target.call(retrieve, { params: idParams(retrieve, String(task.message_id)) });
    const old = (before.json ?? task) as Row;
    const retried = await target.call(retry, { params });
    if (!recorder.expect(retried.status === 204 && retried.text === '', RETRY, 'task-retry', `retrying a ${state} task answered ${retried.status} ${retried.text.slice(0, 120)} (expected 204, no body)`, retried.curl)) continue;
    const after = await target.call(retrieve, { params: idParams(retrieve, String(task.message_id)) });
    const shown = (after.json ?? {}) as Row;
    const messages = Array.isArray(shown.messages) ? (shown.messages as Array<Record<string, unknown>>) : [];
    const moved = sameJson(shown.previous_messages, [...((old.previous_messages as unknown[]) ?? []), ...((old.messages as unknown[]) ?? [])]);
    const retriedFirst = messages[0]?.event === 'Task will be retried' && sameJson(messages[0]?.attributes, { delay: null });
    const queued = shown.state === 'queued' ? shown.aggregated_status === 'queued' : messages.length > 1;
    const kept = ['mtime', 'uid', 'rel_obj_id', 'rel_obj_app_label', 'rel_obj_model', 'actor_name', 'queue_name'].filter((field) => field !== 'mtime' || shown.state === 'queued').every((field) => sameJson(shown[field], old[field]));
    recorder.expect(
      after.status === 200 && moved && retriedFirst && queued && kept,
      'tasks_tasks_retrieve',
      'task-retry',
      `after retrying a ${state} task, a GET shows state ${String(shown.state)} (${String(shown.aggregated_status)}), messages ${JSON.stringify(messages.map((m) => m.event))}, previous_messages ${moved ? 'holding the old messages' : 'without the old messages'}${kept ? '' : ', mtime, uid or the related object changed'} (expected state queued, the old messages moved to previous_messages, messages [Task will be retried])`,
      after.curl,
      { cause: `a retried ${state} task does not show the re-enqueued message` },
    );
    if (shown.state === 'queued') {
      const again = await target.call(retry, { params });
      recorder.expect(again.status === 400 && again.text === '', RETRY, 'task-retry', `retrying it again while queued answered ${again.status} ${again.text.slice(0, 80)} (expected 400, no body)`, again.curl);
    }
  }
}
