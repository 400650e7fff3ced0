import { listOperations } from '../../src/openapi/operations';
import { createOperationLookup, idParams, sameJson, unknownId, type SuiteContext } from '../suite-context';
import type { CheckName } from '../results';
import type { Exchange } from '../target';
import { isOrdered } from './filters-search-ordering';
import { fetchAll, type Row } from './task-list';

const LIST = 'tasks_tasks_list';

/** The generated-query terms for the tasks list: valid ordering terms, a dropped one, searches. */
export const TASK_LIST_TERMS = { ordering: ['actor_name', '-mtime', 'state', '-aggregated_status', 'queue_name', 'uid', 'nope'], search: ['', 'clean', 'blueprint', 'done', 'a b', 'zzz'] };

/** The row field a filter or ordering term reads (`rel_obj_content_type__app_label` is `rel_obj_app_label`). */
const FIELD_OF: Record<string, string> = { rel_obj_content_type__app_label: 'rel_obj_app_label', rel_obj_content_type__model: 'rel_obj_model' };
const fieldOf = (term: string) => FIELD_OF[term] ?? term;

/** The fields `search` looks in, as the rows show them (`_uid` is inside `uid`). */
const TASK_SEARCH_FIELDS = ['message_id', 'queue_name', 'actor_name', 'state', 'rel_obj_app_label', 'rel_obj_model', 'rel_obj_id', 'uid', 'aggregated_status'];

/** The task states the spec lists (`StateEnum`). */
export const taskStates = (ctx: SuiteContext): string[] => (ctx.spec.components.schemas.StateEnum?.enum as string[] | undefined) ?? [];

/**
 * Each exact CharFilter over the first three values the rows hold of its field: the list it answers is the
 * rows with that value.
 */
export async function expectCharFilters(list: ListExpectations, names: readonly string[]): Promise<void> {
  for (const name of names) {
    const field = fieldOf(name);
    const values = [...new Set(list.all.map((row) => row[field]).filter((v): v is string => typeof v === 'string'))].slice(0, 3);
    for (const value of values) await expectSameRows(list, 'filters', `${name}=${value}`, { [name]: value }, (row) => row[field] === value);
  }
}

export interface ListExpectations {
  ctx: SuiteContext;
  operationId: string;
  /** Every row of the list, the reference the filtered lists are compared with. */
  all: Row[];
  key: string;
}

/**
 * A filtered list must be exactly the rows of `all` that match: none wrong, none missing. A row of `all` that
 * the filtered list lacks is read again first: on a real server tasks change state (queued → done) and new
 * ones arrive while the suite runs, so only a row that still matches and is still left out is missing.
 */
export async function expectSameRows(list: ListExpectations, check: CheckName, label: string, query: string | Record<string, string>, matches: (row: Row) => boolean): Promise<void> {
  const { ctx, operationId, all, key } = list;
  const params = typeof query === 'string' ? Object.fromEntries(new URLSearchParams(query)) : query;
  const repeated = typeof query === 'string' && new URLSearchParams(query).toString() !== new URLSearchParams(params).toString();
  // A repeated parameter cannot go through fetchAll's record: one page of 1000 rows is read as is.
  const result = repeated ? await firstPage(ctx, operationId, `${query}&page_size=1000`) : await fetchAll(ctx, operationId, params);
  const rows = result?.rows ?? [];
  const got = new Set(rows.map((row) => String(row[key])));
  const expected = all.filter(matches).map((row) => String(row[key]));
  const wrong = rows.filter((row) => !matches(row)).length;
  const missing: string[] = [];
  const retrieve = listOperations(ctx.spec).find((operation) => operation.method === 'GET' && operation.path === `${createOperationLookup(ctx.spec)(operationId).path}{${key}}/`);
  for (const id of expected.filter((id) => !got.has(id))) {
    const again = retrieve && missing.length < 10 ? await ctx.target.call(retrieve, { params: idParams(retrieve, id) }) : undefined;
    if (!again || (again.status === 200 && matches(again.json as Row))) missing.push(id);
  }
  const exchange = await ctx.target.call(createOperationLookup(ctx.spec)(operationId), { query });
  ctx.recorder.expect(!!result && wrong === 0 && missing.length === 0, operationId, check, `${label}: ${rows.length} rows, ${wrong} not matching, ${missing.length} matching rows missing (expected the ${expected.length} matching rows)`, exchange.curl);
}

async function firstPage(ctx: SuiteContext, operationId: string, query: string): Promise<{ rows: Row[] } | undefined> {
  const exchange = await ctx.target.call(createOperationLookup(ctx.spec)(operationId), { query });
  const rows = (exchange.json as { results?: Row[] } | undefined)?.results;
  return exchange.status === 200 && Array.isArray(rows) ? { rows } : undefined;
}

/** `term` orders `all` by `field` when every row comes back in that order; unknown terms keep the default. */
export async function expectOrdering(list: ListExpectations, term: string, field: string | undefined, defaultOrder: { field: string; descending: boolean }): Promise<void> {
  const { ctx, operationId, all } = list;
  const result = await fetchAll(ctx, operationId, { ordering: term });
  const descending = field === undefined ? defaultOrder.descending : term.startsWith('-');
  const by = field ?? defaultOrder.field;
  const values = (result?.rows ?? []).map((row) => row[by]);
  // All the rows the answer counts (not `all`'s count: a real authentik adds tasks while the suite runs).
  const ok = !!result && result.rows.length === result.count && (all.length === 0 || result.rows.length > 0) && isOrdered(values, descending);
  const what = field === undefined ? `is dropped: the default order by ${defaultOrder.descending ? '-' : ''}${defaultOrder.field} stays` : `orders the rows by ${field}`;
  const exchange = await ctx.target.call(createOperationLookup(ctx.spec)(operationId), { query: { ordering: term } });
  ctx.recorder.expect(ok, operationId, 'ordering', `ordering=${term} ${what}${ok ? '' : `: got ${JSON.stringify(values.slice(0, 8))}…`}`, exchange.curl);
}

/** 400 with exactly this body. */
export async function expect400(ctx: SuiteContext, operationId: string, check: CheckName, query: string, expected: unknown): Promise<void> {
  const exchange = await ctx.target.call(createOperationLookup(ctx.spec)(operationId), { query });
  ctx.recorder.expect(exchange.status === 400 && sameJson(exchange.json, expected), operationId, check, `${query} answered ${exchange.status} ${exchange.text.slice(0, 160)} (expected 400 ${JSON.stringify(expected)})`, exchange.curl);
}

/** The list's own keys: pagination, results, and autocomplete `{}` (no DjangoQL fields); `page=` (empty) is page 1. */
export async function expectAutocompletePage(ctx: SuiteContext, operationId: string): Promise<void> {
  const list = createOperationLookup(ctx.spec)(operationId);
  const first = await ctx.target.call(list, { query: { page_size: '2' } });
  const body = first.json as { pagination?: unknown; autocomplete?: unknown } | undefined;
  ctx.recorder.expect(first.status === 200 && sameJson(Object.keys(body ?? {}), ['pagination', 'results', 'autocomplete']) && sameJson(body?.autocomplete, {}), operationId, 'pagination', `the list answered ${first.status} with keys ${JSON.stringify(Object.keys(body ?? {}))} and autocomplete ${JSON.stringify(body?.autocomplete)} (expected pagination, results, autocomplete {})`, first.curl);
  const empty = await ctx.target.call(list, { query: { page_size: '2', page: '' } });
  const pagination = (exchange: Exchange) => (exchange.json as { pagination?: { current?: unknown } } | undefined)?.pagination;
  ctx.recorder.expect(empty.status === 200 && pagination(empty)?.current === 1 && sameJson(pagination(empty), pagination(first)), operationId, 'pagination', `page= (empty) answered ${empty.status} ${JSON.stringify(pagination(empty))} (expected 200, page 1)`, empty.curl);
}

/** Django's get_object_or_404 names the model for a well-formed id; a malformed one is DRF's bare `Not found.` */
export async function expectMissingObject(ctx: SuiteContext, operationId: string, model: string): Promise<void> {
  const retrieve = createOperationLookup(ctx.spec)(operationId);
  const missing = await ctx.target.call(retrieve, { params: idParams(retrieve, unknownId()) });
  const expected = { detail: `No ${model} matches the given query.` };
  ctx.recorder.expect(missing.status === 404 && sameJson(missing.json, expected), operationId, 'lifecycle', `a random UUID answered ${missing.status} ${missing.text.slice(0, 120)} (expected 404 ${JSON.stringify(expected)})`, missing.curl);
  const malformed = await ctx.target.call(retrieve, { params: idParams(retrieve, 'qwerqwer') });
  ctx.recorder.expect(malformed.status === 404 && sameJson(malformed.json, { detail: 'Not found.' }), operationId, 'lifecycle', `a malformed id answered ${malformed.status} ${malformed.text.slice(0, 120)} (expected 404 {"detail":"Not found."})`, malformed.curl);
}

/** DRF 3.16's SearchFilter validates the terms: a NUL is a 400 whose body is a bare list (before any permission filter). */
export const NUL_SEARCH = { query: 'search=a%00b', body: ['Null characters are not allowed.'] };

export async function expectNulSearch400(ctx: SuiteContext, operationId: string, authorization?: string, check: CheckName = 'search'): Promise<void> {
  const exchange = await ctx.target.call(createOperationLookup(ctx.spec)(operationId), { query: NUL_SEARCH.query, ...(authorization ? { authorization } : {}) });
  ctx.recorder.expect(exchange.status === 400 && sameJson(exchange.json, NUL_SEARCH.body), operationId, check, `a search with a NUL character${authorization ? ' by a token without permissions' : ''} answered ${exchange.status} ${exchange.text.slice(0, 120)} (expected 400 ${JSON.stringify(NUL_SEARCH.body)}${authorization ? ': search runs before the permission filter' : ''})`, exchange.curl);
}

/** Django's NullBooleanSelect: these spellings filter, every other is ignored (no 400). */
export const BOOLEAN_SPELLINGS: ReadonlyArray<[string, boolean | undefined]> = [['true', true], ['True', true], ['2', true], ['false', false], ['False', false], ['3', false], ['1', undefined], ['0', undefined], ['TRUE', undefined], ['yes', undefined]];

/**
 * The tasks list and detail (`/tasks/tasks/`), from the target's own rows: pagination keys and autocomplete
 * `{}`, `page=` empty; 404 `No Task matches the given query.`; filters — each exact CharFilter, `state` (a
 * choice: 400 outside the enum), `aggregated_status` (repeated, OR; 400 outside the enum), `rel_obj_id__isnull`
 * (NullBooleanSelect: only true/True/2 and false/False/3 filter, other spellings are ignored); search over the
 * tasks' search fields, every term matching, a NUL a 400 `["Null characters are not allowed."]`; ordering by each model field, `-mtime` by default, terms that are
 * no model field (uid, description, rel_obj_app_label) dropped.
 */
export async function checkTaskList(ctx: SuiteContext): Promise<void> {
  const { recorder } = ctx;
  await expectAutocompletePage(ctx, LIST);
  await expectMissingObject(ctx, 'tasks_tasks_retrieve', 'Task');
  const all = await fetchAll(ctx, LIST);
  if (!all || all.rows.length === 0) {
    for (const check of ['filters', 'search', 'ordering'] as const) recorder.record(LIST, check, 'skip', 'the target has no tasks to filter');
    return;
  }
  const list: ListExpectations = { ctx, operationId: LIST, all: all.rows, key: 'message_id' };

  await expectCharFilters(list, ['queue_name', 'actor_name', 'rel_obj_id', 'rel_obj_content_type__app_label', 'rel_obj_content_type__model']);
  for (const state of taskStates(ctx)) await expectSameRows(list, 'filters', `state=${state}`, { state }, (row) => row.state === state);
  await expect400(ctx, LIST, 'filters', 'state=bogus', { state: ['Select a valid choice. bogus is not one of the available choices.'] });
  await expect400(ctx, LIST, 'filters', 'state=done%20', { state: ['Select a valid choice. done  is not one of the available choices.'] });
  const statuses = [...new Set(all.rows.map((row) => row.aggregated_status))].filter((v): v is string => typeof v === 'string');
  for (const status of statuses.slice(0, 3)) await expectSameRows(list, 'filters', `aggregated_status=${status}`, { aggregated_status: status }, (row) => row.aggregated_status === status);
  if (statuses.length >= 2) {
    const [a, b] = statuses as [string, string];
    await expectSameRows(list, 'filters', `aggregated_status=${a}&aggregated_status=${b}`, `aggregated_status=${a}&aggregated_status=${b}`, (row) => row.aggregated_status === a || row.aggregated_status === b);
  }
  await expect400(ctx, LIST, 'filters', 'aggregated_status=info&aggregated_status=bogus', { aggregated_status: ['Select a valid choice. bogus is not one of the available choices.'] });
  for (const [spelling, value] of BOOLEAN_SPELLINGS) {
    await expectSameRows(list, 'filters', `rel_obj_id__isnull=${spelling}${value === undefined ? ' (ignored)' : ''}`, { rel_obj_id__isnull: spelling }, (row) => value === undefined || (row.rel_obj_id === null) === value);
  }

  const contains = (row: Row, term: string) => TASK_SEARCH_FIELDS.some((field) => typeof row[field] === 'string' && (row[field] as string).toUpperCase().includes(term.toUpperCase()));
  const actor = String(all.rows[0]!.actor_name);
  const last = actor.split('.').pop()!;
  for (const term of [last.slice(0, Math.max(3, Math.floor(last.length / 2))), last.toUpperCase(), 'zz-no-such-task-zz']) await expectSameRows(list, 'search', `search=${term}`, { search: term }, (row) => contains(row, term));
  const pair = `${actor.split('.')[1] ?? actor} ${String(all.rows[0]!.state)}`;
  await expectSameRows(list, 'search', `search=${pair} (every term must match)`, { search: pair }, (row) => pair.split(' ').every((t) => contains(row, t)));
  await expectNulSearch400(ctx, LIST);

  const byDefault = { field: 'mtime', descending: true };
  for (const term of ['message_id', 'queue_name', 'actor_name', 'state', 'mtime', 'rel_obj_id', 'aggregated_status', 'rel_obj_content_type__app_label']) {
    for (const sign of ['', '-']) await expectOrdering(list, `${sign}${term}`, fieldOf(term), byDefault);
  }
  for (const dropped of ['uid', 'description', 'rel_obj_app_label']) await expectOrdering(list, dropped, undefined, byDefault);
  await expectOrdering(list, 'not_a_field', undefined, byDefault);
}
