import { toVerdict, type Assessment } from './assessment';
import type { BaselineEntry } from './baseline';
import { formatFinding, type Finding } from './findings';
import { CHECKS, formatResult, type Result } from './results';

export type Counts = Record<Result['outcome'], number>;

/** Per operation and check: how many passed, failed, warned, were skipped; sorted by operation, then check. */
export function summarise(results: readonly Result[]): Array<{ operationId: string; check: string; counts: Counts }> {
  const table = new Map<string, Map<string, Counts>>();
  for (const result of results) {
    const byCheck = table.get(result.operationId) ?? new Map<string, Counts>();
    const counts = byCheck.get(result.check) ?? { pass: 0, fail: 0, warn: 0, skip: 0 };
    counts[result.outcome]++;
    byCheck.set(result.check, counts);
    table.set(result.operationId, byCheck);
  }
  return [...table]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([operationId, byCheck]) =>
      [...byCheck].sort(([a], [b]) => CHECKS.indexOf(a as never) - CHECKS.indexOf(b as never)).map(([check, counts]) => ({ operationId, check, counts })),
    );
}

/** The curl of the first instance that has one: the finding's reproduction. */
export function exampleCurl(finding: Finding): string | undefined {
  return finding.instances.find((result) => result.curl)?.curl;
}

export const formatEntry = (entry: BaselineEntry): string => `[${entry.check}] ${entry.operationId}${entry.path !== undefined ? ` ${entry.path}` : ''}: ${entry.message}`;

/**
 * The readable report: the table per operation and check, then each finding once with its count and one
 * curl (every instance with `verbose`), sorted into new / known / not seen when a baseline is given.
 */
export function formatReport(assessment: Assessment, options: { verbose?: boolean } = {}): string {
  const lines: string[] = [];
  const width = { op: 32, check: 24 };
  lines.push(`${'operation'.padEnd(width.op)} ${'check'.padEnd(width.check)} passed failed warnings`);
  for (const { operationId, check, counts } of summarise(assessment.results)) {
    const skipped = counts.skip ? ` (${counts.skip} skipped)` : '';
    lines.push(`${operationId.padEnd(width.op)} ${check.padEnd(width.check)} ${String(counts.pass).padStart(6)} ${String(counts.fail).padStart(6)} ${String(counts.warn).padStart(8)}${skipped}`);
  }
  const section = (title: string, findings: Finding[], note: (finding: Finding) => string = () => '') => {
    if (findings.length === 0) return;
    lines.push('', title);
    for (const finding of findings) {
      lines.push(`${formatFinding(finding)}${note(finding)}`);
      const curl = exampleCurl(finding);
      if (curl) lines.push(`    ${curl}`);
      if (!options.verbose) continue;
      for (const result of finding.instances) {
        lines.push(`      ${formatResult(result)}`);
        if (result.curl) lines.push(`        ${result.curl}`);
      }
    }
  };
  const reasons = new Map(assessment.known.map(({ finding, entry }) => [finding, entry.reason]));
  if (assessment.baselineFile) {
    section('new findings (not in the baseline; these fail the run):', assessment.newFailures);
    section(`known findings (in ${assessment.baselineFile}):`, assessment.known.map(({ finding }) => finding), (finding) => ` — ${reasons.get(finding)}`);
    if (assessment.fixed.length > 0) lines.push('', `baseline entries checked but not seen in this run (${assessment.baselineFile} lists known deviations of a server: remove an entry only if this target is that server and the deviation is gone):`, ...assessment.fixed.map(formatEntry));
    if (assessment.notChecked.length > 0) lines.push('', 'baseline entries not checked in this run:', ...assessment.notChecked.map(formatEntry));
  } else {
    section('findings:', assessment.newFailures);
  }
  section('warnings (these do not fail the run):', assessment.warnings);
  const { pass, fail, warn, skip } = assessment.totals;
  const failedFindings = assessment.newFailures.length + assessment.known.length;
  lines.push(
    '',
    `warnings: ${warn}${warn > 0 ? ` in ${assessment.warnings.length} ${assessment.warnings.length === 1 ? 'finding' : 'findings'}` : ''}`,
    `contract: ${pass} passed, ${fail} failed${fail > 0 ? ` in ${failedFindings} ${failedFindings === 1 ? 'finding' : 'findings'}` : ''}, ${skip} skipped`,
    `verdict: ${toVerdict(assessment)}`,
  );
  return lines.join('\n');
}
