import { resolveSchema } from '../../src/openapi/operations';
import { createOperationLookup, type SuiteContext } from '../suite-context';
import { fetchAllTasks, type Row } from './task-list';

const ID = 'events_system_tasks_list';

/**
 * filters: every returned row matches `name`/`uid`/`status`, and no matching row is missing; a status outside
 * the spec's enum is a 400 naming `status`. search: every row contains every term in one of the searchable
 * fields. ordering: each orderable field, ascending and descending, really orders the rows; unknown terms
 * do not error. All values are discovered from the target's own list.
 */
export async function checkFiltersSearchOrdering(ctx: SuiteContext): Promise<void> {
  const list = createOperationLookup(ctx.spec)(ID);
  const { recorder, target } = ctx;
  const all = await fetchAllTasks(ctx);
  if (!all || all.rows.length === 0) {
    for (const check of ['filters', 'search', 'ordering'] as const) recorder.record(ID, check, 'skip', 'the target has no system tasks to filter');
    return;
  }
  const key = (row: Row) => String(row.uuid);
  const expectSameRows = async (check: 'filters' | 'search', label: string, query: Record<string, string>, matches: (row: Row) => boolean) => {
    const result = await fetchAllTasks(ctx, query);
    const got = (result?.rows ?? []).map(key).sort();
    const expected = all.rows.filter(matches).map(key).sort();
    const wrong = (result?.rows ?? []).filter((row) => !matches(row)).length;
    recorder.expect(
      !!result && wrong === 0 && JSON.stringify(got) === JSON.stringify(expected),
      ID,
      check,
      `${label}: ${got.length} rows, ${wrong} not matching (expected the ${expected.length} matching rows)`,
      (await target.call(list, { query })).curl,
    );
  };

  const statusParam = list.parameters.find((p) => p.name === 'status');
  for (const name of list.parameters.filter((p) => p.in === 'query' && ['name', 'uid', 'status'].includes(p.name)).map((p) => p.name)) {
    const values = [...new Set(all.rows.map((row) => row[name]).filter((v): v is string => typeof v === 'string'))].slice(0, 4);
    for (const value of values) await expectSameRows('filters', `${name}=${value}`, { [name]: value }, (row) => row[name] === value);
  }
  const bogus = await target.call(list, { query: { status: 'not-a-documented-status' } });
  recorder.expect(
    !statusParam?.schema.enum || (bogus.status === 400 && typeof bogus.json === 'object' && bogus.json !== null && 'status' in bogus.json),
    ID,
    'filters',
    `status outside the enum answered ${bogus.status} ${bogus.text.slice(0, 120)} (expected 400 naming status)`,
    bogus.curl,
  );

  const searchable = ['name', 'description', 'uid', 'status'];
  const contains = (row: Row, term: string) => searchable.some((field) => typeof row[field] === 'string' && (row[field] as string).toUpperCase().includes(term.toUpperCase()));
  const sample = String(all.rows[0]!.name);
  const terms = [sample.slice(0, Math.max(3, Math.floor(sample.length / 2))), sample.toUpperCase(), 'zz-no-such-task-zz'];
  for (const term of terms) await expectSameRows('search', `search=${term}`, { search: term }, (row) => contains(row, term));
  const pair = `${sample.split('_')[0]},${String(all.rows[0]!.status)}`;
  await expectSameRows('search', `search=${pair} (every term must match)`, { search: pair }, (row) => pair.split(',').every((t) => contains(row, t)));

  const taskSchema = resolveSchema(ctx.spec, { $ref: '#/components/schemas/SystemTask' });
  const fields = Object.keys(taskSchema.properties as object).filter((f) => f !== 'full_name' && f !== 'messages');
  for (const field of fields) {
    for (const descending of [false, true]) {
      const term = `${descending ? '-' : ''}${field}`;
      const result = await fetchAllTasks(ctx, { ordering: term });
      const values = (result?.rows ?? []).map((row) => row[field]);
      const ok = !!result && result.rows.length === all.rows.length && isOrdered(values, descending);
      recorder.expect(ok, ID, 'ordering', `ordering=${term} orders the rows by ${field}${ok ? '' : `: got ${JSON.stringify(values.slice(0, 8))}…`}`, (await target.call(list, { query: { ordering: term } })).curl);
    }
  }
  const unknown = await target.call(list, { query: { ordering: 'not_a_field' } });
  recorder.expect(unknown.status === 200, ID, 'ordering', `an unknown ordering term answered ${unknown.status} (expected 200)`, unknown.curl);
}

const COLLATORS: Array<(a: string, b: string) => number> = [
  (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  new Intl.Collator('en').compare,
  new Intl.Collator('en', { ignorePunctuation: true }).compare,
];

/**
 * Whether values are in order as Postgres would sort them: missing values (null, absent) last ascending and
 * first descending; text in code-point order or in a locale's order, since the target's collation is unknown.
 */
export function isOrdered(values: unknown[], descending: boolean): boolean {
  const present = values.filter((v) => v !== null && v !== undefined);
  const missing = values.length - present.length;
  const nullsAtEdge = descending ? values.slice(0, missing).every((v) => v === null || v === undefined) : values.slice(present.length).every((v) => v === null || v === undefined);
  if (!nullsAtEdge) return false;
  const sign = descending ? -1 : 1;
  if (present.every((v) => typeof v === 'string' && ISO_DATE_TIME.test(v))) {
    const instants = present.map((v) => toMicros(v as string));
    return instants.every((v, i) => i === 0 || sign * (instants[i - 1]! - v) <= 0);
  }
  if (present.every((v) => typeof v === 'string')) {
    const texts = present as string[];
    return COLLATORS.some((compare) => texts.every((v, i) => i === 0 || sign * compare(texts[i - 1]!, v) <= 0));
  }
  return present.every((v, i) => i === 0 || sign * comparePrimitive(present[i - 1], v) <= 0);
}

const ISO_DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/** An ISO date-time as microseconds, so that `…12Z` and `…12.5Z` compare as instants, not as text. */
function toMicros(text: string): number {
  const fraction = /\.(\d+)/.exec(text)?.[1] ?? '';
  return Date.parse(text.replace(/\.\d+/, '')) * 1000 + Number(fraction.slice(0, 6).padEnd(6, '0'));
}

function comparePrimitive(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}
