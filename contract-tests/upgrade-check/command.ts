import { writeFileSync } from 'node:fs';
import { flagHint, nearestName } from '../../src/config/nearest-name';
import { BEHAVIOUR_NOTES_2025_8, type BehaviourNotes } from '../../src/versions/behaviour-notes-2025.8';
import { AUTHENTIK_VERSIONS, DEFAULT_AUTHENTIK_VERSION, isAuthentikVersion, type AuthentikVersion } from '../../src/versions/version-names';
import { profileFor } from '../../src/versions/profiles';
import { analyseJournal } from './analyse';
import { JournalError, readJournal } from './journal';
import { toJsonReport } from './report-json';
import { toMarkdownReport } from './report-markdown';
import { toReport, type UpgradeReport } from './report-model';
import { toTextReport } from './report-text';
import { loadVersion } from './version-specs';

export const UPGRADE_USAGE = `usage: authentik-events-contract upgrade-check --journal FILE|URL --to VERSION [--from VERSION]
         [--format text|markdown|json] [--out FILE] [--admin-token T]
  --journal FILE|URL  what the app sent to the mock: a journal export (GET /__mock__/requests saved to a file),
                      or a running mock's URL (with or without /api/v3), whose journal is fetched
  --to VERSION        the authentik version to upgrade to: ${AUTHENTIK_VERSIONS.join(', ')}
  --from VERSION      the version the app was tested against [${DEFAULT_AUTHENTIK_VERSION}]
  --format F          text (default), markdown or json
  --out FILE          write the report to FILE instead of standard output
  --admin-token T     the mock's --admin-token, when its admin API needs one (env MOCK_ADMIN_TOKEN)
exit status: 1 when a breaking finding exists, 0 when none, 2 for bad usage or an unreadable journal`;

const FORMATS = ['text', 'markdown', 'json'] as const;
type Format = (typeof FORMATS)[number];
const WRITERS: Record<Format, (report: UpgradeReport) => string> = { text: toTextReport, markdown: toMarkdownReport, json: toJsonReport };

interface UpgradeOptions {
  journal: string;
  from: AuthentikVersion;
  to: AuthentikVersion;
  format: Format;
  out?: string;
  adminToken?: string;
}

/** Bad usage: the one line the command prints before exit 2. */
class UsageError extends Error {}

export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
}

const processIo: CommandIo = { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text), env: process.env };

/**
 * `upgrade-check`: reads the journal, compares the two versions and writes the report. Returns the exit
 * status instead of exiting, so tests run it in-process; contract-tests/cli.ts exits with it.
 */
export async function runUpgradeCheck(argv: readonly string[], io: CommandIo = processIo): Promise<number> {
  let options: UpgradeOptions | 'help';
  try {
    options = parseUpgradeArgs(argv, io.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`error: ${error.message}\n`);
    return 2;
  }
  if (options === 'help') {
    io.stdout(`${UPGRADE_USAGE}\n`);
    return 0;
  }
  let requests;
  try {
    requests = await readJournal(options.journal, options.adminToken);
  } catch (error) {
    if (!(error instanceof JournalError)) throw error;
    io.stderr(`error: --journal ${error.message}\n`);
    return 2;
  }
  const analysis = analyseJournal(requests, loadVersion(options.from), loadVersion(options.to), notesFor(options.from, options.to));
  const report = toReport(analysis, options.journal);
  const text = WRITERS[options.format](report);
  if (options.out) {
    try {
      writeFileSync(options.out, text);
    } catch (error) {
      io.stderr(`error: --out ${options.out}: cannot write the report: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      return 2;
    }
    io.stdout(`upgrade check ${report.from} → ${report.to}: ${report.summary.breaking} breaking, ${report.summary.notice} notices; report written to ${options.out}\n`);
  } else io.stdout(text);
  return report.summary.breaking > 0 ? 1 : 0;
}

/**
 * The hand-kept notes of every version after `from` up to `to` (each profile's changesFromPrevious), in
 * order: what the specs cannot describe of the upgrade.
 */
function notesFor(from: AuthentikVersion, to: AuthentikVersion): BehaviourNotes {
  const steps = AUTHENTIK_VERSIONS.slice(AUTHENTIK_VERSIONS.indexOf(from) + 1, AUTHENTIK_VERSIONS.indexOf(to) + 1).flatMap((version) => profileFor(version).changesFromPrevious ?? []);
  return {
    parameterMeaning: steps.flatMap((notes) => notes.parameterMeaning),
    fieldMessages: steps.flatMap((notes) => notes.fieldMessages),
    replacements: steps.flatMap((notes) => notes.replacements),
    malformedIdMessage: (steps.at(-1) ?? BEHAVIOUR_NOTES_2025_8).malformedIdMessage,
  };
}

/** The flags, as contract-tests/cli.ts reads its own: `--flag value` or `--flag=value`, unknown ones with a hint. */
export function parseUpgradeArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): UpgradeOptions | 'help' {
  let journal: string | undefined;
  let to: string | undefined;
  let from: string = DEFAULT_AUTHENTIK_VERSION;
  let format = 'text';
  let out: string | undefined;
  let adminToken = env.MOCK_ADMIN_TOKEN || undefined;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => {
      const next = inline ?? argv[++i];
      if (next === undefined) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    if (flag === '--journal') journal = value();
    else if (flag === '--to') to = value();
    else if (flag === '--from') from = value();
    else if (flag === '--format') format = value();
    else if (flag === '--out') out = value();
    else if (flag === '--admin-token') adminToken = value();
    else if (flag === '--help' || flag === '-h') return 'help';
    else throw new UsageError(`unknown argument ${flag}${flagHint(flag, UPGRADE_USAGE.match(/--[a-z-]+/g) ?? [])}`);
  }
  if (journal === undefined) throw new UsageError('--journal is required: a journal export file or a running mock\'s URL');
  if (to === undefined) throw new UsageError(`--to is required: the version to upgrade to (${AUTHENTIK_VERSIONS.join(', ')})`);
  const version = (flag: string, text: string): AuthentikVersion => {
    if (isAuthentikVersion(text)) return text;
    const near = nearestName(text, AUTHENTIK_VERSIONS);
    throw new UsageError(`${flag} must be one of ${AUTHENTIK_VERSIONS.join(', ')}, not "${text}"${near ? ` (did you mean ${near}?)` : ''}`);
  };
  const toVersion = version('--to', to);
  const fromVersion = version('--from', from);
  if (AUTHENTIK_VERSIONS.indexOf(fromVersion) >= AUTHENTIK_VERSIONS.indexOf(toVersion)) throw new UsageError(`--to must be a later version than --from (${fromVersion}), not ${toVersion}`);
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${format}"`);
  return { journal, from: fromVersion, to: toVersion, format: format as Format, ...(out ? { out } : {}), ...(adminToken ? { adminToken } : {}) };
}
