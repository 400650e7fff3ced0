import { randomUUID } from 'node:crypto';
import type { Operation } from '../../src/openapi/operations';
import { createOperationLookup, idParams, type SuiteContext } from '../suite-context';
import type { Exchange } from '../target';
import { createEvent } from './event-fixtures';

type Point = { x_cord: number; y_cord: number };

// authentik's get_events_per: volume/ has 22 points 8 hours apart, per_month/ 31 points 28 days / 30 apart.
const CHARTS = [
  { operationId: 'events_events_volume_list', points: 22, stepMs: 8 * 3600 * 1000 },
  { operationId: 'events_events_per_month_list', points: 31, stepMs: (28 * 86_400 * 1000) / 30 },
];

/**
 * list-actions: the events list actions answer as authentik's do. `actions/` lists every EventActions
 * value of the spec, in order; `volume/` and `per_month/` give their points, evenly spaced, counts as
 * integers; `per_month/` answers a `query` that is not JSON with an empty 400. Unless --read-only, two
 * events the suite creates (their `app` and application are unique to this run) are counted where they
 * belong: in the current point of `volume/` (filtered by `search`) and of `per_month/` (by `query`), and
 * nowhere for a term that matches nothing; and grouped by their application in `top_per_user/`. They are
 * deleted afterwards. Runs against a real authentik too: nothing here depends on the mock's data.
 */
export async function checkEventListActions(ctx: SuiteContext): Promise<void> {
  const op = createOperationLookup(ctx.spec);
  const { recorder, target } = ctx;
  const expect = (condition: boolean, operation: Operation, message: string, exchange: Exchange) => recorder.expect(condition, operation.operationId, 'list-actions', message, exchange.curl);

  await checkActionTypes(ctx);

  for (const chart of CHARTS) {
    const operation = op(chart.operationId);
    const exchange = await target.call(operation);
    expect(isChart(exchange.json, chart.points, chart.stepMs), operation, `${operation.path} answered ${exchange.status} ${exchange.text.slice(0, 120)} (expected ${chart.points} points ${chart.stepMs} ms apart, newest first, integer counts)`, exchange);
  }
  const perMonth = op('events_events_per_month_list');
  const notJson = await target.call(perMonth, { query: { query: '{not json' } });
  expect(notJson.status === 400 && notJson.text === '', perMonth, `a query that is not JSON answered ${notJson.status} ${notJson.text.slice(0, 80)} (expected 400 with no body)`, notJson);

  if (ctx.readOnly) {
    recorder.record('events_events_top_per_user_list', 'list-actions', 'skip', '--read-only: counting needs events created by the suite');
    return;
  }
  const marker = `contract-suite-charts-${randomUUID()}`;
  const application = { pk: marker, name: 'contract-suite' };
  const created = [
    await createEvent(ctx, { action: 'custom_', app: marker, user: { pk: `${marker}-a` }, context: { authorized_application: application } }),
    await createEvent(ctx, { action: 'custom_', app: marker, user: { pk: `${marker}-b` }, context: { authorized_application: application } }),
  ];
  if (created.some((event) => event === undefined)) {
    recorder.fail('events_events_create', 'list-actions', 'could not create the events the list actions are checked with');
    return;
  }
  try {
    const volume = op('events_events_volume_list');
    // Both events sit in the current point; a search or query that matches nothing leaves every point at 0.
    for (const [term, counts] of [[marker, '0,2,0'], [`${marker}-absent`, '0,0,0']] as const) {
      const byVolume = await target.call(volume, { query: { search: term } });
      expect(countsOf(byVolume.json) === counts, volume, `volume/?search=${term} counted ${countsOf(byVolume.json)} (expected ${counts}, the current point second)`, byVolume);
      const byMonth = await target.call(perMonth, { query: { action: 'custom_', query: JSON.stringify({ app: term }) } });
      expect(countsOf(byMonth.json) === counts, perMonth, `per_month/?query={"app": "${term}"} counted ${countsOf(byMonth.json)} (expected ${counts})`, byMonth);
    }

    await checkTopPerUser(ctx, marker);
  } finally {
    const destroy = op('events_events_destroy');
    for (const event of created) await target.call(destroy, { params: idParams(destroy, String(event!.pk)) });
  }
}

/** `actions/` lists every EventActions value of the spec, in order, each with a label as name and empty description and model_name. */
export async function checkActionTypes(ctx: SuiteContext): Promise<void> {
  const { recorder, target } = ctx;
  const actions = createOperationLookup(ctx.spec)('events_events_actions_list');
  const expect = (condition: boolean, operation: Operation, message: string, exchange: Exchange) => recorder.expect(condition, operation.operationId, 'list-actions', message, exchange.curl);
  const listed = await target.call(actions);
  const components = Array.isArray(listed.json) ? (listed.json as Array<Record<string, unknown>>).map((type) => type.component) : undefined;
  const enumValues = ctx.spec.components.schemas.EventActions?.enum as string[];
  expect(listed.status === 200 && JSON.stringify(components) === JSON.stringify(enumValues), actions, `actions/ answered ${listed.status} with components ${JSON.stringify(components)?.slice(0, 120)} (expected 200 and every EventActions value in order)`, listed);
  const plain = Array.isArray(listed.json) && (listed.json as Array<Record<string, unknown>>).every((type) => typeof type.name === 'string' && type.name !== '' && type.description === '' && type.model_name === '');
  const offender = Array.isArray(listed.json) ? (listed.json as Array<Record<string, unknown>>).find((type) => !(typeof type.name === 'string' && type.name !== '' && type.description === '' && type.model_name === '')) : undefined;
  expect(plain, actions, `actions/ gives each action a label as name, and empty description and model_name${plain ? '' : ` (got ${Array.isArray(listed.json) ? JSON.stringify(offender).slice(0, 160) : `${listed.status} ${listed.text.slice(0, 80)}`})`}`, listed);
}

/** `top_per_user/` shows the application `marker` with the two events of two users the caller created, most counted first, and `top_n` caps the rows. */
export async function checkTopPerUser(ctx: SuiteContext, marker: string): Promise<void> {
  const { recorder, target } = ctx;
  const expect = (condition: boolean, operation: Operation, message: string, exchange: Exchange) => recorder.expect(condition, operation.operationId, 'list-actions', message, exchange.curl);
  const top = createOperationLookup(ctx.spec)('events_events_top_per_user_list');
  const grouped = await target.call(top, { query: { action: 'custom_', top_n: '1000' } });
  const rows = Array.isArray(grouped.json) ? (grouped.json as Array<{ application?: { pk?: unknown }; counted_events?: number; unique_users?: number }>) : [];
  const ours = rows.find((row) => row.application?.pk === marker);
  expect(ours?.counted_events === 2 && ours.unique_users === 2, top, `top_per_user/ shows this run's application with ${JSON.stringify(ours)} (expected counted_events 2, unique_users 2)`, grouped);
  const ordered = rows.every((row, i) => i === 0 || (rows[i - 1]!.counted_events ?? 0) >= (row.counted_events ?? 0));
  expect(ordered, top, `top_per_user/ lists the most counted applications first${ordered ? '' : ` (got counted_events ${JSON.stringify(rows.map((row) => row.counted_events).slice(0, 12))})`}`, grouped);
  const first = await target.call(top, { query: { action: 'custom_', top_n: '1' } });
  expect(Array.isArray(first.json) && (first.json as unknown[]).length === Math.min(1, rows.length), top, `top_per_user/?top_n=1 gave ${Array.isArray(first.json) ? (first.json as unknown[]).length : first.status} rows (expected at most 1)`, first);
}

/** The chart shape: `points` points, x_cord falling by `stepMs` (±1 s for whole seconds), y_cord integers ≥ 0. */
function isChart(body: unknown, points: number, stepMs: number): boolean {
  if (!Array.isArray(body) || body.length !== points) return false;
  return (body as Point[]).every((point, i) => Number.isInteger(point.y_cord) && point.y_cord >= 0 && (i === 0 || Math.abs((body as Point[])[i - 1]!.x_cord - point.x_cord - stepMs) <= 1000));
}

/** A chart's counts as `future,current,older`, the older points summed: `0,2,0`. */
function countsOf(body: unknown): string {
  if (!Array.isArray(body) || body.length < 2) return 'no chart';
  const counts = (body as Point[]).map((point) => point.y_cord);
  return [counts[0], counts[1], counts.slice(2).reduce((sum, count) => sum + count, 0)].join(',');
}
