import { CHECKS, formatResult, type Result } from './results';

/** Per operation and check: how many passed, failed, warned, were skipped. */
export function summarise(results: Result[]): Map<string, Map<string, Record<Result['outcome'], number>>> {
  const table = new Map<string, Map<string, Record<Result['outcome'], number>>>();
  for (const result of results) {
    const byCheck = table.get(result.operationId) ?? new Map<string, Record<Result['outcome'], number>>();
    const counts = byCheck.get(result.check) ?? { pass: 0, fail: 0, warn: 0, skip: 0 };
    counts[result.outcome]++;
    byCheck.set(result.check, counts);
    table.set(result.operationId, byCheck);
  }
  return table;
}

/** The readable report: a table per operation and check, then every failure and warning with its curl. */
export function formatReport(results: Result[], header: string): string {
  const lines = [header, ''];
  const width = { op: 32, check: 24 };
  lines.push(`${'operation'.padEnd(width.op)} ${'check'.padEnd(width.check)} passed failed warnings`);
  for (const [operationId, byCheck] of [...summarise(results)].sort(([a], [b]) => a.localeCompare(b))) {
    const checks = [...byCheck].sort(([a], [b]) => CHECKS.indexOf(a as never) - CHECKS.indexOf(b as never));
    for (const [check, counts] of checks) {
      const skipped = counts.skip ? ` (${counts.skip} skipped)` : '';
      lines.push(`${operationId.padEnd(width.op)} ${check.padEnd(width.check)} ${String(counts.pass).padStart(6)} ${String(counts.fail).padStart(6)} ${String(counts.warn).padStart(8)}${skipped}`);
    }
  }
  const notable = results.filter((r) => r.outcome === 'fail' || r.outcome === 'warn');
  const failures = results.filter((r) => r.outcome === 'fail').length;
  const warnings = notable.length - failures;
  if (notable.length > 0) lines.push('');
  // A finding seen many times (every deliberate 404 is undocumented) is shown once, with its count and first example.
  const folded = new Map<string, { first: Result; count: number }>();
  for (const result of notable) {
    const key = result.group ? `${result.operationId} ${result.check} ${result.outcome} ${result.group}` : `${folded.size} unique`;
    const seen = folded.get(key);
    if (seen) seen.count++;
    else folded.set(key, { first: result, count: 1 });
  }
  for (const { first, count } of folded.values()) {
    lines.push(`${formatResult(first)}${count > 1 ? ` (and ${count - 1} more like it)` : ''}`);
    if (first.curl) lines.push(`    ${first.curl}`);
  }
  const passed = results.filter((r) => r.outcome === 'pass').length;
  const skipped = results.filter((r) => r.outcome === 'skip').length;
  lines.push('', `warnings: ${warnings}`, `contract: ${passed} passed, ${failures} failed, ${skipped} skipped`);
  return lines.join('\n');
}

const xml = (text: string) => text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** JUnit XML: one test suite per operation, one test case per result; warnings pass with a system-out note. */
export function toJUnit(results: Result[]): string {
  const byOperation = new Map<string, Result[]>();
  for (const result of results) byOperation.set(result.operationId, [...(byOperation.get(result.operationId) ?? []), result]);
  const suites = [...byOperation].map(([operationId, rows]) => {
    const cases = rows.map((r) => {
      const name = xml(`[${r.check}] ${r.message}`);
      const detail = xml(`${r.message}${r.curl ? `\n${r.curl}` : ''}`);
      if (r.outcome === 'fail') return `    <testcase classname="${xml(operationId)}" name="${name}"><failure message="${xml(r.check)}">${detail}</failure></testcase>`;
      if (r.outcome === 'skip') return `    <testcase classname="${xml(operationId)}" name="${name}"><skipped/></testcase>`;
      if (r.outcome === 'warn') return `    <testcase classname="${xml(operationId)}" name="${name}"><system-out>WARNING: ${detail}</system-out></testcase>`;
      return `    <testcase classname="${xml(operationId)}" name="${name}"/>`;
    });
    const failures = rows.filter((r) => r.outcome === 'fail').length;
    const skipped = rows.filter((r) => r.outcome === 'skip').length;
    return `  <testsuite name="${xml(operationId)}" tests="${rows.length}" failures="${failures}" skipped="${skipped}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const failures = results.filter((r) => r.outcome === 'fail').length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="contract" tests="${results.length}" failures="${failures}">\n${suites.join('\n')}\n</testsuites>\n`;
}
