import type { Assessment } from './assessment';
import { formatFinding, type Finding } from './findings';
import { exampleCurl, summarise } from './report';
import { durationMs } from './results';

const xml = (text: string) => text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

const describeFinding = (finding: Finding) => {
  const curl = exampleCurl(finding);
  return `${formatFinding(finding)}${curl ? `\n    ${curl}` : ''}`;
};

/**
 * JUnit XML: a test suite per operation and a test case per check, so that a CI page lists `operationId`
 * × check. A case fails with its new findings (grouped, one curl each); a case whose failures are all in
 * the baseline is skipped with the baseline's reasons; warnings and known findings go to system-out. Each
 * element's `time` is the measured seconds of its results (see durationMs), to the millisecond.
 */
export function toJUnit(assessment: Assessment, suiteName = 'contract'): string {
  const findingsOf = (operationId: string, check: string, findings: Finding[]) => findings.filter((f) => f.operationId === operationId && f.check === check);
  const known = assessment.known.map(({ finding }) => finding);
  const reasons = new Map(assessment.known.map(({ finding, entry }) => [finding, entry.reason]));
  const rows = summarise(assessment.results);
  const operations = [...new Set(rows.map((row) => row.operationId))];
  // JUnit's time is in seconds; three decimals are milliseconds.
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const timeOf = (operationId: string, check?: string) => assessment.results.filter((r) => r.operationId === operationId && (check === undefined || r.check === check)).reduce((sum, r) => sum + durationMs(r), 0);
  let failedCases = 0;
  let skippedCases = 0;
  const suites = operations.map((operationId) => {
    const cases = rows.filter((row) => row.operationId === operationId);
    let failures = 0;
    let skipped = 0;
    const elements = cases.map(({ check, counts }) => {
      const open = `    <testcase classname="${xml(operationId)}" name="${xml(check)}" time="${seconds(timeOf(operationId, check))}"`;
      const fresh = findingsOf(operationId, check, assessment.newFailures);
      const accepted = findingsOf(operationId, check, known);
      const notes = [
        ...accepted.map((finding) => `KNOWN (baseline: ${reasons.get(finding)}): ${describeFinding(finding)}`),
        ...findingsOf(operationId, check, assessment.warnings).map((finding) => `WARNING: ${describeFinding(finding)}`),
      ];
      const out = notes.length > 0 ? `<system-out>${xml(notes.join('\n'))}</system-out>` : '';
      if (fresh.length > 0) {
        failures++;
        const count = fresh.reduce((sum, finding) => sum + finding.instances.length, 0);
        const summary = `${fresh.length} ${fresh.length === 1 ? 'finding' : 'findings'}, ${count} ${count === 1 ? 'failure' : 'failures'}`;
        return `${open}><failure message="${xml(summary)}">${xml(fresh.map(describeFinding).join('\n'))}</failure>${out}</testcase>`;
      }
      if (accepted.length > 0 || (counts.skip > 0 && counts.pass === 0)) {
        skipped++;
        const reason = accepted.length > 0 ? `known ${accepted.length === 1 ? 'finding' : 'findings'} in the baseline: ${accepted.map((finding) => reasons.get(finding)).join('; ')}` : skipReasons(assessment, operationId, check);
        return `${open}><skipped message="${xml(reason)}"/>${out}</testcase>`;
      }
      return out ? `${open}>${out}</testcase>` : `${open}/>`;
    });
    failedCases += failures;
    skippedCases += skipped;
    return `  <testsuite name="${xml(operationId)}" tests="${cases.length}" failures="${failures}" skipped="${skipped}" time="${seconds(timeOf(operationId))}">\n${elements.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xml(suiteName)}" tests="${rows.length}" failures="${failedCases}" skipped="${skippedCases}" time="${seconds(assessment.results.reduce((sum, r) => sum + durationMs(r), 0))}">\n${suites.join('\n')}\n</testsuites>\n`;
}

function skipReasons(assessment: Assessment, operationId: string, check: string): string {
  const messages = assessment.results.filter((r) => r.operationId === operationId && r.check === check && r.outcome === 'skip').map((r) => r.message);
  return [...new Set(messages)].join('; ');
}
