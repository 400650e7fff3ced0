import { appendFileSync, writeFileSync } from 'node:fs';
import type { Assessment } from './assessment';
import { toJUnit } from './junit';
import { toJsonReport } from './report-json';
import { CONTRACT_SUMMARY, toMarkdownSummary, type SummaryLabels } from './summary-md';

/** The files a run was asked for: `--junit`, `--summary-md`, `--report-json`. */
export interface ReportFiles {
  junit?: string;
  summaryMd?: string;
  reportJson?: string;
}

/**
 * Writes the report files of a run, the contract suite's or verify's: one assessment, so that they agree
 * with each other and with the exit code. `run` is the settings the JSON report keeps.
 */
export function writeReports(assessment: Assessment, files: ReportFiles, header: string, run: object, labels: SummaryLabels = CONTRACT_SUMMARY, suiteName = 'contract'): void {
  if (files.junit) writeFileSync(files.junit, toJUnit(assessment, suiteName));
  if (files.reportJson) writeFileSync(files.reportJson, toJsonReport(assessment, run));
  if (files.summaryMd) {
    // GitHub's step summary file may already hold what earlier commands of the step wrote: add to it.
    const write = files.summaryMd === process.env.GITHUB_STEP_SUMMARY ? appendFileSync : writeFileSync;
    write(files.summaryMd, toMarkdownSummary(assessment, header, labels));
  }
}
