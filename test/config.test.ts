import { ConfigError, parseConfig } from '../src/config/config';
import { configFromOptions } from '../src/config/mock-options';
import { superuser, type Principal } from '../src/auth/authenticate';

describe('parseConfig', () => {
  it('has authentik-like defaults', () => {
    expect(parseConfig([], {})).toEqual({
      authentikVersion: '2024.8',
      host: '127.0.0.1',
      port: 9000,
      seed: 1,
      tasks: 22,
      events: 250,
      tokenPolicy: { mode: 'any' },
      validateResponses: 'strict',
      corsOrigins: undefined,
      allowedHosts: [],
      bodyLimit: 10485760,
      scenario: undefined,
      stateFile: undefined,
      adminToken: undefined,
      latency: undefined,
      fullSpec: undefined,
      fallbackMode: 'static',
      logFormat: 'text',
      maxSessions: 100,
      quiet: false,
    });
  });

  it('reads the full schema and the fallback mode', () => {
    expect(parseConfig(['--full-spec', 'schema.yml', '--fallback-mode', 'dynamic'], {})).toMatchObject({ fullSpec: 'schema.yml', fallbackMode: 'dynamic' });
    expect(parseConfig([], { MOCK_FULL_SPEC: '/s.json', MOCK_FALLBACK_MODE: 'static' })).toMatchObject({ fullSpec: '/s.json', fallbackMode: 'static' });
    // No path: the schema the package ships (reference/authentik-2024.8.6/schema.yml).
    expect(parseConfig(['--full-spec'], {}).fullSpec).toBe('shipped');
    expect(parseConfig(['--full-spec', '--port', '1'], {})).toMatchObject({ fullSpec: 'shipped', port: 1 });
    expect(parseConfig(['--full-spec=schema.yml'], {}).fullSpec).toBe('schema.yml');
    expect(configFromOptions({ fullSpec: true }, { port: 0 }).fullSpec).toBe('shipped');
    expect(configFromOptions({ fullSpec: 'schema.yml' }, { port: 0 }).fullSpec).toBe('schema.yml');
  });

  it('reads tokens with permission sets, scenarios, the admin token and latency', () => {
    const config = parseConfig(['--tokens', 'admin,viewer:view_event+view_systemtask', '--scenario', 'empty', '--admin-token', 'qa', '--latency', '20-80'], {});
    expect(config.tokenPolicy).toEqual({
      mode: 'list',
      tokens: new Map<string, Principal>([['admin', superuser('admin')], ['viewer', { token: 'viewer', superuser: false, permissions: new Set(['view_event', 'view_systemtask'] as const) }]]),
    });
    expect(config).toMatchObject({ scenario: 'empty', adminToken: 'qa', latency: [20, 80] });
    expect(parseConfig([], { MOCK_LATENCY: '50', MOCK_STATE_FILE: '/tmp/s.json' })).toMatchObject({ latency: 50, stateFile: '/tmp/s.json' });
  });

  it('reads flags in both spellings, and flags beat the environment', () => {
    const config = parseConfig(['--port', '9100', '--seed=5', '--tokens', 'a, b', '--validate-responses', 'warn'], { PORT: '1', MOCK_SEED: '2', MOCK_EVENTS: '7' });
    expect(config).toMatchObject({ port: 9100, seed: 5, events: 7, validateResponses: 'warn' });
    expect(config.tokenPolicy).toEqual({ mode: 'list', tokens: new Map([['a', superuser('a')], ['b', superuser('b')]]) });
  });

  it('reads --upstream, its token, timeout and --proxy, from flags, the environment and startMock options', () => {
    expect(parseConfig(['--upstream', 'https://authentik.example/api/v3/', '--upstream-token', 'T', '--proxy'], {}).upstream).toEqual({ url: 'https://authentik.example/api/v3', token: 'T', timeoutMs: 30000, proxy: true });
    expect(parseConfig([], { MOCK_UPSTREAM: 'http://10.0.0.1:9000/auth/api/v3', MOCK_UPSTREAM_TOKEN: 'E', MOCK_UPSTREAM_TIMEOUT: '500' }).upstream).toEqual({ url: 'http://10.0.0.1:9000/auth/api/v3', token: 'E', timeoutMs: 500, proxy: false });
    expect(configFromOptions({ upstream: 'https://a.example/api/v3', proxy: true, upstreamTimeout: 50 }, { port: 0 }).upstream).toEqual({ url: 'https://a.example/api/v3', timeoutMs: 50, proxy: true });
    expect(parseConfig([], {}).upstream).toBeUndefined();
  });

  it('reads the environment', () => {
    expect(parseConfig([], { HOST: '0.0.0.0', MOCK_TOKENS: 't', MOCK_CORS_ORIGIN: 'http://a, http://b', MOCK_ALLOWED_HOSTS: 'mock.test, .corp.test' })).toMatchObject({
      allowedHosts: ['mock.test', '.corp.test'],
      host: '0.0.0.0',
      tokenPolicy: { mode: 'list', tokens: new Map([['t', superuser('t')]]) },
      corsOrigins: ['http://a', 'http://b'],
    });
  });

  it.each([
    [['--port', 'abc'], '--port must be a whole number from 0 to 65535, not "abc"'],
    [['--port', '70000'], '--port must be a whole number from 0 to 65535, not "70000"'],
    [['--tasks', '-1'], '--tasks must be a whole number from 0 to 1000000, not "-1"'],
    [['--validate-responses', 'loud'], '--validate-responses must be strict, warn or off, not "loud"'],
    [['--tokens', ' , '], '--tokens needs at least one non-empty token'],
    [['--nope'], 'unknown argument --nope (try --help)'],
    [['serve'], 'unknown argument serve (try --help)'],
    [['--prot', '9000'], 'unknown argument --prot (did you mean --port?)'],
    [['--token', 't'], 'unknown argument --token (did you mean --tokens?)'],
    [['--full_spec'], 'unknown argument --full_spec (did you mean --full-spec?)'],
    [['--scenaro=empty'], 'unknown argument --scenaro=empty (did you mean --scenario?)'],
    [['--valid', 'off'], 'unknown argument --valid (did you mean --validate-responses?)'],
    [['--verison'], 'unknown argument --verison (did you mean --version?)'],
    [['--seed'], '--seed needs a value'],
    [['--tokens', 'x:view_everything'], '--tokens: unknown permission "view_everything" for x (known: view_systemtask, run_task, view_event, add_event, change_event, delete_event, view_task, retry_task, view_schedule, change_schedule, send_schedule, view_system_info)'],
    [['--fallback-mode', 'random'], '--fallback-mode must be static or dynamic, not "random"'],
    [['--latency', '80-20'], '--latency must be milliseconds (50) or a range (20-80), not "80-20"'],
    [['--proxy'], "--proxy needs --upstream URL, the real authentik's API root (https://authentik.example/api/v3)"],
    [['--upstream-token', 'T'], "--upstream-token needs --upstream URL, the real authentik's API root (https://authentik.example/api/v3)"],
    [['--upstream', 'authentik.example'], '--upstream must be an http(s) URL of authentik\'s API root, ending in /api/v3 (https://authentik.example/api/v3), not "authentik.example"'],
    [['--upstream', 'https://authentik.example'], '--upstream must be an http(s) URL of authentik\'s API root, ending in /api/v3 (https://authentik.example/api/v3), not "https://authentik.example"'],
    [['--upstream', 'ftp://authentik.example/api/v3'], '--upstream must be an http(s) URL of authentik\'s API root, ending in /api/v3 (https://authentik.example/api/v3), not "ftp://authentik.example/api/v3"'],
    [['--upstream', 'https://a.example/api/v3', '--upstream-timeout', '0'], '--upstream-timeout must be a whole number from 1 to 600000, not "0"'],
    [['--upstream', 'https://a.example/api/v3', '--proxy=maybe'], '--proxy takes no value, or true/false, not "maybe"'],
  ])('rejects %j with one line', (argv, message) => {
    expect(() => parseConfig(argv, {})).toThrow(new ConfigError(message));
  });
});
