import type { Journal, JournalRecord } from '../mock-control/journal';
import type { Runtime } from '../mock-control/runtime';
import type { CoreOutcome, CoreRequest } from './core-types';
import type { Log, Responder } from './respond';
import type { RouteTable } from './route-table';

/**
 * Sends an API request on to a real authentik (`--upstream`, `--proxy`: src/upstream) and answers it, or
 * returns undefined to leave it to the mock. `corsHeaders` are the mock's CORS decision for the request:
 * the browser talks to the mock, so the mock's CORS applies, not the upstream's.
 */
export type Forwarder = (request: CoreRequest, path: string, corsHeaders: readonly string[], session: ForwardingSession) => Promise<CoreOutcome> | undefined;

/** The session the request named (issue 18): the state `--proxy` records rows into, and the journal. */
export interface ForwardingSession {
  name: string;
  runtime: Runtime;
  journal: Journal;
}

/** What of the core a forwarder works with: the writer, the mock's own routes, the log. */
export interface ForwarderParts {
  responder: Responder;
  /** The routes of the mock's own API spec (under /api/v3): the operations it implements. */
  ownRoutes: RouteTable;
  onRequest?: (record: JournalRecord) => void;
  log: Log;
}

/** Built by a Node host from its configuration; the core calls it once with its parts. */
export type ForwarderFactory = (parts: ForwarderParts) => Forwarder;
