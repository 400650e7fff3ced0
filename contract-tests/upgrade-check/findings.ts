import type { JournalRequest } from './journal';

/**
 * `breaking`: the app's recorded use will fail or read something else after the upgrade (a removed operation
 * or parameter, a request the new schema rejects, a removed response key, a message the app got that changes).
 * `notice`: worth knowing, nothing the app did breaks (added response keys, new optional parameters).
 */
export type Severity = 'breaking' | 'notice';

export type FindingKind =
  | 'removed-operation'
  | 'removed-parameter'
  | 'new-parameter'
  | 'new-required-parameter'
  | 'new-required-field'
  | 'new-validation'
  | 'response-key-removed'
  | 'response-key-added'
  | 'response-type-changed'
  | 'changed-message'
  | 'changed-search'
  | 'changed-meaning';

/** Where a finding was read from, so a reader can tell spec facts from the hand-kept notes. */
export type Basis = 'spec' | 'drf-rules' | 'behaviour-notes';

/** The app's own request, as the journal recorded it; `detail` says what about this one request matters. */
export interface RecordedRequest {
  method: string;
  url: string;
  status: number;
  timestamp: string;
  operationId: string | null;
  detail?: string;
}

/** What one check found about one request, before grouping. */
export interface Observation {
  severity: Severity;
  kind: FindingKind;
  operationId: string;
  /** What changed: a parameter, a field, a response key path, a message; with operationId and kind, the group. */
  subject: string;
  message: string;
  basis: Basis;
  /** The reference line a behaviour note cites. */
  cite?: string;
  request: JournalRequest;
  detail?: string;
}

/** One change the app meets, with every request of its that meets it. */
export interface Finding extends Omit<Observation, 'request' | 'detail'> {
  requests: RecordedRequest[];
}

export const recorded = (request: JournalRequest, detail?: string): RecordedRequest => ({
  method: request.method,
  url: request.url,
  status: request.status,
  timestamp: request.timestamp,
  operationId: request.operationId,
  ...(detail === undefined ? {} : { detail }),
});

/**
 * One finding per operation × kind × subject, in the order first met, breaking ones first: an app that calls
 * one operation a hundred times reads one finding listing those calls, not a hundred.
 */
export function groupObservations(observations: readonly Observation[]): Finding[] {
  const groups = new Map<string, Finding>();
  const seen = new Map<Finding, Set<JournalRequest>>();
  for (const o of observations) {
    const key = `${o.operationId}\u0000${o.kind}\u0000${o.subject}`;
    let group = groups.get(key);
    if (!group) {
      group = { severity: o.severity, kind: o.kind, operationId: o.operationId, subject: o.subject, message: o.message, basis: o.basis, ...(o.cite ? { cite: o.cite } : {}), requests: [] };
      groups.set(key, group);
      seen.set(group, new Set());
    }
    // The same request seen twice by one check (a body with two bad values in one field) is listed once.
    const requests = seen.get(group)!;
    if (!requests.has(o.request)) group.requests.push(recorded(o.request, o.detail));
    requests.add(o.request);
  }
  const all = [...groups.values()];
  return [...all.filter((f) => f.severity === 'breaking'), ...all.filter((f) => f.severity === 'notice')];
}
