import { ConfigError, parseConfig } from '../src/config';

describe('parseConfig', () => {
  it('has authentik-like defaults', () => {
    expect(parseConfig([], {})).toEqual({
      host: '127.0.0.1',
      port: 9000,
      seed: 1,
      tasks: 22,
      events: 250,
      tokenPolicy: { mode: 'any' },
      validateResponses: 'strict',
      corsOrigins: undefined,
      bodyLimit: 10485760,
    });
  });

  it('reads flags in both spellings, and flags beat the environment', () => {
    const config = parseConfig(['--port', '9100', '--seed=5', '--tokens', 'a, b', '--validate-responses', 'warn'], { PORT: '1', MOCK_SEED: '2', MOCK_EVENTS: '7' });
    expect(config).toMatchObject({ port: 9100, seed: 5, events: 7, validateResponses: 'warn' });
    expect(config.tokenPolicy).toEqual({ mode: 'list', tokens: new Set(['a', 'b']) });
  });

  it('reads the environment', () => {
    expect(parseConfig([], { HOST: '0.0.0.0', MOCK_TOKENS: 't', MOCK_CORS_ORIGIN: 'http://a, http://b' })).toMatchObject({
      host: '0.0.0.0',
      tokenPolicy: { mode: 'list', tokens: new Set(['t']) },
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
    [['--seed'], '--seed needs a value'],
  ])('rejects %j with one line', (argv, message) => {
    expect(() => parseConfig(argv, {})).toThrow(new ConfigError(message));
  });
});
