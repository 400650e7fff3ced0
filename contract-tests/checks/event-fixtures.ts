import type { SuiteContext } from '../suite-context';
import { createOperationLookup, idParams } from '../suite-context';
import { bodyFields, minimalValidBody } from './request-bodies';

/**
 * Creates an event for a check that needs one to work on; undefined when the server will not create it or
 * does not keep it. A check that needs an object then skips: losing the object is lifecycle's finding, and
 * reporting it again under every check that needed it would bury the cause.
 */
export async function createEvent(ctx: SuiteContext, extra: Record<string, unknown> = {}): Promise<Record<string, unknown> | undefined> {
  const create = createOperationLookup(ctx.spec)('events_events_create');
  const body = { ...minimalValidBody(bodyFields(ctx.spec, create)), app: 'contract-suite', ...extra };
  const exchange = await ctx.target.call(create, { body });
  const event = exchange.status === 201 && typeof exchange.json === 'object' ? (exchange.json as Record<string, unknown>) : undefined;
  return event && (await isStored(ctx, event)) ? event : undefined;
}

/** Whether the server gives the event back by its pk. */
export async function isStored(ctx: SuiteContext, event: Record<string, unknown>): Promise<boolean> {
  const retrieve = createOperationLookup(ctx.spec)('events_events_retrieve');
  const exchange = await ctx.target.call(retrieve, { params: idParams(retrieve, String(event.pk)) });
  return exchange.status === 200;
}
