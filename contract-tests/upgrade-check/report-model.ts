import type { UpgradeAnalysis } from './analyse';
import type { Finding, RecordedRequest } from './findings';

/** How many requests of a finding the reports list; the rest are counted. */
export const EXAMPLES_PER_FINDING = 3;

/** What every report format writes: the analysis with each finding's requests cut to a few examples and a count. */
export interface UpgradeReport {
  from: string;
  to: string;
  journal: string;
  requests: number;
  checked: number;
  operations: Record<string, number>;
  summary: { breaking: number; notice: number };
  findings: Array<Omit<Finding, 'requests'> & { count: number; examples: RecordedRequest[] }>;
}

export function toReport(analysis: UpgradeAnalysis, journal: string): UpgradeReport {
  return {
    from: analysis.from,
    to: analysis.to,
    journal,
    requests: analysis.requests,
    checked: analysis.checked,
    operations: analysis.operations,
    summary: {
      breaking: analysis.findings.filter((f) => f.severity === 'breaking').length,
      notice: analysis.findings.filter((f) => f.severity === 'notice').length,
    },
    findings: analysis.findings.map(({ requests, ...finding }) => ({ ...finding, count: requests.length, examples: requests.slice(0, EXAMPLES_PER_FINDING) })),
  };
}
