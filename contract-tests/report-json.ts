import { toVerdict, type Assessment } from './assessment';
import type { Finding } from './findings';

/** What the run was: printed in every report's header and kept in the JSON report. */
export interface RunInfo {
  baseUrl: string;
  /** The version whose spec, checks and baseline the run used. */
  authentikVersion?: string;
  seed: number;
  runs: number;
  readOnly: boolean;
  strict: boolean;
  /** Which of the restricted tokens were given (never their values). */
  viewerToken: boolean;
  noPermissionToken: boolean;
}

const toJsonFinding = (finding: Finding, status: 'new' | 'known' | 'warning', reason?: string) => ({
  status,
  check: finding.check,
  operationId: finding.operationId,
  ...(finding.path !== undefined ? { path: finding.path } : {}),
  message: finding.message,
  count: finding.instances.length,
  ...(reason !== undefined ? { reason } : {}),
  instances: finding.instances.map((result) => ({ message: result.message, ...(result.curl ? { curl: result.curl } : {}) })),
});

/** The whole run for machines (`--report-json`): settings, verdict, totals, findings by status, every result. `verify` gives its own settings. */
export function toJsonReport<Run extends object = RunInfo>(assessment: Assessment, run: Run): string {
  return `${JSON.stringify(
    {
      run,
      passed: assessment.passed,
      verdict: toVerdict(assessment),
      totals: { passed: assessment.totals.pass, failed: assessment.totals.fail, warnings: assessment.totals.warn, skipped: assessment.totals.skip },
      ...(assessment.baselineFile ? { baseline: assessment.baselineFile } : {}),
      findings: [
        ...assessment.newFailures.map((finding) => toJsonFinding(finding, 'new')),
        ...assessment.known.map(({ finding, entry }) => toJsonFinding(finding, 'known', entry.reason)),
        ...assessment.warnings.map((finding) => toJsonFinding(finding, 'warning')),
      ],
      fixed: assessment.fixed,
      notChecked: assessment.notChecked,
      results: assessment.results,
    },
    null,
    2,
  )}\n`;
}
