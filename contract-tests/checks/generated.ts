import fc from 'fast-check';
import type { SchemaObject } from '../../src/openapi/spec-document';
import { createOperationLookup, type SuiteContext } from '../suite-context';
import type { Exchange } from '../target';
import { expectedPagination } from './pagination';
import { echoes } from './positive-data';
import { BAD_BODIES, bodyFields, violationsOf, type BodyField } from './request-bodies';

/** JSON that authentik stores as jsonb and gives back unchanged: no null at the top, integers only. */
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ maxLength: 12 }),
    fc.integer({ min: -1_000_000, max: 1_000_000 }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), tie('value'), { maxKeys: 3 }),
  ),
})).value;

// Python's str.strip() set: authentik trims these from both ends of a CharField.
const PYTHON_WHITESPACE_AT_EDGE = /^[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]|[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;

/** Text authentik stores unchanged: not empty, no NUL (refused), nothing it would trim. */
const storedText = fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }).filter((s) => !s.includes('\u0000') && !PYTHON_WHITESPACE_AT_EDGE.test(s));

/** An arbitrary that yields values a field's schema accepts and authentik keeps as sent. */
function validArbitrary(field: BodyField): fc.Arbitrary<unknown> {
  const schema = field.schema;
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as string[]));
  if (schema.format === 'date-time') {
    return fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString());
  }
  if (schema.type === 'string') {
    const ip = fc.ipV4().filter((addr) => !/(^|\.)0\d/.test(addr));
    return field.name === 'client_ip' ? (schema.nullable ? fc.option(ip, { nil: null }) : ip) : storedText;
  }
  // A JSON object where the schema says so (2025.8's JSONDictField); any JSON but null where it says nothing.
  if (schema.type === 'object') return fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), jsonValue, { maxKeys: 3 });
  return jsonValue.filter((v) => v !== null);
}

function validBody(fields: BodyField[]): fc.Arbitrary<Record<string, unknown>> {
  const required = Object.fromEntries(fields.filter((f) => f.required).map((f) => [f.name, validArbitrary(f)]));
  const optional = Object.fromEntries(fields.filter((f) => !f.required).map((f) => [f.name, validArbitrary(f)]));
  return fc.record({ ...required, ...optional }, { requiredKeys: Object.keys(required) }) as fc.Arbitrary<Record<string, unknown>>;
}

interface InvalidCase {
  rule: string;
  field?: string;
  body?: Record<string, unknown>;
  raw?: string;
}

/** One valid body with one rule broken, or a body that is not an object at all. */
function invalidBody(fields: BodyField[]): fc.Arbitrary<InvalidCase> {
  const perField = fields.flatMap((field) => [
    ...violationsOf(field.schema as SchemaObject).map((violation) => ({ field, violation })),
    ...(field.required ? [{ field, violation: { rule: 'required', value: undefined } }] : []),
  ]);
  const fieldCase = fc.tuple(validBody(fields), fc.constantFrom(...perField)).map(([body, { field, violation }]): InvalidCase => {
    const next = { ...body };
    if (violation.value === undefined) delete next[field.name];
    else next[field.name] = violation.value;
    return { rule: violation.rule, field: field.name, body: next };
  });
  const bodyCase = fc.constantFrom(...BAD_BODIES).map((bad): InvalidCase => ({ rule: bad.rule, raw: bad.raw }));
  return fc.oneof({ weight: 4, arbitrary: fieldCase }, { weight: 1, arbitrary: bodyCase });
}

/** Runs a property; a failure is recorded once, with fast-check's shrunk counter-example as a curl command. */
async function runProperty<T>(ctx: SuiteContext, operationId: string, check: 'generated-valid-body' | 'generated-invalid-body' | 'generated-query', arbitrary: fc.Arbitrary<T>, predicate: (value: T) => Promise<{ ok: boolean; exchange: Exchange; why: string }>) {
  let last: { exchange: Exchange; why: string } | undefined;
  const result = await fc.check(
    fc.asyncProperty(arbitrary, async (value) => {
      const outcome = await predicate(value);
      if (!outcome.ok) last = outcome;
      return outcome.ok;
    }),
    { seed: ctx.seed, numRuns: ctx.runs },
  );
  if (!result.failed) {
    ctx.recorder.pass(operationId, check, `${result.numRuns} generated cases (seed ${ctx.seed})`);
    return;
  }
  // fast-check replays the shrunk counter-example last, so `last` is the smallest failing request.
  const why = last?.why ?? String(result.errorInstance);
  // The cause leaves out the run count and shrink path, which change with --runs; the message keeps them.
  ctx.recorder.fail(operationId, check, `${why} — shrunk counter-example after ${result.numRuns} runs (seed ${ctx.seed}, path "${result.counterexamplePath ?? ''}")`, last?.exchange.curl, { cause: why });
}

/**
 * generated-*: fast-check properties from the spec's schemas. Valid bodies must be created and echoed;
 * bodies with one broken rule must be a 400 naming the field; random list queries must answer 200 with
 * consistent pagination, or 404 for a page that does not exist.
 */
export async function checkGenerated(ctx: SuiteContext): Promise<void> {
  await checkGeneratedBodies(ctx);
  await checkGeneratedQuery(ctx, 'events_system_tasks_list', { ordering: ['name', '-name', 'uid', '-status', 'duration', '-expires', 'nope'], search: ['', 'clean', 'outpost', 'error', 'a b', 'zzz'] });
}

/** generated-valid-body and generated-invalid-body on `events_events_create`. */
export async function checkGeneratedBodies(ctx: SuiteContext): Promise<void> {
  const op = createOperationLookup(ctx.spec);
  const create = op('events_events_create');
  const fields = bodyFields(ctx.spec, create);

  if (!ctx.readOnly) {
    await runProperty(ctx, create.operationId, 'generated-valid-body', validBody(fields), async (body) => {
      const exchange = await ctx.target.call(create, { body });
      const wrong = exchange.status === 201 ? echoes(body, exchange.json) : [];
      return { ok: exchange.status === 201 && wrong.length === 0, exchange, why: `a valid body answered ${exchange.status}${wrong.length ? `, not echoing ${wrong.join(', ')}` : ''} ${exchange.text.slice(0, 160)}` };
    });
    await runProperty(ctx, create.operationId, 'generated-invalid-body', invalidBody(fields), async (testCase) => {
      const exchange = await ctx.target.call(create, testCase.raw !== undefined ? { rawBody: testCase.raw } : { body: testCase.body });
      const body = exchange.json as Record<string, unknown> | undefined;
      const named = testCase.field ? !!body && testCase.field in body : !!body && ('non_field_errors' in body || 'detail' in body);
      return { ok: exchange.status === 400 && named, exchange, why: `${testCase.rule}${testCase.field ? ` on ${testCase.field}` : ''} answered ${exchange.status} ${exchange.text.slice(0, 160)} (expected 400 naming ${testCase.field ?? 'the body'})` };
    });
  }
}

/**
 * generated-query on a paginated list: random `page_size`, `page`, `ordering` (from `terms.ordering`) and
 * `search` (from `terms.search`) answer 200 with DRF's pagination, or 404 for a page that does not exist.
 */
export async function checkGeneratedQuery(ctx: SuiteContext, operationId: string, terms: { ordering: string[]; search: string[] }): Promise<void> {
  const list = createOperationLookup(ctx.spec)(operationId);
  const size = fc.oneof(fc.integer({ min: -2, max: 30 }).map(String), fc.constantFrom('abc', '', ' 5', '+3'));
  const page = fc.oneof(fc.integer({ min: -1, max: 12 }).map(String), fc.constantFrom('last', '1.0', 'x'));
  const ordering = fc.subarray(terms.ordering, { maxLength: 3 }).map((picked) => picked.join(','));
  const search = fc.constantFrom(...terms.search);
  const query = fc.record({ page_size: size, page, ordering, search });
  await runProperty(ctx, list.operationId, 'generated-query', query, async (q) => {
    const exchange = await ctx.target.call(list, { query: q });
    const body = exchange.json as { pagination?: { count: number; current: number } } | undefined;
    if (exchange.status === 404) return { ok: true, exchange, why: '' };
    const parsedSize = /^\s*\+?\d+\s*$/.test(q.page_size) && Number(q.page_size) > 0 ? Number(q.page_size) : 100;
    const pagination = body?.pagination;
    const expected = pagination ? expectedPagination(pagination.count, parsedSize, pagination.current) : undefined;
    const ok = exchange.status === 200 && !!pagination && JSON.stringify(pagination) === JSON.stringify(expected);
    return { ok, exchange, why: `answered ${exchange.status} ${JSON.stringify(pagination)} (expected 200 with ${JSON.stringify(expected)}, or 404 Invalid page.)` };
  });
}
