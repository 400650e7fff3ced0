import { PERMISSIONS, superuser, type Permission, type Principal, type TokenPolicy } from '../auth/authenticate';
import type { FallbackMode } from '../fallback/prism-fallback';
import type { ResponseValidationMode } from '../core/respond';
import { flagHint } from './nearest-name';
import { AUTHENTIK_VERSIONS, DEFAULT_AUTHENTIK_VERSION, isAuthentikVersion, type AuthentikVersion } from '../versions/version-names';

export interface Config {
  /** The authentik version served: its API, DRF rules, seed and scenarios. */
  authentikVersion: AuthentikVersion;
  host: string;
  port: number;
  seed: number;
  tasks: number;
  events: number;
  tokenPolicy: TokenPolicy;
  validateResponses: ResponseValidationMode;
  /** undefined: any origin on the API, none on the admin API. */
  corsOrigins?: string[];
  /** Host names the admin API and the dashboard accept besides loopback names, IP literals and --host. */
  allowedHosts: string[];
  bodyLimit: number;
  scenario?: string;
  stateFile?: string;
  adminToken?: string;
  latency?: number | [number, number];
  fullSpec?: string;
  fallbackMode: FallbackMode;
  /** How the CLI prints a line per API request. */
  logFormat: 'text' | 'json';
  /** No line per request. */
  quiet: boolean;
  /** Named sessions (X-Mock-Session) kept besides the default one. */
  maxSessions: number;
  /** `--upstream`, `--proxy`: a real authentik behind the mock (src/upstream). */
  upstream?: UpstreamConfig;
}

/** A real authentik the mock forwards to. */
export interface UpstreamConfig {
  /** Its API root, without a trailing slash: `https://authentik.example/api/v3`. */
  url: string;
  /** Sent in place of the client's Authorization; without it the client's own goes through. */
  token?: string;
  /** How long an answer may take before the client gets a 504. */
  timeoutMs: number;
  /** Every API request goes to the upstream, not only those the mock does not implement. */
  proxy: boolean;
}

/** A configuration mistake; the CLI prints its message as one line and exits non-zero. */
export class ConfigError extends Error {}

/** `--help`: the CLI prints the usage to stdout and exits 0. */
export class HelpRequested extends Error {}

// Flags that need no value: `--quiet` alone means true.
const BOOLEAN_FLAGS = new Set(['quiet', 'proxy']);

/** `--full-spec` with no path: the authentik schema the package ships (reference/), resolved by the Node hosts. */
export const SHIPPED_FULL_SPEC = 'shipped';

// Flags whose value may be left out (no `=value`, and the next argument is another flag or nothing).
const OPTIONAL_VALUE_FLAGS: Record<string, string> = { 'full-spec': SHIPPED_FULL_SPEC };

interface FlagSpec {
  env?: string;
  help: string;
  default?: string;
}

/** Every flag, its environment variable and default; the README's configuration table follows this. */
export const FLAGS: Record<string, FlagSpec> = {
  'authentik-version': { env: 'MOCK_AUTHENTIK_VERSION', default: DEFAULT_AUTHENTIK_VERSION, help: `the authentik version to be: ${AUTHENTIK_VERSIONS.join(' | ')} (2025.8: Dramatiq tasks and schedules instead of system tasks)` },
  port: { env: 'PORT', default: '9000', help: 'port to listen on (authentik\'s own HTTP port)' },
  host: { env: 'HOST', default: '127.0.0.1', help: 'address to listen on' },
  seed: { env: 'MOCK_SEED', default: '1', help: 'faker seed; the same seed gives the same data' },
  tasks: { env: 'MOCK_TASKS', default: '22', help: "number of tasks to seed: system tasks in 2024.8; in 2025.8 Dramatiq tasks, with a fresh install's schedules and a worker (0: none)" },
  events: { env: 'MOCK_EVENTS', default: '250', help: 'number of events to seed' },
  tokens: { env: 'MOCK_TOKENS', help: 'bearer tokens to accept, comma-separated; `t:view_event+add_event` limits t to those permissions; default: any non-empty token, as a superuser' },
  'validate-responses': { env: 'MOCK_VALIDATE_RESPONSES', default: 'strict', help: 'strict | warn | off' },
  'cors-origin': { env: 'MOCK_CORS_ORIGIN', help: 'comma-separated origins allowed by CORS; default: any on /api/v3/, none on /__mock__/' },
  'allowed-hosts': { env: 'MOCK_ALLOWED_HOSTS', help: 'comma-separated Host names the admin API and dashboard accept besides loopback, IPs and --host (.example.test: with subdomains; all: any)' },
  'body-limit': { env: 'MOCK_BODY_LIMIT', default: '10485760', help: 'largest request body in bytes (413 above)' },
  scenario: { env: 'MOCK_SCENARIO', help: 'start from a scenario: a name in fixtures/ or a path to a .json or .yaml file' },
  'state-file': { env: 'MOCK_STATE_FILE', help: 'restore state from this file at start (if it exists) and write it back on shutdown' },
  'admin-token': { env: 'MOCK_ADMIN_TOKEN', help: 'bearer token the admin API under /__mock__/ requires; default: none needed' },
  latency: { env: 'MOCK_LATENCY', help: 'delay added to every API request: milliseconds (50) or a range (20-80)' },
  'full-spec': { env: 'MOCK_FULL_SPEC', help: "a whole authentik schema.yml, or nothing (`shipped`) for the version's own (2024.8.6's or 2025.8.1's): its other operations are answered by Prism from the schema" },
  'fallback-mode': { env: 'MOCK_FALLBACK_MODE', default: 'static', help: 'how Prism makes bodies with --full-spec: static (schema examples) | dynamic (faker, under --seed)' },
  'log-format': { env: 'MOCK_LOG_FORMAT', default: 'text', help: 'a line per API request: text (method, path, status, ms) | json (one object per line)' },
  quiet: { env: 'MOCK_QUIET', help: 'no line per API request' },
  'max-sessions': { env: 'MOCK_MAX_SESSIONS', default: '100', help: 'sessions (X-Mock-Session header or mock_session cookie) kept besides the default one; past it the least recently used is removed' },
  upstream: { env: 'MOCK_UPSTREAM', help: "a real authentik's API root (https://authentik.example/api/v3): the operations the mock does not implement are forwarded there instead of Prism" },
  'upstream-token': { env: 'MOCK_UPSTREAM_TOKEN', help: "the token sent to the upstream in place of the client's Authorization; default: the client's own goes through" },
  'upstream-timeout': { env: 'MOCK_UPSTREAM_TIMEOUT', default: '30000', help: 'milliseconds an upstream answer may take before the client gets a 504' },
  proxy: { env: 'MOCK_PROXY', help: 'with --upstream: forward every API request, check each answer against the schema, mark violations in the journal, keep the rows in the store' },
};

/** Reads `--flag value` / `--flag=value` arguments, falling back to environment variables, then defaults. */
export function parseConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Config {
  const given = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') throw new HelpRequested(usage());
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match || !FLAGS[match[1]!]) throw new ConfigError(`unknown argument ${arg}${flagHint(arg.split('=')[0]!, [...Object.keys(FLAGS), 'help', 'version'])}`);
    if (BOOLEAN_FLAGS.has(match[1]!) && match[2] === undefined) {
      given.set(match[1]!, 'true');
      continue;
    }
    const name = match[1]!;
    if (match[2] === undefined && OPTIONAL_VALUE_FLAGS[name] !== undefined && (argv[i + 1] === undefined || argv[i + 1]!.startsWith('--'))) {
      given.set(name, OPTIONAL_VALUE_FLAGS[name]!);
      continue;
    }
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new ConfigError(`--${match[1]} needs a value`);
    given.set(match[1]!, value);
  }
  return toConfig((name) => given.get(name) ?? (FLAGS[name]!.env ? env[FLAGS[name]!.env!] : undefined) ?? FLAGS[name]!.default);
}

/** The same checks for values given by flag name (startMock's options, turned into flag text). */
export function toConfig(read: (name: string) => string | undefined): Config {
  const mode = read('validate-responses');
  if (mode !== 'strict' && mode !== 'warn' && mode !== 'off') throw new ConfigError(`--validate-responses must be strict, warn or off, not "${mode}"`);
  const tokens = read('tokens');
  const tokenList = tokens?.split(',').map((t) => t.trim()).filter((t) => t !== '');
  if (tokens !== undefined && tokenList!.length === 0) throw new ConfigError('--tokens needs at least one non-empty token');
  const tokenPolicy: TokenPolicy = tokenList ? { mode: 'list', tokens: new Map(tokenList.map((entry) => [parseToken(entry).token, parseToken(entry)])) } : { mode: 'any' };
  const origins = read('cors-origin');
  const fallbackMode = read('fallback-mode');
  if (fallbackMode !== 'static' && fallbackMode !== 'dynamic') throw new ConfigError(`--fallback-mode must be static or dynamic, not "${fallbackMode}"`);
  const version = read('authentik-version');
  if (!isAuthentikVersion(version)) throw new ConfigError(`--authentik-version must be ${AUTHENTIK_VERSIONS.join(' or ')}, not "${version}"`);
  const logFormat = read('log-format');
  if (logFormat !== 'text' && logFormat !== 'json') throw new ConfigError(`--log-format must be text or json, not "${logFormat}"`);
  return {
    authentikVersion: version,
    host: read('host')!,
    port: readInt('port', read('port')!, 0, 65535),
    seed: readInt('seed', read('seed')!, 0, 2 ** 32 - 1),
    tasks: readInt('tasks', read('tasks')!, 0, 1_000_000),
    events: readInt('events', read('events')!, 0, 10_000_000),
    tokenPolicy,
    validateResponses: mode,
    corsOrigins: origins === undefined || origins.trim() === '*' ? undefined : origins.split(',').map((o) => o.trim()),
    allowedHosts: (read('allowed-hosts') ?? '').split(',').map((h) => h.trim()).filter((h) => h !== ''),
    bodyLimit: readInt('body-limit', read('body-limit')!, 1, 2 ** 31),
    scenario: read('scenario'),
    stateFile: read('state-file'),
    adminToken: read('admin-token'),
    latency: parseLatency(read('latency')),
    fullSpec: read('full-spec'),
    fallbackMode,
    logFormat,
    quiet: readBoolean('quiet', read('quiet')),
    maxSessions: readInt('max-sessions', read('max-sessions')!, 1, 100_000),
    upstream: readUpstream(read),
  };
}

/** `--upstream` and the flags that go with it; `--proxy` and `--upstream-token` without it are mistakes, not no-ops. */
function readUpstream(read: (name: string) => string | undefined): UpstreamConfig | undefined {
  const url = read('upstream');
  const proxy = readBoolean('proxy', read('proxy'));
  const token = read('upstream-token');
  const timeoutMs = readInt('upstream-timeout', read('upstream-timeout')!, 1, 600_000);
  if (url === undefined) {
    if (proxy) throw new ConfigError('--proxy needs --upstream URL, the real authentik\'s API root (https://authentik.example/api/v3)');
    if (token !== undefined) throw new ConfigError('--upstream-token needs --upstream URL, the real authentik\'s API root (https://authentik.example/api/v3)');
    return undefined;
  }
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  // The API root, as the contract suite's --base-url and record's --from take it: a bare origin would send /core/users/ past /api/v3.
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !/\/api\/v3\/?$/.test(parsed.pathname) || parsed.search !== '' || parsed.hash !== '') {
    throw new ConfigError(`--upstream must be an http(s) URL of authentik's API root, ending in /api/v3 (https://authentik.example/api/v3), not "${url}"`);
  }
  if (token === '') throw new ConfigError('--upstream-token must not be empty');
  return { url: url.replace(/\/+$/, ''), ...(token === undefined ? {} : { token }), timeoutMs, proxy };
}

function readBoolean(name: string, value: string | undefined): boolean {
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw new ConfigError(`--${name} takes no value, or true/false, not "${value}"`);
}

function parseLatency(text: string | undefined): number | [number, number] | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!match || (match[2] !== undefined && Number(match[2]) < Number(match[1]))) {
    throw new ConfigError(`--latency must be milliseconds (50) or a range (20-80), not "${text}"`);
  }
  return match[2] === undefined ? Number(match[1]) : [Number(match[1]), Number(match[2])];
}

/** `token` is a superuser; `token:view_event+add_event` has exactly those permissions. */
function parseToken(entry: string): Principal {
  const [token = '', grants] = entry.split(':', 2) as [string, string | undefined];
  if (grants === undefined) return superuser(token);
  const permissions = grants.split('+').filter((p) => p !== '');
  const unknown = permissions.find((p) => !(PERMISSIONS as readonly string[]).includes(p));
  if (unknown !== undefined) throw new ConfigError(`--tokens: unknown permission "${unknown}" for ${token} (known: ${PERMISSIONS.join(', ')})`);
  return { token, superuser: false, permissions: new Set(permissions as Permission[]) };
}

function readInt(name: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(`--${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  }
  return Number(value);
}

export function usage(): string {
  const lines = Object.entries(FLAGS).map(([name, flag]) => `  --${name.padEnd(20)} ${flag.env ? `(${flag.env}) ` : ''}${flag.help}${flag.default ? ` [${flag.default}]` : ''}`);
  return ['usage: authentik-events-mock [flags]   (in this repository: npm start -- [flags])', ...lines, `  --${'version'.padEnd(20)} print the package's version and exit`, '', 'authentik-events-mock record --help   record a real authentik\'s tasks and events into a scenario', 'authentik-events-mock verify --help   compare the mock with a real authentik, request by request'].join('\n');
}
