/** The named checks of the contract suite; every result and failure message carries one. */
export const CHECKS = [
  'status-code',
  'content-type',
  'response-schema',
  'headers',
  'auth-enforced',
  'negative-data',
  'positive-data',
  'lifecycle',
  'task-run',
  'list-actions',
  'pagination',
  'filters',
  'search',
  'ordering',
  'generated-valid-body',
  'generated-invalid-body',
  'generated-query',
] as const;
export type CheckName = (typeof CHECKS)[number];

export type Outcome = 'pass' | 'fail' | 'warn' | 'skip';

export interface Result {
  operationId: string;
  check: CheckName;
  outcome: Outcome;
  message: string;
  /** The request that shows the problem, ready to paste. */
  curl?: string;
  /** Results with the same group are one finding seen several times (e.g. `404 undocumented`); the report folds them. */
  group?: string;
}

/** Collects results; the report and the exit code are computed from them. */
export class Recorder {
  readonly results: Result[] = [];

  record(operationId: string, check: CheckName, outcome: Outcome, message: string, curl?: string, group?: string): void {
    this.results.push({ operationId, check, outcome, message, ...(curl ? { curl } : {}), ...(group ? { group } : {}) });
  }

  pass(operationId: string, check: CheckName, message: string): void {
    this.record(operationId, check, 'pass', message);
  }

  fail(operationId: string, check: CheckName, message: string, curl?: string): void {
    this.record(operationId, check, 'fail', message, curl);
  }

  /** Records pass or fail from a condition; returns the condition. */
  expect(condition: boolean, operationId: string, check: CheckName, message: string, curl?: string): boolean {
    this.record(operationId, check, condition ? 'pass' : 'fail', message, condition ? undefined : curl);
    return condition;
  }

  get failures(): Result[] {
    return this.results.filter((r) => r.outcome === 'fail');
  }
}

/** `FAIL [check] operationId: message`, the form every failure takes in the report. */
export function formatResult(result: Result): string {
  return `${result.outcome.toUpperCase()} [${result.check}] ${result.operationId}: ${result.message}`;
}
