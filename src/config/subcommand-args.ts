import { flagHint } from './nearest-name';

/** A subcommand's command line read: its flags' values, a request for help, or the one line that says what is wrong. */
type SubcommandArgs = { help: true } | { error: string } | { given: Map<string, string> };

/**
 * A subcommand's flags by name, or the exit code when there is nothing to run: 0 after `--help` printed
 * `usage`, or `fail`'s code for the one line that says what is wrong.
 */
export function readSubcommandArgs(argv: readonly string[], flags: { valued: readonly string[]; switches?: readonly string[] }, usage: string, fail: (message: string) => number): Map<string, string> | number {
  const args = parseSubcommandArgs(argv, flags.valued, flags.switches);
  if ('help' in args) {
    console.log(usage);
    return 0;
  }
  return 'error' in args ? fail(args.error) : args.given;
}

/**
 * `--flag value`, `--flag=value` and bare `switches` (given as 'true'), as `record` and `verify` take them;
 * an unknown flag is named with the nearest known one.
 */
function parseSubcommandArgs(argv: readonly string[], valued: readonly string[], switches: readonly string[] = []): SubcommandArgs {
  const given = new Map<string, string>();
  const known = [...valued, ...switches, '--help'];
  for (let i = 0; i < argv.length; i++) {
    const [flag = '', inline] = argv[i]!.split(/=(.*)/s, 2);
    if (flag === '--help' || flag === '-h') return { help: true };
    if (switches.includes(flag)) {
      if (inline !== undefined) return { error: `${flag} takes no value` };
      given.set(flag, 'true');
      continue;
    }
    if (!valued.includes(flag)) return { error: `unknown argument ${argv[i]}${flagHint(flag, known)}` };
    const value = inline ?? argv[++i];
    if (value === undefined) return { error: `${flag} needs a value` };
    given.set(flag, value);
  }
  return { given };
}
