import type { CheckName, Result } from './results';

/**
 * One cause behind failures or warnings: every result with the same check, operationId, JSON path (array
 * indexes as `*`) and message. A real authentik's `uid: null` gives one failure per task row; it is one finding.
 */
export interface Finding {
  check: CheckName;
  operationId: string;
  /** The JSON path in the body with array indexes as `*`; absent for checks that are not about a place in a body. */
  path?: string;
  /** The cause, the same for every instance (no URL, id or timestamp). */
  message: string;
  outcome: 'fail' | 'warn';
  /** Every result of this cause in the order seen; the first is the example the report shows. */
  instances: Result[];
}

/** The identity of a finding: what a baseline entry is matched by. */
export type FindingKey = Pick<Finding, 'check' | 'operationId' | 'path' | 'message'>;

// What differs between instances of one cause inside a message: ids and instants of the server's data.
const INSTANCE_DETAIL: Array<[RegExp, string]> = [
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '{uuid}'],
  [/\b[0-9a-f]{32}\b/gi, '{hex}'],
  [/\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?/g, '{date-time}'],
];

/** A JSON path with every array index replaced by `*`, so that row 3 and row 40 are one place. */
export function toFindingPath(path: string): string {
  return path.replace(/\/\d+(?=\/|$)/g, '/*');
}

export function toFindingMessage(result: Result): string {
  return INSTANCE_DETAIL.reduce((text, [pattern, placeholder]) => text.replace(pattern, placeholder), result.cause ?? result.message);
}

export function toFindingKey(result: Result): FindingKey {
  return { check: result.check, operationId: result.operationId, ...(result.path !== undefined ? { path: toFindingPath(result.path) } : {}), message: toFindingMessage(result) };
}

/** One string per finding identity, for maps and sets. */
export function findingId(key: FindingKey): string {
  return JSON.stringify([key.check, key.operationId, key.path ?? null, key.message]);
}

/** Failures and warnings folded into findings, in the order their first instance was recorded. */
export function groupFindings(results: readonly Result[]): Finding[] {
  const byId = new Map<string, Finding>();
  for (const result of results) {
    if (result.outcome !== 'fail' && result.outcome !== 'warn') continue;
    const key = toFindingKey(result);
    // A warning under one cause and a failure under another are different findings, even on one key.
    const id = `${result.outcome} ${findingId(key)}`;
    const seen = byId.get(id);
    if (seen) seen.instances.push(result);
    else byId.set(id, { ...key, outcome: result.outcome, instances: [result] });
  }
  return [...byId.values()];
}

/** `FAIL [check] operationId /path: message`, the line a finding takes in every report. */
export function formatFinding(finding: Finding): string {
  const count = finding.instances.length;
  return `${finding.outcome.toUpperCase()} [${finding.check}] ${finding.operationId}${finding.path !== undefined ? ` ${finding.path}` : ''}: ${finding.message}${count > 1 ? ` (${count} times)` : ''}`;
}
