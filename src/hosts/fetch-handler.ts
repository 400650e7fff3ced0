import { createMockAdmin, type MockAdmin } from '../core/admin-client';
import type { MockCore } from '../core/create-core';
import { isDropped, type CoreOutcome, type CoreRequest } from '../core/core-types';
import { createBundledMock, type BundledMockOptions } from './bundled-mock';
import { toReadableStream } from './readable-stream';

/** A WHATWG fetch handler, with the admin API as methods and the mock itself beside it. */
export type FetchHandler = ((request: Request) => Promise<Response>) & { admin: MockAdmin; mock: MockCore };

/** The plain request the core takes, from a WHATWG `Request`. */
export async function toCoreRequest(request: Request): Promise<CoreRequest> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const body = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
  return { method: request.method, url: `${url.pathname}${url.search}`, headers, body };
}

/** The WHATWG `Response` for the core's answer; a dropped connection is `Response.error()`, a network error to fetch. */
export function toFetchResponse(outcome: CoreOutcome): Response {
  if (isDropped(outcome)) return Response.error();
  const headers = new Headers();
  for (let i = 0; i < outcome.headers.length; i += 2) headers.append(outcome.headers[i]!, outcome.headers[i + 1]!);
  return new Response(outcome.stream ? toReadableStream(outcome.stream) : (outcome.body ?? null), { status: outcome.status, headers });
}

/**
 * The mock as `(Request) => Promise<Response>`, for a service worker, a Cloudflare-style worker, Deno or
 * Bun. Built from the bundled spec and fixtures: nothing in its imports needs Node. A fault that drops the
 * connection answers `Response.error()`, which fetch reports as a network error.
 */
export function createFetchHandler(options: BundledMockOptions = {}, log?: (line: string) => void): FetchHandler {
  // `log` takes the core's lines (a reproduced authentik crash) in place of the console.
  const mock = createBundledMock(options, log);
  const handler = async (request: Request): Promise<Response> => toFetchResponse(await mock.handle(await toCoreRequest(request)));
  return Object.assign(handler, { admin: createMockAdmin(mock.handle, options.adminToken), mock });
}
