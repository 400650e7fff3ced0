import { createOperationLookup, idParams, sameInstant, sameJson, type SuiteContext } from '../suite-context';
import { isStored } from './event-fixtures';
import { bodyFields, minimalValidBody, validValue } from './request-bodies';

/** Sent values that the response must show back: JSON compared without key order, date-times as instants. */
export function echoes(sent: Record<string, unknown>, received: unknown): string[] {
  const body = received as Record<string, unknown> | undefined;
  if (!body) return Object.keys(sent);
  return Object.entries(sent)
    .filter(([name, value]) => {
      const got = body[name];
      if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) return !sameInstant(value, got);
      return !sameJson(value, got);
    })
    .map(([name]) => name);
}

/**
 * positive-data: valid bodies are accepted — every `action` value, optional fields present and absent —
 * with 201 on create and 200 on update, and the response shows what was sent.
 */
export async function checkPositiveData(ctx: SuiteContext): Promise<void> {
  if (ctx.readOnly) return;
  const operationFor = createOperationLookup(ctx.spec);
  const create = operationFor('events_events_create');
  const fields = bodyFields(ctx.spec, create);
  const minimal = minimalValidBody(fields);
  const accept = async (operationId: string, label: string, body: Record<string, unknown>, params: Record<string, string> = {}) => {
    const operation = operationFor(operationId);
    const exchange = await ctx.target.call(operation, { body, params });
    const expected = operation.method === 'POST' ? 201 : 200;
    const wrong = exchange.status === expected ? echoes(body, exchange.json) : [];
    ctx.recorder.expect(
      exchange.status === expected && wrong.length === 0,
      operationId,
      'positive-data',
      `${label}: answered ${exchange.status}${wrong.length ? `, fields not echoed: ${wrong.join(', ')}` : ''} (expected ${expected} showing what was sent)`,
      exchange.curl,
    );
    return exchange.json as Record<string, unknown> | undefined;
  };

  const actionField = fields.find((f) => Array.isArray(f.schema.enum));
  for (const value of (actionField?.schema.enum as string[] | undefined) ?? []) {
    await accept('events_events_create', `${actionField!.name}=${value}`, { ...minimal, [actionField!.name]: value });
  }
  const everyField = Object.fromEntries(fields.map((f) => [f.name, f.name === 'client_ip' ? '192.0.2.44' : validValue(f.schema)]));
  const full = await accept('events_events_create', 'every optional field present', everyField);
  await accept('events_events_create', 'only required fields', minimal);
  if (!full) return;
  if (!(await isStored(ctx, full))) {
    for (const operationId of ['events_events_partial_update', 'events_events_update']) ctx.recorder.record(operationId, 'positive-data', 'skip', 'the created event is not stored, so there is nothing to update (see lifecycle)');
    return;
  }
  const params = idParams(operationFor('events_events_partial_update'), String(full.pk));
  for (const field of fields.filter((f) => !f.required)) {
    const value = field.name === 'client_ip' ? '198.51.100.7' : field.schema.format === 'date-time' ? '2032-01-02T03:04:05Z' : validValue(field.schema);
    await accept('events_events_partial_update', `PATCH ${field.name} alone`, { [field.name]: value }, params);
  }
  await accept('events_events_update', 'PUT with the required fields', minimal, params);
}
