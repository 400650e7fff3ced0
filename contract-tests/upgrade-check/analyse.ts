import type { BehaviourNotes } from '../../src/versions/behaviour-notes-2025.8';
import { createCheckContext, queryOf, type RequestInContext } from './check-context';
import { checkDrfRules } from './drf-checks';
import { groupObservations, type Finding } from './findings';
import type { JournalRequest } from './journal';
import { checkOperation } from './operation-checks';
import { checkRequest } from './request-checks';
import { checkResponse } from './response-checks';
import type { VersionView } from './version-specs';

export interface UpgradeAnalysis {
  from: string;
  to: string;
  /** Requests in the journal; `checked` of them reached an operation of the source version's spec. */
  requests: number;
  checked: number;
  /** Operations the app used, with how many requests each. */
  operations: Record<string, number>;
  findings: Finding[];
}

/** Every finding for every request the app recorded, grouped (see groupObservations). */
export function analyseJournal(requests: readonly JournalRequest[], from: VersionView, to: VersionView, notes: BehaviourNotes): UpgradeAnalysis {
  const ctx = createCheckContext(from, to, notes);
  const observations = [];
  const operations: Record<string, number> = {};
  let checked = 0;
  for (const request of requests) {
    // The journal names the operation the mock matched; a request it could not match (null) is routed here.
    const fromOp = (request.operationId ? from.operations.get(request.operationId) : undefined) ?? from.route(request.method, request.path)?.operation;
    if (!fromOp) continue; // the admin API, or a path the source version has no operation for
    checked++;
    operations[fromOp.operationId] = (operations[fromOp.operationId] ?? 0) + 1;
    const item: RequestInContext = { request, fromOp, toOp: to.operations.get(fromOp.operationId), query: queryOf(request.url) };
    observations.push(...checkOperation(ctx, item), ...checkRequest(ctx, item), ...checkResponse(ctx, item), ...checkDrfRules(ctx, item));
  }
  return { from: from.version, to: to.version, requests: requests.length, checked, operations, findings: groupObservations(observations) };
}
