import { readFileSync } from 'node:fs';
import { findingId, type Finding, type FindingKey } from './findings';
import { CHECKS, type Result } from './results';

/** A finding the team has accepted, with why; matched by check, operationId, path and message. */
export interface BaselineEntry extends FindingKey {
  reason: string;
  /** One instance as it was seen, for the reader; not used for matching. */
  example?: { message: string; curl?: string };
}

export interface Baseline {
  file: string;
  entries: BaselineEntry[];
}

/** A baseline file that cannot be used; the CLI prints the message (file, JSON path, rule) and exits 2. */
export class BaselineError extends Error {}

const BASELINE_VERSION = 1;
const WRITTEN_REASON = 'recorded by --write-baseline: say why this finding is accepted';

/** Reads and checks a baseline file; every mistake names the file, the JSON path and the rule broken. */
export function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new BaselineError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`${file}: is not JSON (${(error as Error).message})`);
  }
  const root = document as { version?: unknown; findings?: unknown };
  if (typeof document !== 'object' || document === null || Array.isArray(document)) throw new BaselineError(`${file}: must be an object with "version" and "findings"`);
  if (root.version !== BASELINE_VERSION) throw new BaselineError(`${file} at /version: must be ${BASELINE_VERSION}`);
  if (!Array.isArray(root.findings)) throw new BaselineError(`${file} at /findings: must be an array`);
  const entries = root.findings.map((entry: unknown, index): BaselineEntry => {
    const at = (field: string) => `${file} at /findings/${index}${field}`;
    if (typeof entry !== 'object' || entry === null) throw new BaselineError(`${at('')}: must be an object`);
    const { check, operationId, path, message, reason, example } = entry as Record<string, unknown>;
    if (typeof check !== 'string' || !(CHECKS as readonly string[]).includes(check)) throw new BaselineError(`${at('/check')}: must be one of ${CHECKS.join(', ')}`);
    if (typeof operationId !== 'string' || operationId === '') throw new BaselineError(`${at('/operationId')}: must be a non-empty string`);
    if (path !== undefined && typeof path !== 'string') throw new BaselineError(`${at('/path')}: must be a string when present`);
    if (typeof message !== 'string' || message === '') throw new BaselineError(`${at('/message')}: must be a non-empty string`);
    if (typeof reason !== 'string' || reason === '') throw new BaselineError(`${at('/reason')}: must say why the finding is accepted`);
    return { check: check as BaselineEntry['check'], operationId, ...(path !== undefined ? { path } : {}), message, reason, ...(example !== undefined ? { example: example as BaselineEntry['example'] } : {}) };
  });
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    if (seen.has(findingId(entry))) throw new BaselineError(`${file} at /findings/${index}: the same finding is listed twice`);
    seen.add(findingId(entry));
  });
  return { file, entries };
}

/**
 * The baseline file for these findings (failures only; warnings do not fail a run). An entry already in
 * `previous` keeps its reason, so rewriting a baseline does not lose what the team wrote.
 */
export function toBaselineJson(findings: readonly Finding[], previous?: Baseline): string {
  const reasons = new Map((previous?.entries ?? []).map((entry) => [findingId(entry), entry.reason]));
  const entries: BaselineEntry[] = findings
    .filter((finding) => finding.outcome === 'fail')
    .map((finding) => {
      const example = finding.instances.find((result) => result.curl) ?? finding.instances[0]!;
      return {
        check: finding.check,
        operationId: finding.operationId,
        ...(finding.path !== undefined ? { path: finding.path } : {}),
        message: finding.message,
        reason: reasons.get(findingId(finding)) ?? WRITTEN_REASON,
        example: { message: example.message, ...(example.curl ? { curl: example.curl } : {}) },
      };
    });
  return `${JSON.stringify({ version: BASELINE_VERSION, findings: entries }, null, 2)}\n`;
}

export interface BaselineComparison {
  /** Failures the baseline does not list: these fail the run. */
  newFailures: Finding[];
  known: Array<{ finding: Finding; entry: BaselineEntry }>;
  /**
   * Entries whose check ran on their operation without seeing them. Against the server the baseline describes,
   * the deviation is gone; against another (the mock, a newer authentik) it says nothing about the entry.
   * (Named `fixed` for the JSON report's readers.)
   */
  fixed: BaselineEntry[];
  /** Entries whose check did not run on their operation this time (e.g. under --read-only): nothing is known. */
  notChecked: BaselineEntry[];
}

/** Sorts this run's failure findings against a baseline (none: every failure is new). */
export function compareWithBaseline(findings: readonly Finding[], results: readonly Result[], baseline?: Baseline): BaselineComparison {
  const entries = new Map((baseline?.entries ?? []).map((entry) => [findingId(entry), entry]));
  const failures = findings.filter((finding) => finding.outcome === 'fail');
  const seen = new Set(failures.map((finding) => findingId(finding)));
  const ran = new Set(results.map((result) => `${result.operationId} ${result.check}`));
  const unseen = [...entries.values()].filter((entry) => !seen.has(findingId(entry)));
  return {
    newFailures: failures.filter((finding) => !entries.has(findingId(finding))),
    known: failures.flatMap((finding) => {
      const entry = entries.get(findingId(finding));
      return entry ? [{ finding, entry }] : [];
    }),
    fixed: unseen.filter((entry) => ran.has(`${entry.operationId} ${entry.check}`)),
    notChecked: unseen.filter((entry) => !ran.has(`${entry.operationId} ${entry.check}`)),
  };
}
