import type { UpgradeReport } from './report-model';

// GitHub-flavoured Markdown, as summary-md.ts writes it: `|` would end a cell, and HTML is allowed.
const cell = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (text: string) => `<code>${cell(text)}</code>`;

/** A Markdown summary for a pull request or a CI step summary: the counts, then one table row per finding. */
export function toMarkdownReport(report: UpgradeReport): string {
  const lines = [
    `## authentik upgrade check: ${report.from} → ${report.to}`,
    '',
    `**${report.summary.breaking} breaking**, ${report.summary.notice} notice${report.summary.notice === 1 ? '' : 's'} — journal ${code(report.journal)}, ${report.requests} requests (${report.checked} to ${Object.keys(report.operations).length} operations of ${report.from}).`,
  ];
  if (report.checked === 0) return `${[...lines, '', `No request of the journal reached an operation of ${report.from}: nothing was checked.`].join('\n')}\n`;
  if (report.findings.length === 0) return `${[...lines, '', `Nothing the app used changes in ${report.to}.`].join('\n')}\n`;
  lines.push('', '| severity | operation | change | the app\'s requests |', '|---|---|---|---|');
  for (const f of report.findings) {
    const requests = f.examples.map((r) => `${code(`${r.method} ${r.url}`)} → ${r.status} at ${r.timestamp}${r.detail ? ` (${cell(r.detail)})` : ''}`);
    if (f.count > f.examples.length) requests.push(`… and ${f.count - f.examples.length} more`);
    const change = `${cell(f.message)}${f.cite ? ` <br><sub>reference: ${cell(f.cite)}</sub>` : ''}`;
    lines.push(`| ${f.severity === 'breaking' ? '**breaking**' : 'notice'} | ${code(f.operationId)} | ${change} | ${requests.join('<br>')} |`);
  }
  return `${lines.join('\n')}\n`;
}
