import type { Assessment } from '../../contract-tests/assessment';
import { formatFinding, type Finding } from '../../contract-tests/findings';
import { exampleCurl } from '../../contract-tests/report';
import type { SummaryLabels } from '../../contract-tests/summary-md';
import { MOCK_ROOT } from './verify';

/** How the shared Markdown writer words verify's summary. */
export const VERIFY_SUMMARY: SummaryLabels = { title: 'verify', tokens: '"$AUTHENTIK_TOKEN"', findings: 'Differences', warnings: 'Known differences (README, "Where the mock knowingly differs"; not counted)' };

/** The requests (by their curl pair, which names the request) that a set of findings covers. */
const requestsOf = (findings: readonly Finding[]) => new Set(findings.flatMap((finding) => finding.instances.map((result) => result.curl ?? result.message))).size;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * The text report: each kind of difference once, with how often it happened, one example and a curl for
 * each side, then the known differences apart, then the verdict. `header` says what was compared.
 */
export function formatVerifyReport(assessment: Assessment, header: string, total: number, resolvedByResync: number): string {
  const lines = [header];
  const section = (title: string, findings: readonly Finding[]) => {
    if (findings.length === 0) return;
    lines.push('', title);
    for (const finding of findings) {
      lines.push(formatFinding(finding), `  e.g. ${finding.instances[0]!.message}`);
      for (const curl of (exampleCurl(finding) ?? '').split('\n').filter(Boolean)) lines.push(`  ${curl}`);
    }
  };
  section(`differences (${plural(assessment.newFailures.length, 'kind')}, in ${plural(requestsOf(assessment.newFailures), 'request')}; the second curl is for \`authentik-events-mock --scenario RECORDING\` on ${MOCK_ROOT}):`, assessment.newFailures);
  section(`known differences (README, "Where the mock knowingly differs"; not counted): ${plural(assessment.warnings.length, 'kind')}, in ${plural(requestsOf(assessment.warnings), 'request')}:`, assessment.warnings);
  const differing = requestsOf(assessment.newFailures);
  lines.push(
    '',
    ...(resolvedByResync > 0 ? [`${plural(resolvedByResync, 'request')} differed until the target was recorded again (its rows changed during the run): not counted`] : []),
    differing === 0 ? `verdict: no difference in ${plural(total, 'request')}` : `verdict: ${differing} of ${plural(total, 'request')} answered differently (${plural(assessment.newFailures.length, 'kind')} of difference)`,
  );
  return lines.join('\n');
}
