import { createTestApp, EVENTS } from './helpers/test-app';

// authentik-behaviour.md, "Measured on authentik's own code": JSON is parsed and written by orjson.
describe('numbers inside the JSON fields keep their Python kind (orjson, then jsonb)', () => {
  const { api } = createTestApp();
  const post = (text: string) => api.post(EVENTS).set('Content-Type', 'application/json').send(text);

  // [sent, the POST's answer (serializer.data), a later GET (what jsonb gives back), or 500 where orjson
  // cannot write what jsonb gives back], measured on authentik 2024.8.6's code and PostgreSQL 15.
  it.each([
    ['1.0', '1.0', '1.0'],
    ['1E2', '100.0', '100.0'],
    // numeric has no negative zero.
    ['-0.0', '-0.0', '0.0'],
    ['0.1', '0.1', '0.1'],
    // json.dumps writes a float of 1e16 or more with an exponent; numeric keeps its digits, read back as an int.
    ['1e16', '1e16', '10000000000000000'],
    ['1e17', '1e17', '100000000000000000'],
    ['-2.5e18', '-2.5e18', '-2500000000000000000'],
    ['9999999999999998.0', '9999999999999998.0', '9999999999999998.0'],
    ['1e20', '1e20', 500],
    ['1.5e300', '1.5e300', 500],
    ['1e-6', '1e-6', '1e-6'],
    ['0.00001', '0.00001', '0.00001'],
    ['5', '5', '5'],
    ['-0', '0', '0'],
    ['9007199254740993', '9007199254740993', '9007199254740993'],
    ['18446744073709551615', '18446744073709551615', '18446744073709551615'],
    ['-9223372036854775808', '-9223372036854775808', '-9223372036854775808'],
  ])('writes %s as %s in the answer to the POST and as %s in a later GET', async (sent, posted, fetchedAs) => {
    const created = await post(`{"action":"login","app":"x","context":{"n":${sent},"list":[${sent}]},"user":{"pk":${sent}}}`);
    expect(created.status).toBe(201);
    expect(created.text).toContain(`"context":{"n":${posted},"list":[${posted}]}`);
    expect(created.text).toContain(`"user":{"pk":${posted}}`);
    const fetched = await api.get(`${EVENTS}${(created.body as { pk: string }).pk}/`);
    if (fetchedAs === 500) {
      expect([fetched.status, fetched.headers['content-type']]).toEqual([500, 'text/html; charset=utf-8']);
    } else {
      expect(fetched.status).toBe(200);
      expect(fetched.text).toContain(`"context":{"n":${fetchedAs},"list":[${fetchedAs}]}`);
    }
  });

  it('reads an integer beyond 64 bits as a float and echoes it so', async () => {
    const created = await post('{"action":"login","app":"x","context":{"n":18446744073709551616}}');
    expect(created.status).toBe(201);
    expect(created.text).toContain('"context":{"n":1.8446744073709552e19}');
  });

  it.each([
    ['1.0', '1.0'],
    ['1e20', '1e+20'],
    ['18446744073709551616', '1.8446744073709552e+19'],
  ])('gives a top-level string field Python\'s str() of the parsed number: app %s -> %j', async (sent, app) => {
    const created = await post(`{"action":"login","app":${sent}}`);
    expect([created.status, (created.body as { app: string }).app]).toEqual([201, app]);
  });

  it.each([
    ['a lone high surrogate', '{"action":"login","app":"x","context":{"s":"\\ud800"}}', 'JSON parse error - No low surrogate in string: line 1 column 45 (char 44)'],
    ['a lone low surrogate', '{"action":"login","app":"\\udc00"}', 'JSON parse error - Invalid low surrogate in string: line 1 column 26 (char 25)'],
    ['nesting past 1,024 levels', `{"action":"login","app":"x","context":${'['.repeat(1100)}${']'.repeat(1100)}}`, 'JSON parse error - Recursion limit reached: line 1 column 1062 (char 1061)'],
    ['a number too large for a double', '{"action":"login","app":"x","context":1e999}', 'JSON parse error - number is infinity when parsed as double: line 1 column 39 (char 38)'],
  ])('answers 400 to %s with a JSON parse error, not a field error', async (_what, text, detail) => {
    const res = await post(text);
    expect([res.status, res.body]).toEqual([400, { detail }]);
  });
});
