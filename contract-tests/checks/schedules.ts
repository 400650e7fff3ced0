import { createOperationLookup, idParams, instantMicros, sameInstant, sameJson, unknownId, type SuiteContext } from '../suite-context';
import type { Exchange } from '../target';
import { BOOLEAN_SPELLINGS, expectAutocompletePage, expectCharFilters, expectMissingObject, expectOrdering, expectSameRows, taskStates, type ListExpectations } from './dramatiq-tasks';
import { fetchAll, type Row } from './task-list';

const LIST = 'tasks_schedules_list';
const PAUSED_NEXT_RUN = '1970-01-01T00:00:00Z';
/** A harmless actor to send and to edit, when the target has its schedule. */
const PREFERRED_ACTOR = 'authentik.core.tasks.clean_expired_models';

/**
 * The schedules API (`/tasks/schedules/`), on the target's own schedules:
 * - pagination keys and autocomplete `{}`, `page=` empty; 404 `No Schedule matches the given query.`;
 * - filters: each exact CharFilter, `paused` and `rel_obj_id__isnull` (NullBooleanSelect spellings, others
 *   ignored); ordering by each model field, `next_run` first by default, non-model terms dropped; search, which
 *   authentik 2025.8.1 answers with a crash (500, a status-code finding of the baseline) — rows are compared
 *   only when it answers 200;
 * - schedule-send (unless --read-only): `POST …/send/` answers 200 `{}` (what authentik sends; the schema says
 *   204, a baseline finding) and a new queued task of the schedule's actor appears, related to the schedule;
 *   `next_run` is unchanged; a random id is 404;
 * - schedule-update (unless --read-only): PATCH/PUT reject bad crontabs with authentik's messages and leave the
 *   schedule unchanged; a new crontab answers 200 with `next_run` its first match after now; pausing answers the
 *   old `next_run` but a later GET shows 1970-01-01T00:00:00Z; the change is recorded as a model_updated
 *   event. The schedule's crontab and paused are put back at the end.
 */
export async function checkSchedules(ctx: SuiteContext): Promise<void> {
  const { recorder } = ctx;
  await expectAutocompletePage(ctx, LIST);
  await expectMissingObject(ctx, 'tasks_schedules_retrieve', 'Schedule');
  const all = await fetchAll(ctx, LIST);
  if (!all || all.rows.length === 0) {
    for (const check of ['filters', 'ordering', 'schedule-update', 'schedule-send'] as const) recorder.record(LIST, check, 'skip', 'the target has no schedules');
    return;
  }
  const list: ListExpectations = { ctx, operationId: LIST, all: all.rows, key: 'id' };
  await expectCharFilters(list, ['actor_name', 'rel_obj_id', 'rel_obj_content_type__app_label', 'rel_obj_content_type__model']);
  for (const [spelling, value] of BOOLEAN_SPELLINGS) {
    await expectSameRows(list, 'filters', `paused=${spelling}${value === undefined ? ' (ignored)' : ''}`, { paused: spelling }, (row) => value === undefined || row.paused === value);
  }
  for (const [spelling, value] of BOOLEAN_SPELLINGS.slice(0, 6)) {
    await expectSameRows(list, 'filters', `rel_obj_id__isnull=${spelling}`, { rel_obj_id__isnull: spelling }, (row) => (row.rel_obj_id === null) === value);
  }
  const byDefault = { field: 'next_run', descending: false };
  for (const term of ['id', 'identifier', 'actor_name', 'rel_obj_id', 'crontab', 'paused', 'next_run']) {
    for (const sign of ['', '-']) await expectOrdering(list, `${sign}${term}`, term, byDefault);
  }
  for (const dropped of ['uid', 'description', 'last_task_status', 'not_a_field']) await expectOrdering(list, dropped, undefined, byDefault);

  const term = String(all.rows[0]!.actor_name).split('.').pop()!;
  const searched = await ctx.target.call(createOperationLookup(ctx.spec)(LIST), { query: { search: term } });
  if (searched.status >= 500) recorder.record(LIST, 'search', 'skip', `search=${term} crashed the server (${searched.status}): the status-code finding`);
  else await expectSameRows(list, 'search', `search=${term}`, { search: term }, (row) => ['id', 'identifier', 'uid', 'actor_name', 'rel_obj_app_label', 'rel_obj_model', 'rel_obj_id', 'description'].some((f) => typeof row[f] === 'string' && (row[f] as string).toUpperCase().includes(term.toUpperCase())));

  if (ctx.readOnly) {
    for (const check of ['schedule-update', 'schedule-send'] as const) recorder.record(LIST, check, 'skip', '--read-only: sending and changing a schedule write');
    return;
  }
  const schedule = all.rows.find((row) => row.actor_name === PREFERRED_ACTOR && row.paused === false) ?? all.rows.find((row) => row.paused === false) ?? all.rows[0]!;
  await checkSend(ctx, schedule);
  await checkUpdate(ctx, schedule);
}

async function checkSend(ctx: SuiteContext, schedule: Row): Promise<void> {
  const op = createOperationLookup(ctx.spec);
  const { recorder, target } = ctx;
  const send = op('tasks_schedules_send_create');
  const missing = await target.call(send, { params: idParams(send, unknownId()) });
  recorder.expect(missing.status === 404 && sameJson(missing.json, { detail: 'No Schedule matches the given query.' }), send.operationId, 'schedule-send', `a random id answered ${missing.status} ${missing.text.slice(0, 120)} (expected 404 {"detail":"No Schedule matches the given query."})`, missing.curl);

  const id = String(schedule.id);
  const related = async () => (await fetchAll(ctx, 'tasks_tasks_list', { rel_obj_id: id }))?.rows ?? [];
  const before = new Set((await related()).map((task) => String(task.message_id)));
  const sent = await target.call(send, { params: idParams(send, id) });
  const answered = (sent.status === 200 && sameJson(sent.json, {})) || (sent.status === 204 && sent.text === '');
  if (!recorder.expect(answered, send.operationId, 'schedule-send', `sending schedule ${id} answered ${sent.status} ${sent.text.slice(0, 120)} (expected 200 {} as authentik 2025.8.1 answers, or the documented 204)`, sent.curl)) return;
  const fresh = (await related()).filter((task) => !before.has(String(task.message_id)));
  const task = fresh[0];
  const ok = fresh.length === 1 && task!.actor_name === schedule.actor_name && task!.rel_obj_app_label === 'authentik_tasks_schedules' && task!.rel_obj_model === 'schedule' && taskStates(ctx).includes(String(task!.state));
  const shown = await target.call(op('tasks_tasks_list'), { query: { rel_obj_id: id } });
  recorder.expect(ok, 'tasks_tasks_list', 'schedule-send', `after a send, the tasks list shows ${fresh.length} new task(s) related to the schedule${task ? ` (${JSON.stringify({ actor_name: task.actor_name, rel_obj_app_label: task.rel_obj_app_label, rel_obj_model: task.rel_obj_model, state: task.state })})` : ''} (expected one new task of ${String(schedule.actor_name)}, related to authentik_tasks_schedules.schedule ${id})`, shown.curl, { cause: 'a send does not show one new task related to the schedule' });
  const retrieve = op('tasks_schedules_retrieve');
  const after = await target.call(retrieve, { params: idParams(retrieve, id) });
  const nextRun = (after.json as Row | undefined)?.next_run;
  recorder.expect(sameInstant(nextRun, schedule.next_run), send.operationId, 'schedule-send', `a send leaves next_run as it was (${String(schedule.next_run)}; got ${String(nextRun)})`, after.curl, { cause: 'a send changes next_run' });
}

async function checkUpdate(ctx: SuiteContext, schedule: Row): Promise<void> {
  const op = createOperationLookup(ctx.spec);
  const { recorder, target } = ctx;
  const patch = op('tasks_schedules_partial_update');
  const put = op('tasks_schedules_update');
  const retrieve = op('tasks_schedules_retrieve');
  const params = idParams(patch, String(schedule.id));
  const read = () => target.call(retrieve, { params });
  const original = (await read()).json as Row;
  const expect = (condition: boolean, operationId: string, message: string, exchange: Exchange, cause?: string) => recorder.expect(condition, operationId, 'schedule-update', message, exchange.curl, cause ? { cause } : undefined);

  const rejected: Array<[string, unknown, Record<string, unknown>, unknown]> = [
    ['PATCH', 'not a crontab', { crontab: 'not a crontab' }, { crontab: ['not a crontab is not a valid crontab'] }],
    ['PATCH', 'a minute out of range, trimmed', { crontab: ' 61 * * * * ' }, { crontab: ['61 * * * * is not a valid crontab'] }],
    ['PATCH', 'six fields', { crontab: '0 0 * * * *' }, { crontab: ['0 0 * * * * is not a valid crontab'] }],
    ['PATCH', 'a blank crontab', { crontab: '  ' }, { crontab: ['This field may not be blank.'] }],
    ['PATCH', 'a null crontab', { crontab: null }, { crontab: ['This field may not be null.'] }],
    ['PATCH', 'paused not a boolean', { paused: 'maybe' }, { paused: ['Must be a valid boolean.'] }],
    ['PUT', 'no crontab', { paused: false }, { crontab: ['This field is required.'] }],
  ];
  for (const [method, label, body, errors] of rejected) {
    const exchange = await target.call(method === 'PUT' ? put : patch, { params, body });
    expect(exchange.status === 400 && sameJson(exchange.json, errors), method === 'PUT' ? put.operationId : patch.operationId, `${method} with ${label} answered ${exchange.status} ${exchange.text.slice(0, 160)} (expected 400 ${JSON.stringify(errors)})`, exchange);
  }
  const unchanged = await read();
  expect(sameJson(unchanged.json, original), retrieve.operationId, 'the rejected updates left the schedule unchanged', unchanged);

  try {
    const crontab = String(original.crontab) === '7 3 * * *' ? '8 4 * * *' : '7 3 * * *';
    const sentAt = Date.now();
    const changed = await target.call(patch, { params, body: { crontab } });
    const answeredAt = Date.now();
    const body = changed.json as Row | undefined;
    const expectedRuns = [nextMatch(crontab, sentAt), nextMatch(crontab, answeredAt)];
    const runOk = expectedRuns.some((ms) => instantMicros(body?.next_run) === ms * 1000);
    expect(changed.status === 200 && body?.crontab === crontab && runOk, patch.operationId, `PATCH crontab "${crontab}" answered ${changed.status} with crontab ${String(body?.crontab)}, next_run ${String(body?.next_run)} (expected 200, the crontab, next_run ${new Date(expectedRuns[1]!).toISOString()}: its first match after now)`, changed, 'a new crontab does not answer with next_run at its first match after now');
    const shown = await read();
    expect(sameInstant((shown.json as Row | undefined)?.next_run, body?.next_run) && (shown.json as Row | undefined)?.crontab === crontab, retrieve.operationId, `a later GET shows the new crontab and next_run (got ${String((shown.json as Row | undefined)?.next_run)})`, shown, 'a later GET does not show the new crontab and next_run');

    const paused = await target.call(patch, { params, body: { paused: true } });
    const pausedBody = paused.json as Row | undefined;
    expect(paused.status === 200 && pausedBody?.paused === true && sameInstant(pausedBody.next_run, body?.next_run), patch.operationId, `PATCH paused true answered ${paused.status} with paused ${String(pausedBody?.paused)}, next_run ${String(pausedBody?.next_run)} (expected 200, paused, and the next_run saved before the trigger: Django does not read the row back)`, paused, 'pausing does not answer the next_run saved before the trigger');
    const afterPause = await read();
    const afterPauseBody = afterPause.json as Row | undefined;
    expect(afterPauseBody?.paused === true && afterPauseBody.next_run === PAUSED_NEXT_RUN, retrieve.operationId, `after pausing, a GET shows paused ${String(afterPauseBody?.paused)}, next_run ${String(afterPauseBody?.next_run)} (expected true and ${PAUSED_NEXT_RUN}: the database trigger's to_timestamp(0))`, afterPause, 'after pausing, a GET does not show next_run at the epoch (to_timestamp(0) of the trigger)');
    const list = await fetchAll(ctx, LIST, { paused: 'true' });
    const listed = await target.call(op(LIST), { query: { paused: 'true' } });
    expect(!!list?.rows.some((row) => row.id === schedule.id), LIST, 'the paused schedule is in ?paused=true', listed);

    const hex = String(schedule.id).replace(/-/g, '');
    // authentik writes the event from a thread after the answer: wait for it as task-run waits for a run.
    const deadline = Date.now() + ctx.taskRunWaitMs;
    let events: Exchange;
    let recorded: boolean;
    for (;;) {
      events = await target.call(op('events_events_list'), { query: { action: 'model_updated', search: hex, page_size: '20' } });
      recorded = ((events.json as { results?: Array<{ context?: { model?: Record<string, unknown> } }> } | undefined)?.results ?? []).some((event) => event.context?.model?.app === 'authentik_tasks_schedules' && event.context.model.model_name === 'schedule' && event.context.model.pk === hex);
      if (recorded || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(recorded, 'events_events_list', `the schedule's change is a model_updated event with context.model {app: authentik_tasks_schedules, model_name: schedule, pk: ${hex}}`, events, 'a schedule change records no model_updated event naming it');

    const putBody = { crontab: String(original.crontab), paused: original.paused };
    const replaced = await target.call(put, { params, body: putBody });
    expect(replaced.status === 200 && (replaced.json as Row | undefined)?.crontab === original.crontab && (replaced.json as Row | undefined)?.paused === original.paused, put.operationId, `PUT ${JSON.stringify(putBody)} answered ${replaced.status} ${replaced.text.slice(0, 160)} (expected 200 with them)`, replaced);
  } finally {
    await target.call(patch, { params, body: { crontab: original.crontab, paused: original.paused } });
  }
}

/**
 * The first whole minute strictly after `afterMs` that a simple crontab (`m h * * *`, numbers only) matches,
 * in UTC: enough for the crontabs this check sets.
 */
export function nextMatch(crontab: string, afterMs: number): number {
  const [minute, hour] = crontab.split(' ').map(Number) as [number, number];
  const start = new Date(Math.floor(afterMs / 60_000) * 60_000 + 60_000);
  const candidate = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate(), hour, minute);
  return candidate >= start.getTime() ? candidate : candidate + 86_400_000;
}
