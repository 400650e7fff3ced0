import type { UpgradeReport } from './report-model';

/** The report as JSON, for tools: the same model the text and Markdown reports are written from. */
export function toJsonReport(report: UpgradeReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
