import type { PlannedRequest } from './request-plan';

/** What verify compares of one answer. */
export interface Answer {
  status: number;
  contentType: string | null;
  allow: string | null;
  body: string;
}

/** One side of the comparison: the target over the network, or the in-process mock. */
export type Side = (request: PlannedRequest) => Promise<Answer>;

/** An answer that never came (a reset connection, a timeout): a difference of its own, not a crash. */
export class NoAnswer extends Error {}

/**
 * A side that sends requests with `send` (global fetch for the target, the mock's fetch handler for the
 * in-process mock) to `root`, with the token as a bearer token and nothing else that could make the two
 * sides answer differently.
 */
export function createSide(root: string, token: string, send: (request: Request) => Promise<Response>, timeoutMs = 30_000): Side {
  return async (planned) => {
    try {
      const headers: Record<string, string> = { Authorization: `Bearer ${token}`, ...(planned.body !== undefined ? { 'Content-Type': 'application/json' } : {}) };
      const response = await send(new Request(`${root}${planned.path}`, { method: planned.method, headers, body: planned.body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) }));
      return { status: response.status, contentType: response.headers.get('content-type'), allow: response.headers.get('allow'), body: await response.text() };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      throw new NoAnswer(`${planned.method} ${root}${planned.path}: ${cause?.code ?? (error as Error).message}`);
    }
  };
}
