import { assertOrjsonWritable } from '../python/orjson-limits';

/**
 * Throws `OrjsonWriteError` where authentik's renderer could not write this event at `level` of an answer
 * (1: the event is the body; 3: a list page's result): a JSON field nested too deep, or holding an int
 * beyond 64 bits. authentik then fails with its 500 (decision 012).
 */
export function assertEventRenderable(event: { user?: unknown; context?: unknown; brand?: unknown }, level: number): void {
  assertOrjsonWritable(event.user, level + 1);
  assertOrjsonWritable(event.context, level + 1);
  assertOrjsonWritable(event.brand, level + 1);
}
