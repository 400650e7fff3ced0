import fc from 'fast-check';
import { Agent, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// The request generators both fuzz tests share: odd strings, query strings and bodies.

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface FuzzResponse {
  status: number;
  contentType: string;
  text: string;
}

/** Serves the app on a free port and sends raw requests to it over keep-alive connections. */
export async function startFuzzTarget(app: { listen(port: number, host: string): Server }): Promise<{ send(req: FuzzRequest): Promise<FuzzResponse>; close(): void }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const port = (server.address() as AddressInfo).port;
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const send = (req: FuzzRequest): Promise<FuzzResponse> =>
    new Promise((resolve, reject) => {
      const headers = { ...req.headers, ...(req.body ? { 'Content-Length': String(req.body.length) } : {}) };
      const outgoing = httpRequest({ host: '127.0.0.1', port, method: req.method, path: req.path, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }));
      });
      outgoing.on('error', reject);
      outgoing.end(req.body);
    });
  return {
    send,
    close() {
      agent.destroy();
      server.close();
    },
  };
}


export const rawPercent = (text: string) => encodeURIComponent(text).replaceAll('%25', '%');
export const nasty = fc.constantFrom('', ' ', '\u0000', '%00', '%ZZ', '%E9', '..', '__proto__', 'constructor', '😀', '\u2028', "'; DROP TABLE", 'a'.repeat(300));
/** A query string of up to four pairs, keys from `keys` or random, values odd; broken escapes (%ZZ) stay raw. */
export const queryArb = (keys: readonly string[]): fc.Arbitrary<string> =>
  fc
    .array(
      fc.tuple(
        fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 8 })),
        fc.oneof(fc.constantFrom('last', '0', '-1', '1', '2', '1.0', 'bogus', 'json', 'api', 'error', '-name,uid', 'x,,y'), nasty, fc.string({ maxLength: 20 })),
      ),
      { maxLength: 4 },
    )
    // Percent signs stay raw so that broken escapes (%ZZ) reach the server; everything else is encoded.
    .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${rawPercent(k)}=${rawPercent(v)}`).join('&')}` : ''));
export const jsonText = (value: unknown) => Buffer.from(JSON.stringify(value));
/** Bodies: absent, empty, event-like, polluting, deeply nested, near and over `bodyLimit`, invalid UTF-8, random. */
export const bodyArb = (bodyLimit: number): fc.Arbitrary<Buffer | undefined> =>
  fc.oneof(
    fc.constant(undefined),
    fc.constant(Buffer.alloc(0)),
    fc.record({ action: fc.constantFrom('login', 'custom_', 'nope', ''), app: fc.oneof(fc.string(), nasty, fc.constant(1.0)) }, { requiredKeys: [] }).map(jsonText),
    fc.constant(Buffer.from('{"action":"login","app":"x","user":{"__proto__":{"polluted":true}},"context":{"constructor":{"prototype":{"polluted":true}}}}')),
    // Depths around orjson's limits (254 levels to write, 1,024 to read) and far past V8's stack (30,000
    // levels still fit under the body limit).
    fc.constantFrom(10, 254, 255, 256, 1_024, 1_025, 5_000, 30_000).map((depth) => Buffer.from(`{"action":"login","app":"deep","context":${'['.repeat(depth)}${']'.repeat(depth)}}`)),
    fc.constant(Buffer.from(`{"action":"login","app":"${'x'.repeat(60 * 1024)}"}`)),
    fc.constant(Buffer.from(`{"action":"login","app":"${'x'.repeat(bodyLimit + 10)}"}`)),
    fc.constant(Buffer.from('{"action":"login","app":"a\\u0000b","client_ip":"\\u0000"}')),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
    fc.constant(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])),
    fc.string({ maxLength: 60 }).map((s) => Buffer.from(s)),
    fc.jsonValue({ maxDepth: 4 }).map(jsonText),
    fc
      .constantFrom(
        ...['null', '[]', '"x"', '5', 'NaN', '{"a":', '{"expires":"2025-13-45"}', '{"action":"login","app":"x","expires":"0001-01-01T00:00:00+01:00"}'],
        // Values authentik fails on or reads its own way inside a JSON field: NUL, big ints, lone surrogates.
        ...['"\\u0000"', '{"\\u0000":1}', '18446744073709551616', '1e999', '"\\ud800"', '1.0'].map((value) => `{"action":"login","app":"x","context":{"v":${value}}}`),
      )
      .map((s) => Buffer.from(s)),
  );

