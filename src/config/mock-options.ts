import { nearestName } from './nearest-name';
import { ConfigError, toConfig, FLAGS, SHIPPED_FULL_SPEC, type Config } from './config';
import type { FallbackMode } from '../fallback/prism-fallback';
import type { CoreOptions } from '../core/create-core';
import type { ResponseValidationMode } from '../core/respond';
import type { MockScenario } from '../openapi/generated/schemas';
import type { MockState } from '../seed/scenario';
import type { AuthentikVersion } from '../versions/version-names';

/** The CLI's flags in camelCase, for `startMock`, the middleware, the Vite plugin and the fetch handler. */
export interface MockOptions {
  /** The authentik version to be: `2024.8` (the default) or `2025.8`. */
  authentikVersion?: AuthentikVersion;
  port?: number;
  host?: string;
  seed?: number;
  tasks?: number;
  events?: number;
  /** Tokens to accept (`t` is a superuser, `t:view_event+add_event` has those permissions); default: any. */
  tokens?: string | readonly string[];
  validateResponses?: ResponseValidationMode;
  /** Origins allowed by CORS; default: any on the API, none on the admin API and the dashboard. */
  corsOrigin?: string | readonly string[];
  /** Host names the admin API and the dashboard accept besides loopback names, IP literals and `host`. */
  allowedHosts?: string | readonly string[];
  bodyLimit?: number;
  /** A scenario's name in fixtures/, a path to a .json file, or the scenario itself. */
  scenario?: string | MockScenario;
  stateFile?: string;
  adminToken?: string;
  /** Milliseconds, or a [min, max] range. */
  latency?: number | readonly [number, number];
  /** A whole authentik schema.yml, or `true` for the one the package ships for the version (2024.8.6's, 2025.8.1's). */
  fullSpec?: string | true;
  fallbackMode?: FallbackMode;
  /** No line per API request (the middleware and the Vite plugin print one, as the CLI does). */
  quiet?: boolean;
  /** The request lines as text or as JSON objects. */
  logFormat?: 'text' | 'json';
  /** Sessions (`X-Mock-Session` header or `mock_session` cookie) kept besides the default one (default 100). */
  maxSessions?: number;
  /** A real authentik's API root: the operations the mock does not implement are forwarded there (not in MSW or a browser). */
  upstream?: string;
  /** Sent to the upstream in place of the client's Authorization. */
  upstreamToken?: string;
  /** Milliseconds an upstream answer may take before the client gets a 504 (30000). */
  upstreamTimeout?: number;
  /** With `upstream`: every API request is forwarded, its answer checked, its rows kept. */
  proxy?: boolean;
}

const OPTION_FLAGS: Record<keyof MockOptions, string> = {
  authentikVersion: 'authentik-version',
  port: 'port',
  host: 'host',
  seed: 'seed',
  tasks: 'tasks',
  events: 'events',
  tokens: 'tokens',
  validateResponses: 'validate-responses',
  corsOrigin: 'cors-origin',
  allowedHosts: 'allowed-hosts',
  bodyLimit: 'body-limit',
  scenario: 'scenario',
  stateFile: 'state-file',
  adminToken: 'admin-token',
  latency: 'latency',
  fullSpec: 'full-spec',
  fallbackMode: 'fallback-mode',
  quiet: 'quiet',
  logFormat: 'log-format',
  maxSessions: 'max-sessions',
  upstream: 'upstream',
  upstreamToken: 'upstream-token',
  upstreamTimeout: 'upstream-timeout',
  proxy: 'proxy',
};

/**
 * Options become the flags' text and go through the CLI's own checks, so that a bad value is refused with
 * the same one-line message. Environment variables are not read: a test setup says what it wants.
 */
export function configFromOptions(options: MockOptions, defaults: { port: number }): Config {
  const given = new Map<string, string>();
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || (key === 'scenario' && typeof value === 'object')) continue;
    const flag = OPTION_FLAGS[key as keyof MockOptions];
    if (!flag) {
      const near = nearestName(key, Object.keys(OPTION_FLAGS));
      throw new ConfigError(`unknown option ${key} (${near ? `did you mean ${near}? ` : ''}known: ${Object.keys(OPTION_FLAGS).join(', ')})`);
    }
    if (key === 'fullSpec' && value === true) {
      given.set(flag, SHIPPED_FULL_SPEC);
      continue;
    }
    given.set(flag, key === 'latency' && Array.isArray(value) ? value.join('-') : Array.isArray(value) ? value.join(',') : String(value));
  }
  given.set('port', given.get('port') ?? String(defaults.port));
  return toConfig((name) => given.get(name) ?? FLAGS[name]!.default);
}

/** The core's options from a checked configuration and the state it starts from; `listenHost` for hosts that listen. */
export function toCoreOptions(config: Config, state: Pick<MockState, 'name' | 'tokens' | 'description'>, listenHost?: string): CoreOptions {
  return {
    validateResponses: config.validateResponses,
    tokenPolicy: config.tokenPolicy,
    scenarioTokens: state.tokens,
    corsOrigins: config.corsOrigins,
    allowedHosts: config.allowedHosts,
    ...(listenHost === undefined ? {} : { listenHost }),
    bodyLimit: config.bodyLimit,
    adminToken: config.adminToken,
    latency: config.latency,
    seed: config.seed,
    maxSessions: config.maxSessions,
    scenario: state.name,
    ...(state.description === undefined ? {} : { scenarioDescription: state.description }),
  };
}
