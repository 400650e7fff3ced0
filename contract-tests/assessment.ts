import { compareWithBaseline, type Baseline, type BaselineComparison } from './baseline';
import { groupFindings, type Finding } from './findings';
import type { Result } from './results';

/** A run's results judged once, so that the text report, JUnit, Markdown, JSON and the exit code agree. */
export interface Assessment extends BaselineComparison {
  results: Result[];
  /** Every finding, failures and warnings, in the order first seen. */
  findings: Finding[];
  warnings: Finding[];
  baselineFile?: string;
  /** True when no failure is new: every failure is in the baseline (or there are none). */
  passed: boolean;
  totals: Record<Result['outcome'], number>;
}

export function assess(results: Result[], baseline?: Baseline): Assessment {
  const findings = groupFindings(results);
  const comparison = compareWithBaseline(findings, results, baseline);
  const totals = { pass: 0, fail: 0, warn: 0, skip: 0 };
  for (const result of results) totals[result.outcome]++;
  return {
    results,
    findings,
    warnings: findings.filter((finding) => finding.outcome === 'warn'),
    ...comparison,
    ...(baseline ? { baselineFile: baseline.file } : {}),
    passed: comparison.newFailures.length === 0,
    totals,
  };
}

/** `failed: 2 findings` / `passed` / `passed: 2 known findings in the baseline`: the run's verdict in words. */
export function toVerdict(assessment: Assessment): string {
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  if (!assessment.passed) return assessment.baselineFile ? `failed: ${plural(assessment.newFailures.length, 'new finding')} not in the baseline` : `failed: ${plural(assessment.newFailures.length, 'finding')}`;
  if (assessment.known.length > 0) return `passed: ${plural(assessment.known.length, 'known finding')} in the baseline`;
  return 'passed';
}
