import { toVerdict, type Assessment } from './assessment';
import type { BaselineEntry } from './baseline';
import type { Finding } from './findings';
import { exampleCurl, summarise } from './report';

// GitHub renders the step summary as GitHub-flavoured Markdown: a `|` would end a table cell, and HTML is
// allowed, so `<` and `&` are escaped too.
const cell = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (text: string) => `<code>${cell(text)}</code>`;

function findingTable(findings: Finding[], reasonOf?: (finding: Finding) => string): string[] {
  const lines = [`| check | operation | path | message | times |${reasonOf ? ' reason |' : ''}`, `|---|---|---|---|---:|${reasonOf ? '---|' : ''}`];
  for (const finding of findings) {
    lines.push(`| ${finding.check} | ${code(finding.operationId)} | ${finding.path !== undefined ? code(finding.path) : ''} | ${cell(finding.message)} | ${finding.instances.length} |${reasonOf ? ` ${cell(reasonOf(finding))} |` : ''}`);
  }
  return lines;
}

/** The words that differ between the reports of the contract suite and of `verify`, which share this writer. */
export interface SummaryLabels {
  title: string;
  /** How the reproductions show tokens. */
  tokens: string;
  findings: string;
  warnings: string;
}

export const CONTRACT_SUMMARY: SummaryLabels = { title: 'Contract suite', tokens: '$TOKEN, $VIEWER_TOKEN, $NO_PERMISSION_TOKEN', findings: 'Findings', warnings: 'Warnings' };

function reproductions(findings: Finding[], tokens: string): string[] {
  const curls = findings.flatMap((finding) => {
    const curl = exampleCurl(finding);
    return curl ? [`# [${finding.check}] ${finding.operationId}${finding.path !== undefined ? ` ${finding.path}` : ''}`, curl] : [];
  });
  if (curls.length === 0) return [];
  // A fence longer than any backtick run inside, so that a curl cannot close it (CommonMark's fenced code rule).
  const fence = '`'.repeat(Math.max(3, ...[...curls.join('\n').matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return ['', `<details><summary>Reproduce (the tokens are shown as ${tokens})</summary>`, '', `${fence}sh`, ...curls, fence, '', '</details>'];
}

const entryRow = (entry: BaselineEntry) => `| ${entry.check} | ${code(entry.operationId)} | ${entry.path !== undefined ? code(entry.path) : ''} | ${cell(entry.message)} |`;

/**
 * The run as Markdown for a CI page (GitHub Actions: `--summary-md "$GITHUB_STEP_SUMMARY"`): the verdict,
 * the new, known and not-seen findings with one reproduction each, warnings, then the table per check.
 */
export function toMarkdownSummary(assessment: Assessment, header: string, labels: SummaryLabels = CONTRACT_SUMMARY): string {
  const { pass, fail, warn, skip } = assessment.totals;
  const lines = [`## ${labels.title}: ${assessment.passed ? 'passed' : 'failed'}`, '', cell(header), '', `**Verdict: ${cell(toVerdict(assessment))}.** ${pass} passed, ${fail} failed, ${skip} skipped, ${warn} warnings.`];
  if (assessment.baselineFile) lines.push('', `Baseline ${code(assessment.baselineFile)}: ${assessment.known.length} known, ${assessment.newFailures.length} new, ${assessment.fixed.length} not seen in this run.`);
  const title = assessment.baselineFile ? 'New findings (not in the baseline)' : labels.findings;
  if (assessment.newFailures.length > 0) lines.push('', `### ${title}: ${assessment.newFailures.length}`, '', ...findingTable(assessment.newFailures), ...reproductions(assessment.newFailures, labels.tokens));
  if (assessment.known.length > 0) {
    const reasons = new Map(assessment.known.map(({ finding, entry }) => [finding, entry.reason]));
    const known = assessment.known.map(({ finding }) => finding);
    lines.push('', `### Known findings, accepted by the baseline: ${known.length}`, '', ...findingTable(known, (finding) => reasons.get(finding) ?? ''));
  }
  if (assessment.fixed.length > 0) {
    lines.push('', `### Baseline entries checked but not seen in this run: ${assessment.fixed.length}`, '', 'The baseline lists known deviations of a server; remove an entry only if this target is that server and the deviation is gone.', '', '| check | operation | path | message |', '|---|---|---|---|', ...assessment.fixed.map(entryRow));
  }
  if (assessment.notChecked.length > 0) {
    lines.push('', `### Baseline entries not checked in this run: ${assessment.notChecked.length}`, '', '| check | operation | path | message |', '|---|---|---|---|', ...assessment.notChecked.map(entryRow));
  }
  if (assessment.warnings.length > 0) lines.push('', `### ${labels.warnings}: ${assessment.warnings.length}`, '', ...findingTable(assessment.warnings));
  lines.push('', '<details><summary>Results by operation and check</summary>', '', '| operation | check | passed | failed | warnings | skipped |', '|---|---|---:|---:|---:|---:|');
  for (const { operationId, check, counts } of summarise(assessment.results)) lines.push(`| ${code(operationId)} | ${check} | ${counts.pass} | ${counts.fail} | ${counts.warn} | ${counts.skip} |`);
  lines.push('', '</details>', '');
  return lines.join('\n');
}
