import { createOperationLookup, idParams, sameJson, type SuiteContext } from '../suite-context';
import { BAD_BODIES, bodyFields, minimalValidBody, violationsOf } from './request-bodies';
import { createEvent } from './event-fixtures';

const WRITE_OPERATIONS = ['events_events_create', 'events_events_update', 'events_events_partial_update'];

/**
 * negative-data: for every constraint the request schemas state (required, enum, minLength, nullable,
 * date-time, JSON type) and for bodies that are not objects or not JSON, the server answers 400 and names
 * the field (or `non_field_errors`/`detail` for the body as a whole), and the stored event is unchanged.
 */
export async function checkNegativeData(ctx: SuiteContext): Promise<void> {
  if (ctx.readOnly) return;
  const operationFor = createOperationLookup(ctx.spec);
  const event = await createEvent(ctx);
  const retrieve = operationFor('events_events_retrieve');
  for (const operationId of WRITE_OPERATIONS) {
    const operation = operationFor(operationId);
    const fields = bodyFields(ctx.spec, operation);
    const isDetail = operation.path.includes('{');
    if (isDetail && !event) {
      ctx.recorder.record(operationId, 'negative-data', 'skip', 'no event could be created and read back to update');
      continue;
    }
    const params = isDetail ? idParams(operation, String(event!.pk)) : {};
    const base = minimalValidBody(bodyFields(ctx.spec, operationFor('events_events_create')));
    const expect400 = async (rule: string, field: string | undefined, options: { body?: unknown; rawBody?: string }) => {
      const exchange = await ctx.target.call(operation, { params, ...options });
      const body = exchange.json as Record<string, unknown> | undefined;
      const named = field === undefined ? body !== undefined && ('non_field_errors' in body || 'detail' in body) : body !== undefined && field in body;
      ctx.recorder.expect(
        exchange.status === 400 && named,
        operationId,
        'negative-data',
        `${rule}${field ? ` on ${field}` : ''}: answered ${exchange.status} ${exchange.text.slice(0, 160)} (expected 400 naming ${field ?? 'the body'})`,
        exchange.curl,
      );
    };
    for (const field of fields) {
      if (field.required && operation.method !== 'PATCH') {
        const { [field.name]: _omitted, ...rest } = base;
        await expect400('required', field.name, { body: rest });
      }
      for (const violation of violationsOf(field.schema)) {
        await expect400(violation.rule, field.name, { body: { ...base, [field.name]: violation.value } });
      }
    }
    for (const bad of BAD_BODIES) await expect400(bad.rule, undefined, { rawBody: bad.raw });
  }
  if (event) {
    const after = await ctx.target.call(retrieve, { params: idParams(retrieve, String(event.pk)) });
    ctx.recorder.expect(
      after.status === 200 && sameJson(after.json, event),
      'events_events_retrieve',
      'negative-data',
      'rejected updates left the event unchanged',
      after.curl,
    );
  }
}
