import { writeFileSync } from 'node:fs';
import { assess } from '../../contract-tests/assessment';
import { writeReports, type ReportFiles } from '../../contract-tests/write-reports';
import { readSubcommandArgs } from '../config/subcommand-args';
import { whyUnwritable } from '../record/record-command';
import { AUTHENTIK_VERSIONS, type AuthentikVersion } from '../versions/version-names';
import { DEFAULT_REQUESTS, DEFAULT_SEED, VerifyError, verifyTarget } from './verify';
import { formatVerifyReport, VERIFY_SUMMARY } from './verify-report';

/** The versions verify can record: 2025.8 has no system tasks API, which record reads. */
const VERIFIABLE: readonly AuthentikVersion[] = ['2024.8'];

export const VERIFY_USAGE = `usage: authentik-events-mock verify --against URL --token T [--requests N] [--seed S] [--authentik-version V]
         [--writes] [--save-recording FILE] [--junit FILE] [--summary-md FILE] [--report-json FILE]

Records a real authentik (read-only) into a mock in this process, sends both the same seeded read-only
requests, and reports where they answer differently: status, content type, Allow and the body byte for byte.
  --against URL  the API root, e.g. https://authentik.example/api/v3
  --token T      a superuser's token (env AUTHENTIK_TOKEN): the mock side takes any token as one; never printed
  --requests N   how many requests [${DEFAULT_REQUESTS}]
  --seed S       which requests [${DEFAULT_SEED}]: the same seed and data give the same requests
  --authentik-version V  the target's version: ${VERIFIABLE.join(' | ')} [${VERIFIABLE[0]}]
  --writes       only for a disposable target: also compare creates, updates, deletes and task runs
                 (one sequence per 20 requests, at least 3), after the reads; what it creates it deletes
  --save-recording FILE  keep the recording, for --scenario: the curls for the mock side need it
  --junit FILE   write JUnit XML (a test case per operation and check)
  --summary-md FILE      write a Markdown summary (GitHub Actions: "$GITHUB_STEP_SUMMARY")
  --report-json FILE     write the whole result as JSON
Exit 0: no difference; 1: differences; 2: the target cannot be reached or is not authentik.`;

const VALUED = ['--against', '--token', '--requests', '--seed', '--authentik-version', '--save-recording', '--junit', '--summary-md', '--report-json'];

/** `authentik-events-mock verify …`: the exit code, the report on stdout, progress and errors on stderr. */
export async function runVerifyCommand(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const given = readSubcommandArgs(argv, { valued: VALUED, switches: ['--writes'] }, VERIFY_USAGE, unusable);
  if (typeof given === 'number') return given;
  const against = given.get('--against');
  const token = given.get('--token') ?? env.AUTHENTIK_TOKEN;
  if (!against) return unusable('verify needs --against URL, the API root (https://authentik.example/api/v3)');
  if (!token) return unusable('verify needs --token (or AUTHENTIK_TOKEN), a superuser\'s token');
  const numbers: Record<string, number> = {};
  for (const flag of ['--requests', '--seed']) {
    const text = given.get(flag);
    if (text !== undefined && !/^\d+$/.test(text)) return unusable(`${flag} must be a whole number, not "${text}"`);
    if (text !== undefined) numbers[flag] = Number(text);
  }
  const version = given.get('--authentik-version') ?? VERIFIABLE[0]!;
  if (!VERIFIABLE.includes(version as AuthentikVersion)) {
    return unusable(AUTHENTIK_VERSIONS.includes(version as AuthentikVersion) ? `verify cannot record authentik ${version} yet: it reads the system tasks API, which ${version} does not have` : `--authentik-version must be one of ${VERIFIABLE.join(', ')}, not "${version}"`);
  }
  // Checked before the target is read, so that a typo in a path does not cost a whole run.
  for (const flag of ['--save-recording', '--junit', '--summary-md', '--report-json']) {
    const path = given.get(flag);
    const unwritable = path === undefined ? undefined : whyUnwritable(path);
    if (unwritable) return unusable(`${flag} ${path}: ${unwritable}`);
  }
  const requests = numbers['--requests'] ?? DEFAULT_REQUESTS;
  const seed = numbers['--seed'] ?? DEFAULT_SEED;
  try {
    const writes = given.has('--writes') ? Math.max(3, Math.round(requests / 20)) : undefined;
    const run = await verifyTarget({ against, token, requests, seed, authentikVersion: version as AuthentikVersion, log: (line) => console.error(line), onCompared: progress, ...(writes ? { writes } : {}) });
    const saved = given.get('--save-recording');
    if (saved) writeFileSync(saved, `${run.recording.text}\n`);
    const assessment = assess(run.results);
    const header = `verify ${against} (authentik ${version}) against the mock loaded from its recording of ${run.recording.taken} (${run.recording.events.length} events, ${run.recording.systemTasks.length} system tasks): ${requests} read-only requests${writes ? ` and ${writes} write sequences` : ''}, seed ${seed}`;
    console.log(formatVerifyReport(assessment, header, run.compared, run.resolvedByResync));
    const files: ReportFiles = { junit: given.get('--junit'), summaryMd: given.get('--summary-md'), reportJson: given.get('--report-json') };
    writeReports(assessment, files, header, { against, authentikVersion: version, seed, requests, writes: writes ?? 0, resolvedByResync: run.resolvedByResync, recordedAt: run.recording.taken }, VERIFY_SUMMARY, 'verify');
    return assessment.passed ? 0 : 1;
  } catch (error) {
    if (error instanceof VerifyError) return unusable(error.message);
    return unusable(`verify failed: ${(error as Error).message}`);
  }
}

/** A progress line on stderr every 50 requests and at the last, as record shows its pages. */
function progress(done: number, total: number): void {
  if (done % 50 === 0 || done === total) console.error(`requests: ${done} of ${total}`);
}

/** A run that compared nothing: one line, exit 2 (1 is reserved for "differences"). */
function unusable(message: string): number {
  console.error(`error: ${message}`);
  return 2;
}
