import type { SuiteContext } from '../suite-context';
import { createOperationLookup } from '../suite-context';
import { bodyFields, minimalValidBody } from './request-bodies';

/** Creates an event for a check that needs one; undefined (and a failure recorded by conformance) when the server will not. */
export async function createEvent(ctx: SuiteContext, extra: Record<string, unknown> = {}): Promise<Record<string, unknown> | undefined> {
  const create = createOperationLookup(ctx.spec)('events_events_create');
  const body = { ...minimalValidBody(bodyFields(ctx.spec, create)), app: 'contract-suite', ...extra };
  const exchange = await ctx.target.call(create, { body });
  return exchange.status === 201 && typeof exchange.json === 'object' ? (exchange.json as Record<string, unknown>) : undefined;
}
