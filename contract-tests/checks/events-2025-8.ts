import { randomUUID } from 'node:crypto';
import type { CheckName } from '../results';
import { createOperationLookup, idParams, instantMicros, sameJson, unknownId, type SuiteContext } from '../suite-context';
import type { Exchange } from '../target';
import { createEvent } from './event-fixtures';
import { expectNulSearch400 } from './dramatiq-tasks';
import { checkActionTypes, checkTopPerUser } from './event-list-actions';

const SIX_HOURS_MS = 6 * 3600 * 1000;
const NOT_A_DICT = ['Value must be a dictionary, and not have any duplicate keys.'];

type VolumeRow = { action?: unknown; time?: unknown; count?: unknown };

/**
 * What authentik 2025.8 changed on the events API (reference, "Changed since 2024.8.6"):
 * - search: a NUL is a 400 whose body is a bare list, `["Null characters are not allowed."]` (DRF 3.16);
 * - pagination: `?page=` (empty) is page 1 (DRF 3.16), and the list carries `autocomplete`, the DjangoQL
 *   schema of the eight event fields, `action` offering every EventActions value;
 * - lifecycle: a well-formed missing id is 404 `No Event matches the given query.`, a malformed one still
 *   `Not found.`; `per_month/` is gone, so its path is an event lookup: 404 `Not found.`, POST 405;
 * - negative-data: `user`, `context`, `brand` take JSON objects only (`Value must be a dictionary, …`);
 * - filters: `actions` (repeated, each an EventActions value, else 400 `Select a valid choice. <v> is not
 *   one of the available choices.`) and `username` matching `user.username` or `context.username`;
 * - list-actions: `volume/` is `[{action, time, count}]` over 6-hour UTC buckets, ordered by time and
 *   action, only non-empty pairs; `actions/` and `top_per_user/` as before.
 * Unless --read-only, events the suite creates (their `app` unique to the run) are counted and filtered,
 * and deleted afterwards.
 */
export async function checkEvents2025(ctx: SuiteContext): Promise<void> {
  const op = createOperationLookup(ctx.spec);
  const { recorder, target } = ctx;
  const expect = (condition: boolean, operationId: string, check: CheckName, message: string, exchange: Exchange, cause?: string) => recorder.expect(condition, operationId, check, message, exchange.curl, cause ? { cause } : undefined);
  const list = op('events_events_list');
  const retrieve = op('events_events_retrieve');

  const first = await target.call(list, { query: { page_size: '2' } });
  const empty = await target.call(list, { query: { page_size: '2', page: '' } });
  const pagination = (exchange: Exchange) => (exchange.json as { pagination?: { current?: unknown } } | undefined)?.pagination;
  expect(empty.status === 200 && pagination(empty)?.current === 1 && sameJson(pagination(empty), pagination(first)), list.operationId, 'pagination', `page= (empty) answered ${empty.status} ${JSON.stringify(pagination(empty))} (expected 200, page 1)`, empty);
  const autocomplete = (first.json as { autocomplete?: { current_model?: unknown; models?: Record<string, Record<string, { options?: unknown }>> } } | undefined)?.autocomplete;
  const enumValues = ctx.spec.components.schemas.EventActions?.enum as string[];
  const actionOptions = autocomplete?.models?.['authentik_events.event']?.action?.options;
  expect(
    autocomplete?.current_model === 'authentik_events.event' && sameJson(actionOptions, enumValues),
    list.operationId,
    'pagination',
    `the list's autocomplete is the DjangoQL schema of authentik_events.event with every EventActions value as action options (got ${JSON.stringify(autocomplete)?.slice(0, 160)})`,
    first,
    'the list carries no DjangoQL autocomplete of authentik_events.event',
  );

  const missing = await target.call(retrieve, { params: idParams(retrieve, unknownId()) });
  expect(missing.status === 404 && sameJson(missing.json, { detail: 'No Event matches the given query.' }), retrieve.operationId, 'lifecycle', `a random UUID answered ${missing.status} ${missing.text.slice(0, 120)} (expected 404 {"detail":"No Event matches the given query."})`, missing);
  const malformed = await target.call(retrieve, { params: idParams(retrieve, 'qwerqwer') });
  expect(malformed.status === 404 && sameJson(malformed.json, { detail: 'Not found.' }), retrieve.operationId, 'lifecycle', `a malformed id answered ${malformed.status} ${malformed.text.slice(0, 120)} (expected 404 {"detail":"Not found."})`, malformed);
  const perMonth = await target.call(retrieve, { params: idParams(retrieve, 'per_month') });
  expect(perMonth.status === 404 && sameJson(perMonth.json, { detail: 'Not found.' }), retrieve.operationId, 'list-actions', `per_month/, gone in 2025.8, answered ${perMonth.status} ${perMonth.text.slice(0, 120)} (expected the event lookup's 404 {"detail":"Not found."})`, perMonth);

  await expectNulSearch400(ctx, list.operationId);

  const actionsFilter = async (query: string, expected: unknown) => {
    const exchange = await target.call(list, { query });
    expect(exchange.status === 400 && sameJson(exchange.json, expected), list.operationId, 'filters', `${query} answered ${exchange.status} ${exchange.text.slice(0, 160)} (expected 400 ${JSON.stringify(expected)})`, exchange);
  };
  await actionsFilter('actions=not-an-action', { actions: ['Select a valid choice. not-an-action is not one of the available choices.'] });
  await actionsFilter('actions=login,logout', { actions: ['Select a valid choice. login,logout is not one of the available choices.'] });
  await actionsFilter('actions=login&actions=bogus', { actions: ['Select a valid choice. bogus is not one of the available choices.'] });

  await checkActionTypes(ctx);
  const volume = op('events_events_volume_list');
  const chart = await target.call(volume);
  const shapeProblem = volumeProblem(chart, enumValues);
  expect(shapeProblem === undefined, volume.operationId, 'list-actions', `volume/ answered ${chart.status}: ${shapeProblem ?? 'rows of action, time and count, 6-hour buckets, ordered by time and action'}`, chart, shapeProblem && `volume/ is not rows of action, time and count in 6-hour buckets ordered by time and action: ${shapeProblem.replace(/ \(.*$/, '')}`);
  const none = await target.call(volume, { query: { history_days: '0' } });
  expect(none.status === 200 && sameJson(none.json, []), volume.operationId, 'list-actions', `volume/?history_days=0 answered ${none.status} ${none.text.slice(0, 80)} (expected 200 [])`, none);

  if (ctx.readOnly) {
    for (const check of ['negative-data', 'filters'] as const) recorder.record('events_events_create', check, 'skip', '--read-only: the 2025.8 events checks that write did not run');
    return;
  }
  const create = op('events_events_create');
  for (const field of ['user', 'context', 'brand']) {
    for (const value of [['x'], 'text', 5, true]) {
      const exchange = await target.call(create, { body: { action: 'custom_', app: 'contract-suite-not-a-dict', [field]: value } });
      expect(exchange.status === 400 && sameJson(exchange.json, { [field]: NOT_A_DICT }), create.operationId, 'negative-data', `${field}: ${JSON.stringify(value)} answered ${exchange.status} ${exchange.text.slice(0, 160)} (expected 400 {"${field}":${JSON.stringify(NOT_A_DICT)}})`, exchange);
    }
  }

  const marker = `contract-suite-2025-${randomUUID()}`;
  const application = { pk: marker, name: 'contract-suite' };
  const created = [
    await createEvent(ctx, { action: 'custom_', app: marker, user: { pk: `${marker}-a`, username: `${marker}-a` }, context: { authorized_application: application } }),
    await createEvent(ctx, { action: 'custom_', app: marker, user: { pk: `${marker}-b` }, context: { authorized_application: application, username: `${marker}-a` } }),
    await createEvent(ctx, { action: 'login', app: marker, user: { pk: `${marker}-c` } }),
  ];
  if (created.some((event) => event === undefined)) {
    recorder.fail('events_events_create', 'filters', 'could not create the events the 2025.8 filters are checked with');
    return;
  }
  const events = created as Array<Record<string, unknown>>;
  try {
    const actionsOf = async (query: string) => {
      const exchange = await target.call(list, { query: `search=${marker}&${query}` });
      const rows = (exchange.json as { results?: Array<{ action?: unknown }> } | undefined)?.results;
      return { exchange, got: rows ? rows.map((row) => row.action).sort().join(',') : `${exchange.status}` };
    };
    const cases = [['actions=login', 'login'], ['actions=login&actions=custom_', 'custom_,custom_,login'], ['actions=custom_&action=log', ''], [`username=${marker}-a`, 'custom_,custom_']] as const;
    for (const [query, expected] of cases) {
      const { exchange, got } = await actionsOf(query);
      expect(exchange.status === 200 && got === expected, list.operationId, 'filters', `${query.replace(marker, '{marker}')} gave actions [${got}] of this run's events (expected [${expected}])`, exchange);
    }

    // The three events sit in the buckets of their creation times: one row per bucket and action, counted.
    const bySearch = await target.call(volume, { query: { search: marker } });
    const rows = Array.isArray(bySearch.json) ? (bySearch.json as VolumeRow[]) : [];
    const counted = new Map<string, { action: unknown; bucket: number; count: number }>();
    for (const event of events) {
      const bucket = bucketOf(instantMicros(event.created) / 1000);
      const key = `${bucket} ${String(event.action)}`;
      counted.set(key, { action: event.action, bucket, count: (counted.get(key)?.count ?? 0) + 1 });
    }
    const order = (a: { bucket: number; action: unknown }, b: { bucket: number; action: unknown }) => a.bucket - b.bucket || String(a.action).localeCompare(String(b.action));
    const expectedRows = [...counted.values()].sort(order);
    const got = rows.map((row) => ({ action: row.action, bucket: timeMs(row.time), count: row.count }));
    expect(bySearch.status === 200 && sameJson(got, expectedRows), volume.operationId, 'list-actions', `volume/?search={marker} gave ${JSON.stringify(rows).slice(0, 240)} (expected ${JSON.stringify(expectedRows.map((row) => ({ action: row.action, time: new Date(row.bucket).toISOString(), count: row.count })))}: this run's events in their 6-hour buckets)`, bySearch, 'volume/ does not count the events the suite created in their 6-hour buckets');
    const filtered = await target.call(volume, { query: `search=${marker}&actions=login` });
    expect(Array.isArray(filtered.json) && (filtered.json as VolumeRow[]).length === 1 && (filtered.json as VolumeRow[])[0]!.action === 'login', volume.operationId, 'list-actions', `volume/?search={marker}&actions=login gave ${filtered.text.slice(0, 160)} (expected the login row alone: the list's filters apply)`, filtered, 'volume/ does not apply the list filters');

    await checkTopPerUser(ctx, marker);
  } finally {
    const destroy = op('events_events_destroy');
    for (const event of events) await target.call(destroy, { params: idParams(destroy, String(event.pk)) });
  }
}

/** A volume `time` as UTC milliseconds: authentik sends it without a zone designator, which means UTC here. */
function timeMs(time: unknown): number {
  if (typeof time !== 'string') return NaN;
  return Date.parse(/(Z|[+-]\d\d:\d\d)$/.test(time) ? time : `${time}Z`);
}

/** The start of the 6-hour UTC bucket (00, 06, 12, 18 h) an instant falls in. */
const bucketOf = (ms: number): number => Math.floor(ms / SIX_HOURS_MS) * SIX_HOURS_MS;

/** What is wrong with a volume/ answer, or undefined. */
function volumeProblem(exchange: Exchange, actions: string[]): string | undefined {
  if (exchange.status !== 200 || !Array.isArray(exchange.json)) return `not a JSON array (${exchange.text.slice(0, 80)})`;
  const rows = exchange.json as VolumeRow[];
  const bad = rows.find((row) => typeof row.action !== 'string' || !actions.includes(row.action) || !Number.isInteger(row.count) || (row.count as number) < 1 || timeMs(row.time) % SIX_HOURS_MS !== 0);
  if (bad) return `a row is not {action, time at a 6-hour boundary, count ≥ 1} (${JSON.stringify(bad).slice(0, 120)})`;
  const keys = (row: VolumeRow) => [timeMs(row.time), String(row.action)] as const;
  const unordered = rows.findIndex((row, i) => i > 0 && (keys(rows[i - 1]!)[0] > keys(row)[0] || (keys(rows[i - 1]!)[0] === keys(row)[0] && keys(rows[i - 1]!)[1] >= keys(row)[1])));
  if (unordered > 0) return `rows are not ordered by time, then action (row ${unordered})`;
  return undefined;
}
