/**
 * The request core's plain values: what every host (Node http/Express, Connect middleware, fetch, MSW) turns
 * its own request into, and what it gets back. No Node or framework types, so the core also runs in a browser.
 */

import type { RequestHeaders } from '../registry/operation-registry';

/** Header values as Node delivers them: names in lower case, a repeated header as a list. */
export type CoreHeaders = RequestHeaders;

export interface CoreRequest {
  method: string;
  /** The path with its query string, as sent: `/api/v3/events/events/?page=2`. */
  url: string;
  headers: CoreHeaders;
  /** The body's bytes; undefined when the request has none. */
  body?: Uint8Array;
  /** The host stopped reading a body longer than the limit; the core answers 413 where DRF would read it. */
  bodyTooLarge?: boolean;
}

export interface CoreResponse {
  status: number;
  /** `[name, value, name, value, …]`: the shape Node's `writeHead` takes in one call, its fast path. */
  headers: string[];
  /** JSON or HTML text, or none (204, HEAD, an empty 405). */
  body?: string;
  /**
   * A body sent as it comes (the journal's server-sent events), in place of `body`: the host writes each chunk
   * when it arrives and calls `return()` on the iterator when the client goes away.
   */
  stream?: AsyncIterable<string>;
}

/** The answer to a request whose connection an injected fault drops: the host closes it without a response. */
export interface DroppedConnection {
  dropConnection: true;
}

export type CoreOutcome = CoreResponse | DroppedConnection;

/** One mock: a function from a request to its answer. */
export type HandleRequest = (request: CoreRequest) => Promise<CoreOutcome>;

export function isDropped(outcome: CoreOutcome): outcome is DroppedConnection {
  return (outcome as DroppedConnection).dropConnection === true;
}

/** A header's value as one string (a repeated header joined by `, `, as HTTP allows). */
export function headerValue(headers: CoreHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
