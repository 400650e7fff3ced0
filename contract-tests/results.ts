import { VERIFY_CHECKS } from '../src/verify/verify-checks';

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
  'permission-viewer',
  'permission-none',
  // Added with authentik 2025.8's suite: whether the target has each operation of the spec at all, and the tasks API.
  'reachability',
  'task-retry',
  'schedule-update',
  'schedule-send',
  'workers',
  // `authentik-events-mock verify`: whether the target and the mock answer one request alike.
  ...VERIFY_CHECKS,
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
  /** The JSON path in the response body that a response-schema failure is about (`/results/3/uid`). */
  path?: string;
  /**
   * The message without what differs from one instance to the next (the URL, the id): results of one check
   * and operation with the same cause and path are one finding (see findings.ts). Defaults to the message.
   */
  cause?: string;
}

/** What makes two results one finding, where the message alone would tell them apart. */
export interface FindingKeyParts {
  path?: string;
  cause?: string;
}

/**
 * How long each recorded result took: the wall-clock milliseconds from the recorder's previous result (or its
 * creation) to this one, i.e. the requests and work that led to it. Kept beside the result, not in it, so that
 * results stay plain data; a result made elsewhere has no duration (0).
 */
const durations = new WeakMap<Result, number>();

export const durationMs = (result: Result): number => durations.get(result) ?? 0;

/** Collects results; the report and the exit code are computed from them. */
export class Recorder {
  readonly results: Result[] = [];

  private last = performance.now();

  record(operationId: string, check: CheckName, outcome: Outcome, message: string, curl?: string, key: FindingKeyParts = {}): void {
    const result: Result = { operationId, check, outcome, message, ...(curl ? { curl } : {}), ...(key.path !== undefined ? { path: key.path } : {}), ...(key.cause !== undefined ? { cause: key.cause } : {}) };
    const now = performance.now();
    durations.set(result, now - this.last);
    this.last = now;
    this.results.push(result);
  }

  pass(operationId: string, check: CheckName, message: string): void {
    this.record(operationId, check, 'pass', message);
  }

  fail(operationId: string, check: CheckName, message: string, curl?: string, key?: FindingKeyParts): void {
    this.record(operationId, check, 'fail', message, curl, key);
  }

  /** Records pass or fail from a condition; returns the condition. */
  expect(condition: boolean, operationId: string, check: CheckName, message: string, curl?: string, key?: FindingKeyParts): boolean {
    this.record(operationId, check, condition ? 'pass' : 'fail', message, condition ? undefined : curl, condition ? {} : key);
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
