import type { UpgradeReport } from './report-model';

/** The readable report: a summary line, then each finding with the app's requests that meet it. */
export function toTextReport(report: UpgradeReport): string {
  const lines = [
    `authentik upgrade check ${report.from} → ${report.to}: journal ${report.journal}, ${report.requests} requests (${report.checked} to ${Object.keys(report.operations).length} operations of ${report.from})`,
    `${report.summary.breaking} breaking, ${report.summary.notice} notice${report.summary.notice === 1 ? '' : 's'}`,
  ];
  for (const finding of report.findings) {
    lines.push('', `${finding.severity.toUpperCase()} ${finding.operationId} [${finding.kind}]: ${finding.message}`);
    for (const request of finding.examples) lines.push(`  ${formatRequest(request)}`);
    if (finding.count > finding.examples.length) lines.push(`  … and ${finding.count - finding.examples.length} more (${finding.count} requests)`);
    if (finding.cite) lines.push(`  reference: ${finding.cite}`);
  }
  // An empty journal passes too, so say when nothing was checked rather than let a CI step pass unseen.
  if (report.checked === 0) lines.push('', `no request of the journal reached an operation of ${report.from}: nothing was checked`);
  else if (report.findings.length === 0) lines.push('', `nothing the app used changes in ${report.to}`);
  return `${lines.join('\n')}\n`;
}

/** One recorded request: `GET /api/v3/events/events/?page= → 404 at 2026-…Z (events_events_list)`. */
export function formatRequest(request: UpgradeReport['findings'][number]['examples'][number]): string {
  return `${request.method} ${request.url} → ${request.status} at ${request.timestamp} (${request.operationId ?? 'no operation'})${request.detail ? `: ${request.detail}` : ''}`;
}
