import { accessSync, constants, existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { readSubcommandArgs } from '../config/subcommand-args';
import { RecordError, recordScenario } from './record';

export const RECORD_USAGE = `usage: authentik-events-mock record --from URL --token T [--events N] [--since ISO] [--redact] [--out FILE]

Reads a real authentik's system tasks and newest events (read-only) into a scenario that --scenario loads.
  --from URL     the API root, e.g. https://authentik.example/api/v3
  --token T      a token that may view events and system tasks (env AUTHENTIK_TOKEN); never recorded
  --events N     the newest N events (default 1000)
  --since ISO    only events created at or after this moment
  --redact       replace usernames, e-mail addresses, names and IP addresses by consistent pseudonyms
  --out FILE     where to write the scenario (default: standard output)`;

/** `authentik-events-mock record …`: exit 0 with the file written, 1 with one line on stderr. */
export async function runRecordCommand(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const given = readSubcommandArgs(argv, { valued: ['--from', '--token', '--events', '--since', '--out'], switches: ['--redact'] }, RECORD_USAGE, failed);
  if (typeof given === 'number') return given;
  const from = given.get('--from');
  const token = given.get('--token') ?? env.AUTHENTIK_TOKEN;
  if (!from) return failed('record needs --from URL, the API root (https://authentik.example/api/v3)');
  if (!token) return failed('record needs --token (or AUTHENTIK_TOKEN), a token that may view events and system tasks');
  const eventsText = given.get('--events');
  if (eventsText !== undefined && !/^\d+$/.test(eventsText)) return failed(`--events must be a whole number, not "${eventsText}"`);
  const out = given.get('--out');
  // Checked before any page is read, so that a typo in the path does not lose a whole recording.
  const unwritable = out === undefined ? undefined : whyUnwritable(out);
  if (unwritable) return failed(`--out ${out}: ${unwritable}`);
  try {
    const text = await recordScenario({ from, token, events: eventsText === undefined ? undefined : Number(eventsText), since: given.get('--since'), redact: given.has('--redact'), log: (line) => console.error(line) });
    if (out) writeFileSync(out, `${text}\n`);
    else process.stdout.write(`${text}\n`);
    return 0;
  } catch (error) {
    if (error instanceof RecordError) return failed(error.message);
    return failed(`the recording failed: ${(error as Error).message}`);
  }
}

/** Why a file cannot be written there, checked before a long run rather than after it. */
export function whyUnwritable(path: string): string | undefined {
  if (existsSync(path) && statSync(path).isDirectory()) return 'is a directory';
  const folder = dirname(resolve(path));
  if (!existsSync(folder)) return `the folder ${folder} does not exist`;
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    return `the folder ${folder} is not writable`;
  }
  return undefined;
}

function failed(message: string): number {
  console.error(`error: ${message}`);
  return 1;
}
